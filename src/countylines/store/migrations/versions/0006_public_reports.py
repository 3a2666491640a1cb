"""public reports and the triage queue (issue 7)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reports from the public (no identifier of the sender, arrival coarsened to the hour)
    and their triage decisions (countylines.public.models)."""
    op.create_table(
        "public_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("received_period", sa.DateTime(timezone=True), nullable=False),
        sa.Column("available_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("where_text", sa.Text(), nullable=True),
        sa.Column("where_latitude", sa.Float(), nullable=True),
        sa.Column("where_longitude", sa.Float(), nullable=True),
        sa.Column("where_lsoa", sa.String(length=12), nullable=True),
        sa.Column("when_text", sa.Text(), nullable=True),
        sa.Column("people", sa.Text(), nullable=True),
        sa.Column("vehicles", sa.Text(), nullable=True),
        sa.Column("phones", sa.Text(), nullable=True),
        sa.Column("children", sa.String(length=12), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("mentions_pending", sa.Boolean(), nullable=False),
        sa.Column("duplicate_candidates", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("thrive_threat", sa.String(length=10), nullable=True),
        sa.Column("thrive_harm", sa.String(length=10), nullable=True),
        sa.Column("thrive_risk", sa.String(length=10), nullable=True),
        sa.Column("thrive_investigation", sa.Text(), nullable=True),
        sa.Column("thrive_vulnerability", sa.Text(), nullable=True),
        sa.Column("thrive_engagement", sa.Text(), nullable=True),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.Column("intel_report_id", sa.Integer(), nullable=True),
        sa.Column("triaged_by", sa.String(length=200), nullable=True),
        sa.Column("triaged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["duplicate_of_id"], ["public_reports.id"]),
        sa.ForeignKeyConstraint(["intel_report_id"], ["intel_reports.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    op.create_index(
        op.f("ix_public_reports_available_from"), "public_reports", ["available_from"], unique=False
    )
    op.create_index(
        op.f("ix_public_reports_intel_report_id"),
        "public_reports",
        ["intel_report_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_public_reports_released"), "public_reports", ["released"], unique=False
    )
    op.create_index(op.f("ix_public_reports_status"), "public_reports", ["status"], unique=False)
    op.create_table(
        "public_report_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_report_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["public_report_id"], ["public_reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_public_report_decisions_public_report_id"),
        "public_report_decisions",
        ["public_report_id"],
        unique=False,
    )


def downgrade() -> None:
    """Remove the public reports and their decisions."""
    op.drop_index(
        op.f("ix_public_report_decisions_public_report_id"), table_name="public_report_decisions"
    )
    op.drop_table("public_report_decisions")
    op.drop_index(op.f("ix_public_reports_status"), table_name="public_reports")
    op.drop_index(op.f("ix_public_reports_released"), table_name="public_reports")
    op.drop_index(op.f("ix_public_reports_intel_report_id"), table_name="public_reports")
    op.drop_index(op.f("ix_public_reports_available_from"), table_name="public_reports")
    op.drop_table("public_reports")
