"""The indicator rules on the hand-labelled development set, and the options they rely on.

The set (``tests/extract/data/indicators_dev.txt``) holds 190 short texts in the styles of
public reports and police logs, labelled by hand from the field's indicator lists, with hard
negatives. Its scoring is checked here on a worked example before it is trusted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher
from tests.extract.conftest import found, texts
from tests.extract.indicator_devset import (
    DEV_SET,
    HOLDOUT,
    DevSetError,
    Label,
    load,
    match,
    parse_line,
    score,
)

from countylines.extract import Mention, extract
from countylines.extract.indicators import Requirement, parse_needs
from countylines.extract.lexicon.words import CLASSES
from countylines.extract.rules import (
    NUMBER_ANCHOR,
    AnchoredMatcher,
    RuleError,
    anchor_words,
    compile_rule,
)


def _p(kind: str, start: int, end: int) -> Mention:
    return Mention(kind, start, end, "x", None, 0.9, "r")  # type: ignore[arg-type]


# ------------------------------------------------------------------ the set and its scoring


def test_a_marked_line_gives_its_text_and_spans() -> None:
    item = parse_line(Path("f"), 7, "public\tshe [[k:[[c:kids dealing]] from her flat]] now")
    assert item.text == "she kids dealing from her flat now"
    assert item.labels == (  # in order of start, then end
        Label("cce_indicator", 4, 16, "kids dealing"),
        Label("cuckooing_indicator", 4, 30, "kids dealing from her flat"),
    )


@pytest.mark.parametrize(
    ("raw", "column", "reason"),
    [
        ("public text", 1, "no tab"),
        ("police\ttext", 1, "unknown style"),
        ("intel\ta [[x:b]]", 9, "unknown kind"),
        ("intel\ta [[c:b [[c:c]] d]]", 15, "inside one of its own kind"),
        ("intel\ta [[c:b", 9, "not closed"),
        ("intel\ta b]]", 10, "without"),
        ("intel\ta [[c:]]", 13, "empty phrase"),
    ],
)
def test_a_bad_line_is_refused_saying_where(raw: str, column: int, reason: str) -> None:
    with pytest.raises(DevSetError) as info:
        parse_line(Path("dev.txt"), 12, raw)
    assert (info.value.line, info.value.column) == (12, column)
    assert reason in info.value.reason
    assert "dev.txt: line 12" in str(info.value)


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    labels = [Label("cce_indicator", 0, 10, ""), Label("cce_indicator", 20, 30, "")]
    predicted = [
        _p("cce_indicator", 5, 12),  # overlaps label 0 by 5
        _p("cce_indicator", 8, 25),  # overlaps label 0 by 2, label 1 by 5
        _p("cce_indicator", 26, 28),  # overlaps label 1 by 2: label 1 is taken
        _p("cuckooing_indicator", 0, 10),  # another type never matches
    ]
    # worked by hand: (p0, l0) overlap 5 and (p1, l1) overlap 5 are taken first
    assert sorted(match(predicted, labels)) == [(0, 0), (1, 1)]


def test_scores_count_each_side_once() -> None:
    items = [parse_line(Path("f"), 1, "intel\t[[c:ab]] cd [[k:ef]]")]
    predicted = [[_p("cce_indicator", 0, 2), _p("cce_indicator", 3, 5)]]
    scores, misses = score(items, predicted)
    cce, cuckoo = scores["cce_indicator"], scores["cuckooing_indicator"]
    assert (cce.labelled, cce.predicted, cce.matched, cce.precision, cce.recall) == (
        1, 2, 1, 0.5, 1.0,
    )  # fmt: skip
    assert (cuckoo.labelled, cuckoo.predicted, cuckoo.recall) == (1, 0, 0.0)
    assert len(misses) == 2


def test_the_sets_are_the_size_documented() -> None:
    dev, holdout = load(DEV_SET), load(HOLDOUT)
    assert (len(dev), sum(not item.labels for item in dev)) == (190, 58)
    assert len(holdout) == 35


def test_the_rules_reach_the_target_on_the_development_set() -> None:
    items = load(DEV_SET)
    scores, misses = score(items, [extract(item.text, clauses=False) for item in items])
    for kind, s in scores.items():
        assert s.precision >= 0.85 and s.recall >= 0.85, (kind, s, misses)


def test_no_hard_negative_is_flagged() -> None:
    # adults dealing, children buying sweets, birthday phones, carers and builders coming
    # and going, lost pets: the everyday look-alikes of each sign
    negatives = [item for item in load(DEV_SET) if not item.labels]
    flagged = [
        (item.line, m.text, m.rule)
        for item in negatives
        for clauses in (False, True)
        for m in extract(item.text, clauses=clauses)
        if m.type in ("cce_indicator", "cuckooing_indicator")
    ]
    assert flagged == []


# ------------------------------------------------------------------ the options, one by one


def test_needs_are_parsed_and_checked() -> None:
    assert parse_needs("child dealing|sign !minor") == (
        Requirement(frozenset({"child"})),
        Requirement(frozenset({"dealing", "sign"})),
        Requirement(frozenset({"minor"}), negated=True),
    )
    assert parse_needs(None) == ()
    with pytest.raises(RuleError, match="unknown context"):
        parse_needs("child|kitten")


def test_not_after_a_lost_thing() -> None:
    assert texts("my cat went missing last week", "cce_indicator") == []
    assert found("my son went missing last week", "cce_indicator") == [
        ("went missing", "missing from home")
    ]


def test_an_everyday_explanation_in_the_sentence_cancels() -> None:
    assert texts("my son's new phone for his birthday", "cce_indicator") == []
    assert texts("my son has a new phone, we don't know where from", "cce_indicator") == [
        "new phone"
    ]
    assert texts("carers coming and going all day", "cuckooing_indicator") == []


def test_a_place_must_follow_and_is_part_of_the_phrase() -> None:
    assert found("my son was found in Southampton", "cce_indicator") == [
        ("found in Southampton", "found out of area")
    ]
    assert found("my son was found in Norfolk", "cce_indicator") == [  # a county
        ("found in Norfolk", "found out of area")
    ]
    # up to three words between the verb and "in": the longest reach that ends at a place
    assert texts("my son was picked up by police in Margate", "cce_indicator") == [
        "picked up by police in Margate"
    ]
    assert texts("my son was found in the garden", "cce_indicator") == []
    # a town inside a street name is not a place reached
    assert texts("my son was picked up at Liverpool", "cce_indicator") == ["picked up at Liverpool"]
    assert texts("my son was picked up at Liverpool Street", "cce_indicator") == []


def test_a_withdrawn_occupant_is_not_a_frightened_child() -> None:
    assert texts("my neighbour looks frightened of them", "cuckooing_indicator") == ["frightened"]
    assert texts("my son looks frightened of them at home", "cuckooing_indicator") == []
    # "young" says a child may be near, but not that the frightened one is a child
    assert texts(
        "the old man looks terrified and young lads are living in his house",
        "cuckooing_indicator",
    ) == ["terrified", "lads are living in"]


def test_a_weak_cue_is_held_up_by_a_sign_but_never_holds_one_up() -> None:
    # "all night" needs another sign; curtains drawn need a home or another sign: with no
    # home named, neither holds the other up
    assert texts("curtains always drawn and music all night", "cuckooing_indicator") == []
    # with a home, the curtains hold alone, and then hold up "all night"
    assert texts(
        "at the flat the curtains are always drawn and music all night", "cuckooing_indicator"
    ) == ["curtains are always drawn", "all night"]


def test_the_same_sign_joined_by_a_word_is_one_phrase() -> None:
    assert texts("needles and foil in the stairwell of the flats", "cuckooing_indicator") == [
        "needles and foil"
    ]
    # two signs of different kinds stay apart; a new clause with its own subject too
    assert texts("my son (14) has two phones and keeps going missing", "cce_indicator") == [
        "two phones",
        "going missing",
    ]
    assert texts(
        "they have taken over his flat and he is sleeping in his car", "cuckooing_indicator"
    ) == ["taken over his flat", "he is sleeping in his car"]


def test_short_ages_are_words_not_a_regex() -> None:
    # the list is the old pattern ^(?:[5-9]|1[0-7])(?:yo|y/o|yrs?|yr/o)$ written out
    for age, expected in [("15yo", True), ("5yrs", True), ("17yr", True), ("4yo", False)]:
        assert (age in texts(f"a {age} selling crack", "age")) is expected
        assert ("selling crack" in texts(f"a {age} selling crack", "cce_indicator")) is expected
    assert texts("an 18yo selling crack", "cce_indicator") == []  # an adult: no child


def test_anchors_are_never_punctuation() -> None:
    # a wall of brackets must not wake every rule that holds a bracket
    [pattern] = compile_rule("( @child )", CLASSES)
    assert anchor_words(pattern) == CLASSES["child"]
    # a number is rarer than a class of fifty words
    [pattern] = compile_rule("@child ( # )", CLASSES)
    assert anchor_words(pattern) == NUMBER_ANCHOR


def test_rules_run_together_find_what_plain_matchers_find() -> None:
    nlp = spacy.blank("en")
    doc = nlp("he is 15 and his son (13) was selling crack, aged 14, at 4 Pier Avenue " * 20)
    rules = {
        "a": "@child ( # )",
        "b": "he|she is|was #",
        "c": "aged #",
        "d": "(selling|dealing) crack|weed",
    }
    anchored = AnchoredMatcher(nlp.vocab)
    plain: list[tuple[str, int, int]] = []
    for key, rule in rules.items():
        patterns = compile_rule(rule, CLASSES)
        anchored.add(key, patterns, together=True)
        matcher = Matcher(nlp.vocab)
        matcher.add(key, patterns, greedy="LONGEST")
        plain += [(key, start, end) for _id, start, end in matcher(doc)]
    assert sorted(anchored(doc)) == sorted(plain)
    assert len(plain) == 4 * 20
