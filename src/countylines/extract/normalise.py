"""The text the rules read: the same length as the input, with look-alike characters unified.

Every change replaces one character by one, so a span in the rules' text is the same span in
the input; mentions always show the input's own characters.

* curly quotes and apostrophes → straight ones (U+2019 → ``'``, U+201C → ``"``);
* en and em dashes, minus signs and non-breaking hyphens → ``-``;
* non-breaking and other Unicode spaces → a plain space; full-width digits, letters and
  spaces (U+FF10-FF19, U+FF21-FF5A, U+3000) → their ASCII forms;
* ANSI escape sequences (``ESC[31m``), other control characters, and invisible format
  characters (bidi controls such as U+202E, zero-width spaces, byte-order marks) → spaces;
* markup brackets ``< > [ ] { }`` → a space, so words wrapped in HTML or other markup
  (``<b>crack</b>``, ``[b]07700 900123[/b]``) are read as words; a ``>``, ``->`` or
  ``<->`` alone between spaces is an arrow in a route (``Liverpool > Durham``) and becomes ``→``;
* a hyphen between two letters or digits → a space, so ``school-uniform``,
  ``coming-and-going``, ``14-year-old`` and ``Clacton-on-Sea`` are read as separate words
  (spaCy's English tokenizer would otherwise split some and keep others whole);
* in a run of more than :data:`MAX_RUN` characters without a space (no word is that long:
  a URL, a base64 blob, a wall of brackets or emoji), every ``MAX_RUN + 1``-th character
  → a space. spaCy's tokenizer strips punctuation from a token one character at a time,
  which takes time growing with the square of the token's length; this keeps it linear.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
        "\u200a": " ", "\u2002": " ", "\u2003": " ",
        "<": " ", ">": " ", "[": " ", "]": " ", "{": " ", "}": " ",
        # full-width digits and letters (East Asian keyboards, some phones) -> ASCII
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "\u3000": " ",
    }
)  # fmt: skip
# An ANSI escape sequence (colours, cursor moves) and invisible format characters (bidi
# controls, zero-width spaces, byte-order marks) read as spaces: they are not part of words.
_INVISIBLE = re.compile(
    "\x1b\\[[0-9;?]{0,32}[ -/]{0,4}[@-~]"  # ANSI CSI sequence
    "|[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_INNER_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W_])")
# A ">", "->" or "<->" standing alone between spaces is an arrow in a route ("Liverpool >
# Durham"), not markup: kept as one, where a tag's brackets become spaces.
_ARROW = re.compile(r"(?<= )(?:<?-)?>(?= )")
MAX_RUN = 64
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def for_matching(text: str) -> str:
    """``text`` with look-alikes unified (see the module docstring); same length."""
    text = _INVISIBLE.sub(lambda m: " " * len(m.group()), text)
    text = _ARROW.sub(lambda m: " " * (len(m.group()) - 1) + "\u2192", text)  # same length
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


# A character reference as HTML writes one: named (``&nbsp;``) or numbered (``&#39;``,
# ``&#x2019;``), with its semicolon (without one, ``&pound`` may be ordinary text).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True)
class Decoded:
    """A text with its HTML character references read, and the way back to the input.

    Attributes:
        text: the text with each reference (``&nbsp;``, ``&amp;``, ``&#39;``) replaced by the
            character(s) it stands for; unknown references are kept as written.
        starts, ends: for each character of ``text``, where it starts and ends in the input
            (both ``len(text)`` long), so a span of ``text`` maps back to the input.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span_in_input(self, start: int, end: int) -> tuple[int, int]:
        """The input's span of ``text[start:end]`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


def decode_entities(text: str) -> Decoded | None:
    """``text`` with its HTML character references read, or None when it has none.

    Reports pasted from web pages and e-mails carry ``&nbsp;`` between the groups of a
    number (``07700&nbsp;900123``) and ``&amp;`` for "and"; the rules must read the
    characters meant. The result is not the input's length, so spans found in it are
    mapped back with :meth:`Decoded.span_in_input`. Decoded once: ``&amp;nbsp;`` is
    read as the text ``&nbsp;``, as a browser shows it.
    """
    if "&" not in text:
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    changed = False
    for found in _ENTITY.finditer(text):
        meant = html.unescape(found.group())
        if meant == found.group():
            continue  # not a reference HTML knows: kept as written
        changed = True
        pieces.append(text[at : found.start()])
        starts.extend(range(at, found.start()))
        ends.extend(range(at + 1, found.start() + 1))
        pieces.append(meant)
        starts.extend([found.start()] * len(meant))
        ends.extend([found.end()] * len(meant))
        at = found.end()
    if not changed:
        return None
    pieces.append(text[at:])
    starts.extend(range(at, len(text)))
    ends.extend(range(at + 1, len(text) + 1))
    return Decoded("".join(pieces), tuple(starts), tuple(ends))
