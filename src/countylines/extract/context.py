"""Is there drug talk, violence, a child or a home near a word? One pass per document.

Ambiguous words are taken only with the right words nearby: ``rocks`` with ``selling``,
``strap`` with ``carrying``, ``visitors`` with ``flat``. :class:`Context` marks, once per
document, the tokens that signal each kind, and answers "is one within :data:`WINDOW`
tokens of this span?" in time proportional to the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from spacy.tokens import Doc

from countylines.extract.lexicon.drugs import DRUG_CONTEXT
from countylines.extract.lexicon.weapons import WEAPON_CONTEXT
from countylines.extract.lexicon.words import CLASSES, words
from countylines.extract.rules import lower_ids

ContextKind = Literal["drug", "weapon", "child", "home"]

#: Tokens either side of a span that count as "nearby".
WINDOW = 12

#: Tokens either side that count for an indicator rule's ``needs`` (reports stay on a topic).
NEEDS_WINDOW = 40

_CHILD_WORDS = CLASSES["child"] | {"young", "younger", "school", "schoolkids"}
_HOME_WORDS = CLASSES["home"] | words(
    """
    door doors tenant tenants occupant occupants neighbour neighbours resident residents
    cuckooed cuckooing knocking visits visit living lives staying address
    """
)
_WORDS: dict[ContextKind, frozenset[str]] = {
    "drug": DRUG_CONTEXT,
    "weapon": WEAPON_CONTEXT,
    "child": _CHILD_WORDS,
    "home": _HOME_WORDS,
}


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
        strings = doc.vocab.strings
        for kind, kind_words in _WORDS.items():
            ids = {strings.add(word) for word in kind_words}
            marks = bytearray(len(lowers))
            for i, lower in enumerate(lowers):
                if lower in ids:
                    marks[i] = 1
            self._marks[kind] = marks
        for kind, start, end in extra:
            marks = self._marks[kind]
            for i in range(start, end):
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
