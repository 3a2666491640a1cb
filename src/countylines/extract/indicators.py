"""Indicators of child criminal exploitation and cuckooing, found by token rules.

The rules are data (:mod:`countylines.extract.lexicon.indicators`), compiled once into spaCy
``Matcher`` patterns (:mod:`countylines.extract.rules`). A match is kept when its options hold:
a child's age (5 to 17) for age rules, none of the ``not_before`` words next, and the context
it ``needs`` nearby. Overlapping matches of one type are merged later into one phrase
(:func:`countylines.extract.resolve.resolve`).
"""

from __future__ import annotations

from typing import cast

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from countylines.extract.context import NEEDS_WINDOW, Context, ContextKind
from countylines.extract.lexicon.indicators import INDICATOR_RULES, IndicatorRule
from countylines.extract.lexicon.words import CLASSES
from countylines.extract.mention import Mention, MentionType
from countylines.extract.rules import AnchoredMatcher, compile_rule
from countylines.extract.spelt import DIGIT_WORDS

_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17,
}  # fmt: skip
_AGE_DIGITS = frozenset(range(5, 18))


class IndicatorMatcher:
    """All indicator rules in one :class:`~countylines.extract.rules.AnchoredMatcher`."""

    def __init__(self, vocab: Vocab, rules: tuple[IndicatorRule, ...] = INDICATOR_RULES) -> None:
        self._rules = {rule.id: rule for rule in rules}
        self._matcher = AnchoredMatcher(vocab)
        for rule in rules:
            self._matcher.add(rule.id, compile_rule(rule.pattern, CLASSES))

    def find(self, doc: Doc, context: Context) -> list[Mention]:
        """Indicator mentions in ``doc`` whose options hold."""
        found: list[Mention] = []
        for rule_id, start, end in self._matcher(doc):
            rule = self._rules[rule_id]
            span = doc[start:end]
            if _holds(rule, span, context):
                found.append(_mention(rule, span))
        return found


def _mention(rule: IndicatorRule, span: Span) -> Mention:
    return Mention(
        cast(MentionType, rule.type),
        span.start_char,
        span.end_char,
        span.text,
        rule.value,
        rule.confidence,
        rule.id,
    )


def _holds(rule: IndicatorRule, span: Span, context: Context) -> bool:
    if rule.max_age and not _has_child_age(span):
        return False
    if rule.not_before:
        doc = span.doc
        following = {doc[i].lower_ for i in range(span.end, min(len(doc), span.end + 2))}
        if following & rule.not_before:
            return False
    if rule.needs is not None:
        kind = cast(ContextKind, rule.needs)
        return context.near(kind, span.start, span.end, NEEDS_WINDOW, own=True)
    return True


def _has_child_age(span: Span) -> bool:
    for token in span:
        lower = token.lower_
        digits = "".join(c for c in lower if c.isdigit()) if lower[:1].isdigit() else ""
        if digits and token.text.isascii() and int(digits[:3]) in _AGE_DIGITS:
            return True
        if lower in _TEENS or (lower in DIGIT_WORDS and int(DIGIT_WORDS[lower]) >= 5):
            return True
    return False
