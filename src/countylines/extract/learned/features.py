"""What the indicator model sees of a clause: pure functions, text and rule mentions in.

A text is cut into the clause reader's clauses (:func:`countylines.extract.clauses.clauses_of`).
Each clause is described by

* its own words (TF-IDF of word 1-2-grams and character 3-5-grams, in :mod:`.model`),
  read :func:`without_reassurance`,
* the words of the clauses either side (half weight),
* tokens: which rules fire in it (the clause reader's and the phrase rules', each indicator
  rule by name, with the highest confidence per type), which kinds of mention it holds
  (an age, a vulnerability, a drug, a town…), its first word, its length, whether it opens
  the text, and what the whole text talks of (a child, a home, a vulnerable person, how many
  indicator phrases the rules found).

Two neighbouring clauses that both carry a sign are one phrase or two: a second model reads
the text between them, the first words of the second and the last word of the first.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from countylines.extract.mention import Mention, MentionType

INDICATOR_KINDS: tuple[MentionType, ...] = ("cce_indicator", "cuckooing_indicator")
"""The mention types the model decides."""

CONTEXT_KINDS = (
    "age",
    "vulnerability",
    "drug",
    "weapon",
    "phone",
    "town",
    "street",
    "nickname",
    "postcode",
    "vrm",
)
"""Mention types whose presence (in the text, in the clause) the model is told."""

_CHILD = re.compile(
    r"\b(child|children|kid|kids|boy|boys|girl|girls|lad|lads|son|daughter|teen|teenager|"
    r"bairns?|weans?|lassies?|juvs?|"
    r"teenagers|youth|youths|pupil|pupils|juvenile|school|year ?\d{1,2}|yr ?\d{1,2}|"
    r"\d{1,2} ?(?:yrs?|years?)(?: old)?|aged? \d{1,2}|yp|cyp)\b",
    re.IGNORECASE,
)
_HOME = re.compile(
    r"\b(flat|house|home|address|property|bedsit|door|tenant|neighbour|neighbours|lives|"
    r"living|moved in|staying|cuckoo\w*)\b",
    re.IGNORECASE,
)
_VULNERABLE = re.compile(
    r"\b(vulnerable|elderly|disabled|disability|learning|mental health|dementia|addict\w*|user|"
    r"alcoholic|pensioner|old (?:man|woman|lady|boy|fella))\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](\s|$)|\n")
_REASSURANCE = re.compile(
    r"\bno\s+(?:concerns?|issues?|signs?|evidence|further\s+action|exploitation|indicators?|"
    r"safeguarding|worries)\b|\bnfa\b|\bnothing\s+(?:in\s+it|untoward|of\s+concern|"
    r"suspicious|to\s+suggest|further)\b|\b(?:are|all|is|was|were|'s)\s+fine\b|"
    r"\bunfounded\b|\bnot\s+cuckooed\b|\bconcerns?\b",
    re.IGNORECASE,
)


def without_reassurance(text: str) -> str:
    """``text`` lower-cased, its words of reassurance ("no concerns", "NFA", "they are fine",
    "unfounded") blanked to spaces of the same length (spans still index it).

    The model must not learn to drop a sign because someone wrote "Mum has no concerns" or
    "No concerns?! Seriously?" beside it: whose concern, about whom, and whether the writer
    agrees, it cannot tell. :mod:`countylines.extract.conclusions` reads the bare closing
    ones, strictly, and is the only thing that lowers a sign for them.
    """
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two code points: keep one per character
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return _REASSURANCE.sub(lambda m: " " * len(m.group()), low)


@dataclass(frozen=True)
class ClauseView:
    """One clause as the model reads it.

    Attributes:
        words: the clause, lower case.
        around: the clauses either side, lower case, joined by a space.
        tokens: feature tokens separated by spaces (rules, mention kinds, shape, context).
        numbers: per indicator kind, the highest rule confidence in the clause and whether it
            reaches 0.5 (four numbers).
    """

    words: str
    around: str
    tokens: str
    numbers: tuple[float, ...]


@dataclass(frozen=True)
class TextView:
    """A text with what the rules found in it, as the model is given it.

    Attributes:
        text: the text (spans index into it).
        clauses: the clauses' character spans ``(start, end)``, in order, not overlapping.
        mentions: every mention of the rules with the clause reader, at any confidence.
        phrases: the phrase rules' indicator mentions (no clause reader), at any confidence.
    """

    text: str
    clauses: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    phrases: tuple[Mention, ...]


def _by_clause(
    clauses: Sequence[tuple[int, int]], mentions: Sequence[Mention]
) -> list[list[Mention]]:
    """The mentions overlapping each clause (bisect over the clause ends: linear)."""
    ends = [end for _, end in clauses]
    found: list[list[Mention]] = [[] for _ in clauses]
    for m in mentions:
        i = bisect.bisect_right(ends, m.start)
        while i < len(clauses) and clauses[i][0] < m.end:
            if m.start < clauses[i][1]:
                found[i].append(m)
            i += 1
    return found


def clause_views(view: TextView) -> list[ClauseView]:
    """Every clause of the text, described for the model (see the module doc)."""
    text, clauses = view.text, view.clauses
    low = without_reassurance(text)
    whole = []
    if _CHILD.search(text):
        whole.append("DOC_child")
    if _HOME.search(text):
        whole.append("DOC_home")
    if _VULNERABLE.search(text):
        whole.append("DOC_vuln")
    kinds_in_text = {m.type for m in view.mentions}
    whole += [f"DOC_{kind}" for kind in CONTEXT_KINDS if kind in kinds_in_text]
    for kind in INDICATOR_KINDS:
        n = sum(m.type == kind and m.confidence >= 0.5 for m in view.mentions)
        whole.append(f"DOCN_{kind}_{min(n, 3)}")
    in_clause = _by_clause(clauses, view.mentions)
    phrases_in_clause = _by_clause(clauses, view.phrases)
    views = []
    for i, (start, end) in enumerate(clauses):
        tokens = list(whole)
        tokens += [f"HAS_{m.type}" for m in in_clause[i] if m.type in CONTEXT_KINDS]
        numbers: list[float] = []
        for kind in INDICATOR_KINDS:
            best = max((m.confidence for m in in_clause[i] if m.type == kind), default=0.0)
            numbers += [best, float(best >= 0.5)]
            tokens += [f"R_{kind}_{m.rule}" for m in in_clause[i] if m.type == kind]
            tokens += [f"P_{kind}_{m.rule}" for m in phrases_in_clause[i] if m.type == kind]
        words = low[start:end]
        tokens.append("FIRST_" + (words.split() or ["_"])[0])
        tokens.append(f"LEN_{min(len(words.split()) // 4, 6)}")
        if i == 0:
            tokens.append("FIRSTCLAUSE")
        around = []
        if i > 0:
            around.append(low[clauses[i - 1][0] : clauses[i - 1][1]])
        if i + 1 < len(clauses):
            around.append(low[clauses[i + 1][0] : clauses[i + 1][1]])
        views.append(ClauseView(words, " ".join(around), " ".join(tokens), tuple(numbers)))
    return views


def pair_tokens(view: TextView, i: int, kind: str) -> str:
    """Feature tokens of clauses ``i - 1`` and ``i`` for the one-phrase-or-two model."""
    text = view.text
    (s0, e0), (s1, e1) = view.clauses[i - 1], view.clauses[i]
    gap = re.sub(r"\s+", "_", text[e0:s1].lower()) or "NONE"
    first = text[s0:e0].lower().split() or ["_"]
    second = text[s1:e1].lower().split() or ["_"]
    same_sentence = not _SENTENCE_END.search(text[e0:s1])
    return " ".join(
        [
            f"GAP_{gap}",
            f"F1_{second[0]}",
            f"F12_{'_'.join(second[:2])}",
            f"L0_{first[-1]}",
            f"T_{kind}",
            f"SS_{same_sentence}",
            f"LEN0_{min(len(first) // 4, 4)}",
            f"LEN1_{min(len(second) // 4, 4)}",
        ]
    )
