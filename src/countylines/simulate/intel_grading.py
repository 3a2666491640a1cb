"""Gradings of simulated reports, and how often a report with a grading is right.

A report comes from a provenance (an officer's own observation, a covert
source, a partner agency, the public through Crimestoppers, an anonymous
call). The provenance sets the chances of the 3x5x2 codes (DOMAIN.md,
"Intelligence grading": source 1 Reliable, 2 Untested, 3 Not reliable;
intelligence A Known directly to the source ... E Suspected to be false;
handling P, or C with conditions). The chance that the report is *right*
then follows from its grading (:func:`accuracy_chance`), so a 3/E report is
far more often wrong than a 1/A: an analyst who trusts the grading is helped
by it, as intended. Legacy 5x5x5 gradings (older records) work the same way.

The numbers are judgement (no published rates exist): intelligence A is
right 95 % of the time, B 90 %, C 75 %, D 55 %, E 20 %; a reliable source
adds 3 points, an unreliable one takes 12 away.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from countylines.simulate.randomness import pick, pick_weighted

SCHEME_CURRENT = "3x5x2"
SCHEME_LEGACY = "5x5x5"


@dataclass(frozen=True)
class Provenance:
    """Where reports come from, and the chances of their codes."""

    key: str
    weight: float
    source: dict[str, float]
    intelligence: dict[str, float]
    conditions_share: float  # share graded handling C (with conditions)


PROVENANCES: dict[str, Provenance] = {
    p.key: p
    for p in (
        Provenance("officer", 20, {"1": 90, "2": 10}, {"A": 80, "B": 15, "C": 5}, 0.05),
        Provenance("covert_source", 30, {"1": 40, "2": 50, "3": 10},
                   {"A": 25, "B": 30, "C": 35, "D": 10}, 0.2),
        Provenance("partner_agency", 15, {"1": 30, "2": 70}, {"B": 40, "C": 50, "D": 10}, 0.6),
        Provenance("public", 25, {"2": 60, "3": 40}, {"B": 5, "C": 40, "D": 45, "E": 10}, 0.05),
        Provenance("anonymous", 10, {"2": 20, "3": 80}, {"C": 20, "D": 45, "E": 35}, 0.0),
    )
}  # fmt: skip

#: Chance of being right, by intelligence code (3x5x2) ...
INTELLIGENCE_RIGHT = {"A": 0.95, "B": 0.9, "C": 0.75, "D": 0.55, "E": 0.2}
#: ... moved by the source code.
SOURCE_SHIFT = {"1": 0.03, "2": 0.0, "3": -0.12}
#: The same for legacy 5x5x5 codes (intelligence 1-5, source A-E).
LEGACY_INTELLIGENCE_RIGHT = {"1": 0.95, "2": 0.88, "3": 0.8, "4": 0.55, "5": 0.2}
LEGACY_SOURCE_SHIFT = {"A": 0.03, "B": 0.0, "C": -0.05, "D": -0.15, "E": -0.08}
LEGACY_SOURCE = {"A": 10.0, "B": 35.0, "C": 30.0, "D": 10.0, "E": 15.0}
LEGACY_INTELLIGENCE = {"1": 10.0, "2": 35.0, "3": 30.0, "4": 20.0, "5": 5.0}
LEGACY_HANDLING = {"1": 10.0, "2": 25.0, "3": 5.0, "4": 45.0, "5": 15.0}

#: Handling conditions of C-graded reports (they travel with the report), by provenance.
CONDITIONS: dict[str, tuple[str, ...]] = {
    "partner_agency": (
        "For safeguarding purposes only: may be shared with the MASH, not for enforcement "
        "action without consulting the originating officer",
        "Partner information: share only with the Tendring Community Safety Partnership",
        "Not to be disclosed to partner agencies without reference to the originator",
    ),
    "covert_source": (
        "Not for use in interview or court without reference to the intelligence unit",
        "Do not disseminate outside the county lines taskforce",
        "Not to be disclosed to partner agencies without reference to the originator",
    ),
    "other": (
        "Not to be disclosed to partner agencies without reference to the originator",
        "Do not disseminate outside the county lines taskforce",
    ),
}
LEGACY_CONDITIONS = (
    "Refer to originator before any action",
    "Originating agency only",
)


@dataclass(frozen=True)
class Grade:
    """A report's grading: scheme, the three codes, and conditions (empty: none)."""

    scheme: str
    source: str
    intelligence: str
    handling: str
    conditions: str
    provenance: str

    @property
    def compact(self) -> str:
        """``2/C/P`` (source/intelligence/handling)."""
        return f"{self.source}/{self.intelligence}/{self.handling}"


def accuracy_chance(grade: Grade) -> float:
    """Chance that a report with ``grade`` is right (see module doc), in [0.03, 0.99]."""
    if grade.scheme == SCHEME_LEGACY:
        p = LEGACY_INTELLIGENCE_RIGHT[grade.intelligence] + LEGACY_SOURCE_SHIFT[grade.source]
    else:
        p = INTELLIGENCE_RIGHT[grade.intelligence] + SOURCE_SHIFT[grade.source]
    return min(0.99, max(0.03, p))


def draw_grade(rng: np.random.Generator, provenance: str) -> Grade:
    """A 3x5x2 grading for a report of ``provenance`` (a key of :data:`PROVENANCES`)."""
    p = PROVENANCES[provenance]
    source = pick_weighted(rng, p.source)
    intelligence = pick_weighted(rng, p.intelligence)
    conditional = rng.random() < p.conditions_share
    return Grade(
        SCHEME_CURRENT, source, intelligence, "C" if conditional else "P",
        pick(rng, CONDITIONS.get(provenance, CONDITIONS["other"])) if conditional else "",
        provenance,
    )  # fmt: skip


def draw_legacy_grade(rng: np.random.Generator) -> Grade:
    """A legacy 5x5x5 grading (handling 4 and 5 common in old records; conditions at times)."""
    handling = pick_weighted(rng, LEGACY_HANDLING)
    restricted = handling in {"4", "5"} and rng.random() < 0.4
    conditions = pick(rng, LEGACY_CONDITIONS) if restricted else ""
    return Grade(
        SCHEME_LEGACY, pick_weighted(rng, LEGACY_SOURCE), pick_weighted(rng, LEGACY_INTELLIGENCE),
        handling, conditions, "legacy_record",
    )  # fmt: skip


def draw_provenance(rng: np.random.Generator, weights: dict[str, float] | None = None) -> str:
    """A provenance, by :data:`PROVENANCES` weights or the ``weights`` given."""
    return pick_weighted(rng, weights or {k: p.weight for k, p in PROVENANCES.items()})


def draw_grade_given(
    rng: np.random.Generator, accurate: bool, weights: dict[str, float] | None = None
) -> Grade:
    """A grading drawn *given* whether the report is right (for reports whose accuracy is
    fixed by what they are: an accusation of a taxi firm is wrong, whatever its grade).

    Rejection sampling: a grade is kept with chance ``accuracy_chance`` (right) or its
    complement (wrong), so gradings follow P(grade | accuracy) of the same model.
    """
    while True:
        grade = draw_grade(rng, draw_provenance(rng, weights))
        p = accuracy_chance(grade)
        if rng.random() < (p if accurate else 1 - p):
            return grade
