"""What extraction returns: one mention of one thing in a text, with where, what and why.

A :class:`Mention` names its ``type`` (one of :data:`MENTION_TYPES`), its character span in
the text (Python ``str`` indices, ``end`` exclusive, so ``text[start:end] == mention.text``),
the value normalised where the type has one (phone → E.164, postcode → ``CO15 1AB``,
vehicle registration → ``AB12CDE``, and a canonical term for the others), a confidence in
[0, 1] and the rule that produced it, so every mention can be explained.

Confidences are the rules' own estimates (how often a mention of that rule, in that
situation, is right), set by hand and documented in docs/extraction.md; they rank and filter
mentions, they are not calibrated probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

MentionType = Literal[
    "phone",
    "postcode",
    "vrm",
    "street",
    "town",
    "nickname",
    "line_brand",
    "drug",
    "weapon",
    "cce_indicator",
    "cuckooing_indicator",
    "age",
    "vulnerability",
]

#: Every mention type, in the order reports list them.
MENTION_TYPES: tuple[MentionType, ...] = get_args(MentionType)

#: Types whose ``value`` is a checked, normalised identifier (compared in the benchmark).
IDENTIFIER_TYPES: frozenset[MentionType] = frozenset({"phone", "postcode", "vrm"})

#: Types that signal exploitation: a phrase, not a thing.
INDICATOR_TYPES: frozenset[MentionType] = frozenset({"cce_indicator", "cuckooing_indicator"})

#: Facts that make indicators matter but are not signs themselves: a child's age (value: the
#: age in years, e.g. ``"14"``) and a person's vulnerability (``vulnerable occupant``).
CONTEXT_TYPES: frozenset[MentionType] = frozenset({"age", "vulnerability"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention found in a text.

    Attributes:
        type: what was found (see :data:`MENTION_TYPES`).
        start: offset of the first character (Python ``str`` index into the text given).
        end: offset one past the last character.
        text: the text as written, ``text[start:end]`` of the input.
        value: the normalised value (E.164 phone, ``CO15 1AB`` postcode, ``AB12CDE``
            registration, canonical term such as ``crack cocaine``), or None.
        confidence: the rule's estimate that the mention is right, in [0, 1].
        rule: the id of the rule that produced it (see docs/extraction.md).
    """

    type: MentionType
    start: int
    end: int
    text: str
    value: str | None
    confidence: float
    rule: str

    def shifted(self, offset: int) -> Mention:
        """The same mention with its span moved by ``offset`` characters."""
        return Mention(
            self.type,
            self.start + offset,
            self.end + offset,
            self.text,
            self.value,
            self.confidence,
            self.rule,
        )

    def to_json(self) -> dict[str, str | int | float | None]:
        """A JSON-ready dict with every field (confidence rounded to 3 places)."""
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }
