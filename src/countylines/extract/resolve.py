"""From every rule's mentions to one answer: overlaps settled, indicator phrases merged.

1. Mentions below ``min_confidence`` are dropped.
2. Indicator mentions of one type that overlap are merged into one phrase (the union of the
   spans; the highest confidence; the values joined with ``; ``, the surest first; the rules
   joined with ``+``), and so are two mentions of
   the same sign that only a space or a joining word separates (``cars pulling up all
   night``; ``needles and foil``; ``black eye, cuts``).
3. Other mentions never overlap one another. Where they do, a mention of a surer kind wins:
   phone, postcode and registration first, then nickname (``aka Charlie`` is a person, not
   cocaine), street (``Clacton Road`` is a street, not the town), town, then drug and weapon;
   within a kind the longest, then the most confident. A town and a street on exactly the
   same words (``Notting Hill``) is the town.
4. The result is sorted by position, then type: the same text always gives the same list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from countylines.extract.mention import CONTEXT_TYPES, INDICATOR_TYPES, Mention

_RANK = {
    "phone": 0, "postcode": 0, "vrm": 0, "nickname": 1, "line_brand": 1, "street": 2,
    "town": 3, "drug": 4,
    "weapon": 4, "age": 5, "vulnerability": 5,
}  # fmt: skip


def resolve(text: str, mentions: Iterable[Mention], min_confidence: float) -> list[Mention]:
    """Settle overlaps and merge indicator phrases (see the module docstring).

    Args:
        text: the text the mentions' spans index into.
        mentions: every rule's mentions.
        min_confidence: mentions below this are dropped.
    """
    kept = [m for m in mentions if m.confidence >= min_confidence]
    indicators = [m for m in kept if m.type in INDICATOR_TYPES]
    others = [m for m in kept if m.type not in INDICATOR_TYPES]
    # A child's age or a person's vulnerability is a fact beside the entities, and may share
    # their words ("heroin dependent" holds the drug "heroin"): they give way only to each other.
    facts = [m for m in others if m.type in CONTEXT_TYPES]
    entities = [m for m in others if m.type not in CONTEXT_TYPES]
    result = (
        _merge_indicators(text, indicators)
        + _without_overlaps(len(text), entities)
        + _without_overlaps(len(text), facts)
    )
    return sorted(result, key=lambda m: (m.start, m.end, m.type, m.rule))


#: Between two mentions of the same sign, text that makes them one phrase: a space (``cars
#: pulling up`` ``all night``) or a joining word (``needles and foil``, ``black eye and
#: cuts``, ``vulnerable adult with mental health issues``) - unless the second starts a new
#: clause with its own subject (``taken over his flat`` and ``he is sleeping in his car``).
_JOIN = re.compile(
    r"\s{0,3}(?:,|and|&|n|or|/|\+|with)?\s{0,3}(?:and\s{1,3})?(?:the|a|an|his|her|their)?\s{0,3}",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"(?:he|she|they|it|i|we|you)\b", re.IGNORECASE)


def _joins(text: str, previous: Mention, mention: Mention) -> bool:
    """Whether ``mention`` continues the phrase that ended with ``previous``."""
    gap = text[previous.end : mention.start]
    return (
        previous.value == mention.value
        and 0 < len(gap) <= 16  # touching is not joining: a space or a word between
        and _JOIN.fullmatch(gap) is not None
        and _SUBJECT.match(mention.text) is None
    )


def _merge_indicators(text: str, mentions: list[Mention]) -> list[Mention]:
    merged: list[Mention] = []
    for kind in sorted({m.type for m in mentions}):
        group: list[Mention] = []
        last: Mention | None = None  # the group's mention that ends last
        for mention in sorted((m for m in mentions if m.type == kind), key=_by_start):
            if last is not None and (mention.start < last.end or _joins(text, last, mention)):
                group.append(mention)
                if mention.end > last.end:
                    last = mention
                continue
            if group:
                merged.append(_union(text, group))
            group, last = [mention], mention
        if group:
            merged.append(_union(text, group))
    return merged


def _by_start(mention: Mention) -> tuple[int, int, str]:
    return (mention.start, -mention.end, mention.rule)


def _union(text: str, group: list[Mention]) -> Mention:
    if len(group) == 1:
        return group[0]
    start = min(m.start for m in group)
    end = max(m.end for m in group)
    best = max(group, key=lambda m: (m.confidence, m.end - m.start))
    rules = "+".join(dict.fromkeys(m.rule for m in group))
    # every sign seen stays visible: the surest first, then the others in text order
    ranked = [best] + [m for m in sorted(group, key=_by_start) if m is not best]
    value = join_signs(str(m.value) for m in ranked if m.value) or best.value
    return Mention(best.type, start, end, text[start:end], value, best.confidence, rules)


_SIGN_PREFIX = re.compile(r"^(?:about the child|child|home): ")


def join_signs(values: Iterable[str]) -> str:
    """Indicator values joined with "; ", in order, leaving out a value whose signs were all
    named already: ``visitors at all hours`` then ``home: visitors at all hours`` (the clause
    reader's wording of the same sign) is said once."""
    kept: list[str] = []
    said: set[str] = set()
    for value in values:
        for part in value.split("; "):
            signs = set(_SIGN_PREFIX.sub("", part).split(", "))
            if part and not signs <= said:
                kept.append(part)
                said |= signs
    return "; ".join(kept)


def _without_overlaps(length: int, mentions: list[Mention]) -> list[Mention]:
    towns = {(m.start, m.end) for m in mentions if m.type == "town"}
    candidates = [m for m in mentions if not (m.type == "street" and (m.start, m.end) in towns)]
    candidates.sort(
        key=lambda m: (_RANK[m.type], -(m.end - m.start), -m.confidence, m.start, m.rule)
    )
    chosen: list[Mention] = []
    taken = bytearray(length)  # 1 where a chosen mention lies: linear in the text, not n²
    for mention in candidates:
        if any(taken[mention.start : mention.end]):
            continue
        chosen.append(mention)
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return chosen
