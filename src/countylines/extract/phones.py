"""Phone numbers written in digits, however they are spaced, found in free text.

A *run* is a stretch of digits and the separators people put inside numbers (spaces, dashes,
dots, slashes, brackets), starting at a digit (or ``+``/``(`` before one). Each run is cut into
digit groups; from each group the longest span of following groups (at most 15 digits) that
reads as a phone number is taken, then the search goes on after it. So ``07700 900123 01255
123456`` is two numbers, ``+44 (0)7700 900 123`` one, and a date (``01/06/2024``), a crime
reference (``42/123456/24``), an IMEI or a sum of money is none.

A span reads as a phone number when its digits are written the way numbers are written:

* ``0`` then 9 or 10 digits (UK national form), starting ``01``, ``02``, ``03``, ``05``,
  ``07``, ``08`` or ``09`` (``04`` and ``06`` are unused);
* ``+``, ``00`` or (for 12 digits) ``44``, then a country code and number; a trunk ``0``
  after +44, bracketed or not (``+44 (0)7…``, ``+44 07…``), is dropped;

and :func:`countylines.domain.phone.canonical_number` (``phonenumbers``) finds it a possible
number. ``is_possible_number`` is the test, not ``is_valid_number``: Ofcom's drama ranges
(07700 900xxx, 01632 960xxx) are possible but not "valid", and +44 is one numbering plan
(Jersey, Guernsey and the Isle of Man included). A slash never joins the groups of one number
(it separates numbers, or dates).

``phonenumbers.PhoneNumberMatcher`` is not the finder: at its default leniency it misses
``+44 (0)7911 654321`` and at ``POSSIBLE`` it reads ``42/123456/24`` as a number and
``07700 900123 01255 123456`` as three; the tests use it as an independent check on clean
text instead. The regex is possessive (no backtracking), so the work is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from countylines.domain.phone import NumberError, canonical_number
from countylines.extract.mention import Mention

_RUN = re.compile(r"\+?\(?[0-9][0-9 \t\u00a0().\-/]*+")
_GROUP = re.compile(r"[0-9]+")
# Groups of digits and letters O (``o77oo 9oo555``, ``07700 9OO 4O4``) holding five digits or
# more: no English words are made of these alone, so in each group with a digit, an O is a
# zero typed as a letter (the network ``O2`` excepted). Possessive and bounded: linear.
_DIGITS_AND_O = re.compile(
    r"(?<![A-Za-z0-9])[0-9Oo]{1,24}+(?:[ .-][0-9Oo]{1,24}+){0,6}(?![A-Za-z0-9])"
)
_GROUP_WITH_O = re.compile(r"[0-9Oo]+")


def _zeros_for_letter_o(match: re.Match[str]) -> str:
    written = match.group()
    if "o" not in written.lower() or sum(c.isdigit() for c in written) < 5:
        return written
    return _GROUP_WITH_O.sub(_group_zeros, written)


def _group_zeros(group: re.Match[str]) -> str:
    text = group.group()
    if text.lower() == "o2" or not any(c.isdigit() for c in text):
        return text
    return text.replace("o", "0").replace("O", "0")


_UK_NATIONAL_PREFIXES = ("01", "02", "03", "05", "07", "08", "09")
MAX_DIGITS = 15
MIN_DIGITS = 10


@dataclass(frozen=True, slots=True)
class _Group:
    start: int
    end: int
    digits: str


def find_phones(text: str) -> list[Mention]:
    """Phone numbers written in digits in ``text``, each with its span and E.164 value.

    Rules (``rule`` of each mention): ``phone-uk-mobile`` (07, 11 digits), ``phone-uk``
    (other UK numbers), ``phone-international`` (another country code), and
    ``phone-letter-o`` for a number typed with the letter O for zero (``07700 9OO 4O4``).
    Confidence is lower (0.8) for numbers written as many single digits, with odd grouping,
    with letters O, or without their leading 0 (read so only where the text says so:
    :func:`mobile_without_zero`).
    """
    digits_text = _DIGITS_AND_O.sub(_zeros_for_letter_o, text)
    zeros_lost = zeros_lost_in(text)
    dates = dates_before_times(digits_text)
    found: list[Mention] = []
    for run in _RUN.finditer(digits_text):
        for mention in _numbers_in_run(digits_text, run.start(), run.end(), zeros_lost, dates):
            written = text[mention.start : mention.end]
            if written != mention.text:
                mention = Mention(
                    "phone", mention.start, mention.end, written, mention.value, 0.8,
                    "phone-letter-o",
                )  # fmt: skip
            found.append(mention)
    return found


def _numbers_in_run(
    text: str, start: int, end: int, zeros_lost: bool, dates: frozenset[int] = frozenset()
) -> Iterator[Mention]:
    groups = [_Group(g.start(), g.end(), g.group()) for g in _GROUP.finditer(text, start, end)]
    i = 0
    while i < len(groups):
        if _ends_a_date(text, groups[i]) or groups[i].start in dates:
            i += 1
            continue
        best = _longest_number_from(text, groups, i, zeros_lost, dates)
        if best is None:
            i += 1
            continue
        j, value = best
        # a national number written without its 0 is read on an assumption: less sure
        assumed = groups[i].digits[0] not in "04" and not _plus_before(text, groups[i].start)
        confidence = _confidence(
            value,
            [
                g
                for k, g in enumerate(groups[i : j + 1], i)
                if not _is_bracketed_trunk_zero(text, groups, k)
            ],
        )
        span_start = _span_start(text, groups[i].start)
        span_end = groups[j].end
        if text[span_start] == "(" and not _closed_within(text, span_start, span_end):
            # "(07700 900123)", "(07700 900123 and ...)": a bracket closed after the number
            # is the sentence's, not the number's (as every labelled set marks it);
            # "(07700) 900123" keeps its own, and an unclosed one stays (as phonenumbers)
            after = text[span_end : span_end + 200].split("\n", 1)[0]  # bounded: linear
            if ")" in after:
                span_start += 1
        yield Mention(
            "phone",
            span_start,
            span_end,
            text[span_start:span_end],
            value,
            min(0.8, confidence) if assumed else confidence,
            _rule(value),
        )
        i = j + 1


_DAY_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?[ \t]*[/.\-][ \t]*\Z", re.IGNORECASE)
# a decimal's whole part: "0" or one or two digits not starting 0 ("51.", "-0."), not "07."
_DECIMAL_POINT_BEFORE = re.compile(r"(?<![\d+])(?:0|[1-9]\d?)\.\Z")


def _ends_a_date(text: str, group: _Group) -> bool:
    """Whether ``group`` is the month of a date (``18/05 0900-1500``, ``18-05``, ``18th/05``:
    not 05 0900 1500), or the fraction of a decimal (``-0.1276474512``, a longitude)."""
    before = text[max(0, group.start - 8) : group.start]
    if len(group.digits) <= 2 and _DAY_BEFORE.search(before):
        return True
    return len(group.digits) >= 7 and _DECIMAL_POINT_BEFORE.search(before) is not None


# A day and month ("18-05", "18.05", "18/05", "18th 05": the rules read a hyphen between
# digits as a space) just before a clock time or a range of times ("0900-1500", "0900hrs",
# "09:00") that ends the digits: a log's date and hours, not "05 0900 1500", a number. A
# time followed by more digits ("07 12 0900 123") may be a number's groups, so it is none.
_CLOCK = r"(?:[01][0-9]|2[0-3])[:.]?[0-5][0-9](?:[ \t]{0,2}(?:hrs|hr|h)\b)?"
_DATE_BEFORE_TIME = re.compile(
    r"(?<![\d.,:/+])"
    r"(?P<date>(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?[ \t]{0,2}[-/. ][ \t]{0,2}"
    r"(?:0?[1-9]|1[0-2])(?:[ \t]{0,2}[-/. ][ \t]{0,2}(?:19|20)?\d\d)?)"  # and a year
    r"[ \t,]{1,3}(?:at[ \t]{1,2})?"
    + _CLOCK
    + r"(?:(?:[ \t]{0,2}(?:-|to|till|until)[ \t]{0,2}|[ \t]{1,2})"
    + _CLOCK
    + r")?"
    r"(?![ \t]{0,2}[-.]?[ \t]{0,2}\d)",
    re.IGNORECASE,
)


def dates_before_times(text: str) -> frozenset[int]:
    """Offsets in ``text`` of the characters of each day and month written just before a
    clock time (``18-05 0900-1500``, ``18.05 0900hrs``, ``01/05 09:00``): no digit group
    there starts or joins a phone number. Linear: each match is at most some 40 characters.
    """
    found: set[int] = set()
    for match in _DATE_BEFORE_TIME.finditer(text):
        found.update(range(match.start("date"), match.end("date")))
    return frozenset(found)


def _is_decimal(whole: _Group, fraction: _Group) -> bool:
    """Whether ``whole.fraction`` reads as a decimal (a coordinate: ``0.1276474512``,
    ``53.4807593421``): a whole part of ``0`` or one or two digits not starting 0, and seven
    or more digits after the point; not a number's first digits (``07.``, ``447.``)."""
    w = whole.digits
    return len(fraction.digits) >= 7 and (w == "0" or (len(w) <= 2 and w[0] != "0"))


def _closed_within(text: str, start: int, end: int) -> bool:
    """Whether the ``(`` at ``start`` is closed before ``end`` (``(07700) 900123``), not
    only a bracket opened inside (``(+44 (0)7700 900123)``: the first is the sentence's)."""
    depth = 0
    for i in range(start, end):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return True
    return False


def _span_start(text: str, first_digit: int) -> int:
    """Include a ``+``, ``(`` or ``+(`` written just before the first digit."""
    start = first_digit
    while start > 0 and text[start - 1] in "+(" and first_digit - start < 2:
        start -= 1
    if start < first_digit and text[start] == "(" and start > 0 and text[start - 1] == "+":
        start -= 1
    return start


def _longest_number_from(
    text: str, groups: list[_Group], i: int, zeros_lost: bool, dates: frozenset[int] = frozenset()
) -> tuple[int, str] | None:
    plus = _plus_before(text, groups[i].start)
    candidates: list[tuple[int, str]] = []
    digits = ""
    for j in range(i, min(len(groups), i + MAX_DIGITS)):  # a number has at most 15 groups
        if j > i:
            between = text[groups[j - 1].end : groups[j].start]
            if "/" in between or len(between) > 3 or groups[j].start in dates:
                break
            if between == "." and j == i + 1 and not plus and _is_decimal(groups[i], groups[j]):
                break  # "0.1276474512": a decimal's fraction, not the rest of a number
            if _is_bracketed_trunk_zero(text, groups, j) and (plus or digits.startswith("00")):
                continue
        digits += groups[j].digits
        if len(digits) > MAX_DIGITS:
            break
        if len(digits) >= MIN_DIGITS:
            candidates.append((j, digits))
    for j, candidate in reversed(candidates):
        value = phone_value(candidate, plus)
        if value is not None:
            return j, value
    for j, candidate in reversed(candidates):
        if not plus:
            value = mobile_without_zero(candidate, text, groups[i].start, groups[j].end, zeros_lost)
            if value is not None:
                return j, value
    return None


#: Words before a number that say it is a phone number.
_PHONE_WORD = re.compile(
    r"\b(?:numbers?|no\.?|tel|tels|telephone|phone|mobile|mob|ring|call|text|line|contact)\b"
    r"[^.\n]{0,30}$",
    re.IGNORECASE,
)
#: After a number: the writer saying the leading 0 was left out.
# A mobile written in full shortly before, in the same sentence: a list of numbers
# ("07700 900123 and the old one 7846 654321").
_MOBILE_BEFORE = re.compile(r"(?:\+44|\b0044|\b0)\s?\(?0?\)?\s?7(?:[\s-]?\d){9}\b[^.\n]{0,40}$")
# The text says zeros were lost before the number ("had leading zeros stripped. Recovered:").
_ZERO_LOST_BEFORE = re.compile(
    r"\b(?:leading|first|front)\s+(?:0|zero|zeros|zeroes|nought|noughts)\b[^\n]{0,60}$",
    re.IGNORECASE,
)
# Anywhere in the text: an export or a list whose numbers lost their zeros ("CDR export,
# leading zeros stripped", "leading zero lost in export"). Then every number in it may be
# written without its 0, landlines as well as mobiles, on any line of the table.
_ZEROS_LOST_IN_TEXT = re.compile(
    r"\b(?:leading|first|front|initial)\s+(?:0|zero|zeros|zeroes|nought|noughts)s?\s+"
    r"(?:(?:was|were|has\s+been|have\s+been|are|is|got)\s+)?"
    r"(?:stripped|lost|dropped|removed|missing|cut\s+off|trimmed)\b"
    r"|\b(?:zeros|zeroes|noughts)\s+(?:stripped|lost|dropped|removed)\b"
    # the verb first: "column B has lost its leading zeros", "Excel dropped the first 0"
    r"|\b(?:stripped|strips|lost|loses|dropped|drops|removed|removes|trimmed|cut\s+off)\s+"
    r"(?:(?:of|off)\s+)?(?:its|their|the|all|any)?\s*(?:leading|first|front|initial)\s+"
    r"(?:0|zero|zeros|zeroes|nought|noughts)s?\b",
    re.IGNORECASE,
)
# A label right before ten digits that makes them a reference, not a number.
_REFERENCE_LABEL = re.compile(
    r"\b(?:ref(?:erence)?|account|acc|a/c|urn|crime|case|sort\s+code|card|invoice|order|"
    r"policy|nino?|nhs)(?:\s+(?:no\.?|number|ref))?[\s.:#-]{0,4}$",
    re.IGNORECASE,
)
_NO_ZERO = re.compile(
    r"^[^.\n]{0,20}\b(?:no|without|missing)\s+(?:the\s+)?(?:0|zero|oh|nought)\b",
    re.IGNORECASE,
)


_DENIED = re.compile(r"\b(?:no|not|never|none|without)\b|n't\b", re.IGNORECASE)
# Labels of other ten-digit things in an export's rows: a number after one is not a phone.
_OTHER_COLUMN = re.compile(
    r"\b(?:cell|cell\s+id|ci|lac|cad|incident|exhibit|serial|isbn|company|amount|duration|"
    r"session|timestamp|time|start|end|date|imei|imsi|tac|lat|lon|long|latitude|longitude|"
    r"weight|occurrence|log|crime|ref|id)\b[^\n\d]{0,12}\Z",
    re.IGNORECASE,
)
# Ofcom's numbers for drama: possible but not valid to phonenumbers (see module doc).
_DRAMA = (
    "+447700900", "+441632960", "+44207946", "+44113496", "+44114496", "+44115496",
    "+44116496", "+44117496", "+44118496", "+44121496", "+44131496", "+44141496",
    "+44151496", "+44161496", "+44191498", "+442920180", "+442896496",
)  # fmt: skip


# UK mobiles (07), London and other 02 numbers and 03 numbers have ten digits after the 0
# (Ofcom's National Telephone Numbering Plan); 01, 05, 08 and 09 have some shorter ones.
_TEN_DIGITS_ONLY = ("+442", "+443", "+447")


def zeros_lost_in(text: str) -> bool:
    """Whether ``text`` says its numbers lost their leading zeros (``leading zeros
    stripped``, ``leading zero lost in export``) anywhere, and not to deny it (``leading
    zeros were not stripped``): a carrier's export read by a spreadsheet. Linear; the
    finders ask once per text."""
    for match in _ZEROS_LOST_IN_TEXT.finditer(text):
        said = text[max(0, match.start() - 20) : match.end()]
        if not _DENIED.search(said):
            return True
    return False


def _row_number_without_zero(digits: str, text: str, start: int, end: int) -> str | None:
    """In a text whose zeros were lost: ten digits starting 1, 2 or 7 that stand alone (not
    part of a decimal, not after another column's label) and make a number in use (valid to
    ``phonenumbers``, or in Ofcom's drama ranges), else None."""
    if len(digits) != 10 or digits[0] not in "127":
        return None
    # a CSV cell: after a comma or at a line's start, before a comma or the line's end
    # (the rules read "\r" as a space: "1,7700900302\r\n")
    cell = text[max(0, start - 1) : start] in (",", "\n", "") and (
        re.match(r",|[ \t\r]*(?:\n|\Z)", text[end : end + 8]) is not None
    )
    if not cell and (
        text[start - 1 : start] in (".", ",") or re.match(r"[.,]\d", text[end : end + 2])
    ):
        return None  # "1.7890123456 g", "51.7890123456"; but a CSV row's ",7700900191,"
    if _OTHER_COLUMN.search(text, max(0, start - 30), start):
        return None
    value = phone_value("0" + digits)
    if value is None:
        return None
    if value.startswith(_DRAMA) or phonenumbers.is_valid_number(phonenumbers.parse(value)):
        return value
    return None


def mobile_without_zero(
    digits: str, text: str, start: int, end: int, zeros_lost: bool = False
) -> str | None:
    """E.164 for a UK number written without its leading 0 (``7700 900467``), or None.

    Ten digits starting ``7`` are read so only where the text says it is a number (``tel``,
    ``number``, ``ring`` before it), that the zero was left out (``no zero at the front``
    after it, ``leading zeros stripped`` shortly before), or where it follows a mobile
    written in full in the same sentence (a list: ``07700 900123 and the old one 7846
    654321``), and never straight after a label such as ``ref``, ``account`` or ``URN``:
    otherwise ten digits are as likely an account or a reference. ``zeros_lost`` (the text
    says so anywhere: :func:`zeros_lost_in`) reads any UK national number so, landlines
    (``1214960444``) included.
    """
    if len(digits) != 10 or not (digits[0] == "7" or (zeros_lost and digits[0] in "12")):
        return None  # cheap first: nothing else can be read without its zero
    if _REFERENCE_LABEL.search(text[max(0, start - 30) : start]):
        return None
    if zeros_lost:
        value = _row_number_without_zero(digits, text, start, end)
        if value is not None:
            return value
    if len(digits) != 10 or not digits.startswith("7"):
        return None
    said = (
        _PHONE_WORD.search(text[max(0, start - 40) : start])
        or _NO_ZERO.search(text[end : end + 40])
        or _MOBILE_BEFORE.search(text[max(0, start - 80) : start])
        or _zero_lost_just_before(text, start)
    )
    return phone_value("0" + digits) if said else None


def _zero_lost_just_before(text: str, start: int) -> bool:
    window = text[max(0, start - 100) : start]
    match = _ZERO_LOST_BEFORE.search(window)
    return match is not None and not _DENIED.search(window, max(0, match.start() - 20), match.end())


def _plus_before(text: str, first_digit: int) -> bool:
    before = text[max(0, first_digit - 2) : first_digit]
    return before.endswith("+") or before == "+("


def _is_bracketed_trunk_zero(text: str, groups: list[_Group], j: int) -> bool:
    group = groups[j]
    return (
        group.digits == "0"
        and text[group.start - 1 : group.start] == "("
        and text[group.end : group.end + 1] == ")"
    )


@lru_cache(maxsize=65536)
def phone_value(digits: str, plus: bool = False) -> str | None:
    """E.164 for a number's digits as written (``plus``: a ``+`` was written first), or None.

    >>> phone_value("07700900123")
    '+447700900123'
    >>> phone_value("4407700900123", plus=True)
    '+447700900123'
    """
    if plus:
        compact = "+" + digits
    elif digits.startswith("00"):
        compact = "+" + digits[2:]
    elif digits.startswith("44") and len(digits) in (12, 13):
        compact = "+" + digits
    elif digits.startswith(_UK_NATIONAL_PREFIXES) and len(digits) in (10, 11):
        compact = digits
    else:
        return None
    if compact.startswith("+0"):
        return None  # no country code starts with 0 ("0000 1234 5678" is not +12345678)
    if compact.startswith("+440"):
        compact = "+44" + compact[4:]  # "+44 07700…": a trunk 0 written after the code
    if compact.startswith("+44") and compact[3:4] not in ("1", "2", "3", "5", "7", "8", "9"):
        return None
    try:
        number = canonical_number(compact)
    except NumberError:
        return None
    if number.kind != "e164" or number.number is None:
        return None
    if number.number.startswith(_TEN_DIGITS_ONLY) and len(number.number) != 13:
        return None  # "07700 900 12": phonenumbers finds 9 digits "possible" for any +44
    return number.number


def _rule(value: str) -> str:
    if value.startswith("+447") and len(value) == 13:
        return "phone-uk-mobile"
    if value.startswith("+44"):
        return "phone-uk"
    return "phone-international"


def _confidence(value: str, groups: list[_Group]) -> float:
    if len(groups) > 4 or any(len(g.digits) == 1 for g in groups[1:]):
        return 0.8
    if value.startswith("+447") and len(value) == 13:
        return 0.97
    if value.startswith("+44"):
        return 0.92
    return 0.85
