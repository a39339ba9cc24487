"""paper_import: the content hash of every imported paper-response file, unique

Revision ID: c13d_paper_imports
Revises: c10a_phases
"""

import sqlalchemy as sa
from alembic import op

revision = "c13d_paper_imports"
down_revision = "c10a_phases"
branch_labels = None
depends_on = None


def upgrade():
    # Files imported before this revision have no hash: they cannot be recognised, so the
    # table starts empty (the respondent check still catches a keyed file imported again).
    op.create_table(
        "paper_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("response_count", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash", name="uq_paper_import_content_hash"),
    )


def downgrade():
    op.drop_table("paper_import")
