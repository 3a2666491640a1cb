"""The safeguarding picture: possible victims, what shows it, and where to refer them.

Runners and the occupants of cuckooed addresses are treated as possible
victims, never as targets. Each entry lists its indicators with the evidence
(call data, or the intelligence report by URN) and a suggested referral
route; people decide.

Routes (Home Office county lines and CCE guidance; Modern Slavery Act 2015
s.52 and statutory guidance; Care Act 2014 s.42):

- **MASH** (Multi-Agency Safeguarding Hub, children's social care): any
  possible child. A child moved to sell drugs is also a possible victim of
  trafficking: an NRM referral needs no consent for a child.
- **NRM** (National Referral Mechanism): an adult moved away from home to
  sell drugs (possible modern slavery / trafficking); the adult must consent,
  otherwise the police notify the Home Office (duty to notify).
- **Adult social care** (Care Act 2014 s.42 enquiry): the occupant of a
  possible cuckooed address, or an adult runner not moved from home.

Pure functions: no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

#: Statuses a safeguarding entry can take (see ``countylines safeguarding set``).
STATUSES = ("to review", "referral made", "visited", "no further action")

ROUTE_MASH = "MASH"
ROUTE_NRM = "NRM"
ROUTE_ADULT = "Adult social care"


@dataclass(frozen=True)
class SafeguardingIndicator:
    """One reason to think someone may need help, with its evidence."""

    indicator: str
    evidence: str
    source: str = "call data"


@dataclass
class SafeguardingEntry:
    """A possible victim (person) or a place where people may be at risk (address)."""

    safeguarding_id: str
    kind: str  # person | address
    label: str
    numbers: list[str]
    cell_id: str | None
    line_ids: list[str]
    indicators: list[SafeguardingIndicator]
    possible_child: bool
    route: str
    route_reason: str
    status: str = "to review"
    priority: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (the picture's ``safeguarding`` items)."""
        return asdict(self)


def safeguarding_id(kind: str, key: str) -> str:
    """A stable id for a person (by number) or an address (by cell): ``sg-`` + 10 hex."""
    return "sg-" + hashlib.sha256(f"{kind}:{key}".encode()).hexdigest()[:10]


def route_for_person(possible_child: bool, moved_from_home: bool) -> tuple[str, str]:
    """Suggested referral route for a possible victim, and why."""
    if possible_child:
        return (
            ROUTE_MASH,
            "possible child: refer to the MASH (child criminal exploitation); a child moved "
            "to sell drugs is also a possible victim of trafficking - an NRM referral needs "
            "no consent for a child",
        )
    if moved_from_home:
        return (
            ROUTE_NRM,
            "moved away from home to sell drugs: possible victim of modern slavery or "
            "trafficking - NRM referral with the adult's consent (or duty to notify). Age "
            "not known: if under 18, refer to the MASH instead",
        )
    return (
        ROUTE_ADULT,
        "exploited to sell drugs: adult safeguarding enquiry (Care Act 2014 s.42). Age not "
        "known: if under 18, refer to the MASH instead",
    )


def route_for_address() -> tuple[str, str]:
    """Suggested route for the occupant of a possible cuckooed address."""
    return (
        ROUTE_ADULT,
        "possible cuckooing: the occupant may be a vulnerable adult whose home has been "
        "taken over - a safeguarding visit and an adult safeguarding enquiry (Care Act 2014 "
        "s.42); if children live there, refer to the MASH",
    )


def ordered(entries: Sequence[SafeguardingEntry]) -> list[SafeguardingEntry]:
    """Children first, then by safeguarding priority (highest first), then by id."""
    return sorted(
        entries,
        key=lambda e: (
            not e.possible_child,
            -float(e.priority.get("score", 0.0)),
            e.safeguarding_id,
        ),
    )
