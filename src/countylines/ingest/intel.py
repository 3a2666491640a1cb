"""Graded intelligence reports from CSV or JSON (``countylines ingest intel``).

Each report becomes an :class:`~countylines.store.models.IntelReport` with its
subjects (:class:`IntelSubject`) and its first grading
(:class:`IntelGrading`, graded by the importing OS user, reason "as imported
from <file> (import #N)"). Source identity (``source_reference`` and any
other ``source_*`` field) goes ONLY to :class:`IntelSourceRecord`, linked by
the URN text; it never reaches the report, its subjects, the row-error report
or the warnings. All records are written inside the transaction that
registers the file, so a file loads completely or not at all.

Fields (CSV columns or JSON keys; names compared ignoring case, spaces,
``-`` and ``_``): ``urn``, ``date``, ``text``, ``grading_scheme``,
``source_grade``, ``intelligence_grade``, ``handling_code`` (all required);
``area``, ``handling_conditions``, subjects (``people``, ``phones``,
``addresses``, ``vehicles``; ``;``-separated in CSV; in JSON lists, or a
``subjects`` list of ``{"kind", "value"}``), ``source_reference`` and other
``source_*`` fields. Full description with examples: docs/intelligence.md.

Line numbers are physical lines of the file, the header being line 1; a
report whose quoted text spans several lines is reported at the line where
it starts. JSON reports are named by their index and JSON path
(``$.reports[3].date``) and the line where the object starts.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.domain.grading import Grading, GradingError, parse_grading
from countylines.domain.phone import NumberError, canonical_number
from countylines.ingest.csvsource import normalise_header
from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.runner import StageContext, Staged, who
from countylines.store.models import (
    IntelGrading,
    IntelReport,
    IntelSourceRecord,
    IntelSubject,
    SourceFile,
)

SOURCE_KIND = "intel"

REQUIRED = (
    "urn",
    "date",
    "text",
    "grading_scheme",
    "source_grade",
    "intelligence_grade",
    "handling_code",
)
OPTIONAL = ("area", "handling_conditions")
SCALARS = REQUIRED + OPTIONAL
SUBJECT_FIELDS = {
    "people": "person",
    "phones": "phone",
    "addresses": "address",
    "vehicles": "vehicle",
}
SUBJECT_KINDS = {
    **{kind: kind for kind in SUBJECT_FIELDS.values()},
    **SUBJECT_FIELDS,
}  # accepted spellings of a JSON subject kind -> stored kind
SOURCE_REFERENCE = "source_reference"
SUBJECT_SEPARATOR = ";"

MAX_URN = 100
MAX_AREA = 200
MAX_SOURCE_REFERENCE = 200
MAX_NORMALISED = 300
LEAK_MIN_REFERENCE = 3  # source_reference values at least this long are looked for in the text
LEAK_MIN_DETAIL = 8  # other source_* values at least this long are looked for in the text

_GRADING_FIELDS = {
    "scheme": "grading_scheme",
    "source": "source_grade",
    "intelligence": "intelligence_grade",
    "handling": "handling_code",
    "conditions": "handling_conditions",
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_JSON_WS = re.compile(r"[ \t\n\r]*")
_INT_FIELDS = frozenset({"urn", "source_grade", "intelligence_grade", "handling_code"})
_NOT_SUBSCRIBER = {"short_code": "a short code", "alphanumeric": "an SMS sender name"}
_KNOWN = frozenset({*SCALARS, *SUBJECT_FIELDS, "subjects", SOURCE_REFERENCE, "source_details"})


def field_key(name: str) -> str:
    """A column or key name compared loosely: ``Source Grade`` -> ``source_grade``."""
    return normalise_header(name).replace("-", "_").replace(" ", "_")


def is_source_identity(key: str) -> bool:
    """Whether a field (by :func:`field_key`) holds source identity (kept apart).

    ``source`` and every ``source_*`` field except ``source_grade`` (the
    source evaluation, part of the grading).
    """
    return key == "source" or (key.startswith("source_") and key != "source_grade")


@dataclass
class _Row:
    """One report as read, before validation."""

    line: int | None
    labels: dict[str, str]  # canonical field -> column name / JSON path for messages
    values: dict[str, str | None] = field(default_factory=dict)
    subjects: list[tuple[str, str, str]] = field(default_factory=list)  # kind, value, label
    source_reference: str | None = None
    source_details: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[str, RowError]] = field(default_factory=list)  # (category, error)
    readable: bool = True  # False when the row could not be split into fields at all


@dataclass(frozen=True)
class _Report:
    """One validated report, ready to store."""

    urn: str
    line: int | None
    date: dt.date
    text: str
    area: str | None
    grading: Grading
    subjects: tuple[tuple[str, str, str | None], ...]  # kind, value, normalised
    source_reference: str | None
    source_details: dict[str, Any]


@dataclass
class _Read:
    """What a reader returns: rows plus file-level facts."""

    rows: list[_Row]
    layout: str
    warnings: list[str]


@dataclass
class IntelAdapter:
    """Stages one file of graded intelligence reports (CSV or JSON).

    Attributes:
        encoding: the file's text encoding (Python codec name); UTF-8 by
            default, with or without a byte-order mark. Never guessed.
    """

    encoding: str = "utf-8"
    source_kind: str = SOURCE_KIND

    def __post_init__(self) -> None:
        """Check the encoding name now, not file by file.

        Raises:
            ValueError: if Python knows no codec of that name.
        """
        try:
            codecs.lookup(self.encoding)
        except LookupError as exc:
            raise ValueError(f"unknown text encoding {self.encoding!r}") from exc

    def stage(self, ctx: StageContext) -> Staged:
        """Read, validate and stage the reports of ``ctx.path``.

        Bad reports are rejected one by one (file, line, column, value,
        reason); the others load. Records are added by ``write_records``
        inside the runner's committing transaction.

        Raises:
            FileRejected: for an empty or undecodable file, invalid JSON, a
                JSON document of the wrong shape, a CSV header lacking a
                required column or naming one twice.
        """
        text = _decode(ctx.path.read_bytes(), self.encoding, ctx.label)
        if _looks_like_json(ctx.path, text):
            read = _read_json(text, ctx.label)
        else:
            read = _read_csv(text, ctx.label)
        return _validate(ctx, read)


def _decode(raw: bytes, encoding: str, label: str) -> str:
    if not raw:
        raise FileRejected(label, "empty file (0 bytes)")
    codec = codecs.lookup(encoding).name
    if codec == "utf-8":
        codec = "utf-8-sig"  # a byte-order mark is not part of the first header
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FileRejected(
            label,
            f"line {line} is not valid {encoding} text ({exc.reason}); if an older system "
            "wrote the file, give its encoding, e.g. --encoding cp1252",
            line=line,
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FileRejected(label, "the file holds only blank space: no header, no reports", line=1)
    return text


def _looks_like_json(path: Path, text: str) -> bool:
    suffix = path.suffix.casefold()
    if suffix == ".json":
        return True
    if suffix in (".csv", ".txt"):
        return False
    return text.lstrip()[:1] in ("[", "{")


def _lines(text: str) -> list[str]:
    """Physical lines as the csv module counts them (``\\n``, ``\\r\\n`` or ``\\r``)."""
    return io.StringIO(text, newline="").readlines()


def _normalise_text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


# ---------------------------------------------------------------- CSV


def _read_csv(text: str, label: str) -> _Read:
    physical = _lines(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise FileRejected(label, f"the header line cannot be read as CSV ({exc})", line=1) from exc
    if not any(header):
        raise FileRejected(label, "no header line: the first line is blank", line=1)
    header_end = reader.line_num
    positions, source_cols, subject_cols, unknown = _match_header(header, label)
    warnings: list[str] = []
    if unknown:
        warnings.append(
            "columns not recognised and not loaded: "
            + ", ".join(
                repr(header[i]) if header[i] else f"(unnamed column {i + 1})" for i in unknown
            )
        )
    show_raw = not source_cols and not unknown
    rows: list[_Row] = []
    blank_rows = 0
    prev_end = header_end
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            start, end = prev_end + 1, reader.line_num
            prev_end = end
            if "unexpected end of data" in str(exc):
                category = "truncated: a quoted field is not closed before the end of the file"
                detail = category
            else:
                category = "bad quoting"
                detail = f"bad quoting: {exc} (a quote inside a quoted field must be doubled)"
            rows.append(_structural(start, physical, start, end, category, show_raw, detail))
            continue
        start, prev_end = prev_end + 1, reader.line_num
        if not any(f.strip() for f in fields):
            blank_rows += bool(fields)  # empty lines are not rows; all-empty fields are
            continue
        extra = fields[len(header) :]
        if len(fields) < len(header) or any(f.strip() for f in extra):
            category = (
                "too few fields: the row is cut short (truncated line?)"
                if len(fields) < len(header)
                else "too many fields for the header (stray comma or unquoted text?)"
            )
            detail = f"{category}: {len(fields)} fields, the header has {len(header)}"
            rows.append(_structural(start, physical, start, prev_end, category, show_raw, detail))
            continue
        row = _Row(
            line=start, labels={f: (header[positions[f]] if f in positions else f) for f in SCALARS}
        )
        for name, pos in positions.items():
            row.values[name] = fields[pos]
        for pos, kind in subject_cols.items():
            for item in fields[pos].split(SUBJECT_SEPARATOR):
                if item.strip():
                    row.subjects.append((kind, item.strip(), header[pos]))
        for pos in source_cols:
            value = fields[pos].strip()
            if not value:
                continue
            if field_key(header[pos]) == SOURCE_REFERENCE:
                row.source_reference = value
            else:
                row.source_details[header[pos]] = _normalise_text(value)
        rows.append(row)
    if blank_rows:
        warnings.append(f"{blank_rows} rows with every field empty were ignored")
    return _Read(rows, "intelligence reports (CSV)", warnings)


def _structural(
    line: int, physical: list[str], start: int, end: int, category: str, show_raw: bool, detail: str
) -> _Row:
    raw = "".join(physical[start - 1 : end]).rstrip("\r\n") if show_raw else None
    reason = detail if show_raw else f"{detail} (line not shown: the file holds source identity)"
    row = _Row(line=line, labels={}, readable=False)
    row.problems.append((category, RowError(line, None, clip(raw), reason)))
    return row


def _match_header(
    header: list[str], label: str
) -> tuple[dict[str, int], list[int], dict[int, str], list[int]]:
    """Positions of known fields, source-identity, subject and unknown columns.

    Raises:
        FileRejected: if a required column is missing or a name appears twice.
    """
    positions: dict[str, int] = {}
    source_cols: list[int] = []
    subject_cols: dict[int, str] = {}
    unknown: list[int] = []
    seen: dict[str, int] = {}
    for pos, name in enumerate(header):
        key = field_key(name)
        if not key:
            unknown.append(pos)
            continue
        if key in seen:
            raise FileRejected(
                label,
                f"column {name!r} appears twice (as {header[seen[key]]!r} and {name!r}): "
                "which one holds the data cannot be told",
                line=1,
                column=name,
            )
        seen[key] = pos
        if key in SCALARS:
            positions[key] = pos
        elif key in SUBJECT_FIELDS:
            subject_cols[pos] = SUBJECT_FIELDS[key]
        elif is_source_identity(key):
            source_cols.append(pos)
        else:
            unknown.append(pos)
    missing = [f for f in REQUIRED if f not in positions]
    if missing:
        keys = {field_key(h): h for h in header if field_key(h) and field_key(h) not in _KNOWN}
        hints = []
        for name in missing:
            close = _renamed(name, list(keys))
            hints.append(f"{name!r}" + (f" (found {keys[close]!r}: renamed?)" if close else ""))
        raise FileRejected(
            label,
            f"missing required column(s) {', '.join(hints)}; the header has: "
            + ", ".join(repr(h) for h in header),
            line=1,
        )
    return positions, source_cols, subject_cols, unknown


def _renamed(wanted: str, names: list[str]) -> str | None:
    """The name among ``names`` (field keys) that looks like ``wanted`` renamed, if any."""
    words = set(wanted.split("_"))
    for name in names:
        other = set(name.split("_"))
        if words <= other or other <= words:  # "date" in "report_date"
            return name
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.8)
    return close[0] if close else None


# ---------------------------------------------------------------- JSON


def _read_json(text: str, label: str) -> _Read:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRejected(
            label,
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            line=exc.lineno,
        ) from exc
    warnings: list[str] = []
    if isinstance(data, list):
        items, base, wrapped = data, "$", False
    elif isinstance(data, dict) and isinstance(data.get("reports"), list):
        items, base, wrapped = data["reports"], "$.reports", True
        others = sorted(k for k in data if k != "reports")
        if others:
            warnings.append(
                "top-level keys not recognised and not loaded: " + ", ".join(map(repr, others))
            )
    else:
        shape = (
            _json_type(data) if not isinstance(data, dict) else "an object without a 'reports' list"
        )
        raise FileRejected(
            label,
            "a JSON intelligence file holds a list of reports, or an object with a "
            f"'reports' list; this one holds {shape}",
            line=1,
        )
    starts = _element_lines(text, wrapped, len(items))
    _check_json_keys(items, base, label)
    rows: list[_Row] = []
    unknown: set[str] = set()
    for index, item in enumerate(items):
        path = f"{base}[{index}]"
        line = starts[index] if starts else None
        rows.append(_json_row(item, path, line, unknown))
    if unknown:
        warnings.append(
            "keys not recognised and not loaded: " + ", ".join(map(repr, sorted(unknown)))
        )
    return _Read(rows, "intelligence reports (JSON)", warnings)


def _check_json_keys(items: list[Any], base: str, label: str) -> None:
    """Reject the file when a required key is absent from every report (a renamed field)."""
    objects = [item for item in items if isinstance(item, dict)]
    if not objects:
        return
    present = {field_key(str(k)) for item in objects for k in item}
    missing = [f for f in REQUIRED if f not in present]
    if missing:
        hints = []
        for name in missing:
            close = _renamed(name, sorted(present - _KNOWN))
            hints.append(f"{name!r}" + (f" (found {close!r}: renamed?)" if close else ""))
        raise FileRejected(
            label,
            f"no report in {base} has the required key(s) {', '.join(hints)}",
        )


def _json_row(item: Any, path: str, line: int | None, unknown: set[str]) -> _Row:
    row = _Row(line=line, labels={f: f"{path}.{f}" for f in SCALARS})
    if not isinstance(item, dict):
        row.readable = False
        row.problems.append(
            (
                "report is not a JSON object",
                RowError(
                    line, path, None, f"report is not a JSON object (it is {_json_type(item)})"
                ),
            )
        )
        return row
    keys_seen: dict[str, str] = {}
    for raw_key, value in item.items():
        name = str(raw_key)
        key = field_key(name)
        where = f"{path}.{name}"
        if key in keys_seen:
            row.problems.append(
                (
                    "key given twice",
                    RowError(
                        line, where, None, f"key given twice (as {keys_seen[key]!r} and {name!r})"
                    ),
                )
            )
            continue
        keys_seen[key] = name
        if key in SCALARS:
            row.labels[key] = where
            row.values[key] = _json_scalar(row, key, value, where)
        elif key == "subjects":
            _json_subjects(row, value, where)
        elif key in SUBJECT_FIELDS:
            _json_subject_list(row, SUBJECT_FIELDS[key], value, where)
        elif key == SOURCE_REFERENCE:
            if isinstance(value, str | int) and not isinstance(value, bool):
                row.source_reference = str(value).strip() or None
            elif value is not None:
                row.problems.append(
                    (
                        "source reference is not text",
                        RowError(
                            line,
                            where,
                            None,
                            f"source_reference must be text, not {_json_type(value)}",
                        ),
                    )
                )
        elif is_source_identity(key):
            if value not in (None, "", [], {}):
                row.source_details[name] = value
        else:
            unknown.add(name)
    return row


def _json_type(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _json_scalar(row: _Row, key: str, value: Any, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if key in _INT_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    row.problems.append(
        (
            f"{key} is not text",
            RowError(
                row.line,
                where,
                clip(json.dumps(value)),
                f"{key} must be text, not {_json_type(value)}",
            ),
        )
    )
    return None


def _json_subjects(row: _Row, value: Any, where: str) -> None:
    if value is None:
        return
    if isinstance(value, dict):
        for name, items in value.items():
            kind = SUBJECT_KINDS.get(field_key(str(name)))
            if kind is None:
                _bad_subject_kind(row, str(name), f"{where}.{name}")
            else:
                _json_subject_list(row, kind, items, f"{where}.{name}")
        return
    if not isinstance(value, list):
        row.problems.append(
            (
                "subjects not a list",
                RowError(
                    row.line,
                    where,
                    None,
                    f"subjects must be a list of {{kind, value}} objects, not {_json_type(value)}",
                ),
            )
        )
        return
    for j, entry in enumerate(value):
        at = f"{where}[{j}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str):
            row.problems.append(
                (
                    "subject not a {kind, value} object",
                    RowError(
                        row.line,
                        at,
                        None,
                        "a subject must be an object with text 'kind' and 'value'",
                    ),
                )
            )
            continue
        kind = SUBJECT_KINDS.get(field_key(entry["kind"]))
        if kind is None:
            _bad_subject_kind(row, entry["kind"], f"{at}.kind")
            continue
        _json_subject_list(row, kind, entry.get("value"), f"{at}.value", single=True)


def _bad_subject_kind(row: _Row, kind: str, where: str) -> None:
    row.problems.append(
        (
            "subject kind not person, phone, address or vehicle",
            RowError(
                row.line,
                where,
                clip(kind),
                f"subject kind {kind!r} is not person, phone, address or vehicle",
            ),
        )
    )


def _json_subject_list(row: _Row, kind: str, value: Any, where: str, single: bool = False) -> None:
    """Subjects from a list of text, or one ``;``-separated text."""
    if value is None:
        return
    if isinstance(value, str):
        items = [(where, part) for part in ([value] if single else value.split(SUBJECT_SEPARATOR))]
    elif isinstance(value, list) and not single:
        items = []
        for j, entry in enumerate(value):
            if isinstance(entry, str):
                items.append((f"{where}[{j}]", entry))
            else:
                row.problems.append(
                    (
                        f"{kind} subject is not text",
                        RowError(
                            row.line,
                            f"{where}[{j}]",
                            clip(json.dumps(entry)),
                            f"a {kind} subject must be text, not {_json_type(entry)}",
                        ),
                    )
                )
    else:
        row.problems.append(
            (
                f"{kind} subject is not text",
                RowError(
                    row.line,
                    where,
                    clip(json.dumps(value)),
                    f"{kind} subjects must be text or a list of text, not {_json_type(value)}",
                ),
            )
        )
        return
    for at, text in items:
        if text.strip():
            row.subjects.append((kind, text.strip(), at))


def _element_lines(text: str, wrapped: bool, count: int) -> list[int] | None:
    """1-based line where each report object starts, or None if it cannot be told.

    Walks the (already validated) document with ``raw_decode`` to find the
    offset of every element of the report list.
    """
    decoder = json.JSONDecoder()

    def skip(pos: int) -> int:
        match = _JSON_WS.match(text, pos)
        return match.end() if match else pos

    try:
        pos = skip(0)
        if wrapped:
            if text[pos] != "{":
                return None
            pos = skip(pos + 1)
            array_at: int | None = None
            while text[pos] != "}":
                key, pos = decoder.raw_decode(text, pos)
                pos = skip(pos)
                if text[pos] != ":":
                    return None
                pos = skip(pos + 1)
                if key == "reports":
                    array_at = pos  # the last one wins, as in json.loads
                _, pos = decoder.raw_decode(text, pos)
                pos = skip(pos)
                if text[pos] == ",":
                    pos = skip(pos + 1)
            if array_at is None:
                return None
            pos = array_at
        if text[pos] != "[":
            return None
        offsets: list[int] = []
        pos = skip(pos + 1)
        while text[pos] != "]":
            offsets.append(pos)
            _, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            if text[pos] == ",":
                pos = skip(pos + 1)
    except (ValueError, IndexError):
        return None
    if len(offsets) != count:
        return None
    lines: list[int] = []
    line, last = 1, 0
    for offset in offsets:
        line += text.count("\n", last, offset)
        last = offset
        lines.append(line)
    return lines


# ---------------------------------------------------------------- validation


def parse_report_date(text: str) -> dt.date:
    """A report date written ``yyyy-mm-dd`` or ``dd/mm/yyyy`` (UK day-first order).

    Raises:
        ValueError: with the reason, for any other form or an impossible date.
    """
    value = text.strip()
    iso = _ISO_DATE.match(value)
    uk = _UK_DATE.match(value)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if uk:
            return dt.date(int(uk[3]), int(uk[2]), int(uk[1]))
    except ValueError as exc:
        raise ValueError(f"no such date: {value!r} ({exc})") from exc
    raise ValueError(f"date {value!r} is not written yyyy-mm-dd or dd/mm/yyyy")


def normalise_subject(kind: str, value: str) -> str | None:
    """The matching key of one subject as written.

    Phones: E.164 by :func:`~countylines.domain.phone.canonical_number`
    (None when withheld or unknown); vehicles: upper case without spaces;
    people and addresses: upper case with runs of spaces made one (a key for
    finding the same spelling, not identity resolution).

    Raises:
        NumberError: for a phone that is not a number, or is a short code or
            an SMS sender name rather than a subscriber number.
    """
    if kind == "phone":
        canon = canonical_number(value)
        if canon.kind == "withheld":
            return None
        if canon.kind != "e164":
            raise NumberError(
                f"{value!r} is {_NOT_SUBSCRIBER.get(canon.kind, canon.kind)}, not a subscriber "
                "phone number",
                "phone subject is a short code or SMS sender name, not a phone number",
            )
        return canon.number
    if kind == "vehicle":
        return re.sub(r"\s+", "", value).upper()
    return " ".join(value.split()).upper()


def _check_row(row: _Row, today: dt.date) -> tuple[_Report | None, int]:
    """Validate one row; problems are appended to ``row.problems``.

    Returns the report (None when rejected) and the number of withheld phone
    subjects kept.
    """
    problems = row.problems

    def bad(name: str, category: str, reason: str, value: str | None) -> None:
        label = row.labels.get(name, name)
        if any(e.column == label for _, e in problems):
            return  # one problem per field: it was already found while reading
        problems.append((category, RowError(row.line, label, clip(value), reason)))

    values = {k: (v if v is None else _normalise_text(v)) for k, v in row.values.items()}
    for name, value in values.items():
        if value is not None and "\x00" in value:
            bad(
                name,
                "contains a NUL character",
                f"{name} contains a NUL character (binary data?)",
                None,
            )
            values[name] = None
    urn = values.get("urn") or ""
    if not urn:
        bad("urn", "URN missing", "URN missing: every report needs its unique reference", None)
    elif len(urn) > MAX_URN:
        bad(
            "urn",
            f"URN longer than {MAX_URN} characters",
            f"URN longer than {MAX_URN} characters",
            urn,
        )
    date: dt.date | None = None
    if not values.get("date"):
        bad("date", "date missing", "date missing", None)
    else:
        try:
            date = parse_report_date(values["date"] or "")
        except ValueError as exc:
            bad("date", "date not yyyy-mm-dd or dd/mm/yyyy", str(exc), values["date"])
        else:
            if date > today:
                bad(
                    "date",
                    "date in the future",
                    f"date {date.isoformat()} is in the future",
                    values["date"],
                )
                date = None
    text = values.get("text") or ""
    if not text:
        bad("text", "report text missing", "report text missing", None)
    area = values.get("area") or None
    if area is not None and len(area) > MAX_AREA:
        bad(
            "area",
            f"area longer than {MAX_AREA} characters",
            f"area longer than {MAX_AREA} characters",
            area,
        )
    grading: Grading | None = None
    try:
        grading = parse_grading(
            values.get("grading_scheme"),
            values.get("source_grade"),
            values.get("intelligence_grade"),
            values.get("handling_code"),
            values.get("handling_conditions"),
        )
    except GradingError as exc:
        bad(_GRADING_FIELDS[exc.field], exc.category, str(exc), exc.value)

    subjects: dict[tuple[str, str], tuple[str, str, str | None]] = {}
    withheld = 0
    for kind, value, label in row.subjects:
        if "\x00" in value:
            problems.append(
                (
                    "contains a NUL character",
                    RowError(row.line, label, None, f"{kind} subject contains a NUL character"),
                )
            )
            continue
        try:
            normalised = normalise_subject(kind, value)
        except NumberError as exc:
            category = (
                exc.category
                if exc.category.startswith("phone subject")
                else f"phone subject: {exc.category}"
            )
            problems.append(
                (category, RowError(row.line, label, clip(value), f"phone subject: {exc}"))
            )
            continue
        if normalised is not None and len(normalised) > MAX_NORMALISED:
            category = f"{kind} subject longer than {MAX_NORMALISED} characters"
            problems.append((category, RowError(row.line, label, clip(value), category)))
            continue
        if kind == "phone" and normalised is None:
            withheld += 1
        subjects.setdefault((kind, normalised or value), (kind, value, normalised))

    if any("\x00" in s for s in _strings([row.source_reference, row.source_details])):
        category = "source identity contains a NUL character"
        problems.append(
            (category, RowError(row.line, SOURCE_REFERENCE, None, f"{category} (value not shown)"))
        )
    if row.source_reference is not None and len(row.source_reference) > MAX_SOURCE_REFERENCE:
        category = f"source reference longer than {MAX_SOURCE_REFERENCE} characters"
        problems.append(
            (category, RowError(row.line, SOURCE_REFERENCE, None, f"{category} (value not shown)"))
        )
    leaked = _leaked_fields(text, row.source_reference, row.source_details)
    if leaked:
        problems.append(
            (
                "report text contains source identity",
                RowError(
                    row.line,
                    row.labels.get("text", "text"),
                    None,
                    "the report text contains the value of "
                    + ", ".join(leaked)
                    + ": it is not sanitised (text not shown); remove the source identity "
                    "from the text",
                ),
            )
        )
    if problems or date is None or grading is None:
        return None, 0
    return (
        _Report(
            urn=urn,
            line=row.line,
            date=date,
            text=text,
            area=area,
            grading=grading,
            subjects=tuple(subjects.values()),
            source_reference=row.source_reference,
            source_details=row.source_details,
        ),
        withheld,
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _contains(text: str, value: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(value.strip()) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _leaked_fields(text: str, reference: str | None, details: dict[str, Any]) -> list[str]:
    """Names of source-identity fields whose value appears in the report text."""
    if not text:
        return []
    leaked = []
    if reference and len(reference.strip()) >= LEAK_MIN_REFERENCE and _contains(text, reference):
        leaked.append(SOURCE_REFERENCE)
    for name, value in details.items():
        if any(len(s.strip()) >= LEAK_MIN_DETAIL and _contains(text, s) for s in _strings(value)):
            leaked.append(name)
    return leaked


def _validate(ctx: StageContext, read: _Read) -> Staged:
    today = dt.date.today()
    checked: list[tuple[_Row, _Report | None]] = []
    first_line: dict[str, int | None] = {}
    withheld = 0
    for row in read.rows:
        if not row.readable:
            checked.append((row, None))
            continue
        report, n_withheld = _check_row(row, today)
        urn = _normalise_text(row.values.get("urn") or "")
        if urn and urn in first_line:
            where = first_line[urn]
            at = f"line {where}" if where is not None else "an earlier report"
            row.problems.insert(
                0,
                (
                    "URN repeated in the file",
                    RowError(
                        row.line,
                        row.labels.get("urn", "urn"),
                        clip(urn),
                        f"URN repeated in this file (first at {at}); this occurrence is not loaded",
                    ),
                ),
            )
            report = None
        elif urn:
            first_line[urn] = row.line
        if report is not None:
            withheld += n_withheld
        checked.append((row, report))

    earlier = _urns_in_workspace(ctx, [r.urn for _, r in checked if r is not None])
    reports: list[_Report] = []
    reasons: Counter[str] = Counter()
    errors: list[RowError] = []
    for row, report in checked:
        if report is not None and report.urn in earlier:
            row.problems.insert(
                0,
                (
                    "URN already loaded by an earlier import",
                    RowError(
                        row.line,
                        row.labels.get("urn", "urn"),
                        clip(report.urn),
                        earlier[report.urn],
                    ),
                ),
            )
            report = None
        if report is None:
            reasons[row.problems[0][0]] += 1
            errors.extend(e for _, e in row.problems)
        else:
            reports.append(report)

    warnings = list(read.warnings)
    if withheld:
        warnings.append(
            f"{withheld} phone subjects are withheld or unknown numbers: kept as written, "
            "not linkable (no normalised number)"
        )
    if not read.rows:
        warnings.append("header only: the file has no reports")
    errors.sort(key=lambda e: e.line or 0)
    dates = [r.date for r in reports]

    def write_records(session: Session, source_file: SourceFile) -> None:
        _write(session, source_file, reports)

    return Staged(
        rows_read=len(read.rows),
        rows_loaded=len(reports),
        row_errors=errors[: ctx.max_stored_errors],
        reject_reasons=reasons,
        first_event_at=_midnight(min(dates)) if dates else None,
        last_event_at=_midnight(max(dates)) if dates else None,
        warnings=warnings,
        layout=read.layout,
        write_records=write_records,
    )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def _urns_in_workspace(ctx: StageContext, urns: list[str]) -> dict[str, str]:
    """URN -> reason, for URNs the workspace already holds (report or source record)."""
    found: dict[str, str] = {}
    with ctx.workspace.session() as session:
        for start in range(0, len(urns), 500):
            chunk = urns[start : start + 500]
            for urn, file_id in session.execute(
                select(IntelReport.urn, IntelReport.source_file_id).where(
                    IntelReport.urn.in_(chunk)
                )
            ):
                found[urn] = (
                    f"URN already loaded from import #{file_id}"
                    if file_id is not None
                    else "URN already loaded (entered directly, not from a file)"
                )
            for (urn,) in session.execute(
                select(IntelSourceRecord.urn).where(IntelSourceRecord.urn.in_(chunk))
            ):
                found.setdefault(urn, "URN already has a source record in the workspace")
    return found


def _write(session: Session, source_file: SourceFile, reports: list[_Report]) -> None:
    """Add reports, subjects, first gradings and source records to ``session``."""
    graded_by = who()
    reason = f"as imported from {source_file.file_name} (import #{source_file.id})"
    for r in reports:
        g = r.grading
        report = IntelReport(
            urn=r.urn,
            source_file_id=source_file.id,
            source_line=r.line,
            report_date=r.date,
            text=r.text,
            area=r.area,
            grading_scheme=g.scheme,
            source_grade=g.source,
            intelligence_grade=g.intelligence,
            handling_code=g.handling,
            handling_conditions=g.conditions,
        )
        report.subjects = [IntelSubject(kind=k, value=v, normalised=n) for k, v, n in r.subjects]
        report.gradings = [
            IntelGrading(
                scheme=g.scheme,
                source_grade=g.source,
                intelligence_grade=g.intelligence,
                handling_code=g.handling,
                handling_conditions=g.conditions,
                graded_by=graded_by,
                reason=reason,
            )
        ]
        session.add(report)
        if r.source_reference is not None or r.source_details:
            session.add(
                IntelSourceRecord(
                    urn=r.urn, source_reference=r.source_reference, source_details=r.source_details
                )
            )
    session.flush()
