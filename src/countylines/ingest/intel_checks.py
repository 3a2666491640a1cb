"""Validating one report as read: dates, grading, subjects, lengths, source-identity leaks.

A report that passes becomes a :class:`Report`, ready to store; one that does
not keeps every problem found (category and row error), in the order found.
Nothing here touches a file or the workspace.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from countylines.domain.grading import Grading, GradingError, parse_grading
from countylines.domain.phone import NumberError, canonical_number
from countylines.ingest.errors import RowError, clip
from countylines.ingest.intel_fields import SOURCE_REFERENCE, RawRow, normalise_text

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
_NOT_SUBSCRIBER = {"short_code": "a short code", "alphanumeric": "an SMS sender name"}


@dataclass(frozen=True)
class Report:
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


def check_row(row: RawRow, today: dt.date) -> tuple[Report | None, int]:
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

    values = {k: (v if v is None else normalise_text(v)) for k, v in row.values.items()}
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
        Report(
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
