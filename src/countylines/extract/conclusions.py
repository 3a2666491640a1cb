"""Concluding statements: where a text answers what it described ("No concerns.",
"Nothing in it.", "Report unfounded."). Pure functions, text and mentions in.

A report from the public or a log often describes what looked like a sign and then says it
was looked into and is not one: *"Two kids 12 and 15 to Weston late on a school night with a
bag each ... Mum had booked it, kids were going to their dad's. No concerns."* The indicator
rules and model read the description; the conclusion is the writer's answer to it. An
indicator that starts before a conclusion in the same record is **answered**: its confidence
is capped at :data:`ANSWERED_CONFIDENCE`, below the default 0.5, so it leaves the default
output but ``min_confidence=0`` still shows it, and its value names the words that answered
it. People decide; a sign the writer answered is still there to read.

Hiding a child's sign by mistake is the harm to avoid, so a conclusion counts only when it
is plainly about the whole matter (a reviewer's 51 look-alikes shaped these rules):

* **a bare sentence**: the closing phrase is the whole sentence or line, with at most an
  opening (``So``, ``Outcome:``) and the writer or officers as its subject (``There are no
  concerns.``, ``I have no concerns.``). ``No concerns from her point of view``, ``No
  concerns re: his placement``, ``No concerns, she said``, ``No sign of him`` and ``Mum has
  no concerns`` are about one person, one step or someone else's view, and answer nothing;
* **the field's closing phrases only** (:data:`_CLOSING`): ``no (safeguarding / CCE /
  further) concerns``, ``nothing in it``, ``nothing untoward``, ``no cause for concern``,
  ``report unfounded``, ``not substantiated``, ``does not meet threshold``, ``no safeguarding
  issues identified``, ``not CCE``; ``not cuckooed`` answers cuckooing signs only. ``NFA``
  only after a sentence that found nothing (``Not cuckooed. NFA.``, ``No evidence of supply.
  NFA.``): on an intelligence report it means "for information", after ``Car searched.`` it
  closes the search. Not ``all fine`` or ``they are fine`` (a person's health), not ``no
  evidence of`` (it always names something narrower);
* **not disputed**: a conclusion followed by ``but``, ``however``, ``I disagree``, ``not
  accepted``, ``escalated``, ``unconvinced`` or ``my foot`` in the next sentence, or asked as
  a question, answers nothing;
* **in its own record**: a paragraph (a blank line ends it), a list item (``1.``, ``1.1``,
  ``a)``, ``Address 2:``, any bullet), a timed entry (``14:20 ...``), a message of a thread
  (``From:``, ``-----Original Message-----``) or a form field (a line ending ``:``, or
  ``Label: value``). A conclusion answers only the signs before it in its record (and its own
  words, when a rule read ``Not cuckooed`` as a sign); one that is a form field's value
  (``Health:`` / ``No concerns.``) answers nothing else;
* **never where a child's age is given** in the record: a child is a possible victim, and
  the writer's conclusion is for a person to weigh (leaving one writer out over sets 1 to 11 this
  costs 0.007 of CCE precision per report, nothing for cuckooing).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from countylines.extract.lexicon.words import CLASSES
from countylines.extract.mention import INDICATOR_TYPES, Mention

ANSWERED_CONFIDENCE = 0.4
"""The highest confidence an answered indicator keeps (below the default 0.5 shown)."""

_CLOSING = (
    r"no\s+(?:further\s+|other\s+|wider\s+|safeguarding\s+|welfare\s+|cce\s+|"
    r"exploitation\s+|county\s+lines?\s+|drugs?\s+)?concerns?"
    r"(?:\s+(?:identified|raised|found|noted))?"
    r"|no\s+(?:safeguarding\s+)?issues\s+(?:identified|found|raised)"
    r"|no\s+cause\s+for\s+concern"
    r"|(?:there(?:'s|\s+is|\s+was)\s+)?nothing\s+(?:more\s+|else\s+)?(?:in|to)\s+it"
    r"|nothing\s+(?:sinister|untoward|suspicious|to\s+worry\s+about)"
    r"|(?:the\s+)?(?:report|referral|concern|allegation)s?\s+(?:is\s+|was\s+)?"
    r"(?:unfounded|not\s+substantiated|unsubstantiated)"
    r"|(?:does|did)\s+not\s+meet\s+(?:the\s+)?threshold"
    r"|not\s+cce"
)
_NOT_CUCKOOED = r"not\s+(?:a\s+)?cuckoo(?:ed|ing)(?:\s+address)?"
# The writer or the officers may say it ("There are no concerns.", "I have no concerns.");
# a third party's view ("Mum has no concerns", "school report no concerns") is not the answer.
_SUBJECT = (
    r"(?:(?:there\s+(?:are|were|is|was)|i\s+have|i've|we\s+have|we've|"
    r"officers?\s+(?:have|had))\s+)?"
)
_OPENING = r"(?:(?:so|overall|in\s+short|conclusion|outcome|result|summary)\s*[:,]?\s+)?"
_SENTENCE_START = r"(?:\A|(?<=[.!\n;])|(?<=[.!\n;][ \t])|(?<=[.!\n;][ \t]{2}))[ \t]*"
# The phrase is the whole sentence: a full stop, "!" or the end of the line follows.
_BARE_END = r"(?=[ \t]*(?:[.!]+(?:[ \t]|\n|\Z)|\n|\Z))"
_NFA = r"nfa|n\.f\.a|no\s+further\s+action"
_CONCLUSION = re.compile(
    _SENTENCE_START
    + _OPENING
    + _SUBJECT
    + rf"(?P<said>{_CLOSING}|{_NOT_CUCKOOED}|(?P<nfa>{_NFA}))"
    + _BARE_END,
    re.IGNORECASE,
)
# NFA closes the matter only after a sentence that found nothing: "Not cuckooed. NFA.", "No
# evidence of supply. NFA."; after "Car searched. NFA." it closes the search.
_FOUND_NOTHING = re.compile(
    r"(?:\A|(?<=[.!\n;])|(?<=[.!\n;][ \t]))[ \t]*(?:no|not|nothing|nil|none)\b[^.!?\n]{0,80}"
    r"[.!;]?[ \t]*\Z",
    re.IGNORECASE,
)
# The next sentence disputes it: "Outcome: no concerns. I do not accept this outcome".
_DISPUTED = re.compile(
    r"[ \t]*[.!]*[ \t]*\n?[ \t]*(?:but\b|however\b|i\s+(?:do\s+not|don't|dont)\s+accept|"
    r"i\s+disagree|not\s+accepted|unconvinced|escalat|seriously|my\s+(?:foot|arse|backside)|"
    r"really\?|apparently)",
    re.IGNORECASE,
)

# Where a new record starts: a blank line; a list item (1. 1.1 2) a) (b) iv. - * and any
# other bullet symbol; "Address 2:"); a timed entry ("14:20 ", "02/03 "); a message header.
_RECORD_START = re.compile(
    r"\n[ \t]*\n"
    r"|^[ \t]*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[ivx]{2,4})[.)]|\d{1,3}[ \t]*[-\u2013:]"
    r"|[^\w\s\"'(\[]|(?:address|premises|item|subject|nominal|child|location)[ \t]*\d{1,3}"
    r"[ \t]*[:.)-])[ \t]"
    r"|^[ \t]*\d{1,2}[:.]\d{2}(?:hrs)?\b"
    r"|^[ \t]*\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|^[ \t]*(?:from|sent|to|subject|date)[ \t]*:"
    r"|^-{3,}",
    re.IGNORECASE | re.MULTILINE,
)
# A form field's label: a short line ending ":" ("Health:"), or "Label: value" on one line.
_LABEL_LINE = re.compile(r"^[ \t]*[A-Za-z][\w /&'()-]{0,40}:[ \t]*$", re.MULTILINE)


def records(text: str) -> list[tuple[int, int]]:
    """The text's records as ``(start, end)`` character spans, in order, covering the text:
    split at blank lines, list items, timed entries and message headers (module doc)."""
    starts = sorted({0, *(m.start() for m in _RECORD_START.finditer(text))})
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(text)], strict=True) if s < e]


def conclusions(text: str) -> list[tuple[int, int, str]]:
    """Each concluding statement that answers its record, as ``(start, end, words as
    written)``, in order (``not cuckooed`` ones included: :func:`answer` keeps them to
    cuckooing signs)."""
    found = []
    for match in _CONCLUSION.finditer(text):
        if _DISPUTED.match(text, match.end()) or _a_fields_value(text, match.start()):
            continue
        before = text[max(0, match.start() - 100) : match.start()]
        if match.group("nfa") and not _FOUND_NOTHING.search(before):
            continue
        found.append((match.start("said"), match.end("said"), match.group("said")))
    return found


def _a_fields_value(text: str, start: int) -> bool:
    """Whether the statement at ``start`` is a form field's value: after ``Label:`` on its
    line, or first on a line below a label line (``Health:`` / ``No concerns.``). Looks back
    a bounded way (a label is short), so a megabyte of conclusions stays linear."""
    newline = text.rfind("\n", max(0, start - _LOOK_BACK), start)
    if newline < 0 and start > _LOOK_BACK:
        return False  # a long line: not a form's
    line_start = newline + 1
    if re.search(r":[ \t]*$", text[line_start:start]) and line_start < start:
        return bool(re.match(r"[ \t]*[A-Za-z][\w /&'()-]{0,40}:[ \t]*$", text[line_start:start]))
    if text[line_start:start].strip():
        return False
    previous_end = line_start - 1
    if previous_end <= 0:
        return False
    newline = text.rfind("\n", max(0, previous_end - _LOOK_BACK), previous_end)
    if newline < 0 and previous_end > _LOOK_BACK:
        return False
    return bool(_LABEL_LINE.fullmatch(text, newline + 1, previous_end))


_LOOK_BACK = 200
"""How far back, in characters, a form field's label is looked for."""

Record = tuple[int, int]


def answer(text: str, mentions: Iterable[Mention], others: Iterable[Mention] = ()) -> list[Mention]:
    """``mentions`` with each indicator that a later conclusion in its record answers capped
    at :data:`ANSWERED_CONFIDENCE`, its value ending ``answered: 'No concerns'``; every
    other mention as it was. Spans index into ``text``. Linear in the text and mentions.

    A record that gives a child's age (an ``age`` mention among ``mentions`` or ``others``)
    or names a child (``girls from Year 9``, ``a young lad``, ``the neighbour's boy``, a
    school) is never answered: a child there is a possible victim, and the writer's "No
    concerns" is not the software's to act on (``Two appeared to be around 15 years old,
    needles in the kitchen. Occupant withdrawn. No concerns.``).
    """
    mentions = list(mentions)
    if not any(m.type in INDICATOR_TYPES for m in mentions):
        return mentions
    found = conclusions(text)
    if not found:
        return mentions
    spans = records(text)
    starts = [s for s, _e in spans]

    def record_of(at: int) -> Record:
        return spans[max(0, bisect.bisect_right(starts, at) - 1)]

    with_child = {record_of(m.start) for m in [*mentions, *others] if m.type == "age"}
    with_child |= {record_of(match.start()) for match in _CHILD.finditer(text)}
    # the last conclusion of each record, and the last that is not "not cuckooed" (for CCE):
    # conclusions do not overlap, so the last to start is the last to end
    last: dict[Record, tuple[int, str]] = {}
    last_cce: dict[Record, tuple[int, str]] = {}
    for start, end, words in found:
        record = record_of(start)
        last[record] = (end, words)
        if not _NOT_CUCKOOED_WORDS.match(words):
            last_cce[record] = (end, words)
    answered = []
    for m in mentions:
        record = record_of(m.start)
        closing = (last if m.type == "cuckooing_indicator" else last_cce).get(record)
        if (
            m.type not in INDICATOR_TYPES
            or record in with_child
            or closing is None
            or closing[0] <= m.start  # it ends before the sign starts
        ):
            answered.append(m)
            continue
        said = " ".join(closing[1].split())
        value = f"{m.value}; " if m.value else ""
        answered.append(
            replace(
                m,
                confidence=min(m.confidence, ANSWERED_CONFIDENCE),
                value=f"{value}answered: '{said}'",
            )
        )
    return answered


_NOT_CUCKOOED_WORDS = re.compile(_NOT_CUCKOOED, re.IGNORECASE)
# A child named without an age ("two girls from Year 9", "a young lad in a school blazer",
# "the neighbour's boy") is a possible victim as much as one with: never answered either.
# The rules' own child words, with "lad(s)", a school and a school year.
_CHILD = re.compile(
    r"\b(?:"
    + "|".join(sorted(map(re.escape, CLASSES["child"] | {"lad", "lads"}), key=len, reverse=True))
    + r"|school\w*|year\s?\d{1,2}|yr\s?\d{1,2}|y\d{1,2})\b",
    re.IGNORECASE,
)
