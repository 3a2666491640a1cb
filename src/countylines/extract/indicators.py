"""Indicators of child criminal exploitation and cuckooing, found by token rules.

The rules are data (:mod:`countylines.extract.lexicon.indicators`), compiled once into spaCy
``Matcher`` patterns (:mod:`countylines.extract.rules`). A match is kept when its options hold
(each explained in the lexicon's docstring): a child's age (5 to 17) for age rules; none of
the ``not_before`` words next and no ``not_after`` word just before; no ``unless`` word (an
everyday explanation: ``birthday``, ``builders``) in its sentence nearby; a town or county
right after it for ``then_place`` rules (the phrase then runs to the place's end); and the
context it ``needs`` nearby. A rule whose context is missing is dropped, or kept at its
lower ``alone`` confidence when it has one.

Context is judged in two passes. First, every match that does not depend on other signs is
decided; the tokens of each one kept become a *sign* of its type, and a child's age found by
an age rule marks a child. Then the rules that accept another sign of their type nearby
(``needs`` holding ``sign``) are decided against those marks. A rule kept only through the
signs never marks one itself, so no chain of weak cues can hold itself up.

Overlapping matches of one type are merged later into one phrase
(:func:`countylines.extract.resolve.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from countylines.extract.context import NEEDS_WINDOW, Context, ContextKind
from countylines.extract.lexicon.indicators import (
    HEIGHT_BEFORE,
    INDICATOR_RULES,
    TIME_AFTER,
    TIME_BEFORE,
    TIME_OF_DAY_LEAD,
    TIMES_OF_DAY,
    IndicatorRule,
)
from countylines.extract.lexicon.words import CLASSES
from countylines.extract.mention import INDICATOR_TYPES, Mention, MentionType
from countylines.extract.rules import AnchoredMatcher, RuleError, compile_rule, lower_ids
from countylines.extract.spelt import DIGIT_WORDS

_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17,
}  # fmt: skip
_AGE_DIGITS = frozenset(range(5, 18))

#: Tokens either side (within the sentence) searched for a rule's ``unless`` words.
UNLESS_WINDOW = 12

#: Tokens either side searched for a kind a rule must NOT have nearby (``!child``).
NOT_WINDOW = 20

#: Context kinds a rule's ``needs`` may name (``sign``: another sign of the rule's own type).
NEED_KINDS = frozenset({"child", "minor", "drug", "dealing", "home", "weapon", "sign"})

#: The sign kind each rule type answers to (``needs`` holding ``sign``); only the two
#: indicator types mark signs themselves (an age or a vulnerability is not a sign).
_SIGN_KIND: dict[str, ContextKind] = {
    "cce_indicator": "cce_sign",
    "age": "cce_sign",
    "cuckooing_indicator": "cuckooing_sign",
    "vulnerability": "cuckooing_sign",
}

#: Town mentions at least this sure count as a place for ``then_place`` rules.
PLACE_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Requirement:
    """One requirement of a rule's ``needs``: one of ``kinds`` nearby (none, if ``negated``)."""

    kinds: frozenset[str]
    negated: bool = False


def parse_needs(needs: str | None) -> tuple[Requirement, ...]:
    """``"child dealing|sign !home"`` → the requirements, all of which must hold.

    Words are requirements (all must hold); ``a|b`` is one of several kinds; ``!a`` holds when
    none of ``a`` is near (within :data:`NOT_WINDOW` tokens).

    Raises:
        RuleError: an unknown kind, or an empty requirement.
    """
    requirements: list[Requirement] = []
    for word in (needs or "").split():
        negated = word.startswith("!")
        kinds = frozenset(word.removeprefix("!").split("|"))
        unknown = kinds - NEED_KINDS
        if unknown or "" in kinds:
            raise RuleError(f"unknown context {sorted(unknown) or word!r} in needs {needs!r}")
        requirements.append(Requirement(kinds, negated))
    return tuple(requirements)


class IndicatorMatcher:
    """All indicator rules in one :class:`~countylines.extract.rules.AnchoredMatcher`."""

    def __init__(self, vocab: Vocab, rules: tuple[IndicatorRule, ...] = INDICATOR_RULES) -> None:
        self._rules = {rule.id: rule for rule in rules}
        self._needs = {rule.id: parse_needs(rule.needs) for rule in rules}
        self._matcher = AnchoredMatcher(vocab)
        self._places = frozenset(vocab.strings.add(word) for word in CLASSES["place_area"])
        self._unless = {
            rule.id: frozenset(vocab.strings.add(word) for word in rule.unless)
            for rule in rules
            if rule.unless
        }
        self._not_before = {
            rule.id: frozenset(vocab.strings.add(word) for word in rule.not_before)
            for rule in rules
            if rule.not_before
        }
        self._not_after = {
            rule.id: frozenset(vocab.strings.add(word) for word in rule.not_after)
            for rule in rules
            if rule.not_after
        }
        for rule in rules:
            patterns = compile_rule(rule.pattern, CLASSES)
            self._matcher.add(rule.id, patterns, longest=not rule.then_place, together=True)

    def find(
        self,
        doc: Doc,
        context: Context,
        towns: Sequence[tuple[int, int]] = (),
        not_ages: Sequence[tuple[int, int]] = (),
    ) -> list[Mention]:
        """Indicator mentions in ``doc`` whose options hold.

        Args:
            doc: the tokenised text.
            context: the document's context marks (child ages and signs are added to it).
            towns: character spans of the town mentions already found (for ``then_place``).
            not_ages: token spans ``[start, end)`` whose numbers are no child's age (the
                digits of a phone number, ``oh seven seven double oh ...``; a house number
                or a height: :func:`numbers_not_ages`).
        """
        not_age = {i for start, end in not_ages for i in range(start, end)}
        places: dict[int, int] | None = None
        matches: list[tuple[IndicatorRule, int, int]] = []
        placed: dict[tuple[str, int], int] = {}  # then_place rules: longest match to a place
        for rule_id, start, end in self._matcher(doc):
            rule = self._rules[rule_id]
            if not rule.then_place:
                matches.append((rule, start, end))
                continue
            if places is None:
                places = self._place_ends(doc, towns)
            if end in places:
                placed[(rule_id, start)] = max(placed.get((rule_id, start), 0), places[end])
        matches.extend(
            (self._rules[rule_id], start, end) for (rule_id, start), end in placed.items()
        )
        candidates: list[tuple[IndicatorRule, int, int]] = []
        for rule, start, end in matches:
            if not self._options_hold(rule, doc, start, end, not_age):
                continue
            candidates.append((rule, start, end))
            if rule.max_age:  # a child's age says a child is there
                context.mark("child", start, end)
                context.mark("minor", start, end)
        found: list[Mention] = []
        waiting: list[tuple[IndicatorRule, int, int]] = []
        for rule, start, end in candidates:
            if self._context_holds(rule, context, start, end, signs=False):
                found.append(_mention(rule, doc[start:end], rule.confidence))
                if rule.type in INDICATOR_TYPES:
                    context.mark(_SIGN_KIND[rule.type], start, end)
            else:
                waiting.append((rule, start, end))
        for rule, start, end in waiting:
            if self._context_holds(rule, context, start, end, signs=True):
                found.append(_mention(rule, doc[start:end], rule.confidence))
            elif rule.alone is not None:
                found.append(_mention(rule, doc[start:end], rule.alone))
        return found

    def _options_hold(
        self, rule: IndicatorRule, doc: Doc, start: int, end: int, not_age: set[int]
    ) -> bool:
        lowers = lower_ids(doc)
        if rule.max_age and not _has_child_age(doc, lowers, start, end, not_age):
            return False
        not_before = self._not_before.get(rule.id)
        if not_before and any(lowers[i] in not_before for i in range(end, min(len(doc), end + 2))):
            return False
        not_after = self._not_after.get(rule.id)
        if not_after and start > 0 and lowers[start - 1] in not_after:
            return False
        if rule.not_a_time and _clock_time_ends(doc, start, end):
            return False
        unless = self._unless.get(rule.id)
        if unless:
            low, high = _sentence_around(doc, start, end, UNLESS_WINDOW)
            if any(lowers[i] in unless for i in range(low, high)):
                return False
        return True

    def _context_holds(
        self, rule: IndicatorRule, context: Context, start: int, end: int, *, signs: bool
    ) -> bool:
        for requirement in self._needs[rule.id]:
            kinds: list[ContextKind] = []
            for kind in requirement.kinds:
                if kind == "sign":
                    if signs:
                        kinds.append(_SIGN_KIND[rule.type])
                else:
                    kinds.append(cast(ContextKind, kind))
            if requirement.negated:
                if any(context.near(k, start, end, NOT_WINDOW, own=True) for k in kinds):
                    return False
            elif not any(context.near(k, start, end, NEEDS_WINDOW, own=True) for k in kinds):
                return False
        return True

    def _place_ends(self, doc: Doc, towns: Sequence[tuple[int, int]]) -> dict[int, int]:
        """Token where a place starts → token where it ends (towns found, counties listed)."""
        ends: dict[int, int] = {}
        for start_char, end_char in towns:
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is not None:
                ends[span.start] = max(ends.get(span.start, 0), span.end)
        for i, lower in enumerate(lower_ids(doc)):
            if lower in self._places:
                ends.setdefault(i, i + 1)
        return ends


#: Words for the people a ``from`` range of ages is about (``kids from about 12 to 15``).
_PEOPLE = CLASSES["child"] | CLASSES["person_young"]
#: Words before a number that say it of someone (``son is 14``, ``aged 15``, ``lad 14``).
_SAID_OF_SOMEONE = _PEOPLE | frozenset(
    {"is", "'s", "\u2019s", "was", "aged", "age", "turned", "son", "daughter", "he", "she"}
)
#: Words that make a number approximate (the rules' ``cce-about-age``).
_APPROXIMATE = frozenset(
    {"approx", "approximately", "about", "around", "roughly", "maybe", "possibly", "like"}
)
#: Words that join the two ends of a range of hours only (``8 till 11``).
_TILL = frozenset({"till", "until", "til"})
#: Words that join the two ends of a range of numbers (``about 8 or 9``, ``8 to 9``).
_RANGE = frozenset({"or", "to", "-", "/"})
#: A clock time in one token: ``9pm``, ``9.30pm``, ``21:00``, ``8oclock``.
_CLOCK_TOKEN = re.compile(r"^\d{1,2}(?:[:.]\d\d)?(?:am|pm|oclock)$|^\d{1,2}:\d\d$")


def numbers_not_ages(doc: Doc, street_starts: frozenset[int]) -> list[tuple[int, int]]:
    """Token spans ``[i, i + 1)`` of numbers no rule may read as a child's age: a house
    number just before a street (``seen at 15 Pier Ave``; ``street_starts`` are the first
    tokens of the streets found), unless said of someone (``my son is 14 Pier Avenue is
    where…``, ``JAY 15 PIER AVE`` stay ages), and the inches of a height (``5ft 11``,
    ``5 foot 11``). A new user's reports were given a child of 11 by a height. One look each side of
    each number: linear in the tokens."""
    found = []
    for token in doc:
        i = token.i
        if not token.like_num:
            continue
        before = doc[i - 1].lower_ if i > 0 else ""
        # "my son is 14 Pier Avenue is where they take him" (a breaker's, unpunctuated): a
        # number said of someone is an age before a street too; a lost child's age costs
        # more than a house number read as one
        house = i + 1 in street_starts and before not in _SAID_OF_SOMEONE
        if house or before in HEIGHT_BEFORE:
            found.append((i, i + 1))
    return found


def reads_as_clock_time(lowers: Sequence[str], number: int) -> bool:
    """Whether the number at ``lowers[number]`` (lower-case words), perhaps after an
    approximation (``about 8``), is a time of day rather than a child's age.

    An approximate number is a time after a word of time (``at about 8``, ``until about
    10``; but ``recruited at 15``), or after ``from`` unless people come just before (``from
    about 8``; but ``kids from about 12 to 15``). Any number is a time after another and
    ``till`` (``8 till 11``), and before a word of time, perhaps after the range's other end
    (``about 8 till late``, ``about 8 o'clock``, ``around 8 or 9 at night``, ``at 9 this
    morning``, ``about 8-9pm``). Looks at most three words before and five after: constant
    work per number.
    """
    b = number - 1
    if b >= 1 and lowers[b] in _TILL and _is_number(lowers[b - 1]):
        return True  # "about 8 till 11": the end of a range of hours
    if b >= 1 and lowers[b] in _APPROXIMATE:
        # only an approximate number: "recruited at 15", "in care until 16" are ages
        before = lowers[b - 1]
        if before in TIME_BEFORE:
            return True
        if before == "from" and not (b > 1 and lowers[b - 2] in _PEOPLE):
            return True
    after = list(lowers[number + 1 : number + 6])
    if len(after) >= 2 and after[0] in _RANGE and _is_number(after[1]):
        if _CLOCK_TOKEN.match(after[1]):
            return True  # "about 8-9pm"
        after = after[2:]  # "about 8 or 9 at night": what follows the range
    elif after and _is_number(after[0]):
        # "about 8 9pm", "about 8 9 pm": the rules read "8-9pm" so (a hyphen is a space)
        if _CLOCK_TOKEN.match(after[0]):
            return True
        after = after[1:]
    return _says_a_time_of_day(after)


def _clock_time_ends(doc: Doc, start: int, end: int) -> bool:
    """Whether the number ending the match ``[start, end)`` reads as a time of day
    (:func:`reads_as_clock_time`), from the few words around it only."""
    low = max(0, start - 3)
    window = [token.lower_ for token in doc[low : min(len(doc), end + 5)]]
    return reads_as_clock_time(window, end - 1 - low)


def _says_a_time_of_day(after: Sequence[str]) -> bool:
    """Whether the words after a number say a time: ``till late``, ``o'clock``, ``tonight``,
    or a time of day after at most one leading word and ``the`` (``in the evening``, ``at
    night``, ``every night``)."""
    if not after:
        return False
    if after[0] in TIME_AFTER or after[0] in TIMES_OF_DAY:
        return True
    i = 1 if after[0] in TIME_OF_DAY_LEAD else 0
    if after[i : i + 1] == ["the"]:
        i += 1
    return 0 < i < len(after) and after[i] in TIMES_OF_DAY


def _is_number(lower: str) -> bool:
    """Whether a lower-case word is a number in digits or words (``9``, ``9pm``, ``nine``)."""
    return lower[:1].isdigit() or lower in DIGIT_WORDS or lower in _TEENS


def _sentence_around(doc: Doc, start: int, end: int, window: int) -> tuple[int, int]:
    """Tokens [low, high): up to ``window`` either side of [start, end), within its sentence.

    Looks at most ``window`` tokens each way (``Span.sent`` walks the whole sentence, which
    in a text with no full stops is the whole window of text: quadratic).
    """
    starts = doc.user_data.get("countylines_sent_starts")
    if not isinstance(starts, list):
        starts = doc.to_array("SENT_START").tolist() if len(doc) else []
        doc.user_data["countylines_sent_starts"] = starts
    low = start
    while low > 0 and start - low < window and starts[low] != 1:
        low -= 1
    high = end
    while high < len(doc) and high - end < window and starts[high] != 1:
        high += 1
    return low, high


def _mention(rule: IndicatorRule, span: Span, confidence: float) -> Mention:
    value = rule.value
    if rule.max_age:  # an age mention's value is the age itself
        ages = [_child_age(token.lower_) for token in span]
        value = next((str(age) for age in ages if age is not None), value)
    return Mention(
        cast(MentionType, rule.type),
        span.start_char,
        span.end_char,
        span.text,
        value,
        confidence,
        rule.id,
    )


def _child_age(lower: str) -> int | None:
    """The child's age a word gives (``15``, ``15yrs``, ``fifteen``), or None."""
    if not _is_child_age(lower):
        return None
    in_words = age_in_words(lower)
    if in_words is not None:
        return in_words
    return int("".join(c for c in lower if c.isdigit())[:3])


def age_in_words(lower: str) -> int | None:
    """A child's age written as a lower-case word, ``five`` to ``seventeen``, or None."""
    if lower in _TEENS:
        return _TEENS[lower]
    if lower in DIGIT_WORDS and int(DIGIT_WORDS[lower]) >= 5:
        return int(DIGIT_WORDS[lower])
    return None


def _has_child_age(
    doc: Doc,
    lowers: list[int],
    start: int,
    end: int,
    not_age: set[int] | frozenset[int] = frozenset(),
) -> bool:
    """Whether a token in [start, end), not one of ``not_age`` (a phone's digits, a house
    number, a height: :func:`numbers_not_ages`), is a child's age (5 to 17, in digits or
    words).

    Decided once per distinct word of the document (kept in ``doc.user_data``): a text of
    ``he is 15`` a hundred thousand times asks a hundred thousand times.
    """
    known = doc.user_data.setdefault("countylines_child_age", {})
    for i in range(start, end):
        if i in not_age:
            continue
        lower = lowers[i]
        if lower not in known:
            known[lower] = _is_child_age(doc.vocab.strings[lower])
        if known[lower]:
            return True
    return False


def _is_child_age(lower: str) -> bool:
    digits = "".join(c for c in lower if c.isdigit()) if lower[:1].isdigit() else ""
    if digits and lower.isascii() and int(digits[:3]) in _AGE_DIGITS:
        return True
    return age_in_words(lower) is not None
