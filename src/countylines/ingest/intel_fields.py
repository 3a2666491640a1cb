"""The vocabulary of an intelligence file, and a report as read, before any check.

Fields (CSV columns or JSON keys; names compared ignoring case, spaces, ``-``
and ``_``): ``urn``, ``date``, ``text``, ``grading_scheme``, ``source_grade``,
``intelligence_grade``, ``handling_code`` (all required); ``area``,
``handling_conditions``, subjects (``people``, ``phones``, ``addresses``,
``vehicles``), ``source_reference`` and other ``source_*`` fields (source
identity, kept apart). Full description with examples: docs/intelligence.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from countylines.ingest.csvsource import normalise_header
from countylines.ingest.errors import RowError

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
KNOWN = frozenset({*SCALARS, *SUBJECT_FIELDS, "subjects", SOURCE_REFERENCE, "source_details"})


def field_key(name: str) -> str:
    """A column or key name compared loosely: ``Source Grade`` -> ``source_grade``."""
    return normalise_header(name).replace("-", "_").replace(" ", "_")


def is_source_identity(key: str) -> bool:
    """Whether a field (by :func:`field_key`) holds source identity (kept apart).

    ``source`` and every ``source_*`` field except ``source_grade`` (the
    source evaluation, part of the grading).
    """
    return key == "source" or (key.startswith("source_") and key != "source_grade")


def renamed(wanted: str, names: list[str]) -> str | None:
    """The name among ``names`` (field keys) that looks like ``wanted`` renamed, if any."""
    words = set(wanted.split("_"))
    for name in names:
        other = set(name.split("_"))
        if words <= other or other <= words:  # "date" in "report_date"
            return name
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.8)
    return close[0] if close else None


def normalise_text(value: str) -> str:
    """A value with its line breaks made ``\\n`` and its ends trimmed."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass
class RawRow:
    """One report as read, before validation.

    Attributes:
        line: physical line where the report starts (the header is line 1).
        labels: canonical field -> column name or JSON path, for messages.
        values: canonical field -> the text as read (None: absent or unusable).
        subjects: (kind, value, label) for every subject as read.
        source_reference / source_details: source identity (kept apart).
        problems: (category, error) found so far; the first one counts the row.
        readable: False when the row could not be split into fields at all.
    """

    line: int | None
    labels: dict[str, str]
    values: dict[str, str | None] = field(default_factory=dict)
    subjects: list[tuple[str, str, str]] = field(default_factory=list)
    source_reference: str | None = None
    source_details: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[str, RowError]] = field(default_factory=list)
    readable: bool = True


@dataclass
class Reading:
    """What a reader gives: its rows, one at a time, and file-level facts.

    Attributes:
        layout: how the file was read, e.g. ``intelligence reports (CSV)``.
        rows: the reports in file order; iterating may raise
            :class:`~countylines.ingest.errors.FileRejected`.
        warnings: things a person should know; complete once ``rows`` is
            exhausted.
    """

    layout: str
    rows: Iterator[RawRow]
    warnings: list[str] = field(default_factory=list)
