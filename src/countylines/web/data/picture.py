"""The analysis picture as the pages show it: lines, nominals, safeguarding, hotspots.

The picture is read only through
:func:`countylines.store.picture.load_latest_picture` (cached until the
workspace's ``analysis/latest.json`` or the picture changes). Picture records
in a compartment the reader lacks are left out of lists; a search or link
that reaches one gets "held elsewhere" (see :mod:`countylines.security.access`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from countylines.domain.phone import NumberError, canonical_number
from countylines.security.access import assigned_compartments, held_elsewhere, may_see
from countylines.security.audited import AuditedStore, ReadContext
from countylines.store.models import IntelReport
from countylines.store.picture import analysis_dir, load_latest_picture
from countylines.web.errors import NotFound

_cache: dict[Path, tuple[tuple[float, ...], dict[str, Any] | None]] = {}
_cache_lock = threading.Lock()


def latest_picture(root: Path) -> dict[str, Any] | None:
    """The newest picture (cached while its files are unchanged), or None before ``analyse``."""
    pointer = analysis_dir(root) / "latest.json"
    try:
        stamp: tuple[float, ...] = (pointer.stat().st_mtime_ns,)
        run_id = pointer.read_text(encoding="utf-8")
        stamp += ((analysis_dir(root) / _run_of(run_id) / "picture.json").stat().st_mtime_ns,)
    except (OSError, ValueError):
        return None
    with _cache_lock:
        cached = _cache.get(root)
        if cached and cached[0] == stamp:
            return cached[1]
    picture = load_latest_picture(root)
    with _cache_lock:
        _cache[root] = (stamp, picture)
    return picture


def _run_of(pointer_text: str) -> str:
    import json

    run_id = json.loads(pointer_text)["run_id"]
    if not isinstance(run_id, str):
        raise ValueError("bad pointer")
    return run_id


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _number_key(text: str) -> str | None:
    try:
        canon = canonical_number(text)
    except NumberError:
        return None
    return canon.number if canon.kind == "e164" else None


def _line_matches(line: dict[str, Any], find: str) -> bool:
    needle = find.strip().casefold()
    if not needle:
        return True
    if needle in str(line.get("label", "")).casefold() or needle in line["line_id"].casefold():
        return True
    numbers = [n["number"] for n in line.get("numbers", [])]
    key = _number_key(find)
    if key is not None and key in numbers:
        return True
    digits = _digits(find)
    return len(digits) >= 4 and any(
        digits in _digits(n) or digits in _digits("0" + n[3:] if n.startswith("+44") else n)
        for n in numbers
    )


def _line_row(line: dict[str, Any]) -> dict[str, Any]:
    priority = line.get("priority") or {}
    activity = [int(a.get("events", 0)) for a in line.get("activity", [])]
    return {
        "line_id": line["line_id"],
        "label": line.get("label") or line["line_id"],
        "rank": line.get("rank"),
        "score": priority.get("score", line.get("score")),
        "band": priority.get("band"),
        "detection_score": line.get("score"),
        "status": line.get("status"),
        "customers": (line.get("customers") or {}).get("count", 0),
        "runners": len(line.get("runners", [])),
        "holders": len(line.get("holders", [])),
        "cuckooed": len(line.get("cuckooed", [])),
        "numbers": [n["number"] for n in line.get("numbers", [])],
        "activity": activity,
        "first_seen": min((n["first_seen"] for n in line.get("numbers", [])), default=None),
        "last_seen": max((n["last_seen"] for n in line.get("numbers", [])), default=None),
    }


def _no_picture() -> dict[str, Any]:
    return {"picture": None, "lines": [], "held_elsewhere": [], "hidden": 0}


def line_list(store: AuditedStore, *, find: str = "", limit: int = 500) -> dict[str, Any]:
    """Lines ranked by priority, with the ones in others' compartments left out.

    With ``find`` (a number in any spelling, a label or a line id), matching
    lines held in compartments the reader lacks are answered "held elsewhere".
    """

    def load(ctx: ReadContext) -> dict[str, Any]:
        picture = latest_picture(ctx.root)
        if picture is None:
            return _no_picture()
        compartments = assigned_compartments(ctx.session, "line")
        rows, held, hidden = [], [], 0
        for line in picture.get("lines", []):
            if find and not _line_matches(line, find):
                continue
            compartment = compartments.get(line["line_id"])
            if may_see(ctx.principal, compartment):
                rows.append(_line_row(line))
                continue
            if find:
                owner = held_elsewhere(ctx.session, ctx.principal, compartment)
                if owner is not None:
                    held.append({"message": owner.message, "owner": owner.owner_name})
            else:
                hidden += 1
        return {
            "picture": _picture_meta(picture),
            "lines": rows[:limit],
            "truncated": len(rows) > limit,
            "held_elsewhere": held,
            "hidden": hidden,
        }

    def summary(value: dict[str, Any]) -> str:
        text = f"line list: {len(value['lines'])} lines shown"
        if find:
            text += f" for find {find!r}, {len(value['held_elsewhere'])} held elsewhere"
        return text

    return store.consult(
        permission="lines.read",
        record_type="line_list",
        record_id=None,
        summary=summary,
        load=load,
        sensitive=bool(find),
    )


def _picture_meta(picture: dict[str, Any]) -> dict[str, Any]:
    return {
        "run_id": picture.get("run_id"),
        "made_at": picture.get("made_at"),
        "data_end": picture.get("data_end"),
        "warnings": picture.get("warnings", []),
        "gaps": picture.get("gaps", []),
        "lines": len(picture.get("lines", [])),
        "safeguarding": len(picture.get("safeguarding", [])),
    }


def _intel_compartments(ctx: ReadContext, urns: Iterable[str]) -> dict[str, int | None]:
    wanted = sorted(set(urns))
    if not wanted:
        return {}
    rows = ctx.session.execute(
        select(IntelReport.urn, IntelReport.compartment_id, IntelReport.id).where(
            IntelReport.urn.in_(wanted)
        )
    )
    return {urn: compartment for urn, compartment, _ in rows}


def _intel_ids(ctx: ReadContext, urns: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(urns))
    if not wanted:
        return {}
    rows = ctx.session.execute(
        select(IntelReport.urn, IntelReport.id).where(IntelReport.urn.in_(wanted))
    )
    return {urn: int(report_id) for urn, report_id in rows}


def _screen_intel(ctx: ReadContext, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Linked intelligence with items of others' compartments replaced by "held elsewhere"."""
    urns = [i["urn"] for i in items if "urn" in i]
    compartments = _intel_compartments(ctx, urns)
    ids = _intel_ids(ctx, urns)
    screened: list[dict[str, Any]] = []
    for item in items:
        held = held_elsewhere(ctx.session, ctx.principal, compartments.get(item.get("urn", "")))
        if held is not None:
            screened.append({"held_elsewhere": held.message})
        else:
            screened.append({**item, "report_id": ids.get(item.get("urn", ""))})
    return screened


def _line_compartment(ctx: ReadContext, line_id: str) -> int | None:
    return assigned_compartments(ctx.session, "line", [line_id]).get(line_id)


def line_detail(store: AuditedStore, line_id: str) -> dict[str, Any]:
    """One line: number chain, roles, evidence, cells, activity, linked intelligence.

    Raises:
        NotFound: no picture, or no such line in it.
        HeldElsewhereError: the line is in a compartment the reader lacks.
    """

    def load(ctx: ReadContext) -> dict[str, Any]:
        picture = latest_picture(ctx.root)
        line = next(
            (ln for ln in (picture or {}).get("lines", []) if ln.get("line_id") == line_id), None
        )
        if picture is None or line is None:
            raise NotFound(f"line {line_id}")
        if not may_see(ctx.principal, _line_compartment(ctx, line_id)):
            return {"line": {"line_id": line_id}, "picture": None}
        detail = dict(line)
        detail["intel"] = _screen_intel(ctx, list(line.get("intel", [])))
        detail["row"] = _line_row(line)
        places = [loc for loc in picture.get("locations", []) if line_id in loc.get("line_ids", [])]
        return {"line": detail, "picture": _picture_meta(picture), "locations": places}

    return store.consult(
        permission="lines.read",
        record_type="line",
        record_id=line_id,
        summary=lambda v: f"line viewed: {v['line'].get('label', line_id)}",
        load=load,
        compartment_of=lambda ctx, v: _line_compartment(ctx, line_id),
    )


def _effective_compartment(
    ctx: ReadContext, record_type: str, key: str, line_ids: Iterable[str]
) -> int | None:
    own = assigned_compartments(ctx.session, record_type, [key]).get(key)
    if own is not None:
        return own
    ids = list(line_ids)
    lines = assigned_compartments(ctx.session, "line", ids)
    for line_id in ids:
        compartment = lines.get(line_id)
        if compartment is not None and not may_see(ctx.principal, compartment):
            return compartment
    return next((lines[i] for i in ids if i in lines), None)


def _nominal_lines(nominal: dict[str, Any]) -> list[str]:
    return [r["line_id"] for r in nominal.get("roles", []) if "line_id" in r]


def nominal_list(store: AuditedStore) -> dict[str, Any]:
    """Nominals ranked (possible victims marked), others' compartments left out."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        picture = latest_picture(ctx.root)
        if picture is None:
            return {"picture": None, "nominals": [], "hidden": 0}
        rows, hidden = [], 0
        for nominal in picture.get("nominals", []):
            compartment = _effective_compartment(
                ctx, "nominal", nominal["nominal_id"], _nominal_lines(nominal)
            )
            if may_see(ctx.principal, compartment):
                rows.append(nominal)
            else:
                hidden += 1
        return {"picture": _picture_meta(picture), "nominals": rows, "hidden": hidden}

    return store.consult(
        permission="nominals.read",
        record_type="nominal_list",
        record_id=None,
        summary=lambda v: f"nominal list: {len(v['nominals'])} shown",
        load=load,
        sensitive=True,
    )


def nominal_detail(store: AuditedStore, nominal_id: str) -> dict[str, Any]:
    """One nominal with its roles, priority and linked intelligence.

    Raises:
        NotFound, HeldElsewhereError.
    """

    def find(ctx: ReadContext) -> dict[str, Any]:
        picture = latest_picture(ctx.root) or {}
        nominal = next(
            (n for n in picture.get("nominals", []) if n.get("nominal_id") == nominal_id), None
        )
        if nominal is None:
            raise NotFound(f"nominal {nominal_id}")
        found: dict[str, Any] = nominal
        return found

    def load(ctx: ReadContext) -> dict[str, Any]:
        nominal = find(ctx)
        lines = {ln["line_id"]: ln for ln in (latest_picture(ctx.root) or {}).get("lines", [])}
        urns = nominal.get("intel_urns", [])
        return {
            "nominal": nominal,
            "compartment": _effective_compartment(
                ctx, "nominal", nominal_id, _nominal_lines(nominal)
            ),
            "lines": [
                {"line_id": i, "label": lines.get(i, {}).get("label", i)}
                for i in _nominal_lines(nominal)
            ],
            "intel": _screen_intel(ctx, [{"urn": u} for u in urns]),
        }

    return store.consult(
        permission="nominals.read",
        record_type="nominal",
        record_id=nominal_id,
        summary=lambda v: f"nominal viewed: {v['nominal'].get('label', nominal_id)}",
        load=load,
        compartment_of=lambda ctx, v: v["compartment"],
        sensitive=True,
    )


def safeguarding_list(store: AuditedStore) -> dict[str, Any]:
    """Possible victims (people and addresses) to review, others' compartments left out."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        picture = latest_picture(ctx.root)
        if picture is None:
            return {"picture": None, "entries": [], "hidden": 0}
        rows, hidden = [], 0
        for entry in picture.get("safeguarding", []):
            compartment = _effective_compartment(
                ctx, "safeguarding", entry["safeguarding_id"], entry.get("line_ids", [])
            )
            if may_see(ctx.principal, compartment):
                rows.append(entry)
            else:
                hidden += 1
        return {"picture": _picture_meta(picture), "entries": rows, "hidden": hidden}

    return store.consult(
        permission="safeguarding.read",
        record_type="safeguarding_list",
        record_id=None,
        summary=lambda v: f"safeguarding list: {len(v['entries'])} entries shown",
        load=load,
    )


def hotspots(store: AuditedStore) -> dict[str, Any]:
    """Hotspot tables and the places lines were used (visible lines only)."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        picture = latest_picture(ctx.root)
        if picture is None:
            return {"picture": None, "hotspots": {}, "locations": [], "cells": []}
        compartments = assigned_compartments(ctx.session, "line")
        visible = {
            ln["line_id"]: ln
            for ln in picture.get("lines", [])
            if may_see(ctx.principal, compartments.get(ln["line_id"]))
        }
        locations = [
            loc
            for loc in picture.get("locations", [])
            if may_see(
                ctx.principal,
                _effective_compartment(
                    ctx, "location", loc["location_id"], loc.get("line_ids", [])
                ),
            )
        ]
        cells = [
            {**cell, "line_id": line_id, "label": line.get("label", line_id)}
            for line_id, line in visible.items()
            for cell in line.get("cells", [])
            if cell.get("latitude") is not None and cell.get("longitude") is not None
        ]
        return {
            "picture": _picture_meta(picture),
            "hotspots": picture.get("hotspots") or {},
            "locations": locations,
            "cells": cells,
        }

    result: dict[str, Any] = store.consult(
        permission="lines.read",
        record_type="hotspots",
        record_id=None,
        summary="hotspot map viewed",
        load=load,
    )
    return result
