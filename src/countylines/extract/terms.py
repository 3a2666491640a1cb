"""Drug, weapon and town terms: one phrase matcher over the lexicons, then the context tests.

Every term of :mod:`countylines.extract.lexicon.drugs`, :mod:`…weapons` and
:mod:`…places` (plus any place names given at run time) goes into one spaCy
``PhraseMatcher`` on lower-cased tokens, read as the text is
(:func:`countylines.extract.normalise.for_matching`: ``b-and-w`` is ``b and w``). Each match is then
kept or dropped by its kind (rules, with their confidence):

========================= ==== ===========================================================
rule                      conf when
========================= ==== ===========================================================
``drug-term``             0.9  an unambiguous drug word (``heroin``, ``ket``, ``B&W``)
``drug-general``          0.65 a general word for drugs (``drugs``, ``class A``)
``drug-slang``            0.75 an everyday word with drug talk nearby (``rocks``, ``food``)
``drug-colour``           0.75 ``white``/``brown``/``green`` as a noun with drug talk nearby
``weapon-term``           0.9  an unambiguous weapon word (``knife``, ``zombie knife``)
``weapon-general``        0.7  ``weapon(s)``, ``offensive weapon``
``weapon-slang``          0.75 an everyday word with violence nearby (``bat``, ``acid``)
``weapon-held``           0.7  ``ting``/``strap``/``piece`` just after carrying or pulling,
                               or just before violence or carrying words
``town``                  0.9  a place name in capitals
``town-placed``           0.8  a name that is also a word (``Reading``), placed: ``in Reading``,
                               ``Reading RG1 3LB``, ``Sleaford and Grantham`` (:mod:`.placing`)
``town-lower``            0.6  a one-word place name written in lower case (``london``)
``town-gazetteer``        0.85 a place name given at run time
========================= ==== ===========================================================

An ambiguous term without the context it needs is kept at confidence 0.3 (rule
``…-no-context``) so that a caller can ask for everything; :func:`countylines.extract.extract`
drops it by default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from countylines.extract.context import Context, ContextKind
from countylines.extract.lexicon.drugs import (
    COLOUR_NOUNS,
    CRACK_NOT_BEFORE,
    CRACK_ON_IDIOM_AFTER,
    CRACK_SPLIT_AFTER,
    CRACK_SPLIT_BEFORE,
    CRACK_SURFACES,
    DRUG_TERMS,
    NAME_LIKE_DRUG_AFTER,
    NOT_BEFORE,
    NOUN_FOLLOWERS,
    PAIR_WORDS,
)
from countylines.extract.lexicon.places import NOT_IN_LOWER_CASE, TOWNS
from countylines.extract.lexicon.weapons import WEAPON_CONTEXT, WEAPON_HOLD, WEAPON_TERMS
from countylines.extract.mention import Mention, MentionType
from countylines.extract.normalise import for_matching
from countylines.extract.placing import Placed, placed_alone, placed_in_list

NO_CONTEXT_CONFIDENCE = 0.3
_NOT_LOWER = NOT_IN_LOWER_CASE
_GENERAL_DRUGS = "drugs"
_PAIR = "crack cocaine and heroin"
_GENERAL_WEAPON = "weapon"
_NAME_LIKE_SLANG = frozenset({"charlie", "mandy", "billy", "tina", "molly", "percy"})


@dataclass(frozen=True, slots=True)
class Term:
    """What a lexicon match means: mention ``type``, canonical ``value``, what it ``needs``."""

    type: MentionType
    value: str
    needs: str  # sure | context | noun | held | town | town-ambiguous | gazetteer


class TermMatcher:
    """Finds drug, weapon and town terms in a document.

    Args:
        vocab: the pipeline's vocabulary.
        make_doc: the pipeline's tokenizer (``nlp.make_doc``), to tokenize the terms.
        extra_places: place names given at run time (matched as ``town-gazetteer``).
    """

    def __init__(
        self,
        vocab: Vocab,
        make_doc: Callable[[str], Doc],
        extra_places: Iterable[str] = (),
    ) -> None:
        self._matcher = PhraseMatcher(vocab, attr="LOWER")
        self._terms: dict[str, Term] = {}
        for needs, by_value in DRUG_TERMS.items():
            for value, phrases in by_value.items():
                self._add(make_doc, Term("drug", value, needs), phrases)
        for needs, by_value in WEAPON_TERMS.items():
            for value, phrases in by_value.items():
                self._add(make_doc, Term("weapon", value, needs), phrases)
        known: set[str] = set()
        for canonical, spellings, ambiguous in TOWNS:
            needs = "town-ambiguous" if ambiguous else "town"
            self._add(make_doc, Term("town", canonical, needs), spellings)
            known.update(s.lower() for s in spellings)
        for place in sorted({p.strip() for p in extra_places if p.strip()}):
            if place.lower() not in known:
                self._add(make_doc, Term("town", place, "gazetteer"), (place,))
        self.sure_words = frozenset(
            phrase
            for lexicon in (DRUG_TERMS, WEAPON_TERMS)
            for by_value in lexicon.values()
            for phrases in by_value.values()
            for phrase in phrases
        )

    def _add(self, make_doc: Callable[[str], Doc], term: Term, phrases: Iterable[str]) -> None:
        key = f"{term.type}|{term.needs}|{term.value}"
        self._terms[key] = term
        self._matcher.add(key, [make_doc(for_matching(phrase)) for phrase in phrases])

    def matches(self, doc: Doc) -> list[tuple[Term, Span]]:
        """Every lexicon match in ``doc``, longest first where they overlap within a kind."""
        found: list[tuple[Term, Span]] = []
        for key, start, end in self._matcher(doc):
            found.append((self._terms[doc.vocab.strings[key]], doc[start:end]))
        return found


def sure_context(matches: Iterable[tuple[Term, Span]]) -> list[tuple[ContextKind, int, int]]:
    """Token spans of unambiguous drug and weapon terms: drug talk and violence nearby."""
    marks: list[tuple[ContextKind, int, int]] = []
    for term, span in matches:
        if term.value == _PAIR and _next_lower(span) in COLOUR_NOUNS:
            continue  # "brown and white dog": colours
        if term.needs == "sure" and term.type in ("drug", "weapon"):
            kind: ContextKind = "drug" if term.type == "drug" else "weapon"
            marks.append((kind, span.start, span.end))
    return marks


def placed_towns(matches: Iterable[tuple[Term, Span]]) -> Placed:
    """The town matches taken: unambiguous names in capitals, names that are also words
    placed by their surroundings (:func:`placing.placed_alone`), then those a list or route
    places next to one of these, along the list both ways (``Manchester \u2194 Preston \u2194
    Lancaster``: Preston by Manchester, then Lancaster by Preston). Linear in the matches."""
    placed = Placed()
    waiting: list[Span] = []
    for term, span in matches:
        if term.type != "town" or not _capitalised(span):
            continue
        if term.needs == "town" or (term.needs == "town-ambiguous" and placed_alone(span)):
            placed.add(span.start, span.end)
        elif term.needs == "town-ambiguous":
            waiting.append(span)
    waiting.sort(key=lambda s: s.start)
    for order in (waiting, waiting[::-1]):  # one sweep each way follows a chain
        for span in order:
            if (span.start, span.end) not in placed and placed_in_list(span, placed):
                placed.add(span.start, span.end)
    return placed


def decide(term: Term, span: Span, context: Context, towns: Placed) -> Mention | None:
    """The mention a lexicon match makes, or None when it is not one (see module table).

    ``towns``: :func:`placed_towns` of the document (the towns placed on their own, and
    those a list may place a name next to).
    """
    if term.type == "town":
        return _town(term, span, towns)
    if term.type == "drug":
        return _drug(term, span, context)
    return _weapon(term, span, context)


def _mention(term: Term, span: Span, confidence: float, rule: str) -> Mention:
    return Mention(
        term.type, span.start_char, span.end_char, span.text, term.value, confidence, rule
    )


def _next_lower(span: Span, offset: int = 0) -> str:
    index = span.end + offset
    return span.doc[index].lower_ if index < len(span.doc) else ""


def _drug(term: Term, span: Span, context: Context) -> Mention | None:
    if term.value == _PAIR and _next_lower(span) in COLOUR_NOUNS:
        return None  # "brown and white dog", "light and dark clothing"
    if term.needs == "sure":
        if span.text.lower() == "crack" and _crack_is_a_split(span):
            return None
        if term.value == _GENERAL_DRUGS:
            return _mention(term, span, 0.65, "drug-general")
        return _mention(term, span, 0.9, "drug-term")
    near = context.near("drug", span.start, span.end)
    if term.needs == "noun":
        following = _next_lower(span)
        if following and following[0].isalnum() and following not in NOUN_FOLLOWERS:
            return None  # "white male", "brown Ford": a colour, not a drug
        rule = "drug-colour"
    else:
        lower = span.text.lower()
        if _next_lower(span) in NOT_BEFORE.get(lower, ()):
            return None  # "ice cream", "speed camera", "food bank"
        if lower in _NAME_LIKE_SLANG and span[0].is_title and not _named_as_drug(span):
            return None  # "my daughter Charlie", "Charlie Smith"
        rule = "drug-slang"
    if not near and not _price_after(span):
        return _mention(term, span, NO_CONTEXT_CONFIDENCE, rule + "-no-context")
    return _mention(term, span, 0.75, rule)


def _crack_is_a_split(span: Span) -> bool:
    """``crack on``, ``crack of dawn``, ``a crack in the wall``: not the drug (but ``sell
    crack on Church Road``, ``lads with crack at the park`` are)."""
    following = _next_lower(span)
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if following == "on":  # the idiom: "crack on", "crack on with it", "let's crack on."
        then = _next_lower(span, 1)
        return not then or not then[0].isalnum() or then in CRACK_ON_IDIOM_AFTER
    if following == "at":  # "have a crack at it"
        return before in CRACK_SPLIT_AFTER
    if following in CRACK_NOT_BEFORE:
        return True
    if following not in CRACK_SPLIT_BEFORE:
        return False
    doc = span.doc
    # the thing split: the next word, or the one after an article ("in the wall cavity")
    objects = {doc[i].lower_ for i in range(span.end + 1, min(len(doc), span.end + 4))}
    return before in CRACK_SPLIT_AFTER or bool(objects & CRACK_SURFACES)


def _price_after(span: Span) -> bool:
    """An advert's price next to the term: ``W + B 2 for 25``, ``rocks 3 for £20``,
    ``2 for 25, W+B``."""
    return _price_at(span, span.end) or any(
        _price_at(span, i) for i in range(max(0, span.start - 5), span.start - 2)
    )


def _price_at(span: Span, index: int) -> bool:
    """``N for M`` (or ``N for £M``) starting at token ``index``."""
    doc = span.doc
    if index + 2 >= len(doc):
        return False
    first, word, second = doc[index], doc[index + 1], doc[index + 2]
    return first.like_num and word.lower_ == "for" and (second.like_num or second.text == "£")


def split_pair(mention: Mention, span: Span) -> list[Mention]:
    """A pair of drugs written apart (``brown and white``, ``W + B``) as one mention per
    drug, each with its own value; a pair written as one word (``B&W``, ``bnw``) stays one
    mention valued ``crack cocaine and heroin``. Other mentions are returned as they are."""
    if mention.value != _PAIR or not any(t.whitespace_ for t in span[:-1]):
        return [mention]
    parts = [
        Mention(
            "drug",
            t.idx,
            t.idx + len(t.text),
            t.text,
            PAIR_WORDS[t.lower_],
            mention.confidence,
            mention.rule,
        )
        for t in span
        if t.lower_ in PAIR_WORDS
    ]
    return parts if len(parts) == 2 else [mention]


def _named_as_drug(span: Span) -> bool:
    """``selling Charlie``, ``a bag of Charlie``: a capitalised name-like term as the drug."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    return before in NAME_LIKE_DRUG_AFTER and not (after is not None and after.is_title)


def _weapon(term: Term, span: Span, context: Context) -> Mention | None:
    if term.needs == "sure":
        if term.value == _GENERAL_WEAPON:
            return _mention(term, span, 0.7, "weapon-general")
        return _mention(term, span, 0.9, "weapon-term")
    if term.needs == "held":
        if _next_lower(span) == "of":
            return None
        doc = span.doc
        before = [doc[i].lower_ for i in range(max(0, span.start - 3), span.start)]
        after = [doc[i].lower_ for i in range(span.end, min(len(doc), span.end + 4))]
        if any(w in WEAPON_HOLD for w in before) or any(w in WEAPON_CONTEXT for w in after):
            return _mention(term, span, 0.7, "weapon-held")
        return None
    if context.near("weapon", span.start, span.end):
        return _mention(term, span, 0.75, "weapon-slang")
    return _mention(term, span, NO_CONTEXT_CONFIDENCE, "weapon-slang-no-context")


#: Titles that take a place name without being about the place ("the Duke of Edinburgh's
#: Award", "Prince of Wales"): the place is not a town mention there.
_TITLES = frozenset({"duke", "duchess", "prince", "princess", "earl", "bishop", "archbishop"})


def _capitalised(span: Span) -> bool:
    words = [t.text for t in span if t.is_alpha]
    return bool(words) and words[0][:1].isupper()


def _town(term: Term, span: Span, towns: Placed) -> Mention | None:
    doc = span.doc
    title = span.start >= 2 and doc[span.start - 2].lower_ in _TITLES
    if title and doc[span.start - 1].lower_ == "of":
        return None
    words = [t.text for t in span if t.is_alpha]
    capitals = _capitalised(span)
    all_lower = all(w.islower() for w in words)
    if term.needs == "gazetteer":
        return _mention(term, span, 0.85, "town-gazetteer") if capitals else None
    if term.needs == "town-ambiguous":
        # placed_towns has placed them, alone or by a list: don't work them out twice
        placed = capitals and (span.start, span.end) in towns
        return _mention(term, span, 0.8, "town-placed") if placed else None
    if capitals:
        return _mention(term, span, 0.9, "town")
    if all_lower and len(span) == 1 and len(span.text) >= 5 and span.text not in _NOT_LOWER:
        return _mention(term, span, 0.6, "town-lower")
    return None
