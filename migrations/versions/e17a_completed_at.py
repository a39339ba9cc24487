"""responses: when the pupil completed the form, beside when it arrived (offline answering)

Revision ID: e17a_completed_at
Revises: e38a_paper_codes
"""

import sqlalchemy as sa
from alembic import op

revision = "e17a_completed_at"
down_revision = "e38a_paper_codes"
branch_labels = None
depends_on = None


def upgrade():
    # A nullable column added: no batch copy of the response table on SQLite.
    op.add_column("response", sa.Column("completed_at", sa.DateTime(), nullable=True))
    # Before offline answering a web answer was completed when it arrived; paper has no time.
    op.execute("UPDATE response SET completed_at = submitted_at WHERE source = 'web'")


def downgrade():
    with op.batch_alter_table("response") as batch:
        batch.drop_column("completed_at")
