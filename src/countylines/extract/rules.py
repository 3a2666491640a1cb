"""A small notation for token rules, compiled to spaCy ``Matcher`` patterns.

A rule is a line of tokens separated by spaces, matched against lower-cased words:

============== ======================================================================
token          matches
============== ======================================================================
``word``       the word (``LOWER``)
``a|b|c``      any of the words
``@class``     any word of a word class (:data:`countylines.extract.lexicon.words.CLASSES`);
               ``@class|word`` a word of the class or the word
``#``          a number, in digits or words (``LIKE_NUM``)
``~regex``     a word matching the regular expression (anchored by the writer)
``*``          up to three words that are not punctuation
``X?``         ``X`` or nothing
``(a b|c d)``  the words ``a b`` or the words ``c d`` (``(…)?``: or nothing); each choice
               makes its own pattern, so a rule stays readable: ``(early hours|late at
               night)``. A literal bracket is written alone: ``@child ( # )``.
============== ======================================================================

Rules read the text as :func:`countylines.extract.normalise.for_matching` gives it, where a
hyphen between two words is a space: ``coming and going`` also finds ``coming-and-going``.
So a rule word never holds a hyphen between letters (:class:`RuleError`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from countylines.extract.lexicon.words import STOPWORDS

Pattern = list[dict[str, Any]]
MAX_PATTERNS = 64


_HYPHENATED = re.compile(r"[^\W_]-[^\W_]")


class RuleError(ValueError):
    """A rule text that cannot be compiled (unknown class, empty rule)."""


def compile_rule(text: str, classes: Mapping[str, frozenset[str]]) -> list[Pattern]:
    """The spaCy ``Matcher`` patterns for one rule line (one per choice of each group).

    Raises:
        RuleError: for an unknown ``@class``, an empty rule or group, a hyphenated word, an
            unclosed bracket, or more than :data:`MAX_PATTERNS` patterns.
    """
    choices: list[list[Pattern]] = []
    for element in _elements(text):
        if element.startswith("(") and len(element) > 1:
            optional = element.endswith("?")
            inner = element[1 : -2 if optional else -1]
            alternatives = [a.split() for a in inner.split("|")]
            if any(not a for a in alternatives):
                raise RuleError(f"empty choice in group {element!r} of rule {text!r}")
            options = [[_simple(part, classes, text) for part in a] for a in alternatives]
            choices.append([*options, []] if optional else options)
        else:
            choices.append([[_simple(element, classes, text)]])
    if not choices:
        raise RuleError("empty rule")
    patterns: list[Pattern] = [[]]
    for options in choices:
        patterns = [p + option for p in patterns for option in options]
        if len(patterns) > MAX_PATTERNS:
            raise RuleError(f"rule {text!r} makes more than {MAX_PATTERNS} patterns")
    return [p for p in patterns if p]


def _elements(text: str) -> list[str]:
    """Split a rule into tokens and bracketed groups."""
    elements: list[str] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "(" and text[i + 1 : i + 2] != " " and text[i + 1 : i + 2]:
            close = text.find(")", i)
            if close < 0:
                raise RuleError(f"unclosed bracket in rule {text!r}")
            end = close + 2 if text[close + 1 : close + 2] == "?" else close + 1
            elements.append(text[i:end])
            i = end
        else:
            end = i
            while end < len(text) and not text[end].isspace():
                end += 1
            elements.append(text[i:end])
            i = end
    return elements


def _simple(part: str, classes: Mapping[str, frozenset[str]], rule: str) -> dict[str, Any]:
    if _HYPHENATED.search(part) and not part.startswith("~"):
        raise RuleError(f"hyphenated word {part!r} in rule {rule!r}: write it with a space")
    optional = part.endswith("?") and len(part) > 1 and not part.startswith("~")
    token = _token(part[:-1] if optional else part, classes, rule)
    if optional:
        token["OP"] = "?"
    return token


def _token(part: str, classes: Mapping[str, frozenset[str]], rule: str) -> dict[str, Any]:
    if part == "*":
        return {"IS_PUNCT": False, "OP": "{0,3}"}
    if part == "#":
        return {"LIKE_NUM": True}
    if part.startswith("~"):
        return {"LOWER": {"REGEX": part[1:]}}
    words: list[str] = []
    for alternative in part.split("|"):
        if alternative.startswith("@") and len(alternative) > 1:
            name = alternative[1:]
            if name not in classes:
                raise RuleError(f"unknown word class @{name} in rule {rule!r}")
            words.extend(sorted(classes[name]))
        else:
            words.append(alternative)
    if len(words) == 1:
        return {"LOWER": words[0]}
    return {"LOWER": {"IN": words}}


class AnchoredMatcher:
    """spaCy ``Matcher`` patterns, each run only where it can match.

    One ``Matcher`` holding every pattern costs (tokens times patterns): with a hundred rules,
    about 8 seconds a megabyte on this project's machine. Here each pattern has an *anchor*,
    its required word set with the fewest words (``trap`` in ``the|a|their|that trap``).
    One pass over the tokens finds the anchors; the pattern's own ``Matcher`` then runs only
    on the stretch around each anchor, as far as the pattern can reach either side. A
    pattern with no word to anchor on (only numbers, regexes, optional words) runs over the
    whole document. Matches are the ``Matcher``'s own, with ``greedy="LONGEST"`` unless a
    pattern is added without ``longest``.
    """

    def __init__(self, vocab: Vocab) -> None:
        self._vocab = vocab
        self._matchers: list[Matcher] = []
        self._reach: list[int] = []
        self._by_anchor: dict[int, list[int]] = {}  # lower-case word's hash → matchers
        self._by_number: list[int] = []  # matchers anchored on a number
        self._everywhere: list[int] = []
        self._shared: dict[tuple[frozenset[str] | None, bool], int] = {}

    def add(
        self, key: str, patterns: list[Pattern], *, longest: bool = True, together: bool = False
    ) -> None:
        """Add ``patterns`` under ``key`` (the key each match reports).

        With ``longest`` (the default) each pattern reports its longest match from a start;
        without, every match (for rules that test where a match ends). With ``together``,
        patterns that share an anchor run in one ``Matcher``, whatever their key: one call
        where there were dozens (a rule written with ``(a|b|c)`` groups makes many patterns,
        and many rules share an anchor). Longest matches are then chosen among a key's
        patterns of one anchor, so of two overlapping matches of the key only the longer is
        reported.
        """
        for pattern in patterns:
            anchor = anchor_words(pattern)
            if not together:
                self._add_matcher(key, anchor, pattern, longest)
                continue
            index = self._shared.get((anchor, longest))
            if index is None:
                self._shared[(anchor, longest)] = self._add_matcher(key, anchor, pattern, longest)
            else:
                self._matchers[index].add(key, [pattern], greedy="LONGEST" if longest else None)
                self._reach[index] = max(self._reach[index], _reach(pattern))

    def _add_matcher(
        self, key: str, anchor: frozenset[str] | None, pattern: Pattern, longest: bool
    ) -> int:
        index = len(self._matchers)
        matcher = Matcher(self._vocab)
        matcher.add(key, [pattern], greedy="LONGEST" if longest else None)
        self._matchers.append(matcher)
        self._reach.append(_reach(pattern))
        if anchor is None:
            self._everywhere.append(index)
        elif anchor == NUMBER_ANCHOR:
            self._by_number.append(index)
        else:
            for word in anchor:
                self._by_anchor.setdefault(self._vocab.strings.add(word), []).append(index)
        return index

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every match as ``(key, start token, end token)``, each once, in pattern order."""
        at: dict[int, list[int]] = {index: [] for index in self._everywhere}
        for position, lower in enumerate(lower_ids(doc)):
            for index in self._by_anchor.get(lower, ()):
                at.setdefault(index, []).append(position)
        if self._by_number and len(doc):
            numbers = [i for i, n in enumerate(doc.to_array("LIKE_NUM").tolist()) if n]
            for index in self._by_number:
                if numbers:
                    at.setdefault(index, []).extend(numbers)
        found: list[tuple[str, int, int]] = []
        seen: set[tuple[str, int, int]] = set()
        strings = self._vocab.strings
        for index, positions in sorted(at.items()):
            for low, high in _stretches(positions, self._reach[index], len(doc)):
                for key, start, end in self._matchers[index](doc[low:high]):
                    match = (strings[key], start + low, end + low)
                    if match not in seen:
                        seen.add(match)
                        found.append(match)
        return found


def _reach(pattern: Pattern) -> int:
    """How many tokens a pattern can span (``*`` counts as three)."""
    return sum(3 if t.get("OP") == "{0,3}" else 1 for t in pattern)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per document (spaCy rebuilds it from the tokens on each
    access, which on a long text costs more than all the matching)."""
    cached = doc.user_data.get("countylines_text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["countylines_text"] = cached
    return cached


def lower_ids(doc: Doc) -> list[int]:
    """The hash of each token's lower-case form (``doc.vocab.strings`` maps it back).

    Computed once per document (kept in ``doc.user_data``): reading ``token.lower_`` makes a
    Python object per token, which costs more than the matching itself on long texts.
    """
    cached = doc.user_data.get("countylines_lower_ids")
    if not isinstance(cached, list):
        cached = doc.to_array("LOWER").tolist() if len(doc) else []
        doc.user_data["countylines_lower_ids"] = cached
    return cached


#: The anchor of a pattern best found by its number (``#``): any token like a number.
NUMBER_ANCHOR: frozenset[str] = frozenset({"\x00number"})


def anchor_words(pattern: Pattern) -> frozenset[str] | None:
    """The pattern's required word set that is rarest in text, or None if it has none.

    A required number (``#``) is a candidate too (:data:`NUMBER_ANCHOR`), counted as fifteen
    words: numbers are rarer than ``is`` or ``was``, commoner than most content words.

    Rarest is judged simply: fewest words, a function word (``for``, ``the``) counting as
    twenty, since it occurs everywhere, and a punctuation mark (``(`` in ``@child ( # )``)
    as a thousand, since a wall of brackets is a cheap way to make every anchor fire.
    """
    sets: list[frozenset[str]] = []
    for token in pattern:
        lower = token.get("LOWER")
        if token.get("OP") is None and token.get("LIKE_NUM") is True:
            sets.append(NUMBER_ANCHOR)
        if token.get("OP") is not None or lower is None:
            continue
        if isinstance(lower, str):
            sets.append(frozenset({lower}))
        elif isinstance(lower, dict) and "IN" in lower:
            sets.append(frozenset(lower["IN"]))
    return min(sets, key=lambda s: sum(_rarity(w) for w in s)) if sets else None


def _rarity(word: str) -> int:
    """How common a word is, for choosing anchors: 1 for a word, 20 for a function word,
    1000 for punctuation."""
    if word in NUMBER_ANCHOR:
        return 15
    if not any(c.isalnum() for c in word):
        return 1000
    return 20 if word in STOPWORDS else 1


def _stretches(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """Merged token ranges ``[position - reach, position + reach]`` (all if no positions)."""
    if not positions:
        return [(0, length)]
    stretches: list[tuple[int, int]] = []
    for position in positions:
        low, high = max(0, position - reach), min(length, position + reach + 1)
        if stretches and low <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], high))
        else:
            stretches.append((low, high))
    return stretches
