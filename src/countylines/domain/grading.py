"""Intelligence grading: the one place where grading codes are read and labelled.

Two schemes, each stored as itself and never converted into the other:

**3x5x2** (current; College of Policing APP), e.g. ``1A P``:

- source evaluation: ``1`` Reliable, ``2`` Untested, ``3`` Not reliable;
- intelligence assessment: ``A`` Known directly to the source, ``B`` Known
  indirectly but corroborated, ``C`` Known indirectly, ``D`` Not known,
  ``E`` Suspected to be false;
- handling code: ``P`` Lawful sharing permitted, ``C`` Lawful sharing
  permitted with conditions.

Handling code ``C`` requires its conditions, which travel with the item.
Conditions given with ``P`` are refused (:class:`GradingError`), not dropped
and not kept: a grader who wrote conditions meant the item to be restricted,
so the grading is contradictory and must be settled at source (grade it
``C``, or remove the conditions).

**5x5x5** (legacy, still in old records), e.g. ``B2 4``: source ``A`` Always
reliable ... ``E`` Untested; intelligence ``1`` Known to be true without
reservation ... ``5`` Suspected to be false or malicious; handling ``1``-``5``
(labels in :data:`HANDLING_5X5X5`). Free-text conditions are optional with
every 5x5x5 handling code and are kept as given.

A grading written in one scheme but declared as the other (``B`` ``2`` under
3x5x2, or ``1`` ``A`` under 5x5x5) is refused with a reason that says so:
codes are never reinterpreted. Codes are compared case-insensitively and
stored upper-case; the scheme is never guessed.

Sources of the labels: the project's domain facts (DOMAIN.md, "Intelligence
grading", authoritative for the 3x5x2 labels and for 5x5x5 source ``A``/``E``,
intelligence ``1``/``5`` and handling ``4``/``5``); the remaining 5x5x5
labels follow the National Intelligence Model wording as published in
HMRC's manual MLR3C14000 (gov.uk). See docs/intelligence.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar

SCHEME_3X5X2 = "3x5x2"
SCHEME_5X5X5 = "5x5x5"
SCHEMES = (SCHEME_3X5X2, SCHEME_5X5X5)

SOURCE_3X5X2: Mapping[str, str] = MappingProxyType(
    {"1": "Reliable", "2": "Untested", "3": "Not reliable"}
)
INTELLIGENCE_3X5X2: Mapping[str, str] = MappingProxyType(
    {
        "A": "Known directly to the source",
        "B": "Known indirectly but corroborated",
        "C": "Known indirectly",
        "D": "Not known",
        "E": "Suspected to be false",
    }
)
HANDLING_3X5X2: Mapping[str, str] = MappingProxyType(
    {"P": "Lawful sharing permitted", "C": "Lawful sharing permitted with conditions"}
)

SOURCE_5X5X5: Mapping[str, str] = MappingProxyType(
    {
        "A": "Always reliable",
        "B": "Mostly reliable",
        "C": "Sometimes reliable",
        "D": "Unreliable",
        "E": "Untested",
    }
)
INTELLIGENCE_5X5X5: Mapping[str, str] = MappingProxyType(
    {
        "1": "Known to be true without reservation",
        "2": "Known personally to source but not to officer",
        "3": "Not personally known to source but corroborated",
        "4": "Cannot be judged",
        "5": "Suspected to be false or malicious",
    }
)
HANDLING_5X5X5: Mapping[str, str] = MappingProxyType(
    {
        "1": "May be disseminated to other law enforcement and prosecuting agencies, "
        "including law enforcement agencies within the EEA, and EU compatible",
        "2": "May be disseminated to UK non-prosecuting parties",
        "3": "May be disseminated to non-EEA law enforcement agencies",
        "4": "May be disseminated within the originating agency only",
        "5": "No further dissemination: refer to the originator",
    }
)
HANDLING_5X5X5_NOTES: Mapping[str, str] = MappingProxyType(
    {
        "1": "no special conditions",
        "2": "authorisation and records needed",
        "3": "special conditions apply",
        "4": "",
        "5": "special handling requirements imposed by the officer who authorised collection",
    }
)

LABELS: Mapping[str, Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        SCHEME_3X5X2: MappingProxyType(
            {"source": SOURCE_3X5X2, "intelligence": INTELLIGENCE_3X5X2, "handling": HANDLING_3X5X2}
        ),
        SCHEME_5X5X5: MappingProxyType(
            {"source": SOURCE_5X5X5, "intelligence": INTELLIGENCE_5X5X5, "handling": HANDLING_5X5X5}
        ),
    }
)

FIELDS = ("scheme", "source", "intelligence", "handling", "conditions")


class GradingError(ValueError):
    """A grading that is not valid in its declared scheme.

    Attributes:
        field: which part is wrong: ``scheme``, ``source``, ``intelligence``,
            ``handling`` or ``conditions``.
        category: a short reason without the value, for counting rejects.
        value: the offending text as given (None when it is missing).
    """

    def __init__(self, message: str, *, field: str, category: str, value: str | None) -> None:
        super().__init__(message)
        self.field = field
        self.category = category
        self.value = value


def _listing(codes: Mapping[str, str]) -> str:
    return ", ".join(f"{code} {label}" for code, label in codes.items())


def _clean(value: str | None) -> str:
    return (value or "").strip().upper()


def _clean_conditions(conditions: str | None) -> str | None:
    text = (conditions or "").strip()
    return text or None


def parse_scheme(text: str | None) -> str:
    """The scheme named by ``text``: ``3x5x2`` or ``5x5x5``.

    Case is ignored, and the multiplication sign is read as ``x``.

    Raises:
        GradingError: (field ``scheme``) if it is missing or names no scheme.
            The scheme is never guessed from the codes.
    """
    raw = (text or "").strip()
    if not raw:
        raise GradingError(
            "grading scheme is missing: declare 3x5x2 or 5x5x5 (it is never guessed "
            "from the codes)",
            field="scheme",
            category="grading scheme missing",
            value=None,
        )
    key = raw.casefold().replace("\u00d7", "x")
    if key not in SCHEMES:
        raise GradingError(
            f"grading scheme {raw!r} is not 3x5x2 or 5x5x5",
            field="scheme",
            category="grading scheme not 3x5x2 or 5x5x5",
            value=raw,
        )
    return key


def _check_3x5x2(source: str, intelligence: str, handling: str, conditions: str | None) -> None:
    if source in SOURCE_5X5X5 and intelligence in INTELLIGENCE_5X5X5:
        raise GradingError(
            f"source {source!r} with intelligence {intelligence!r} looks like a 5x5x5 "
            f"grading ({source}{intelligence}), not 3x5x2: declare it as grading scheme "
            "5x5x5 (codes are never converted between schemes), or check that the "
            "source and intelligence columns are not swapped",
            field="scheme",
            category="5x5x5 grading declared as 3x5x2",
            value=SCHEME_3X5X2,
        )
    _check_code("source", "source evaluation", source, SOURCE_3X5X2, SCHEME_3X5X2)
    _check_code(
        "intelligence", "intelligence assessment", intelligence, INTELLIGENCE_3X5X2, SCHEME_3X5X2
    )
    if handling in HANDLING_5X5X5:
        raise GradingError(
            f"handling code {handling!r} is a 5x5x5 code; 3x5x2 handling is "
            f"{_listing(HANDLING_3X5X2)}",
            field="handling",
            category="handling code not a 3x5x2 code",
            value=handling,
        )
    _check_code("handling", "handling code", handling, HANDLING_3X5X2, SCHEME_3X5X2)
    if handling == "C" and conditions is None:
        raise GradingError(
            "handling code C (Lawful sharing permitted with conditions) needs its "
            "conditions, and none are given",
            field="conditions",
            category="handling code C without conditions",
            value=None,
        )
    if handling == "P" and conditions is not None:
        raise GradingError(
            "conditions are given with handling code P (Lawful sharing permitted), which "
            "carries none: grade it C to keep the conditions, or remove them",
            field="conditions",
            category="conditions given with handling code P",
            value=conditions,
        )


def _check_5x5x5(source: str, intelligence: str, handling: str) -> None:
    if source in SOURCE_3X5X2 and intelligence in INTELLIGENCE_3X5X2:
        raise GradingError(
            f"source {source!r} with intelligence {intelligence!r} looks like a 3x5x2 "
            f"grading ({source}{intelligence}), not 5x5x5: declare it as grading scheme "
            "3x5x2 (codes are never converted between schemes), or check that the "
            "source and intelligence columns are not swapped",
            field="scheme",
            category="3x5x2 grading declared as 5x5x5",
            value=SCHEME_5X5X5,
        )
    _check_code("source", "source evaluation", source, SOURCE_5X5X5, SCHEME_5X5X5)
    _check_code(
        "intelligence", "intelligence assessment", intelligence, INTELLIGENCE_5X5X5, SCHEME_5X5X5
    )
    if handling in HANDLING_3X5X2:
        raise GradingError(
            f"handling code {handling!r} is a 3x5x2 code; 5x5x5 handling is 1 to 5",
            field="handling",
            category="handling code not a 5x5x5 code",
            value=handling,
        )
    _check_code("handling", "handling code", handling, HANDLING_5X5X5, SCHEME_5X5X5)


def _check_code(field: str, name: str, code: str, codes: Mapping[str, str], scheme: str) -> None:
    if not code:
        raise GradingError(
            f"{name} is missing", field=field, category=f"{name} missing", value=None
        )
    if code not in codes:
        raise GradingError(
            f"{name} {code!r} is not a {scheme} code ({_listing(codes)})",
            field=field,
            category=f"{name} not a {scheme} code",
            value=code,
        )


@dataclass(frozen=True)
class Grading3x5x2:
    """A 3x5x2 grading, e.g. ``Grading3x5x2("1", "A", "P")``.

    Attributes:
        source: ``1``-``3``; intelligence: ``A``-``E``; handling: ``P`` or ``C``.
        conditions: the handling conditions, required with ``C``, refused with ``P``.

    Raises:
        GradingError: on construction, if the codes are not exact 3x5x2 codes
            (use :func:`parse_grading` to read codes as written).
    """

    scheme: ClassVar[str] = SCHEME_3X5X2

    source: str
    intelligence: str
    handling: str
    conditions: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", _clean_conditions(self.conditions))
        _check_3x5x2(self.source, self.intelligence, self.handling, self.conditions)

    @property
    def source_label(self) -> str:
        """The source evaluation in words, e.g. ``Reliable``."""
        return SOURCE_3X5X2[self.source]

    @property
    def intelligence_label(self) -> str:
        """The intelligence assessment in words, e.g. ``Known directly to the source``."""
        return INTELLIGENCE_3X5X2[self.intelligence]

    @property
    def handling_label(self) -> str:
        """The handling code in words, e.g. ``Lawful sharing permitted``."""
        return HANDLING_3X5X2[self.handling]

    @property
    def code(self) -> str:
        """The compact form, e.g. ``1A P``."""
        return f"{self.source}{self.intelligence} {self.handling}"

    def describe(self) -> str:
        """One line for people, e.g. ``3x5x2 1A P: source Reliable; ...``."""
        return _describe(self)


@dataclass(frozen=True)
class Grading5x5x5:
    """A legacy 5x5x5 grading, e.g. ``Grading5x5x5("B", "2", "4")``.

    Attributes:
        source: ``A``-``E``; intelligence: ``1``-``5``; handling: ``1``-``5``.
        conditions: optional free-text handling conditions, kept as given.

    Raises:
        GradingError: on construction, if the codes are not exact 5x5x5 codes.
    """

    scheme: ClassVar[str] = SCHEME_5X5X5

    source: str
    intelligence: str
    handling: str
    conditions: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", _clean_conditions(self.conditions))
        _check_5x5x5(self.source, self.intelligence, self.handling)

    @property
    def source_label(self) -> str:
        """The source evaluation in words, e.g. ``Mostly reliable``."""
        return SOURCE_5X5X5[self.source]

    @property
    def intelligence_label(self) -> str:
        """The intelligence evaluation in words, e.g. ``Cannot be judged``."""
        return INTELLIGENCE_5X5X5[self.intelligence]

    @property
    def handling_label(self) -> str:
        """The handling code in words (see :data:`HANDLING_5X5X5`)."""
        return HANDLING_5X5X5[self.handling]

    @property
    def handling_note(self) -> str:
        """The qualifier that goes with the handling code (empty for 4)."""
        return HANDLING_5X5X5_NOTES[self.handling]

    @property
    def code(self) -> str:
        """The compact form, e.g. ``B2 4``."""
        return f"{self.source}{self.intelligence} {self.handling}"

    def describe(self) -> str:
        """One line for people, e.g. ``5x5x5 B2 4: source Mostly reliable; ...``."""
        return _describe(self)


Grading = Grading3x5x2 | Grading5x5x5


def _describe(g: Grading) -> str:
    text = (
        f"{g.scheme} {g.code}: source {g.source_label}; intelligence "
        f"{g.intelligence_label}; handling {g.handling_label}"
    )
    if g.conditions:
        text += f" (conditions: {g.conditions})"
    return text


def parse_grading(
    scheme: str | None,
    source: str | None,
    intelligence: str | None,
    handling: str | None,
    conditions: str | None = None,
) -> Grading:
    """Read a grading as written in a file or form.

    Codes are trimmed and upper-cased (``1a p`` reads as ``1A P``); blank
    conditions count as none.

    Args:
        scheme: ``3x5x2`` or ``5x5x5`` (required; never guessed).
        source, intelligence, handling: the three codes of that scheme.
        conditions: handling conditions (required with 3x5x2 ``C``).

    Returns:
        A :class:`Grading3x5x2` or :class:`Grading5x5x5`.

    Raises:
        GradingError: naming the wrong part, e.g. a code outside the scheme
            (``4F``), a 5x5x5 grading declared as 3x5x2, ``C`` without
            conditions or conditions with ``P``.
    """
    declared = parse_scheme(scheme)
    s, i, h = _clean(source), _clean(intelligence), _clean(handling)
    if declared == SCHEME_3X5X2:
        return Grading3x5x2(s, i, h, _clean_conditions(conditions))
    return Grading5x5x5(s, i, h, _clean_conditions(conditions))


_COMPACT = re.compile(r"^\s*([A-Za-z0-9])\s*([A-Za-z0-9])\s*([A-Za-z0-9])\s*$")


def parse_compact_grading(
    scheme: str | None, text: str | None, conditions: str | None = None
) -> Grading:
    """Read a compact grading such as ``1B P`` (3x5x2) or ``B2 4`` (5x5x5).

    Strict: exactly three one-character codes in the order source,
    intelligence, handling, separated by nothing or by spaces; the scheme must
    still be declared.

    Raises:
        GradingError: if ``text`` is not in that form, or as :func:`parse_grading`.
    """
    match = _COMPACT.match(text or "")
    if match is None:
        raise GradingError(
            f"grading {text!r} is not three codes (source, intelligence, handling) "
            "such as '1B P' or 'B2 4'",
            field="source",
            category="grading not in the compact form",
            value=text,
        )
    source, intelligence, handling = match.groups()
    return parse_grading(scheme, source, intelligence, handling, conditions)
