"""Migration 0004 on a workspace that already holds intelligence: nothing is lost."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from countylines.store import db
from countylines.store.models import Base


def test_upgrade_keeps_reports_subjects_and_gradings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = db.make_engine(url)
    cfg = db.alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(
            text(
                "INSERT INTO intel_reports (id, urn, report_date, text, grading_scheme, source_grade,"
                " intelligence_grade, handling_code, created_at) VALUES"
                " (1, 'U1', '2024-01-01', 't', '3x5x2', '1', 'A', 'P', '2024-01-01 00:00:00')"
            )
        )
        conn.execute(
            text("INSERT INTO intel_subjects (report_id, kind, value) VALUES (1, 'person', 'A')")
        )
        conn.execute(
            text(
                "INSERT INTO intel_gradings (report_id, scheme, source_grade, intelligence_grade,"
                " handling_code, graded_at, graded_by, reason) VALUES"
                " (1, '3x5x2', '1', 'A', 'P', '2024-01-01 00:00:00', 'x', 'y')"
            )
        )
    db.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM intel_subjects")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM intel_gradings")).scalar() == 1
        assert conn.execute(text("SELECT compartment_id FROM intel_reports")).scalar() is None
        assert conn.execute(text("SELECT seq, hash FROM audit_head")).one() == (0, "0" * 64)
    engine.dispose()
    assert "compartments" in Base.metadata.tables
    create_engine(url).dispose()
