"""Is there drug talk, violence, a child or a home near a word? One pass per document.

Ambiguous words are taken only with the right words nearby: ``rocks`` with ``selling``,
``strap`` with ``carrying``, ``visitors`` with ``flat``. :class:`Context` marks, once per
document, the tokens that signal each kind, and answers "is one within :data:`WINDOW`
tokens of this span?" in time proportional to the window.

Kinds: ``drug`` (drug talk, broad: ``selling``, ``bags``, ``£`` count), ``dealing`` (narrow:
words only a report about dealing uses, and every unambiguous drug term), ``weapon``,
``child`` (a child word, ``young``, ``school``), ``minor`` (a child named: ``son``,
``juvenile``), ``home``; and, marked later by the indicator rules, a child's age (``child``
and ``minor``) and the signs of each indicator type (``cce_sign``, ``cuckooing_sign``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from spacy.strings import StringStore
from spacy.tokens import Doc

from countylines.extract.lexicon.drugs import DRUG_CONTEXT
from countylines.extract.lexicon.weapons import WEAPON_CONTEXT
from countylines.extract.lexicon.words import CLASSES, words
from countylines.extract.rules import lower_ids

ContextKind = Literal[
    "drug", "weapon", "child", "minor", "home", "dealing", "cce_sign", "cuckooing_sign"
]

#: Tokens either side of a span that count as "nearby".
WINDOW = 12

#: Tokens either side that count for an indicator rule's ``needs`` (reports stay on a topic).
NEEDS_WINDOW = 40

_CHILD_WORDS = CLASSES["child"] | {"young", "younger", "school", "schoolkids"}
_HOME_WORDS = CLASSES["home"] | words(
    """
    door doors tenant tenants occupant occupants neighbour neighbours resident residents
    cuckooed cuckooing knocking visits visit living lives staying address
    occupier occupiers tenancy landlord stairwell landing hallway communal garden doorstep
    bedroom kitchen lounge
    """
)
#: Narrower than drug talk: words that only a report about dealing uses (``selling`` and
#: ``bags`` are everyday words; ``dealers`` and ``wraps`` are not). A drug's own name
#: (an unambiguous drug term) counts too: see :class:`Context`'s ``extra``.
_DEALING_WORDS = words(
    """
    drugs drug dealer dealers dealing dealin deals dealt wraps wrap baggies baggie stash
    stashed shotting shotter shotters trap trapping pwits cuckooed cuckooing bando lines
    runner runners plugging plugged grams oz ounce ounces cunch county users addicts punters
    """
)
_WORDS: dict[ContextKind, frozenset[str]] = {
    "drug": DRUG_CONTEXT,
    "weapon": WEAPON_CONTEXT,
    "child": _CHILD_WORDS,
    "minor": CLASSES["child"],  # a child named (not "young", "school"): for "no child here"
    "home": _HOME_WORDS,
    "dealing": _DEALING_WORDS,
}


_IDS: dict[int, tuple[StringStore, dict[ContextKind, frozenset[int]]]] = {}


def _word_ids(strings: StringStore) -> dict[ContextKind, frozenset[int]]:
    """The hashes of each kind's words in ``strings`` (worked out once per string store)."""
    known = _IDS.get(id(strings))
    if known is None or known[0] is not strings:
        ids = {
            kind: frozenset(strings.add(w) for w in kind_words)
            for kind, kind_words in _WORDS.items()
        }
        known = _IDS[id(strings)] = (strings, ids)
    return known[1]


class Context:
    """Where each kind of signal is in one document.

    Args:
        doc: the tokenised text.
        extra: token spans ``(kind, start, end)`` that also signal a kind (e.g. the span of
            an unambiguous drug term signals drug talk).
    """

    def __init__(self, doc: Doc, extra: Iterable[tuple[ContextKind, int, int]] = ()) -> None:
        self._marks: dict[ContextKind, bytearray] = {}
        lowers = lower_ids(doc)
        for kind, ids in _word_ids(doc.vocab.strings).items():
            marks = bytearray(len(lowers))
            for i, lower in enumerate(lowers):
                if lower in ids:
                    marks[i] = 1
            self._marks[kind] = marks
        self._marks["cce_sign"] = bytearray(len(lowers))
        self._marks["cuckooing_sign"] = bytearray(len(lowers))
        for kind, start, end in extra:
            self.mark(kind, start, end)
            if kind == "drug":  # a drug's own name is dealing talk too
                self.mark("dealing", start, end)

    def mark(self, kind: ContextKind, start: int, end: int) -> None:
        """Make tokens [start, end) signal ``kind`` (e.g. a child's age signals a child)."""
        marks = self._marks[kind]
        for i in range(max(0, start), min(len(marks), end)):
            marks[i] = 1

    def near(
        self, kind: ContextKind, start: int, end: int, window: int = WINDOW, *, own: bool = False
    ) -> bool:
        """Whether a ``kind`` signal lies within ``window`` tokens of tokens [start, end).

        The span's own tokens count only with ``own`` (an ambiguous word is not its own
        context; an indicator phrase that names a child is).
        """
        marks = self._marks[kind]
        lo = max(0, start - window)
        hi = min(len(marks), end + window)
        if own:
            return any(marks[lo:hi])
        return any(marks[lo:start]) or any(marks[end:hi])
