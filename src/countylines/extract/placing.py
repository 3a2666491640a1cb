"""Whether a place name that is also a word or a surname (``Reading``, ``Derby``, ``Crawley``)
is written as a place: pure functions over spaCy tokens.

Such a name (marked ``*`` in :mod:`countylines.extract.lexicon.places`) is taken as a town
only in capitals and where its surroundings place it. The cues are the ways addresses, logs
and lists write places:

* a placing word before it: ``in Reading``, ``from Derby`` (``PLACE_PREPOSITIONS``);
* after a street: ``Milward Road Hastings``, ``Normanton Road, Derby``;
* before a postcode: ``Crawley RH11 8LE``; before a county: ``Boston, Lincolnshire``;
* before a place noun: ``Derby station``, ``Derby city centre``, ``Slough cell``;
* alone in brackets after a number or a name: ``07700 900524 (Chatham)``;
* a record's heading: after a comma on the text's first line, closing it or its sentence
  (``Custody, Lincoln.``, ``YOT note, Derby.``; not ``SMITH, Preston.``, a forename), or
  between commas after a word in lower case (``stop and search, Selby, 1630``); or closing
  the first line after a separator or a gap (``EARLY HELP - Grantham``, ``3/C/P  Kendal``);
* in a list or route with a town placed already: ``Sleaford and Grantham``, ``Lincoln -
  Gainsborough``, ``Manchester \u2194 Preston``
  (not after a comma: ``DC Preston, Colchester`` is a person and a town).

None counts after a title (``Mr``, ``DC``, ``Officer``); a month is not placed by a
preposition (``in March 2024``); a street is not a cue when a verb of saying follows
(``Station Road, Preston told officers``). A surname is written none of these ways
(``Mr LINCOLN``, ``Abraham Lincoln``, ``Sutton said``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from countylines.extract.lexicon.words import CLASSES, PLACE_PREPOSITIONS, words
from countylines.extract.streets import STREET_WORDS

PLACE_NOUNS_AFTER = words("station city town centre center area cell bus train district")
"""Words after a name that make it a place (``Derby station``, ``Reading town centre``)."""

LIST_JOINERS = frozenset({"and", "&", "-", "\u2013", "/", "or", "to", "\u2192", "\u2194"})
"""Tokens between two places in a list or a route (``Lincoln - Gainsborough``, ``Nottingham
\u2192 Grantham``; ``Liverpool > Durham`` too, as matching reads a lone ``>`` as ``\u2192``:
:mod:`countylines.extract.normalise`)."""

HEADING_SEPARATORS = frozenset({"-", "\u2013", "\u2014", "|", ":"})
"""Tokens before a name that closes a record's first line (``MASH screening - Barrow``,
``LANCS/IR/24/3377 | 3/C/P | Preston``)."""

TITLES = words(
    """
    mr mrs ms miss mx dr dc ds di dci dsu pc ps pcso sgt insp inspector officer officers
    constable sergeant det detective supt nominal subject suspect victim witness
    """
)
"""Words before a name that make it a person's (``DC Preston``, ``Mr Reading``)."""

SAYING = words("said says told tells stated states asked replied admitted added explained")
"""Verbs after a name that make it the speaker (``Pier Avenue, Sutton said``)."""

_NOT_IN_A_HEADING = TITLES | SAYING  # words of a sentence about a person, not a heading

MONTHS = words("march may august")
"""Place names that are also months: a preposition does not place them (``in March``)."""

COUNTIES = CLASSES["place_area"] | words("lincs notts cambs bucks")
"""County names after a comma that place the name before (``Boston, Lincolnshire``): the
clause reader's ``place_area`` words and the usual short forms (not ``beds``, a word too)."""

_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$", re.IGNORECASE)
_INWARD = re.compile(r"^[0-9][A-Z]{2}$", re.IGNORECASE)
_LINE_OR_SENTENCE_END = re.compile(r"\n|[.!?]\s")
_WHOLE_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$", re.IGNORECASE)


def placed_alone(span: Span) -> bool:
    """Whether the span's own surroundings place it (every cue above but the list)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_.rstrip(".") in TITLES:
        return False
    month = span.text.lower() in MONTHS
    if month and after is not None and after.like_num:
        return False  # "March 2024"
    if before is not None and before.lower_ in PLACE_PREPOSITIONS and not month:
        return True
    street_at = span.start - 1 - (before is not None and before.text == ",")
    street = street_at > 0 and doc[street_at].lower_.rstrip(".") in STREET_WORDS
    if street and not (after is not None and after.lower_ in SAYING):
        return True
    if after is not None:
        next_at = span.end + (after.text == ",")
        if next_at < len(doc) and _postcode_at(span, next_at):
            return True
        if after.text == "," and next_at < len(doc) and doc[next_at].lower_ in COUNTIES:
            return True
        if after.lower_ in PLACE_NOUNS_AFTER:
            return True
    return _bracketed(span) or _heading(span)


class Placed:
    """Token spans ``(start, end)`` of the towns taken so far, with their starts and ends
    indexed: asking about one span costs the same however many towns a text names."""

    def __init__(self) -> None:
        self.spans: set[tuple[int, int]] = set()
        self.starts: set[int] = set()
        self.ends: set[int] = set()

    def add(self, start: int, end: int) -> None:
        """Take the span ``(start, end)``."""
        self.spans.add((start, end))
        self.starts.add(start)
        self.ends.add(end)

    def __contains__(self, span: object) -> bool:
        return span in self.spans


def placed_in_list(span: Span, placed: Placed) -> bool:
    """Whether the span sits in a list or route next to a placed town (``placed``: the towns
    already taken: the unambiguous, those :func:`placed_alone` places, and those a list
    placed before). Runs of spaces between the names and the joiner are passed over
    (``Liverpool  ->  Durham``)."""
    doc = span.doc
    at = _word_at(doc, span.start - 1, -1)
    before = doc[at] if at >= 0 else None
    if before is not None and before.lower_.rstrip(".") in TITLES:
        return False
    if (
        before is not None
        and before.lower_ in LIST_JOINERS
        and _word_at(doc, at - 1, -1) + 1 in placed.ends
    ):
        return True
    joiner = _word_at(doc, span.end, 1)
    if joiner < 0 or doc[joiner].lower_ not in LIST_JOINERS:
        return False
    if _word_at(doc, joiner + 1, 1) not in placed.starts:
        return False
    # first in the list: not straight after a word ("Officers Preston and Colchester CID")
    return before is None or not _a_word(before)


def _word_at(doc: Doc, index: int, step: int) -> int:
    """The first token from ``index`` (going by ``step``) that is not a run of spaces, or -1;
    at most three are passed over."""
    for _ in range(4):
        if not 0 <= index < len(doc):
            return -1
        if not doc[index].is_space:
            return index
        index += step
    return -1


def _a_word(token: Token) -> bool:
    return token.is_alpha and token.lower_ not in PLACE_PREPOSITIONS and not token.is_sent_start


def _postcode_at(span: Span, index: int) -> bool:
    doc = span.doc
    if _WHOLE_POSTCODE.match(doc[index].text):
        return True
    return (
        index + 1 < len(doc)
        and _OUTWARD.match(doc[index].text) is not None
        and _INWARD.match(doc[index + 1].text) is not None
    )


def _bracketed(span: Span) -> bool:
    """Alone in brackets after a number, a quoted name or a name in capitals (``07700
    900524 (Chatham)``, ``line 'RIZZ' (Stevenage)``; not ``spoke to him (Lincoln)``)."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc):
        return False
    if doc[span.start - 1].text != "(" or not doc[span.end].text.startswith(")"):
        return False
    previous = doc[span.start - 2].text
    return any(c.isdigit() for c in previous) or previous in {'"', "'"} or previous.isupper()


def _heading(span: Span) -> bool:
    """A record's heading, in the text's first line and sentence: after a comma, ending the
    line or the sentence (``Custody, Lincoln.``), or between commas after a word in lower case
    (``Street pastors, Hull, Fair week``); or closing the first line after a separator or a
    gap (``MASH screening - Barrow``, ``CUM/24/1188  3/C/P  Kendal``). Not after a surname
    in capitals or a title (``SMITH, Lincoln.`` gives a forename)."""
    doc = span.doc
    if span.start < 1 or span.start_char > _first_break(doc):
        return False
    before = doc[span.start - 1]
    after = doc[span.end] if span.end < len(doc) else None
    closes = after is None or after.text.startswith("\n") or after.is_space
    if before.text in HEADING_SEPARATORS or before.is_space:
        closes_line = closes or (
            after is not None
            and after.text in {".", ":"}
            and (span.end + 1 == len(doc) or doc[span.end + 1].text.startswith("\n"))
        )
        return closes_line and span.start > 1
    if span.start < 2 or before.text != ",":
        return False
    if doc[span.start - 2].text.isupper() or doc[span.start - 2].lower_ in TITLES:
        return False
    if closes or after is None or after.text in {".", ":", "-", "\u2013"}:
        return True
    if after.text != "," or not doc[span.start - 2].text.islower():
        return False
    # between commas only as the second item of a heading: "Street pastors, Hull, ..."; not
    # "Mr LINCOLN said the tenant, Derby, had left" (a person named after a sentence)
    words = 0
    for token in doc[: before.i]:  # stops at a comma or the fifth word: not linear in the text
        if token.text == "," or token.lower_.rstrip(".") in _NOT_IN_A_HEADING:
            return False
        words += not token.is_space and not token.is_punct
        if words > 4:
            return False
    return True


def _first_break(doc: Doc) -> int:
    """Where the text's first line or sentence ends (its length if it does not): found once
    per document, as ``doc.text`` is built anew on each read."""
    cached = doc.user_data.get("countylines_first_break")
    if cached is None:
        found = _LINE_OR_SENTENCE_END.search(doc.text)
        cached = doc.user_data["countylines_first_break"] = (
            found.start() if found else len(doc.text)
        )
    return int(cached)
