"""The public page and the triage queue in Debian's chromium, with axe-core and screenshots.

A member of the public sends one of the simulator's own reports from the public page (on a
phone-sized screen too); an analyst then finds it in the triage queue with its mentions
linked to the deal line it names. axe-core (npm, served from the repository, never a CDN)
checks the pages against WCAG 2.1 A and AA. The page must fetch nothing from another
origin and leave no cookie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.public.support import an_hour_ago, simulated_reports
from tests.web.browser import SCREENSHOTS, launch, needs_chromium, serve, sign_in
from tests.web.conftest import WebEnv

AXE = Path(__file__).resolve().parents[2] / "src/countylines/web/node_modules/axe-core/axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = needs_chromium


def _serve(app: Any) -> Iterator[str]:
    from countylines.public.anonymity import uvicorn_options

    yield from serve(app, **{**uvicorn_options(), "log_config": None, "log_level": "warning"})


@pytest.fixture(scope="module")
def public(sqlite_env: WebEnv) -> Iterator[str]:
    """The public app over the demo workspace (its clock an hour behind: see support)."""
    from countylines.public.abuse import TokenPolicy
    from countylines.public.app import PublicConfig, create_public_app

    config = PublicConfig(
        tokens=TokenPolicy(min_fill=dt.timedelta(0)), release_every=0, clock=an_hour_ago
    )
    yield from _serve(create_public_app(sqlite_env.ws, config))


@pytest.fixture(scope="module")
def analysts(sqlite_env: WebEnv) -> Iterator[str]:
    """The analysts' web workspace over the same workspace."""
    yield from _serve(sqlite_env.app())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


def _context(browser: Any, **options: Any) -> Any:
    context = browser.new_context(locale="en-GB", **options)
    context.add_init_script(path=str(AXE))  # injected by the browser itself: CSP stays on
    return context


def axe_violations(page: Any) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the page: ``rule: element`` each."""
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [f"{v['id']}: {n['target']}" for v in result["violations"] for n in v["nodes"]]


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _watch(page: Any, origin: str) -> tuple[list[str], list[str]]:
    foreign: list[str] = []
    errors: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith((origin, "data:")) else foreign.append(r.url)
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # a refusal (400: the form's problems listed) is an answer, not a fault
    page.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "status of 400" not in m.text else None
        ),
    )
    return foreign, errors


def _deal_line_report(env: WebEnv, scenario: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    numbers = {n["number"]: line for line in env.picture["lines"] for n in line["numbers"]}
    for report in simulated_reports(scenario):
        for mention in report["truth"]["mentions"]:
            if mention.get("number") in numbers:
                return report, numbers[mention["number"]]
    pytest.fail("the demo scenario has no public report naming a known deal line")


def test_a_report_from_the_public_reaches_the_triage_queue_linked(
    browser: Any, public: str, analysts: str, sqlite_env: WebEnv, scenario: Path
) -> None:
    report, line = _deal_line_report(sqlite_env, scenario)
    context = _context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign, errors = _watch(page, public)
    page.goto(f"{public}/")
    assert axe_violations(page) == []
    shot(page, "30-public-form")

    page.click("button[type=submit]")  # nothing typed: the problems are listed
    assert page.locator(".error-summary").is_visible()
    assert axe_violations(page) == []
    shot(page, "31-public-form-problems")

    page.fill("#what", report["text"])
    page.fill("#where", "Pier Avenue, Clacton")
    page.fill("#when", "every evening")
    page.check("#children-2")  # "no"
    page.click("#map-show")
    page.wait_for_selector("#map-area[data-ready=yes]")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.input_value("#latitude") != "" and page.input_value("#longitude") != ""
    assert page.locator("#map-status").inner_text() == "A place is marked where you clicked."
    assert axe_violations(page) == []
    shot(page, "32-public-form-filled-with-map")
    page.click("button[type=submit]")
    page.wait_for_selector(".confirmation")
    reference = page.locator(".reference").inner_text().strip()
    assert reference.startswith("PUB-")
    assert axe_violations(page) == []
    shot(page, "33-public-thanks")
    assert foreign == [] and errors == []
    assert context.cookies() == []
    context.close()

    analyst = browser.new_context(locale="en-GB", viewport={"width": 1366, "height": 900})
    page = analyst.new_page()
    sign_in(page, analysts, "ann")
    page.goto(f"{analysts}/triage")
    row = page.locator(f"tr#r-{reference}")
    assert row.count() == 1
    assert row.locator(f"a[href='/lines/{line['line_id']}']").count() >= 1
    assert "deal line" in row.inner_text()
    shot(page, "34-triage-queue")
    row.locator(f"a[href='/triage/{reference}']").click()
    page.wait_for_url(f"{analysts}/triage/{reference}")
    marks = page.locator("mark.mention-phone")
    assert marks.count() >= 1
    assert line["label"] in page.locator("section", has_text="Links to what is known").inner_text()
    shot(page, "35-triage-report")
    analyst.close()


def test_the_public_page_on_a_phone(browser: Any, public: str) -> None:
    context = _context(
        browser,
        viewport={"width": 375, "height": 812},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    foreign, errors = _watch(page, public)
    page.goto(f"{public}/")
    assert axe_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # nothing wider than the screen
    shot(page, "36-public-form-phone")
    page.click("#map-show")
    page.wait_for_selector("#map-area[data-ready=yes]")
    page.click("#map-centre")
    assert page.input_value("#latitude") != ""
    shot(page, "37-public-map-phone")
    assert foreign == [] and errors == [] and context.cookies() == []
    context.close()


def test_the_triage_pages_pass_axe(browser: Any, analysts: str, public: str) -> None:
    import httpx

    from tests.public.support import reference_of, token_of

    with httpx.Client(base_url=public) as http:
        token = token_of(http.get("/").text)
        what = "a boy about 14 keeps getting into a white van AB12 CDE on Pier Avenue, co15 1aa"
        reference = reference_of(http.post("/report", data={"token": token, "what": what}))
    context = _context(browser, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    sign_in(page, analysts, "ann")
    page.goto(f"{analysts}/triage")
    assert axe_violations(page) == []
    page.click(f"a[href='/triage/{reference}']")
    page.wait_for_url(f"{analysts}/triage/{reference}")
    assert axe_violations(page) == []
    context.close()
