"""``extract()``: every mention in a text, deterministic, no I/O."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from countylines.extract.conclusions import answer
from countylines.extract.learned.features import TextView
from countylines.extract.limits import check_text, windows
from countylines.extract.mention import INDICATOR_TYPES, Mention
from countylines.extract.normalise import Decoded, decode_entities, for_matching
from countylines.extract.postcodes import apply_postcode_list
from countylines.extract.resolve import resolve

#: Mentions less sure than this are left out unless asked for (``min_confidence=0``).
DEFAULT_MIN_CONFIDENCE = 0.5


def extract(
    text: str,
    *,
    known_postcodes: Collection[str] | None = None,
    gazetteer: Collection[str] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    clauses: bool = True,
    learned: bool = True,
) -> list[Mention]:
    """Find phones, postcodes, registrations, streets, towns, nicknames, drugs, weapons and
    CCE and cuckooing indicators, children's ages and vulnerabilities in ``text``.

    Args:
        text: any text (a public report, an intelligence report), at most
            :data:`~countylines.extract.limits.MAX_TEXT_CHARS` characters. HTML, script and
            markup are read as plain text; HTML character references (``&nbsp;``, ``&amp;``)
            are read as the characters they stand for, and spans still index into ``text``.
        known_postcodes: postcodes known to exist, normalised (``CO15 1AB``), e.g. the
            workspace's loaded postcode lookup; a postcode in it is surer, one not in it
            less sure (see :mod:`countylines.extract.postcodes`).
        gazetteer: more place names to find as towns (e.g. from the loaded geography).
        min_confidence: leave out mentions less sure than this (0 keeps all).
        clauses: read indicators clause by clause (:mod:`countylines.extract.clauses`);
            false gives the phrase rules' own phrases only, as the rules found them (to
            see which words of a clause set a rule off).
        learned: decide the CCE and cuckooing indicators with the indicator model
            (:mod:`countylines.extract.learned`), given the rules' findings; false gives the
            rules' own indicators. Only with ``clauses``.

    An indicator the text goes on to answer ("... No concerns.", "Nothing in it.") is capped
    below 0.5 and its value says so (:mod:`countylines.extract.conclusions`).

    Returns:
        The mentions, sorted by position; spans index into ``text``.

    Raises:
        countylines.extract.limits.TextRefused: the text is too long or is binary data.
    """
    check_text(text)
    decoded = decode_entities(text)
    read = decoded.text if decoded is not None else text
    places = frozenset(gazetteer or ())
    use_model = clauses and learned
    found, clause_spans, phrases = _rules(read, places, clauses, want_clauses=use_model)
    if known_postcodes is not None:
        found = apply_postcode_list(found, known_postcodes)
    if use_model:
        from countylines.extract.learned import load_model

        view = _view(read, found, clause_spans, phrases)
        others = [m for m in found if m.type not in INDICATOR_TYPES]
        signs = answer(read, load_model().mentions(view), others)
        result = resolve(read, others, min_confidence) + [
            m for m in signs if m.confidence >= min_confidence
        ]
    else:
        result = resolve(read, answer(read, found), min_confidence)
    in_input = (_as_written(text, _to_input(decoded, m)) for m in result)
    return sorted(in_input, key=lambda m: (m.start, m.end, m.type, m.rule))


def text_view(text: str, gazetteer: Collection[str] | None = None) -> TextView:
    """What the indicator model is given for ``text``: its clauses and the rules' mentions
    at any confidence (the same as :func:`extract` gives it; used to train the model).

    Raises:
        countylines.extract.limits.TextRefused: the text is too long or is binary data.
    """
    check_text(text)
    places = frozenset(gazetteer or ())
    found, clause_spans, phrases = _rules(text, places, True, want_clauses=True)
    return _view(text, found, clause_spans, phrases)


def _view(
    read: str,
    found: list[Mention],
    clause_spans: list[tuple[int, int]],
    phrases: list[Mention],
) -> TextView:
    indicators = [m for m in phrases if m.type in INDICATOR_TYPES]
    return TextView(
        read,
        tuple(clause_spans),
        tuple(resolve(read, found, 0.0)),
        tuple(resolve(read, indicators, 0.0)),
    )


def _rules(
    read: str, places: frozenset[str], clauses: bool, *, want_clauses: bool
) -> tuple[list[Mention], list[tuple[int, int]], list[Mention]]:
    """The rules' mentions in ``read`` (spans into it, before overlaps are settled); when
    asked, its clauses' character spans and the phrase rules' own indicator mentions (as
    ``clauses=False`` would give them: one pass over the text serves both)."""
    # spaCy is imported here, not with the package: commands that never extract start fast
    from countylines.extract.clauses import clauses_of
    from countylines.extract.pipeline import build_pipeline, mentions_of, phrases_of

    nlp = build_pipeline(places, clauses)
    found: list[Mention] = []
    spans: list[tuple[int, int]] = []
    phrases: list[Mention] = []
    for window in windows(read):
        doc = nlp(for_matching(read[window.start : window.end]))
        for kept, given in ((found, mentions_of(doc)), (phrases, phrases_of(doc))):
            for mention in given:
                shifted = mention.shifted(window.start)
                if window.keep_start <= shifted.start < window.keep_end:
                    kept.append(shifted)
        if want_clauses:
            for clause in clauses_of(doc):
                span = doc[clause.start : clause.end]
                start = span.start_char + window.start
                if window.keep_start <= start < window.keep_end:
                    spans.append((start, span.end_char + window.start))
    return found, spans, phrases


def _to_input(decoded: Decoded | None, mention: Mention) -> Mention:
    """The mention's span in the input (HTML character references read as one)."""
    if decoded is None:
        return mention
    start, end = decoded.span_in_input(mention.start, mention.end)
    return replace(mention, start=start, end=end)


def _as_written(text: str, mention: Mention) -> Mention:
    """The mention with the input's own characters (the rules read a normalised copy)."""
    written = text[mention.start : mention.end]
    if written == mention.text:
        return mention
    value = written.strip() if mention.type == "nickname" else mention.value
    return replace(mention, text=written, value=value)
