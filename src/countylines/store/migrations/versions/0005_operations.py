"""operations, day of action, results, cases, closures (issue 8)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder: the tables are added with the feature."""


def downgrade() -> None:
    """Placeholder: nothing to remove yet."""
