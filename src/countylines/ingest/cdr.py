"""Call-data ingest: any templated carrier layout -> the canonical call-event table.

The canonical table (Parquet, evidence table ``call_events``; documented in
``docs/data-model.md``) has one row per call or text:

================ ============= ==============================================
column           type          meaning
================ ============= ==============================================
start_utc        TIMESTAMPTZ   start of the event, UTC
a_number         VARCHAR       originating party, canonical (E.164 etc.)
a_kind           VARCHAR       e164 / short_code / alphanumeric / withheld / identifier
a_raw            VARCHAR       the a-number as written in the file
b_number/b_kind/b_raw          the receiving party, likewise
kind             VARCHAR       voice / sms
duration_s       INTEGER       seconds (NULL where the file gives none)
a_cell_id        VARCHAR       cell serving the a-party, where disclosed
a_imei           VARCHAR       handset of the a-party, where disclosed
b_cell_id/b_imei               likewise for the b-party
target_number    VARCHAR       the disclosed subscriber, where the layout says
time_note        VARCHAR       NULL, or how an ambiguous local time was resolved
source_sha256    VARCHAR       provenance: content hash of the file
source_line      BIGINT        provenance: line in that file
================ ============= ==============================================

All parsing runs inside DuckDB in a few set-based passes (so a multi-GB
file streams and ingests in bounded memory); only the *distinct* written
numbers are canonicalised in Python, by :mod:`countylines.domain.phone`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from countylines.domain.phone import NumberError, canonical_number
from countylines.ingest import cdr_sql, csvsource
from countylines.ingest.cdr_template import CdrTemplate, EventType
from countylines.ingest.errors import RowError, clip, count
from countylines.ingest.runner import StageContext, Staged, check_reject_share

EVIDENCE_TABLE = "call_events"
SOURCE_KIND = "cdr"


@dataclass
class CdrAdapter:
    """Stages one call-data file laid out as ``template`` describes."""

    template: CdrTemplate
    source_kind: str = SOURCE_KIND

    @property
    def layout(self) -> str:
        """The template's name, recorded with each import."""
        return self.template.name

    def stage(self, ctx: StageContext) -> Staged:
        """Parse, validate and canonicalise ``ctx.path`` into a staged Parquet file.

        Raises:
            FileRejected: for a missing column, an unreadable file, and the like.
        """
        t = self.template
        layout = csvsource.CsvLayout(t.file.delimiter, t.file.encoding, t.file.quote)
        header = csvsource.read_header(ctx.path, layout, ctx.label)
        named = t.columns.named()
        match = csvsource.match_header(header, list(named.values()), [], ctx.label)
        con = ctx.con

        def col(field: str) -> str:
            return match.column(named[field])

        parse_errors = csvsource.stage_rows(
            con,
            ctx.path,
            ctx.facts,
            layout,
            header,
            ctx.workdir,
            derived=cdr_sql.derived_columns(t, col),
        )

        subscriber_const = ctx.path.stem if t.subscriber_from is not None else None
        number_fields = [f for f in ("caller", "called", "subscriber", "other") if f in named]
        _register_number_map(con, number_fields, col, t)
        _register_codes(con, t)

        # `checked` is a view: each pass below streams over the staged rows
        # instead of materialising every parsed column (bounded memory).
        con.execute(cdr_sql.checked_view_sql(t, col, subscriber_const))
        good = "reason IS NULL AND NOT skip"
        stats = con.execute(
            f"""SELECT count(*),
                       count(*) FILTER (WHERE {good}),
                       count(*) FILTER (WHERE skip AND reason IS NULL),
                       min(start_utc) FILTER (WHERE {good}),
                       max(start_utc) FILTER (WHERE {good}),
                       count(*) FILTER (WHERE {good} AND time_note IS NOT NULL),
                       count(*) FILTER (
                           WHERE {good} AND (a_kind = 'withheld' OR b_kind = 'withheld'))
                FROM checked"""
        ).fetchall()[0]
        read, loaded, skipped, first, last, ambiguous, withheld = stats
        reasons: Counter[str] = Counter(e.reason for e in parse_errors)
        row_errors = list(parse_errors)
        if read - loaded - skipped > 0:
            con.execute(
                """CREATE TEMP TABLE rejected AS
                   SELECT line, bad_column, bad_value, reason, coalesce(detail, reason) AS detail
                   FROM checked WHERE reason IS NOT NULL"""
            )
            for reason, n in con.execute(
                "SELECT reason, count(*) FROM rejected GROUP BY reason"
            ).fetchall():
                reasons[reason] += n
            row_errors += [
                RowError(line, column, clip(value), detail)
                for line, column, value, detail in con.execute(
                    """SELECT line, bad_column, bad_value, detail FROM rejected
                       ORDER BY line LIMIT ?""",
                    [ctx.max_stored_errors],
                ).fetchall()
            ]
            row_errors.sort(key=lambda e: e.line or 0)
        rows_read = read + len(parse_errors)
        check_reject_share(ctx, rows_read, rows_read - loaded - skipped, reasons, row_errors)
        out = ctx.workdir / "call_events.parquet"
        # Evidence rows carry their line; their order in the file is free.
        con.execute("SET preserve_insertion_order = false")
        con.execute(
            f"""COPY (SELECT start_utc, a_number, a_kind, a_raw, b_number, b_kind, b_raw, kind,
                      duration_s, a_cell_id, a_imei, b_cell_id, b_imei, target_number, time_note,
                      ? AS source_sha256, line AS source_line
                      FROM checked WHERE {good})
                TO '{_sql_path(out)}' (FORMAT parquet, COMPRESSION zstd)""",
            [ctx.facts.sha256],
        )
        warnings = csvsource.unterminated_warning(ctx.facts) if rows_read else []
        if ambiguous:
            warnings.append(
                f"{count(ambiguous, 'local time')} fell in the repeated hour when clocks went "
                f"back; loaded as the {t.time.ambiguous} instant and flagged in time_note"
            )
        if withheld:
            warnings.append(
                f"{count(withheld, 'event')} with a withheld or empty number (kept, marked)"
            )
        if skipped:
            warnings.append(
                f"{count(skipped, 'row')} skipped: event types the template marks `skip`"
            )
        if read + len(parse_errors) == 0:
            warnings.append("header only: the file has no data rows")
        return Staged(
            rows_read=rows_read,
            rows_loaded=loaded,
            rows_skipped=skipped,
            row_errors=row_errors[: ctx.max_stored_errors],
            reject_reasons=reasons,
            evidence_table=EVIDENCE_TABLE,
            parquet=out,
            first_event_at=_utc(first),
            last_event_at=_utc(last),
            warnings=warnings,
            layout=t.name,
        )


def _sql_path(path: object) -> str:
    return str(path).replace("'", "''")


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _register_number_map(
    con: duckdb.DuckDBPyConnection,
    fields: Sequence[str],
    col: Callable[[str], str],
    t: CdrTemplate,
) -> None:
    """Canonicalise each distinct written number once, as temp table ``number_map``.

    ``number_map(raw, number, kind, error, detail)``: ``error`` is the reason
    category for text that is no kind of number, ``detail`` the full sentence.
    """
    union = " UNION ".join(f"SELECT DISTINCT {col(f)} AS raw FROM raw_rows" for f in fields)
    raws = [r[0] for r in con.execute(union).fetchall()]
    numbers: list[str | None] = []
    kinds: list[str | None] = []
    errors: list[str | None] = []
    details: list[str | None] = []
    withheld = {w.strip().casefold() for w in t.numbers.withheld}
    for raw in raws:
        number = kind = error = detail = None
        if (raw or "").strip().casefold() in withheld:
            kind = "withheld"
        elif t.numbers.format == "identifier":
            number = (raw or "").strip() or None
            kind = "identifier" if number else "withheld"
        else:
            try:
                canon = canonical_number(raw, t.numbers.region)
                number, kind = canon.number, canon.kind
            except NumberError as exc:
                error, detail = exc.category, str(exc)
        numbers.append(number)
        kinds.append(kind)
        errors.append(error)
        details.append(detail)
    table = pa.table(
        {
            "raw": pa.array(raws, pa.string()),
            "number": pa.array(numbers, pa.string()),
            "kind": pa.array(kinds, pa.string()),
            "error": pa.array(errors, pa.string()),
            "detail": pa.array(details, pa.string()),
        }
    )
    con.register("number_map_arrow", table)
    con.execute("CREATE OR REPLACE TEMP TABLE number_map AS SELECT * FROM number_map_arrow")
    con.unregister("number_map_arrow")


def _register_codes(con: duckdb.DuckDBPyConnection, t: CdrTemplate) -> None:
    """Code tables of the template as temp tables (matched case-insensitively)."""
    run = con.execute
    run(
        "CREATE OR REPLACE TEMP TABLE event_codes "
        "(code VARCHAR, kind VARCHAR, direction VARCHAR, skip BOOLEAN)"
    )
    for code, meaning in t.event_types.items():
        if isinstance(meaning, EventType):
            run(
                "INSERT INTO event_codes VALUES (?, ?, ?, false)",
                [code.strip().upper(), meaning.kind, meaning.direction],
            )
        else:
            run("INSERT INTO event_codes VALUES (?, NULL, NULL, true)", [code.strip().upper()])
    run("CREATE OR REPLACE TEMP TABLE direction_codes (code VARCHAR, direction VARCHAR)")
    for code, direction in t.directions.items():
        run("INSERT INTO direction_codes VALUES (?, ?)", [code.strip().upper(), direction])
    run("CREATE OR REPLACE TEMP TABLE kind_codes (code VARCHAR, kind VARCHAR, skip BOOLEAN)")
    for code, kind in t.kinds.items():
        if kind == "skip":
            run("INSERT INTO kind_codes VALUES (?, NULL, true)", [code.strip().upper()])
        else:
            run("INSERT INTO kind_codes VALUES (?, ?, false)", [code.strip().upper(), kind])
