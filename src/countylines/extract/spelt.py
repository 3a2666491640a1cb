"""Phone numbers spelt out in words, read from spaCy tokens.

People writing to the police (and dealers writing to evade keyword searches) spell numbers
out: ``oh seven seven double oh, nine double oh, one two three``. A run of number words
(``zero oh o nought one … nine``), ``double``/``triple``/``treble`` before a digit word,
``hundred`` after one (``seven hundred`` → 700), digits, and the commas and dashes between
them is read as digits; a leading ``plus`` means ``+``. The longest span from each token that
reads as a phone number (the same test as digits written plainly,
:func:`countylines.extract.phones.phone_value`) is taken, if it holds at least two number
words; runs of digits alone are left to :mod:`countylines.extract.phones`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from countylines.extract.mention import Mention
from countylines.extract.phones import MAX_DIGITS, MIN_DIGITS, mobile_without_zero, phone_value
from countylines.extract.rules import text_of

DIGIT_WORDS: dict[str, str] = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
REPEATS = {"double": 2, "triple": 3, "treble": 3}
SEPARATORS = frozenset({"-", ","})
MIN_WORDS = 2
_WORD = re.compile(
    r"\b(?:" + "|".join(sorted([*DIGIT_WORDS, *REPEATS], key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
CONFIDENCE = 0.85


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int  # character offsets in the doc's text
    end: int
    digits: str
    words: int  # number words in the piece


def find_spelt_phones(doc: Doc) -> list[Mention]:
    """Phone numbers spelt (wholly or partly) in words in ``doc``, rule ``phone-spelt``."""
    found: list[Mention] = []
    text = text_of(doc)
    if len(_WORD.findall(text, 0, len(text))) < MIN_WORDS:
        return found  # no run of number words here: spare the pass over every token
    for run, plus_at in _runs(doc):
        found.extend(_numbers(text, run, plus_at))
    return found


def _runs(doc: Doc) -> list[tuple[list[_Piece], int | None]]:
    runs: list[tuple[list[_Piece], int | None]] = []
    pieces: list[_Piece] = []
    plus_at: int | None = None
    i = 0
    tokens = doc
    while i <= len(tokens):
        token = tokens[i] if i < len(tokens) else None
        piece, used = _piece(tokens, i) if token is not None else (None, 1)
        if piece is not None:
            if not pieces and i > 0 and tokens[i - 1].lower_ == "plus":
                plus_at = tokens[i - 1].idx
            pieces.append(piece)
            i += used
            continue
        if token is not None and pieces and token.text in SEPARATORS:
            i += 1
            continue
        if pieces:
            runs.append((pieces, plus_at))
        pieces, plus_at = [], None
        i += 1
    return runs


def _piece(tokens: Doc, i: int) -> tuple[_Piece | None, int]:
    token = tokens[i]
    lower = token.lower_
    if token.text.isascii() and token.text.isdigit():
        return _Piece(token.idx, token.idx + len(token), token.text, 0), 1
    if lower in REPEATS and i + 1 < len(tokens) and tokens[i + 1].lower_ in DIGIT_WORDS:
        after = tokens[i + 1]
        digits = DIGIT_WORDS[after.lower_] * REPEATS[lower]
        return _Piece(token.idx, after.idx + len(after), digits, 2), 2
    if lower in DIGIT_WORDS:
        if i + 1 < len(tokens) and tokens[i + 1].lower_ == "hundred":
            after = tokens[i + 1]
            return _Piece(token.idx, after.idx + len(after), DIGIT_WORDS[lower] + "00", 2), 2
        return _Piece(token.idx, token.idx + len(token), DIGIT_WORDS[lower], 1), 1
    return None, 1


def _numbers(text: str, pieces: list[_Piece], plus_at: int | None) -> list[Mention]:
    found: list[Mention] = []
    i = 0
    while i < len(pieces):
        best: tuple[int, str] | None = None
        digits = ""
        plus = plus_at is not None and i == 0
        for j in range(i, len(pieces)):
            digits += pieces[j].digits
            if len(digits) > MAX_DIGITS:
                break
            words = sum(p.words for p in pieces[i : j + 1])
            if len(digits) >= MIN_DIGITS and words >= MIN_WORDS:
                value = phone_value(digits, plus) or mobile_without_zero(
                    digits, text, pieces[i].start, pieces[j].end
                )
                if value is not None:
                    best = (j, value)
        if best is None:
            i += 1
            continue
        j, value = best
        start = plus_at if plus and plus_at is not None else pieces[i].start
        end = pieces[j].end
        found.append(
            Mention("phone", start, end, text[start:end], value, CONFIDENCE, "phone-spelt")
        )
        i = j + 1
    return found
