"""NIM products from the analysis picture: the problem profile and the line profile.

A problem profile (National Intelligence Model) gives understanding of a
problem and recommends tactical resolution: aim, scope and method; the
current picture; analysis; intelligence gaps; recommendations under the 4 Ps
(Pursue, Prevent, Protect, Prepare). The line profile does the same for one
deal line (a subject profile of the line and its people).

:func:`problem_profile_view` and :func:`line_profile_view` are pure (picture
in, view model out); :func:`render` turns a view into HTML (Jinja2, escaped)
and PDF (WeasyPrint). Nothing in the files depends on the time of making, so
the same picture and parameters give byte-identical files.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from countylines.analysis.picture import display_number
from countylines.products import charts

TEMPLATES = Path(__file__).parent / "templates"
MARKING = "OFFICIAL-SENSITIVE"
RESTRICTED = (
    "RESTRICTED - SAFEGUARDING. Share only with safeguarding partners with a need to know. "
    "The people below are possible victims: do not use this section for enforcement targeting."
)


INTEL_IN_PROFILE = 8  # reports shown per line in the problem profile (all in the line profile)


class ProfileError(ValueError):
    """The parameters select nothing, or name a line or area the picture lacks."""


@dataclass(frozen=True)
class Scope:
    """What a product covers: an area (LSOA codes) and a period (dates, inclusive)."""

    area: str | None = None
    lsoas: frozenset[str] | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def describe(self, picture: Mapping[str, Any]) -> str:
        """ "Tendring, 1 Oct 2023 to 27 Nov 2023" (defaults: the whole workspace)."""
        first, last = picture_period(picture)
        start, end = self.start or first, self.end or last
        period = f"{_day(start)} to {_day(end)}" if start and end else "the whole of the data"
        return f"{self.area or 'all areas in the workspace'}, {period}"


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "-"


def picture_period(picture: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of line activity in the picture."""
    days = [d["day"] for line in picture.get("lines", []) for d in line.get("activity", [])]
    if not days:
        return None, None
    return dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))


def in_scope(line: Mapping[str, Any], scope: Scope) -> bool:
    """Whether a picture line falls in the scope: a cell in its LSOAs, activity in its period."""
    if scope.lsoas is not None and not any(
        c.get("lsoa") in scope.lsoas for c in line.get("cells", [])
    ):
        return False
    days = [dt.date.fromisoformat(d["day"]) for d in line.get("activity", [])]
    if not days:
        return scope.start is None and scope.end is None
    if scope.start and max(days) < scope.start:
        return False
    return not (scope.end and min(days) > scope.end)


def _clip_activity(line: dict[str, Any], scope: Scope) -> dict[str, Any]:
    clipped = dict(line)
    clipped["activity"] = [
        d
        for d in line.get("activity", [])
        if (scope.start is None or dt.date.fromisoformat(d["day"]) >= scope.start)
        and (scope.end is None or dt.date.fromisoformat(d["day"]) <= scope.end)
    ]
    return clipped


def _contributions(priority: Mapping[str, Any], limit: int = 12) -> list[dict[str, Any]]:
    """The contributions that moved the score most (multipliers always shown)."""
    items = list(priority.get("contributions", []))
    items.sort(key=lambda c: (c.get("multiplier") is None, -abs(float(c["points"]))))
    return items[:limit]


def _line_view(
    line: Mapping[str, Any], network: bool, intel_limit: int | None = None
) -> dict[str, Any]:
    view = dict(line)
    weight: dict[str, float] = {}
    for c in line["priority"].get("contributions", []):
        if c.get("source", "").startswith(("call data", "police.uk", "geography")):
            continue
        weight[c["source"]] = weight.get(c["source"], 0.0) + abs(float(c["points"]))
    intel = sorted(line.get("intel", []), key=lambda i: (-weight.get(i["urn"], 0.0), i["urn"]))
    shown = intel if intel_limit is None else intel[:intel_limit]
    view["intel"] = sorted(shown, key=lambda i: (i["date"], i["urn"]))
    view["intel_more"] = len(intel) - len(shown)
    view["numbers_display"] = [
        {
            **n,
            "display": display_number(n["number"]),
            "first": n["first_seen"][:10],
            "last": n["last_seen"][:10],
        }
        for n in line.get("numbers", [])
    ]
    view["holders_display"] = [
        {**h, "display": display_number(h["number"])} for h in line.get("holders", [])
    ]
    view["runners_display"] = [
        {**r, "display": display_number(r["number"]), "n": i}
        for i, r in enumerate(line.get("runners", []), start=1)
    ]
    view["top_contributions"] = _contributions(line["priority"], limit=8)
    view["network_svg"] = charts.line_network_svg(line) if network else None
    return view


def recommendations(
    lines: Sequence[Mapping[str, Any]], safeguarding: Sequence[Mapping[str, Any]]
) -> dict[str, list[str]]:
    """Recommendations under the 4 Ps, derived from the picture (advice; people decide)."""
    pursue, prevent, protect, prepare = [], [], [], []
    for line in lines:
        if line["priority"]["band"] != "high" and line["rank"] > 3:
            continue
        label = line["label"]
        if line.get("holders"):
            pursue.append(
                f"{label} (priority {line['priority']['score']:.0f}, {line['priority']['band']}):"
                " develop evidence against the line holder for a Type 1 closure (holder charged)"
            )
        elif line.get("status") == "active":
            pursue.append(
                f"{label}: identify the line holder; meanwhile consider a Type 2 closure "
                "(deactivate the number) with check-backs"
            )
    routes = Counter(s["route"] for s in safeguarding)
    children = sum(1 for s in safeguarding if s.get("possible_child"))
    if children:
        protect.append(
            f"{children} possible child(ren): refer to the MASH now; treat them as victims of "
            "child criminal exploitation, not as offenders"
        )
    for route, n in sorted(routes.items()):
        protect.append(f"{n} possible victim(s) or address(es) suggested for {route}")
    addresses = sum(1 for s in safeguarding if s["kind"] == "address")
    if addresses:
        protect.append(
            f"visit the {addresses} possible cuckooed address(es) with partners before or on "
            "the day of action - as safeguarding visits, not enforcement"
        )
    if any(line.get("runners") for line in lines):
        prevent.append(
            "work with schools, children's services and youth offending teams in the runners' "
            "home areas; establish the ages of runners whose age is unknown"
        )
    prepare.append(
        "after any closure, check new call data for the closed numbers and their successors "
        "(lines re-brand to new numbers within days)"
    )
    if any(line.get("status") == "dormant" for line in lines):
        prepare.append(
            "confirm whether dormant lines re-branded: look for their customers' new contact"
        )
    return {"Pursue": pursue, "Prevent": prevent, "Protect": protect, "Prepare": prepare}


def problem_profile_view(
    picture: Mapping[str, Any],
    scope: Scope,
    map_svg: str | None,
    hotspot_rows: Sequence[Mapping[str, Any]],
    map_note: str | None = None,
) -> dict[str, Any]:
    """The problem profile's content for ``scope``: every section, with reasons when empty.

    Raises:
        ProfileError: if the picture holds no analysis at all.
    """
    if not picture:
        raise ProfileError("no analysis in the workspace: run `countylines analyse` first")
    lines = [
        _clip_activity(line, scope) for line in picture.get("lines", []) if in_scope(line, scope)
    ]
    ids = {line["line_id"] for line in lines}
    safeguarding = [s for s in picture.get("safeguarding", []) if set(s["line_ids"]) & ids]
    nominals = [n for n in picture.get("nominals", []) if {r["line_id"] for r in n["roles"]} & ids]
    children = sum(1 for s in safeguarding if s.get("possible_child"))
    bands = Counter(line["priority"]["band"] for line in lines)
    return {
        "title": "Problem profile: county lines drug supply",
        "marking": MARKING,
        "restricted": RESTRICTED,
        "scope": scope.describe(picture),
        "as_of": picture.get("as_of"),
        "run_id": picture.get("run_id"),
        "software": picture.get("software"),
        "lines": [_line_view(line, network=True, intel_limit=INTEL_IN_PROFILE) for line in lines],
        "bands": {b: bands.get(b, 0) for b in ("high", "medium", "low")},
        "holders": [n for n in nominals if not n["possible_victim"]],
        "safeguarding": safeguarding,
        "children": children,
        "priority_svg": charts.priority_svg(lines) if lines else None,
        "activity_svg": charts.activity_svg(lines, "Line activity: events per day (UK time)")
        if lines
        else None,
        "map_svg": map_svg,
        "map_note": map_note,
        "hotspots": list(hotspot_rows),
        "gaps": gaps_in_scope(picture, lines),
        "recommendations": recommendations(lines, safeguarding),
        "inputs": picture.get("inputs", []),
        "settings_sha256": picture.get("settings_sha256"),
        "warnings": picture.get("warnings", []),
        "intel_reports": picture.get("intel_reports", 0),
        "simulated": picture.get("simulated_inputs", []),
    }


def gaps_in_scope(picture: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]) -> list[str]:
    """The picture's gaps about the lines in scope, and its general gaps."""
    every = {str(line["label"]) for line in picture.get("lines", [])}
    shown = {str(line["label"]) for line in lines}
    out = []
    for gap in picture.get("gaps", []):
        head = gap.split(":", 1)[0]
        if head not in every or head in shown:
            out.append(gap)
    return out


def line_profile_view(picture: Mapping[str, Any], line_id: str) -> dict[str, Any]:
    """The line profile's content for one line.

    Raises:
        ProfileError: if the picture has no line ``line_id`` (names the known ones).
    """
    match = [line for line in picture.get("lines", []) if line["line_id"] == line_id]
    if not match:
        known = ", ".join(line["line_id"] for line in picture.get("lines", [])[:10]) or "none"
        raise ProfileError(f"no line {line_id!r} in the latest analysis (lines: {known})")
    line = match[0]
    safeguarding = [s for s in picture.get("safeguarding", []) if line_id in s["line_ids"]]
    nominals = [
        n for n in picture.get("nominals", []) if any(r["line_id"] == line_id for r in n["roles"])
    ]
    return {
        "title": f"Line profile: {line['label']}",
        "marking": MARKING,
        "restricted": RESTRICTED,
        "as_of": picture.get("as_of"),
        "run_id": picture.get("run_id"),
        "software": picture.get("software"),
        "line": _line_view(line, network=True),
        "all_contributions": line["priority"]["contributions"],
        "nominals": nominals,
        "safeguarding": safeguarding,
        "activity_svg": charts.activity_svg([line], f"{line['label']}: events per day (UK time)"),
        "gaps": [g for g in picture.get("gaps", []) if g.startswith(str(line["label"]) + ":")],
        "recommendations": recommendations([line], safeguarding),
        "inputs": picture.get("inputs", []),
        "settings_sha256": picture.get("settings_sha256"),
        "simulated": picture.get("simulated_inputs", []),
    }


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["phone"] = display_number
    env.filters["num"] = lambda v: f"{float(v):.0f}"
    env.globals["svg"] = _inline_svg
    return env


def _inline_svg(svg: str | None, alt: str = "chart") -> Markup:
    """A chart as an ``<img>`` with the SVG in a data URI.

    Each chart keeps its own element ids (several inline SVGs in one page
    would share matplotlib's ids and clip paths).
    """
    if not svg:
        return Markup("")
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="svg" alt="{}" src="data:image/svg+xml;base64,{}">').format(
        alt, Markup(data)
    )


def render_html(template: str, view: Mapping[str, Any]) -> str:
    """The view through ``templates/<template>`` (autoescaped)."""
    return _environment().get_template(template).render(**view)


def render_pdf(html: str) -> bytes:
    """The HTML as PDF (WeasyPrint), with a fixed document identifier.

    WeasyPrint otherwise derives nothing from the clock; the identifier is
    fixed from the HTML so that the same HTML gives the same PDF bytes.
    """
    import weasyprint

    ident = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    pdf: bytes = weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf(identifier=ident)
    return pdf


def product_id(kind: str, run_id: str, parameters: Mapping[str, Any]) -> str:
    """A stable id: the same run and parameters give the same product id."""
    digest = hashlib.sha256(json.dumps([kind, run_id, parameters], sort_keys=True).encode())
    return f"{kind}-{digest.hexdigest()[:10]}"
