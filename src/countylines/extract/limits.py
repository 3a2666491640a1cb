"""Bounds on the work extraction does, and refusal of what is not text.

* A text longer than :data:`MAX_TEXT_CHARS` characters is refused (:class:`TextRefused`);
  anything shorter is processed in windows of :data:`WINDOW_CHARS` characters that overlap by
  :data:`WINDOW_OVERLAP`, so memory stays bounded and time grows linearly with the length (the
  figures measured on this project's machine are in docs/extraction.md).
* A text holding a NUL character, unpaired surrogate code points, or other control
  characters beyond :data:`MAX_CONTROL_SHARE` of its length (and more than
  :data:`MIN_CONTROLS`: a stray escape in a pasted report is still a report) is binary data,
  not writing: refused, with the reason and where (line, column) the first offending
  character is. Control characters that are let through are shown escaped by the command
  line, never sent to the terminal.

Mentions are kept from the window whose *kept* part holds their start; a mention is never
longer than the overlap, so each is found whole, once, with the context on both sides.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MAX_TEXT_CHARS = 10_000_000
WINDOW_CHARS = 100_000
WINDOW_OVERLAP = 400
MAX_CONTROL_SHARE = 0.01
MIN_CONTROLS = 8

_NUL = re.compile("\x00")
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls other than tab, newline, vertical tab, form feed and carriage return; DEL; C1.
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")


class TextRefused(ValueError):
    """Text that extraction will not process: too long, or binary data.

    ``reason`` is a short category (``too long``, ``binary``, ``not unicode``) for counting;
    the message says what was found and where.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class LineIndex:
    """Line and column of many offsets in one text, each in O(log lines) (a text's mentions:
    :func:`line_and_column` per mention would scan the text again each time)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> tuple[int, int]:
        """1-based line and column of character ``offset`` (lines end at ``\\n``)."""
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` in ``text`` (lines end at ``\\n``)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def check_text(text: str) -> None:
    """Refuse text that is too long or is not writing.

    Raises:
        TextRefused: with the reason and the line and column of the first offending
            character.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise TextRefused(
            f"text of {len(text):,} characters is longer than the {MAX_TEXT_CHARS:,} "
            "extraction takes at once: split it into parts",
            "too long",
        )
    nul = _NUL.search(text)
    if nul:
        line, column = line_and_column(text, nul.start())
        raise TextRefused(
            f"binary data, not text: a NUL character at line {line}, column {column}",
            "binary",
        )
    surrogate = _SURROGATE.search(text)
    if surrogate:
        line, column = line_and_column(text, surrogate.start())
        raise TextRefused(
            f"not valid Unicode: an unpaired surrogate (U+{ord(surrogate.group()):04X}) at "
            f"line {line}, column {column}",
            "not unicode",
        )
    controls = len(_CONTROL.findall(text))
    if controls > max(MIN_CONTROLS, MAX_CONTROL_SHARE * len(text)):
        first = _CONTROL.search(text)
        assert first is not None
        line, column = line_and_column(text, first.start())
        raise TextRefused(
            f"binary data, not text: {controls:,} control characters in {len(text):,} "
            f"(more than {MAX_CONTROL_SHARE:.0%}), the first at line {line}, column {column}",
            "binary",
        )


@dataclass(frozen=True, slots=True)
class Window:
    """A piece of a long text: ``[start, end)`` is read, ``[keep_start, keep_end)`` is kept."""

    start: int
    end: int
    keep_start: int
    keep_end: int


def windows(text: str, size: int = WINDOW_CHARS, overlap: int = WINDOW_OVERLAP) -> list[Window]:
    """Cut ``text`` into overlapping windows whose kept parts tile it exactly.

    Cuts fall at a line break, else a space, within the last tenth of a window, so words
    are rarely split (a split word is still found whole in the next window's overlap).
    """
    if len(text) <= size:
        return [Window(0, len(text), 0, len(text))]
    result: list[Window] = []
    keep_start = 0
    while keep_start < len(text):
        target = keep_start + size
        if target >= len(text):
            keep_end = len(text)
        else:
            floor = target - size // 10
            cut = text.rfind("\n", floor, target)
            if cut < 0:
                cut = text.rfind(" ", floor, target)
            keep_end = cut + 1 if cut >= 0 else target
        result.append(
            Window(
                max(0, keep_start - overlap),
                min(len(text), keep_end + overlap),
                keep_start,
                keep_end,
            )
        )
        keep_start = keep_end
    return result
