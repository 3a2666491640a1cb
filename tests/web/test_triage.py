"""The triage queue on the demo workspace (SQLite and PostgreSQL), fed by the public app.

Reports are the simulator's own public reports for the demo scenario (seed 5),
sent through the public page as a browser would. What each should link to is
worked out here from the scenario's truth, its intel.csv and the analysis
picture, not from the code under test.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from countylines.cli.main import app as cli_app
from countylines.public.models import PublicReport
from countylines.security.models import AuditEvent
from countylines.store.models import IntelReport
from tests.public.support import public_client, reference_of, send, simulated_reports
from tests.web.conftest import PAYLOAD, Client, WebEnv
from tests.web.inert import check_inert


def _number_of_line(env: WebEnv, line_id: str) -> str:
    line = next(x for x in env.picture["lines"] if x["line_id"] == line_id)
    return str(line["numbers"][-1]["number"])


def _national(e164: str) -> str:
    return "0" + e164[3:6] + " " + e164[6:]


@pytest.fixture(scope="module")
def sent(web_env: WebEnv, scenario: Path) -> dict[str, Any]:
    """Every simulated public report sent through the public page, plus three of our own."""
    client = public_client(web_env.ws)
    simulated = simulated_reports(scenario)
    refs = {r["ref"]: reference_of(send(client, {"what": r["text"]})) for r in simulated}
    secret_number = _number_of_line(web_env, web_env.secret_line)
    own = {
        "secret": reference_of(
            send(client, {"what": f"they text from {_national(secret_number)} every night"})
        ),
        "payload": reference_of(
            send(client, {"what": f"Payload {PAYLOAD}", "people": PAYLOAD, "where": PAYLOAD})
        ),
        "child": reference_of(
            send(
                client,
                {
                    "what": "a boy about 14 in school uniform hands packets to people by the "
                    "station every day after school",
                    "children": "yes",
                },
            )
        ),
        "twice": reference_of(
            send(
                client,
                {"what": "lads dealing outside 9 Elm Close every night", "where": "9 Elm Close"},
            )
        ),
        "answered": reference_of(
            send(
                client,
                {
                    "what": "Men keep going into the old man's flat at all hours and now he "
                    "is scared to go out. Asked his carers: it is their rota. No concerns.",
                },
            )
        ),
    }
    return {"simulated": simulated, "refs": refs, "own": own, "secret_number": secret_number}


def _queue(client: Client, status: str = "new") -> dict[str, Any]:
    response = client.get(f"/api/triage?status={status}")
    assert response.status_code == 200, response.text
    return {r["reference"]: r for r in response.json()["reports"]}


def test_the_queue_shows_each_report_with_its_mentions_and_links(
    web_env: WebEnv, web_app: Any, sent: dict[str, Any], scenario: Path
) -> None:
    queue = _queue(Client(web_app, "ann"))
    assert set(sent["refs"].values()) | set(sent["own"].values()) <= set(queue)
    numbers = {n["number"]: x for x in web_env.picture["lines"] for n in x["numbers"]}
    checked_phone = checked_vrm = 0
    loaded = {u for (u,) in _urns(web_env)}
    intel_rows = list(csv.DictReader((scenario / "intel.csv").open(encoding="utf-8")))
    for report in sent["simulated"]:
        row = queue[sent["refs"][report["ref"]]]
        for mention in report["truth"]["mentions"]:
            if mention["kind"] == "phone" and mention.get("number") in numbers:
                line = numbers[mention["number"]]
                assert mention["number"] in {m["value"] for m in row["mentions"]}
                assert {
                    (x["kind"], x["target_id"], x["url"])
                    for x in row["links"]
                    if x["mention"] == mention["number"]
                } >= {("deal line", line["line_id"], f"/lines/{line['line_id']}")}
                checked_phone += 1
            if mention["kind"] == "vehicle":
                vrm = mention["vrm"]
                expected = {
                    r["urn"]
                    for r in intel_rows
                    if r["urn"] in loaded
                    and (
                        vrm in "".join(r["text"].split()).upper()
                        or vrm in "".join(r["vehicles"].split()).upper()
                    )
                }
                linked = {x["target_id"] for x in row["links"] if x["mention"] == vrm} | {
                    f"held:{h['owner_username']}"
                    for h in row["held_elsewhere"]
                    if h["mention"] == vrm
                }
                assert linked == expected, (vrm, linked, expected)
                checked_vrm += 1
    assert checked_phone >= 1 and checked_vrm >= 1
    page = Client(web_app, "ann").get("/triage")
    assert page.status_code == 200
    line_id = next(
        numbers[m["number"]]["line_id"]
        for r in sent["simulated"]
        for m in r["truth"]["mentions"]
        if m.get("number") in numbers
    )
    assert f'href="/lines/{line_id}"' in page.text


def test_a_report_that_answers_itself_says_so_and_its_signs_are_not_counted(
    web_app: Any, sent: dict[str, Any]
) -> None:
    client = Client(web_app, "ann")
    row = _queue(client)[sent["own"]["answered"]]
    assert row["concludes"] == ["No concerns"]
    assert "cuckooing_indicator" not in {m["type"] for m in row["mentions"]}
    assert _queue(client)[sent["own"]["child"]]["concludes"] == []
    page = client.get(f"/triage/{sent['own']['answered']}")
    assert "The report concludes: &ldquo;No concerns&rdquo;" in page.text


def test_the_report_page_counts_each_kind_of_mention_once(
    web_app: Any, sent: dict[str, Any]
) -> None:
    client = Client(web_app, "ann")
    reference = next(
        ref
        for ref, row in _queue(client).items()
        if max(row["mention_counts"].values(), default=0) > 1
    )
    counts = _queue(client)[reference]["mention_counts"]
    page = client.get(f"/triage/{reference}").text
    found = page[page.index('id="found"') :].split("</p>")[0]
    for kind, n in counts.items():
        assert found.count(f"<mark>{kind}</mark>") == 1
        assert (f"<mark>{kind}</mark> &times;{n}" in found) == (n > 1)


def test_the_queue_lists_a_thing_told_in_two_fields_once(
    web_app: Any, sent: dict[str, Any]
) -> None:
    client = Client(web_app, "ann")
    reference = sent["own"]["twice"]
    row = _queue(client)[reference]
    assert [m["field"] for m in row["mentions"] if m["text"] == "Elm Close"] == ["what", "where"]
    page = client.get("/triage").text
    listed = page[page.index(f"/triage/{reference}") :].split('class="mentions">')[1]
    listed = listed.split("</p>")[0]
    assert listed.count("Elm Close") == 1


def _urns(env: WebEnv) -> list[tuple[str]]:
    with env.ws.session() as s:
        return [(u,) for u in s.scalars(select(IntelReport.urn))]


def test_collection_is_logged_by_the_public_and_keeps_only_the_hour(
    web_env: WebEnv, web_app: Any, sent: dict[str, Any]
) -> None:
    _queue(Client(web_app, "ann"))
    refs = set(sent["refs"].values()) | set(sent["own"].values())
    with web_env.ws.session() as s:
        events = s.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "collection", AuditEvent.record_type == "public_report"
            )
        ).all()
        periods = {
            r.reference: r.received_period
            for r in s.scalars(select(PublicReport).where(PublicReport.reference.in_(refs)))
        }
    logged = {e.record_id: e for e in events if e.record_id in refs}
    assert set(logged) == refs  # each once (a second read releases nothing again)
    assert sum(1 for e in events if e.record_id in refs) == len(refs)
    for ref, event in logged.items():
        assert event.actor == "public"
        period = periods[ref]
        assert (period.minute, period.second, period.microsecond) == (0, 0, 0)
        assert f"{period:%Y-%m-%d %H}:00 UTC" in event.summary


def test_a_report_naming_a_line_in_a_compartment_is_held_elsewhere(
    web_env: WebEnv, web_app: Any, sent: dict[str, Any]
) -> None:
    ref = sent["own"]["secret"]
    ann = Client(web_app, "ann").get(f"/api/triage/{ref}").json()
    assert web_env.secret_line not in {x["target_id"] for x in ann["links"]}
    assert {h["mention"] for h in ann["held_elsewhere"]} == {sent["secret_number"]}
    assert all("DS Sam Supervisor" in h["message"] for h in ann["held_elsewhere"])
    page = Client(web_app, "ann").get(f"/triage/{ref}")
    assert "Held elsewhere" in page.text and web_env.secret_line not in page.text
    alex = Client(web_app, "alex").get(f"/api/triage/{ref}").json()
    assert web_env.secret_line in {x["target_id"] for x in alex["links"]}


def test_accepting_makes_graded_intelligence_source_2_untested(
    web_env: WebEnv, web_app: Any, sent: dict[str, Any]
) -> None:
    phone_report = next(
        r for r in sent["simulated"] if any(m["kind"] == "phone" for m in r["truth"]["mentions"])
    )
    ref = sent["refs"][phone_report["ref"]]
    number = next(m["number"] for m in phone_report["truth"]["mentions"] if m["kind"] == "phone")
    ann = Client(web_app, "ann")
    done = ann.post_json(
        f"/api/triage/{ref}/accept", {"intelligence_grade": "b", "handling_code": "P"}
    )
    assert done.status_code == 200, done.text
    urn = done.json()["urn"]
    report = ann.get(f"/api/intel/{done.json()['report_id']}").json()
    assert (report["urn"], report["grading_scheme"], report["grading"]) == (urn, "3x5x2", "2B P")
    assert "source Untested" in report["gradings"][0]["describe"]
    assert phone_report["text"] in report["text"]
    assert ("phone", number) in {(s["kind"], s["normalised"]) for s in report["subjects"]}
    detail = ann.get(f"/api/triage/{ref}").json()
    assert detail["status"] == "accepted"
    assert detail["intelligence"]["urn"] == urn
    assert [d["decision"] for d in detail["decisions"]] == ["accepted"]
    again = ann.post_json(
        f"/api/triage/{ref}/accept", {"intelligence_grade": "B", "handling_code": "P"}
    )
    assert again.status_code == 400 and "already been triaged" in again.text
    with web_env.ws.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.record_id.in_([ref, urn])).order_by(AuditEvent.seq)
        ).all()
    changes = [(e.actor, e.action, e.record_type, e.justification) for e in events]
    assert ("ann", "collection", "intel_report", "Op TEST") in changes
    assert ("ann", "combination", "public_report", "Op TEST") in changes


def test_a_wrong_grading_is_refused_naming_the_field_and_changes_nothing(
    web_env: WebEnv, web_app: Any, sent: dict[str, Any]
) -> None:
    ref = sent["own"]["child"]
    ann = Client(web_app, "ann")
    bad = ann.post_json(
        f"/api/triage/{ref}/accept", {"intelligence_grade": "F", "handling_code": "P"}
    )
    assert bad.status_code == 400 and "intelligence_grade" in bad.json()["errors"]
    no_conditions = ann.post_json(
        f"/api/triage/{ref}/accept", {"intelligence_grade": "A", "handling_code": "C"}
    )
    assert "handling_conditions" in no_conditions.json()["errors"]
    page = ann.post(f"/triage/{ref}/accept", {"intelligence_grade": "A", "handling_code": "X"})
    assert page.status_code == 400 and "handling code" in page.text
    assert ann.get(f"/api/triage/{ref}").json()["status"] == "new"


def test_thrive_reject_and_duplicate_are_kept_and_logged(
    web_env: WebEnv, web_app: Any, sent: dict[str, Any]
) -> None:
    ann = Client(web_app, "ann")
    child = sent["own"]["child"]
    assert ann.post_json(f"/api/triage/{child}/thrive", {"threat": "extreme"}).status_code == 400
    set_ = ann.post(
        f"/triage/{child}/thrive",
        {"threat": "medium", "harm": "high", "risk": "high", "vulnerability": "MASH referral"},
    )
    assert set_.status_code == 303
    thrive = ann.get(f"/api/triage/{child}").json()["thrive"]
    assert thrive == {
        "threat": "medium",
        "harm": "high",
        "risk": "high",
        "investigation": None,
        "vulnerability": "MASH referral",
        "engagement": None,
    }
    payload, secret = sent["own"]["payload"], sent["own"]["secret"]
    assert ann.post_json(f"/api/triage/{payload}/reject", {"reason": " "}).status_code == 400
    assert (
        ann.post_json(f"/api/triage/{payload}/reject", {"reason": "test text"}).status_code == 200
    )
    same = ann.post_json(f"/api/triage/{secret}/duplicate", {"of_reference": secret})
    assert same.status_code == 400
    dup = ann.post_json(f"/api/triage/{secret}/duplicate", {"of_reference": child.lower()})
    assert dup.json() == {"reference": secret, "status": "duplicate", "of": child}
    assert payload in _queue(ann, "rejected") and secret in _queue(ann, "duplicate")
    with web_env.ws.session() as s:
        actions = {
            (e.record_id, e.action)
            for e in s.scalars(select(AuditEvent).where(AuditEvent.actor == "ann"))
        }
    assert {(child, "alteration"), (payload, "alteration"), (secret, "combination")} <= actions


def test_a_child_in_a_report_is_a_possible_victim(web_app: Any, sent: dict[str, Any]) -> None:
    detail = Client(web_app, "ivan").get(f"/api/triage/{sent['own']['child']}").json()
    assert "child" in detail["indicators"]
    vulnerability = detail["suggested"]["vulnerability"]["value"]
    assert "possible victim" in vulnerability and "MASH" in vulnerability
    assert detail["suggested"]["harm"]["value"] == "high"
    assert detail["grading_suggestion"]["source"] == "2"


def test_who_may_triage(web_app: Any, sent: dict[str, Any]) -> None:
    ref = sent["own"]["child"]
    assert Client(web_app, "sofia").get("/api/triage").status_code == 403
    assert Client(web_app, "ada").get(f"/triage/{ref}").status_code == 403
    sam = Client(web_app, "sam")
    assert sam.get(f"/api/triage/{ref}").status_code == 200
    refused = sam.post_json(f"/api/triage/{ref}/reject", {"reason": "no"})
    assert refused.status_code == 403
    assert Client(web_app, "ann").get("/api/triage/PUB-00000000").status_code == 404


def test_report_text_renders_inert(web_app: Any, sent: dict[str, Any]) -> None:
    ann = Client(web_app, "ann")
    ref = sent["own"]["payload"]
    for path in (f"/triage/{ref}", "/triage?status=rejected"):
        response = ann.get(path)
        assert response.status_code == 200
        assert PAYLOAD in check_inert(response.text)


def test_the_command_line_lists_the_queue_and_logs_it(
    web_env: WebEnv, sent: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    env = {"COUNTYLINES_WORKSPACE": str(web_env.ws.root), "COLUMNS": "200"}
    if web_env.ws.settings.database_url:
        env["COUNTYLINES_DATABASE_URL"] = web_env.ws.settings.database_url
    result = CliRunner().invoke(cli_app, ["triage", "list", "--json"], env=env)
    assert result.exit_code == 0, result.output
    listed = {r["reference"] for r in json.loads(result.stdout)["reports"]}
    assert sent["own"]["child"] in listed and sent["own"]["payload"] not in listed
    with web_env.ws.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert last.action == "consultation" and last.actor.startswith("cli:")
    assert last.record_type == "public_report_list"
    bad = CliRunner().invoke(cli_app, ["triage", "list", "--status", "odd"], env=env)
    assert bad.exit_code == 2
    # the table gives each link's reason and what a report concluded, as the queue does
    rows = json.loads(result.stdout)["reports"]
    reason = next(x["reason"] for r in rows for x in r["links"])
    from countylines.cli.common import out

    monkeypatch.setattr(out, "width", 4000)  # one line a row: nothing wraps
    table = CliRunner().invoke(cli_app, ["triage", "list"], env=env)
    assert table.exit_code == 0, table.output
    assert reason in table.stdout
    assert '[concludes: "No concerns"]' in table.stdout
