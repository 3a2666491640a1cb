"""What planning reads from the workspace: the picture, the night bases, the intelligence.

* :func:`proposals` - targets proposed for the operation's lines from the
  latest analysis picture, with each holder's and runner's night base from
  the call data (:mod:`countylines.operations.evidence`);
* :func:`intel_items` - the sanitised intelligence reports the principal may
  see, with their phone and address subjects (for hazards); reports in a
  compartment the principal lacks come back only as "held elsewhere".
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from countylines.analysis.settings import load_detection_settings
from countylines.operations import evidence, planning
from countylines.operations.hazards import IntelItem
from countylines.security.access import Principal, held_elsewhere
from countylines.settings import Settings
from countylines.store.evidence import register_views
from countylines.store.models import IntelReport
from countylines.workspace import Workspace


def proposals(
    ws: Workspace, picture: dict[str, Any], line_ids: Sequence[str]
) -> list[planning.Proposal]:
    """Targets proposed for ``line_ids`` from ``picture`` and the call data's night bases.

    Raises:
        countylines.operations.planning.PlanError: a line not in the picture.
    """
    refs = planning.line_refs(picture, line_ids)
    people = sorted({n for r in refs for n in (*r.holder_numbers, *r.runner_numbers)})
    path = ws.root / "detection.yaml"
    settings = load_detection_settings(path if path.exists() else None)
    with ws.duckdb() as con:
        rows = (
            evidence.night_cells(con, people, settings)
            if "call_events" in register_views(ws, con)
            else []
        )
    cells = {cell: (lat, lon) for _, cell, _, _, lat, lon in rows if lat is not None}
    return planning.propose_targets(
        picture,
        list(line_ids),
        evidence.bases(rows),
        {k: (float(v[0]), float(v[1])) for k, v in cells.items() if v[1] is not None},
    )


def intel_items(session: Session, principal: Principal) -> tuple[list[IntelItem], dict[str, str]]:
    """Reports the principal may see, and URN -> "held elsewhere" text for the others."""
    items: list[IntelItem] = []
    held: dict[str, str] = {}
    reports = session.scalars(
        select(IntelReport).options(selectinload(IntelReport.subjects)).order_by(IntelReport.id)
    )
    for r in reports:
        compartment = getattr(r, "compartment_id", None)
        elsewhere = held_elsewhere(session, principal, compartment)
        numbers = tuple(
            s.normalised for s in r.subjects if s.kind == "phone" and s.normalised is not None
        )
        if elsewhere is not None:
            held[r.urn] = elsewhere.message
            items.append(
                IntelItem(r.urn, "", r.report_date, r.grading_scheme, "", "", "", None, numbers)
            )
            continue
        items.append(
            IntelItem(
                urn=r.urn,
                text=r.text,
                report_date=r.report_date,
                scheme=r.grading_scheme,
                source_grade=r.source_grade,
                intelligence_grade=r.intelligence_grade,
                handling_code=r.handling_code,
                handling_conditions=r.handling_conditions,
                numbers=numbers,
                addresses=tuple(s.value for s in r.subjects if s.kind == "address"),
            )
        )
    return items, held


def workspace_for(session: Session, root: Path) -> Workspace:
    """The workspace at ``root`` on the same records engine as ``session``.

    For callers that hold a session and the workspace folder but not the
    workspace (the web's audited store): call-data queries need the
    workspace's evidence views and DuckDB settings.

    Raises:
        TypeError: if the session is not bound to an engine.
    """
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        raise TypeError("the session must be bound to an engine")
    settings = Settings(workspace=root)
    return Workspace(root=root, settings=settings, engine=engine, _sessions=sessionmaker(engine))
