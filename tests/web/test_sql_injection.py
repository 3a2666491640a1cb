"""SQL-injection strings in search and filters are plain text: they change nothing.

Each search's results are compared with the same search done independently
in Python over every report (all words, case-insensitive, in text, area, URN
or a subject), so a string that altered the SQL would show.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select, text

from countylines.security.audit import verify_chain
from countylines.security.models import AuditEvent, User
from countylines.store.models import IntelReport, IntelSubject
from tests.web.conftest import Client, WebEnv

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE intel_reports; --",
    '" OR 1=1 --',
    "1) UNION SELECT username, password_hash FROM users --",
    "%",
    "_",
    "\\",
    "x' AND 1=(SELECT COUNT(*) FROM users) --",
    "Robert'); DELETE FROM audit_events; --",
]


def _independent_search(env: WebEnv, words: list[str]) -> set[str]:
    with env.ws.session() as s:
        reports = {r.id: r for r in s.scalars(select(IntelReport))}
        subjects: dict[int, list[str]] = {}
        for subject in s.scalars(select(IntelSubject)):
            subjects.setdefault(subject.report_id, []).append(subject.value.lower())
    found = set()
    for report_id, r in reports.items():
        if r.compartment_id is not None:
            continue  # ann is in no compartment
        fields = [
            r.text.lower(),
            (r.area or "").lower(),
            r.urn.lower(),
            *subjects.get(report_id, []),
        ]
        if all(any(w.lower() in f for f in fields) for w in words):
            found.add(r.urn)
    return found


def _counts(env: WebEnv) -> tuple[int, int, int]:
    with env.ws.session() as s:
        return (
            s.scalar(select(func.count()).select_from(IntelReport)) or 0,
            s.scalar(select(func.count()).select_from(User)) or 0,
            s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


def test_a_plain_search_matches_the_independent_search(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "ann")
    got = {r["urn"] for r in client.get("/api/intel?q=Pier Avenue").json()["results"]}
    assert got == _independent_search(web_env, ["pier", "avenue"])
    assert {"TEST/0001", "TEST/0002", "TEST/0003", "TEST/0004"} <= got
    assert "TEST/0007" not in got  # in a compartment ann is not in


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_strings_in_search_and_filters_change_nothing(
    web_env: WebEnv, web_app: Any, attack: str
) -> None:
    client = Client(web_app, "ann")
    reports, users, _ = _counts(web_env)
    response = client.get("/api/intel?" + urlencode({"q": attack}))
    assert response.status_code == 200
    assert {r["urn"] for r in response.json()["results"]} == _independent_search(web_env, [attack])
    for params in (
        {"q": "Pier", "scheme": attack},
        {"q": "Pier", "handling": attack},
        {"q": "Pier", "date_from": attack, "date_to": attack},
    ):
        filtered = client.get("/api/intel?" + urlencode(params))
        assert filtered.status_code == 200
        if "date_from" not in params:
            assert filtered.json()["results"] == []  # no scheme or code is called that
    assert client.get("/api/lines?" + urlencode({"find": attack})).status_code == 200
    assert client.get("/intel?" + urlencode({"q": attack})).status_code == 200
    supervisor = Client(web_app, "sam")
    for key in ("user", "record_type", "record_id", "text"):
        answer = supervisor.get("/api/audit?" + urlencode({key: attack}))
        assert answer.status_code == 200
        if key != "text":
            assert answer.json()["total"] == 0
    assert _counts(web_env)[:2] == (reports, users)
    with web_env.ws.session() as s:
        assert verify_chain(s).ok
        assert s.execute(text("SELECT 1 FROM intel_reports LIMIT 1")).scalar() == 1
