"""Day-of-action planning: targets proposed from the line picture, and the rules of a plan.

Targets come from the lines linked to the operation (the analysis picture,
read through ``store.picture.load_latest_picture``):

* the **line holder's base**: the cell where the holder's phone spends most
  nights; an *enforcement* target once officers have the address and a
  warrant;
* each **runner's base** the same way; runners are often children and are
  possible victims, so the proposal says so and a safeguarding officer
  attends (a referral follows: MASH for a child, NRM for trafficking);
* each **possible cuckooed address**: a *safeguarding visit*, never an
  enforcement target: the occupant is a possible victim whose home has been
  taken over. A runner's base in a cuckooed cell is folded into the visit.

Bases are computed from the call data by ``bases.py`` (the same rule as the
analysis's own "home" of a runner: the cell of most nights). Proposals are
ranked by the line's rank, then holder, runners, cuckooed addresses.

:func:`check_target` enforces the plan's rules: an enforcement target needs
an address and a recorded warrant for that address, valid on the strike
date; a safeguarding visit needs no warrant. Pure: picture and bases in,
proposals out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from countylines.operations import terms
from countylines.operations.records import Authorisation, LineRef, Target

RUNNER_NOTE = (
    "runner: a possible victim of criminal exploitation (often a child); a safeguarding "
    "officer attends and a referral follows (MASH for a child, NRM for trafficking)"
)
CUCKOO_NOTE = (
    "possible cuckooed address: the occupant may be a vulnerable adult whose home has been "
    "taken over; a safeguarding visit, not an enforcement target"
)


class PlanError(ValueError):
    """A target or plan that breaks a rule; the message says which and how to fix it."""


@dataclass(frozen=True)
class Base:
    """Where a number spends its nights: the cell, its position, and how many nights."""

    number: str
    cell_id: str
    nights: int
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class Proposal:
    """A target proposed from the picture, before officers adopt it."""

    proposal_id: str
    kind: str
    label: str
    cell_id: str
    latitude: float | None
    longitude: float | None
    line_ids: list[str] = field(default_factory=list)
    nominal_ids: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    possible_victims: list[str] = field(default_factory=list)
    rank: int = 0

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "proposal_id": self.proposal_id,
            "kind": self.kind,
            "label": self.label,
            "cell_id": self.cell_id,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "line_ids": self.line_ids,
            "nominal_ids": self.nominal_ids,
            "numbers": self.numbers,
            "reasons": self.reasons,
            "possible_victims": self.possible_victims,
        }


def line_refs(picture: Mapping[str, Any], line_ids: Iterable[str] | None = None) -> list[LineRef]:
    """Snapshots of the picture's lines (all, or those named), in the picture's order.

    Raises:
        PlanError: a named line that is not in the picture.
    """
    lines = {str(line["line_id"]): line for line in picture.get("lines", [])}
    wanted = list(line_ids) if line_ids is not None else list(lines)
    missing = [x for x in wanted if x not in lines]
    if missing:
        raise PlanError(
            f"not in the latest analysis picture: {', '.join(missing)} "
            "(run `countylines analyse`, then link lines by their line_id)"
        )
    refs = []
    for line_id in wanted:
        line = lines[line_id]
        refs.append(
            LineRef(
                line_id=line_id,
                label=str(line.get("label") or line_id),
                numbers=tuple(str(n["number"]) for n in line.get("numbers", [])),
                holder_numbers=tuple(str(h["number"]) for h in line.get("holders", [])),
                runner_numbers=tuple(str(r["number"]) for r in line.get("runners", [])),
                cuckooed_cells=tuple(str(c["cell_id"]) for c in line.get("cuckooed", [])),
            )
        )
    return refs


def _nominal_by_number(picture: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for nominal in picture.get("nominals", []):
        for number in nominal.get("numbers", []):
            found.setdefault(str(number), nominal)
    return found


def _cell_positions(picture: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    where: dict[str, tuple[float, float]] = {}
    for line in picture.get("lines", []):
        for cell in line.get("cells", []):
            if cell.get("latitude") is not None and cell.get("longitude") is not None:
                where[str(cell["cell_id"])] = (float(cell["latitude"]), float(cell["longitude"]))
    for loc in picture.get("locations", []):
        if loc.get("cell_id") and loc.get("latitude") is not None:
            where[str(loc["cell_id"])] = (float(loc["latitude"]), float(loc["longitude"]))
    return where


def propose_targets(
    picture: Mapping[str, Any],
    line_ids: Sequence[str],
    bases: Mapping[str, Base],
    cell_positions: Mapping[str, tuple[float, float]] | None = None,
) -> list[Proposal]:
    """Targets for the day of action on the lines ``line_ids`` (see the module docstring).

    Args:
        picture: the analysis picture (``store/picture.py`` shape).
        line_ids: the operation's lines, in the order to rank them.
        bases: night base per number (holders' and runners').
        cell_positions: cell id -> (latitude, longitude) for cells the
            picture does not place.

    Raises:
        PlanError: a line not in the picture.
    """
    refs = {ref.line_id: ref for ref in line_refs(picture, line_ids)}
    lines = {str(line["line_id"]): line for line in picture.get("lines", [])}
    nominals = _nominal_by_number(picture)
    where = {**(cell_positions or {}), **_cell_positions(picture)}
    by_key: dict[tuple[str, str], Proposal] = {}
    order: list[tuple[str, str]] = []

    def nominal(number: str, role: str) -> tuple[str | None, str]:
        nom = nominals.get(number)
        if nom is None:
            return None, f"{role} {number}"
        return str(nom["nominal_id"]), str(nom.get("label") or f"{role} {number}")

    def place(kind: str, cell: str, label: str, rank: int, base: Base | None = None) -> Proposal:
        key = (kind, cell)
        if key not in by_key:
            known = (base.latitude, base.longitude) if base is not None else (None, None)
            lat, lon = where.get(cell, known)
            by_key[key] = Proposal("", kind, label, cell, lat, lon, rank=rank)
            order.append(key)
        if label and not by_key[key].label:
            by_key[key].label = label
        return by_key[key]

    cuckoo_cells: dict[str, set[str]] = {}
    for rank, line_id in enumerate(line_ids):
        ref, line = refs[line_id], lines[line_id]
        for c in line.get("cuckooed", []):
            cuckoo_cells.setdefault(str(c["cell_id"]), set()).add(line_id)
        for number in ref.holder_numbers:
            base = bases.get(number)
            if base is None:
                continue
            nom_id, who = nominal(number, terms.LINE_HOLDER)
            p = place(terms.ENFORCEMENT, base.cell_id, f"base of {who}", rank, base)
            _add(p, line_id, nom_id, number)
            p.reasons.append(
                f"line holder of {ref.label}: {number} spent {base.nights} nights in cell "
                f"{base.cell_id} (its most-used cell at night)"
            )
    for rank, line_id in enumerate(line_ids):
        ref, line = refs[line_id], lines[line_id]
        for c in line.get("cuckooed", []):
            cell = str(c["cell_id"])
            p = place(
                terms.SAFEGUARDING_VISIT, cell, f"possible cuckooed address, cell {cell}", rank
            )
            _add(p, line_id, None, None)
            occupants = [str(o) for o in c.get("occupants", [])]
            for occupant in occupants:
                nom_id, who = nominal(occupant, "occupant")
                _add(p, line_id, nom_id, occupant)
                if who not in p.possible_victims:
                    p.possible_victims.append(who)
            p.reasons.append(
                f"{ref.label}: runners stayed {c.get('nights', '?')} nights in cell {cell}; "
                f"{CUCKOO_NOTE}"
            )
        for number in ref.runner_numbers:
            base = bases.get(number)
            if base is None:
                continue
            nom_id, who = nominal(number, terms.RUNNER)
            if base.cell_id in cuckoo_cells:
                cell = base.cell_id
                p = place(
                    terms.SAFEGUARDING_VISIT, cell, f"possible cuckooed address, cell {cell}", rank
                )
                _add(p, line_id, nom_id, number)
                p.reasons.append(f"{who} also stays here most nights")
            else:
                p = place(terms.ENFORCEMENT, base.cell_id, f"base of {who}", rank, base)
                _add(p, line_id, nom_id, number)
                p.reasons.append(
                    f"runner of {ref.label}: {number} spent {base.nights} nights in cell "
                    f"{base.cell_id}"
                )
                if RUNNER_NOTE not in p.reasons:
                    p.reasons.append(RUNNER_NOTE)
            if who not in p.possible_victims:
                p.possible_victims.append(who)
    kind_order = {terms.ENFORCEMENT: 0, terms.SAFEGUARDING_VISIT: 1}
    proposals = sorted(
        (by_key[k] for k in order),
        key=lambda p: (p.rank, kind_order[p.kind], "runner" in p.label, p.cell_id),
    )
    for i, p in enumerate(proposals, start=1):
        p.proposal_id = f"P{i}"
    return proposals


def _add(p: Proposal, line_id: str, nominal_id: str | None, number: str | None) -> None:
    if line_id not in p.line_ids:
        p.line_ids.append(line_id)
    if nominal_id and nominal_id not in p.nominal_ids:
        p.nominal_ids.append(nominal_id)
    if number and number not in p.numbers:
        p.numbers.append(number)


def _folded(address: str | None) -> str:
    return " ".join((address or "").casefold().replace(",", " ").split())


def check_target(
    kind: str,
    address: str | None,
    authorisation: Authorisation | None,
    strike_date: dt.date | None = None,
) -> str:
    """The kind as the accepted term, if the target may be planned.

    An enforcement target needs an address and a recorded warrant for the same
    address (case, commas and spacing aside), issued on or before the strike
    date and not expired by it.

    Raises:
        PlanError: naming the missing warrant, the other address, or the dates.
        countylines.operations.terms.TermError: an unknown kind.
    """
    kind = terms.check_term("target kind", kind, terms.TARGET_KINDS)
    if kind == terms.SAFEGUARDING_VISIT:
        return kind
    if not (address or "").strip():
        raise PlanError("an enforcement target needs the address officers will enter")
    if authorisation is None:
        raise PlanError(
            f"{address} cannot be an enforcement target without a recorded warrant reference: "
            "record the warrant first (`countylines operation authorise ... --kind warrant`)"
        )
    if authorisation.kind != terms.WARRANT:
        raise PlanError(
            f"authorisation {authorisation.reference} is a {authorisation.kind}, not a warrant: "
            f"{address} cannot be an enforcement target on it"
        )
    if _folded(authorisation.address) != _folded(address):
        raise PlanError(
            f"warrant {authorisation.reference} is for {authorisation.address!r}, not {address!r}"
        )
    if strike_date is not None:
        if authorisation.issued_on > strike_date:
            raise PlanError(
                f"warrant {authorisation.reference} is issued on {authorisation.issued_on}, "
                f"after the strike date {strike_date}"
            )
        if authorisation.expires_on is not None and authorisation.expires_on < strike_date:
            raise PlanError(
                f"warrant {authorisation.reference} expires on {authorisation.expires_on}, "
                f"before the strike date {strike_date}"
            )
    return kind


def check_plan(
    targets: Sequence[Target],
    authorisations: Mapping[int, Authorisation],
    strike_at: dt.datetime,
    teams: Sequence[str],
) -> list[str]:
    """Problems with a whole plan, in words (empty when it is ready).

    Every target must pass :func:`check_target` on the strike date and be
    assigned to one of ``teams``; every team should have a target.
    """
    problems = []
    day = strike_at.date()
    for t in targets:
        auth = authorisations.get(t.authorisation_id) if t.authorisation_id else None
        try:
            check_target(t.kind, t.address, auth, day)
        except (PlanError, terms.TermError) as exc:
            problems.append(f"target {t.target_id} ({t.label}): {exc}")
        if t.team is None:
            problems.append(f"target {t.target_id} ({t.label}) has no team")
        elif t.team not in teams:
            problems.append(f"target {t.target_id} ({t.label}): no team named {t.team!r}")
    assigned = {t.team for t in targets}
    problems += [f"team {team!r} has no target" for team in teams if team not in assigned]
    return problems
