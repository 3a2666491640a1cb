"""Whether a place name that is also a word or a surname (``Reading``, ``Derby``, ``Crawley``)
is written as a place: pure functions over spaCy tokens.

Such a name (marked ``*`` in :mod:`countylines.extract.lexicon.places`) is taken as a town
only in capitals and where its surroundings place it. The cues are the ways addresses, logs
and lists write places:

* a placing word before it: ``in Reading``, ``from Derby`` (``PLACE_PREPOSITIONS``);
* after a street: ``Milward Road Hastings``, ``Normanton Road, Derby``;
* before a postcode: ``Crawley RH11 8LE``;
* before a place noun: ``Derby station``, ``Derby city centre``, ``Slough cell``;
* alone in brackets: ``07700 900524 (Chatham)``;
* a record's heading: after a comma on the text's first line, closing it or its sentence
  (``Custody, Lincoln.``, ``YOT note, Derby.``);
* in a list with a town placed already: ``Sleaford and Grantham``, ``Lincoln - Gainsborough``.

A surname is written none of these ways (``Mr LINCOLN``, ``Abraham Lincoln``, ``Sutton said``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Span

from countylines.extract.lexicon.words import PLACE_PREPOSITIONS, words
from countylines.extract.streets import STREET_WORDS

PLACE_NOUNS_AFTER = words("station city town centre center area cell bus train district")
"""Words after a name that make it a place (``Derby station``, ``Reading town centre``)."""

LIST_JOINERS = frozenset({",", "and", "&", "-", "\u2013", "/", "or", "to"})
"""Tokens between two places in a list or a route (``Lincoln - Gainsborough``)."""

_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$", re.IGNORECASE)
_INWARD = re.compile(r"^[0-9][A-Z]{2}$", re.IGNORECASE)
_LINE_OR_SENTENCE_END = re.compile(r"\n|[.!?]\s")
_WHOLE_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$", re.IGNORECASE)


def placed_alone(span: Span) -> bool:
    """Whether the span's own surroundings place it (every cue above but the list)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in PLACE_PREPOSITIONS:
        return True
    street_at = span.start - 1 - (before is not None and before.text == ",")
    if street_at >= 0 and doc[street_at].lower_.rstrip(".") in STREET_WORDS and street_at > 0:
        return True
    if after is not None:
        next_at = span.end + (after.text == ",")
        if next_at < len(doc) and _postcode_at(span, next_at):
            return True
        if after.lower_ in PLACE_NOUNS_AFTER:
            return True
        if before is not None and before.text == "(" and after.text == ")":
            return True
    return _heading(span)


def placed_in_list(span: Span, placed_edges: Collection[tuple[int, int]]) -> bool:
    """Whether the span sits in a list or route next to a placed town: ``placed_edges`` are
    the ``(start, end)`` token spans of towns already taken (the unambiguous, and those
    :func:`placed_alone` places)."""
    doc = span.doc
    ends = {end for _start, end in placed_edges}
    starts = {start for start, _end in placed_edges}
    if span.start >= 2 and doc[span.start - 1].lower_ in LIST_JOINERS and span.start - 1 in ends:
        return True
    return (
        span.end + 1 < len(doc) and doc[span.end].lower_ in LIST_JOINERS and span.end + 1 in starts
    )


def _postcode_at(span: Span, index: int) -> bool:
    doc = span.doc
    if _WHOLE_POSTCODE.match(doc[index].text):
        return True
    return (
        index + 1 < len(doc)
        and _OUTWARD.match(doc[index].text) is not None
        and _INWARD.match(doc[index + 1].text) is not None
    )


def _heading(span: Span) -> bool:
    """After a comma in the text's first line and sentence, ending one of them."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    if _LINE_OR_SENTENCE_END.search(doc.text[: span.start_char]):
        return False
    if span.end == len(doc):
        return True
    after = doc[span.end]
    return after.text in {".", ":", "-", "\u2013"} or after.text.startswith("\n") or after.is_space
