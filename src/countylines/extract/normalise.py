"""The text the rules read: the same length as the input, with look-alike characters unified.

Every change replaces one character by one, so a span in the rules' text is the same span in
the input; mentions always show the input's own characters.

* curly quotes and apostrophes → straight ones (U+2019 → ``'``, U+201C → ``"``);
* en and em dashes, minus signs and non-breaking hyphens → ``-``;
* non-breaking and other Unicode spaces → a plain space;
* ANSI escape sequences (``ESC[31m``), other control characters, and invisible format
  characters (bidi controls such as U+202E, zero-width spaces, byte-order marks) → spaces;
* markup brackets ``< > [ ] { }`` → a space, so words wrapped in HTML or other markup
  (``<b>crack</b>``, ``[b]07700 900123[/b]``) are read as words;
* a hyphen between two letters or digits → a space, so ``school-uniform``,
  ``coming-and-going``, ``14-year-old`` and ``Clacton-on-Sea`` are read as separate words
  (spaCy's English tokenizer would otherwise split some and keep others whole);
* in a run of more than :data:`MAX_RUN` characters without a space (no word is that long:
  a URL, a base64 blob, a wall of brackets or emoji), every ``MAX_RUN + 1``-th character
  → a space. spaCy's tokenizer strips punctuation from a token one character at a time,
  which takes time growing with the square of the token's length; this keeps it linear.
"""

from __future__ import annotations

import re

_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
        "\u200a": " ", "\u2002": " ", "\u2003": " ",
        "<": " ", ">": " ", "[": " ", "]": " ", "{": " ", "}": " ",
    }
)  # fmt: skip
# An ANSI escape sequence (colours, cursor moves) and invisible format characters (bidi
# controls, zero-width spaces, byte-order marks) read as spaces: they are not part of words.
_INVISIBLE = re.compile(
    "\x1b\\[[0-9;?]{0,32}[ -/]{0,4}[@-~]"  # ANSI CSI sequence
    "|[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_INNER_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W_])")
MAX_RUN = 64
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def for_matching(text: str) -> str:
    """``text`` with look-alikes unified (see the module docstring); same length."""
    text = _INVISIBLE.sub(lambda m: " " * len(m.group()), text)
    return _break_long_runs(_INNER_HYPHEN.sub(" ", text.translate(_TABLE)))


def _break_long_runs(text: str) -> str:
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return text
    chars = list(text)
    for run in runs:
        for index in range(run.start() + MAX_RUN, run.end(), MAX_RUN + 1):
            chars[index] = " "
    return "".join(chars)
