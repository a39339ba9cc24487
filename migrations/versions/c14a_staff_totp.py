"""each staff user's optional second factor (TOTP secret and the last accepted time step)

Revision ID: c14a_staff_totp
Revises: c13d_paper_imports
"""

import sqlalchemy as sa
from alembic import op

revision = "c14a_staff_totp"
down_revision = "c13d_paper_imports"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE, not batch mode: SQLite's batch copy would drop staff_user, which
    # other tables' foreign keys refer to (as in c12a_auth_audit).
    op.add_column("staff_user", sa.Column("totp_secret", sa.String(length=64), nullable=True))
    op.add_column("staff_user", sa.Column("totp_last_step", sa.BigInteger(), nullable=True))


def downgrade():
    op.drop_column("staff_user", "totp_last_step")
    op.drop_column("staff_user", "totp_secret")
