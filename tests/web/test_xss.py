"""Script and event-handler payloads in every text field render inert wherever they appear."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from tests.web.conftest import PAYLOAD, PAYLOAD_FILE, Client, WebEnv
from tests.web.inert import check_inert


def _shown(client: Client, path: str, expected: str = PAYLOAD) -> str:
    response = client.get(path)
    assert response.status_code in (200, 403), (path, response.status_code)
    assert response.headers["content-type"].startswith("text/html")
    text = check_inert(response.text)
    assert expected in text, f"{path} did not show the payload as text"
    return text


def test_report_fields_render_as_text(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "ann")
    report_id = web_env.report_ids["TEST/0006"]
    _shown(client, f"/intel/{report_id}")  # text, area, conditions, people subject
    _shown(client, "/intel?q=" + quote("Payload report"))
    _shown(client, "/intel?q=" + quote(PAYLOAD))  # the query echoed in the form


def test_payload_in_linked_intelligence_on_the_line_view(web_env: WebEnv, web_app: Any) -> None:
    linked = [
        line["line_id"]
        for line in web_env.picture["lines"]
        if any(i.get("urn") == "TEST/0006" for i in line.get("intel", []))
    ]
    assert linked, "the payload report names a line's number, so analyse links it"
    client = Client(web_app, "alex")
    _shown(client, f"/lines/{linked[0]}", expected="Payload report")


def test_display_name_and_purpose_render_as_text(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "mal", purpose=PAYLOAD)
    for path in ("/", "/lines", "/intel/new", "/purpose", "/docs"):
        _shown(client, path)


def test_owner_name_in_held_elsewhere_renders_as_text(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "ann")
    text = _shown(client, "/intel?q=" + quote("Night compartment"))
    assert "held elsewhere" in text
    _shown(client, f"/intel/{web_env.report_ids['TEST/0007']}")


def test_file_names_and_row_values_in_import_status(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "ann")
    _shown(client, "/imports", expected=PAYLOAD_FILE)
    status = client.get("/api/imports").json()
    [odd] = [f for f in status["files"] if f["file_name"] == f"{PAYLOAD_FILE}.csv"]
    _shown(client, f"/imports/{odd['id']}")  # the rejected date value


def test_logged_searches_render_as_text_on_the_audit_page(web_env: WebEnv, web_app: Any) -> None:
    Client(web_app, "mal").get("/intel?q=" + quote(PAYLOAD))
    supervisor = Client(web_app, "sam")
    _shown(supervisor, "/audit?user=mal&action=consultation")


def test_api_answers_are_json_not_html(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "ann")
    response = client.get(f"/api/intel/{web_env.report_ids['TEST/0006']}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["text"] == f"Payload report {PAYLOAD}"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]
