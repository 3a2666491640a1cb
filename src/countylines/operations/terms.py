"""The field's vocabulary for operations, in one place, with the reason for each list.

Sources: DOMAIN.md ("Outcomes and measures": NCLCC Type 1 and Type 2
closures, arrests, line holders charged, safeguarding referrals, cuckooed
addresses visited; the case chain arrest -> charge -> court -> outcome ->
sentence; MASH and NRM referrals). CPS charging decisions follow the
Director's Guidance on Charging (6th edition, 2020): charge, no further
action, an out-of-court disposal, or more evidence needed before a decision.
Lists that are practice rather than standard (drug types, weapon kinds,
hearing outcomes) accept "other" with a note, so nothing real is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

#: NCLCC closure types: Type 1 = the line holder arrested and charged; Type 2 = the number
#: deactivated (DOMAIN.md).
CLOSURE_TYPES: dict[int, str] = {
    1: "Type 1: line holder charged",
    2: "Type 2: number deactivated",
}

#: A target is either entered under a warrant, or visited to safeguard the people there.
ENFORCEMENT = "enforcement"
SAFEGUARDING_VISIT = "safeguarding visit"
TARGET_KINDS = (ENFORCEMENT, SAFEGUARDING_VISIT)

#: Roles a nominal holds in a line (as in the analysis picture).
LINE_HOLDER = "line holder"
RUNNER = "runner"
CUCKOOED_OCCUPANT = "cuckooed occupant"
ROLES = (LINE_HOLDER, RUNNER, CUCKOOED_OCCUPANT, "associate")

#: Safeguarding referral routes: MASH (a child: child criminal exploitation), NRM (modern
#: slavery / trafficking, adults and children), adult social care (a vulnerable adult).
REFERRAL_ROUTES = ("MASH", "NRM", "Adult social care")

#: Authorisations an operation records. Only a warrant makes an address an enforcement target.
WARRANT = "warrant"
AUTHORISATION_KINDS = (WARRANT, "communications data", "directed surveillance", "other")

#: CPS charging decisions (Director's Guidance on Charging, 6th ed.).
CPS_CHARGE = "charge"
CPS_DECISIONS = (
    CPS_CHARGE,
    "no further action",
    "out-of-court disposal",
    "further evidence required",
)

#: Court hearing outcomes. ``CONVICTED_OUTCOMES`` are the ones that are a conviction.
CONVICTED_OUTCOMES = ("guilty plea", "convicted after trial")
HEARING_OUTCOMES = (
    "adjourned",
    "remanded in custody",
    "bailed",
    "sent to Crown Court",
    *CONVICTED_OUTCOMES,
    "acquitted",
    "discontinued",
    "sentenced",
)

#: Seizure kinds; phones carry their numbers (linked to lines), drugs a type and weight.
SEIZURE_KINDS = ("drugs", "cash", "weapon", "phone")
DRUG_TYPES = (
    "crack cocaine",
    "heroin",
    "cocaine",
    "cannabis",
    "MDMA",
    "ketamine",
    "spice",
    "other",
)
WEAPON_KINDS = ("knife", "machete", "firearm", "imitation firearm", "other")

#: Phases an operation goes through (practice; any name is accepted, these are offered).
PHASES = ("intelligence development", "day of action", "post-operation", "court")


class TermError(ValueError):
    """A value that is not one of the field's terms; the message lists the accepted ones."""


def check_term(field: str, value: str, accepted: Sequence[str]) -> str:
    """``value`` as the accepted spelling (case-insensitive match), or :class:`TermError`.

    Raises:
        TermError: naming the field, the value and every accepted value.
    """
    folded = value.strip().casefold()
    for term in accepted:
        if term.casefold() == folded:
            return term
    raise TermError(f"{field} {value!r} is not one of: {', '.join(accepted)}")


def closure_type(value: int | str) -> int:
    """1 or 2 from ``1``, ``"2"``, ``"type 1"`` or ``"Type 2"``.

    Raises:
        TermError: anything else.
    """
    text = str(value).strip().casefold().removeprefix("type").strip()
    if text in {"1", "2"}:
        return int(text)
    raise TermError(f"closure type {value!r} is not 1 (line holder charged) or 2 (deactivated)")
