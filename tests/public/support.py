"""Helpers shared by the public-report tests: a public app over a workspace, and sending it
reports the way a browser does."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from countylines.public.abuse import TokenPolicy
from countylines.public.app import PublicConfig, create_public_app
from countylines.workspace import Workspace

TOKEN = re.compile(r'name="token" value="([^"]+)"')
REFERENCE = re.compile(r"PUB-[0-9A-Z]{8}")


def an_hour_ago() -> dt.datetime:
    """A clock an hour behind: reports land in a period that has already ended, so they are
    released to the queue at once (the real clock would make a test wait for the hour)."""
    return dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)


def public_client(
    ws: Workspace,
    *,
    clock: Callable[[], dt.datetime] = an_hour_ago,
    burst: int = 1000,
    per_hour: float = 100_000,
    min_fill: dt.timedelta = dt.timedelta(0),
) -> TestClient:
    """A client of the public app (no background release: the tests call it)."""
    app = create_public_app(
        ws,
        PublicConfig(
            burst=burst,
            per_hour=per_hour,
            tokens=TokenPolicy(min_fill=min_fill),
            release_every=0,
            clock=clock,
        ),
    )
    return TestClient(app, follow_redirects=False)


def token_of(page: str) -> str:
    """The form token on a form page."""
    found = TOKEN.search(page)
    assert found is not None, page[:500]
    return found.group(1)


def send(client: TestClient, fields: dict[str, str], **kwargs: Any) -> Any:
    """Open the form, then post ``fields`` with its token, as a browser would."""
    token = token_of(client.get("/").text)
    return client.post("/report", data={"token": token, **fields}, **kwargs)


def reference_of(response: Any) -> str:
    """The reference on a thank-you page."""
    assert response.status_code == 200, response.text[:800]
    found = REFERENCE.search(response.text)
    assert found is not None and "Thank you" in response.text, response.text[:800]
    return found.group(0)


def simulated_reports(scenario: Path) -> list[dict[str, Any]]:
    """The simulator's public reports joined with their truth (``ref``, ``text``, ``truth``)."""
    truth = {
        t["ref"]: t
        for t in json.loads((scenario / "truth.json").read_text())["public_reports"]["reports"]
    }
    reports = []
    for line in (scenario / "public_reports.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        reports.append({**record, "truth": truth[record["ref"]]})
    return reports
