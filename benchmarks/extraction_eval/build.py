"""Build ``eval.jsonl`` from the hand-labelled sources in ``source/``.

The texts of the evaluation set are written and labelled by hand in two plain text files,
``source/public.txt`` (reports from the public) and ``source/intel.txt`` (sanitised
intelligence logs). Each text starts after a line beginning with ``@@``; everything before the
first ``@@`` is a comment. Inside a text, every label is written in place as
``[[tag|covered text]]`` or, when the label has a value, ``[[tag=value|covered text]]``; labels
may nest (an indicator phrase containing a drug term), and this script only turns the markers
into character offsets. Every label and every value is decided by the writer, never computed.

Tags: ``ph`` phone, ``pc`` postcode, ``vrm`` vehicle registration, ``st`` street, ``tn`` town,
``nick`` nickname, ``drug`` drug, ``wpn`` weapon, ``cce`` child criminal exploitation indicator,
``ck`` cuckooing indicator.

Output: one JSON object per line, ``{"id", "style", "text", "mentions": [{"type", "start",
"end", "text", "value"}]}``, offsets as Python ``str`` indices with ``end`` exclusive, mentions
ordered by start then longest first. Ids are ``pub-NNN`` and ``int-NNN`` in source order.

A malformed marker stops the build with ``file:line:column: reason`` and writes nothing.

Usage::

    .venv/bin/python benchmarks/extraction_eval/build.py          # this folder; then check.py
    .venv/bin/python benchmarks/extraction_eval/build.py DIR      # DIR/source -> DIR/eval.jsonl
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

HERE = Path(__file__).resolve().parent
SOURCES: tuple[tuple[str, str, str], ...] = (
    ("public", "pub", "public.txt"),
    ("intel", "int", "intel.txt"),
)
TAGS: dict[str, str] = {
    "ph": "phone",
    "pc": "postcode",
    "vrm": "vrm",
    "st": "street",
    "tn": "town",
    "nick": "nickname",
    "drug": "drug",
    "wpn": "weapon",
    "cce": "cce_indicator",
    "ck": "cuckooing_indicator",
}
OPEN = "[["
CLOSE = "]]"


class Record(TypedDict):
    """One text of the evaluation set, as written to ``eval.jsonl``."""

    id: str
    style: str
    text: str
    mentions: list[dict[str, object]]


class MarkupError(ValueError):
    """A malformed label marker; the message names file, line, column and reason."""


@dataclass(frozen=True)
class Block:
    """One text as written in a source file: its markup and where it starts."""

    markup: str
    path: Path
    first_line: int


def read_blocks(path: Path) -> list[Block]:
    """Split a source file into texts at lines starting with ``@@``.

    Leading and trailing blank lines of each text are dropped; inner newlines are kept.
    Raises :class:`MarkupError` for an empty text.
    """
    blocks: list[Block] = []
    current: list[str] | None = None
    start = 0
    lines = path.read_text(encoding="utf-8").split("\n")

    def flush() -> None:
        if current is None:
            return
        body = list(current)
        offset = 0
        while body and not body[0].strip():
            body.pop(0)
            offset += 1
        while body and not body[-1].strip():
            body.pop()
        if not body:
            raise MarkupError(f"{path}:{start}:1: empty text after '@@'")
        blocks.append(Block("\n".join(line.rstrip() for line in body), path, start + 1 + offset))

    for number, line in enumerate(lines, start=1):
        if line.startswith("@@"):
            flush()
            current = []
            start = number
        elif current is not None:
            current.append(line)
    flush()
    return blocks


def _where(block: Block, index: int) -> str:
    before = block.markup[:index]
    line = block.first_line + before.count("\n")
    column = index - (before.rfind("\n") + 1) + 1
    return f"{block.path}:{line}:{column}"


def parse(block: Block) -> tuple[str, list[dict[str, object]]]:
    """Turn one text's markers into plain text and labelled spans.

    Returns ``(text, mentions)``. Raises :class:`MarkupError` for an unknown tag, a marker
    without ``|``, an unclosed or unopened marker, or an empty span.
    """
    markup = block.markup
    out: list[str] = []
    length = 0
    stack: list[tuple[str, str | None, int, int]] = []  # type, value, start, marker index
    spans: list[tuple[str, int, int, str | None]] = []  # type, start, end, value
    i = 0
    while i < len(markup):
        if markup.startswith(OPEN, i):
            bar = markup.find("|", i)
            if bar == -1 or "\n" in markup[i:bar] or "]" in markup[i:bar]:
                raise MarkupError(f"{_where(block, i)}: marker without '|'")
            head = markup[i + len(OPEN) : bar]
            tag, has_value, written = head.partition("=")
            if tag not in TAGS:
                raise MarkupError(f"{_where(block, i)}: unknown tag {tag!r}")
            stack.append((TAGS[tag], written if has_value else None, length, i))
            i = bar + 1
        elif markup.startswith(CLOSE, i):
            if not stack:
                raise MarkupError(f"{_where(block, i)}: ']]' without an open marker")
            kind, value, start, _ = stack.pop()
            if start == length:
                raise MarkupError(f"{_where(block, i)}: empty {kind} span")
            spans.append((kind, start, length, value))
            i += len(CLOSE)
        else:
            out.append(markup[i])
            length += 1
            i += 1
    if stack:
        raise MarkupError(f"{_where(block, stack[-1][3])}: marker never closed")
    text = "".join(out)
    spans.sort(key=lambda span: (span[1], -span[2]))
    mentions: list[dict[str, object]] = [
        {"type": kind, "start": start, "end": end, "text": text[start:end], "value": value}
        for kind, start, end, value in spans
    ]
    return text, mentions


def build(source_dir: Path) -> list[Record]:
    """Read both source files and return the records of the evaluation set, in order."""
    records: list[Record] = []
    for style, prefix, name in SOURCES:
        for number, block in enumerate(read_blocks(source_dir / name), start=1):
            text, mentions = parse(block)
            records.append(
                {"id": f"{prefix}-{number:03d}", "style": style, "text": text, "mentions": mentions}
            )
    return records


def main(argv: list[str]) -> int:
    """Write ``eval.jsonl`` for a set; print the number of texts and labels.

    The set directory is the optional first argument (default: this script's folder); its
    sources are read from ``<dir>/source`` and the set is written to ``<dir>/eval.jsonl``.
    """
    set_dir = Path(argv[1]).resolve() if len(argv) > 1 else HERE
    try:
        records = build(set_dir / "source")
    except MarkupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    (set_dir / "eval.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    labels = sum(len(record["mentions"]) for record in records)
    print(f"wrote {len(records)} texts, {labels} labels to {set_dir / 'eval.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
