"""Indicators of child criminal exploitation and of cuckooing: the phrase that signals each."""

from __future__ import annotations

import pytest
from tests.extract.conftest import found, texts

from countylines.extract import extract


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "kids in school uniform running packages",
            "kids in school uniform running",
            "school uniform; child involved in dealing",
        ),
        ("young lads dealing outside the shop", "young lads dealing", "child involved in dealing"),
        # two rules overlap: one phrase; the surer rule's value first, then the other's
        (
            "they are using children to deliver",
            "using children to deliver",
            "child involved in dealing; children used by others",
        ),
        ("reported missing from home twice", "reported missing from home", "missing from home"),
        ("he keeps going country with them", "going country", "going country"),
        ("she is in debt to the dealers", "in debt to", "debt to dealers"),
        ("he has a drug debt", "drug debt", "debt to dealers"),
        (
            "her son has new designer trainers",
            "new designer trainers",
            "unexplained money or goods",
        ),
        ("found with two phones", "two phones", "several phones"),
        (
            "older males picking up kids from school",
            "older males picking up kids from school",
            "older associates",
        ),
        ("he is trapping for them", "trapping", "trapping"),
        ("she was groomed online", "groomed", "grooming"),
        ("drugs concealed internally", "drugs concealed internally", "drugs concealed internally"),
        ("train tickets to Southend in his bag", "train tickets", "travel unexplained"),
        ("excluded from school last term", "excluded from school", "excluded from school"),
        # Scots and police shorthand for a child
        ("using weans to take kit up to Aberdeen", "using weans", "children used by others"),
        # the age in brackets between the child and the work
        (
            "the boy (13) runs the Ricky line",
            "boy (13) runs the Ricky line",
            "child involved in dealing; trapping",
        ),
    ],
)
def test_cce_indicators(text: str, phrase: str, value: str) -> None:
    assert found(text, "cce_indicator") == [(phrase, value)]


@pytest.mark.parametrize(
    "text",
    [
        "a 45-year-old man was arrested",  # not a child's age
        "he was 25 years old",
        "in and out of prison for years",  # not cuckooing either
        "a country park walk",
        "the weather was lovely today",
        "his son (6) runs to school every day",
    ],
)
def test_not_cce_indicators(text: str) -> None:
    assert texts(text, "cce_indicator") == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("they have taken over his flat", "taken over his flat", "home taken over"),
        ("the address has been cuckooed", "cuckooed", "cuckooing"),
        ("it is a trap house now", "trap house", "trap house"),
        ("the flat is a bando", "bando", "trap house"),
        ("people coming and going at all hours", "coming and going", "visitors at all hours"),
        ("people coming-and-going", "coming-and-going", "visitors at all hours"),
        ("lots of visitors to the flat", "lots of visitors", "visitors at all hours"),
        ("short visits of a few minutes", "short visits", "visitors at all hours"),
        ("dealing from her flat", "dealing from her flat", "home used for dealing"),
        ("the front door was kicked in", "door was kicked in", "damaged door"),
        ("drug litter in the stairwell", "drug litter", "drug litter"),
        ("she has rent arrears", "rent arrears", "sudden arrears"),
    ],
)
def test_cuckooing_indicators(text: str, phrase: str, value: str) -> None:
    assert (phrase, value) in found(text, "cuckooing_indicator")


def test_overlapping_signals_are_one_phrase() -> None:
    # "coming and going" and "at all hours" are separate phrases; "all hours of the day"
    # overlapping "all times of the day" rules would be merged into one
    assert texts("people coming and going at all hours", "cuckooing_indicator") == [
        "coming and going",
        "all hours",
    ]
    assert texts("kids in school uniform running", "cce_indicator") == [
        "kids in school uniform running"
    ]


def test_needs_context_rules_wait_for_it() -> None:
    # "visitors" alone is not a sign; near a home it is
    assert texts("we had visitors at Christmas", "cuckooing_indicator") == []
    assert texts("visitors to her flat", "cuckooing_indicator") == ["visitors"]


def test_a_childs_age_is_a_fact_beside_the_sign() -> None:
    # "never home" is a sign (going missing); the age says who it is about: type "age"
    assert found("her son (13) is never home", "cce_indicator") == [
        ("never home", "missing from home")
    ]
    assert found("her son (13) is never home", "age") == [("son (13)", "13")]
    assert found("a 14-year-old was found with wraps", "age") == [("14-year-old", "14")]


@pytest.mark.parametrize(
    ("alone", "fact", "kind", "value", "in_context", "signs"),
    [
        (
            "a fourteen year old boy",
            "fourteen year old boy",
            "age",
            "14",
            "a fourteen year old boy was selling crack",
            ["boy was selling crack"],
        ),
        ("he looked about 13", "looked about 13", "age", "13", "he looked about 13", []),
        (
            "the occupant is a vulnerable adult",
            "vulnerable adult",
            "vulnerability",
            "vulnerable occupant",
            "the occupant is a vulnerable adult and they deal from the flat",
            ["deal from the flat"],
        ),
        (
            "he has learning difficulties",
            "learning difficulties",
            "vulnerability",
            "vulnerable occupant",
            "he has learning difficulties and lads are dealing from his flat",
            ["dealing from his flat"],
        ),
    ],
)
def test_an_age_or_a_vulnerability_is_a_fact_not_a_sign(
    alone: str, fact: str, kind: str, value: str, in_context: str, signs: list[str]
) -> None:
    # a child's age or a vulnerability is not itself a sign of exploitation: it is reported
    # as its own type, alone less surely (0.6) than beside a sign, and never as an indicator
    [weak] = [m for m in extract(alone) if m.type == kind]
    assert (weak.text, weak.value, weak.confidence) == (fact, value, 0.6)
    assert [m for m in extract(alone) if m.type.endswith("indicator")] == []
    indicator = "cce_indicator" if kind == "age" else "cuckooing_indicator"
    assert texts(in_context, indicator) == signs


@pytest.mark.parametrize(
    "text",
    [
        "His number is oh seven seven double oh nine hundred one two three, text him.",
        "Her lad is on oh seven seven double oh, nine double oh, one two three.",
        "he is oh seven seven double oh nine hundred one two three",
    ],
)
def test_a_number_word_inside_a_phone_is_never_an_age(text: str) -> None:
    # "is oh seven seven ..." reads like "is seven" (an age) to a reader of ages; but the
    # words are the digits of a phone number, found first, and a digit is not a child's age
    mentions = extract(text, min_confidence=0.0)
    [phone] = [m for m in mentions if m.type == "phone"]
    assert [m for m in mentions if m.type == "age" and m.start < phone.end] == []


def test_an_age_beside_a_spelt_phone_is_still_an_age() -> None:
    text = "My son is 14, his number is oh seven seven double oh nine hundred one two three."
    ages = [(m.text, m.value) for m in extract(text, min_confidence=0.0) if m.type == "age"]
    assert ages == [("son is 14", "14")]
    text = "His number is 07700 900123 and his brother is seven."
    ages = [m.value for m in extract(text, min_confidence=0.0) if m.type == "age"]
    assert ages == ["7"]


@pytest.mark.parametrize(
    "text",
    [
        "Seen at 15 Pier Ave, the flat with the blue door, dealing from it.",
        "He's 5ft 11 with a beard, dealing from the flat.",
        "He is 5 foot 11, dealing crack from the flat.",
        "It was 15 degrees out and they were dealing from the flat.",
        "The lad on the 11 bus was dealing.",
    ],
)
def test_a_house_number_a_height_or_a_measure_is_not_an_age(text: str) -> None:
    # a new user's reports were each given a child (15, 11) by these numbers
    assert [m for m in extract(text, min_confidence=0.0) if m.type == "age"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He is 15 and lives on Pier Ave, dealing from the flat.", "15"),
        # said of someone, before a street: an age (a breaker's unpunctuated texts)
        ("my son is 14 Pier Avenue is where they take him to deal", "14"),
        ("He is 15 Pier Ave is where he deals", "15"),
        ("A lad, 14, seen dealing on Pier Ave.", "14"),
        ("He is 15, 5ft 11, dealing from the flat.", "15"),
        ("boy aged 15 dealing at 12 Pier Ave", "15"),
    ],
)
def test_an_age_beside_a_street_or_a_height_is_still_an_age(text: str, value: str) -> None:
    ages = [m.value for m in extract(text, min_confidence=0.0) if m.type == "age"]
    assert ages == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Cars come and go from about 8 till late every night at the flat on Pier Ave.",
        "Cars at the flat from about 8, dealing all night.",
        "They turn up at about 8 and deal from the flat.",
        "Dealing from the flat about 8 o'clock most nights.",
        "Cars pull up about 8pm and they deal from the flat.",
        "Dealers arrive around 8 in the evening at the flat.",
        "Dealers arrive around 8 or 9 at night at the flat.",
        "The dealing starts about 8 till 11 at the flat.",
        "Cars about 8-9pm at the flat, dealing.",
        "Nobody comes to the flat until about 10, then dealing all night.",
    ],
)
def test_an_approximate_clock_time_is_not_an_age(text: str) -> None:
    # "about 8" before "till late" or after "from"/"at" is a time of day, not a child of 8
    assert [m for m in extract(text, min_confidence=0.0) if m.type == "age"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A boy about 8 was dealing from the flat.", "8"),
        ("He looked about 14 and was dealing from the flat.", "14"),
        ("Kids about 12 or 13 dealing from the flat.", "12"),
        ("He's about fifteen and dealing crack.", "15"),
        ("Kids from about 12 to 15 are dealing from the flat.", "12"),
        ("A boy about 13 was dealing at night from the flat.", "13"),
        # a bare number after "at" is no time: an age, as before
        ("PV was recruited at 15 through a job offer to deal drugs.", "15"),
    ],
)
def test_an_approximate_age_is_still_an_age(text: str, value: str) -> None:
    ages = [m.value for m in extract(text, min_confidence=0.0) if m.type == "age"]
    assert ages[:1] == [value]
