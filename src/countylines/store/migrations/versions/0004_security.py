"""users, roles, compartments, sessions and the s.62 audit log (issue 6)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder: the tables are added with the feature."""


def downgrade() -> None:
    """Placeholder: nothing to remove yet."""
