"""Operations pages through the web app: a plan, a result, cases, returns; compartments hold."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import Client, WebEnv
from tests.web.inert import check_inert


def _op_id(response: Any) -> int:
    assert response.status_code == 303, response.text
    found = re.fullmatch(r"/operations/(\d+)", response.headers["location"])
    assert found is not None, response.headers["location"]
    return int(found.group(1))


def test_plan_an_operation_record_results_and_count_them(web_env: WebEnv, web_app: Any) -> None:
    sam = Client(web_app, "sam", purpose="Op ALDER day of action")
    name = f"Op WILLOW {web_env.backend}"
    op = _op_id(
        sam.post(
            "/operations",
            {
                "name": name,
                "compartment": "Op ALDER",
                "sio": "DI Kerr",
                "objectives": "close the line\nsafeguard children",
            },
        )
    )
    line = web_env.picture["lines"][0]
    assert sam.post(f"/operations/{op}/link", {"line_id": line["line_id"]}).status_code == 303
    assert (
        sam.post(
            f"/operations/{op}/plan",
            {"strike_at": "2023-08-01T05:00", "team": "Alpha", "leader": "PS Lee", "officers": "6"},
        ).status_code
        == 303
    )
    plan = sam.get(f"/api/operations/{op}/plan").json()
    assert plan["strike_at"] == "2023-08-01T04:00:00+00:00"
    proposals = plan["proposals"]
    enforcement = next(p for p in proposals if p["kind"] == "enforcement")
    # no warrant: refused, with the reason on the page
    refused = sam.post(
        f"/operations/{op}/target",
        {"proposal": enforcement["proposal_id"], "address": "1 Elm Road", "team": "Alpha"},
    )
    assert refused.status_code == 400 and "without a recorded warrant reference" in refused.text
    assert (
        sam.post(
            f"/operations/{op}/authorise",
            {
                "kind": "warrant",
                "reference": "W/1",
                "address": "1 Elm Road",
                "issued_by": "MC",
                "issued_on": "2023-07-31",
            },
        ).status_code
        == 303
    )
    assert (
        sam.post(
            f"/operations/{op}/target",
            {
                "proposal": enforcement["proposal_id"],
                "address": "1 Elm Road",
                "warrant": "W/1",
                "team": "Alpha",
            },
        ).status_code
        == 303
    )
    detail = sam.get(f"/api/operations/{op}").json()
    assert detail["plan_problems"] == [] and detail["targets"][0]["warrant"] == "W/1"
    assert (
        sam.post(
            f"/operations/{op}/arrest",
            {
                "person": "Jay <b>X</b>",
                "offence": "supply",
                "arrested_at": "2023-08-01T05:06",
                "place": "1 Elm Road",
                "target_id": str(detail["targets"][0]["target_id"]),
            },
        ).status_code
        == 303
    )
    [case] = sam.get(f"/api/operations/{op}").json()["cases"]
    arrest = str(case["arrest_id"])
    assert (
        sam.post(
            f"/operations/{op}/charge",
            {
                "arrest_id": arrest,
                "offence": "supply",
                "on": "2023-08-02",
                "cps_decision": "charge",
            },
        ).status_code
        == 303
    )
    assert (
        sam.post(
            f"/operations/{op}/seizure",
            {"kind": "cash", "pounds": "250", "seized_at": "2023-08-01T05:10"},
        ).status_code
        == 303
    )
    page = sam.get(f"/operations/{op}")
    text = check_inert(page.text.replace('<img src="/operations/', '<span data-src="/operations/'))
    assert "Jay <b>X</b>" in text  # the payload-like name shown as text
    svg = sam.get(f"/operations/{op}/funnel.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and "charged" in svg.text
    pdf = sam.get(f"/operations/{op}/briefing", params={"team": "Alpha"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    r = sam.get("/api/returns", params={"start": "2023-08-01", "end": "2023-08-31"}).json()
    assert (r["arrests"], r["people_charged"], r["seizures"]["cash_pounds"]) == (1, 1, 250.0)
    csv = sam.get("/returns.csv", params={"start": "2023-08-01", "end": "2023-08-31"})
    assert "people,arrests,1" in csv.text

    # outside the compartment: told whom to contact, never the content
    ann = Client(web_app, "ann")
    held = ann.get(f"/operations/{op}")
    assert held.status_code == 403 and "DS Sam Supervisor" in held.text and name not in held.text
    assert (
        ann.post(
            f"/operations/{op}/arrest",
            {"person": "x", "offence": "y", "arrested_at": "2023-08-01T05:00", "place": "z"},
        ).status_code
        == 403
    )
    assert name not in ann.get("/operations").text
