"""safeguarding status (issue 5): each status given to a possible victim, never overwritten

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``safeguarding_status``."""
    op.create_table(
        "safeguarding_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("safeguarding_id", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("safeguarding_status", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_safeguarding_status_safeguarding_id"), ["safeguarding_id"], unique=False
        )


def downgrade() -> None:
    """Drop ``safeguarding_status``."""
    with op.batch_alter_table("safeguarding_status", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_status_safeguarding_id"))
    op.drop_table("safeguarding_status")
