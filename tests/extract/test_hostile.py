"""Hostile input: binary data, huge texts, markup and script, emoji, right-to-left text, SQL,
and strings built to make matchers work hard. Each is refused with its reason, or read as the
plain text it is, with every span still pointing at the input's own characters."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countylines.extract import MAX_TEXT_CHARS, TextRefused, extract
from countylines.extract.limits import WINDOW_CHARS, windows


@pytest.mark.parametrize(
    ("text", "reason", "where"),
    [
        ("line one\nab\x00cd", "binary", "line 2, column 3"),
        ("ok \ud800 then", "not unicode", "line 1, column 4"),
        ("x" * 50 + "\x01\x02\x03\x04\x05\x06\x07\x08\x0e", "binary", "line 1, column 51"),
    ],
)
def test_binary_is_refused_saying_where(text: str, reason: str, where: str) -> None:
    with pytest.raises(TextRefused) as info:
        extract(text)
    assert info.value.reason == reason
    assert where in str(info.value)


def test_a_stray_control_character_is_still_text() -> None:
    text = "ring 07700 900123 \x1b[31mnow\x1b[0m"
    [phone] = [m for m in extract(text) if m.type == "phone"]
    assert phone.value == "+447700900123"


def test_too_long_is_refused_before_any_work() -> None:
    with pytest.raises(TextRefused) as info:
        extract("a" * (MAX_TEXT_CHARS + 1))
    assert info.value.reason == "too long"
    assert f"{MAX_TEXT_CHARS:,}" in str(info.value)


def test_markup_and_script_are_plain_text() -> None:
    text = (
        "<script>alert('07700 900123')</script><b>CO15 1AB</b>"
        "'; DROP TABLE mentions; -- [bold red]crack[/bold red] {{ 7*7 }}"
    )
    mentions = extract(text)
    assert [(m.type, m.text) for m in mentions] == [
        ("phone", "07700 900123"),
        ("postcode", "CO15 1AB"),
        ("drug", "crack"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_emoji_and_right_to_left_text_keep_spans_exact() -> None:
    text = "😀😀 \u202eمرحبا\u202c ring 07700 900123 🚗 reg AB12 CDE שלום"  # noqa: RUF001
    mentions = extract(text)
    assert [(m.type, m.value) for m in mentions] == [
        ("phone", "+447700900123"),
        ("vrm", "AB12CDE"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


ADVERSARIAL = {
    "digits": "0" * 100_000,
    "spaced digits": "0 7 " * 25_000,
    "brackets": "(" * 100_000,
    "digit then brackets": "1" + "(" * 99_999,
    "quotes": "'A " * 33_333,
    "one word": "a" * 100_000,
    "emoji": "😀" * 100_000,
    "dashes": "-" * 100_000,
    "aka": "aka " * 25_000,
    "quote marks": '"' * 100_000,
    "plus brackets": "+(" * 50_000,
    "hyphen words": "a1-" * 33_333,
    "bracketed zeros": "(0) " * 25_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_strings_are_read_through(name: str) -> None:
    text = ADVERSARIAL[name]
    mentions = extract(text)
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_a_megabyte_of_mixed_hostile_text() -> None:
    piece = (
        "<div onclick=\"x()\">Jordan aka 'Tiny' sells white from 14 Pier Avenue</div> "
        "😀 مرحبا بالعالم ring 07700 900123; ' OR 1=1; -- \u202eevil\u202c " + "(" * 200 + "\n"
    )
    count = 1_000_000 // len(piece)
    text = piece * count
    one = [(m.type, m.start, m.value) for m in extract(piece)]
    assert ("phone", piece.index("07700"), "+447700900123") in one
    mentions = extract(text)
    expected = [(t, s + i * len(piece), v) for i in range(count) for t, s, v in one]
    assert [(m.type, m.start, m.value) for m in mentions] == expected


def test_long_texts_are_read_in_windows_without_losing_or_doubling() -> None:
    paragraph = (
        "Kids in school uniform were seen at 4 Pier Avenue, Clacton CO15 1AB. The line "
        "07700 900123 sells B&W; a male aka Tiny carries a knife.\n"
    )
    repeats = 2 * WINDOW_CHARS // len(paragraph) + 7
    text = paragraph * repeats
    assert len(windows(text)) >= 3
    one = [(m.type, m.start, m.end, m.value) for m in extract(paragraph)]
    assert len(one) >= 8
    expected = [
        (t, s + i * len(paragraph), e + i * len(paragraph), v)
        for i in range(repeats)
        for t, s, e, v in one
    ]
    assert [(m.type, m.start, m.end, m.value) for m in extract(text)] == expected


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab \n"), min_size=0, max_size=3000),
    size=st.integers(min_value=50, max_value=500),
    overlap=st.integers(min_value=0, max_value=40),
)
def test_windows_tile_the_text(text: str, size: int, overlap: int) -> None:
    parts = windows(text, size, overlap)
    assert parts[0].keep_start == 0 and parts[-1].keep_end == len(text)
    for before, after in itertools.pairwise(parts):
        assert before.keep_end == after.keep_start
    for part in parts:
        assert part.start == max(0, part.keep_start - overlap)
        assert part.end == min(len(text), part.keep_end + overlap)
        assert part.keep_end - part.keep_start <= size


def test_same_text_same_answer() -> None:
    text = "aka Tiny sells rocks at 12 Station Rd; 07700 900123; kids going country"
    assert extract(text) == extract(text)


def test_html_character_references_are_read_as_the_characters_meant() -> None:
    # As pasted from a web page or an e-mail: non-breaking spaces inside the identifiers.
    text = "lads &amp; a girl, ring 07700&nbsp;900123, reg AB12&#160;CDE, at CO15&nbsp;1AB"
    got = {(m.type, m.text, m.value) for m in extract(text)}
    assert ("phone", "07700&nbsp;900123", "+447700900123") in got
    assert ("vrm", "AB12&#160;CDE", "AB12CDE") in got
    assert ("postcode", "CO15&nbsp;1AB", "CO15 1AB") in got
    for m in extract(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    ["&bogus; 07700 900123", "&pound 07700 900123", "&amp;nbsp; 07700 900123", "&#0; 07700 900123"],
)
def test_unknown_or_unfinished_references_stay_as_written(text: str) -> None:
    [phone] = [m for m in extract(text) if m.type == "phone"]
    assert (phone.value, text[phone.start : phone.end]) == ("+447700900123", "07700 900123")


@given(
    st.lists(
        st.sampled_from(["&nbsp;", "&amp;", "&#39;", "&x;", "a", " ", "7", "0"]), max_size=40
    ).map("".join)
)
@settings(max_examples=60, deadline=None)
def test_spans_after_references_point_at_the_input(text: str) -> None:
    for m in extract(text, min_confidence=0):
        assert m.start < m.end and text[m.start : m.end] == m.text


@given(st.text(alphabet="ab\n", max_size=60), st.data())
@settings(max_examples=80, deadline=None)
def test_the_line_index_agrees_with_counting(text: str, data: st.DataObject) -> None:
    from countylines.extract.limits import LineIndex, line_and_column

    offset = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).of(offset) == line_and_column(text, offset)


def test_full_width_digits_and_letters_are_read() -> None:
    text = "ring \uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13, reg \uff21\uff22\uff11\uff12 \uff23\uff24\uff25"
    got = {(m.type, m.value) for m in extract(text)}
    assert ("phone", "+447700900123") in got and ("vrm", "AB12CDE") in got
    for m in extract(text):
        assert text[m.start : m.end] == m.text  # shown as written
