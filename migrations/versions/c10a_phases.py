"""phases open when the facilitator says: opening and closing times per link

Revision ID: c10a_phases
Revises: c12a_auth_audit
"""

import sqlalchemy as sa
from alembic import op

revision = "c10a_phases"
down_revision = "c12a_auth_audit"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("session_link") as batch:
        batch.add_column(sa.Column("opens_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("closes_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("session_link") as batch:
        batch.drop_column("closes_at")
        batch.drop_column("opens_at")
