"""Assemble the analysis picture: lines, nominals, locations and safeguarding, ranked.

Takes what detection found (:class:`countylines.analysis.lines.LineReport`),
where and when each line was used, the intelligence reports with their text
mentions, and (when geography is loaded) which LSOA each cell lies in and
which LSOAs are drug-crime hotspots. Gives the ``lines``, ``nominals``,
``locations`` and ``safeguarding`` parts of the picture (shape in
:mod:`countylines.store.picture`), every score with its evidence.

Pure: no I/O; deterministic for the same inputs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from countylines.analysis.intel_links import LineLinks, ReportRecord, evidence_of, link_reports
from countylines.analysis.lines import LineReport
from countylines.analysis.priority import (
    CHILD,
    CUCKOOING,
    WEAPON,
    IntelEvidence,
    LineFacts,
    Priority,
    score_holder,
    score_line,
    score_possible_victim,
)
from countylines.analysis.priority_settings import PrioritySettings
from countylines.analysis.safeguarding import (
    SafeguardingEntry,
    SafeguardingIndicator,
    ordered,
    route_for_address,
    route_for_person,
    safeguarding_id,
)


@dataclass(frozen=True)
class CellUse:
    """Events of a line's numbers in one cell."""

    cell_id: str
    events: int
    latitude: float | None = None
    longitude: float | None = None
    site_name: str | None = None


@dataclass
class LineUsage:
    """Where and when a line was used.

    ``recent`` / ``before``: events in the last trend window and the one
    before it; ``days``: (local day ISO, events) in day order.
    """

    cells: list[CellUse] = field(default_factory=list)
    days: list[tuple[str, int]] = field(default_factory=list)
    recent: int = 0
    before: int = 0


@dataclass(frozen=True)
class Geography:
    """What is known of the area (all empty when no geography is loaded).

    ``cell_lsoa``: cell id -> LSOA code, for cells inside the loaded area;
    ``hotspot_lsoas``: LSOAs in the area's busiest tenth for drug crime;
    ``lsoa_names``: LSOA code -> name.
    """

    cell_lsoa: Mapping[str, str] = field(default_factory=dict)
    hotspot_lsoas: frozenset[str] = frozenset()
    lsoa_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        """Whether any cell could be placed in an LSOA."""
        return bool(self.cell_lsoa)


def display_number(number: str) -> str:
    """A number as people write it (UK national format for +44), else as given."""
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return number
    if parsed.country_code == 44:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return number


def _short(number: str) -> str:
    return "…" + number[-4:] if len(number) > 4 else number


def _nominal_id(number: str) -> str:
    return "nom-" + hashlib.sha256(number.encode()).hexdigest()[:10]


def _location_id(cell_id: str) -> str:
    return "loc-" + hashlib.sha256(cell_id.encode()).hexdigest()[:10]


def line_label(line: LineReport, brand: str | None) -> str:
    """ "Ghost line" when intelligence gives a brand, else "line on …6551"."""
    if brand:
        return f"{brand} line"
    return f"line on {_short(line.numbers[-1].number if line.numbers else line.line_id)}"


def build_picture_parts(
    lines: Sequence[LineReport],
    usage: Mapping[str, LineUsage],
    reports: Sequence[ReportRecord],
    geography: Geography,
    as_of: dt.date,
    settings: PrioritySettings,
    sites: Mapping[str, CellUse] | None = None,
) -> dict[str, Any]:
    """The ``lines``, ``nominals``, ``locations``, ``safeguarding`` and ``gaps`` parts.

    Lines are ranked by priority score (ties by detection score, then id);
    ``as_of`` ages the intelligence (normally the last day of the call data);
    ``sites`` (cell id -> place, events unused) places cells a line's own
    numbers did not use, such as the cuckooed addresses where its runners stay.
    """
    sites = sites or {}
    line_numbers = {ln.line_id: [n.number for n in ln.numbers] for ln in lines}
    people = {
        ln.line_id: [h["number"] for h in ln.holders] + [r["number"] for r in ln.runners]
        for ln in lines
    }
    links = link_reports(line_numbers, people, reports)
    evidence = {r.urn: evidence_of(r) for r in reports}

    scored: list[tuple[LineReport, Priority, LineLinks, str]] = []
    for ln in lines:
        link = links[ln.line_id]
        label = line_label(ln, link.brand)
        intel = [evidence[r.urn] for r in link.line]
        child_runners = sorted(
            n
            for n in (r["number"] for r in ln.runners)
            if any(CHILD in evidence[r.urn].indicators for r in link.by_number.get(n, ()))
        )
        use = usage.get(ln.line_id, LineUsage())
        market_lsoas = {geography.cell_lsoa[c] for c in ln.market_cells if c in geography.cell_lsoa}
        facts = LineFacts(
            line_id=ln.line_id,
            label=label,
            detection_score=ln.score,
            status=ln.status,
            customers=int(ln.customers.get("count", 0)),
            runners=[r["number"] for r in ln.runners],
            child_runners=child_runners,
            cuckooed_addresses=len(ln.cuckooed),
            holder_identified=bool(ln.holders),
            # holders are found only among numbers located mostly away from the market
            holder_from_away=bool(ln.holders),
            # the chain's newest number is the one in use while the line is active
            numbers_active=1 if ln.status == "active" and ln.numbers else 0,
            events_recent=use.recent,
            events_before=use.before,
            market_lsoas_in_area=len(market_lsoas) if geography.loaded else None,
            market_lsoas_top_decile=len(market_lsoas & geography.hotspot_lsoas),
            intel=intel,
        )
        scored.append((ln, score_line(facts, as_of, settings), link, label))
    scored.sort(key=lambda t: (-round(t[1].score, 6), -t[0].score, t[0].line_id))

    out_lines: list[dict[str, Any]] = []
    nominals: list[dict[str, Any]] = []
    locations: dict[str, dict[str, Any]] = {}
    safeguarding: list[SafeguardingEntry] = []
    for rank, (ln, priority, link, label) in enumerate(scored, start=1):
        use = usage.get(ln.line_id, LineUsage())
        data = ln.to_json()
        data.update(
            label=label,
            rank=rank,
            priority=priority.to_json(),
            intel=[
                {
                    "urn": r.urn,
                    "date": r.report_date.isoformat(),
                    "grading": evidence[r.urn].grading,
                    "scheme": r.scheme,
                    "handling_code": r.handling_code,
                    "handling_conditions": r.handling_conditions,
                    "indicators": sorted(evidence[r.urn].indicators),
                    "summary": evidence[r.urn].summary,
                    "link": link.routes[r.urn],
                }
                for r in sorted(link.line, key=lambda r: (r.report_date, r.urn))
            ],
            intel_urns=sorted(r.urn for r in link.line),
            cells=[
                {
                    "cell_id": c.cell_id,
                    "latitude": c.latitude,
                    "longitude": c.longitude,
                    "site_name": c.site_name,
                    "lsoa": geography.cell_lsoa.get(c.cell_id),
                    "events": c.events,
                }
                for c in use.cells
            ],
            activity=[{"day": day, "events": n} for day, n in use.days],
        )
        out_lines.append(data)
        weapons = [evidence[r.urn] for r in link.line if WEAPON in evidence[r.urn].indicators]
        for h in ln.holders:
            own = [evidence[r.urn] for r in link.by_number.get(h["number"], ())]
            hp = score_holder(priority, ln.score, label, h["reason"], own, as_of, settings)
            nominals.append(
                _nominal(
                    h["number"],
                    f"line holder of the {label}",
                    ln.line_id,
                    "line holder",
                    False,
                    hp,
                    own,
                )
            )
        for i, r in enumerate(ln.runners, start=1):
            number = r["number"]
            own = [evidence[x.urn] for x in link.by_number.get(number, ())]
            child = [e for e in own if CHILD in e.indicators]
            nights = max((c["nights"] for c in ln.cuckooed if number in c["runners"]), default=0)
            vp = score_possible_victim(
                runner=True,
                child_evidence=child,
                nights_away=nights,
                weapons_around=weapons,
                cuckooed_nights=0,
                line_status=ln.status,
                intel=own,
                as_of=as_of,
                settings=settings,
            )
            who = "possible child runner" if child else "runner"
            nominals.append(
                _nominal(number, f"{who} {i} of the {label}", ln.line_id, "runner", True, vp, own)
            )
            safeguarding.append(_person_entry(number, ln, label, r, child, nights, vp))
        for c in ln.cuckooed:
            cell = c["cell_id"]
            cell_use = next((u for u in use.cells if u.cell_id == cell), sites.get(cell))
            place = (cell_use.site_name if cell_use and cell_use.site_name else None) or cell
            cuckoo_reports = [
                e for e in (evidence[r.urn] for r in link.line) if CUCKOOING in e.indicators
            ]
            vp = score_possible_victim(
                runner=False,
                child_evidence=[],
                nights_away=0,
                weapons_around=weapons,
                cuckooed_nights=int(c["nights"]),
                line_status=ln.status,
                intel=cuckoo_reports,
                as_of=as_of,
                settings=settings,
            )
            loc = _location(locations, cell, place, cell_use, geography)
            loc["kinds"] = sorted(set(loc["kinds"]) | {"possible cuckooed address"})
            loc["line_ids"] = sorted(set(loc["line_ids"]) | {ln.line_id})
            if not loc["priority"] or vp.score > loc["priority"]["score"]:
                loc["priority"] = vp.to_json()
            safeguarding.append(_address_entry(cell, place, ln, label, c, cuckoo_reports, vp))
        for cell in ln.market_cells:
            cell_use = next((u for u in use.cells if u.cell_id == cell), sites.get(cell))
            place = (cell_use.site_name if cell_use and cell_use.site_name else None) or cell
            loc = _location(locations, cell, place, cell_use, geography)
            loc["kinds"] = sorted(set(loc["kinds"]) | {"market"})
            loc["line_ids"] = sorted(set(loc["line_ids"]) | {ln.line_id})
            if "market" in loc["kinds"] and not loc["priority"]:
                loc["priority"] = priority.to_json()

    nominals = _merge_nominals(nominals)
    nominals.sort(key=lambda n: (n["possible_victim"], -n["priority"]["score"], n["nominal_id"]))
    merged_sg = _merge_safeguarding(safeguarding)
    location_list = sorted(
        locations.values(),
        key=lambda loc: (-float(loc["priority"].get("score", 0.0)), loc["location_id"]),
    )
    return {
        "lines": out_lines,
        "nominals": nominals,
        "locations": location_list,
        "safeguarding": [e.to_json() for e in ordered(merged_sg)],
        "gaps": intelligence_gaps(out_lines, geography),
    }


def _nominal(
    number: str,
    label: str,
    line_id: str,
    role: str,
    possible_victim: bool,
    priority: Priority,
    intel: Sequence[IntelEvidence],
) -> dict[str, Any]:
    return {
        "nominal_id": _nominal_id(number),
        "label": f"{label} ({display_number(number)})",
        "numbers": [number],
        "roles": [{"line_id": line_id, "role": role}],
        "possible_victim": possible_victim,
        "priority": priority.to_json(),
        "intel_urns": sorted(e.urn for e in intel),
    }


def _merge_nominals(nominals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One nominal per number: roles joined, the highest priority kept."""
    by_id: dict[str, dict[str, Any]] = {}
    for n in nominals:
        seen = by_id.get(n["nominal_id"])
        if seen is None:
            by_id[n["nominal_id"]] = n
            continue
        seen["roles"] += n["roles"]
        seen["possible_victim"] = seen["possible_victim"] or n["possible_victim"]
        seen["intel_urns"] = sorted(set(seen["intel_urns"]) | set(n["intel_urns"]))
        if n["priority"]["score"] > seen["priority"]["score"]:
            seen["priority"] = n["priority"]
            seen["label"] = n["label"]
    return list(by_id.values())


def _location(
    locations: dict[str, dict[str, Any]],
    cell: str,
    place: str,
    use: CellUse | None,
    geography: Geography,
) -> dict[str, Any]:
    if cell not in locations:
        lsoa = geography.cell_lsoa.get(cell)
        locations[cell] = {
            "location_id": _location_id(cell),
            "label": f"{place} (cell {cell})" if place != cell else f"cell {cell}",
            "cell_id": cell,
            "latitude": use.latitude if use else None,
            "longitude": use.longitude if use else None,
            "lsoa": lsoa,
            "lsoa_name": geography.lsoa_names.get(lsoa) if lsoa else None,
            "kinds": [],
            "line_ids": [],
            "priority": {},
        }
    return locations[cell]


def _person_entry(
    number: str,
    line: LineReport,
    label: str,
    runner: Mapping[str, str],
    child: Sequence[IntelEvidence],
    nights: int,
    priority: Priority,
) -> SafeguardingEntry:
    indicators = [
        SafeguardingIndicator(f"runner for the {label}", runner.get("reason", "")),
    ]
    indicators += [
        SafeguardingIndicator("possible child (under 18)", child_evidence(e), e.urn) for e in child
    ]
    if nights:
        indicators.append(
            SafeguardingIndicator(
                "moved from home",
                f"overnight away from its home area for up to {nights} nights at a possible "
                "cuckooed address",
            )
        )
    route, why = route_for_person(bool(child), bool(nights))
    who = "Possible child runner" if child else "Runner"
    return SafeguardingEntry(
        safeguarding_id("person", number),
        "person",
        f"{who} for the {label} ({display_number(number)})",
        [number],
        None,
        [line.line_id],
        indicators,
        bool(child),
        route,
        why,
        priority=priority.to_json(),
    )


def child_evidence(report: IntelEvidence) -> str:
    """Why a report suggests a child: its words, and what follows (a possible victim)."""
    said = ", ".join(f'"{w}"' for w in report.child_signs[:4]) or "a child"
    return (
        f"the report says {said}: a possible child, and so a possible victim of child "
        f"criminal exploitation - establish the age. Report: {report.summary}"
    )


def _address_entry(
    cell: str,
    place: str,
    line: LineReport,
    label: str,
    cuckooed: Mapping[str, Any],
    reports: Sequence[IntelEvidence],
    priority: Priority,
) -> SafeguardingEntry:
    indicators = [
        SafeguardingIndicator("possible cuckooed address", str(cuckooed.get("reason", ""))),
    ]
    indicators += [
        SafeguardingIndicator("cuckooing reported", e.summary, e.urn) for e in reports[:5]
    ]
    route, why = route_for_address()
    return SafeguardingEntry(
        safeguarding_id("address", cell),
        "address",
        f"Possible cuckooed address near {place} (cell {cell}), used by the {label}",
        list(cuckooed.get("occupants", [])),
        cell,
        [line.line_id],
        indicators,
        False,
        route,
        why,
        priority=priority.to_json(),
    )


def _merge_safeguarding(entries: list[SafeguardingEntry]) -> list[SafeguardingEntry]:
    """One entry per person or address; lines and indicators joined."""
    by_id: dict[str, SafeguardingEntry] = {}
    for e in entries:
        seen = by_id.get(e.safeguarding_id)
        if seen is None:
            by_id[e.safeguarding_id] = e
            continue
        seen.line_ids = sorted(set(seen.line_ids) | set(e.line_ids))
        seen.indicators += [i for i in e.indicators if i not in seen.indicators]
        seen.numbers = sorted(set(seen.numbers) | set(e.numbers))
        if e.possible_child and not seen.possible_child:
            seen.possible_child, seen.route, seen.route_reason = True, e.route, e.route_reason
        if e.priority.get("score", 0) > seen.priority.get("score", 0):
            seen.priority = e.priority
    return list(by_id.values())


def intelligence_gaps(lines: Sequence[Mapping[str, Any]], geography: Geography) -> list[str]:
    """Intelligence gaps: what the picture lacks that a decision would need."""
    gaps = []
    for ln in lines:
        label = ln["label"]
        if not ln["intel_urns"]:
            gaps.append(
                f"{label}: no intelligence report names its numbers - the picture rests on "
                "call data alone (confidence is limited)"
            )
        if not ln["holders"]:
            gaps.append(f"{label}: no line holder identified - who controls the line?")
        if ln["runners"] and not any(
            CHILD in ind for i in ln.get("intel", []) for ind in i["indicators"]
        ):
            gaps.append(
                f"{label}: the ages of its {len(ln['runners'])} runner(s) are not known - "
                "establish whether any are children"
            )
        if ln["cuckooed"] and not any(CUCKOOING in i["indicators"] for i in ln.get("intel", [])):
            gaps.append(
                f"{label}: {len(ln['cuckooed'])} possible cuckooed address(es) seen in call "
                "data only - who lives there, and are they safe?"
            )
    if not geography.loaded:
        gaps.append(
            "no geography loaded (`countylines ingest geography`): lines cannot be placed in "
            "LSOAs or compared with recorded crime"
        )
    return gaps
