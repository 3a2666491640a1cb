"""``countylines extract``: phones, postcodes, registrations, places, nicknames, drugs, weapons
and exploitation indicators in a text file or a piece of text.

``countylines extract FILE`` reads a file (``-`` for standard input); ``countylines extract --
TEXT…`` reads the words after ``--`` as the text. Nothing is stored: the command reads, finds
and prints. Postcodes are checked against the workspace's loaded postcode lookup when there
is one (``countylines ingest geography``), or against ``--postcodes FILE``.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

import duckdb
import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from typer.core import TyperCommand

from countylines.cli.common import JsonOption, console, out, print_json, settings_from
from countylines.domain.display import printable
from countylines.domain.geography import normalise_postcode
from countylines.extract import DEFAULT_MIN_CONFIDENCE, MAX_TEXT_CHARS, Mention, TextRefused
from countylines.extract import extract as extract_mentions
from countylines.extract.conclusions import ANSWERED_CONFIDENCE, conclusions
from countylines.extract.limits import LineIndex, check_text
from countylines.extract.postcodes import apply_postcode_list
from countylines.store.evidence import register_views
from countylines.store.geography import lookup_postcodes
from countylines.workspace import Workspace, WorkspaceError

#: Bytes read from a file at most (a character is at most 4 bytes in UTF-8).
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS
SAFEGUARDING_NOTE = (
    "Children found in a line are possible victims: CCE indicators are signs that a child "
    "may need safeguarding, not evidence against them. The software advises; people decide."
)
_LITERAL = "countylines_extract_literal"


class ExtractCommand(TyperCommand):
    """Notes whether ``--`` was given, so ``extract -- TEXT`` reads TEXT as text."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Typer's own click Context
        """Record ``--`` in ``ctx.meta``, then parse as usual."""
        ctx.meta[_LITERAL] = "--" in args
        return super().parse_args(ctx, args)


class InputError(Exception):
    """Input that cannot be read: the message names the file, line, column and reason."""


def extract(
    ctx: typer.Context,
    source: list[str] | None = typer.Argument(
        None,
        help="A text file ('-' for standard input); or, after --, the text itself.",
        show_default=False,
    ),
    as_json: bool = JsonOption,
    min_confidence: float = typer.Option(
        DEFAULT_MIN_CONFIDENCE,
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Leave out mentions less sure than this (0 shows every candidate).",
    ),
    encoding: str = typer.Option("utf-8", help="Encoding of the file (e.g. cp1252)."),
    postcodes_file: Path | None = typer.Option(
        None,
        "--postcodes",
        help="Postcodes known to exist: one a line, or a CSV with a 'pcds' or 'postcode' "
        "column (default: the workspace's postcode lookup, if loaded).",
        show_default=False,
    ),
    places_file: Path | None = typer.Option(
        None,
        "--places",
        help="More place names to find as towns, one a line.",
        show_default=False,
    ),
    rules_only: bool = typer.Option(
        False,
        "--rules-only",
        help="Indicators from the rules alone, without the indicator model.",
    ),
) -> None:
    """Find phones, postcodes, vehicle registrations, streets, towns, nicknames, drugs,
    weapons, and child-exploitation and cuckooing indicators in a text.

    Each mention has its place (line:column), normalised value, confidence and rule.

    Examples: countylines extract report.txt; countylines extract -- "ring 07700 900123"
    """
    words = list(source or [])
    label = "text" if ctx.meta.get(_LITERAL) else (words[0] if words else "input")
    try:
        label, text = _read_source(words, bool(ctx.meta.get(_LITERAL)), encoding)
        places = _read_lines(places_file) if places_file else None
        mentions = extract_mentions(
            text, gazetteer=places, min_confidence=min_confidence, learned=not rules_only
        )
        if postcodes_file is not None:
            checked: str | None = str(postcodes_file)
            mentions = apply_postcode_list(mentions, _read_postcodes(postcodes_file))
        else:
            checked, mentions = _check_in_workspace(ctx, mentions)
    except InputError as exc:
        console.print(Text("error: ", style="red") + Text(printable(str(exc))))
        raise typer.Exit(2) from exc
    except TextRefused as exc:
        console.print(Text("refused: ", style="red") + Text(printable(f"{label}: {exc}")))
        raise typer.Exit(1) from exc
    lines = LineIndex(text)
    rows = [_row(lines, m) for m in mentions]
    concludes = [words for _start, _end, words in conclusions(text)]
    if as_json:
        print_json(
            {
                "source": label,
                "characters": len(text),
                "min_confidence": min_confidence,
                "postcodes_checked_against": checked,
                "safeguarding": SAFEGUARDING_NOTE,
                "concludes": concludes,
                "mentions": rows,
            }
        )
        return
    _print(label, text, mentions, rows, checked)
    if concludes and min_confidence > ANSWERED_CONFIDENCE:  # else the answered are listed
        said = ", ".join(f'"{" ".join(w.split())}"' for w in concludes)
        # a second pass at 0, only for a text that concludes: extract() drops mentions below
        # min_confidence before it settles overlaps, so the first pass cannot be re-filtered
        every = extract_mentions(text, gazetteer=places, min_confidence=0, learned=not rules_only)
        hidden = sum(  # a near miss was below the default before it was answered
            "answered: '" in (v := m.value or "") and "below the model's threshold" not in v
            for m in every
        )
        outcome = (
            f"{hidden} sign(s) it describes before that are taken as answered and not listed "
            "(--min-confidence 0 lists them)"
            if hidden
            else "no sign is taken as answered (never one in a record that names a child)"
        )
        out.print(Text(printable(f"the text concludes {said}: {outcome}")))


def _read_source(words: list[str], literal: bool, encoding: str) -> tuple[str, str]:
    if literal:
        if not words:
            raise InputError('no text after --: write countylines extract -- "TEXT"')
        return "text", " ".join(words)
    if len(words) != 1:
        raise InputError(
            "give one file (or '-' for standard input); to extract from text itself, "
            'write it after --: countylines extract -- "TEXT"'
            if words
            else 'nothing to read: give a FILE, or -- "TEXT"'
        )
    name = words[0]
    if name == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        return "standard input", _decode("standard input", data, encoding)
    path = Path(name)
    if not path.exists():
        raise InputError(
            f"{name}: no such file (to extract from text itself, write it after --: "
            f'countylines extract -- "TEXT")'
        )
    if not path.is_file():
        raise InputError(f"{name}: not a file")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from exc
    return name, _decode(name, data, encoding)


def _decode(label: str, data: bytes, encoding: str) -> str:
    """Text from bytes, or the reason it is not text, with the line and column."""
    if len(data) > MAX_FILE_BYTES:
        raise TextRefused(
            f"more than {MAX_FILE_BYTES:,} bytes: longer than extraction takes at once "
            f"({MAX_TEXT_CHARS:,} characters); split it into parts",
            "too long",
        )
    nul = data.find(b"\x00")
    if nul >= 0 and not encoding.lower().replace("-", "").startswith("utf16"):
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise TextRefused(
            f"binary data, not text: a NUL byte at line {line}, column {column} (byte {nul})",
            "binary",
        )
    try:
        codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        text = data.decode(codec)
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TextRefused(
            f"not {encoding} text: byte 0x{data[exc.start]:02x} at line {line}, column "
            f"{column} ({exc.reason}); if the file is in another encoding, give --encoding "
            "(e.g. cp1252)",
            "not unicode",
        ) from exc
    check_text(text)
    return text


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def _read_postcodes(path: Path) -> frozenset[str]:
    """Normalised postcodes from a list (one a line) or a CSV's pcds/postcode column."""
    lines = _read_lines(path)
    if not lines:
        return frozenset()
    header = next(csv.reader([lines[0]]))
    names = [h.strip().lower() for h in header]
    column = next((names.index(n) for n in ("pcds", "postcode", "pcd") if n in names), None)
    if column is None and len(header) > 1:
        raise InputError(
            f"{path}, line 1: a CSV needs a 'pcds' or 'postcode' column; found {', '.join(header)}"
        )
    found: set[str] = set()
    rows = csv.reader(lines[1:] if column is not None else lines)
    for row in rows:
        value = row[column or 0] if len(row) > (column or 0) else ""
        normalised = normalise_postcode(value)
        if normalised is not None:
            found.add(normalised)
    return frozenset(found)


def _check_in_workspace(
    ctx: typer.Context, mentions: list[Mention]
) -> tuple[str | None, list[Mention]]:
    """Postcodes re-rated against the workspace's lookup, if there is a workspace and one."""
    postcodes = [m.value for m in mentions if m.type == "postcode" and m.value]
    if not postcodes:
        return None, mentions
    try:
        ws = Workspace.open(settings_from(ctx))
    except WorkspaceError:
        return None, mentions  # no workspace here: nothing to check against
    try:
        with ws.duckdb() as con:
            if "postcode_lsoa" not in register_views(ws, con):
                return None, mentions
            table = lookup_postcodes(ws, postcodes, con)
    except (duckdb.Error, SQLAlchemyError, OSError) as exc:
        console.print(
            Text("warning: ", style="yellow")
            + Text(printable(f"postcodes not checked against the workspace: {exc}"))
        )
        return None, mentions
    finally:
        ws.close()
    listed: Collection[str] = {
        row["normalised"] for row in table.to_pylist() if row["lsoa_code"] is not None
    }
    return f"workspace {ws.root}", apply_postcode_list(mentions, listed)


MAX_TABLE_ROWS = 1_000
"""Most mentions shown in the terminal table (``--json`` gives all of them)."""


def _row(lines: LineIndex, mention: Mention) -> dict[str, Any]:
    line, column = lines.of(mention.start)
    return {**mention.to_json(), "line": line, "column": column}


def _print(
    label: str, text: str, mentions: list[Mention], rows: list[dict[str, Any]], checked: str | None
) -> None:
    heading = Text(f"{len(mentions)} mentions in {printable(label)} ({len(text):,} characters)")
    heading.stylize("bold")
    out.print(heading)
    if not mentions:
        return
    table = Table(show_lines=False)
    for column in ("type", "text", "value", "conf.", "line:col", "rule"):
        table.add_column(column, overflow="fold")
    shown = list(zip(mentions, rows, strict=True))[:MAX_TABLE_ROWS]
    for mention, row in shown:
        table.add_row(
            Text(mention.type),
            Text(printable(mention.text)),
            Text(printable(mention.value or "")),
            Text(f"{mention.confidence:.2f}"),
            Text(f"{row['line']}:{row['column']}"),
            Text(mention.rule),
        )
    out.print(table)
    if len(mentions) > MAX_TABLE_ROWS:
        out.print(
            Text(
                f"the first {MAX_TABLE_ROWS:,} of {len(mentions):,} mentions are shown; "
                "--json gives them all"
            )
        )
    if checked:
        out.print(Text(f"postcodes checked against {printable(checked)}"))
    if any(m.type in ("cce_indicator", "age") for m in mentions):  # a child, signs or not
        out.print(Text(SAFEGUARDING_NOTE, style="yellow"))
