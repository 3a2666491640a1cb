"""A read of a record without a logged consultation is impossible by construction.

1. Structure: no module of ``countylines.web`` opens a records session or
   touches the engine; the only way to records is the ``AuditedStore`` handed
   to each route (``ctx.session`` inside its callbacks).
2. Behaviour: every record page and API read adds a consultation naming the
   record; and when the log cannot be written, the read fails and no content
   leaves the server.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from countylines import web
from countylines.security.models import AuditEvent
from tests.web.conftest import PASSWORD, SECRET_TEXT, Client, WebEnv

WEB_DIR = Path(web.__file__).parent


def _modules() -> list[Path]:
    return sorted(p for p in WEB_DIR.rglob("*.py") if "node_modules" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(WEB_DIR)))
def test_web_code_never_opens_a_records_session(path: Path) -> None:
    tree = ast.parse(path.read_text())
    problems = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("session", "connect", "begin", "execute")
            and not (
                isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "session"
            )
        ):
            problems.append(f"line {node.lineno}: calls .{node.func.attr}()")
        if isinstance(node, ast.Attribute) and node.attr in ("engine", "_sessions"):
            problems.append(f"line {node.lineno}: uses .{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module in (
            "countylines.store.db",
            "sqlalchemy.orm",
        ):
            problems.append(f"line {node.lineno}: imports {node.module}")
        if isinstance(node, ast.Attribute) and node.attr == "session":
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id == "ctx") and not (
                path.name == "app.py" and isinstance(owner, ast.Name) and owner.id == "ws"
            ):
                problems.append(f"line {node.lineno}: uses .session outside a store callback")
    assert problems == []


def _consultations(env: WebEnv, record_type: str, record_id: str | None) -> int:
    with env.ws.session() as s:
        query = (
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "consultation", AuditEvent.record_type == record_type)
        )
        if record_id is not None:
            query = query.where(AuditEvent.record_id == record_id)
        return s.scalar(query) or 0


def _reads(env: WebEnv) -> list[tuple[str, str, str | None]]:
    line_id = env.picture["lines"][0]["line_id"]
    nominal = next(
        n["nominal_id"]
        for n in env.picture["nominals"]
        if env.secret_line not in {r["line_id"] for r in n["roles"]}
    )
    report = str(env.report_ids["TEST/0001"])
    urn = "TEST/0001"
    return [
        (f"/lines/{line_id}", "line", line_id),
        (f"/api/lines/{line_id}", "line", line_id),
        (f"/nominals/{nominal}", "nominal", nominal),
        (f"/api/nominals/{nominal}", "nominal", nominal),
        (f"/intel/{report}", "intel_report", urn),
        (f"/api/intel/{report}", "intel_report", urn),
        ("/intel?q=Pier", "search", None),
        ("/api/intel?q=Pier", "search", None),
        ("/", "line_list", None),
        ("/lines", "line_list", None),
        ("/nominals", "nominal_list", None),
        ("/safeguarding", "safeguarding_list", None),
        ("/api/safeguarding", "safeguarding_list", None),
        ("/hotspots", "hotspots", None),
        ("/products", "product_list", None),
        ("/imports", "import_status", None),
        ("/imports/1", "import", "1"),
    ]


def test_every_read_logs_a_consultation(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "ann", purpose="Op READS")
    for path, record_type, record_id in _reads(web_env):
        before = _consultations(web_env, record_type, record_id)
        assert client.get(path).status_code == 200, path
        assert _consultations(web_env, record_type, record_id) == before + 1, path
    with web_env.ws.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert (last.actor, last.justification) == ("ann", "Op READS")


def test_no_log_no_read(web_env: WebEnv, web_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client(web_app, "alex")  # a member of Op ALDER: would see everything
    quiet = TestClient(web_app, raise_server_exceptions=False, follow_redirects=False)
    quiet.cookies = client.http.cookies
    secret_id = str(web_env.report_ids["TEST/0005"])
    assert SECRET_TEXT in client.get(f"/intel/{secret_id}").text

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the s.62 log cannot be written")

    monkeypatch.setattr("countylines.security.audited.record_event", broken)
    for path, _, _ in [*_reads(web_env), (f"/intel/{secret_id}", "", None)]:
        response = quiet.get(path)
        assert response.status_code == 500, path
        assert SECRET_TEXT not in response.text
        assert "Pier" not in response.text


def test_signing_in_needs_the_right_password(web_app: Any) -> None:
    import re

    http = TestClient(web_app, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', http.get("/login").text)
    assert token is not None
    wrong = http.post(
        "/login", data={"username": "ann", "password": PASSWORD + "x", "csrf_token": token[1]}
    )
    assert wrong.status_code == 401 and "not recognised" in wrong.text
