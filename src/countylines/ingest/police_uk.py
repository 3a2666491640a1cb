"""data.police.uk open data: street crime, stop and search, and outcomes, of any force.

The three CSV kinds data.police.uk publishes are told apart by their header,
never by the file name (:func:`detect_kind`). Each kind has its own source
kind in the import records and its own evidence table (Parquet):

- ``police_uk_street`` -> ``street_crimes`` (dated by ``month``, a DATE);
- ``police_uk_stop_search`` -> ``stop_searches`` (dated by ``date``, TIMESTAMPTZ);
- ``police_uk_outcomes`` -> ``crime_outcomes`` (dated by ``month``, a DATE).

Every evidence column is the snake_case form of the published header
(``LSOA code`` -> ``lsoa_code``), typed: ``Month`` is the first day of the
month, ``Latitude``/``Longitude`` are WGS84 degrees (NULL where police.uk
gives no location), stop-and-search ``Date`` is UTC, and the True/False
columns are booleans (NULL when empty). Text is trimmed, empty text NULL.
Each row also carries ``source_sha256`` and ``source_line`` (provenance).
``docs/sources/police-uk.md`` lists the columns and the rejection reasons.

All parsing is set-based DuckDB SQL over the rows staged by
:func:`countylines.ingest.csvsource.stage_rows`, so files of any size stream.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb

from countylines.ingest import csvsource
from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.runner import StageContext, Staged
from countylines.store.evidence import evidence_parts

STREET = "police_uk_street"
STOP_SEARCH = "police_uk_stop_search"
OUTCOMES = "police_uk_outcomes"
# Recorded as the source kind of a file whose header matches no police.uk layout,
# so that the failed attempt is still on record.
UNRECOGNISED = "police_uk"

# A header is taken for a layout when its columns overlap the layout's by at
# least this share (Jaccard: shared / all distinct names of both).
_DETECT_THRESHOLD = 0.5

_ISO_WITH_OFFSET = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)"
_MONTH = r"\d{4}-(0[1-9]|1[0-2])"


@dataclass(frozen=True)
class _Column:
    header: str  # as data.police.uk publishes it
    kind: str  # text | month | latitude | longitude | timestamp | boolean
    required: bool = False  # the value must not be empty

    @property
    def name(self) -> str:
        """The evidence column name: the header in snake_case."""
        return re.sub(r"[^a-z0-9]+", "_", self.header.lower()).strip("_")


@dataclass(frozen=True)
class _Layout:
    source_kind: str
    evidence_table: str
    label: str
    columns: tuple[_Column, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def _c(header: str, kind: str = "text", required: bool = False) -> _Column:
    return _Column(header, kind, required)


_LOCATION = (
    _c("Reported by"),
    _c("Falls within"),
    _c("Longitude", "longitude"),
    _c("Latitude", "latitude"),
    _c("Location"),
    _c("LSOA code"),
    _c("LSOA name"),
)

LAYOUTS: dict[str, _Layout] = {
    STREET: _Layout(
        STREET,
        "street_crimes",
        "data.police.uk street crime",
        (
            _c("Crime ID"),  # blank for anti-social behaviour
            _c("Month", "month", required=True),
            *_LOCATION,
            _c("Crime type"),
            _c("Last outcome category"),
            _c("Context"),
        ),
    ),
    STOP_SEARCH: _Layout(
        STOP_SEARCH,
        "stop_searches",
        "data.police.uk stop and search",
        (
            _c("Type"),
            _c("Date", "timestamp", required=True),
            _c("Part of a policing operation", "boolean"),
            _c("Policing operation"),
            _c("Latitude", "latitude"),
            _c("Longitude", "longitude"),
            _c("Gender"),
            _c("Age range"),
            _c("Self-defined ethnicity"),
            _c("Officer-defined ethnicity"),
            _c("Legislation"),
            _c("Object of search"),
            _c("Outcome"),
            _c("Outcome linked to object of search", "boolean"),
            _c("Removal of more than just outer clothing", "boolean"),
        ),
    ),
    OUTCOMES: _Layout(
        OUTCOMES,
        "crime_outcomes",
        "data.police.uk outcomes",
        (
            _c("Crime ID", required=True),  # an outcome always names its crime
            _c("Month", "month", required=True),
            *_LOCATION,
            _c("Outcome type"),
        ),
    ),
}


def _expected_text() -> str:
    return "; ".join(f"{layout.label}: {', '.join(layout.headers)}" for layout in LAYOUTS.values())


def detect_kind(path: Path, label: str | None = None) -> str:
    """Which police.uk file ``path`` is, judged from its header alone.

    Header names are compared loosely (case, spacing, BOM). The layout whose
    columns overlap the header's most is taken, if the overlap is at least
    half; a file missing or renaming a column of that layout is still
    recognised, so that its import can fail naming the column.

    Args:
        path: the CSV file (UTF-8, comma-delimited).
        label: how to name the file in messages (default: ``str(path)``).

    Returns:
        ``police_uk_street``, ``police_uk_stop_search`` or ``police_uk_outcomes``.

    Raises:
        FileRejected: for an empty file, or a header that matches none of the
            three layouts (the message lists the headers expected).
        OSError: if the file cannot be read.
    """
    name = label or str(path)
    header = csvsource.read_header(path, csvsource.CsvLayout(), name)
    found = {csvsource.normalise_header(h) for h in header if h.strip()}
    scores: list[tuple[float, str]] = []
    for kind, layout in LAYOUTS.items():
        wanted = {csvsource.normalise_header(h) for h in layout.headers}
        union = found | wanted
        scores.append((len(found & wanted) / len(union) if union else 0.0, kind))
    scores.sort(reverse=True)
    (best, kind), (second, _) = scores[0], scores[1]
    if best >= _DETECT_THRESHOLD and best > second:
        return kind
    raise FileRejected(
        name,
        "not a data.police.uk street-crime, stop-and-search or outcomes file: the header "
        f"matches none of their layouts. Expected the headers of {_expected_text()}; "
        "the header has: " + (clip(", ".join(repr(h) for h in header), 300) or ""),
        line=1,
    )


def adapter_for(path: Path) -> PoliceUkAdapter:
    """The adapter for ``path``, its source kind detected from the header.

    A file that cannot be recognised (or read) gets an adapter of source kind
    ``police_uk`` whose staging fails with the reason, so the runner records
    the failed attempt; a missing file is reported by the runner itself.
    """
    try:
        return PoliceUkAdapter(detect_kind(path))
    except (FileRejected, OSError):
        return PoliceUkAdapter(UNRECOGNISED)


def _lit(text: str) -> str:
    """A SQL string literal (header names come from the file, so escape them)."""
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class _Check:
    condition: str  # SQL, true when the row is to be rejected
    reason: str
    column: str  # header as written in the file
    value: str  # SQL of the offending raw text


@dataclass
class PoliceUkAdapter:
    """Stages one data.police.uk CSV of the kind ``source_kind`` names.

    Build it with :func:`adapter_for` (or with the result of
    :func:`detect_kind`): the runner records each file under the adapter's
    source kind, which must be the file's own.
    """

    source_kind: str

    def __post_init__(self) -> None:
        if self.source_kind not in (*LAYOUTS, UNRECOGNISED):
            raise ValueError(
                f"unknown police.uk source kind {self.source_kind!r} (known: {', '.join(LAYOUTS)})"
            )

    def stage(self, ctx: StageContext) -> Staged:
        """Validate every row and stage the good ones as Parquet.

        Rows are rejected one reason each (the first that applies, in column
        order); the rest load. Empty coordinates are not an error.

        Raises:
            FileRejected: for an empty or unrecognised file, a header that is
                of another kind than ``source_kind``, a missing or renamed
                column (named in the message), or text DuckDB cannot read.
        """
        kind = detect_kind(ctx.path, ctx.label)
        if kind != self.source_kind:
            raise FileRejected(
                ctx.label,
                f"the header is that of a {LAYOUTS[kind].label} file, but the import was "
                f"started as {self.source_kind} (was the file replaced meanwhile?)",
                line=1,
            )
        spec = LAYOUTS[kind]
        layout = csvsource.CsvLayout()
        header = csvsource.read_header(ctx.path, layout, ctx.label)
        match = csvsource.match_header(header, spec.headers, [], ctx.label)
        con = ctx.con
        parse_errors = csvsource.stage_rows(con, ctx.path, ctx.facts, layout, header, ctx.workdir)

        con.execute(_checked_sql(spec, match))
        out = ctx.workdir / f"{spec.evidence_table}.parquet"
        select_list = ", ".join(c.name for c in spec.columns)
        con.execute(
            f"""COPY (SELECT {select_list}, ? AS source_sha256, line AS source_line
                      FROM checked WHERE reason IS NULL ORDER BY line)
                TO {_lit(str(out))} (FORMAT parquet, COMPRESSION zstd)""",
            [ctx.facts.sha256],
        )
        when = "month" if kind != STOP_SEARCH else "date"
        read, loaded, first, last, no_coords = con.execute(
            f"""SELECT count(*), count(*) FILTER (WHERE reason IS NULL),
                       min({when}) FILTER (WHERE reason IS NULL),
                       max({when}) FILTER (WHERE reason IS NULL),
                       count(*) FILTER (WHERE reason IS NULL AND latitude IS NULL)
                FROM checked"""
        ).fetchall()[0]
        reasons: Counter[str] = Counter(e.reason for e in parse_errors)
        for reason, n in con.execute(
            "SELECT reason, count(*) FROM checked WHERE reason IS NOT NULL GROUP BY reason"
        ).fetchall():
            reasons[reason] += n
        row_errors = parse_errors + [
            RowError(line, column, clip(value), reason)
            for line, column, value, reason in con.execute(
                """SELECT line, bad_column, bad_value, reason FROM checked
                   WHERE reason IS NOT NULL ORDER BY line LIMIT ?""",
                [ctx.max_stored_errors],
            ).fetchall()
        ]
        row_errors.sort(key=lambda e: e.line or 0)

        warnings = _warnings(spec, match, header, read + len(parse_errors), no_coords, con)
        warnings += csvsource.unterminated_warning(ctx.facts)
        repeated = _already_loaded(ctx, spec, out)
        if repeated:
            warnings.append(
                f"{repeated:,} of these rows are already in the workspace from earlier imports "
                "(a re-download, or overlapping areas): analysis counts each once, using the "
                "newest import for crimes with a Crime ID"
            )
        if kind == STOP_SEARCH:
            first_at, last_at = _utc(first), _utc(last)
        else:
            first_at, last_at = _month_start(first), _month_end(last)
        return Staged(
            rows_read=read + len(parse_errors),
            rows_loaded=loaded,
            row_errors=row_errors[: ctx.max_stored_errors],
            reject_reasons=reasons,
            evidence_table=spec.evidence_table,
            parquet=out,
            first_event_at=first_at,
            last_event_at=last_at,
            warnings=warnings,
            layout=spec.label,
        )


def _warnings(
    spec: _Layout,
    match: csvsource.HeaderMatch,
    header: list[str],
    rows_read: int,
    no_coords: int,
    con: duckdb.DuckDBPyConnection,
) -> list[str]:
    """Things worth knowing though nothing was rejected for them."""
    warnings: list[str] = []
    if rows_read == 0:
        warnings.append("header only: the file has no data rows")
    used = set(match.positions.values())
    extra = [h for i, h in enumerate(header) if i not in used]
    if extra:
        warnings.append("columns not part of the layout, ignored: " + ", ".join(extra))
    if no_coords:
        warnings.append(
            f"{no_coords:,} rows have no coordinates (police.uk gives no location for "
            "them); loaded with latitude/longitude empty"
        )
    if spec.source_kind == STREET:
        (no_id,) = con.execute(
            """SELECT count(*) FROM checked WHERE reason IS NULL AND crime_id IS NULL
               AND coalesce(lower(crime_type), '') <> 'anti-social behaviour'"""
        ).fetchall()[0]
        if no_id:
            warnings.append(f"{no_id:,} rows other than anti-social behaviour have no Crime ID")
    return warnings


def _checked_sql(spec: _Layout, match: csvsource.HeaderMatch) -> str:
    """SQL creating temp table ``checked``: every staged row typed, with a reason if rejected.

    ``checked`` has ``line``, one typed column per layout column, and
    ``reason``/``bad_column``/``bad_value`` (NULL for a good row).
    """
    typed: list[str] = []
    checks: list[_Check] = []
    raw: dict[str, str] = {}  # layout header -> raw column of raw_rows
    text: dict[str, str] = {}  # layout header -> trimmed text, NULL when empty
    for col in spec.columns:
        raw[col.header] = f"r.{match.column(col.header)}"
        text[col.header] = f"nullif(trim({raw[col.header]}), '')"

    def written(header: str) -> str:
        """The header as the file spells it."""
        return match.header[match.positions[header]]

    for col in spec.columns:
        v, h = text[col.header], col.header
        if col.required:
            checks.append(_Check(f"{v} IS NULL", f"missing {h}", written(h), raw[h]))
        if col.kind == "text":
            typed.append(f"{v} AS {col.name}")
        elif col.kind == "month":
            parsed = (
                f"CASE WHEN regexp_full_match({v}, {_lit(_MONTH)}) "
                f"THEN CAST({v} || '-01' AS DATE) END"
            )
            typed.append(f"{parsed} AS {col.name}")
            bad = f"{v} IS NOT NULL AND ({parsed}) IS NULL"
            checks.append(_Check(bad, f"{h} is not YYYY-MM", written(h), raw[h]))
            future = f"({parsed}) > current_date"
            checks.append(_Check(future, f"{h} in the future", written(h), raw[h]))
        elif col.kind == "timestamp":
            parsed = (
                f"CASE WHEN regexp_full_match({v}, {_lit(_ISO_WITH_OFFSET)}) "
                f"THEN try_cast({v} AS TIMESTAMPTZ) END"
            )
            typed.append(f"{parsed} AS {col.name}")
            checks.append(
                _Check(
                    f"{v} IS NOT NULL AND ({parsed}) IS NULL",
                    f"{h} is not an ISO 8601 date-time with a UTC offset "
                    "(like 2016-11-01T00:01:00+00:00)",
                    written(h),
                    raw[h],
                )
            )
            checks.append(
                _Check(
                    f"({parsed}) > now() + INTERVAL 1 DAY", f"{h} in the future", written(h), raw[h]
                )
            )
        elif col.kind == "boolean":
            parsed = f"CASE lower({v}) WHEN 'true' THEN true WHEN 'false' THEN false END"
            typed.append(f"{parsed} AS {col.name}")
            checks.append(
                _Check(
                    f"{v} IS NOT NULL AND ({parsed}) IS NULL",
                    f"{h} is not True, False or empty",
                    written(h),
                    raw[h],
                )
            )
        elif col.kind in ("latitude", "longitude"):
            other = "Longitude" if col.kind == "latitude" else "Latitude"
            limit = 90 if col.kind == "latitude" else 180
            number = f"try_cast({v} AS DOUBLE)"
            typed.append(f"{number} AS {col.name}")
            checks += [
                _Check(
                    f"{v} IS NULL AND {text[other]} IS NOT NULL",
                    f"{other} given without {h}",
                    written(h),
                    raw[other],
                ),
                _Check(
                    f"{v} IS NOT NULL AND {number} IS NULL",
                    f"{h} is not a number",
                    written(h),
                    raw[h],
                ),
                _Check(
                    f"{number} NOT BETWEEN -{limit} AND {limit}",
                    f"{h} outside -{limit}..{limit}",
                    written(h),
                    raw[h],
                ),
            ]
        else:  # pragma: no cover - the layouts above use only these kinds
            raise ValueError(f"unknown column kind {col.kind!r}")

    def case(pick: str) -> str:
        """One CASE over the checks, first match wins; ``pick``: reason | column | value."""
        if not checks:
            return "NULL::VARCHAR"
        arms = []
        for c in checks:
            result = c.value if pick == "value" else _lit(getattr(c, pick))
            arms.append(f"WHEN {c.condition} THEN {result}")
        return f"CASE {' '.join(arms)} END"

    return f"""
    CREATE OR REPLACE TEMP TABLE checked AS
    SELECT r.line, {", ".join(typed)},
           {case("reason")} AS reason,
           {case("column")} AS bad_column,
           {case("value")}::VARCHAR AS bad_value
    FROM raw_rows r
    """


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _month_start(value: dt.date | None) -> dt.datetime | None:
    """Midnight UTC on the first day of ``value``'s month."""
    if value is None:
        return None
    return dt.datetime(value.year, value.month, 1, tzinfo=dt.UTC)


def _month_end(value: dt.date | None) -> dt.datetime | None:
    """The last microsecond (UTC) of ``value``'s month: a month's crimes run to its end."""
    if value is None:
        return None
    year, month = (value.year + 1, 1) if value.month == 12 else (value.year, value.month + 1)
    return dt.datetime(year, month, 1, tzinfo=dt.UTC) - dt.timedelta(microseconds=1)


def _already_loaded(ctx: StageContext, spec: _Layout, staged: Path) -> int:
    """How many staged rows repeat rows loaded before (same Crime ID, or same content)."""
    existing = evidence_parts(ctx.workspace).get(spec.evidence_table, [])
    if not existing:
        return 0
    listing = ", ".join(_lit(p) for p in existing)
    data = [c.name for c in spec.columns]
    same = " AND ".join(f"n.{c} IS NOT DISTINCT FROM o.{c}" for c in data)
    by_id = (
        "n.crime_id IS NOT NULL AND n.crime_id = o.crime_id OR "
        if spec.source_kind == STREET
        else ""
    )
    return int(
        ctx.con.execute(
            f"""SELECT count(*) FROM read_parquet({_lit(str(staged))}) n
                WHERE EXISTS (SELECT 1 FROM read_parquet([{listing}], union_by_name = true) o
                              WHERE {by_id}({same}))"""
        ).fetchall()[0][0]
    )
