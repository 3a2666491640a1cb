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
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from countylines.domain.phone import CanonicalNumber, NumberError, canonical_number
from countylines.ingest import csvsource
from countylines.ingest.cdr_template import CdrTemplate, EventType
from countylines.ingest.errors import RowError, clip
from countylines.ingest.runner import StageContext, Staged, check_reject_share

EVIDENCE_TABLE = "call_events"
SOURCE_KIND = "cdr"


@dataclass
class CdrAdapter:
    """Stages one call-data file laid out as ``template`` describes."""

    template: CdrTemplate
    source_kind: str = SOURCE_KIND

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
            con, ctx.path, ctx.facts, layout, header, ctx.workdir, derived=_derived(t, col)
        )

        subscriber_const = ctx.path.stem if t.subscriber_from is not None else None
        number_fields = [f for f in ("caller", "called", "subscriber", "other") if f in named]
        _register_number_map(con, number_fields, col, t)
        _register_codes(con, t)

        # `checked` is a view: each pass below streams over the staged rows
        # instead of materialising every parsed column (bounded memory).
        con.execute(_checked_sql(t, col, named, subscriber_const))
        good = "reason IS NULL AND NOT skip"
        stats = con.execute(
            f"""SELECT count(*),
                       count(*) FILTER (WHERE {good}),
                       count(*) FILTER (WHERE skip AND reason IS NULL),
                       min(start_utc) FILTER (WHERE {good}),
                       max(start_utc) FILTER (WHERE {good}),
                       count(*) FILTER (WHERE {good} AND time_note IS NOT NULL),
                       count(*) FILTER (WHERE {good} AND (a_kind = 'withheld' OR b_kind = 'withheld'))
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
        warnings = []
        if ambiguous:
            warnings.append(
                f"{ambiguous} local times fell in the repeated hour when clocks went back; "
                f"loaded as the {t.time.ambiguous} instant and flagged in time_note"
            )
        if withheld:
            warnings.append(f"{withheld} events with a withheld or empty number (kept, marked)")
        if skipped:
            warnings.append(f"{skipped} rows skipped: event types the template marks `skip`")
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


def _register_number_map(con: object, fields: list[str], col: object, t: CdrTemplate) -> None:
    """Canonicalise each distinct written number once; join back in SQL."""
    assert callable(col)
    union = " UNION ".join(f"SELECT DISTINCT {col(f)} AS raw FROM raw_rows" for f in fields)
    raws = [r[0] for r in con.execute(union).fetchall()]  # type: ignore[attr-defined]
    numbers: list[str | None] = []
    kinds: list[str | None] = []
    errors: list[str | None] = []
    details: list[str | None] = []
    for raw in raws:
        if t.numbers.format == "identifier":
            value = (raw or "").strip()
            canon = CanonicalNumber(value or None, "identifier" if value else "withheld")
            numbers.append(canon.number)
            kinds.append(canon.kind)
            errors.append(None)
            details.append(None)
            continue
        try:
            canon = canonical_number(raw, t.numbers.region)
        except NumberError as exc:
            numbers.append(None)
            kinds.append(None)
            errors.append(exc.category)
            details.append(str(exc))
            continue
        numbers.append(canon.number)
        kinds.append(canon.kind)
        errors.append(None)
        details.append(None)
    table = pa.table(
        {
            "raw": pa.array(raws, pa.string()),
            "number": pa.array(numbers, pa.string()),
            "kind": pa.array(kinds, pa.string()),
            "error": pa.array(errors, pa.string()),
            "detail": pa.array(details, pa.string()),
        }
    )
    con.register("number_map_arrow", table)  # type: ignore[attr-defined]
    con.execute("CREATE OR REPLACE TEMP TABLE number_map AS SELECT * FROM number_map_arrow")  # type: ignore[attr-defined]
    con.unregister("number_map_arrow")  # type: ignore[attr-defined]


def _register_codes(con: object, t: CdrTemplate) -> None:
    """Code tables of the template as temp tables (matched case-insensitively)."""
    run = con.execute  # type: ignore[attr-defined]
    run("CREATE OR REPLACE TEMP TABLE event_codes (code VARCHAR, kind VARCHAR, direction VARCHAR, skip BOOLEAN)")
    for code, meaning in t.event_types.items():
        if isinstance(meaning, EventType):
            run("INSERT INTO event_codes VALUES (?, ?, ?, false)", [code.strip().upper(), meaning.kind, meaning.direction])
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


def _times_are_absolute(t: CdrTemplate) -> bool:
    """Whether parsed times are instants already (own offset, or UTC)."""
    return t.time.has_offset or t.time.timezone == "UTC"


def _derived(t: CdrTemplate, col: Callable[[str], str]) -> list[tuple[str, str]]:
    """Columns parsed once while loading, because the checks use them many times.

    ``_start``: the parsed start (TIMESTAMPTZ if absolute, local TIMESTAMP
    otherwise; NULL if it does not match the format). ``_duration_s``: whole
    seconds, NULL if absent or not understood.
    """
    c = t.columns
    if c.start:
        text = f"trim({col('start')})"
    else:
        text = f"trim({col('start_date')}) || ' ' || trim({col('start_time')})"
    start = f"try_strptime({text}, {_lit(t.time.format)})"
    if _times_are_absolute(t):
        start += "::TIMESTAMPTZ"
    derived = [("_start", start)]
    if c.duration:
        d = f"nullif(trim({col('duration')}), '')"
        if t.duration.format == "hms":
            seconds = (
                f"CASE WHEN regexp_full_match({d}, '\\d+:\\d{{1,2}}:\\d{{1,2}}') THEN "
                f"split_part({d}, ':', 1)::BIGINT * 3600 + split_part({d}, ':', 2)::BIGINT * 60 "
                f"+ split_part({d}, ':', 3)::BIGINT "
                f"WHEN regexp_full_match({d}, '\\d+:\\d{{1,2}}') THEN "
                f"split_part({d}, ':', 1)::BIGINT * 60 + split_part({d}, ':', 2)::BIGINT END"
            )
        else:
            factor = {"seconds": "1", "milliseconds": "0.001", "minutes": "60"}[t.duration.unit]
            seconds = f"round(try_cast(replace({d}, ',', '') AS DOUBLE) * {factor})::BIGINT"
        derived.append(("_duration_s", seconds))
    return derived


def _lit(text: str) -> str:
    """A SQL string literal (for template values, which are data, not user SQL)."""
    return "'" + text.replace("'", "''") + "'"


def _checked_sql(
    t: CdrTemplate,
    col: object,
    named: dict[str, str],
    subscriber_const: str | None,
) -> str:
    """SQL creating temp table ``checked``: every row parsed, with a reason if rejected."""
    assert callable(col)
    c = t.columns

    def header(field: str) -> str:
        return _lit(named[field])

    # --- start time ---------------------------------------------------------
    if c.start:
        start_text = f"trim({col('start')})"
        start_header = header("start")
    else:
        start_text = f"trim({col('start_date')}) || ' ' || trim({col('start_time')})"
        start_header = header("start_date")
    zone = _lit(t.time.timezone)
    if _times_are_absolute(t):
        parsed = "r._start"
        local_checks = "NULL::VARCHAR AS local_problem, NULL::TIMESTAMPTZ AS earlier_utc, NULL::TIMESTAMPTZ AS later_utc"
        start_utc = "parsed_utc"
    else:
        parsed = f"timezone({zone}, r._start)"
        local = "_start"
        local_checks = f"""
            CASE WHEN parsed_utc IS NOT NULL AND timezone({zone}, parsed_utc) <> {local}
                 THEN 'gap' END AS local_problem,
            CASE WHEN timezone({zone}, parsed_utc - INTERVAL 1 HOUR) = {local}
                 THEN parsed_utc - INTERVAL 1 HOUR ELSE parsed_utc END AS earlier_utc,
            CASE WHEN timezone({zone}, parsed_utc + INTERVAL 1 HOUR) = {local}
                 THEN parsed_utc + INTERVAL 1 HOUR ELSE parsed_utc END AS later_utc"""
        pick = "earlier_utc" if t.time.ambiguous != "later" else "later_utc"
        start_utc = pick

    # --- event type, kind, direction ---------------------------------------
    joins = []
    kind_expr = "NULL::VARCHAR"
    dir_expr = "NULL::VARCHAR"
    skip_expr = "false"
    code_problem = "NULL::VARCHAR"
    code_header = "NULL::VARCHAR"
    code_value = "NULL::VARCHAR"
    if c.event_type:
        joins.append(f"LEFT JOIN event_codes ec ON ec.code = upper(trim(r.{col('event_type')}))")
        kind_expr = "ec.kind"
        dir_expr = "ec.direction"
        skip_expr = "coalesce(ec.skip, false)"
        known = ", ".join(sorted(t.event_types))
        code_problem = f"CASE WHEN ec.code IS NULL THEN {_lit('unknown event-type code (the template knows: ' + known + ')')} END"
        code_header = header("event_type")
        code_value = f"r.{col('event_type')}"
    if c.kind:
        joins.append(f"LEFT JOIN kind_codes kc ON kc.code = upper(trim(r.{col('kind')}))")
        kind_expr = f"coalesce({kind_expr}, kc.kind)" if c.event_type else "kc.kind"
        skip_expr = f"({skip_expr} OR coalesce(kc.skip, false))"
        known = ", ".join(sorted(t.kinds))
        kind_problem = f"CASE WHEN kc.code IS NULL THEN {_lit('unknown kind code (the template knows: ' + known + ')')} END"
        code_problem = f"coalesce({code_problem}, {kind_problem})" if c.event_type else kind_problem
        code_header = f"coalesce({code_header}, {header('kind')})" if c.event_type else header("kind")
        code_value = f"coalesce({code_value}, r.{col('kind')})" if c.event_type else f"r.{col('kind')}"
    if c.direction:
        joins.append(f"LEFT JOIN direction_codes dc ON dc.code = upper(trim(r.{col('direction')}))")
        dir_expr = f"coalesce({dir_expr}, dc.direction)" if c.event_type else "dc.direction"
    dir_problem = "NULL::VARCHAR"
    if t.subscriber_other:
        known = ", ".join(sorted(t.directions)) or "none"
        dir_problem = f"CASE WHEN {dir_expr} IS NULL THEN {_lit('unknown direction (the template knows: ' + known + ')')} END"
    dir_header = header("direction") if c.direction else code_header
    dir_value = f"r.{col('direction')}" if c.direction else code_value

    # --- parties -----------------------------------------------------------
    def number_join(alias: str, field: str) -> None:
        joins.append(f"LEFT JOIN number_map {alias} ON {alias}.raw IS NOT DISTINCT FROM r.{col(field)}")

    if t.subscriber_other:
        number_join("n_other", "other")
        if subscriber_const is not None:
            sub_raw = _lit(subscriber_const)
            if t.numbers.format == "identifier":
                sub_num, sub_kind, sub_err, sub_detail = sub_raw, "'identifier'", "NULL", "NULL"
            else:
                try:
                    canon = canonical_number(subscriber_const, t.numbers.region)
                    sub_num = _lit(canon.number) if canon.number else "NULL"
                    sub_kind = _lit(canon.kind)
                    sub_err, sub_detail = "NULL", "NULL"
                except NumberError as exc:
                    sub_num, sub_kind = "NULL", "NULL"
                    sub_err, sub_detail = _lit(exc.category), _lit(str(exc))
            sub_header = _lit("(file name)")
        else:
            number_join("n_sub", "subscriber")
            sub_raw = f"r.{col('subscriber')}"
            sub_num, sub_kind, sub_err, sub_detail = "n_sub.number", "n_sub.kind", "n_sub.error", "n_sub.detail"
            sub_header = header("subscriber")
        out = f"({dir_expr}) = 'out'"
        a_number = f"CASE WHEN {out} THEN {sub_num} ELSE n_other.number END"
        a_kind = f"CASE WHEN {out} THEN {sub_kind} ELSE n_other.kind END"
        a_raw = f"CASE WHEN {out} THEN {sub_raw} ELSE r.{col('other')} END"
        b_number = f"CASE WHEN {out} THEN n_other.number ELSE {sub_num} END"
        b_kind = f"CASE WHEN {out} THEN n_other.kind ELSE {sub_kind} END"
        b_raw = f"CASE WHEN {out} THEN r.{col('other')} ELSE {sub_raw} END"
        target = sub_num
        target_side = f"CASE WHEN {out} THEN 'a' ELSE 'b' END"
        number_checks = [
            (sub_err, sub_header, sub_raw, sub_detail),
            ("n_other.error", header("other"), f"r.{col('other')}", "n_other.detail"),
        ]
    else:
        number_join("n_a", "caller")
        number_join("n_b", "called")
        a_number, a_kind, a_raw = "n_a.number", "n_a.kind", f"r.{col('caller')}"
        b_number, b_kind, b_raw = "n_b.number", "n_b.kind", f"r.{col('called')}"
        target_side = f"CASE WHEN ({dir_expr}) = 'in' THEN 'b' ELSE 'a' END"
        target = f"CASE WHEN ({dir_expr}) = 'in' THEN n_b.number WHEN ({dir_expr}) = 'out' THEN n_a.number END"
        number_checks = [
            ("n_a.error", header("caller"), a_raw, "n_a.detail"),
            ("n_b.error", header("called"), b_raw, "n_b.detail"),
        ]

    # --- cell, IMEI --------------------------------------------------------
    def opt(field: str) -> str:
        return f"nullif(trim(r.{col(field)}), '')" if field in named else "NULL::VARCHAR"

    if c.cell_id or c.imei:
        a_cell = f"CASE WHEN {target_side} = 'a' THEN {opt('cell_id')} END"
        b_cell = f"CASE WHEN {target_side} = 'b' THEN {opt('cell_id')} END"
        a_imei = f"CASE WHEN {target_side} = 'a' THEN {opt('imei')} END"
        b_imei = f"CASE WHEN {target_side} = 'b' THEN {opt('imei')} END"
    else:
        a_cell, b_cell, a_imei, b_imei = opt("a_cell_id"), opt("b_cell_id"), opt("a_imei"), opt("b_imei")

    # --- duration ------------------------------------------------------------
    if c.duration:
        d = f"nullif(trim(r.{col('duration')}), '')"
        seconds = "r._duration_s"
        dur_problem = (
            f"CASE WHEN {d} IS NOT NULL AND ({seconds}) IS NULL THEN 'duration not understood' "
            f"WHEN ({seconds}) < 0 THEN 'negative duration' END"
        )
        dur_header, dur_value = header("duration"), f"r.{col('duration')}"
    else:
        seconds, dur_problem, dur_header, dur_value = "NULL::BIGINT", "NULL::VARCHAR", "NULL", "NULL"

    earliest = _lit(t.time.earliest)
    time_problem = f"""CASE
        WHEN start_text IS NULL OR start_text = '' THEN 'missing date/time'
        WHEN parsed_utc IS NULL THEN {_lit('date/time does not match the template format ' + t.time.format)}
        WHEN local_problem = 'gap' THEN 'local time that never happened (clocks went forward)'
        WHEN {'earlier_utc <> later_utc' if t.time.ambiguous == 'reject' else 'false'}
             THEN 'ambiguous local time (clocks went back; the template says reject)'
        WHEN parsed_utc < {earliest}::TIMESTAMPTZ THEN {_lit('date before ' + t.time.earliest + ': before UK mobile service (handset clock not set?)')}
        WHEN parsed_utc > now() + INTERVAL 1 DAY THEN 'date in the future'
    END"""
    num_problem = " ".join(f"WHEN {err} IS NOT NULL THEN {err}" for err, *_ in number_checks)
    num_header = " ".join(f"WHEN {err} IS NOT NULL THEN {h}" for err, h, *_ in number_checks)
    num_value = " ".join(f"WHEN {err} IS NOT NULL THEN {v}" for err, _, v, _d in number_checks)
    num_detail = " ".join(f"WHEN {err} IS NOT NULL THEN {det}" for err, _h, _v, det in number_checks)

    time_note = (
        f"CASE WHEN earlier_utc <> later_utc THEN 'ambiguous local time: {t.time.ambiguous} instant taken' END"
        if start_utc != "parsed_utc"
        else "NULL::VARCHAR"
    )
    return f"""
    CREATE OR REPLACE TEMP VIEW checked AS
    WITH base AS (
        SELECT r.line, r._start, {start_text} AS start_text, {parsed} AS parsed_utc,
               {kind_expr} AS kind, {dir_expr} AS direction, {skip_expr} AS skip,
               {code_problem} AS code_problem, {code_header} AS code_header, {code_value} AS code_value,
               {dir_problem} AS dir_problem, {dir_header} AS dir_header, {dir_value} AS dir_value,
               {a_number} AS a_number, {a_kind} AS a_kind, {a_raw} AS a_raw,
               {b_number} AS b_number, {b_kind} AS b_kind, {b_raw} AS b_raw,
               {target} AS target_number,
               {a_cell} AS a_cell_id, {a_imei} AS a_imei, {b_cell} AS b_cell_id, {b_imei} AS b_imei,
               {seconds} AS duration_s, {dur_problem} AS dur_problem, {dur_value} AS dur_value,
               CASE {num_problem} END AS num_problem,
               CASE {num_header} END AS num_header,
               CASE {num_value} END AS num_value,
               CASE {num_detail} END AS num_detail
        FROM raw_rows r {' '.join(joins)}
    ), timed AS (
        SELECT *, {local_checks} FROM base
    ), judged AS (
        SELECT *, {time_problem} AS time_problem FROM timed
    )
    SELECT line, {start_utc} AS start_utc, a_number, a_kind, a_raw, b_number, b_kind, b_raw,
           kind, duration_s::INTEGER AS duration_s, a_cell_id, a_imei, b_cell_id, b_imei,
           target_number, {time_note} AS time_note, skip,
           CASE WHEN time_problem IS NOT NULL THEN time_problem
                WHEN skip THEN NULL
                WHEN code_problem IS NOT NULL THEN code_problem
                WHEN dir_problem IS NOT NULL THEN dir_problem
                WHEN num_problem IS NOT NULL THEN num_problem
                WHEN dur_problem IS NOT NULL THEN dur_problem END AS reason,
           CASE WHEN time_problem IS NOT NULL THEN {start_header}
                WHEN skip THEN NULL
                WHEN code_problem IS NOT NULL THEN code_header
                WHEN dir_problem IS NOT NULL THEN dir_header
                WHEN num_problem IS NOT NULL THEN num_header
                WHEN dur_problem IS NOT NULL THEN {dur_header} END AS bad_column,
           CASE WHEN time_problem IS NOT NULL THEN start_text
                WHEN skip THEN NULL
                WHEN code_problem IS NOT NULL THEN code_value
                WHEN dir_problem IS NOT NULL THEN dir_value
                WHEN num_problem IS NOT NULL THEN num_value
                WHEN dur_problem IS NOT NULL THEN dur_value END AS bad_value,
           CASE WHEN time_problem IS NULL AND NOT skip AND code_problem IS NULL
                     AND dir_problem IS NULL THEN num_detail END AS detail
    FROM judged
    """


