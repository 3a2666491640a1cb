"""A text that answers what it described: indicators before its conclusion are kept but
capped below the default confidence, with the words that answered them; a conclusion about
someone or something else answers nothing (a child's sign must not be hidden by mistake)."""

from __future__ import annotations

import itertools

import pytest

from countylines.extract import extract
from countylines.extract.conclusions import ANSWERED_CONFIDENCE, answer, conclusions, records
from countylines.extract.mention import Mention

SIGN = "Some kids keep going into the flat and coming out with little bags for cars."
HOME = "Men keep going into the old man's flat at all hours and now he is scared to go out."


def _home_signs(text: str, **kwargs: object) -> list[Mention]:
    return [m for m in extract(text, **kwargs) if m.type == "cuckooing_indicator"]  # type: ignore[arg-type]


def _signs(text: str, **kwargs: object) -> list[Mention]:
    return [m for m in extract(text, **kwargs) if m.type == "cce_indicator"]  # type: ignore[arg-type]


@pytest.mark.parametrize("learned", [True, False])
def test_a_sign_the_text_answers_is_capped_and_says_why(learned: bool) -> None:
    assert _home_signs(HOME, learned=learned)  # the sign alone is reported
    text = HOME + " Officers checked: it is his carers' rota. No concerns."
    assert _home_signs(text, learned=learned) == []
    [answered] = _home_signs(text, learned=learned, min_confidence=0)
    assert answered.confidence == ANSWERED_CONFIDENCE
    assert answered.value is not None and answered.value.endswith("answered: 'No concerns'")


@pytest.mark.parametrize(
    "text",
    [
        # a new user's texts (session 7): a child named without an age is a possible victim
        "Two girls from Year 9 were found in a hotel in Colchester with an older man and lots "
        "of cash. Parents collected them. There are no concerns.",
        "A young lad in a school blazer was handing small bags to people in cars on Pier "
        "Avenue and an older man was watching. I didn't want to get involved. No concerns.",
        SIGN + " Officers checked: it is his uncle's takeaway. No concerns.",
    ],
)
def test_a_record_that_names_a_child_is_never_answered(text: str) -> None:
    assert _signs(text, min_confidence=0)
    assert all("answered" not in (m.value or "") for m in _signs(text, min_confidence=0))


@pytest.mark.parametrize(
    "after",
    [
        # about one person, one place or someone else's view
        " E's school reports no concerns; E attending.",
        " Kayden: no concerns; attends school.",
        " Sister collected by her mother; no concerns for her.",
        " Siblings spoken to; no concerns about them being used.",
        " Spoke with Mum. No concerns from her point of view.",
        " His younger brother (11) was seen. No concerns at this time for the younger brother.",
        " I asked her mother. No concerns, she said.",
        " Mum has no concerns.",
        " No concerns re: his placement, foster carers are supportive.",
        # one step or check closed, not the matter
        " Search NFA.",
        " NFA at this time; for development.",
        " Car searched. NFA.",
        " Officers checked his friend's address. No sign of him.",
        " No evidence to support a charge against the driver at this stage.",
        " Both checked over by paramedics. They are fine.",
        # disputed, asked, or an everyday 'fine'
        " Outcome: no concerns. I do not accept this outcome and have escalated it.",
        " Council came round, said no concerns. No concerns my foot.",
        " No concerns?! Seriously?",
        " He said it is fine.",
        " It's fine if you need to ring me back though.",
    ],
)
def test_a_conclusion_about_someone_or_one_step_answers_nothing(after: str) -> None:
    assert _signs(SIGN + after)


def test_a_record_that_gives_a_childs_age_is_never_answered() -> None:
    text = (
        "Several young males present, two appeared to be around 15 years old, lots of people "
        "coming and going, needles in the kitchen. Occupant withdrawn. No concerns."
    )
    assert [m for m in extract(text) if m.type == "cuckooing_indicator"]
    aged = "A boy of about 13 keeps going into the flat with little bags. No concerns."
    assert _signs(aged)
    # the age in another paragraph does not protect this one
    other = "Kai (14) is at school.\n\n" + HOME + " Checked: his carers' rota. No concerns."
    assert _home_signs(other) == []


def test_a_conclusion_before_the_sign_does_not_answer_it() -> None:
    assert _signs("No concerns at home. " + SIGN)


@pytest.mark.parametrize(
    "text",
    [
        # another paragraph, a timed entry, an older message, a form field
        SIGN + "\n\nYear 7 pupil S, late three times this week, spoke to parent. No concerns.",
        "14:02 " + SIGN + "\n14:20 Separate call, noise complaint. Attended. No concerns.",
        "From: PCSO Smith\n" + SIGN + "\n\nFrom: Sgt Jones\nRe the bins complaint. Nothing in it.",
        "Education:\n" + SIGN + "\nHealth:\nNo concerns.\nHousing:\nLives with mum.",
        "Risk to officers: No concerns.\n" + SIGN,
        "Premises visited\n1 - " + SIGN + "\n2 - 10 Orchard Close. Tenant out. No concerns.",
        "Visits:\n\u25aa " + SIGN + "\n\u25aa 22 Lime Street. Occupant alone. No concerns.",
    ],
)
def test_a_conclusion_answers_its_own_record_only(text: str) -> None:
    assert _signs(text)


def test_records_split_at_paragraphs_items_times_and_messages() -> None:
    text = "Visits:\na) one\nb) two\n\n14:20 three\nFrom: Sgt\nfour"
    spans = records(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(e == s for (_s, e), (s, _e) in itertools.pairwise(spans))  # no gap
    assert [text[s:e].strip() for s, e in spans if text[s:e].strip()] == [
        "Visits:",
        "a) one",
        "b) two",
        "14:20 three",
        "From: Sgt\nfour",
    ]


def test_not_cuckooed_answers_cuckooing_signs_only() -> None:
    text = "Men moved into his flat. Runners sell bags from it. Not cuckooed."
    cce = Mention("cce_indicator", 25, 50, text[25:50], "x", 0.9, "r")
    home = Mention("cuckooing_indicator", 0, 23, text[:23], "y", 0.9, "r")
    said = Mention("cuckooing_indicator", 52, 64, text[52:64], "z", 0.95, "r")  # the words
    got = answer(text, [cce, home, said])
    assert got[0] == cce
    assert [m.confidence for m in got[1:]] == [ANSWERED_CONFIDENCE, ANSWERED_CONFIDENCE]
    assert got[1].value == "y; answered: 'Not cuckooed'"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Seen twice. No concerns.", "No concerns"),
        ("Seen twice. There are no concerns.", "no concerns"),
        ("Seen twice. I have no safeguarding concerns.\nNext", "no safeguarding concerns"),
        ("Checked. Nothing in it.", "Nothing in it"),
        ("Checked. So there's nothing to it.", "there's nothing to it"),
        ("Checked. Nothing untoward!", "Nothing untoward"),
        ("Checked with Dad. No cause for concern.", "No cause for concern"),
        ("Attended. Report unfounded.", "Report unfounded"),
        ("Strategy held. No safeguarding issues identified.", "No safeguarding issues identified"),
        ("Outcome: does not meet threshold.", "does not meet threshold"),
        ("Visited. Not cuckooed.", "Not cuckooed"),
        ("Occupier not vulnerable. No drugs found. NFA.", "NFA"),  # after finding nothing
    ],
)
def test_closing_phrases(text: str, said: str) -> None:
    assert [c[2] for c in conclusions(text)] == [said]


def test_nfa_after_a_step_is_not_a_conclusion() -> None:
    assert conclusions("Boy (15) with cash. Car searched. NFA.") == []


def test_other_mentions_are_left_as_they_were() -> None:
    phone = Mention("phone", 0, 5, "07700", "+447700900123", 0.95, "phone")
    assert answer("07700 seen. No concerns.", [phone]) == [phone]
