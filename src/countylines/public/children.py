"""Is the child a report describes one intelligence already names? Pure functions.

A parent's "my son's friend daniel has been missing from barnet ... he is only 13" and an
intelligence report's "MFH: Daniel HARRISON, 13, from Barnet" are the same child when the
report's child age is given next to a name in the intelligence ("Daniel HARRISON, 13",
"Daniel (13)") and that name is a word of the report. Ages alone, or names alone, are too
common to link on. Children are possible victims: the link is for safeguarding them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from countylines.extract.lexicon.words import CLASSES, STOPWORDS, words

MIN_AGE, MAX_AGE = 5, 17

#: Capitalised words before an age that are a record's roles, relations or dates, not a
#: child's name ("Source, 15", "Subject (M, 15)", "Friday 15"): never a link on their own.
NOT_NAMES = (
    STOPWORDS
    | CLASSES["child"]
    | CLASSES["person_young"]
    | words(
        """
        source sources subject subjects nominal nominals suspect suspects victim victims witness
        witnesses caller callers informant reporter officer officers occupant tenant resident
        patient client pupil student person persons people report reports intel intelligence
        log entry grade grading handling male males female females aged age year years yr yrs
        mother father mum mam dad brother sister cousin uncle aunt auntie nan gran carer
        ip dp yp cyp soi poi pv mfh nrm mash cid dc ds pc pcso sgt mr mrs ms miss
        monday tuesday wednesday thursday friday saturday sunday january february march april
        may june july august september october november december
        """
    )
)
#: A capitalised name, then (within a few words, no sentence break) the age.
_NAME_THEN_AGE = r"\b([A-Z][a-z]{2,})\b(?:[^.\n\d]{0,30}?)[\s(,]\s*{age}\b(?!\s*(?:am|pm|:|%|\.\d))"


@dataclass(frozen=True)
class ChildMatch:
    """A name and age the report and an intelligence text share."""

    name: str
    age: int


def same_child(report_text: str, ages: set[int], intelligence: str) -> ChildMatch | None:
    """The first name and child age that ``intelligence`` gives together and the report
    shares (the age among ``ages``, the name a word of ``report_text``), or None."""
    said = set(re.findall(r"[a-z]+", report_text.lower()))
    for age in sorted(a for a in ages if MIN_AGE <= a <= MAX_AGE):
        for found in re.finditer(_NAME_THEN_AGE.replace("{age}", str(age)), intelligence):
            name = found.group(1)
            if name.lower() in said and name.lower() not in NOT_NAMES:
                return ChildMatch(name, age)
    return None
