"""Plain records of an operation: what the pure functions of this package take and return.

These are the rows of the operation's tables as values (frozen dataclasses),
free of the database: ``store.py`` turns SQL rows into them. Times are
timezone-aware UTC; dates are UK calendar dates. Weights are whole
milligrams and money whole pence, so sums are exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineRef:
    """A deal line as linked to an operation: a snapshot of the analysis picture.

    Attributes:
        line_id: the picture's id (``line-…``).
        label: the brand or "line ending 6551".
        numbers: the chain of deal numbers (E.164), oldest first.
        holder_numbers: the line holder's numbers.
        runner_numbers: runners' numbers (possible victims).
        cuckooed_cells: cells of possible cuckooed addresses.
    """

    line_id: str
    label: str
    numbers: tuple[str, ...]
    holder_numbers: tuple[str, ...] = ()
    runner_numbers: tuple[str, ...] = ()
    cuckooed_cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class NominalRef:
    """A person linked to an operation (a picture nominal, or entered by hand).

    ``roles`` pairs a line id with a role (``terms.ROLES``); ``possible_victim``
    marks runners and cuckooed occupants (children found in a line are possible
    victims).
    """

    nominal_id: str
    label: str
    numbers: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    possible_victim: bool = False

    def holds(self, role: str, line_id: str | None = None) -> bool:
        """True if the nominal has ``role`` (in ``line_id``, when given)."""
        return any(r == role and (line_id is None or lid == line_id) for lid, r in self.roles)


@dataclass(frozen=True)
class Authorisation:
    """A recorded authorisation, such as a search warrant for one address."""

    authorisation_id: int
    kind: str
    reference: str
    address: str | None
    issued_by: str
    issued_on: dt.date
    expires_on: dt.date | None = None


@dataclass(frozen=True)
class Target:
    """A place on the day of action: entered under a warrant, or visited to safeguard.

    ``cell_id``/``latitude``/``longitude`` are where the call data puts it
    (a cell covers many homes); ``address`` is what officers established.
    """

    target_id: int
    kind: str
    label: str
    address: str | None
    cell_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    line_ids: tuple[str, ...] = ()
    nominal_ids: tuple[str, ...] = ()
    reason: str = ""
    authorisation_id: int | None = None
    team: str | None = None


@dataclass(frozen=True)
class Arrest:
    """One person arrested: who, for what, when (UTC) and where.

    ``roles`` is copied from the nominal at the time (line id, role);
    ``possible_victim`` from the nominal or the officer (a runner, a child).
    """

    arrest_id: int
    person: str
    offence: str
    arrested_at: dt.datetime
    place: str
    nominal_id: str | None = None
    numbers: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    possible_victim: bool = False
    operation_id: int = 0

    @property
    def person_key(self) -> str:
        """One key per person: the nominal id, else the name folded."""
        return self.nominal_id or " ".join(self.person.casefold().split())

    def holds(self, role: str, line_id: str | None = None) -> bool:
        """True if the arrested person had ``role`` (in ``line_id``, when given)."""
        return any(r == role and (line_id is None or lid == line_id) for lid, r in self.roles)


@dataclass(frozen=True)
class Charge:
    """A charging decision on one arrest (CPS decision per ``terms.CPS_DECISIONS``)."""

    charge_id: int
    arrest_id: int
    offence: str
    decided_on: dt.date
    cps_decision: str


@dataclass(frozen=True)
class Hearing:
    """A court hearing of one arrested person's case."""

    hearing_id: int
    arrest_id: int
    court: str
    heard_on: dt.date
    outcome: str


@dataclass(frozen=True)
class Sentence:
    """A sentence: immediate custody when ``custodial_months`` > 0 and not suspended."""

    sentence_id: int
    arrest_id: int
    sentenced_on: dt.date
    custodial_months: int = 0
    suspended: bool = False
    community_order: bool = False
    notes: str = ""

    @property
    def immediate_custody(self) -> bool:
        """A custodial term served now (not suspended)."""
        return self.custodial_months > 0 and not self.suspended


@dataclass(frozen=True)
class Referral:
    """A safeguarding referral made (``route``: MASH, NRM or adult social care)."""

    referral_id: int
    route: str
    person: str
    referred_at: dt.datetime
    possible_child: bool = False
    arrest_id: int | None = None
    target_id: int | None = None
    operation_id: int = 0


@dataclass(frozen=True)
class Visit:
    """A safeguarding visit to an address; ``cuckooed`` if found to be (or suspected)."""

    visit_id: int
    address: str
    visited_at: dt.datetime
    cuckooed: bool
    vulnerable_people: int = 0
    target_id: int | None = None
    notes: str = ""
    operation_id: int = 0

    @property
    def address_key(self) -> str:
        """The address folded (case and spacing), to count each address once."""
        return " ".join(self.address.casefold().replace(",", " ").split())


@dataclass(frozen=True)
class Seizure:
    """Something seized: drugs (type, milligrams), cash (pence), a weapon, or a phone.

    A phone carries its numbers and the lines they belong to (``line_ids``).
    """

    seizure_id: int
    kind: str
    seized_at: dt.datetime
    place: str = ""
    drug_type: str | None = None
    milligrams: int = 0
    pence: int = 0
    weapon_kind: str | None = None
    numbers: tuple[str, ...] = ()
    line_ids: tuple[str, ...] = ()
    arrest_id: int | None = None
    operation_id: int = 0


@dataclass(frozen=True)
class Closure:
    """A line closed: Type 1 (line holder charged) or Type 2 (number deactivated).

    ``numbers`` are the line's numbers at closure; the check-backs watch them
    and any successor in their chain.
    """

    closure_id: int
    line_id: str
    closure_type: int
    numbers: tuple[str, ...]
    closed_at: dt.datetime
    charge_id: int | None = None
    deactivation_reference: str | None = None
    operation_id: int = 0


@dataclass
class OperationRecords:
    """Every result recorded under one or more operations (the input of returns)."""

    arrests: list[Arrest] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    seizures: list[Seizure] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
