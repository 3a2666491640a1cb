"""Phone numbers: the one place where a written number becomes a canonical one.

Canonical form is E.164 (``+447700900123``), parsed by the ``phonenumbers``
library (Google's libphonenumber metadata) with a default region of GB.
Numbers that are not subscriber numbers are kept and marked, never dropped:

=============== ==================================== ====================
kind            example written                      canonical ``number``
=============== ==================================== ====================
``e164``        ``07700 900123``, ``+44 (0)7700…``   ``+447700900123``
``short_code``  ``999``, ``101``, ``118 118``        ``999``
``alphanumeric`` ``NHS-GP``, ``AMAZON`` (SMS sender)  ``NHS-GP``
``withheld``    ``Withheld``, ``Private``, empty     None
``identifier``  pseudonymous ids (layouts that say so) as written
=============== ==================================== ====================

Anything else is not a number (``NumberError``), e.g. ``7.7E+09``: a
spreadsheet turned it into a float and its digits are gone for good.

UK numbers take a fast path (pure string rules for the common spellings of
10-digit UK numbers, checked against ``phonenumbers`` by a property test);
everything else goes through ``phonenumbers``. ``is_possible_number`` is the
test, not ``is_valid_number``: Ofcom's drama ranges (07700 900xxx) and Crown
dependency ranges are possible but not "valid" in the library's metadata
(see DESIGN.md, measured facts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

DEFAULT_REGION = "GB"

WITHHELD_WORDS = frozenset(
    {
        "",
        "withheld",
        "number withheld",
        "private",
        "private number",
        "anonymous",
        "unknown",
        "restricted",
        "unavailable",
        "not available",
        "n/a",
        "na",
        "none",
        "null",
        "-",
        "clir",
    }
)

_SEPARATORS = re.compile(r"[\s\-./]+")
_TRUNK_ZERO = re.compile(r"^(\+\d{1,3}|00\d{1,3})\(0\)")
_E_NOTATION = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_ALPHANUMERIC = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 &'._-]{1,11}$")
_SHORT_CODE = re.compile(r"^\d{3,6}$")
_UK_E164 = re.compile(r"^\+44[1-9]\d{9}$")
_UK_NATIONAL = re.compile(r"^0[1-9]\d{9}$")
_UK_INTL_DIGITS = re.compile(r"^44[1-9]\d{9}$")
_UK_INTL_00 = re.compile(r"^0044[1-9]\d{9}$")


class NumberError(ValueError):
    """Text that is not a phone number, a short code, an SMS sender or withheld.

    ``category`` is a short reason without the value, for counting rejects.
    """

    def __init__(self, message: str, category: str) -> None:
        super().__init__(message)
        self.category = category


@dataclass(frozen=True)
class CanonicalNumber:
    """A number as stored: ``number`` (None when withheld) and its ``kind``."""

    number: str | None
    kind: str


def canonical_number(text: str | None, region: str = DEFAULT_REGION) -> CanonicalNumber:
    """Canonicalise one written number.

    Args:
        text: the number as written (any UK or international spelling).
        region: ISO 3166 region for numbers written in national form.

    Returns:
        The canonical number and its kind (see the module table).

    Raises:
        NumberError: with the reason, if ``text`` is no kind of number.
    """
    raw = (text or "").strip()
    if raw.casefold() in WITHHELD_WORDS:
        return CanonicalNumber(None, "withheld")
    if _E_NOTATION.match(raw):
        raise NumberError(
            f"number written in E-notation ({raw}): a spreadsheet turned it into a float "
            "and its digits cannot be recovered; export the column as text",
            "number in E-notation (spreadsheet damage: digits lost)",
        )
    compact = _TRUNK_ZERO.sub(r"\1", _SEPARATORS.sub("", raw))
    compact = compact.replace("(", "").replace(")", "")
    if region == DEFAULT_REGION:
        fast = _uk_fast_path(compact)
        if fast is not None:
            return CanonicalNumber(fast, "e164")
    if _SHORT_CODE.match(compact):
        return CanonicalNumber(compact, "short_code")
    if _ALPHANUMERIC.match(raw) and not compact.lstrip("+").isdigit():
        return CanonicalNumber(raw.upper(), "alphanumeric")
    return CanonicalNumber(_parse_e164(compact, region), "e164")


def _uk_fast_path(compact: str) -> str | None:
    """E.164 for the common spellings of 10-digit UK numbers, or None."""
    if _UK_E164.match(compact):
        return compact
    if _UK_NATIONAL.match(compact):
        return "+44" + compact[1:]
    if _UK_INTL_DIGITS.match(compact):
        return "+" + compact
    if _UK_INTL_00.match(compact):
        return "+" + compact[2:]
    return None


@lru_cache(maxsize=65536)
def _parse_e164(compact: str, region: str) -> str:
    digits = compact.lstrip("+")
    if not digits.isdigit():
        raise NumberError(
            f"not a phone number: {compact!r} holds characters other than digits",
            "not a phone number",
        )
    text = compact
    if compact.startswith("00"):
        text = "+" + compact[2:]
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise NumberError(
            f"not a phone number: {compact!r} ({exc._msg})", "not a phone number"
        ) from exc
    if not phonenumbers.is_possible_number(parsed):
        raise NumberError(
            f"not a possible phone number: {compact!r} has the wrong number of digits "
            f"for +{parsed.country_code}",
            "not a possible phone number (wrong number of digits)",
        )
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
