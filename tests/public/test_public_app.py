"""The public page over HTTP: the form, a report stored with its mentions, and every refusal."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from countylines.cli.main import app as cli_app
from countylines.public.app import PublicConfig, create_public_app
from countylines.public.models import PublicReport
from countylines.workspace import Workspace
from tests.public.support import (
    an_hour_ago,
    public_client,
    reference_of,
    send,
    simulated_reports,
    token_of,
)
from tests.web.inert import check_inert


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "action") and value:
                self.urls.append(value)


def _rows(ws: Workspace) -> list[PublicReport]:
    with ws.session() as s:
        return list(s.scalars(select(PublicReport).order_by(PublicReport.id)))


def test_the_form_page_is_self_contained_and_sets_no_cookie(workspace: Workspace) -> None:
    client = public_client(workspace)
    page = client.get("/")
    assert page.status_code == 200
    assert "set-cookie" not in page.headers
    csp = page.headers["content-security-policy"]
    assert csp.startswith("default-src 'self'; script-src 'self'; style-src 'self';")
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "server" not in page.headers
    parser = _Resources()
    parser.feed(page.text)
    assert parser.urls and all(u.startswith(("/", "#", "data:")) for u in parser.urls), parser.urls
    for url in (u for u in parser.urls if u.startswith("/static/")):
        assert client.get(url).status_code == 200, url
    text = check_inert(page.text)
    for promise in (
        "does not store or log your IP address",
        "sets no cookies",
        "only to the hour",
        "20,000 characters",
        "call 999",
        "possible victims",
    ):
        assert promise in " ".join(text.split()), promise
    assert len(set(re.findall(r'name="token" value="([^"]+)"', client.get("/").text))) == 1
    assert token_of(client.get("/").text) != token_of(client.get("/").text)


def test_a_report_is_stored_with_its_mentions_and_nothing_else(db_workspace: Workspace) -> None:
    client = public_client(db_workspace)
    response = send(
        client,
        {
            "what": "They text me from 07700 900123 saying 'Ghost line open'",
            "where": "outside 14 Pier Avenue, co15 1aa",
            "when": "most nights about 10pm",
            "people": "a lad called 'Ghosty', about 15",
            "vehicles": "white fiesta AB12 CDE",
            "phones": "",
            "children": "yes",
            "latitude": "51.7891234",
            "longitude": "1.1556",
        },
    )
    reference = reference_of(response)
    [row] = _rows(db_workspace)
    assert row.reference == reference
    assert (row.where_text, row.when_text, row.phones) == (
        "outside 14 Pier Avenue, co15 1aa",
        "most nights about 10pm",
        None,
    )
    assert (row.children, row.where_latitude, row.where_longitude) == ("yes", 51.7891, 1.1556)
    period = row.received_period.replace(tzinfo=dt.UTC)
    assert (period.minute, period.second, period.microsecond) == (0, 0, 0)
    found = {(m["field"], m["type"], m["value"]) for m in row.mentions}
    assert {
        ("what", "phone", "+447700900123"),
        ("where", "postcode", "CO15 1AA"),
        ("vehicles", "vrm", "AB12CDE"),
    } <= found
    for m in row.mentions:  # spans index the field's own text
        field = {"what": row.what, "where": row.where_text, "people": row.people,
                 "vehicles": row.vehicles, "when": row.when_text}[m["field"]]  # fmt: skip
        assert field is not None and field[m["start"] : m["end"]] == m["text"]


def test_simulated_reports_keep_what_they_name(tmp_path: Path, workspace: Workspace) -> None:
    checked = 0
    for seed in (5, 11):
        out = tmp_path / f"scenario-{seed}"
        result = CliRunner().invoke(
            cli_app, ["simulate", "--seed", str(seed), "--events", "20000", "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        client = public_client(workspace)
        for report in simulated_reports(out):
            reference = reference_of(send(client, {"what": report["text"]}))
            with workspace.session() as s:
                row = s.scalar(select(PublicReport).where(PublicReport.reference == reference))
            assert row is not None and row.what == report["text"].strip()
            values = {(m["type"], m["value"]) for m in row.mentions}
            for truth in report["truth"]["mentions"]:
                expected = {
                    "phone": ("phone", truth.get("number")),
                    "vehicle": ("vrm", truth.get("vrm")),
                    "postcode": ("postcode", truth.get("postcode")),
                }.get(truth["kind"])
                if expected and expected[1]:
                    assert expected in values, (report["text"], expected, values)
                    checked += 1
    assert checked >= 4


def test_the_honeypot_thanks_a_robot_and_stores_nothing(workspace: Workspace) -> None:
    client = public_client(workspace)
    response = send(client, {"what": "buy cheap pills", "website": "http://spam.example"})
    assert reference_of(response)
    assert _rows(workspace) == []


def test_a_form_can_be_sent_once(workspace: Workspace) -> None:
    client = public_client(workspace)
    token = token_of(client.get("/").text)
    assert reference_of(client.post("/report", data={"token": token, "what": "first"}))
    again = client.post("/report", data={"token": token, "what": "second"})
    assert again.status_code == 400
    assert "this form has already been sent" in again.text
    assert "second" in again.text  # the words come back, with a fresh token
    assert token_of(again.text) != token
    forged = client.post("/report", data={"token": "x.1.y", "what": "third"})
    assert forged.status_code == 400 and "not sent from this page" in forged.text
    assert [r.what for r in _rows(workspace)] == ["first"]


def test_a_form_sent_at_once_is_refused(workspace: Workspace) -> None:
    client = public_client(workspace, min_fill=dt.timedelta(minutes=5))
    assert "sent within 300 seconds of opening the page is refused" in client.get("/").text
    response = send(client, {"what": "too fast"})
    assert response.status_code == 400 and "too quickly" in response.text
    # a new user pressed Send again at once, and was refused again without knowing why
    assert "wait 300 seconds before pressing" in response.text
    assert _rows(workspace) == []


def test_the_page_promises_only_what_it_does(workspace: Workspace) -> None:
    # no loaded boundaries: no map, so no word of marking a place on one
    page = public_client(workspace).get("/").text
    assert 'id="map-group"' not in page and "on the map" not in page
    assert "only to the hour, not the minute" in page
    minute = create_public_app(
        workspace, PublicConfig(period_minutes=1, release_every=0, clock=an_hour_ago)
    )
    page = TestClient(minute).get("/").text
    assert "to the minute." in page and "not the minute" not in page


def test_the_global_rate_limit(workspace: Workspace) -> None:
    client = public_client(workspace, burst=2, per_hour=1)
    assert reference_of(send(client, {"what": "one"}))
    assert reference_of(send(client, {"what": "two"}))
    third = send(client, {"what": "three"})
    assert third.status_code == 429
    assert "try again in a few minutes" in third.text and "three" in third.text
    assert len(_rows(workspace)) == 2


def test_problems_come_back_on_the_form_with_the_words_escaped(workspace: Workspace) -> None:
    client = public_client(workspace)
    payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    response = send(client, {"what": payload, "people": payload, "children": "perhaps"})
    assert response.status_code == 400
    text = check_inert(response.text)
    assert payload in text
    assert "There is a problem" in text and "choose yes, no or not sure" in text
    assert 'href="#children-1"' in response.text
    assert _rows(workspace) == []


def test_unknown_pages_and_methods(workspace: Workspace) -> None:
    client = public_client(workspace)
    assert client.get("/admin").status_code == 404
    assert client.get("/report").status_code == 405
    assert client.get("/map/area.geojson").status_code == 404  # no boundaries loaded
    assert "set-cookie" not in client.get("/admin").headers


def test_the_map_and_areas_come_from_the_workspace_geography(tmp_path: Path) -> None:
    import csv

    from countylines.settings import Settings
    from tests.conftest import shared

    boundaries = shared("geography/essex_lsoa11_boundaries_BSC.geojson")
    postcodes = shared("geography/essex_postcodes_lsoa_latlon.csv")
    ws = Workspace.create(Settings(workspace=tmp_path / "ws", duckdb_memory_limit="2GB"))
    try:
        for path in (boundaries, postcodes):
            result = CliRunner().invoke(
                cli_app,
                ["ingest", "geography", str(path)],
                env={"COUNTYLINES_WORKSPACE": str(ws.root)},
            )
            assert result.exit_code == 0, result.output
        client = public_client(ws)
        page = client.get("/").text
        assert 'src="/static/vendor/leaflet/leaflet.js"' in page and 'id="map-group"' in page
        assert "If you mark a place on the map, we keep that place." in page
        area = client.get("/map/area.geojson").json()
        assert area["features"] and len(area["bbox"]) == 4
        # Clacton-on-Sea pier head (OS grid TM 177 144): inside one of Tendring's LSOAs
        reference_of(
            send(
                client,
                {
                    "what": "dealing outside the flats",
                    "where": "co15 5la",
                    "latitude": "51.7875",
                    "longitude": "1.1563",
                },
            )
        )
        with ws.session() as s:
            row = s.scalar(select(PublicReport))
        assert row is not None
        codes = {
            f["properties"]["lsoa_code"]: f["properties"]["lsoa_name"] for f in area["features"]
        }
        assert row.where_lsoa in codes and codes[row.where_lsoa].startswith("Tendring")
        with postcodes.open(encoding="utf-8") as handle:
            truth = next(r for r in csv.DictReader(handle) if r["pcds"] == "CO15 5LA")
        [postcode] = [m for m in row.mentions if m["type"] == "postcode"]
        assert (postcode["value"], postcode["lsoa_code"], postcode["lsoa_name"]) == (
            "CO15 5LA",
            truth["lsoa11cd"],
            truth["lsoa11nm"],
        )
        assert postcode["latitude"] == pytest.approx(float(truth["latitude"]))
    finally:
        ws.close()


def test_serve_public_refuses_a_period_that_does_not_divide_a_day(workspace: Workspace) -> None:
    bad = CliRunner().invoke(
        cli_app,
        ["serve-public", "--period-minutes", "7"],
        env={"COUNTYLINES_WORKSPACE": str(workspace.root)},
    )
    assert bad.exit_code == 2 and "divide a day" in bad.output


def test_count_stays_zero_after_refusals(workspace: Workspace) -> None:
    client = public_client(workspace)
    send(client, {"what": ""})
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(PublicReport)) == 0


def test_a_report_is_never_lost_when_extraction_fails(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import countylines.public.intake as intake

    real = intake.extract

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("extraction broke")

    monkeypatch.setattr(intake, "extract", broken)
    reference = reference_of(send(public_client(workspace), {"what": "texts from 07700 900123"}))
    [row] = _rows(workspace)
    assert (row.reference, row.mentions, row.mentions_pending) == (reference, [], True)
    monkeypatch.setattr(intake, "extract", real)
    with workspace.session() as s, s.begin():
        assert intake.release_due(s, dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)) == [reference]
    [row] = _rows(workspace)
    assert not row.mentions_pending
    assert ("phone", "+447700900123") in {(m["type"], m["value"]) for m in row.mentions}
