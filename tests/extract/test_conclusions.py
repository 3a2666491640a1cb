"""A text that answers what it described: indicators before its conclusion are kept but
capped below the default confidence, with the words that answered them."""

from __future__ import annotations

import pytest

from countylines.extract import extract
from countylines.extract.conclusions import ANSWERED_CONFIDENCE, answer, conclusions, records
from countylines.extract.mention import Mention

SIGN = "A boy of about 13 keeps going into the flat and coming out with little bags for cars."


def _signs(text: str, **kwargs: object) -> list[Mention]:
    return [m for m in extract(text, **kwargs) if m.type == "cce_indicator"]  # type: ignore[arg-type]


@pytest.mark.parametrize("learned", [True, False])
def test_a_sign_the_text_answers_is_capped_and_says_why(learned: bool) -> None:
    assert _signs(SIGN, learned=learned)  # the sign alone is reported
    text = SIGN + " Officers checked: it is his uncle's takeaway. No concerns."
    assert _signs(text, learned=learned) == []
    [answered] = _signs(text, learned=learned, min_confidence=0)
    assert answered.confidence == ANSWERED_CONFIDENCE
    assert answered.value is not None and answered.value.endswith("answered: 'No concerns'")


@pytest.mark.parametrize(
    "after",
    [
        " E's school reports no concerns; E attending.",  # one person's school
        " Kayden: no concerns; attends school.",  # one person
        " Sister collected by her mother; no concerns for her.",
        " Siblings spoken to; no concerns about them being used.",
        " Search NFA.",  # one step closed, not the matter
        " NFA at this time; for development.",
        " He said it is fine.",  # not opening its sentence
    ],
)
def test_a_conclusion_about_someone_or_one_step_answers_nothing(after: str) -> None:
    assert _signs(SIGN + after)


def test_a_conclusion_before_the_sign_does_not_answer_it() -> None:
    assert _signs("No concerns at home. " + SIGN)


def test_in_a_list_a_conclusion_answers_its_own_item_only() -> None:
    text = (
        "Visits:\n"
        "a) Monks Road: boy of 14 answering the door and taking money for the men inside.\n"
        "b) Hermit Street: grandson staying for college, no concerns.\n"
    )
    assert records(text) == [(0, 8), (8, 89), (89, len(text))]
    [(start, _end, said)] = conclusions(text)
    assert said == "no concerns" and text.index("no concerns") == start
    sign = Mention("cce_indicator", 21, 60, text[21:60], "x", 0.9, "r")
    later = Mention("cce_indicator", 103, 120, text[103:120], "x", 0.9, "r")
    assert answer(text, [sign, later]) == [
        sign,
        Mention("cce_indicator", 103, 120, text[103:120], "x; answered: 'no concerns'", 0.4, "r"),
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Seen twice. NFA.", "NFA"),
        ("Seen twice. No further action.\nNext", "No further action"),
        ("Checked. Nothing in it.", "Nothing in it"),
        ("Checked. So there's nothing to it really.", "there's nothing to it"),
        ("Checked; it was all above board.", "it was all above board"),
        ("Seen. No evidence of exploitation.", "No evidence of"),
        ("Seen. Officers were satisfied that she is safe.", "Officers were satisfied that"),
        ("Visited. Not cuckooed.", "Not cuckooed"),
    ],
)
def test_closing_phrases(text: str, said: str) -> None:
    assert [c[2] for c in conclusions(text)] == [said]


def test_other_mentions_are_left_as_they_were() -> None:
    phone = Mention("phone", 0, 5, "07700", "+447700900123", 0.95, "phone")
    assert answer("07700 seen. No concerns.", [phone]) == [phone]
