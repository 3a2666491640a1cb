"""Phone numbers in free text: every way people write them, and what is not a number."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.extract.conftest import found

from countylines.extract import extract
from countylines.extract.phones import find_phones, phone_value


@pytest.mark.parametrize(
    ("text", "written", "e164"),
    [
        ("call 07700 900123 now", "07700 900123", "+447700900123"),
        ("ring +44 (0)7700 900123.", "+44 (0)7700 900123", "+447700900123"),
        ("on 07700-900-123 tonight", "07700-900-123", "+447700900123"),
        ("number 0044 7700 900123", "0044 7700 900123", "+447700900123"),
        ("tel: 447700900123", "447700900123", "+447700900123"),
        ("(07700) 900 123 is his", "(07700) 900 123", "+447700900123"),
        ("ring his mobile (07700 900 123) and", "07700 900 123", "+447700900123"),
        ("2 phones (07700900123 and a Nokia)", "07700900123", "+447700900123"),
        ("call +(44) 7700 900123", "+(44) 7700 900123", "+447700900123"),
        ("Contact (+44 (0)7700 900123) via", "+44 (0)7700 900123", "+447700900123"),
        ("Ring (0044 (0)7700 900123) now.", "0044 (0)7700 900123", "+447700900123"),
        ("07700.900.123", "07700.900.123", "+447700900123"),
        ("written +44 07700 900123 wrongly", "+44 07700 900123", "+447700900123"),
        ("0 7 7 0 0 9 0 0 1 2 3", "0 7 7 0 0 9 0 0 1 2 3", "+447700900123"),
        ("Clacton landline 01255 123456.", "01255 123456", "+441255123456"),
        ("London 020 7946 0000", "020 7946 0000", "+442079460000"),
        ("freephone 0800 123 456", "0800 123 456", "+44800123456"),
        ("Jersey +44 7797 123456", "+44 7797 123456", "+447797123456"),
        ("Paris +33 1 23 45 67 89", "+33 1 23 45 67 89", "+33123456789"),
        ("text 07700 900123\u00a0or", "07700 900123", "+447700900123"),  # non-breaking space
        (
            "mob\u201307700\u2013900\u2013123",
            "07700\u2013900\u2013123",
            "+447700900123",
        ),  # en dashes
    ],
)
def test_written_forms(text: str, written: str, e164: str) -> None:
    assert found(text, "phone") == [(written, e164)]


def test_o2_beside_a_number_is_the_network() -> None:
    assert found("O2 07700 900123", "phone") == [("07700 900123", "+447700900123")]


def test_two_numbers_written_side_by_side_are_two() -> None:
    assert found("07700 900123 01255 123456", "phone") == [
        ("07700 900123", "+447700900123"),
        ("01255 123456", "+441255123456"),
    ]
    assert found("07700 900123/07700 900456, 07700900789", "phone") == [
        ("07700 900123", "+447700900123"),
        ("07700 900456", "+447700900456"),
        ("07700900789", "+447700900789"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "dated 12/06/2024 at 14:30",
        "crime reference 42/123456/24",
        "IMEI 352099001761481",
        "paid £1,200.50 in cash",
        "sort code 20-00-00 account 12345678",
        "coordinates 51.7890, 1.1550",
        "07700 900",  # too short
        "077009001234567",  # too long
        "0620240930",  # 06 numbers do not exist
        "card 4921 0000 1234 5678",  # "00" then 0 is no country code
        "on O2 now",
        "- 18/05 0900-1500 Banbury cells",  # a date, then a time range (0509001500 is valid)
        "seen 3.05 0900 1500",
        "18 / 05 0900 1500",
        "18th/05 0900 1500",
        "Cell site at 51.5072, -0.1276474512 per OSINT.",  # a longitude's fraction
        "id,lat,lon\n1,53.4807593421,-0.1276474512",
        "Weight 0.1234567890 kg",
    ],
)
def test_what_is_not_a_phone_number(text: str) -> None:
    assert found(text, "phone") == []


@pytest.mark.parametrize(
    ("text", "written", "e164"),
    [
        (
            "ring oh seven seven double oh, nine double oh, one two three tonight",
            "oh seven seven double oh, nine double oh, one two three",
            "+447700900123",
        ),
        (
            "plus four four seven seven zero zero nine zero zero four five six",
            "plus four four seven seven zero zero nine zero zero four five six",
            "+447700900456",
        ),
        (
            "Zero seven seven zero zero 900 one two three.",
            "Zero seven seven zero zero 900 one two three",
            "+447700900123",
        ),
        (
            "oh seven seven hundred nine hundred one two three",
            "oh seven seven hundred nine hundred one two three",
            "+447700900123",
        ),
    ],
)
def test_spelt_out_numbers(text: str, written: str, e164: str) -> None:
    assert found(text, "phone") == [(written, e164)]


def test_counting_words_are_not_a_number() -> None:
    assert found("one two three four five six seven eight nine ten", "phone") == []


def test_phone_value_treats_44_as_one_plan() -> None:
    # Guernsey/Jersey/Isle of Man mobiles are +44 numbers like any other
    assert phone_value("07781123456") == "+447781123456"
    assert phone_value("07624123456") == "+447624123456"
    assert phone_value("1234567890") is None  # national form must start with 0


_UK_MOBILE_DIGITS = st.from_regex(r"7[1-9][0-9]{8}", fullmatch=True)
_SEPARATOR = st.sampled_from(["", " ", "-", " - ", ".", "  "])
_PREFIX = st.sampled_from(["0", "+44", "+44 ", "+44 (0)", "+44(0) ", "0044 ", "44"])


@settings(max_examples=150, deadline=None)
@given(
    digits=_UK_MOBILE_DIGITS,
    prefix=_PREFIX,
    cuts=st.lists(st.integers(min_value=1, max_value=9), max_size=4, unique=True),
    separator=_SEPARATOR,
)
def test_any_uk_mobile_spaced_any_way_gives_one_e164(
    digits: str, prefix: str, cuts: list[int], separator: str
) -> None:
    parts, last = [], 0
    for cut in sorted(cuts):
        parts.append(digits[last:cut])
        last = cut
    parts.append(digits[last:])
    written = prefix + separator.join(parts)
    text = f"Call him on {written} after six."
    [(shown, value)] = found(text, "phone")
    assert value == "+44" + digits
    assert shown == written.strip()


@settings(max_examples=100, deadline=None)
@given(digits=_UK_MOBILE_DIGITS, before=st.sampled_from(["ring ", "tel: ", "(", "number is "]))
def test_agrees_with_phonenumbers_matcher_on_clean_text(digits: str, before: str) -> None:
    text = f"{before}0{digits[:4]} {digits[4:]} ok"
    ours = [(m.start, m.end, m.value) for m in find_phones(text)]
    theirs = [
        (
            m.start,
            m.end,
            phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164),
        )
        for m in phonenumbers.PhoneNumberMatcher(
            text, "GB", leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    assert ours == theirs


def test_span_indexes_the_text() -> None:
    text = "😀 ring 07700 900123 ✓"
    [mention] = [m for m in extract(text) if m.type == "phone"]
    assert text[mention.start : mention.end] == "07700 900123"
    assert mention.start == 7  # one code point for the emoji, then space and "ring "


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a second line number as 7700 900467.", "+447700900467"),
        ("ring 7700900123 after six", "+447700900123"),
        (
            "it's seven seven double oh nine double oh five oh five no zero at the front",
            "+447700900505",
        ),
        # ten digits starting 7 with nothing saying it is a phone: an account, a reference
        ("account 7700900123 was closed", None),
        ("order ref 7700 900467 dispatched", None),
        ("reference number 7700 900467", None),  # "number", but a reference's
        # in a list after a mobile written in full
        ("he has 07700 900111 and the old one 7700 900467", "+447700900467"),
        ("he has 07700 900111, URN 7700 900467", None),
        ("the export had leading zeros stripped. Recovered: 7700900467", "+447700900467"),
        # said after the number, on its own line of a table
        ("7700900132 runner, adult; leading zero lost in export", "+447700900132"),
    ],
)
def test_a_mobile_written_without_its_zero_only_where_the_text_says_so(
    text: str, value: str | None
) -> None:
    got = [m.value for m in extract(text) if m.type == "phone"]
    assert [v for v in got if v != "+447700900111"] == ([value] if value else [])


def test_a_table_whose_zeros_were_stripped_reads_every_row_landlines_too() -> None:
    # A carrier export read by a spreadsheet: the header says so once, rows follow.
    text = (
        "CDR export (leading zeros stripped), subject 7700900150:\n"
        "B-party | calls | note\n"
        "7700900151 | 318 | deal line\n"
        "1214960444 | 12 | taxi office\n"
        "1614960333 | 7 | pizza\n"
        "7.7009E+09 | 3 | not recoverable\n"
    )
    got = [m.value for m in extract(text) if m.type == "phone"]
    assert got == ["+447700900150", "+447700900151", "+441214960444", "+441614960333"]


def test_a_comma_separated_export_whose_zeros_were_stripped_reads_every_row() -> None:
    # the same export saved as CSV: a comma before a cell is not a decimal point
    text = (
        "CDR extract (xlsx, leading zeros stripped by export), target 7700900150:\n"
        "date,time,other_party,dir,dur\n"
        "03/05,14:02,7700900151,OUT,00:00:41\n"
        "03/05,14:09,1214960444,IN,00:01:02\n"
        "03/05,23:51,7.7009E+09,OUT,00:00:09\n"
    )
    got = [m.value for m in extract(text) if m.type == "phone"]
    assert got == ["+447700900150", "+447700900151", "+441214960444"]
    # Windows line ends, a number in the last column or the first, a space before the end
    rows = "id,msisdn,start\r\n1,7700900196,18/05/2024\r\n2,x,7700900197\r\n7700900198,MO \n"
    got = [
        m.value for m in extract("Leading zeros stripped by export.\n" + rows) if m.type == "phone"
    ]
    assert got == ["+447700900196", "+447700900197", "+447700900198"]


@pytest.mark.parametrize(
    "note",
    [
        "column B has lost its leading zeros on export",
        "Excel dropped the leading zero from every number",
        "the spreadsheet strips off the first 0",
    ],
)
def test_lost_zeros_said_verb_first(note: str) -> None:
    text = f"CDR export - note: {note}\n7700900429   7700900430   00:00:41\n"
    got = [m.value for m in extract(text) if m.type == "phone"]
    assert got == ["+447700900429", "+447700900430"]


def test_ten_digits_with_no_word_of_lost_zeros_stay_unread() -> None:
    text = "B-party | calls\n1214960444 | 12\n7700900151 | 318\n"
    assert [m for m in extract(text) if m.type == "phone"] == []


@pytest.mark.parametrize(
    "row",
    [
        "Timestamp 1700000000",  # another column's label
        "Start 1710498645 End 1710498700",
        "Weight 1.7890123456 g of crack",  # a decimal
        "2024031512 record",  # not a number in use (020 2…)
        "CAD 1255123456",
        "Serial 7123456789",
    ],
)
def test_lost_zeros_do_not_make_every_ten_digits_a_phone(row: str) -> None:
    text = "Note: leading zeros stripped in export.\n" + row
    assert [m for m in extract(text) if m.type == "phone"] == []


def test_lost_zeros_denied_are_not_lost() -> None:
    for note in ("Leading zeros were not stripped.", "No leading zeros lost."):
        assert [m for m in extract(note + "\n7700900123 | 1255123456") if m.type == "phone"] == []


def test_a_number_read_without_its_zero_is_less_sure() -> None:
    [mention] = [m for m in extract("ring 7700900123 after six") if m.type == "phone"]
    assert mention.confidence == 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Seen at the flat 18-05 0900-1500, lots of visitors.",
        "Seen at the flat 18.05 0900-1500, lots of visitors.",
        "Seen at the flat 01-05 0900-1500, lots of visitors.",
        "Seen at the flat 18th-05 0900-1500, lots of visitors.",
        "Obs 3-5 0900 1500 at the flat",
        "Seen 18-05 0900hrs to 1500hrs",
        "Seen 18-05 09:00-15:00",
        "Visits 18-05 0900, 19-05 1430, 20-05 2100.",
        # with a year (a breaker's: "+44520240900")
        "Seen 18-05-2024 0900-1500 at the flat",
        "obs 18/05/24 0900 1500 lots of cars",
    ],
)
def test_a_day_and_month_before_a_time_is_not_a_phone(text: str) -> None:
    # the rules read "18-05 0900-1500" as "18 05 0900 1500" (a hyphen between digits is a
    # space to them): 05 0900 1500 would be a possible number; a date and a time is not one
    assert found(text, "phone") == []


@pytest.mark.parametrize(
    ("text", "written", "e164"),
    [
        # a number right after a date (its first group is no time) is still a number
        ("Seen 18-05 07700 900123 called", "07700 900123", "+447700900123"),
        ("18-05 0900-1500, he rang from 07700 900123", "07700 900123", "+447700900123"),
        ("18/05/24 07700 900123 called", "07700 900123", "+447700900123"),
        ("On 18-05-2024 he rang 07700 900123", "07700 900123", "+447700900123"),
        # pairs of digits, then four, then more: a number, not a date and a time
        ("his mob is 07 12 0900 123", "07 12 0900 123", "+447120900123"),
        ("ring 01 12 0900 123", "01 12 0900 123", "+441120900123"),
    ],
)
def test_a_number_beside_a_date_is_still_a_number(text: str, written: str, e164: str) -> None:
    assert found(text, "phone") == [(written, e164)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("URN: 07700 90 01 23", "+447700900123"),
        ("ref no 07700 90 01 23", "+447700900123"),
        ("Ref 07700 9001 23", "+447700900123"),
        ("crime ref 07700 90 0123", "+447700900123"),
        ("Occurrence ref 07700 900123.", "+447700900123"),
        ("CAD 0770 090 1234 raised at 0210.", "+447700901234"),
        ("Ref: 07700900123 attributed to Tiny.", "+447700900123"),
    ],
)
def test_a_number_after_a_reference_word_stays_a_phone(text: str, value: str) -> None:
    # "ref" is also "regarding" in police logs, and people group a mobile's digits in twos:
    # a rule that dropped numbers after a reference word lost real deal lines to a breaker
    # (session 8) and was removed; a reference that looks like a phone is for a person to
    # strike out
    assert [v for _w, v in found(text, "phone")] == [value]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Ref number 07700 900123 is his mobile.", "07700 900123"),
        ("Phone log 07700 900123 shows 14 calls.", "07700 900123"),
        ("Call log 07700 900123 shows 14 calls.", "07700 900123"),
        ("Crime ref 42/123456/24, his mobile 07700 900123.", "07700 900123"),
        ("Reference: phone number 07700 900123", "07700 900123"),
        ("Ref 07700 900123 (the Tiny line)", "07700 900123"),
        ("6 x phones inc 07700900101, 07700900102", "07700900101"),
        ("Our ref CV-22817. Carer's mobile 07700 900 373", "07700 900 373"),
    ],
)
def test_a_phone_beside_reference_words_is_read_whole(text: str, written: str) -> None:
    # reference words, logs and "ref" beside a number change nothing: it is read as written
    assert [w for w, _value in found(text, "phone")][:1] == [written]


@pytest.mark.parametrize(
    "text",
    ["Call 07700 900 12 now", "ring 020 7946 012 today", "his line 0330 123 456 is off"],
)
def test_a_mobile_02_or_03_number_a_digit_short_is_not_a_phone(text: str) -> None:
    # ten digits after the 0 (Ofcom's plan); phonenumbers calls nine "possible" for +44
    assert found(text, "phone") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Call 07700 900 123 now", "+447700900123"),
        ("ring 020 7946 0123 today", "+442079460123"),
        ("his line 0330 123 4567 is off", "+443301234567"),
    ],
)
def test_the_same_numbers_whole_are_phones(text: str, value: str) -> None:
    assert [v for _w, v in found(text, "phone")] == [value]
