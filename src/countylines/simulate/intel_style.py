"""How the authors of intelligence reports write: case, abbreviations, typos, numbers, dates.

Reports are drafted in one plain register (:mod:`~countylines.simulate.intel_topics`)
and then written in the style of their author. A style is deterministic and
word-local (abbreviations and case), so a phrase written alone comes out
exactly as it does inside the text: that is how truth.json records what each
report wrote (``mentions[].written``). Typos come last, at random, and never
touch a mentioned phrase.

The authors are judgement, after the spread of writing seen in intelligence
logs: a careful analyst writing full sentences; a response officer in capitals;
a hurried researcher in lower-case shorthand; a Met officer; a partner agency
(children's services, housing, a school) writing a referral.

A UK number is written the ways people write it (DOMAIN.md, "Data-quality
traps"): ``07700 900123``, ``07700900123``, ``+44 7700 900123``,
``+44 (0)7700 900123``, ``0044 7700 900123``, ``447700900123``,
``07700-900-123``. Every spelling reads back to the same number through
:func:`countylines.domain.phone.canonical_number` (tested).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from countylines.simulate.randomness import pick

#: Plain phrase -> abbreviation (whole words, any case), for authors who abbreviate.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("missing from home", "MFH"),
    ("child criminal exploitation", "CCE"),
    ("in the company of", "i/c/o"),
    ("believed to be", "b/t/b"),
    ("approximately", "approx"),
    ("years old", "yrs"),
    ("years", "yrs"),
    ("address", "addr"),
    ("possible", "poss"),
    ("possibly", "poss"),
    ("information", "info"),
    ("vehicle", "veh"),
    ("known as", "AKA"),
    ("near", "nr"),
    ("with", "w/"),
    ("deal line", "DL"),
    ("Road", "Rd"),
    ("Avenue", "Ave"),
    ("Street", "St"),
    ("Clacton-on-Sea", "Clacton"),
)
_ABBREVIATION_RES = tuple(
    (re.compile(rf"(?<![\w/]){re.escape(a)}(?![\w/])", re.IGNORECASE), b) for a, b in ABBREVIATIONS
)
NUMBER_STYLES = (
    "national_spaced", "national", "national_3", "intl", "intl_spaced", "intl_trunk",
    "zero_zero", "digits_44", "dashed",
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]{5,}")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Author:
    """One writer's habits.

    Attributes:
        key: a short name (truth.json ``author``).
        case: ``as_is``, ``upper`` or ``lower``.
        abbreviate: uses :data:`ABBREVIATIONS`.
        typo_rate: chance that each ordinary word of 5+ letters is mistyped.
        date_style: report date as ``iso`` (2024-03-05), ``uk`` (05/03/2024) or
            ``uk_short`` (5/3/2024).
        text_numbers: spellings of numbers in the text (see :func:`spell_number`).
        column_numbers: spellings in the phones column.
        completeness: chance each subject of the text is also entered in its column.
        closing: adds a closing paragraph (assessment, safeguarding action) at times.
    """

    key: str
    case: str
    abbreviate: bool
    typo_rate: float
    date_style: str
    text_numbers: tuple[str, ...]
    column_numbers: tuple[str, ...]
    completeness: float
    closing: bool

    def write(self, plain: str) -> str:
        """``plain`` in this author's style (deterministic, word-local)."""
        text = plain
        if self.abbreviate:
            for pattern, short in _ABBREVIATION_RES:
                text = pattern.sub(short, text)
        if self.case == "upper":
            return text.upper()
        if self.case == "lower":
            return text.lower()
        return text

    def date(self, day: dt.date) -> str:
        """The report date as this author writes it in the date column."""
        if self.date_style == "iso":
            return day.isoformat()
        if self.date_style == "uk":
            return day.strftime("%d/%m/%Y")
        return f"{day.day}/{day.month}/{day.year}"

    def day_in_text(self, day: dt.date) -> str:
        """A date inside the text (``04/10/2023`` or ``4 October``)."""
        if self.date_style == "iso" or self.case == "upper":
            return day.strftime("%d/%m/%Y")
        return f"{day.day} {MONTHS[day.month - 1]}"


AUTHORS: tuple[Author, ...] = (
    Author("analyst", "as_is", False, 0.0, "iso", ("national_spaced", "intl_spaced", "national"),
           ("national_spaced", "intl"), 0.95, True),
    Author("response_officer", "upper", True, 0.02, "uk", ("national", "national_3", "dashed"),
           ("national",), 0.7, False),
    Author("researcher", "lower", True, 0.04, "uk_short",
           ("national", "intl", "digits_44", "national_spaced"), ("national", "digits_44"),
           0.45, False),
    Author("met_officer", "as_is", True, 0.01, "uk", ("intl_trunk", "zero_zero", "national"),
           ("intl_trunk", "zero_zero"), 0.8, False),
    Author("partner_agency", "as_is", False, 0.015, "uk",
           ("national_spaced", "national_3", "intl_spaced"), ("national_spaced",), 0.6, True),
    Author("neighbourhood_pc", "as_is", True, 0.03, "uk_short", ("national", "national_spaced"),
           ("national",), 0.65, False),
)  # fmt: skip


def spell_number(number: str, style: str) -> str:
    """``number`` (E.164, ``+44…``) written in ``style`` (one of :data:`NUMBER_STYLES`).

    UK mobiles (``+447…``) take every style; UK landlines are written ``01255 294031``,
    ``020 5799 7264`` or as E.164; other numbers stay E.164.
    """
    if not number.startswith("+44") or len(number) != 13:
        return number
    national = "0" + number[3:]
    rest = number[3:]
    if not rest.startswith("7"):  # a landline: area code then the local number
        if style in {"intl", "digits_44", "zero_zero"}:
            return number
        if rest.startswith("20"):
            return f"{national[:3]} {national[3:7]} {national[7:]}"
        return f"{national[:5]} {national[5:]}"
    return {
        "national_spaced": f"{national[:5]} {national[5:]}",
        "national": national,
        "national_3": f"{national[:5]} {national[5:8]} {national[8:]}",
        "intl": number,
        "intl_spaced": f"+44 {rest[:4]} {rest[4:]}",
        "intl_trunk": f"+44 (0){rest[:4]} {rest[4:]}",
        "zero_zero": f"0044 {rest[:4]} {rest[4:]}",
        "digits_44": number[1:],
        "dashed": f"{national[:5]}-{national[5:8]}-{national[8:]}",
    }[style]


def transpose_digits(number: str, rng: np.random.Generator) -> str:
    """``number`` with two neighbouring digits of its last six swapped (a slip of the pen)."""
    digits = list(number)
    for _ in range(10):
        i = len(digits) - 1 - int(rng.integers(1, 6))
        if digits[i] != digits[i + 1]:
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            break
    return "".join(digits)


def add_typos(text: str, rate: float, protected: set[str], rng: np.random.Generator) -> str:
    """Mistype ordinary words of ``text`` (5+ letters, not in ``protected``, any case).

    Each word is mistyped with chance ``rate``: two letters swapped, one dropped
    or one doubled.
    """
    if rate <= 0:
        return text
    guard = {p.casefold() for p in protected}

    def slip(match: re.Match[str]) -> str:
        """The word matched, mistyped now and then."""
        word = match.group(0)
        if word.casefold() in guard or rng.random() >= rate:
            return word
        i = int(rng.integers(1, len(word) - 1))
        how = int(rng.integers(3))
        if how == 0:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if how == 1:
            return word[:i] + word[i + 1 :]
        return word[:i] + word[i] + word[i:]

    return _WORD.sub(slip, text)


def protected_words(phrases: list[str]) -> set[str]:
    """The words of ``phrases`` (mentioned names, addresses...) that typos must not touch."""
    return {w for p in phrases for w in _WORD.findall(p)}


def draw_authors(rng: np.random.Generator) -> tuple[Author, ...]:
    """The 4-6 authors who write this scenario's reports (the analyst and partners always)."""
    always = [a for a in AUTHORS if a.key in {"analyst", "partner_agency"}]
    others = [a for a in AUTHORS if a not in always]
    n = int(rng.integers(2, len(others) + 1))
    chosen = [others[int(i)] for i in sorted(rng.choice(len(others), size=n, replace=False))]
    return tuple(always + chosen)


def spelling(author: Author, rng: np.random.Generator, column: bool = False) -> str:
    """One of the author's number spellings, for the text or the phones column."""
    return pick(rng, author.column_numbers if column else author.text_numbers)
