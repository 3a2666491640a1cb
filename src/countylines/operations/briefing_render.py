"""Render a briefing pack: a map of the team's targets, HTML (Jinja2), PDF (WeasyPrint).

The HTML is autoescaped (values from records are never markup). The map is
drawn with matplotlib: the team's targets numbered in red, other teams'
targets nearby in grey, equirectangular with the aspect corrected for the
latitude, a scale bar; text drawn as paths so the PDF looks the same
everywhere. The template is kept in this module so it travels with the code.
"""

from __future__ import annotations

import base64
import io
import math

import jinja2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from countylines.operations.briefing import BriefedTarget, Briefing

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{{ b.operation }}: briefing, team {{ b.team }}</title>
<style>
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @top-center { content: "{{ b.marking }} - {{ b.operation }}"; font-size: 8pt; color: #a00; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; } h2 { font-size: 13pt; margin: 6mm 0 2mm 0;
  border-bottom: 1px solid #999; } h3 { font-size: 11pt; margin: 4mm 0 1mm 0; }
.marking { color: #a00; font-weight: bold; letter-spacing: 0.05em; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm 0; }
td, th { border: 1px solid #bbb; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
th { background: #eef2f7; width: 30%; }
.hazard { background: #fff4e5; } .withheld { background: #f3f3f3; color: #444; }
.notice { color: #8a1c00; font-weight: bold; } .victim { color: #05509a; font-weight: bold; }
.target { page-break-inside: avoid; } .map { width: 100%; }
.small { font-size: 8.5pt; color: #333; }
</style></head><body>
<p class="marking">{{ b.marking }}: compartment {{ b.compartment }}. Not to be shared outside
the operation. Handling conditions printed beside an item travel with it.</p>
<h1>{{ b.operation }}: briefing for team {{ b.team }}</h1>
<table>
<tr><th>Strike time (simultaneous entry)</th>
 <td><b>{{ b.strike_local }}</b> ({{ b.strike_utc }})</td></tr>
<tr><th>Team leader</th><td>{{ b.leader }}</td></tr>
<tr><th>Senior investigating officer</th><td>{{ b.sio }}</td></tr>
<tr><th>Targets</th><td>{{ b.targets|length }} for this team{% if b.withheld %};
 {{ b.withheld }} item(s) of intelligence withheld under handling codes or compartments
 (see each target){% endif %}</td></tr>
<tr><th>Recipient (recorded)</th><td>{{ b.recipient }}</td></tr>
</table>
<p class="victim">{{ b.safeguarding }}</p>
<h2>Map</h2>
{% if map_uri %}<img class="map" src="{{ map_uri }}" alt="Map of the team's targets">
{% else %}<p>No position is known for this team's targets.</p>{% endif %}
<h2>Targets</h2>
{% for t in b.targets %}
<div class="target">
<h3>{{ t.number }}. {{ t.label }} ({{ t.kind }})</h3>
<table>
<tr><th>Address</th><td>{{ t.address }}</td></tr>
<tr><th>Warrant</th><td>{{ t.warrant or "none: a safeguarding visit, no forced entry" }}</td></tr>
{% if t.cell_id %}<tr><th>Call data places it</th>
 <td>cell {{ t.cell_id }}{% if t.latitude is not none %}
 ({{ "%.4f"|format(t.latitude) }}, {{ "%.4f"|format(t.longitude) }}){% endif %}</td></tr>{% endif %}
<tr><th>Why</th><td>{{ t.reason }}</td></tr>
<tr><th>Subjects</th><td>{% for s in t.subjects %}{{ s.label }}
{% if s.roles %} ({{ s.roles|join(", ") }}){% endif %}
{% if s.numbers %}: {{ s.numbers|join(", ") }}{% endif %}{% if s.possible_victim %}
 <span class="victim">possible victim</span>{% endif %}<br>
{% else %}none named{% endfor %}</td></tr>
</table>
<table>
<tr><th>Hazards</th>
 <td>{% if not t.hazards %}none reported: brief as unknown, not as safe{% endif %}</td></tr>
{% for h in t.hazards %}
<tr class="{{ 'withheld' if h.withheld else 'hazard' }}"><th>{{ h.kind }}</th><td>{{ h.text }}
<div class="small">reported about {{ h.scope }}{% if h.scope != "this target" %}
 (not this address in particular){% endif %}; source: {{ h.source }}
{% if h.grading %}, graded {{ h.grading }}{% endif %}</div>
{% if h.notice %}<div class="notice">{{ h.notice }}</div>{% endif %}</td></tr>
{% endfor %}
</table>
</div>
{% else %}<p>No target is assigned to this team.</p>{% endfor %}
</body></html>
"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _placed(targets: list[BriefedTarget]) -> list[tuple[str, str, float, float]]:
    return [
        (t.number, t.kind, float(t.latitude), float(t.longitude))
        for t in targets
        if t.latitude is not None and t.longitude is not None
    ]


def map_svg(b: Briefing) -> str | None:
    """The team's targets on a map (SVG text), or None if none has a position."""
    placed = _placed(b.targets)
    if not placed:
        return None
    pad = 0.01
    south, north = min(p[2] for p in placed) - pad, max(p[2] for p in placed) + pad
    west, east = min(p[3] for p in placed) - pad * 1.6, max(p[3] for p in placed) + pad * 1.6
    near = [p for p in _placed(b.other_targets) if south <= p[2] <= north and west <= p[3] <= east]
    with matplotlib.rc_context({"svg.hashsalt": "countylines-briefing", "font.size": 10}):
        fig, ax = plt.subplots(figsize=(7.0, 4.6))
        ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
        for _, _, lat, lon in near:
            ax.scatter([lon], [lat], s=30, c="#bbbbbb", edgecolors="#777777", zorder=2)
        for number, kind, lat, lon in placed:
            colour = "#c00000" if kind == "enforcement" else "#0060a8"
            ax.scatter([lon], [lat], s=90, c=colour, edgecolors="black", zorder=3)
            ax.annotate(
                number,
                (lon, lat),
                xytext=(6, 5),
                textcoords="offset points",
                fontsize=10,
                fontweight="bold",
            )
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        _scale_bar(ax, west, east, south, north)
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        ax.set_title(
            f"Team {b.team}: red = enforcement, blue = safeguarding visit, grey = other teams",
            fontsize=10,
        )
        ax.grid(alpha=0.25)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(fig)
    return buffer.getvalue()


def _scale_bar(ax: Axes, west: float, east: float, south: float, north: float) -> None:
    mid = (south + north) / 2
    km_per_degree = 111.32 * math.cos(math.radians(mid))
    width_km = (east - west) * km_per_degree
    length = next((x for x in (0.2, 0.5, 1, 2, 5, 10, 20, 50) if x >= width_km / 6), 50.0)
    x0 = west + (east - west) * 0.05
    y0 = south + (north - south) * 0.06
    ax.plot([x0, x0 + length / km_per_degree], [y0, y0], color="black", linewidth=3, zorder=4)
    ax.text(x0, y0 + (north - south) * 0.025, f"{length:g} km", fontsize=9, zorder=4)


def render_html(b: Briefing) -> str:
    """The pack as HTML (autoescaped), the map embedded as an SVG data URI."""
    svg = map_svg(b)
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode() if svg else None
    return _ENV.from_string(TEMPLATE).render(b=b, map_uri=uri)


def render_pdf(b: Briefing) -> bytes:
    """The pack as PDF bytes (WeasyPrint)."""
    import weasyprint

    return bytes(weasyprint.HTML(string=render_html(b)).write_pdf())
