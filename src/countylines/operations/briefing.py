"""The briefing pack of one team: its targets, subjects, hazards and handling conditions.

A briefing pack is a *disclosure* of intelligence to the team (recipient:
the team and its leader), so every intelligence-derived hazard goes through
the security package's dissemination check
(:func:`countylines.security.handling.check_dissemination`):

* 3x5x2 ``P``: included;
* 3x5x2 ``C`` (and 5x5x5 ``2``/``3``): included with its conditions printed
  beside it, only if the person producing the pack accepted that the
  conditions travel with it; otherwise withheld, saying why;
* 5x5x5 ``4``/``5``: withheld: the pack says a report exists and to refer to
  the originator before entry, never its content;
* a report in a compartment the producer is not in: withheld, with the
  owner to contact ("held elsewhere").

Hazards from the call data (a possible child linked to the place) are always
included. Children and the occupants of cuckooed addresses appear as possible
victims. Pure: records in, a :class:`Briefing` out (rendered by
``briefing_render.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from countylines.operations import terms
from countylines.operations.hazards import HELD_ELSEWHERE, Hazard
from countylines.operations.records import Authorisation, NominalRef, Target
from countylines.security.handling import check_dissemination, handling_notice

UK = ZoneInfo("Europe/London")
MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class BriefedHazard:
    """A hazard as printed: its text, or why it is withheld."""

    kind: str
    text: str
    source: str
    grading: str | None
    notice: str | None
    withheld: bool
    scope: str = "this target"


@dataclass(frozen=True)
class BriefedSubject:
    """A person at a target: name, numbers, roles, and whether a possible victim."""

    label: str
    numbers: list[str]
    roles: list[str]
    possible_victim: bool


@dataclass
class BriefedTarget:
    """One target of the team, ready to print."""

    number: str
    kind: str
    label: str
    address: str
    warrant: str | None
    cell_id: str | None
    latitude: float | None
    longitude: float | None
    reason: str
    subjects: list[BriefedSubject] = field(default_factory=list)
    hazards: list[BriefedHazard] = field(default_factory=list)


@dataclass
class Briefing:
    """One team's briefing pack."""

    operation: str
    compartment: str
    sio: str
    team: str
    leader: str
    strike_utc: str
    strike_local: str
    recipient: str
    targets: list[BriefedTarget]
    other_targets: list[BriefedTarget]
    withheld: int
    marking: str = MARKING
    safeguarding: str = (
        "Children and the occupants of cuckooed addresses are possible victims of exploitation: "
        "treat them as such. A child found at any address is referred to the MASH; a person who "
        "may have been trafficked or exploited, to the National Referral Mechanism."
    )

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        from dataclasses import asdict

        return asdict(self)


def _hazard(
    h: Hazard, recipient: str, accept_conditions: bool, held: Mapping[str, str]
) -> BriefedHazard:
    if h.source in held or h.kind == HELD_ELSEWHERE:
        return BriefedHazard(
            h.kind,
            f"intelligence about this target is held elsewhere: {held.get(h.source, h.detail)}",
            h.source,
            None,
            None,
            True,
            h.scope,
        )
    if h.handling_code is None:  # from the call data: no handling code
        return BriefedHazard(h.kind, h.detail, h.source, None, None, False, h.scope)
    verdict = check_dissemination(
        h.scheme,
        h.handling_code,
        h.handling_conditions,
        recipient=recipient,
        conditions_accepted=accept_conditions,
    )
    notice = handling_notice(h.scheme, h.handling_code, h.handling_conditions)
    if verdict.allowed:
        return BriefedHazard(h.kind, h.detail, h.source, h.grading, notice, False, h.scope)
    return BriefedHazard(
        h.kind,
        f"a {h.kind} hazard is reported in {h.source}, withheld from this pack "
        f"({verdict.reason}); refer to the originator before entry",
        h.source,
        h.grading,
        notice,
        True,
        h.scope,
    )


def build_briefing(
    *,
    operation: str,
    compartment: str,
    sio: str,
    team: str,
    leader: str,
    strike_at: dt.datetime,
    targets: Sequence[Target],
    authorisations: Mapping[int, Authorisation],
    nominals: Sequence[NominalRef],
    hazards: Mapping[int, Sequence[Hazard]],
    accept_conditions: bool = False,
    held_elsewhere: Mapping[str, str] | None = None,
) -> Briefing:
    """The pack of ``team`` (see the module docstring).

    Args:
        targets: every target of the operation; the team's are briefed in
            full, the others listed by number, kind and cell only (for the map).
        hazards: per target id, its hazards (``hazards.hazards_for``).
        accept_conditions: the producer accepts that handling conditions
            travel with the items that carry them.
        held_elsewhere: URN -> "contact the owner" text, for reports in
            compartments the producer is not in.
    """
    recipient = f"team {team} (leader {leader}), {operation}"
    by_nominal = {n.nominal_id: n for n in nominals}
    held = dict(held_elsewhere or {})
    mine: list[BriefedTarget] = []
    others: list[BriefedTarget] = []
    withheld = 0
    for t in sorted(targets, key=lambda t: t.target_id):
        auth = authorisations.get(t.authorisation_id) if t.authorisation_id else None
        briefed = BriefedTarget(
            number=f"T{t.target_id}",
            kind=t.kind,
            label=t.label,
            address=t.address or f"address not established (cell {t.cell_id})",
            warrant=auth.reference if auth else None,
            cell_id=t.cell_id,
            latitude=t.latitude,
            longitude=t.longitude,
            reason=t.reason,
        )
        if t.team != team:
            others.append(briefed)
            continue
        for nid in t.nominal_ids:
            n = by_nominal.get(nid)
            if n is None:
                continue
            briefed.subjects.append(
                BriefedSubject(
                    n.label,
                    list(n.numbers),
                    sorted({role for _, role in n.roles}),
                    n.possible_victim,
                )
            )
        for h in hazards.get(t.target_id, ()):
            b = _hazard(h, recipient, accept_conditions, held)
            withheld += b.withheld
            briefed.hazards.append(b)
        if t.kind == terms.SAFEGUARDING_VISIT:
            briefed.reason = (briefed.reason + "; " if briefed.reason else "") + (
                "safeguarding visit: no forced entry, the occupant is a possible victim"
            )
        mine.append(briefed)
    local = strike_at.astimezone(UK)
    return Briefing(
        operation=operation,
        compartment=compartment,
        sio=sio,
        team=team,
        leader=leader,
        strike_utc=f"{strike_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC",
        strike_local=f"{local:%A %d %B %Y, %H:%M} UK time",
        recipient=recipient,
        targets=mine,
        other_targets=others,
        withheld=withheld,
    )
