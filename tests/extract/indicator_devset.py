"""The indicator development set (``tests/extract/data/indicators_dev.txt``): reading and scoring.

The set is written by hand (see the file's header for how it was labelled). Each line is
``<style><TAB><text>`` with labelled phrases written ``[[c:...]]`` (``cce_indicator``) or
``[[k:...]]`` (``cuckooing_indicator``); a phrase may hold one of the other kind.

Scoring follows the rule of ``benchmarks/extraction.py`` for indicators, re-implemented here
so each checks the other: a predicted and a labelled phrase *match* when they have the same
type and their spans overlap; each matches at most one on the other side, pairs taken
greedily, the largest overlap first (ties: earliest labelled, then earliest predicted).
Precision = matched predictions / predictions; recall = matched labels / labels.

Run it to print the figures and the misses::

    .venv/bin/python -m tests.extract.indicator_devset [--errors] [--holdout]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from countylines.extract import Mention, extract

DEV_SET = Path(__file__).resolve().parent / "data" / "indicators_dev.txt"
HOLDOUT = Path(__file__).resolve().parent / "data" / "indicators_holdout.txt"
KINDS = {"c": "cce_indicator", "k": "cuckooing_indicator"}
INDICATORS = tuple(KINDS.values())
STYLES = frozenset({"public", "intel"})
_MARK = re.compile(r"\[\[(?P<kind>[a-z]):|\]\]")


class DevSetError(ValueError):
    """A line of the development set that does not follow its format."""

    def __init__(self, path: Path, line: int, column: int, reason: str) -> None:
        super().__init__(f"{path}: line {line}, column {column}: {reason}")
        self.path, self.line, self.column, self.reason = path, line, column, reason


@dataclass(frozen=True)
class Label:
    """One labelled phrase: its type and span (Python ``str`` indices, end exclusive)."""

    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DevText:
    """One text of the set, with its file line, style and labels."""

    line: int
    style: str
    text: str
    labels: tuple[Label, ...]


def parse_line(path: Path, number: int, raw: str) -> DevText:
    """One ``<style><TAB><marked text>`` line as a :class:`DevText`.

    A phrase may hold a phrase of the other kind (``[[k:[[c:kids dealing]] from her flat]]``).

    Raises:
        DevSetError: no tab, an unknown style or kind, a phrase inside one of its own kind,
            an unclosed or empty phrase, or a stray ``]]``; the error names the file, line
            and column (1-based).
    """
    style, tab, marked = raw.partition("\t")
    if not tab:
        raise DevSetError(path, number, 1, "no tab between the style and the text")
    if style not in STYLES:
        raise DevSetError(path, number, 1, f"unknown style {style!r} (public or intel)")
    offset = len(style) + 1
    text: list[str] = []
    labels: list[Label] = []
    length = 0
    opened: list[tuple[str, int, int]] = []  # kind, start in the text, column
    position = 0
    for mark in _MARK.finditer(marked):
        text.append(marked[position : mark.start()])
        length += mark.start() - position
        position = mark.end()
        column = offset + mark.start() + 1
        letter = mark.group("kind")
        if letter is not None:
            if letter not in KINDS:
                raise DevSetError(path, number, column, f"unknown kind {letter!r}")
            if any(kind == KINDS[letter] for kind, _start, _column in opened):
                raise DevSetError(path, number, column, "a phrase inside one of its own kind")
            opened.append((KINDS[letter], length, column))
        else:
            if not opened:
                raise DevSetError(path, number, column, "']]' without '[[c:' or '[[k:'")
            kind, start, _column = opened.pop()
            if start == length:
                raise DevSetError(path, number, column, "an empty phrase")
            labels.append(Label(kind, start, length, "".join(text)[start:length]))
    if opened:
        raise DevSetError(path, number, opened[-1][2], "a phrase is not closed with ']]'")
    text.append(marked[position:])
    labels.sort(key=lambda label: (label.start, label.end, label.type))
    return DevText(number, style, "".join(text), tuple(labels))


def load(path: Path = DEV_SET) -> list[DevText]:
    """Every text of the set, in file order (see :func:`parse_line` for the errors)."""
    items: list[DevText] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip() and not raw.startswith("#"):
            items.append(parse_line(path, number, raw))
    return items


def match(predicted: Sequence[Mention], labels: Sequence[Label]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(prediction index, label index)`` of one type that overlap."""
    pairs: list[tuple[int, int, int]] = []  # -overlap, label, prediction
    for j, label in enumerate(labels):
        for i, mention in enumerate(predicted):
            overlap = min(mention.end, label.end) - max(mention.start, label.start)
            if mention.type == label.type and overlap > 0:
                pairs.append((-overlap, j, i))
    used_p: set[int] = set()
    used_l: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for _overlap, j, i in sorted(pairs):
        if i not in used_p and j not in used_l:
            used_p.add(i)
            used_l.add(j)
            chosen.append((i, j))
    return chosen


@dataclass
class Score:
    """Counts for one indicator type, and the misses (as ``line: text`` strings)."""

    labelled: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        """Matched predictions / predictions (1.0 with no predictions)."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Matched labels / labels (1.0 with no labels)."""
        return self.matched / self.labelled if self.labelled else 1.0


def score(
    items: Sequence[DevText], predictions: Sequence[Sequence[Mention]]
) -> tuple[dict[str, Score], list[str]]:
    """Per indicator type counts over the set, and every miss as a readable line."""
    scores = {kind: Score() for kind in INDICATORS}
    misses: list[str] = []
    for item, predicted in zip(items, predictions, strict=True):
        mentions = [m for m in predicted if m.type in INDICATORS]
        pairs = match(mentions, item.labels)
        hit_p = {i for i, _ in pairs}
        hit_l = {j for _, j in pairs}
        for i, m in enumerate(mentions):
            scores[m.type].predicted += 1
            if i in hit_p:
                scores[m.type].matched += 1
            else:
                misses.append(f"FP line {item.line}: {m.type} {m.text!r} ({m.rule})")
        for j, label in enumerate(item.labels):
            scores[label.type].labelled += 1
            if j not in hit_l:
                misses.append(f"FN line {item.line}: {label.type} {label.text!r}")
    return scores, misses


def main(argv: Sequence[str]) -> int:
    """Print per-type precision and recall on the set (and the misses with ``--errors``);
    ``--holdout`` scores the held-out texts instead."""
    items = load(HOLDOUT if "--holdout" in argv else DEV_SET)
    predictions = [extract(item.text) for item in items]
    scores, misses = score(items, predictions)
    labelled = sum(len(item.labels) for item in items)
    print(f"{len(items)} texts, {labelled} labelled phrases")
    print(f"{'type':22}{'labelled':>9}{'predicted':>10}{'matched':>8}{'P':>7}{'R':>7}")
    for kind, s in scores.items():
        print(
            f"{kind:22}{s.labelled:>9}{s.predicted:>10}{s.matched:>8}"
            f"{s.precision:>7.3f}{s.recall:>7.3f}"
        )
    if "--errors" in argv:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
