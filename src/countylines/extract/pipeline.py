"""The spaCy pipeline: a blank English tokenizer and rule components, built once and cached.

No statistical model is used or downloaded: ``spacy.blank("en")`` gives the tokenizer, and
each component adds mentions to ``doc._.countylines_mentions``:

=============================== ===========================================================
component                       finds
=============================== ===========================================================
``sentencizer``                 sentence starts (spaCy's rule-based one)
``countylines_identifiers``     phones (digits and spelt), postcodes, registrations (regexes
                                and token runs: :mod:`.phones`, :mod:`.spelt`,
                                :mod:`.postcodes`, :mod:`.vrm`)
``countylines_terms``           drugs, weapons, towns (``PhraseMatcher``: :mod:`.terms`)
``countylines_streets``         streets (``Matcher``: :mod:`.streets`)
``countylines_nicknames``       nicknames (``Matcher`` and quotes: :mod:`.nicknames`)
``countylines_indicators``      CCE and cuckooing indicators (``Matcher``: :mod:`.indicators`;
                                then the clause reader, :mod:`.clauses`), children's ages
                                and vulnerabilities
=============================== ===========================================================

``countylines_terms`` also leaves a :class:`~countylines.extract.context.Context` in
``doc.user_data`` for the indicator rules that need drug talk or a home nearby.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from countylines.extract.clauses import read_clauses
from countylines.extract.context import Context
from countylines.extract.indicators import PLACE_CONFIDENCE, IndicatorMatcher, numbers_not_ages
from countylines.extract.lexicon.places import TOWNS
from countylines.extract.mention import Mention
from countylines.extract.nicknames import find_nicknames, naming_matcher
from countylines.extract.phones import find_phones
from countylines.extract.postcodes import find_postcodes
from countylines.extract.rules import text_of
from countylines.extract.spelt import find_spelt_phones
from countylines.extract.streets import find_streets, street_matcher
from countylines.extract.terms import (
    TermMatcher,
    decide,
    placed_towns,
    split_pair,
    sure_context,
)
from countylines.extract.vrm import find_vrms

MENTIONS = "countylines_mentions"
CONTEXT = "countylines_context"

PHRASES = "countylines_phrases"
if not Doc.has_extension(MENTIONS):
    Doc.set_extension(MENTIONS, default=None)
if not Doc.has_extension(PHRASES):
    Doc.set_extension(PHRASES, default=None)


def mentions_of(doc: Doc) -> list[Mention]:
    """The mentions the components have added to ``doc`` (a new list if none yet)."""
    found: list[Mention] | None = getattr(doc._, MENTIONS)
    if found is None:
        found = []
        setattr(doc._, MENTIONS, found)
    return found


def phrases_of(doc: Doc) -> list[Mention]:
    """The phrase rules' indicator mentions of ``doc`` before the clause reader widened or
    checked them (what ``clauses=False`` gives): the indicator model's features."""
    found: list[Mention] | None = getattr(doc._, PHRASES)
    return list(found or [])


def context_of(doc: Doc) -> Context:
    """The context left by ``countylines_terms`` (or one built from the words alone)."""
    context = doc.user_data.get(CONTEXT)
    if not isinstance(context, Context):
        context = Context(doc)
        doc.user_data[CONTEXT] = context
    return context


class Identifiers:
    """Component: phone numbers, postcodes and vehicle registrations."""

    def __call__(self, doc: Doc) -> Doc:
        found = mentions_of(doc)
        text = text_of(doc)
        found.extend(find_phones(text))
        found.extend(find_spelt_phones(doc))
        found.extend(find_postcodes(text))
        found.extend(find_vrms(text))
        return doc


class Terms:
    """Component: drug, weapon and town terms, and the context for later rules."""

    def __init__(self, nlp: Language, extra_places: list[str]) -> None:
        self.matcher = TermMatcher(nlp.vocab, nlp.make_doc, extra_places)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher.matches(doc)
        context = Context(doc, sure_context(matches))
        doc.user_data[CONTEXT] = context
        found = mentions_of(doc)
        towns = placed_towns(matches)
        for term, span in matches:
            mention = decide(term, span, context, towns)
            if mention is not None:
                found.extend(split_pair(mention, span))
        return doc


class Streets:
    """Component: street names."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = street_matcher(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        mentions_of(doc).extend(find_streets(doc, self.matcher))
        return doc


class Nicknames:
    """Component: nicknames (a quoted drug, weapon or place word is not one)."""

    def __init__(self, nlp: Language, not_names: frozenset[str]) -> None:
        self.matcher = naming_matcher(nlp.vocab)
        self.not_names = not_names

    def __call__(self, doc: Doc) -> Doc:
        mentions_of(doc).extend(find_nicknames(doc, self.matcher, self.not_names))
        return doc


class Indicators:
    """Component: CCE and cuckooing indicators (the towns found give places to rules), then
    the clause reader unless ``clauses`` is false (the phrase rules' own phrases only)."""

    def __init__(self, nlp: Language, clauses: bool = True) -> None:
        self.matcher = IndicatorMatcher(nlp.vocab)
        self.clauses = clauses

    def __call__(self, doc: Doc) -> Doc:
        found = mentions_of(doc)
        in_street = bytearray(len(text_of(doc)))  # a town inside a street (Liverpool Street)
        for m in found:
            if m.type == "street":
                in_street[m.start : m.end] = b"\x01" * (m.end - m.start)
        towns = [
            (m.start, m.end)
            for m in found
            if m.type == "town"
            and m.confidence >= PLACE_CONFIDENCE
            and not any(in_street[m.start : m.end])
        ]
        # a number word inside a phone ("is oh seven seven double oh ...") is a digit of
        # the number, never a child's age: neither age reader may take it
        phones = _token_spans(doc, ((m.start, m.end) for m in found if m.type == "phone"))
        # nor a house number before a street, nor the inches of a height ("5ft 11")
        streets = _token_spans(doc, ((m.start, m.end) for m in found if m.type == "street"))
        not_ages = phones + numbers_not_ages(doc, frozenset(start for start, _ in streets))
        phrases = self.matcher.find(doc, context_of(doc), towns, not_ages=not_ages)
        setattr(doc._, PHRASES, phrases)
        if not self.clauses:
            found.extend(phrases)
            return doc
        ages = _token_spans(doc, ((m.start, m.end) for m in phrases if m.type == "age"))
        found.extend(read_clauses(doc, phrases, ages, _token_spans(doc, towns), not_ages=not_ages))
        return doc


def _token_spans(doc: Doc, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans as token spans ``[start, end)`` (widened to whole tokens)."""
    found = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.append((span.start, span.end))
    return found


@Language.factory("countylines_identifiers")
def _identifiers(nlp: Language, name: str) -> Identifiers:
    return Identifiers()


@Language.factory("countylines_terms", default_config={"extra_places": []})
def _terms(nlp: Language, name: str, extra_places: list[str]) -> Terms:
    return Terms(nlp, extra_places)


@Language.factory("countylines_streets")
def _streets(nlp: Language, name: str) -> Streets:
    return Streets(nlp)


@Language.factory("countylines_nicknames", default_config={"not_names": []})
def _nicknames(nlp: Language, name: str, not_names: list[str]) -> Nicknames:
    return Nicknames(nlp, frozenset(not_names))


@Language.factory("countylines_indicators", default_config={"clauses": True})
def _indicators(nlp: Language, name: str, clauses: bool) -> Indicators:
    return Indicators(nlp, clauses)


@lru_cache(maxsize=4)
def build_pipeline(extra_places: frozenset[str] = frozenset(), clauses: bool = True) -> Language:
    """The extraction pipeline, with ``extra_places`` as more town names (cached); with
    ``clauses`` false, indicators are the phrase rules' own phrases (no clause reader).

    Building takes about a second (the lexicons are tokenized); the four most recent
    pipelines are kept.
    """
    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000  # windows are far shorter (see limits.WINDOW_CHARS)
    tokenizer: Any = nlp.tokenizer  # spacy.tokenizer.Tokenizer (Cython: no stub)
    for pair in ("B&W", "W&B", "W+B", "B+W"):  # spaCy keeps "B&W." whole, as "U.K."
        tokenizer.add_special_case(pair + ".", [{"ORTH": pair}, {"ORTH": "."}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("countylines_identifiers")
    terms = nlp.add_pipe("countylines_terms", config={"extra_places": sorted(extra_places)})
    assert isinstance(terms, Terms)
    places = {spelling.lower() for _name, spellings, _ambiguous in TOWNS for spelling in spellings}
    not_names = sorted(
        {w.lower() for w in terms.matcher.sure_words} | places | {p.lower() for p in extra_places}
    )
    nlp.add_pipe("countylines_streets")
    nlp.add_pipe("countylines_nicknames", config={"not_names": not_names})
    nlp.add_pipe("countylines_indicators", config={"clauses": clauses})
    return nlp
