"""audit log (download_log folded in), and each staff user's session epoch

Revision ID: c12a_auth_audit
Revises: c11a_translations
"""

import sqlalchemy as sa
from alembic import op

revision = "c12a_auth_audit"
down_revision = "c11a_translations"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])
    op.create_index("ix_audit_entry_action", "audit_entry", ["action"])
    op.execute(
        "INSERT INTO audit_entry (at, user_id, actor, action, target, details) "
        "SELECT download_log.at, download_log.user_id, COALESCE(staff_user.email, ''), "
        "'download', download_log.what, download_log.filters FROM download_log "
        "LEFT JOIN staff_user ON staff_user.id = download_log.user_id"
    )
    op.drop_table("download_log")
    # Plain ALTER TABLE, not batch mode: SQLite's batch copy would drop staff_user, which
    # other tables' foreign keys refer to.
    op.add_column(
        "staff_user", sa.Column("session_epoch", sa.Integer(), nullable=False, server_default="0")
    )


def downgrade():
    op.drop_column("staff_user", "session_epoch")
    op.create_table(
        "download_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("what", sa.String(length=100), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(
        "INSERT INTO download_log (user_id, what, filters, at) SELECT user_id, "
        "SUBSTR(target, 1, 100), details, at FROM audit_entry WHERE action = 'download'"
    )
    op.drop_index("ix_audit_entry_action", "audit_entry")
    op.drop_index("ix_audit_entry_at", "audit_entry")
    op.drop_table("audit_entry")
