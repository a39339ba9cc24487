"""safeguarding: leads' organisations, concerns raised from free-text answers, scanned responses

Revision ID: d16a_safeguarding
Revises: c14a_staff_totp
"""

import sqlalchemy as sa
from alembic import op

revision = "d16a_safeguarding"
down_revision = "c14a_staff_totp"
branch_labels = None
depends_on = None


def upgrade():
    # New tables only: nothing existing is altered (no batch copy of staff_user on SQLite).
    op.create_table(
        "safeguarding_scope",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "organisation_id"),
    )
    op.create_index(
        "ix_safeguarding_scope_organisation_id", "safeguarding_scope", ["organisation_id"]
    )
    op.create_table(
        "concern",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=10), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["response_id"], ["response.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["survey_session.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewed_by_id"], ["staff_user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("response_id", "item_id"),
    )
    op.create_index("ix_concern_session_id", "concern", ["session_id"])
    op.create_index("ix_concern_status", "concern", ["status"])
    op.create_table(
        "safeguarding_scan",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("scanned_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["response_id"], ["response.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("response_id"),
    )


def downgrade():
    op.drop_table("safeguarding_scan")
    op.drop_index("ix_concern_status", table_name="concern")
    op.drop_index("ix_concern_session_id", table_name="concern")
    op.drop_table("concern")
    op.drop_index("ix_safeguarding_scope_organisation_id", table_name="safeguarding_scope")
    op.drop_table("safeguarding_scope")
