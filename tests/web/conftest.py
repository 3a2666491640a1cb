"""A demo web workspace per database (SQLite, PostgreSQL), built once per test session.

The workspace holds a simulated scenario (``countylines simulate --seed 5``)
ingested and analysed with the real ``countylines analyse``, the test's own
intelligence reports (one per handling case, one in a compartment, one full
of script payloads), accounts of every role and two compartments:

* ``Op ALDER``, owned by ``sam`` (supervisor), with member ``alex``; it holds
  report ``TEST/0005`` and the second-ranked line;
* ``Op <b>NIGHT</b>`` owned by ``mal``, whose display name is a payload.

``ann`` (analyst) is in neither, so she meets "held elsewhere".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from countylines.cli.main import app as cli_app
from countylines.security import accounts
from countylines.settings import Settings
from countylines.web.app import create_app
from countylines.workspace import Workspace
from tests.conftest import _postgres_schema_url, shared

PASSWORD = "correct horse battery staple"
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>" onmouseover="alert(2)'
USERS = {
    "ann": ("analyst", "DC Ann Analyst"),
    "alex": ("analyst", "DC Alex Member"),
    "ivan": ("investigator", "DI Ivan Investigator"),
    "sofia": ("safeguarding_officer", "Sofia Safeguarding"),
    "sam": ("supervisor", "DS Sam Supervisor"),
    "ada": ("administrator", "Ada Administrator"),
    "mal": ("analyst", PAYLOAD),
}
ROLE_USER = {
    "analyst": "ann",
    "investigator": "ivan",
    "safeguarding_officer": "sofia",
    "supervisor": "sam",
    "administrator": "ada",
}
PAYLOAD_FILE = "<img src=x onerror=alert(3)>"
SECRET_TEXT = "Op Alder target keeps the stash at Flat 9 Jaywick Lane"


@pytest.fixture(scope="session")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A simulated scenario (calls, cells, intelligence, truth), written once."""
    out = tmp_path_factory.mktemp("scenario")
    result = CliRunner().invoke(
        cli_app, ["simulate", "--seed", "5", "--events", "200000", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def _intel_csv(folder: Path, line_number: str) -> Path:
    rows = [
        ("TEST/0001", "P report about Pier Avenue", "Clacton", "3x5x2", "1", "A", "P", ""),
        (
            "TEST/0002",
            "C report about Pier Avenue",
            "Clacton",
            "3x5x2",
            "2",
            "C",
            "C",
            "Not to be shared with partner agencies",
        ),
        (
            "TEST/0003",
            "Legacy handling four report about Pier Avenue",
            "",
            "5x5x5",
            "B",
            "2",
            "4",
            "",
        ),
        (
            "TEST/0004",
            "Legacy handling five report about Pier Avenue",
            "",
            "5x5x5",
            "A",
            "1",
            "5",
            "",
        ),
        ("TEST/0005", SECRET_TEXT, "Jaywick", "3x5x2", "1", "A", "P", ""),
        ("TEST/0006", f"Payload report {PAYLOAD}", PAYLOAD, "3x5x2", "2", "B", "C", PAYLOAD),
        ("TEST/0007", "Night compartment report about Pier Avenue", "", "3x5x2", "1", "B", "P", ""),
    ]
    path = folder / "test-intel.csv"
    import csv

    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "urn",
                "date",
                "text",
                "area",
                "grading_scheme",
                "source_grade",
                "intelligence_grade",
                "handling_code",
                "handling_conditions",
                "people",
                "phones",
            ]
        )
        for urn, text, area, scheme, s, i, h, cond in rows:
            people = PAYLOAD if urn == "TEST/0006" else ""
            phones = line_number if urn in ("TEST/0006", "TEST/0002") else ""
            writer.writerow([urn, "2023-07-30", text, area, scheme, s, i, h, cond, people, phones])
    return path


@dataclass
class WebEnv:
    """A demo workspace with its app."""

    ws: Workspace
    backend: str
    picture: dict[str, Any]
    secret_line: str
    report_ids: dict[str, int]

    def app(self) -> Any:
        return create_app(self.ws)


def _cli(args: list[str], settings: Settings) -> None:
    env = {"COUNTYLINES_WORKSPACE": str(settings.workspace), "COLUMNS": "200"}
    if settings.database_url:
        env["COUNTYLINES_DATABASE_URL"] = settings.database_url
    result = CliRunner().invoke(cli_app, args, env=env)
    assert result.exit_code == 0, (args, result.output)


def build_env(settings: Settings, scenario: Path, backend: str, geography: bool) -> WebEnv:
    """Ingest, analyse and set up accounts in a new workspace."""
    ws = Workspace.create(settings)
    truth = json.loads((scenario / "truth.json").read_text())
    line_number = truth["lines"][1]["numbers"][-1]["number"]  # seed 5: the Rambo line, found
    _cli(
        [
            "ingest",
            "cdr",
            str(scenario / "calls.csv"),
            "-t",
            "canonical",
            "--cells",
            str(scenario / "cells.csv"),
        ],
        settings,
    )
    _cli(["ingest", "intel", str(scenario / "intel.csv")], settings)
    _cli(["ingest", "intel", str(_intel_csv(scenario, line_number))], settings)
    odd = scenario / f"{PAYLOAD_FILE}.csv"
    odd.write_text(
        "urn,date,text,grading_scheme,source_grade,intelligence_grade,handling_code\n"
        "ODD/1,2023-07-01,fine,3x5x2,1,A,P\nODD/2,2023-07-01,fine,3x5x2,1,A,P\n"
        f'ODD/3,"{PAYLOAD.replace(chr(34), chr(34) * 2)}",fine,3x5x2,1,A,P\n'
    )
    _cli(["ingest", "intel", str(odd)], settings)
    if geography:
        _cli(
            [
                "ingest",
                "geography",
                str(shared("geography/essex_lsoa11_boundaries_BSC.geojson")),
            ],
            settings,
        )
    _cli(["analyse"], settings)
    from countylines.store.picture import load_latest_picture

    picture = load_latest_picture(ws.root)
    assert picture is not None and len(picture["lines"]) >= 2
    secret_line = picture["lines"][1]["line_id"]
    with ws.session() as s, s.begin():
        for username, (role, name) in USERS.items():
            accounts.add_user(
                s, username=username, display_name=name, role=role, password=PASSWORD, by="test"
            )
        accounts.add_compartment(s, name="Op ALDER", owner="sam", by="test")
        accounts.grant(s, username="alex", compartment="Op ALDER", by="test")
        accounts.add_compartment(s, name="Op <b>NIGHT</b>", owner="mal", by="test")
        accounts.place_record(
            s, record_type="intel_report", record_key="TEST/0005", compartment="Op ALDER", by="t"
        )
        accounts.place_record(
            s,
            record_type="intel_report",
            record_key="TEST/0007",
            compartment="Op <b>NIGHT</b>",
            by="t",
        )
        accounts.place_record(
            s, record_type="line", record_key=secret_line, compartment="Op ALDER", by="t"
        )
        from sqlalchemy import select

        from countylines.store.models import IntelReport

        ids = {urn: rid for urn, rid in s.execute(select(IntelReport.urn, IntelReport.id))}
    return WebEnv(ws, backend, picture, secret_line, ids)


@pytest.fixture(scope="session")
def sqlite_env(scenario: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    """The demo workspace on SQLite, with LSOA boundaries (the browser tests drive this one)."""
    settings = Settings(
        workspace=tmp_path_factory.mktemp("web-sqlite") / "ws", duckdb_memory_limit="2GB"
    )
    env = build_env(settings, scenario, "sqlite", geography=True)
    yield env
    env.ws.close()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def web_env(
    request: pytest.FixtureRequest, scenario: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebEnv]:
    """The demo workspace on each records backend (the same SQLite one as ``sqlite_env``)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_env")
        return
    gen = _postgres_schema_url()
    url = next(gen)
    settings = Settings(
        workspace=tmp_path_factory.mktemp("web-postgres") / "ws",
        duckdb_memory_limit="2GB",
        database_url=url,
    )
    env = build_env(settings, scenario, "postgres", geography=False)
    try:
        yield env
    finally:
        env.ws.close()
        next(gen, None)


class Client:
    """A signed-in browser-like client: cookies, and the CSRF token for forms."""

    def __init__(self, app: Any, username: str, purpose: str | None = "Op TEST") -> None:
        self.http = TestClient(app, follow_redirects=False)
        page = self.http.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        response = self.http.post(
            "/login",
            data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
        )
        assert response.status_code == 303, response.text
        self.csrf = self._csrf()
        if purpose is not None:
            assert self.post("/purpose", {"purpose": purpose, "next": "/"}).status_code == 303

    def _csrf(self) -> str:
        page = self.http.get("/purpose")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None, page.text
        return token.group(1)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.http.get(path, **kwargs)

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.http.post(path, data={**(data or {}), "csrf_token": self.csrf}, **kwargs)

    def post_json(self, path: str, body: Any) -> Any:
        return self.http.post(path, json=body, headers={"X-CSRF-Token": self.csrf})


@pytest.fixture(scope="session")
def web_app(web_env: WebEnv) -> Any:
    """The app over the demo workspace (one per backend)."""
    return web_env.app()
