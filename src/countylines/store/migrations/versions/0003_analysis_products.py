"""analysis runs and products (issue 5)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder: the tables are added with the feature."""


def downgrade() -> None:
    """Placeholder: nothing to remove yet."""
