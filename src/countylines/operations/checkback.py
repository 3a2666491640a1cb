"""Check-backs on closed lines against the call data now in the workspace.

Runs whenever asked (``countylines operation checkback``, the operations web
page) and is cheap to repeat: alerts already stored are not raised twice.

The lines compared are the newest analysis picture's when it was made from
every call-data file now loaded (so new call data is never missed); else the
detection is run afresh on the call data (``analysis.lines.detect_lines``,
the same analysis ``countylines analyse`` runs). Closed numbers that no
longer score as a line of their own are caught from their raw use after the
closure (:func:`countylines.operations.evidence.use_after`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from countylines.analysis.lines import detect_lines
from countylines.analysis.settings import load_detection_settings
from countylines.engine.duckdb_engine import DuckDBEngine
from countylines.operations import closures, evidence
from countylines.operations.records import Closure
from countylines.store.evidence import register_views
from countylines.store.models import SourceFile
from countylines.store.picture import load_latest_picture
from countylines.workspace import Workspace


@dataclass(frozen=True)
class CheckBackRun:
    """The alerts found (new and already stored) and which lines they were compared with."""

    alerts: list[closures.CheckBackAlert]
    source: str


def loaded_call_data(ws: Workspace) -> set[int]:
    """Ids of the call-data imports now loaded."""
    with ws.session() as session:
        return set(
            session.scalars(
                select(SourceFile.id).where(
                    SourceFile.source_kind == "cdr", SourceFile.status == "loaded"
                )
            )
        )


def current_lines(ws: Workspace) -> tuple[list[dict[str, Any]], str]:
    """The lines as the call data now shows them, and where they came from (in words)."""
    picture = load_latest_picture(ws.root)
    if picture is not None:
        covered = {
            int(i["source_file_id"])
            for i in picture.get("inputs", [])
            if i.get("source_file_id") is not None
        }
        if loaded_call_data(ws) <= covered:
            return list(picture.get("lines", [])), f"analysis picture {picture.get('run_id')}"
    path = ws.root / "detection.yaml"
    settings = load_detection_settings(path if path.exists() else None)
    with ws.duckdb() as con:
        if "call_events" not in register_views(ws, con):
            return [], "no call data in the workspace"
        detection = detect_lines(DuckDBEngine(con), settings)
    return (
        [line.to_json() for line in detection.lines],
        "line detection run now on all call data (the analysis picture is older than the "
        "newest call data)",
    )


def check(ws: Workspace, watched: list[Closure]) -> CheckBackRun:
    """Compare ``watched`` closures with the call data now in the workspace."""
    if not watched:
        return CheckBackRun([], "no closed lines to check")
    lines, source = current_lines(ws)
    since: dict[str, dt.datetime] = {}
    for c in watched:
        for number in c.numbers:
            since[number] = min(since.get(number, c.closed_at), c.closed_at)
    with ws.duckdb() as con:
        use = evidence.use_after(con, since) if "call_events" in register_views(ws, con) else {}
    return CheckBackRun(closures.check_backs(watched, lines, use), source)


SYSTEM_ACTOR = "system:check-back"


def run_for_all(ws: Workspace) -> int:
    """Check every closure of every operation now; store new alerts; how many are new.

    Meant to run unattended right after new call data is loaded (a hook in
    ``countylines ingest cdr`` or ``analyse``): it acts for no user, so it is
    logged (s.62) as :data:`SYSTEM_ACTOR`, and returns only a count, which
    reveals nothing of any compartment. Users see the alerts through
    ``countylines operation checkback`` or the operation's page.
    """
    from countylines.operations.closing import save_alerts
    from countylines.operations.results import load_records
    from countylines.security.audit import record_event

    with ws.session() as session:
        watched = load_records(session).closures
    if not watched:
        return 0
    run = check(ws, watched)
    with ws.session() as session, session.begin():
        new = save_alerts(session, run.alerts)
        record_event(
            session,
            actor=SYSTEM_ACTOR,
            action="collection",
            record_type="closure_alert",
            record_id=None,
            summary=f"check-backs of {len(watched)} closures after new call data: "
            f"{len(run.alerts)} alerts, {len(new)} new ({run.source})",
        )
    return len(new)
