"""Every arrested person's case, from arrest to sentence, and the funnel of outcomes.

The case chain (DOMAIN.md, "Outcomes and measures"): arrest -> charge ->
court appearances -> outcome -> sentence. The funnel counts arrested people
at each stage, as the article's promise reads: "arrests, charges, court
appearances and meaningful custodial sentences":

* **arrested**: every arrest record;
* **charged**: a CPS decision to charge (``terms.CPS_CHARGE``);
* **convicted**: a hearing with a guilty plea or a conviction after trial;
* **custodial**: a sentence of immediate custody (months > 0, not suspended).

Each stage is a subset of the one before (a sentence without a conviction,
or a conviction without a charge, is refused when recorded: see
:func:`check_hearing` and :func:`check_sentence`). Pure: records in, cases
out. Children found in a line are possible victims: a case of a possible
victim says whether a safeguarding referral has been made, and notes the
statutory defence for victims of modern slavery (Modern Slavery Act 2015
s.45) for the investigator and the CPS to consider.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from countylines.operations import terms
from countylines.operations.records import Arrest, Charge, Hearing, Referral, Sentence

VICTIM_NOTE = (
    "possible victim of criminal exploitation: make or record a safeguarding referral "
    "(MASH for a child, NRM for trafficking); the Modern Slavery Act 2015 s.45 defence "
    "may apply and is for the CPS to consider"
)


class CaseError(ValueError):
    """A case event that contradicts the case so far; the message says which and why."""


@dataclass(frozen=True)
class Case:
    """One arrested person's case and the stage it has reached."""

    arrest: Arrest
    charges: list[Charge] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)

    @property
    def charged(self) -> bool:
        """A CPS decision to charge was recorded."""
        return any(c.cps_decision == terms.CPS_CHARGE for c in self.charges)

    @property
    def convicted(self) -> bool:
        """A hearing recorded a guilty plea or a conviction after trial."""
        return any(h.outcome in terms.CONVICTED_OUTCOMES for h in self.hearings)

    @property
    def custodial(self) -> bool:
        """A sentence of immediate custody was recorded."""
        return any(s.immediate_custody for s in self.sentences)

    @property
    def custodial_months(self) -> int:
        """The longest immediate custodial term, in months (0 if none)."""
        return max((s.custodial_months for s in self.sentences if s.immediate_custody), default=0)

    @property
    def stage(self) -> str:
        """Where the case stands, in words."""
        if self.sentences:
            return "sentenced"
        if self.convicted:
            return "convicted, awaiting sentence"
        if any(h.outcome in {"acquitted", "discontinued"} for h in self.hearings):
            return "acquitted or discontinued"
        if self.hearings:
            return "before the court"
        if self.charged:
            return "charged"
        if self.charges:
            return self.charges[-1].cps_decision
        return "arrested, awaiting a charging decision"

    @property
    def next_hearing(self) -> Hearing | None:
        """The latest hearing if it was adjourned or sent on (the case continues)."""
        if not self.hearings:
            return None
        last = max(self.hearings, key=lambda h: (h.heard_on, h.hearing_id))
        open_outcomes = {"adjourned", "remanded in custody", "bailed", "sent to Crown Court"}
        return last if last.outcome in open_outcomes else None

    @property
    def safeguarding_note(self) -> str | None:
        """For a possible victim: the note, and whether a referral is recorded."""
        if not self.arrest.possible_victim:
            return None
        made = ", ".join(sorted({r.route for r in self.referrals}))
        status = f"referral made: {made}" if made else "no safeguarding referral recorded yet"
        return f"{VICTIM_NOTE} ({status})"


def build_cases(
    arrests: Iterable[Arrest],
    charges: Iterable[Charge] = (),
    hearings: Iterable[Hearing] = (),
    sentences: Iterable[Sentence] = (),
    referrals: Iterable[Referral] = (),
) -> list[Case]:
    """One :class:`Case` per arrest, its events in date order; arrests in time order."""
    by_charge: dict[int, list[Charge]] = defaultdict(list)
    by_hearing: dict[int, list[Hearing]] = defaultdict(list)
    by_sentence: dict[int, list[Sentence]] = defaultdict(list)
    by_referral: dict[int, list[Referral]] = defaultdict(list)
    for c in charges:
        by_charge[c.arrest_id].append(c)
    for h in hearings:
        by_hearing[h.arrest_id].append(h)
    for s in sentences:
        by_sentence[s.arrest_id].append(s)
    for r in referrals:
        if r.arrest_id is not None:
            by_referral[r.arrest_id].append(r)
    cases = []
    for a in sorted(arrests, key=lambda a: (a.arrested_at, a.arrest_id)):
        key = a.arrest_id
        cases.append(
            Case(
                a,
                sorted(by_charge[key], key=lambda c: (c.decided_on, c.charge_id)),
                sorted(by_hearing[key], key=lambda h: (h.heard_on, h.hearing_id)),
                sorted(by_sentence[key], key=lambda s: (s.sentenced_on, s.sentence_id)),
                sorted(by_referral[key], key=lambda r: (r.referred_at, r.referral_id)),
            )
        )
    return cases


@dataclass(frozen=True)
class Funnel:
    """Arrested people at each stage of the case chain (each a subset of the one before)."""

    arrested: int
    charged: int
    convicted: int
    custodial: int
    custodial_months: int

    def stages(self) -> list[tuple[str, int]]:
        """(label, count) in funnel order."""
        return [
            ("arrested", self.arrested),
            ("charged", self.charged),
            ("convicted", self.convicted),
            ("immediate custody", self.custodial),
        ]


def funnel(cases: Sequence[Case]) -> Funnel:
    """Count the cases at each stage; ``custodial_months`` sums the custodial terms."""
    charged = [c for c in cases if c.charged]
    convicted = [c for c in charged if c.convicted]
    custodial = [c for c in convicted if c.custodial]
    return Funnel(
        arrested=len(cases),
        charged=len(charged),
        convicted=len(convicted),
        custodial=len(custodial),
        custodial_months=sum(c.custodial_months for c in custodial),
    )


def check_charge(case: Case, decided_on: dt.date, cps_decision: str) -> str:
    """The decision as the accepted term, if it can follow the case so far.

    Raises:
        CaseError: a decision dated before the arrest.
        countylines.operations.terms.TermError: an unknown decision.
    """
    decision = terms.check_term("CPS decision", cps_decision, terms.CPS_DECISIONS)
    if decided_on < case.arrest.arrested_at.date():
        raise CaseError(
            f"charging decision dated {decided_on} is before the arrest "
            f"({case.arrest.arrested_at.date()})"
        )
    return decision


def check_hearing(case: Case, heard_on: dt.date, outcome: str) -> str:
    """The outcome as the accepted term, if a hearing can be recorded now.

    Raises:
        CaseError: no charge yet, or a hearing before the first charge.
        countylines.operations.terms.TermError: an unknown outcome.
    """
    result = terms.check_term("hearing outcome", outcome, terms.HEARING_OUTCOMES)
    charges = [c for c in case.charges if c.cps_decision == terms.CPS_CHARGE]
    if not charges:
        raise CaseError(
            f"{case.arrest.person} has not been charged: record the CPS decision to charge "
            "before a court hearing"
        )
    first = min(c.decided_on for c in charges)
    if heard_on < first:
        raise CaseError(f"hearing on {heard_on} is before the charge ({first})")
    return result


def check_sentence(case: Case, sentenced_on: dt.date, custodial_months: int) -> None:
    """Refuse a sentence that cannot follow the case so far.

    Raises:
        CaseError: no conviction recorded, a date before the conviction, or a
            negative term.
    """
    if custodial_months < 0:
        raise CaseError(f"custodial months must be 0 or more, not {custodial_months}")
    convictions = [h for h in case.hearings if h.outcome in terms.CONVICTED_OUTCOMES]
    if not convictions:
        raise CaseError(
            f"{case.arrest.person} has no conviction recorded: record the hearing with a "
            "guilty plea or a conviction after trial before the sentence"
        )
    first = min(h.heard_on for h in convictions)
    if sentenced_on < first:
        raise CaseError(f"sentence on {sentenced_on} is before the conviction ({first})")
