"""The public form: what is accepted, what is refused and why (pure: bytes in, verdict out)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from countylines.public.form import (
    MAX_BODY_BYTES,
    MAX_TOTAL_CHARS,
    SubmissionRefused,
    check_submission,
    parse_form_body,
)

FORM = "application/x-www-form-urlencoded"


def body(**fields: str) -> bytes:
    return urlencode(fields, encoding="utf-8").encode("ascii")


def refused(fields: dict[str, str]) -> SubmissionRefused:
    with pytest.raises(SubmissionRefused) as caught:
        check_submission(fields)
    return caught.value


def test_a_plain_report_is_read_as_written() -> None:
    fields = parse_form_body(
        body(what="  vans at night\r\nevery night  ", where="co15 1aa", children="yes", token="t"),
        FORM + "; charset=UTF-8",
    )
    sub = check_submission(fields)
    assert sub.texts == {
        "what": "vans at night\nevery night",
        "where": "co15 1aa",
        "when": "",
        "people": "",
        "vehicles": "",
        "phones": "",
    }
    assert (sub.children, sub.latitude, sub.longitude, sub.token) == ("yes", None, None, "t")
    assert not sub.honeypot_filled
    assert sub.total_chars == 25 + 8


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "'; DROP TABLE public_reports; -- \" OR 1=1",
        "\U0001f697\U0001f4a8 \u2764\ufe0f \U0001f9d2\U0001f3fd family: \U0001f468\u200d\U0001f469\u200d\U0001f467",
        "\u05d4\u05e1\u05d7\u05e8 \u05d1\u05e1\u05de\u05d9\u05dd \u0628\u064a\u0639 \u0627\u0644\u0645\u062e\u062f\u0631\u0627\u062a \u202eevil\u202c",
    ],
    ids=["html-script", "sql", "emoji", "right-to-left"],
)
def test_hostile_text_is_kept_exactly(text: str) -> None:
    sub = check_submission(parse_form_body(body(what=text), FORM))
    assert sub.texts["what"] == text


def test_size_limits() -> None:
    ok = check_submission({"what": "a" * (MAX_TOTAL_CHARS - 10), "where": "b" * 10})
    assert ok.total_chars == MAX_TOTAL_CHARS
    over = refused({"what": "a" * (MAX_TOTAL_CHARS - 10), "where": "b" * 11})
    assert over.status == 400
    assert over.errors == {
        "what": "your report is 20,001 characters in all; it can be up to 20,000: please shorten it"
    }
    field = refused({"what": "x", "where": "w" * 501})
    assert field.errors == {"where": "this answer is 501 characters; it can be up to 500"}
    with pytest.raises(SubmissionRefused) as caught:
        parse_form_body(b"x" * (MAX_BODY_BYTES + 1), FORM)
    assert caught.value.status == 413


def test_binary_is_refused_with_where_it_is() -> None:
    nul = refused({"what": "line one\nab\x00cd"})
    assert nul.errors["what"] == (
        "this answer does not look like text (binary data, not text: a NUL character at "
        "line 2, column 3)"
    )
    with pytest.raises(SubmissionRefused) as caught:
        parse_form_body(b"what=%ff%fe%00%81", FORM)  # not UTF-8
    assert caught.value.status == 400
    assert "byte 1 cannot be read as UTF-8" in caught.value.errors["form"]
    with pytest.raises(SubmissionRefused) as raw:
        parse_form_body("what=caf\u00e9".encode(), FORM)  # raw bytes, not URL-encoded
    assert raw.value.status == 400


def test_other_uploads_are_refused() -> None:
    with pytest.raises(SubmissionRefused) as caught:
        parse_form_body(b"--x\r\n", "multipart/form-data; boundary=x")
    assert caught.value.status == 415
    with pytest.raises(SubmissionRefused) as many:
        parse_form_body("&".join(f"f{i}=1" for i in range(41)).encode(), FORM)
    assert many.value.status == 400


def test_what_is_required_and_children_must_be_an_offered_answer() -> None:
    problem = refused({"what": "   ", "children": "maybe"})
    assert problem.errors == {
        "what": "please tell us what is happening",
        "children": "choose yes, no or not sure (or leave it)",
    }
    assert check_submission({"what": "x"}).children == "not answered"


def test_map_point() -> None:
    sub = check_submission({"what": "x", "latitude": "51.789123", "longitude": "1.155649"})
    assert (sub.latitude, sub.longitude) == (51.7891, 1.1556)
    assert refused({"what": "x", "latitude": "48.85", "longitude": "2.35"}).errors == {
        "map": "the point on the map is outside the United Kingdom"
    }
    assert (
        "could not be read"
        in refused({"what": "x", "latitude": "nan", "longitude": "1"}).errors["map"]
    )
    assert "could not be read" in refused({"what": "x", "latitude": "51.7"}).errors["map"]


def test_the_honeypot() -> None:
    assert check_submission({"what": "x", "website": "http://spam.example"}).honeypot_filled
