"""The web workspace driven in Debian's chromium through Playwright, with screenshots.

Flows: sign in; find a line by number; open its graph and map; enter and
grade an intelligence report (and see a grading mistake refused); be refused
a compartment and see "held elsewhere"; export with a handling-code check.
Every page is saved to ``test-artifacts/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from countylines.security.models import AuditEvent
from tests.web.browser import SCREENSHOTS, launch, needs_chromium, serve, sign_in
from tests.web.conftest import SECRET_TEXT, WebEnv

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(sqlite_env: WebEnv) -> Iterator[str]:
    """The app served by uvicorn on loopback, in a thread of this process."""
    yield from serve(sqlite_env.app())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="en-GB"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" else None,
    )
    yield page
    context.close()
    # refusals (400 form problems, 403 refused) are answers, not faults
    faults = [e for e in errors if not re.search(r"status of (400|403) ", e)]
    assert faults == []  # no script error, no CSP violation, no missing file


def shot(page: Any, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def _display(number: str) -> str:
    return "0" + number[3:7] + " " + number[7:]  # +447351564317 -> 07351 564317


def test_sign_in_and_find_a_line_then_its_graph_and_map(
    page: Any, server: str, sqlite_env: WebEnv
) -> None:
    page.goto(f"{server}/login")
    shot(page, "01-login")
    sign_in(page, server, "ann", purpose=None)
    assert page.locator("main h1").inner_text() == "Dashboard"
    shot(page, "02-dashboard")

    target = sqlite_env.picture["lines"][0]
    number = target["numbers"][-1]["number"]
    page.fill("#find", _display(number))
    page.click("main form button")
    page.wait_for_url(lambda url: "/purpose?next=" in url)  # a search: asks why first
    page.fill("#purpose", "Op PIER")
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/lines?find=" in url)
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    shot(page, "03-find-line")
    rows.locator("a").first.click()
    page.wait_for_url(f"**/lines/{target['line_id']}")
    page.wait_for_selector("#graph[data-ready=yes]")
    page.wait_for_selector("#map[data-ready=yes]")
    assert page.locator("main h1").inner_text().startswith(target["label"])
    chain = page.locator("section:has(#chain-h) tbody tr td:first-child").all_inner_texts()
    assert chain == [n["number"] for n in target["numbers"]]
    # the map drew one circle per located cell, and the LSOA boundaries behind them
    located = [c for c in target["cells"] if c.get("latitude") is not None]
    assert page.locator("#map .leaflet-overlay-pane canvas").count() >= 1
    assert len(located) > 0
    shot(page, "04-line-view", full_page=False)
    page.locator("#graph").screenshot(path=str(SCREENSHOTS / "05-line-graph.png"))
    page.locator("#map").screenshot(path=str(SCREENSHOTS / "06-line-map.png"))


def test_enter_and_grade_an_intelligence_report(page: Any, server: str, sqlite_env: WebEnv) -> None:
    sign_in(page, server, "ivan", purpose=None)
    page.goto(f"{server}/intel/new")
    assert "/purpose" in page.url  # a sensitive action asks why first
    shot(page, "07-purpose")
    page.fill("#purpose", "Op ALDER tasking 2024/117")
    page.click("main button[type=submit]")
    page.wait_for_url("**/intel/new")
    page.fill("#date", "2023-08-01")
    page.fill("#area", "Jaywick")
    page.fill("#text", "Two youths from London seen delivering from Flat 2, Brooklands.")
    page.check("input[name=source_grade][value='2']")
    page.check("input[name=intelligence_grade][value='B']")
    page.check("input[name=handling_code][value='C']")
    page.fill("#phones", "07700 900123")
    page.click("main form button[type=submit]")
    # C without its conditions is refused, and says so at the field
    error = page.locator("#handling_conditions-error")
    assert "needs its conditions" in error.inner_text()
    shot(page, "08-grading-refused")
    page.fill("#handling_conditions", "Not to be shared outside the police")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/intel/*")
    assert "2B C" in page.locator("main").inner_text()
    notice = page.locator(".notice").first.inner_text()
    assert "Not to be shared outside the police" in notice
    assert "+447700900123" in page.locator("main").inner_text()
    shot(page, "09-report-entered")
    # re-grade: history kept
    page.select_option("#grading_scheme", "3x5x2")
    page.fill("#source_grade", "1")
    page.fill("#intelligence_grade", "B")
    page.fill("#handling_code", "P")
    page.fill("#reason", "corroborated by a second source")
    page.click("form[action$='/grade'] button")
    page.wait_for_load_state()
    history = page.locator("section:has(h2:text('Grading history')) tbody tr")
    assert history.count() == 2
    shot(page, "10-report-regraded")


def test_refused_a_compartment_sees_held_elsewhere(
    page: Any, server: str, sqlite_env: WebEnv
) -> None:
    sign_in(page, server, "ann")
    page.goto(f"{server}/intel?q=Jaywick")
    held = page.locator(".held").first.inner_text()
    assert "held elsewhere" in held and "DS Sam Supervisor" in held
    assert SECRET_TEXT not in page.content()
    shot(page, "11-search-held-elsewhere")
    page.goto(f"{server}/lines/{sqlite_env.secret_line}")
    assert "DS Sam Supervisor (sam)" in page.locator(".held").inner_text()
    shot(page, "12-line-held-elsewhere")


def test_export_checks_each_handling_code(page: Any, server: str, sqlite_env: WebEnv) -> None:
    sign_in(page, server, "ann", purpose="Op PIER disclosure")
    page.goto(f"{server}/intel?q=Pier+Avenue")
    ids = sqlite_env.report_ids
    shot(page, "13-search-results")

    def export(urns: list[str], accept: bool) -> None:
        page.goto(f"{server}/intel?q=Pier+Avenue")
        for urn in urns:
            page.check(f"input[name=report_id][value='{ids[urn]}']")
        page.fill("#recipient", "DC Lee, Kent Police")
        if accept:
            page.check("input[name=accept_conditions]")

    export(["TEST/0001", "TEST/0003"], accept=True)
    page.click("form[action='/intel/export'] button[type=submit]")
    page.wait_for_url("**/intel/export")
    refused = page.locator("main table").inner_text()
    assert "TEST/0003" in refused and "blocked" in refused and "TEST/0001" not in refused
    shot(page, "14-export-refused-handling-4")

    export(["TEST/0001", "TEST/0002"], accept=False)
    page.click("form[action='/intel/export'] button[type=submit]")
    assert "accept the conditions" in page.locator("main table").inner_text()
    shot(page, "15-export-needs-acceptance")

    export(["TEST/0001", "TEST/0002"], accept=True)
    with page.expect_download() as download:
        page.click("form[action='/intel/export'] button[type=submit]")
    content = Path(download.value.path()).read_text()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [r["urn"] for r in rows] == ["TEST/0001", "TEST/0002"]
    assert rows[1]["handling_conditions"] == "Not to be shared with partner agencies"
    with sqlite_env.ws.session() as s:
        logged = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "disclosure").order_by(AuditEvent.seq)
        ).all()
    assert [(e.record_id, e.recipient, e.justification) for e in logged[-2:]] == [
        ("TEST/0001", "DC Lee, Kent Police", "Op PIER disclosure"),
        ("TEST/0002", "DC Lee, Kent Police", "Op PIER disclosure"),
    ]


@pytest.mark.parametrize(
    ("user", "path", "name"),
    [
        ("ann", "/nominals", "16-nominals"),
        ("sofia", "/safeguarding", "17-safeguarding"),
        ("ann", "/hotspots", "18-hotspots"),
        ("ann", "/products", "19-products"),
        ("ann", "/imports", "20-imports"),
        ("sam", "/audit", "21-audit-log"),
        ("sam", "/audit/verify", "22-audit-verify"),
        ("ann", "/docs", "23-api-docs"),
        ("ada", "/intel", "24-administrator-refused"),
    ],
)
def test_every_page_renders(page: Any, server: str, user: str, path: str, name: str) -> None:
    sign_in(page, server, user)
    page.goto(f"{server}{path}")
    if path == "/hotspots":
        page.wait_for_selector("#map[data-ready=yes]")
    if path == "/docs":
        page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator("main h1").count() >= 1
    shot(page, name, full_page=path not in ("/audit", "/docs", "/nominals", "/safeguarding"))
