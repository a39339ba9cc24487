"""paper codes: a shared-devices session's letter-month-count code moves to match_code

Revision ID: e38a_paper_codes
Revises: d16a_safeguarding

Before ADR 0038 the paper import kept a code such as "s-03-1" as typed in respondent_key, where
it could pair only with another paper form typed exactly alike. It is now read as the tablet
reads it and kept in match_code; moving the old rows means a session whose BEFORE forms were
imported before the change still pairs with AFTER forms imported after it.
"""

import sqlalchemy as sa
from alembic import op

from survey_app.respond.code_parts import code_from_text, looks_like_code

revision = "e38a_paper_codes"
down_revision = "d16a_safeguarding"
branch_labels = None
depends_on = None

PAPER_KEYS = sa.text(
    "SELECT r.id, r.respondent_key FROM response r JOIN survey_session s ON s.id = r.session_id "
    "WHERE r.source = 'paper' AND s.shared_devices = :shared AND r.respondent_key IS NOT NULL "
    "AND r.match_code IS NULL"
).bindparams(shared=True)


def upgrade():
    bind = op.get_bind()
    for response_id, key in bind.execute(PAPER_KEYS).all():
        code = code_from_text(key) if looks_like_code(key) else None
        if code is not None:
            bind.execute(
                sa.text("UPDATE response SET match_code = :code, respondent_key = NULL "
                        "WHERE id = :id"),
                {"code": code, "id": response_id},
            )  # fmt: skip


def downgrade():
    op.execute(
        "UPDATE response SET respondent_key = match_code, match_code = NULL "
        "WHERE source = 'paper' AND match_code IS NOT NULL"
    )
