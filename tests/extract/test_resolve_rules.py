"""Settling overlaps, the rule notation, and the lexicons as data."""

from __future__ import annotations

import re
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest
import spacy
from tests.conftest import REPO

from countylines.extract import (
    MENTION_TYPES,
    Mention,
    limits,
    nicknames,
    normalise,
    phones,
    postcodes,
    spelt,
    vrm,
)
from countylines.extract.lexicon.indicators import INDICATOR_RULES
from countylines.extract.lexicon.words import CLASSES
from countylines.extract.resolve import resolve
from countylines.extract.rules import AnchoredMatcher, RuleError, anchor_words, compile_rule


def _m(kind: str, start: int, end: int, confidence: float = 0.9, rule: str = "r") -> Mention:
    return Mention(kind, start, end, "x" * (end - start), None, confidence, rule)  # type: ignore[arg-type]


def test_surer_kinds_win_overlaps() -> None:
    text = "x" * 40
    mentions = [
        _m("drug", 0, 7),  # inside the nickname: the nickname wins
        _m("nickname", 0, 7, 0.7),
        _m("town", 10, 17),  # inside the street: the street wins
        _m("street", 10, 22),
        _m("town", 25, 30),  # same words as a street: the town wins
        _m("street", 25, 30),
        _m("vrm", 32, 36),  # a dateless mark inside a postcode: the postcode wins
        _m("postcode", 32, 40),
    ]
    kept = resolve(text, mentions, 0.5)
    assert [(m.type, m.start, m.end) for m in kept] == [
        ("nickname", 0, 7),
        ("street", 10, 22),
        ("town", 25, 30),
        ("postcode", 32, 40),
    ]


def test_indicators_merge_only_with_their_own_kind() -> None:
    text = "abcdefghijklmnopqrstuvwxyz"
    mentions = [
        _m("cce_indicator", 0, 10, 0.7, "a"),
        _m("cce_indicator", 5, 15, 0.9, "b"),
        _m("cce_indicator", 15, 20, 0.8, "c"),  # touches, does not overlap
        _m("cuckooing_indicator", 3, 8, 0.6, "d"),
        _m("drug", 4, 6, 0.9, "e"),  # indicators never remove other mentions
    ]
    kept = resolve(text, mentions, 0.5)
    assert [(m.type, m.start, m.end, m.confidence, m.rule, m.text) for m in kept] == [
        ("cce_indicator", 0, 15, 0.9, "a+b", text[0:15]),  # merged: the text's own words
        ("cuckooing_indicator", 3, 8, 0.6, "d", "xxxxx"),  # alone: as it came
        ("drug", 4, 6, 0.9, "e", "xx"),
        ("cce_indicator", 15, 20, 0.8, "c", "xxxxx"),
    ]


def test_min_confidence_drops_before_overlaps() -> None:
    # a weak long mention must not hide a sure short one it overlaps
    kept = resolve("x" * 20, [_m("drug", 0, 10, 0.3), _m("weapon", 2, 5, 0.9)], 0.5)
    assert [(m.type, m.start) for m in kept] == [("weapon", 2)]


def test_every_rule_compiles_and_ids_are_unique() -> None:
    ids = [rule.id for rule in INDICATOR_RULES]
    assert len(ids) == len(set(ids))
    for rule in INDICATOR_RULES:
        assert compile_rule(rule.pattern, CLASSES), rule.id
        assert rule.type in MENTION_TYPES
        assert 0 < rule.confidence <= 1


def test_rule_notation() -> None:
    assert compile_rule("missing (for days|overnight)?", {}) == [
        [{"LOWER": "missing"}, {"LOWER": "for"}, {"LOWER": "days"}],
        [{"LOWER": "missing"}, {"LOWER": "overnight"}],
        [{"LOWER": "missing"}],
    ]
    assert compile_rule("@x|z y? #", {"x": frozenset({"b", "a"})}) == [
        [{"LOWER": {"IN": ["a", "b", "z"]}}, {"LOWER": "y", "OP": "?"}, {"LIKE_NUM": True}]
    ]
    for bad, reason in [
        ("@nope word", "unknown word class"),
        ("non-stop", "hyphenated"),
        ("(a|)", "empty choice"),
        ("(a b", "unclosed"),
        ("", "empty rule"),
    ]:
        with pytest.raises(RuleError, match=reason):
            compile_rule(bad, {})


def test_anchored_matcher_finds_what_a_plain_matcher_finds() -> None:
    nlp = spacy.blank("en")
    doc = nlp("the kids in the park were running again and the kids were dealing " * 50)
    patterns = compile_rule("@child * @cce_activity", CLASSES)
    anchored = AnchoredMatcher(nlp.vocab)
    anchored.add("r", patterns)
    plain = spacy.matcher.Matcher(nlp.vocab)
    plain.add("r", patterns, greedy="LONGEST")
    assert sorted((s, e) for _k, s, e in anchored(doc)) == sorted((s, e) for _k, s, e in plain(doc))
    assert anchor_words(patterns[0]) == CLASSES["child"]


def test_every_indicator_rule_is_documented() -> None:
    docs = (REPO / "docs" / "extraction.md").read_text(encoding="utf-8")
    for rule in INDICATOR_RULES:
        assert f"`{rule.id}`" in docs, f"{rule.id} missing from docs/extraction.md"


def _nested_unbounded_repeats(pattern: str) -> list[str]:
    """Repeats with no upper bound inside repeats with no upper bound (catastrophic form)."""
    found: list[str] = []

    def walk(items: object, inside: bool) -> None:
        for op, arg in items:  # type: ignore[attr-defined]
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                _low, high, body = arg
                unbounded = high == sre_parse.MAXREPEAT
                if unbounded and inside and name != "POSSESSIVE_REPEAT":
                    found.append(pattern)
                walk(body, inside or (unbounded and name != "POSSESSIVE_REPEAT"))
            elif name == "SUBPATTERN":
                walk(arg[-1], inside)
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch, inside)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1], inside)

    walk(sre_parse.parse(pattern), False)
    return found


def _module_regexes() -> list[re.Pattern[str]]:
    found = []
    for module in (limits, nicknames, normalise, phones, postcodes, spelt, vrm):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                found.append(value)
            if isinstance(value, tuple):
                found += [
                    v
                    for item in value
                    if isinstance(item, tuple)
                    for v in item
                    if isinstance(v, re.Pattern)
                ]
    return found


def test_no_regex_can_backtrack_catastrophically() -> None:
    regexes = _module_regexes()
    assert len(regexes) >= 12
    assert [p.pattern for p in regexes if _nested_unbounded_repeats(p.pattern)] == []
    assert _nested_unbounded_repeats(r"(a+)+b")  # the check catches the classic case


def test_a_sign_named_twice_in_a_merged_phrase_is_said_once() -> None:
    from countylines.extract.resolve import join_signs

    assert join_signs(["visitors at all hours", "home: visitors at all hours"]) == (
        "visitors at all hours"
    )
    # a further sign in the reader's wording stays, and so does a different wording
    assert join_signs(["missing from home", "about the child: missing, school"]) == (
        "missing from home; about the child: missing, school"
    )
    assert join_signs(["a; b", "home: b", "home: b, c"]) == "a; b; home: b, c"
