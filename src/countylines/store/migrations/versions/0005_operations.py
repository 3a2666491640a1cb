"""operations, day of action, results, cases, closures (issue 8)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Operations (each in a compartment), their lines, nominals, authorisations, phases,
    teams and targets; arrests, charges, hearings, sentences, referrals, visits, seizures;
    line closures and their check-back alerts."""
    op.create_table(
        "operations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("compartment_id", sa.Integer(), nullable=False),
        sa.Column("sio", sa.String(length=200), nullable=False),
        sa.Column("objectives", sa.JSON(), nullable=False),
        sa.Column("strike_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["compartment_id"],
            ["compartments.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index(
        op.f("ix_operations_compartment_id"), "operations", ["compartment_id"], unique=False
    )
    op.create_table(
        "operation_authorisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("operation_id", "reference", name="uq_operation_authorisations"),
    )
    op.create_index(
        op.f("ix_operation_authorisations_operation_id"),
        "operation_authorisations",
        ["operation_id"],
        unique=False,
    )
    op.create_table(
        "operation_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=100), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("operation_id", "line_id", name="uq_operation_lines"),
    )
    op.create_index(
        op.f("ix_operation_lines_operation_id"), "operation_lines", ["operation_id"], unique=False
    )
    op.create_table(
        "operation_nominals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("nominal_id", sa.String(length=100), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("numbers", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("possible_victim", sa.Boolean(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("operation_id", "nominal_id", name="uq_operation_nominals"),
    )
    op.create_index(
        op.f("ix_operation_nominals_operation_id"),
        "operation_nominals",
        ["operation_id"],
        unique=False,
    )
    op.create_table(
        "operation_phases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_phases_operation_id"), "operation_phases", ["operation_id"], unique=False
    )
    op.create_table(
        "operation_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("leader", sa.String(length=200), nullable=False),
        sa.Column("officers", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("operation_id", "name", name="uq_operation_teams"),
    )
    op.create_index(
        op.f("ix_operation_teams_operation_id"), "operation_teams", ["operation_id"], unique=False
    )
    op.create_table(
        "operation_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("cell_id", sa.String(length=100), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("line_ids", sa.JSON(), nullable=False),
        sa.Column("nominal_ids", sa.JSON(), nullable=False),
        sa.Column("numbers", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("authorisation_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["authorisation_id"],
            ["operation_authorisations.id"],
        ),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["operation_teams.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_targets_operation_id"),
        "operation_targets",
        ["operation_id"],
        unique=False,
    )
    op.create_table(
        "operation_arrests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("nominal_id", sa.String(length=100), nullable=True),
        sa.Column("numbers", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("possible_victim", sa.Boolean(), nullable=False),
        sa.Column("offence", sa.Text(), nullable=False),
        sa.Column("arrested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["operation_targets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_arrests_arrested_at"), "operation_arrests", ["arrested_at"], unique=False
    )
    op.create_index(
        op.f("ix_operation_arrests_operation_id"),
        "operation_arrests",
        ["operation_id"],
        unique=False,
    )
    op.create_table(
        "operation_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("visited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cuckooed", sa.Boolean(), nullable=False),
        sa.Column("vulnerable_people", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["operation_targets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_visits_operation_id"), "operation_visits", ["operation_id"], unique=False
    )
    op.create_index(
        op.f("ix_operation_visits_visited_at"), "operation_visits", ["visited_at"], unique=False
    )
    op.create_table(
        "operation_charges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arrest_id", sa.Integer(), nullable=False),
        sa.Column("offence", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("cps_decision", sa.String(length=60), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["arrest_id"], ["operation_arrests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_charges_arrest_id"), "operation_charges", ["arrest_id"], unique=False
    )
    op.create_index(
        op.f("ix_operation_charges_decided_on"), "operation_charges", ["decided_on"], unique=False
    )
    op.create_table(
        "operation_hearings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arrest_id", sa.Integer(), nullable=False),
        sa.Column("court", sa.String(length=200), nullable=False),
        sa.Column("heard_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=60), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["arrest_id"], ["operation_arrests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_hearings_arrest_id"), "operation_hearings", ["arrest_id"], unique=False
    )
    op.create_table(
        "operation_referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("route", sa.String(length=40), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("possible_child", sa.Boolean(), nullable=False),
        sa.Column("referred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("arrest_id", sa.Integer(), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["arrest_id"],
            ["operation_arrests.id"],
        ),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["operation_targets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_referrals_operation_id"),
        "operation_referrals",
        ["operation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_operation_referrals_referred_at"),
        "operation_referrals",
        ["referred_at"],
        unique=False,
    )
    op.create_table(
        "operation_seizures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("seized_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("drug_type", sa.String(length=60), nullable=True),
        sa.Column("milligrams", sa.BigInteger(), nullable=False),
        sa.Column("pence", sa.BigInteger(), nullable=False),
        sa.Column("weapon_kind", sa.String(length=60), nullable=True),
        sa.Column("numbers", sa.JSON(), nullable=False),
        sa.Column("line_ids", sa.JSON(), nullable=False),
        sa.Column("arrest_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["arrest_id"],
            ["operation_arrests.id"],
        ),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_seizures_operation_id"),
        "operation_seizures",
        ["operation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_operation_seizures_seized_at"), "operation_seizures", ["seized_at"], unique=False
    )
    op.create_table(
        "operation_sentences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arrest_id", sa.Integer(), nullable=False),
        sa.Column("sentenced_on", sa.Date(), nullable=False),
        sa.Column("custodial_months", sa.Integer(), nullable=False),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.Column("community_order", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["arrest_id"], ["operation_arrests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_operation_sentences_arrest_id"), "operation_sentences", ["arrest_id"], unique=False
    )
    op.create_table(
        "line_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=100), nullable=False),
        sa.Column("closure_type", sa.Integer(), nullable=False),
        sa.Column("numbers", sa.JSON(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("charge_id", sa.Integer(), nullable=True),
        sa.Column("deactivation_reference", sa.String(length=200), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["charge_id"],
            ["operation_charges.id"],
        ),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("line_id"),
    )
    op.create_index(
        op.f("ix_line_closures_closed_at"), "line_closures", ["closed_at"], unique=False
    )
    op.create_index(
        op.f("ix_line_closures_operation_id"), "line_closures", ["operation_id"], unique=False
    )
    op.create_table(
        "closure_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("closure_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("first_seen_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["closure_id"], ["line_closures.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("closure_id", "number", "kind", name="uq_closure_alerts"),
    )
    op.create_index(
        op.f("ix_closure_alerts_closure_id"), "closure_alerts", ["closure_id"], unique=False
    )


def downgrade() -> None:
    """Drop the operations tables, newest first."""
    op.drop_index(op.f("ix_closure_alerts_closure_id"), table_name="closure_alerts")
    op.drop_table("closure_alerts")
    op.drop_index(op.f("ix_line_closures_operation_id"), table_name="line_closures")
    op.drop_index(op.f("ix_line_closures_closed_at"), table_name="line_closures")
    op.drop_table("line_closures")
    op.drop_index(op.f("ix_operation_sentences_arrest_id"), table_name="operation_sentences")
    op.drop_table("operation_sentences")
    op.drop_index(op.f("ix_operation_seizures_seized_at"), table_name="operation_seizures")
    op.drop_index(op.f("ix_operation_seizures_operation_id"), table_name="operation_seizures")
    op.drop_table("operation_seizures")
    op.drop_index(op.f("ix_operation_referrals_referred_at"), table_name="operation_referrals")
    op.drop_index(op.f("ix_operation_referrals_operation_id"), table_name="operation_referrals")
    op.drop_table("operation_referrals")
    op.drop_index(op.f("ix_operation_hearings_arrest_id"), table_name="operation_hearings")
    op.drop_table("operation_hearings")
    op.drop_index(op.f("ix_operation_charges_decided_on"), table_name="operation_charges")
    op.drop_index(op.f("ix_operation_charges_arrest_id"), table_name="operation_charges")
    op.drop_table("operation_charges")
    op.drop_index(op.f("ix_operation_visits_visited_at"), table_name="operation_visits")
    op.drop_index(op.f("ix_operation_visits_operation_id"), table_name="operation_visits")
    op.drop_table("operation_visits")
    op.drop_index(op.f("ix_operation_arrests_operation_id"), table_name="operation_arrests")
    op.drop_index(op.f("ix_operation_arrests_arrested_at"), table_name="operation_arrests")
    op.drop_table("operation_arrests")
    op.drop_index(op.f("ix_operation_targets_operation_id"), table_name="operation_targets")
    op.drop_table("operation_targets")
    op.drop_index(op.f("ix_operation_teams_operation_id"), table_name="operation_teams")
    op.drop_table("operation_teams")
    op.drop_index(op.f("ix_operation_phases_operation_id"), table_name="operation_phases")
    op.drop_table("operation_phases")
    op.drop_index(op.f("ix_operation_nominals_operation_id"), table_name="operation_nominals")
    op.drop_table("operation_nominals")
    op.drop_index(op.f("ix_operation_lines_operation_id"), table_name="operation_lines")
    op.drop_table("operation_lines")
    op.drop_index(
        op.f("ix_operation_authorisations_operation_id"), table_name="operation_authorisations"
    )
    op.drop_table("operation_authorisations")
    op.drop_index(op.f("ix_operations_compartment_id"), table_name="operations")
    op.drop_table("operations")
