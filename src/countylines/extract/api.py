"""``extract()``: every mention in a text, deterministic, no I/O."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from countylines.extract.limits import check_text, windows
from countylines.extract.mention import Mention
from countylines.extract.normalise import decode_entities, for_matching
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

    Returns:
        The mentions, sorted by position; spans index into ``text``.

    Raises:
        countylines.extract.limits.TextRefused: the text is too long or is binary data.
    """
    check_text(text)
    # spaCy is imported here, not with the package: commands that never extract start fast
    from countylines.extract.pipeline import build_pipeline, mentions_of

    nlp = build_pipeline(frozenset(gazetteer or ()), clauses)
    decoded = decode_entities(text)
    read = decoded.text if decoded is not None else text
    found: list[Mention] = []
    for window in windows(read):
        doc = nlp(for_matching(read[window.start : window.end]))
        for mention in mentions_of(doc):
            shifted = mention.shifted(window.start)
            if window.keep_start <= shifted.start < window.keep_end:
                if decoded is not None:
                    start, end = decoded.span_in_input(shifted.start, shifted.end)
                    shifted = replace(shifted, start=start, end=end)
                found.append(_as_written(text, shifted))
    if known_postcodes is not None:
        found = apply_postcode_list(found, known_postcodes)
    return resolve(text, found, min_confidence)


def _as_written(text: str, mention: Mention) -> Mention:
    """The mention with the input's own characters (the rules read a normalised copy)."""
    written = text[mention.start : mention.end]
    if written == mention.text:
        return mention
    value = written.strip() if mention.type == "nickname" else mention.value
    return replace(mention, text=written, value=value)
