"""the channel a public report came by, and that channel's own reference (issue 7)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 22:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """``channel`` (the public page, 101, Crimestoppers, other; existing rows came by the page)
    and ``channel_reference`` (a 101 log number, a Crimestoppers reference: never the person)."""
    with op.batch_alter_table("public_reports") as batch:
        batch.add_column(
            sa.Column("channel", sa.String(length=20), nullable=False, server_default="public page")
        )
        batch.add_column(sa.Column("channel_reference", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Drop both columns."""
    with op.batch_alter_table("public_reports") as batch:
        batch.drop_column("channel_reference")
        batch.drop_column("channel")
