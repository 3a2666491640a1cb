"""Jinja2 pages: autoescaped, with the helpers every template shares.

Autoescape is on for every template (values from files and forms are always
text, never markup). Data for scripts goes into ``<script
type="application/json">`` blocks through ``tojson``, which escapes ``<``,
``>``, ``&`` and quotes, so no value can close the block.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from countylines.domain.display import printable
from countylines.domain.grading import LABELS
from countylines.security.handling import handling_notice

TEMPLATES_DIR = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["handling_notice"] = handling_notice
_env.globals["grading_labels"] = LABELS


def _sparkline(values: list[int], width: int = 120, height: int = 24) -> str:
    """Points of an SVG polyline for ``values`` (empty string for no data)."""
    if not values:
        return ""
    top = max(values) or 1
    step = width / max(1, len(values) - 1)
    return " ".join(
        f"{i * step:.1f},{height - (v / top) * (height - 2) - 1:.1f}" for i, v in enumerate(values)
    )


_env.filters["sparkline"] = _sparkline
# a report's own characters that could reorder or restyle the page (U+202E...) shown as escapes
_env.filters["printable"] = lambda value: printable(str(value), keep_layout=True)


def _when(value: object) -> str:
    """An ISO time (text or datetime) as ``04 Aug 2023 22:59 UTC``; a date as ``04 Aug 2023``."""
    import datetime as dt

    if value is None or value == "":
        return "\u2013"  # en dash
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if isinstance(value, str) and len(value) == 10:
        return moment.strftime("%d %b %Y")
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%d %b %Y %H:%M UTC")


_env.filters["when"] = _when


def nav_items(request: Request) -> list[tuple[str, str]]:
    """The menu for the signed-in principal: (label, path) of the pages it may open."""
    principal = getattr(request.state, "principal", None)
    items: list[tuple[str, str, str | None]] = getattr(request.app.state, "nav", [])
    if principal is None:
        return []
    return [(label, path) for label, path, perm in items if perm is None or principal.can(perm)]


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render ``template`` with the request's principal, CSRF token and menu."""
    values = {
        "request": request,
        "principal": getattr(request.state, "principal", None),
        "csrf_token": getattr(request.state, "csrf_token", ""),
        "nav": nav_items(request),
        "path": request.url.path,
        **context,
    }
    html = _env.get_template(template).render(values)
    return HTMLResponse(html, status_code=status_code)
