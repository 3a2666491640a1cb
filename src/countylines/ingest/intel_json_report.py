"""One JSON report object as a row: its fields, subjects and source identity, by JSON path.

Values must be text (``urn`` and the three grade codes may be whole numbers);
``null`` is the same as absent. Problems are recorded on the row, each named
by its JSON path (``$.reports[3].date``); nothing here raises.
"""

from __future__ import annotations

import json
from typing import Any

from countylines.ingest.errors import RowError, clip
from countylines.ingest.intel_fields import (
    SCALARS,
    SOURCE_REFERENCE,
    SUBJECT_FIELDS,
    SUBJECT_KINDS,
    SUBJECT_SEPARATOR,
    RawRow,
    field_key,
    is_source_identity,
)

MAX_NAMES = 100  # distinct unrecognised key names kept for warnings and hints

_INT_FIELDS = frozenset({"urn", "source_grade", "intelligence_grade", "handling_code"})


class Names:
    """Distinct names, at most :data:`MAX_NAMES` of them kept (a file may hold one per report)."""

    def __init__(self) -> None:
        self.kept: set[str] = set()
        self.more = False

    def add(self, name: str) -> None:
        """Note ``name``."""
        if name not in self.kept:
            if len(self.kept) < MAX_NAMES:
                self.kept.add(name)
            else:
                self.more = True

    def listing(self) -> str:
        """The names, quoted and sorted."""
        return ", ".join(map(repr, sorted(self.kept))) + (", and more" if self.more else "")


def json_row(item: Any, path: str, line: int | None, unknown: Names) -> RawRow:
    """Report ``item`` (at JSON ``path``, starting on ``line``) as a row; unknown keys noted."""
    row = RawRow(line=line, labels={f: f"{path}.{f}" for f in SCALARS})
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


def _json_scalar(row: RawRow, key: str, value: Any, where: str) -> str | None:
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


def _json_subjects(row: RawRow, value: Any, where: str) -> None:
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


def _bad_subject_kind(row: RawRow, kind: str, where: str) -> None:
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


def _json_subject_list(
    row: RawRow, kind: str, value: Any, where: str, single: bool = False
) -> None:
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
