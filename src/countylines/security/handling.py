"""Handling codes: what may be disseminated, to whom, and on what conditions.

Rules (College of Policing APP for 3x5x2; the National Intelligence Model
table for legacy 5x5x5; labels from :mod:`countylines.domain.grading`):

* every dissemination (export, download, disclosure) names its recipient;
* 3x5x2 ``P``: lawful sharing permitted;
* 3x5x2 ``C``: permitted with conditions: the conditions are shown with the
  item wherever it appears, and the person disclosing must accept that the
  conditions travel with it;
* 5x5x5 ``1``: may be disseminated; ``2`` and ``3`` carry their qualifier
  (authorisation and records; special conditions) which must be accepted like
  3x5x2 conditions;
* 5x5x5 ``4`` (originating agency only) and ``5`` (no further dissemination:
  refer to the originator) **block** onward dissemination outright;
* an unknown scheme or code blocks too (fail closed).

The two schemes' handling codes do not overlap (``P``/``C`` against ``1``-``5``),
so :func:`scheme_of_handling_code` can tell them apart when only a code is
stored (products carry a code without a scheme).
"""

from __future__ import annotations

from dataclasses import dataclass

from countylines.domain.grading import (
    HANDLING_3X5X2,
    HANDLING_5X5X5,
    HANDLING_5X5X5_NOTES,
    SCHEME_3X5X2,
    SCHEME_5X5X5,
)

BLOCKED_5X5X5 = frozenset({"4", "5"})
"""5x5x5 handling codes that block any onward dissemination."""


@dataclass(frozen=True)
class DisseminationCheck:
    """The answer to "may this item go to this recipient?".

    Attributes:
        allowed: True if it may be disseminated now.
        reason: why (or why not), in words.
        conditions: the conditions that travel with the item, or None.
        needs_acceptance: True if the item carries conditions the discloser
            must accept (and has not yet).
    """

    allowed: bool
    reason: str
    conditions: str | None = None
    needs_acceptance: bool = False


def scheme_of_handling_code(code: str) -> str | None:
    """``3x5x2`` for ``P``/``C``, ``5x5x5`` for ``1``-``5``, None otherwise."""
    code = (code or "").strip().upper()
    if code in HANDLING_3X5X2:
        return SCHEME_3X5X2
    if code in HANDLING_5X5X5:
        return SCHEME_5X5X5
    return None


def handling_notice(scheme: str | None, code: str, conditions: str | None) -> str | None:
    """The notice shown wherever an item is shown, or None for unrestricted items.

    E.g. ``Handling C — Lawful sharing permitted with conditions: not to be
    shared with partner agencies``.
    """
    code = (code or "").strip().upper()
    scheme = scheme or scheme_of_handling_code(code)
    if scheme == SCHEME_3X5X2:
        if code == "C":
            return f"Handling C — {HANDLING_3X5X2['C']}: {conditions or '(conditions missing)'}"
        return None
    if scheme == SCHEME_5X5X5 and code in HANDLING_5X5X5:
        note = HANDLING_5X5X5_NOTES[code]
        text = f"Handling {code} (5x5x5) — {HANDLING_5X5X5[code]}"
        if note:
            text += f" ({note})"
        if conditions:
            text += f": {conditions}"
        return None if code == "1" and not conditions else text
    return f"Handling code {code!r} is not recognised: do not disseminate"


def check_dissemination(
    scheme: str | None,
    code: str,
    conditions: str | None,
    *,
    recipient: str | None,
    conditions_accepted: bool = False,
) -> DisseminationCheck:
    """May an item graded ``scheme``/``code`` go to ``recipient``?

    Args:
        scheme: ``3x5x2``, ``5x5x5``, or None to infer it from the code.
        code: the handling code.
        conditions: the item's handling conditions, if any.
        recipient: who will receive it (required).
        conditions_accepted: the discloser has accepted that the conditions
            travel with the item.

    Returns:
        A :class:`DisseminationCheck`; it never raises for bad codes (they
        block).
    """
    code = (code or "").strip().upper()
    scheme = scheme or scheme_of_handling_code(code)
    if not (recipient or "").strip():
        return DisseminationCheck(False, "name the recipient: every disclosure records it")
    if scheme == SCHEME_3X5X2 and code == "P":
        return DisseminationCheck(True, f"handling P: {HANDLING_3X5X2['P']}")
    if scheme == SCHEME_3X5X2 and code == "C":
        text = conditions or "(conditions missing: ask the originator)"
        if not conditions:
            return DisseminationCheck(
                False, "handling C without recorded conditions: refer to the originator", None
            )
        if not conditions_accepted:
            return DisseminationCheck(
                False,
                f"handling C: accept the conditions, which travel with it: {text}",
                conditions,
                needs_acceptance=True,
            )
        return DisseminationCheck(True, f"handling C, conditions accepted: {text}", conditions)
    if scheme == SCHEME_5X5X5 and code in BLOCKED_5X5X5:
        return DisseminationCheck(
            False,
            f"5x5x5 handling {code}: {HANDLING_5X5X5[code]} — onward dissemination is blocked",
            conditions,
        )
    if scheme == SCHEME_5X5X5 and code in HANDLING_5X5X5:
        note = HANDLING_5X5X5_NOTES[code] if code != "1" else ""  # 1: no special conditions
        terms = "; ".join(t for t in (note, conditions or "") if t)
        if terms and not conditions_accepted:
            return DisseminationCheck(
                False,
                f"5x5x5 handling {code}: accept the terms, which travel with it: {terms}",
                terms,
                needs_acceptance=True,
            )
        return DisseminationCheck(
            True, f"5x5x5 handling {code}: {HANDLING_5X5X5[code]}", terms or None
        )
    return DisseminationCheck(
        False, f"handling code {code!r} under scheme {scheme!r} is not recognised: blocked"
    )
