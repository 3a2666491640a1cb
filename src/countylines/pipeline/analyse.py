"""``countylines analyse``: from a workspace to a stored, ranked, explained picture.

Steps (each a pure analysis over tables read here):

1. deal lines from the call data (:func:`countylines.analysis.lines.detect_lines`);
2. where and when each line was used (cells, days, recent trend) - SQL over the evidence;
3. intelligence reports with their subjects and text mentions
   (:mod:`countylines.extract`), linked to lines, holders and runners;
4. hotspots by LSOA from police.uk crime and stop-search with the loaded geography;
5. threat/harm/risk priorities and the safeguarding list
   (:func:`countylines.analysis.picture.build_picture_parts`).

The picture records its inputs (every active imported file with its SHA-256)
and the full settings, so a product made from it can be re-made identically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from countylines import __version__
from countylines.analysis.intel_links import Mention, ReportRecord
from countylines.analysis.lines import LineReport, detect_lines
from countylines.analysis.picture import CellUse, LineUsage, build_picture_parts
from countylines.analysis.priority_settings import PrioritySettings, load_priority_settings
from countylines.analysis.settings import DetectionSettings, load_detection_settings
from countylines.domain.phone import NumberError, canonical_number
from countylines.engine.duckdb_engine import DuckDBEngine
from countylines.pipeline import hotspots_step
from countylines.store.evidence import register_views
from countylines.store.models import IntelReport, SourceFile
from countylines.store.picture import PICTURE_FORMAT, PICTURE_VERSION, save_picture
from countylines.workspace import Workspace

MentionFinder = Callable[[str], list[Mention]]


@dataclass(frozen=True)
class AnalyseOptions:
    """Settings files (None: the workspace's own file if present, else built-in).

    ``made_at`` and ``run_id`` are given only to re-make a recorded run.
    """

    detection_file: Path | None = None
    priority_file: Path | None = None
    made_at: dt.datetime | None = None
    run_id: str | None = None
    mentions_of: MentionFinder | None = None
    settings_sources: dict[str, str] | None = None
    save: bool = True


def settings_for(
    ws: Workspace, options: AnalyseOptions
) -> tuple[DetectionSettings, PrioritySettings, dict[str, str]]:
    """Detection and priority settings, and which file each came from.

    Raises:
        countylines.analysis.settings.SettingsError: for a bad settings file.
    """
    det = options.detection_file or _own(ws.root / "detection.yaml")
    pri = options.priority_file or _own(ws.root / "priority.yaml")
    sources = {"detection": str(det or "built-in"), "priority": str(pri or "built-in")}
    return load_detection_settings(det), load_priority_settings(pri), sources


def _own(path: Path) -> Path | None:
    return path if path.exists() else None


def analyse(ws: Workspace, options: AnalyseOptions | None = None) -> dict[str, Any]:
    """Run the analysis over the workspace; store and return the picture.

    Raises:
        countylines.analysis.settings.SettingsError: for a bad settings file.
        countylines.engine.base.EngineError: if an evidence query fails.
    """
    options = options or AnalyseOptions()
    detection_settings, priority_settings, sources = settings_for(ws, options)
    inputs = recorded_inputs(ws)
    settings_json = {
        "detection": detection_settings.model_dump(mode="json"),
        "priority": priority_settings.model_dump(mode="json"),
        "sources": options.settings_sources or sources,
    }
    settings_sha = _sha(settings_json)
    made_at = options.made_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    run_id = options.run_id or (
        f"run-{made_at:%Y%m%dT%H%M%SZ}-" + _sha({"i": inputs, "s": settings_sha})[:6]
    )
    warnings: list[str] = []
    with ws.duckdb() as con:
        views = register_views(ws, con)
        lines: list[LineReport] = []
        data_end: dt.datetime | None = None
        if "call_events" in views:
            detection = detect_lines(DuckDBEngine(con), detection_settings)
            lines, data_end, warnings = detection.lines, detection.data_end, detection.warnings
        else:
            warnings.append("no call data in the workspace: no lines can be found")
        usage = _usage(con, lines, data_end, detection_settings, priority_settings)
        sites = _sites(con, views)
        hotspots, geography = hotspots_step.run(ws, con, set(views), usage, sites)
    if hotspots.get("period_warning"):
        warnings.append(hotspots["period_warning"])
    simulated = [i["file_name"] for i in inputs if i.get("simulated")]
    as_of = (data_end or made_at).date()
    reports = _reports(ws, options.mentions_of or text_mentions)
    parts = build_picture_parts(lines, usage, reports, geography, as_of, priority_settings, sites)
    picture: dict[str, Any] = {
        "format": PICTURE_FORMAT,
        "version": PICTURE_VERSION,
        "software": f"countylines {__version__}",
        "run_id": run_id,
        "made_at": made_at.isoformat(),
        "as_of": as_of.isoformat(),
        "data_end": data_end.isoformat() if data_end else None,
        "inputs": inputs,
        "settings": settings_json,
        "settings_sha256": settings_sha,
        "intel_reports": len(reports),
        "simulated_inputs": simulated,
        "hotspots": hotspots,
        "warnings": warnings,
        **parts,
    }
    if options.save:
        save_picture(ws.root, picture)
    return picture


def _sha(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def recorded_inputs(ws: Workspace) -> list[dict[str, Any]]:
    """Every active imported file: id, kind, name and SHA-256 (the product's inputs)."""
    with ws.session() as session:
        rows = session.scalars(
            select(SourceFile).where(SourceFile.removed_at.is_(None)).order_by(SourceFile.id)
        ).all()
        return [
            {
                "source_file_id": f.id,
                "kind": f.source_kind,
                "file_name": f.file_name,
                "path": f.path,
                "sha256": f.sha256,
                "status": f.status,
                "simulated": _simulated(f.path),
            }
            for f in rows
            if f.status == "loaded"
        ]


def _simulated(path: str) -> bool:
    """Whether the file came from ``countylines simulate`` (its truth.json lies beside it)."""
    truth = Path(path).parent / "truth.json"
    try:
        with truth.open(encoding="utf-8") as f:
            return '"countylines-simulate-truth"' in f.read(200)
    except OSError:
        return False


def _sites(con: duckdb.DuckDBPyConnection, views: Sequence[str]) -> dict[str, CellUse]:
    """Every listed cell site: id -> place (latitude, longitude, site name)."""
    if "cell_sites" not in views:
        return {}
    rows = con.execute(
        "SELECT cell_id, latitude, longitude, site_name FROM cell_sites ORDER BY cell_id"
    ).fetchall()
    return {cell: CellUse(cell, 0, lat, lon, site) for cell, lat, lon, site in rows}


def _usage(
    con: duckdb.DuckDBPyConnection,
    lines: Sequence[LineReport],
    data_end: dt.datetime | None,
    detection: DetectionSettings,
    priority: PrioritySettings,
) -> dict[str, LineUsage]:
    """Cells, local days and recent/earlier event counts of each line's numbers."""
    if not lines or data_end is None:
        return {}
    rows = [(ln.line_id, n.number) for ln in lines for n in ln.numbers]
    con.execute("CREATE OR REPLACE TEMP TABLE line_numbers (line_id VARCHAR, number VARCHAR)")
    con.executemany("INSERT INTO line_numbers VALUES (?, ?)", rows)
    zone = detection.contacts.zone
    window = priority.likelihood.trend_window_days
    has_cells = bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'cell_sites'"
        ).fetchall()[0][0]
    )
    usage: dict[str, LineUsage] = {ln.line_id: LineUsage() for ln in lines}
    # the line's own handset's cell: a_cell on what it sent, b_cell on what it received
    own_cell = """
        SELECT l.line_id, e.start_utc,
               CASE WHEN e.a_number = l.number THEN e.a_cell_id ELSE e.b_cell_id END AS cell_id
        FROM call_events e JOIN line_numbers l
          ON e.a_number = l.number OR e.b_number = l.number"""
    cell_sql = f"""
        SELECT u.line_id, u.cell_id, count(*) AS events,
               {"c.latitude, c.longitude, c.site_name" if has_cells else "NULL, NULL, NULL"}
        FROM ({own_cell}) u
        {"LEFT JOIN cell_sites c ON c.cell_id = u.cell_id" if has_cells else ""}
        WHERE u.cell_id IS NOT NULL
        GROUP BY ALL ORDER BY u.line_id, events DESC, u.cell_id"""
    for line_id, cell, events, lat, lon, site in con.execute(cell_sql).fetchall():
        usage[line_id].cells.append(CellUse(cell, int(events), lat, lon, site))
    day_sql = f"""
        SELECT u.line_id, CAST(timezone('{zone}', u.start_utc) AS DATE) AS day, count(*)
        FROM ({own_cell}) u GROUP BY ALL ORDER BY u.line_id, day"""
    for line_id, day, events in con.execute(day_sql).fetchall():
        usage[line_id].days.append((day.isoformat(), int(events)))
    end = data_end
    recent_from = end - dt.timedelta(days=window)
    before_from = end - dt.timedelta(days=2 * window)
    trend_sql = f"""
        SELECT u.line_id,
               count(*) FILTER (WHERE u.start_utc > ?) AS recent,
               count(*) FILTER (WHERE u.start_utc > ? AND u.start_utc <= ?) AS before
        FROM ({own_cell}) u GROUP BY u.line_id"""
    for line_id, recent, before in con.execute(
        trend_sql, [recent_from, before_from, recent_from]
    ).fetchall():
        usage[line_id].recent, usage[line_id].before = int(recent), int(before)
    return usage


def text_mentions(text: str) -> list[Mention]:
    """Mentions in a report's text, by :func:`countylines.extract.extract`."""
    from countylines.extract import TextRefused, extract  # spaCy loads on first use

    try:
        found = extract(text)
    except TextRefused:
        return []  # too long or binary: the report still links by its subjects
    return [Mention(m.type, m.value, m.text) for m in found]


def _reports(ws: Workspace, mentions_of: MentionFinder) -> list[ReportRecord]:
    """Every intelligence report with its numbers (subjects and text) and text mentions."""
    records = []
    with ws.session() as session:
        reports = session.scalars(
            select(IntelReport).options(selectinload(IntelReport.subjects)).order_by(IntelReport.id)
        ).all()
        for r in reports:
            mentions = mentions_of(r.text)
            numbers = {m.value for m in mentions if m.type == "phone" and m.value}
            for s in r.subjects:
                if s.kind == "phone":
                    number = s.normalised or _canonical(s.value)
                    if number:
                        numbers.add(number)
            records.append(
                ReportRecord(
                    r.urn,
                    r.report_date,
                    r.grading_scheme,
                    r.source_grade,
                    r.intelligence_grade,
                    r.handling_code,
                    r.handling_conditions,
                    r.text,
                    frozenset(numbers),
                    tuple(mentions),
                )
            )
    return records


def _canonical(text: str) -> str | None:
    try:
        found = canonical_number(text)
    except NumberError:
        return None
    return found.number if found.kind == "e164" else None
