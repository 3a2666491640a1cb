"""Anonymity by design: nothing that identifies a sender is stored or logged, anywhere.

A real ``countylines serve-public`` runs in a subprocess (its stdout and stderr to files, as
a service manager would keep them) and is sent requests from 127.0.0.2 with a distinctive
User-Agent, X-Forwarded-For, Forwarded, X-Real-IP, Referer and cookie. Then every file of the
workspace (the SQLite database, its WAL and shared memory, evidence, analysis), every row of
every table (for PostgreSQL), the server's logs and the application's log records are
searched for them: none is found. The report's own distinctive text *is* found in the
records, which shows the search would have found the rest.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from countylines.public.anonymity import KEPT_HEADERS, Anonymise
from countylines.store.models import Base
from countylines.workspace import Workspace
from tests.public.support import public_client, reference_of, send

CLIENT_ADDRESS = "127.0.0.2"
MARKERS = {
    "client address": CLIENT_ADDRESS,
    "user agent": "Distinctive-Agent/7f3e9a1c",
    "x-forwarded-for": "198.51.100.213",
    "forwarded": "198.51.100.214",
    "x-real-ip": "198.51.100.215",
    "referer": "referrer-4e1f.example",
    "cookie": "tracking-cookie-5d2b8e44",
}
HEADERS = {
    "User-Agent": f"Mozilla/5.0 (X11; Linux x86_64) {MARKERS['user agent']}",
    "X-Forwarded-For": f"{MARKERS['x-forwarded-for']}, 10.0.0.1",
    "Forwarded": f"for={MARKERS['forwarded']};proto=https",
    "X-Real-IP": MARKERS["x-real-ip"],
    "Referer": f"https://{MARKERS['referer']}/page",
    "Cookie": f"session={MARKERS['cookie']}; _ga={MARKERS['cookie']}",
}
REPORT_TEXT = "Positive-control-report-8c1d: a white van outside 14 Pier Avenue every night"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _find(data: bytes, text: str) -> bool:
    return text.encode("utf-8") in data or text.encode("utf-16-le") in data


@pytest.fixture
def served(db_workspace: Workspace, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """``countylines serve-public`` over the workspace, in its own process."""
    port = _free_port()
    env = {**os.environ, "COUNTYLINES_WORKSPACE": str(db_workspace.root), "COLUMNS": "200"}
    if db_workspace.settings.database_url:
        env["COUNTYLINES_DATABASE_URL"] = db_workspace.settings.database_url
    out, err = tmp_path / "server.stdout", tmp_path / "server.stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", "from countylines.cli.main import main; main()",
             "serve-public", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=stdout, stderr=stderr,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                        break
                except OSError:
                    assert process.poll() is None, err.read_text()
                    time.sleep(0.1)
            else:
                pytest.fail("serve-public did not start: " + err.read_text())
            yield {"url": f"http://127.0.0.1:{port}", "process": process, "logs": (out, err)}
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(20)


def _token(html: str) -> str:
    from tests.public.support import token_of

    return token_of(html)


def test_nothing_identifying_is_stored_or_logged(
    served: dict[str, Any], db_workspace: Workspace
) -> None:
    transport = httpx.HTTPTransport(local_address=CLIENT_ADDRESS)
    with httpx.Client(base_url=served["url"], headers=HEADERS, transport=transport) as http:
        opened = time.monotonic()
        form = http.get("/")
        assert form.status_code == 200 and "set-cookie" not in form.headers
        token = _token(form.text)
        assert http.get("/no-such-page").status_code == 404
        assert http.get("/static/public/public.css").status_code == 200
        assert http.post("/report", content=b"what=" + b"x" * 2**20,
                         headers={"content-type": "application/x-www-form-urlencoded"}
                         ).status_code == 413  # fmt: skip
        chunked = http.post(
            "/report",
            content=iter([b"what="] + [b"y" * 65536] * 16),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert chunked.status_code == 413
        assert http.post("/report", data={"token": token, "what": ""}).status_code == 400
        assert http.post("/report", data={"token": "forged", "what": "x"}).status_code == 400
        time.sleep(max(0.0, 3.2 - (time.monotonic() - opened)))  # the form's minimum fill time
        sent = http.post("/report", data={"token": token, "what": REPORT_TEXT, "children": "no"})
        reference = reference_of(sent)
    # the report reaches the queue after its hour, and is read: collection and consultation
    import datetime as dt

    from countylines.public.triage import queue_rows, queue_summary
    from countylines.security.audit import record_event

    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    with db_workspace.session() as s, s.begin():
        data = queue_rows(s, db_workspace.root, None, now=later)
        assert [r["reference"] for r in data["reports"]] == [reference]
        record_event(s, actor="cli:test", action="consultation", record_type="public_report_list",
                     record_id=None, summary=queue_summary(data))  # fmt: skip
    served["process"].terminate()
    served["process"].wait(20)

    # the records: every file of the workspace, and (PostgreSQL) every row of every table
    found_text = False
    for path in sorted(p for p in db_workspace.root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found_text = found_text or _find(data, REPORT_TEXT)
        for what, marker in MARKERS.items():
            assert not _find(data, marker), f"{what} found in {path}"
    with db_workspace.session() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)):
                text = repr(tuple(row))
                found_text = found_text or REPORT_TEXT in text
                for what, marker in MARKERS.items():
                    assert marker not in text, f"{what} found in table {table.name}"
    assert found_text, "the search did not find the report's own text: it would find nothing"

    # the server's own logs (stdout and stderr, as a service manager keeps them)
    out, err = served["logs"]
    logs = out.read_bytes() + err.read_bytes()
    assert b"Uvicorn running on" in logs  # the logs were captured
    for what, marker in MARKERS.items():
        assert not _find(logs, marker), f"{what} found in the server's log"
    assert not _find(logs, REPORT_TEXT) and not _find(logs, reference)


def test_the_application_logs_nothing_identifying(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = public_client(workspace)
    client.headers.update(HEADERS)
    reference_of(send(client, {"what": REPORT_TEXT}))
    send(client, {"what": ""})
    client.post("/report", content=b"w" * 2**20)
    logged = "\n".join(
        f"{r.name} {r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
    )
    for what, marker in [*MARKERS.items(), ("test client", "testclient")]:
        assert marker not in logged, what
    assert REPORT_TEXT not in logged


def test_the_app_never_sees_the_client_or_other_headers() -> None:
    import asyncio

    seen: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(dict(scope))
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"set-cookie", b"a=b"), (b"content-type", b"text/plain")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b"ok"})

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send_(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "path": "/",
        "client": (CLIENT_ADDRESS, 50123),
        "headers": [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
        + [(b"host", b"report.example"), (b"content-type", b"text/plain")],
    }
    asyncio.run(Anonymise(app, 1024)(scope, receive, send_))
    assert seen[0]["client"] is None
    assert {k for k, _ in seen[0]["headers"]} == {b"host", b"content-type"} <= KEPT_HEADERS
    headers = dict(sent[0]["headers"])
    assert b"set-cookie" not in headers
    assert headers[b"content-security-policy"].startswith(b"default-src 'self'")
