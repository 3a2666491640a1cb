"""An operation planned and its results recorded in Debian's chromium, with screenshots.

Flow (as the owner of the ``Op ALDER`` compartment): create the operation,
link the top line, set the strike time and a team, record a warrant, adopt a
proposed enforcement target (and see one refused without its warrant), record
an arrest and take the case to sentence, then the funnel and the returns.
Screenshots go to ``test-artifacts/screenshots/ops-*.png`` for a person to read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.browser import SCREENSHOTS, launch, needs_chromium, serve, sign_in
from tests.web.conftest import WebEnv

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(sqlite_env: WebEnv) -> Iterator[str]:
    """The app served by uvicorn on loopback, in a thread of this process."""
    yield from serve(sqlite_env.app())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture(scope="module")
def page(server: str, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    # no script error, no CSP violation, no failed load (a refused form answers 400)
    assert [e for e in errors if "status of 400" not in e] == [], errors


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"ops-{name}.png"), full_page=True)


def test_plan_an_operation_and_record_its_results(
    page: Any, server: str, sqlite_env: WebEnv
) -> None:
    sign_in(page, server, "sam", purpose="Op ALDER day of action 2023/09")

    # a new operation in the user's own compartment
    page.goto(f"{server}/operations")
    page.fill("#name", "Op ROWAN")
    page.select_option("#compartment", "Op ALDER")
    page.fill("#sio", "DI Rob Kerr")
    page.fill("#objectives", "Close the line supplying Clacton\nSafeguard the children running it")
    shot(page, "01-operations")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/operations/*")
    op_url = page.url
    assert page.locator("main h1").inner_text() == "Op ROWAN"

    # the plan: link the top line, strike time and team, a warrant, the targets
    page.goto(f"{op_url}/plan")
    top = sqlite_env.picture["lines"][0]
    page.select_option("#link-line", top["line_id"])
    page.click("form[action$='/link'] button")
    page.wait_for_url("**/plan")
    page.fill("#strike-at", "2023-09-05T05:00")
    page.fill("#team", "Alpha")
    page.fill("#leader", "PS Ann Lee")
    page.fill("#officers", "8")
    page.click("form[action$='/plan'] button")
    page.wait_for_url("**/plan")
    assert (
        page.locator("#strike").inner_text()
        == "Tuesday 5 September 2023, 05:00 UK time (04:00 UTC)"
    )
    rows = page.locator("#proposals tbody tr")
    assert rows.count() >= 2
    first = page.locator("#proposals form").first
    proposal = first.locator("input[name=proposal]").get_attribute("value")
    first.locator("input[name=address]").fill("14 Elm Road, London N1")
    first.locator("select[name=team]").select_option("Alpha")
    first.locator("button").click()  # no warrant yet: refused, and the page says why
    assert "without a recorded warrant reference" in page.locator("#form-error").inner_text()
    shot(page, "02-target-refused-without-warrant")
    page.select_option("#auth-kind", "warrant")
    page.fill("#auth-reference", "HCMC/2023/0904")
    page.fill("#auth-address", "14 Elm Road, London N1")
    page.fill("#auth-issuer", "Highbury Corner Magistrates' Court")
    page.fill("#auth-issued", "2023-09-04")
    page.fill("#auth-expires", "2023-09-18")
    page.click("form[action$='/authorise'] button")
    page.wait_for_url("**/plan")
    form = page.locator(f"#proposals form:has(input[value='{proposal}'])")
    form.locator("input[name=address]").fill("14 Elm Road, London N1")
    form.locator("select[name=warrant]").select_option("HCMC/2023/0904")
    form.locator("select[name=team]").select_option("Alpha")
    form.locator("button").click()
    page.wait_for_url("**/plan")
    visit = page.locator("#proposals tr:has-text('safeguarding visit') form").first
    if visit.count():
        visit.locator("input[name=address]").fill("Flat 2, 9 Pier Avenue, Clacton")
        visit.locator("select[name=team]").select_option("Alpha")
        visit.locator("button").click()
        page.wait_for_url("**/plan")
    assert page.locator(".notice").count() == 0  # nothing missing from the plan
    shot(page, "03-plan")

    # results, and the case to sentence
    page.goto(op_url)

    def submit(
        summary: str,
        fields: dict[str, str],
        selects: dict[str, str] | None = None,
        checks: tuple[str, ...] = (),
    ) -> None:
        page.click(f"summary:has-text('{summary}')")
        for selector, value in fields.items():
            page.fill(selector, value)
        for selector, value in (selects or {}).items():
            page.select_option(selector, value)
        for selector in checks:
            page.check(selector)
        page.locator(f"details:has(summary:has-text('{summary}')) button[type=submit]").click()
        page.wait_for_url("**/operations/*")

    holder = page.locator("#arrest-nominal option", has_text="line holder").first.get_attribute(
        "value"
    )
    runner = page.locator("#arrest-nominal option", has_text="runner").first.get_attribute("value")
    assert holder and runner
    arrest = {"#arrest-offence": "Conspiracy to supply class A", "#arrest-at": "2023-09-05T05:07"}
    submit(
        "Record an arrest",
        {**arrest, "#arrest-person": "Jay FROST", "#arrest-place": "14 Elm Road, London N1"},
        {"#arrest-nominal": holder},
    )
    submit(
        "Record an arrest",
        {
            **arrest,
            "#arrest-person": "Child A (15)",
            "#arrest-place": "Flat 2, 9 Pier Avenue, Clacton",
        },
        {"#arrest-nominal": runner},
    )
    assert "possible victim" in page.locator("#arrest ~ .grid table").first.inner_text()
    submit(
        "Record a referral",
        {"#referral-person": "Child A (15)", "#referral-at": "2023-09-05T07:30"},
        {"#referral-route": "MASH", "#referral-arrest": "2"},
        ("input[name=child]",),
    )
    submit(
        "Record a visit",
        {
            "#visit-address": "Flat 2, 9 Pier Avenue, Clacton",
            "#visit-at": "2023-09-05T05:15",
            "#visit-vulnerable": "1",
        },
        checks=("input[name=cuckooed]",),
    )
    submit(
        "Record a seizure",
        {"#seizure-grams": "27.5", "#seizure-at": "2023-09-05T05:20"},
        {"#seizure-kind": "drugs", "#seizure-drug": "crack cocaine"},
    )
    submit(
        "Record a seizure",
        {"#seizure-pounds": "1520.50", "#seizure-at": "2023-09-05T05:21"},
        {"#seizure-kind": "cash"},
    )
    ids = page.locator("#charge-arrest option").all_text_contents()
    jay, child = (
        next(i.split(":")[0] for i in ids if name in i) for name in ("Jay FROST", "Child A")
    )
    submit(
        "Record a charging decision",
        {"#charge-offence": "Conspiracy to supply class A", "#charge-on": "2023-09-06"},
        {"#charge-arrest": jay, "#charge-cps": "charge"},
    )
    submit(
        "Record a charging decision",
        {"#charge-offence": "Possession with intent to supply", "#charge-on": "2023-09-06"},
        {"#charge-arrest": child, "#charge-cps": "no further action"},
    )
    submit(
        "Record a court hearing",
        {"#hearing-court": "Chelmsford Crown Court", "#hearing-on": "2023-10-09"},
        {"#hearing-arrest": jay, "#hearing-outcome": "guilty plea"},
    )
    submit(
        "Record a sentence",
        {"#sentence-on": "2023-11-10", "#sentence-months": "54"},
        {"#sentence-arrest": jay},
    )
    submit("Close a line", {"#close-at": "2023-09-06T12:00"}, {"#close-type": "1"})
    stages = page.locator("#cases ~ .grid table tbody").inner_text()
    assert "sentenced" in stages and "54" in stages and "no further action" in stages
    assert "Type 1" in page.locator("#close table").inner_text()
    funnel = page.locator("#funnel")
    funnel.scroll_into_view_if_needed()
    assert funnel.evaluate("img => img.complete && img.naturalWidth > 0")
    shot(page, "04-operation-results-and-funnel")
    funnel.screenshot(path=str(SCREENSHOTS / "ops-05-funnel.png"))

    page.goto(f"{server}/returns?start=2023-09-01&end=2023-12-31")
    table = page.locator("#returns").inner_text()
    for figure in (
        "lines closed\t1",
        "arrests\t2",
        "line holders charged\t1",
        "MASH referrals\t1",
        "cuckooed addresses visited\t1",
        "crack cocaine (grams)\t27.50",
        "cash (pounds)\t1,520.50",
    ):
        assert figure in table, figure
    shot(page, "06-returns")
