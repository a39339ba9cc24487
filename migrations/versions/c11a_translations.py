"""translation revisions, and the wording revision of each response

Revision ID: c11a_translations
Revises: 148acba23431
"""

import sqlalchemy as sa
from alembic import op

revision = "c11a_translations"
down_revision = "148acba23431"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "translation_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("questionnaire_id", "version", "language", "revision"),
    )
    with op.batch_alter_table("response") as batch:
        batch.add_column(
            sa.Column("wording_revision", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade():
    with op.batch_alter_table("response") as batch:
        batch.drop_column("wording_revision")
    op.drop_table("translation_revision")
