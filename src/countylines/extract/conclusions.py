"""Concluding statements: where a text answers what it described ("No concerns.",
"Nothing in it.", "NFA."). Pure functions, text and mentions in.

A report from the public or a log often describes what looked like a sign and then says it
was looked into and is not one: *"Two kids 12 and 15 to Weston late on a school night with a
bag each ... Mum had booked it, kids were going to their dad's. It's fine."* The indicator
rules and model read the description; the conclusion is the writer's answer to it. An
indicator that starts before an unscoped conclusion in the same record is **answered**: its
confidence is capped at :data:`ANSWERED_CONFIDENCE`, below the default 0.5, so it leaves the
default output but ``min_confidence=0`` still shows it, and its value names the words that
answered it. People decide; a sign the writer answered is still there to read.

What counts as a conclusion (:data:`_CONCLUSION`):

* a closing phrase of the field or of everyday speech: ``no concerns`` (``no further /
  safeguarding / CCE concerns``), ``nothing in it``, ``nothing untoward``, ``false alarm``,
  ``all fine``, ``it's legitimate``, ``an innocent explanation``, ``no evidence of``, ``no
  links to drugs``, ``officers were satisfied that``, ``not cuckooed``; ``NFA`` and ``no
  further action`` only as a sentence of their own (``Search NFA``, ``NFA at this time; for
  development`` close one step, not the matter);
* opening its sentence (or a clause after ``;``): ``E's school reports no concerns`` and
  ``Kayden: no concerns`` speak of one person or one place, not of the record;
* inside a list item, also after a comma, a dash or a colon (the item is its own record);
* not followed by ``for``, ``about``, ``re``, ``with`` … and ``him``, ``her``, ``them``,
  ``the ...`` or a name: ``no concerns for him`` and ``no concerns about them being used``
  are about someone, not the record.

A record is the whole text, except in a list (two or more lines that start with a number, a
letter such as ``a)`` or a bullet: a premises list, a register review), where each item is
its own record: "2. ... - occupant alone, no concerns" answers item 2 only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from countylines.extract.mention import INDICATOR_TYPES, Mention

ANSWERED_CONFIDENCE = 0.4
"""The highest confidence an answered indicator keeps (below the default 0.5 shown)."""

_CLOSING = (
    r"no\s+(?:further\s+|other\s+|wider\s+|safeguarding\s+|welfare\s+|cce\s+|exploitation\s+)?"
    r"concerns?"
    r"|(?:there(?:'s|\s+is|\s+was)\s+)?nothing\s+(?:more\s+|else\s+)?(?:in|to)\s+it"
    r"|nothing\s+(?:sinister|untoward|suspicious|of\s+concern)"
    r"|false\s+alarm|panic\s+over"
    r"|(?:it'?s\s+|it\s+is\s+|it\s+was\s+|they'?re\s+|they\s+are\s+|they\s+were\s+|"
    r"everything(?:'s|\s+is|\s+was)\s+)?all\s+(?:fine|ok|okay|good|well|explained|"
    r"accounted\s+for|above\s+board)"
    r"|(?:it'?s|it\s+is|it\s+was|this\s+is|this\s+was|they'?re|they\s+are|they\s+were)\s+"
    r"(?:fine|legit|legitimate|genuine|innocent|above\s+board)"
    r"|(?:there\s+(?:is|was)\s+)?(?:an\s+)?innocent\s+explanation"
    r"|no\s+(?:intelligence|evidence|indication|information|suggestion|signs?)\s+"
    r"(?:of|to\s+support|to\s+suggest|that)"
    r"|no\s+(?:links?|connection)\s+to\s+(?:drugs?|any\s+line|a\s+line|gangs?|county\s+lines|"
    r"exploitation|dealing)"
    r"|(?:i\s+am|i'm|we\s+are|we're|officers?\s+(?:are|were|was|is))\s+satisfied\s+(?:that|there)"
    r"|not\s+(?:a\s+)?cuckoo(?:ed|ing)"
)
# NFA / no further action: a sentence of its own, to the end of its line or sentence.
_CLOSING_ALONE = r"(?:nfa|n\.f\.a\.?|no\s+further\s+action)(?=\s*\.?\s*(?:\n|\Z|\.\s))"

_OPENING = r"(?:(?:so|but|otherwise|and|overall|in\s+short|conclusion:?|outcome:?|result:?)[,\s]+)?"
_SAID = (
    rf"(?P<said>{_CLOSING}|{_CLOSING_ALONE})\b"
    r"(?!\s+(?:for|about|re|regarding|over|with|around)\s+(?:him|her|them|his|their|the\s|[A-Z]))"
)
_CONCLUSION = re.compile(
    r"(?:\A|(?<=[.!?\n;])|(?<=[.!?\n;][ \t])|(?<=[.!?\n;][ \t]{2}))[ \t]*" + _OPENING + _SAID,
    re.IGNORECASE,
)
# Inside a list item a conclusion may also follow a comma, a dash or a colon: the item is
# its own record ("2. 30 Lawrence Avenue - occupant alone, no concerns").
_CONCLUSION_IN_ITEM = re.compile(r"(?<=[,:\-\u2013\u2014])[ \t]+" + _OPENING + _SAID, re.IGNORECASE)
# A line that starts a list item: "1.", "2)", "a)", "(b)", "iv.", "-", "*", "•".
_ITEM = re.compile(
    r"^[ \t]*(?:\(?(?:\d{1,3}|[A-Za-z]|[ivx]{2,4})[.)]|[-*\u2022\u2013])[ \t]", re.MULTILINE
)


def records(text: str) -> list[tuple[int, int]]:
    """The text's records as ``(start, end)`` character spans: the whole text, or in a list
    (two or more item lines) the part before the first item and each item to the next."""
    starts = [m.start() for m in _ITEM.finditer(text)]
    if len(starts) < 2:
        return [(0, len(text))]
    bounds = [0, *starts] if starts[0] > 0 else starts
    return [(s, e) for s, e in zip(bounds, [*bounds[1:], len(text)], strict=True)]


def conclusions(text: str) -> list[tuple[int, int, str]]:
    """Each concluding statement as ``(start, end, words as written)``, in order."""
    found = {(m.start("said"), m.end("said"), m.group("said")) for m in _CONCLUSION.finditer(text)}
    spans = records(text)
    if len(spans) > 1:  # a list: inside each item, after a comma, dash or colon too
        for start, end in spans:
            for m in _CONCLUSION_IN_ITEM.finditer(text, start, end):
                found.add((m.start("said"), m.end("said"), m.group("said")))
    return sorted(found)


def answer(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """``mentions`` with each indicator that a later conclusion in its record answers capped
    at :data:`ANSWERED_CONFIDENCE`, its value ending ``answered: 'No concerns'``; every
    other mention as it was. Spans index into ``text``."""
    found = conclusions(text)
    mentions = list(mentions)
    if not found:
        return mentions
    spans = records(text)
    return [_answered(m, spans, found) if m.type in INDICATOR_TYPES else m for m in mentions]


def _answered(
    mention: Mention, spans: Sequence[tuple[int, int]], found: Sequence[tuple[int, int, str]]
) -> Mention:
    end = next((e for s, e in spans if s <= mention.start < e), len(mention.text))
    later = [words for start, _end, words in found if mention.start < start < end]
    if not later:
        return mention
    said = " ".join(later[-1].split())
    value = f"{mention.value}; " if mention.value else ""
    return replace(
        mention,
        confidence=min(mention.confidence, ANSWERED_CONFIDENCE),
        value=f"{value}answered: '{said}'",
    )
