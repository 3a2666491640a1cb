"""public reports and the triage queue (issue 7)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Placeholder: the tables are added with the feature."""


def downgrade() -> None:
    """Placeholder: nothing to remove yet."""
