"""Delimited text files read by DuckDB, with a true line number on every row.

DuckDB's CSV reader streams, runs in parallel and records malformed rows
(too few or too many fields, bad quoting, invalid UTF-8) with their line
numbers; this module adds what it lacks: a check of the header against the
columns a layout needs, transcoding of legacy encodings, and the line number of
every *accepted* row (rebuilt from the rejected and blank lines, which are
the only lines the reader skips).

Line numbers count physical lines, the header being line 1, except that a
quoted field holding a line break counts as one line (as DuckDB counts).
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.files import FileFacts

# Encodings DuckDB reads itself; others are transcoded to UTF-8 first.
_NATIVE_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8", "latin-1": "latin-1"}

_DUCKDB_REASONS = {
    "MISSING COLUMNS": "too few fields: the row is cut short (truncated line?)",
    "TOO MANY COLUMNS": "too many fields for the header (stray delimiter?)",
    "UNQUOTED VALUE": "bad quoting: a value is not properly quoted",
    "LINE SIZE OVER MAXIMUM": "line longer than the reader allows",
    "INVALID ENCODING": "bytes that are not valid text in the file's encoding",
    "INVALID UNICODE": "bytes that are not valid text in the file's encoding",
    "CAST ERROR": "value cannot be read",
}


def normalise_header(name: str) -> str:
    """Header text compared loosely: case, spaces, BOM and surrounding quotes ignored."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').split()).casefold()


@dataclass(frozen=True)
class CsvLayout:
    """How to read one delimited file.

    Attributes:
        delimiter: one character.
        encoding: Python codec name of the file's text (``utf-8``, ``cp1252``...).
        quote: the quote character.
    """

    delimiter: str = ","
    encoding: str = "utf-8"
    quote: str = '"'


@dataclass(frozen=True)
class HeaderMatch:
    """A file's header and where each wanted column sits in it."""

    header: list[str]
    positions: dict[str, int]  # wanted column name -> 0-based position in the file

    def column(self, wanted: str) -> str:
        """The SQL name of a wanted column in the staged table (``c<position>``)."""
        return f"c{self.positions[wanted]}"

    def has(self, wanted: str) -> bool:
        """Whether the file carries this column."""
        return wanted in self.positions


def read_header(path: Path, layout: CsvLayout, file_label: str) -> list[str]:
    """The header fields of ``path`` (BOM removed).

    Raises:
        FileRejected: for an empty file, a file whose first line is blank, or
            undecodable header bytes.
    """
    with path.open("rb") as raw:
        first = raw.readline(1024 * 1024)
    if not first.strip():
        reason = "empty file (0 bytes)" if path.stat().st_size == 0 else "no header line"
        raise FileRejected(file_label, reason, line=1 if first else None)
    try:
        text = codecs.decode(first, _python_codec(layout.encoding))
    except UnicodeDecodeError as exc:
        raise FileRejected(
            file_label, f"header is not valid {layout.encoding} text ({exc.reason})", line=1
        ) from exc
    text = text.lstrip("\ufeff").rstrip("\r\n")
    row = next(csv.reader(io.StringIO(text), delimiter=layout.delimiter, quotechar=layout.quote))
    return [field.strip() for field in row]


def match_header(
    header: Sequence[str],
    required: Sequence[str],
    optional: Sequence[str],
    file_label: str,
) -> HeaderMatch:
    """Locate the wanted columns in ``header``, comparing names loosely.

    Raises:
        FileRejected: naming every required column that is missing, with the
            nearest header name where one looks like a rename.
    """
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(normalise_header(name), position)
    positions: dict[str, int] = {}
    missing: list[str] = []
    for wanted in [*required, *optional]:
        key = normalise_header(wanted)
        if key in index:
            positions[wanted] = index[key]
        elif wanted in required:
            missing.append(wanted)
    if missing:
        hints = []
        used = set(positions.values())
        unmatched = [h for i, h in enumerate(header) if i not in used]
        for name in missing:
            close = difflib.get_close_matches(name, unmatched, n=1, cutoff=0.6)
            hints.append(f"{name!r}" + (f" (found {close[0]!r}: renamed?)" if close else ""))
        raise FileRejected(
            file_label,
            f"missing required column(s) {', '.join(hints)}; the header has: "
            + ", ".join(repr(h) for h in header),
            line=1,
        )
    return HeaderMatch(header=list(header), positions=positions)


def _python_codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError as exc:
        raise ValueError(f"unknown text encoding {encoding!r}") from exc


def readable_path(path: Path, layout: CsvLayout, workdir: Path) -> tuple[Path, str]:
    """A path DuckDB can read and the DuckDB encoding name for it.

    Encodings DuckDB lacks (cp1252 and others) are transcoded to UTF-8 in
    ``workdir``, streaming, in bounded memory; line structure is unchanged.
    """
    codec = _python_codec(layout.encoding)
    for alias, duck in _NATIVE_ENCODINGS.items():
        if codecs.lookup(alias).name == codec:
            return path, duck
    target = workdir / (path.name + ".utf8")
    with (
        path.open("r", encoding=codec, errors="replace", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        while block := src.read(1024 * 1024):
            dst.write(block)
    return target, "utf-8"


def stage_rows(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    facts: FileFacts,
    layout: CsvLayout,
    header: Sequence[str],
    workdir: Path,
    table: str = "raw_rows",
    derived: Sequence[tuple[str, str]] = (),
) -> list[RowError]:
    """Load every well-formed row of ``path`` into temp table ``table``.

    ``table`` is a view with ``line BIGINT`` (true 1-based line number) then
    ``c0 .. c<n-1>`` as VARCHAR, one per header field, then the ``derived``
    columns: ``(name, SQL expression over c0..)`` pairs computed once while
    loading (for expressions later used many times, such as parsed dates). Rows the reader
    cannot split into exactly the header's fields are returned as errors
    (with their lines) instead.

    Raises:
        FileRejected: if DuckDB cannot read the file at all.
    """
    readable, duck_encoding = readable_path(path, layout, workdir)
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header)))
    extra = "".join(f", {expr} AS {name}" for name, expr in derived)
    rejects_table = f"{table}_rejects"
    scans_table = f"{table}_scans"
    try:
        # A table created from one scan keeps file order, so rowid + 1 is the
        # accepted row's ordinal (cheaper than a window; tests check it).
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE {table}_parsed AS
            SELECT *{extra}
            FROM read_csv(?, header = true, auto_detect = false, columns = {{{columns}}},
                          delim = ?, quote = ?, escape = ?, encoding = ?,
                          store_rejects = true, rejects_table = '{rejects_table}',
                          rejects_scan = '{scans_table}', strict_mode = true)
            """,
            [str(readable), layout.delimiter, layout.quote, layout.quote, duck_encoding],
        )
    except duckdb.Error as exc:
        raise FileRejected(
            str(path), f"cannot be read as delimited text: {_first_line(exc)}"
        ) from exc

    # DuckDB logs one reject per missing field of a short line: one error per line.
    rejected = con.execute(
        f"""SELECT line, arg_min(column_name, column_idx), arg_min(error_type, column_idx),
                   any_value(csv_line)
            FROM {rejects_table} GROUP BY line ORDER BY line"""
    ).fetchall()
    errors: list[RowError] = []
    skipped: set[int] = set(facts.blank_lines)
    for line, column_name, error_type, csv_line in rejected:
        skipped.add(int(line))
        column = None
        if column_name is not None and str(column_name).startswith("c"):
            pos = int(str(column_name)[1:])
            column = header[pos] if pos < len(header) else None
        reason = _DUCKDB_REASONS.get(str(error_type), str(error_type).lower())
        errors.append(RowError(int(line), column, clip(str(csv_line).strip("\r\n")), reason))

    # Rebuild each accepted row's line: the k-th accepted row sits on the
    # k-th line after the header that was not skipped (blank or rejected).
    skip_list = sorted(s for s in skipped if s >= 2)
    data_columns = ", ".join(
        [f"p.c{i}" for i in range(len(header))] + [f"p.{name}" for name, _ in derived]
    )
    if not skip_list:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {table} AS "
            f"SELECT p.rowid + 2 AS line, {data_columns} FROM {table}_parsed p"
        )
        return errors
    # accepted rows before the j-th skipped line: (s_j - 2) lines minus (j - 1) skips
    by_accepted: dict[int, int] = {}
    for j, s in enumerate(skip_list, start=1):
        by_accepted[s - 1 - j] = j
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table}_skips (accepted_before BIGINT, n BIGINT)")
    con.executemany(
        f"INSERT INTO {table}_skips VALUES (?, ?)", [[a, n] for a, n in by_accepted.items()]
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {table} AS
        SELECT p.rowid + 2 + coalesce(s.n, 0) AS line, {data_columns}
        FROM {table}_parsed p
        ASOF LEFT JOIN {table}_skips s ON p.rowid + 1 > s.accepted_before
        """
    )
    return errors


def unterminated_warning(facts: FileFacts) -> list[str]:
    """A note for a text file whose last line has no line break (it may be cut short)."""
    if facts.ends_with_newline:
        return []
    return ["the file does not end with a line break: check that its last line is complete"]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
