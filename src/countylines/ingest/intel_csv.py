"""Intelligence reports from CSV, one row at a time, each with its physical line.

Python's csv module reads the text as it streams from disk; nothing but the
lines of the report being read is held. Line numbers are physical lines of
the file, the header being line 1; a report whose quoted text spans several
lines is reported at the line where it starts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.intel_fields import (
    KNOWN,
    REQUIRED,
    SCALARS,
    SOURCE_REFERENCE,
    SUBJECT_FIELDS,
    SUBJECT_SEPARATOR,
    RawRow,
    Reading,
    field_key,
    is_source_identity,
    normalise_text,
    renamed,
)
from countylines.ingest.intel_text import TextFile

LAYOUT = "intelligence reports (CSV)"
MAX_LINE = 8 * 1024 * 1024  # characters in one physical line; longer fails the file


@dataclass
class _Header:
    """Where each kind of field is in a CSV header."""

    names: list[str]
    positions: dict[str, int]  # canonical scalar field -> position
    source_cols: list[int]
    subject_cols: dict[int, str]  # position -> subject kind
    unknown: list[int]


class _Lines:
    """The physical lines of a file, remembering those of the record being read."""

    def __init__(self, text: TextFile) -> None:
        self._pieces = text.pieces(MAX_LINE)
        self._label = text.label
        self.count = 0
        self.record: list[str] = []  # lines read since the last call to take_record

    def __iter__(self) -> Iterator[str]:
        """Each physical line, with its line break."""
        for line in self._pieces:
            self.count += 1
            if len(line) >= MAX_LINE and not line.endswith(("\n", "\r")):
                raise FileRejected(
                    self._label,
                    f"line {self.count} is longer than {MAX_LINE:,} characters: "
                    "not a CSV file, or a broken one",
                    line=self.count,
                )
            self.record.append(line)
            yield line

    def take_record(self) -> list[str]:
        """The lines read since the last call, forgotten here."""
        lines, self.record = self.record, []
        return lines


def read_csv(text: TextFile) -> Reading:
    """The reports of a CSV file, read lazily from ``text``.

    The header is read now; the rows as the returned reading is iterated.

    Raises:
        FileRejected: if the header cannot be read, is blank, lacks a
            required column or names one twice (now); at undecodable bytes
            or an overlong line (while iterating).
    """
    lines = _Lines(text)
    reader = csv.reader(lines, strict=True)
    try:
        names = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise FileRejected(
            text.label, f"the header line cannot be read as CSV ({exc})", line=1
        ) from exc
    if not any(names):
        raise FileRejected(text.label, "no header line: the first line is blank", line=1)
    lines.take_record()
    header = _match_header(names, text.label)
    warnings: list[str] = []
    if header.unknown:
        warnings.append(
            "columns not recognised and not loaded: "
            + ", ".join(
                repr(names[i]) if names[i] else f"(unnamed column {i + 1})" for i in header.unknown
            )
        )
    return Reading(LAYOUT, _rows(reader, lines, header, reader.line_num, warnings), warnings)


def _rows(
    reader: Iterator[list[str]],
    lines: _Lines,
    header: _Header,
    header_end: int,
    warnings: list[str],
) -> Iterator[RawRow]:
    """Every data row after the header; appends the blank-row warning at the end."""
    names = header.names
    show_raw = not header.source_cols and not header.unknown
    blank_rows = 0
    prev_end = header_end
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            start, prev_end = prev_end + 1, lines.count
            if "unexpected end of data" in str(exc):
                category = "truncated: a quoted field is not closed before the end of the file"
                detail = category
            else:
                category = "bad quoting"
                detail = f"bad quoting: {exc} (a quote inside a quoted field must be doubled)"
            yield _structural(start, lines.take_record(), category, show_raw, detail)
            continue
        start, prev_end = prev_end + 1, lines.count
        record = lines.take_record()
        if not any(f.strip() for f in fields):
            blank_rows += bool(fields)  # empty lines are not rows; all-empty fields are
            continue
        extra = fields[len(names) :]
        if len(fields) < len(names) or any(f.strip() for f in extra):
            category = (
                "too few fields: the row is cut short (truncated line?)"
                if len(fields) < len(names)
                else "too many fields for the header (stray comma or unquoted text?)"
            )
            detail = f"{category}: {len(fields)} fields, the header has {len(names)}"
            yield _structural(start, record, category, show_raw, detail)
            continue
        yield _row(fields, start, header)
    if blank_rows:
        warnings.append(f"{blank_rows} rows with every field empty were ignored")


def _row(fields: list[str], line: int, header: _Header) -> RawRow:
    """One well-formed CSV row as a report, not yet checked."""
    names = header.names
    row = RawRow(
        line=line,
        labels={f: (names[header.positions[f]] if f in header.positions else f) for f in SCALARS},
    )
    for name, pos in header.positions.items():
        row.values[name] = fields[pos]
    for pos, kind in header.subject_cols.items():
        for item in fields[pos].split(SUBJECT_SEPARATOR):
            if item.strip():
                row.subjects.append((kind, item.strip(), names[pos]))
    for pos in header.source_cols:
        value = fields[pos].strip()
        if not value:
            continue
        if field_key(names[pos]) == SOURCE_REFERENCE:
            row.source_reference = value
        else:
            row.source_details[names[pos]] = normalise_text(value)
    return row


def _structural(line: int, record: list[str], category: str, show_raw: bool, detail: str) -> RawRow:
    """A row that cannot be split into fields; its text only if the file has no secrets."""
    raw = "".join(record).rstrip("\r\n") if show_raw else None
    reason = detail if show_raw else f"{detail} (line not shown: the file holds source identity)"
    row = RawRow(line=line, labels={}, readable=False)
    row.problems.append((category, RowError(line, None, clip(raw), reason)))
    return row


def _match_header(names: list[str], label: str) -> _Header:
    """Positions of known fields, source-identity, subject and unknown columns.

    Raises:
        FileRejected: if a required column is missing or a name appears twice.
    """
    header = _Header(names, {}, [], {}, [])
    seen: dict[str, int] = {}
    for pos, name in enumerate(names):
        key = field_key(name)
        if not key:
            header.unknown.append(pos)
            continue
        if key in seen:
            raise FileRejected(
                label,
                f"column {name!r} appears twice (as {names[seen[key]]!r} and {name!r}): "
                "which one holds the data cannot be told",
                line=1,
                column=name,
            )
        seen[key] = pos
        if key in SCALARS:
            header.positions[key] = pos
        elif key in SUBJECT_FIELDS:
            header.subject_cols[pos] = SUBJECT_FIELDS[key]
        elif is_source_identity(key):
            header.source_cols.append(pos)
        else:
            header.unknown.append(pos)
    missing = [f for f in REQUIRED if f not in header.positions]
    if missing:
        keys = {field_key(h): h for h in names if field_key(h) and field_key(h) not in KNOWN}
        hints = []
        for name in missing:
            close = renamed(name, list(keys))
            hints.append(f"{name!r}" + (f" (found {keys[close]!r}: renamed?)" if close else ""))
        raise FileRejected(
            label,
            f"missing required column(s) {', '.join(hints)}; the header has: "
            + ", ".join(repr(h) for h in names),
            line=1,
        )
    return header
