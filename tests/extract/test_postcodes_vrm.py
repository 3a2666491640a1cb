"""Postcodes and vehicle registrations in free text: formats, checks, look-alikes."""

from __future__ import annotations

import csv

import pytest
from tests.conftest import shared
from tests.extract.conftest import found

from countylines.extract import extract
from countylines.extract.postcodes import normalise_postcode


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("at CO15 1AB.", "CO15 1AB", "CO15 1AB"),
        ("postcode co15 1ab", "co15 1ab", "CO15 1AB"),
        ("CO151AB", "CO151AB", "CO15 1AB"),
        ("SW1A  2AA", "SW1A  2AA", "SW1A 2AA"),
        ("EC1A 1BB", "EC1A 1BB", "EC1A 1BB"),  # AA9A
        ("W1A 0AX", "W1A 0AX", "W1A 0AX"),  # A9A
        ("M1 1AE", "M1 1AE", "M1 1AE"),  # A9
        ("B33 8TH", "B33 8TH", "B33 8TH"),  # A99
        ("CR2 6XH", "CR2 6XH", "CR2 6XH"),  # AA9
        ("DN55 1PT", "DN55 1PT", "DN55 1PT"),  # AA99
        ("postcode C015 1NZ", "C015 1NZ", "CO15 1NZ"),  # zero typed for O
        ("s017 2ab", "s017 2ab", "SO17 2AB"),
        ("0L9 6AB", "0L9 6AB", "OL9 6AB"),
    ],
)
def test_postcode_formats(text: str, written: str, value: str) -> None:
    assert found(text, "postcode") == [(written, value)]


@pytest.mark.parametrize(
    "text",
    [
        "QA1 1AA",  # Q never first
        "AJ1 1AA",  # J never second
        "CO15 1CA",  # C never in the inward code
        "XY1 2AB",  # no such area
        "CO15",  # a district alone is not a postcode
        "AB12 CDE",  # a registration
        "B015 1AB",  # zero for O, but BO is no area
        "ring 01255 123456",  # a number, not a postcode with zeros
    ],
)
def test_not_postcodes(text: str) -> None:
    assert found(text, "postcode") == []


def test_normalise_postcode() -> None:
    assert normalise_postcode(" co15  1ab ") == "CO15 1AB"
    assert normalise_postcode("co151ab") == "CO15 1AB"
    assert normalise_postcode("CO15") is None


def _essex_postcodes(limit: int) -> list[str]:
    path = shared("geography/essex_postcodes_lsoa_latlon.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return [row["pcds"] for _, row in zip(range(limit), reader, strict=False)]


def test_every_real_essex_postcode_is_found_and_normalised() -> None:
    postcodes = _essex_postcodes(2000)
    text = ". ".join(f"seen at {p.lower().replace(' ', '')}" for p in postcodes)
    assert [value for _w, value in found(text, "postcode")] == postcodes


def test_checked_against_the_loaded_list() -> None:
    known = set(_essex_postcodes(50))
    listed, unlisted = sorted(known)[0], "SW1A 2AA"
    mentions = [m for m in extract(f"{listed} and {unlisted}", known_postcodes=known)]
    assert [(m.value, m.rule, m.confidence) for m in mentions] == [
        (listed, "postcode-listed", 0.99),
        (unlisted, "postcode-unlisted", 0.7),
    ]


@pytest.mark.parametrize(
    ("text", "written", "value", "rule"),
    [
        ("black Audi A3 reg AB12 CDE seen", "AB12 CDE", "AB12CDE", "vrm-current"),
        ("VRM: LK07XYZ", "LK07XYZ", "LK07XYZ", "vrm-current"),
        ("a silver Ford (R123 ABC) parked", "R123 ABC", "R123ABC", "vrm-prefix"),
        ("an old Mini ABC 123D", "ABC 123D", "ABC123D", "vrm-suffix"),
        ("private plate 1 ABC", "1 ABC", "1ABC", "vrm-dateless"),
        ("reg ABZ 1234 (Northern Irish)", "ABZ 1234", "ABZ1234", "vrm-dateless"),
        ("a white van, lk19 abc", "lk19 abc", "LK19ABC", "vrm-current-lower"),
        ("plate AB12-CDE", "AB12-CDE", "AB12CDE", "vrm-current"),
        ("an old car x447 gda", "x447 gda", "X447GDA", "vrm-prefix-lower"),
        ("an old car ghr 482t", "ghr 482t", "GHR482T", "vrm-suffix-lower"),
        ("reg ab-12-cde seen twice", "ab-12-cde", "AB12CDE", "vrm-current-spaced"),
        ("reg AB-12 CDE", "AB-12 CDE", "AB12CDE", "vrm-current-spaced"),  # not half of it
        ("black Golf AB 12 CDE outside", "AB 12 CDE", "AB12CDE", "vrm-current-spaced"),
    ],
)
def test_registration_formats(text: str, written: str, value: str, rule: str) -> None:
    mentions = [m for m in extract(text) if m.type == "vrm"]
    assert [(m.text, m.value, m.rule) for m in mentions] == [(written, value, rule)]


@pytest.mark.parametrize(
    "text",
    [
        "travelling on the A12 and M25 towards Colchester",  # road numbers
        "SUBJECT SEEN ON THE A12 AND LEFT",  # caps: A12 + a common word
        "SEEN IN CO15 THE ADDRESS WAS EMPTY",
        "drives an Audi A3 and a BMW X5",  # car models
        "BLACK BMW X5 VRM",  # a model, then the label
        "postcode CO15 1AB",  # a postcode, not a dateless mark
        "on 12 MAY 2024",
        "call 07700 900123",
        "on the a12 and the m25",  # lower case: road numbers and common words
        "SUBJECT SEEN ON 12 JUN AT THE ADDRESS",  # spaced like AB 12 CDE: a date
        "flat 2, block CD 14 ABC estate",  # spaced with no registration or vehicle word
        "Bill in van 118 is 74 and partially sighted",  # spaced, lower case, a common word
    ],
)
def test_not_registrations(text: str) -> None:
    assert found(text, "vrm") == []


def test_registration_word_makes_it_surer() -> None:
    [plain] = [m for m in extract("AB12 CDE was there") if m.type == "vrm"]
    [named] = [m for m in extract("reg AB12 CDE was there") if m.type == "vrm"]
    assert (plain.confidence, named.confidence) == (0.95, 0.99)


def test_a_prefix_mark_after_a_make_is_a_mark_unless_a_badge_follows() -> None:
    text = "he drives a gold Lexus V818 RTP (old plate)"
    assert [m.value for m in extract(text) if m.type == "vrm"] == ["V818RTP"]
    assert [m for m in extract("a black Mercedes A180 AMG outside") if m.type == "vrm"] == []


def test_an_act_is_not_a_mark_and_a_comma_may_follow_the_plate_word() -> None:
    assert [m for m in extract("S23 MDA warrant executed at 0600") if m.type == "vrm"] == []
    text = "drives a Range Rover on a cherished plate, SAU 5."
    assert [m.value for m in extract(text) if m.type == "vrm"] == ["SAU5"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("silver Mercedes KFZ 7731 outside", ["KFZ7731"]),
        ("using vehicles MUI 7203 and RJZ 900", ["MUI7203", "RJZ900"]),
        # numbered subjects of a log are not marks
        ("SOI 1 and POI 2 were seen together", []),
        # an Irish mark is not a UK one, nor a piece of one
        ("VRM 191-LH-2233 seen in Newry", []),
    ],
)
def test_northern_ireland_marks(text: str, values: list[str]) -> None:
    assert [m.value for m in extract(text) if m.type == "vrm"] == values
