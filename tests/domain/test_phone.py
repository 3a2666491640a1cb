"""Phone canonicalisation: literal pairs, and the UK fast path against phonenumbers."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countylines.domain.phone import CanonicalNumber, NumberError, canonical_number


@pytest.mark.parametrize(
    ("written", "number", "kind"),
    [
        ("07700 900123", "+447700900123", "e164"),
        ("07700900123", "+447700900123", "e164"),
        ("+44 7700 900123", "+447700900123", "e164"),
        ("+44 (0)7911 654321", "+447911654321", "e164"),
        ("+44(0)7911-654-321", "+447911654321", "e164"),
        ("447911654321", "+447911654321", "e164"),
        ("0044 7911 654321", "+447911654321", "e164"),
        ("7911654321", "+447911654321", "e164"),  # leading zero stripped by a spreadsheet
        ("01255 123456", "+441255123456", "e164"),  # Clacton landline
        ("0800 123 456", "+44800123456", "e164"),
        ("+33 1 23 45 67 89", "+33123456789", "e164"),
        ("0033 (0)1 23 45 67 89", "+33123456789", "e164"),
        ("+1 212 555 0123", "+12125550123", "e164"),
        ("999", "999", "short_code"),
        ("101", "101", "short_code"),
        ("118 118", "118118", "short_code"),
        ("Withheld", None, "withheld"),
        ("PRIVATE", None, "withheld"),
        ("", None, "withheld"),
        ("  ", None, "withheld"),
        ("NHS-GP", "NHS-GP", "alphanumeric"),
        ("Amazon", "AMAZON", "alphanumeric"),
    ],
)
def test_written_forms(written: str, number: str | None, kind: str) -> None:
    assert canonical_number(written) == CanonicalNumber(number, kind)


@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("7.7E+09", "number in E-notation (spreadsheet damage: digits lost)"),
        ("7.70090E+10", "number in E-notation (spreadsheet damage: digits lost)"),
        ("12", "not a possible phone number (wrong number of digits)"),
        ("9", "not a phone number"),
        ("078754357377", "not a possible phone number (wrong number of digits)"),
        ("0777-CALL-ME-NOW-PLEASE", "not a phone number"),
    ],
)
def test_not_numbers(written: str, category: str) -> None:
    with pytest.raises(NumberError) as info:
        canonical_number(written)
    assert info.value.category == category


def _separated(digits: str, draw_seps: list[str]) -> str:
    out = []
    for i, ch in enumerate(digits):
        out.append(ch)
        if i < len(draw_seps):
            out.append(draw_seps[i])
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(
    first=st.sampled_from("1237"),
    rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
    prefix=st.sampled_from(["0", "+44", "44", "0044", "+44 (0)"]),
    seps=st.lists(st.sampled_from(["", "", "", " ", "-"]), min_size=10, max_size=10),
)
def test_uk_fast_path_agrees_with_phonenumbers(
    first: str, rest: str, prefix: str, seps: list[str]
) -> None:
    """Every UK spelling the fast path takes gives what phonenumbers gives."""
    national = first + rest
    written = prefix + _separated(national, seps)
    expected = phonenumbers.format_number(
        phonenumbers.parse("+44" + national, None), phonenumbers.PhoneNumberFormat.E164
    )
    assert canonical_number(written) == CanonicalNumber(expected, "e164")
