"""Linking a report's child to a child intelligence already names: by a name given with the
age, never by a record's role word or a date."""

from __future__ import annotations

import pytest

from countylines.public.children import ChildMatch, same_child


def test_a_name_given_with_the_age_links() -> None:
    report = "my son's friend daniel has been missing from barnet, he is only 13"
    intelligence = "MFH: Daniel HARRISON, 13, from Barnet, found in Clacton."
    assert same_child(report, {13}, intelligence) == ChildMatch("Daniel", 13)


@pytest.mark.parametrize(
    "intelligence",
    [
        "Source reports that a YP known as Lil K (M, 15) deals for the line.",
        "Subject (M, 15) stopped in Jaywick with two phones.",
        "Seen Friday 15 at the station with older males.",
        "Victim, 15, disclosed being made to carry drugs.",
    ],
)
def test_a_role_word_or_a_date_before_the_age_is_not_a_name(intelligence: str) -> None:
    report = "Source says a boy of 15 is dealing for the Subject on Friday; the victim is scared"
    assert same_child(report, {15}, intelligence) is None
