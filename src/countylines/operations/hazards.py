"""Hazards for the day of action, from graded intelligence and the line picture.

Officers entering an address need to know of weapons, dogs, children
present and violence. Hazards come from:

* intelligence reports about the target (a phone subject among the
  target's numbers, an address subject matching its address: scope "this
  target"), or linked to one of its lines in the picture
  (``lines[].intel_urns``: scope "the line", reported as such); the
  report's text is read for the terms of :data:`HAZARD_TERMS` (a term just
  after "no" or "not" is not a hazard: "no dogs at the address");
* the picture's safeguarding list: a possible child linked to the target's
  numbers or cell means children may be present.

Every hazard keeps its source (URN or "call data") and the report's handling
code and conditions, so the briefing pack can withhold or condition it. The
terms are practice (DOMAIN.md lists weapons and child indicators among the
signs of exploitation), kept here in one table. Pure: reports in, hazards out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

WEAPONS = "weapons"
DOGS = "dogs"
CHILDREN = "children present"
VIOLENCE = "violence"
HELD_ELSEWHERE = "intelligence held elsewhere"
#: a hazard reported about the target itself (its people's phones, its address, its cell)
TARGET_SCOPE = "this target"
#: a hazard reported about one of the target's lines in general, not this place
LINE_SCOPE = "the line"

#: Hazard kind -> regular expression of its terms (whole words, case-insensitive).
HAZARD_TERMS: dict[str, str] = {
    WEAPONS: (
        r"knife|knives|blade[sd]?|bladed article|machete|zombie knife|sword|"
        r"firearms?|guns?|pistol|shotgun|handgun|ammo|ammunition|crossbow|taser|"
        r"shank|baseball bat|hammer|axe|acid|noxious substance"
    ),
    DOGS: r"dogs?|xl bully|bully xl|pit ?bull|staff(?:y|ie|ordshire)|rottweiler|status dog|akita",
    CHILDREN: (
        r"child(?:ren)?|kids?|baby|babies|toddler|infant|juvenile|school uniform|"
        r"under[- ]18|minor|(?:1[0-7]|[5-9]) ?(?:yrs?|years?|y/?o)(?: old)?"
    ),
    VIOLENCE: (
        r"stab(?:bed|bing)?|assault(?:ed)?|violen(?:t|ce)|threat(?:s|ened)?|kidnap(?:ped)?|"
        r"tied up|beaten|shot at|robbed|tax(?:ed|ing)"
    ),
}
_PATTERNS = {
    kind: re.compile(rf"(?<![\w-])(?:{terms})(?![\w-])", re.IGNORECASE)
    for kind, terms in HAZARD_TERMS.items()
}
_NEGATION = re.compile(r"\b(?:no|not|nor|without|never)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class IntelItem:
    """A sanitised intelligence report as the hazard reader needs it."""

    urn: str
    text: str
    report_date: dt.date
    scheme: str
    source_grade: str
    intelligence_grade: str
    handling_code: str
    handling_conditions: str | None = None
    numbers: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()

    @property
    def grading(self) -> str:
        """The grading as written, e.g. ``1B P`` or ``B2 4``."""
        return f"{self.source_grade}{self.intelligence_grade} {self.handling_code}"


@dataclass(frozen=True)
class Hazard:
    """One hazard: its kind, the words that show it, and where it comes from."""

    kind: str
    detail: str
    source: str
    report_date: dt.date | None = None
    grading: str | None = None
    scheme: str | None = None
    handling_code: str | None = None
    handling_conditions: str | None = None
    scope: str = TARGET_SCOPE

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "scope": self.scope,
            "kind": self.kind,
            "detail": self.detail,
            "source": self.source,
            "report_date": self.report_date.isoformat() if self.report_date else None,
            "grading": self.grading,
            "scheme": self.scheme,
            "handling_code": self.handling_code,
            "handling_conditions": self.handling_conditions,
        }


def hazard_terms(text: str) -> list[tuple[str, str]]:
    """(kind, sentence) for every hazard term found in ``text``, negated ones left out.

    The sentence around the term is returned (up to 200 characters), once per
    kind and sentence.
    """
    found: list[tuple[str, str]] = []
    sentences = [s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]
    for sentence in sentences:
        for kind, pattern in _PATTERNS.items():
            for match in pattern.finditer(sentence):
                if _NEGATION.search(sentence[: match.start()]):
                    continue
                snippet = sentence if len(sentence) <= 200 else sentence[:197] + "..."
                if (kind, snippet) not in found:
                    found.append((kind, snippet))
                break
    return found


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace(",", " ").split())


def hazards_for(
    *,
    numbers: Iterable[str],
    address: str | None,
    cell_id: str | None,
    line_ids: Iterable[str],
    reports: Sequence[IntelItem],
    picture: Mapping[str, Any],
    held: Mapping[str, str] | None = None,
) -> list[Hazard]:
    """Hazards for one target (see the module docstring), in kind then source order.

    ``held`` maps the URN of a report the reader may not see to the "held
    elsewhere" text: such a report about the target gives a hazard of kind
    :data:`HELD_ELSEWHERE` with that text, never the report's content.
    """
    numbers = set(numbers)
    lines = set(line_ids)
    line_urns = {
        str(urn)
        for line in picture.get("lines", [])
        if str(line.get("line_id")) in lines
        for urn in line.get("intel_urns", [])
    }
    place = _folded(address) if address else None
    hazards: list[Hazard] = []
    for report in sorted(reports, key=lambda r: (r.report_date, r.urn)):
        direct = bool(numbers.intersection(report.numbers)) or bool(
            place and any(_folded(a) == place for a in report.addresses)
        )
        if not direct and report.urn not in line_urns:
            continue
        scope = TARGET_SCOPE if direct else LINE_SCOPE
        if held and report.urn in held:
            hazards.append(Hazard(HELD_ELSEWHERE, held[report.urn], report.urn, scope=scope))
            continue
        for kind, snippet in hazard_terms(report.text):
            hazards.append(
                Hazard(
                    kind,
                    snippet,
                    report.urn,
                    report.report_date,
                    report.grading,
                    report.scheme,
                    report.handling_code,
                    report.handling_conditions,
                    scope,
                )
            )
    for entry in picture.get("safeguarding", []):
        if not entry.get("possible_child"):
            continue
        linked = numbers.intersection(str(n) for n in entry.get("numbers", [])) or (
            cell_id is not None and entry.get("cell_id") == cell_id
        )
        if linked:
            hazards.append(
                Hazard(
                    CHILDREN,
                    f"a possible child is linked to this place: {entry.get('label', '')}; "
                    "treat as a possible victim",
                    "call data",
                )
            )
    order = {k: i for i, k in enumerate(HAZARD_TERMS)}
    return sorted(
        hazards,
        key=lambda h: (h.scope != TARGET_SCOPE, order.get(h.kind, 99), h.source, h.detail),
    )
