"""SQL that turns a templated call-data file into checked canonical rows (pure).

The adapter (:mod:`countylines.ingest.cdr`) loads the file's fields as text
into a view ``raw_rows`` (``line``, ``c0..cN``, and the derived columns of
:func:`derived_columns`), registers the code tables and the number map, then
runs :func:`checked_view_sql`. The resulting view ``checked`` holds, per row,
the canonical call-event columns plus ``skip`` and, for a rejected row,
``reason`` / ``bad_column`` / ``bad_value`` / ``detail``.

Each part of a row (time, codes, parties, duration) contributes output
columns and *checks*; a row's reason is the first failing check, in the
order: time, event code, direction, numbers, duration. Template values reach
the SQL only as quoted literals (:func:`lit`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from countylines.domain.phone import NumberError, canonical_number
from countylines.ingest.cdr_template import CdrTemplate

Column = Callable[[str], str]  # canonical field -> SQL name of its text column (c<i>)

NULL_TEXT = "NULL::VARCHAR"


def lit(text: str) -> str:
    """A SQL string literal (template values are data, never SQL)."""
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Check:
    """One validation: SQL giving the reason (NULL when fine) and what to report."""

    problem: str
    column: str
    value: str
    detail: str = NULL_TEXT


@dataclass
class Part:
    """Output columns, joins and checks contributed by one part of a row."""

    columns: dict[str, str] = field(default_factory=dict)
    joins: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def times_are_absolute(t: CdrTemplate) -> bool:
    """Whether parsed times are instants already (their own offset, or UTC)."""
    return t.time.has_offset or t.time.timezone == "UTC"


def _start_text(t: CdrTemplate, col: Column) -> str:
    if t.columns.start:
        return f"trim({col('start')})"
    return f"trim({col('start_date')}) || ' ' || trim({col('start_time')})"


def derived_columns(t: CdrTemplate, col: Column) -> list[tuple[str, str]]:
    """Columns computed once while loading, because the checks read them often.

    ``_start_text``; ``_start`` the parsed start (TIMESTAMPTZ if absolute,
    local TIMESTAMP if not; NULL if it does not match the format);
    ``_start_utc`` (local templates: the zone applied); ``_duration_s``
    whole seconds (NULL if absent or not understood).
    """
    text = _start_text(t, col)
    start = f"try_strptime({text}, {lit(t.time.format)})"
    derived = [("_start_text", text)]
    if times_are_absolute(t):
        derived.append(("_start", f"{start}::TIMESTAMPTZ"))
    else:
        derived.append(("_start", start))
        derived.append(("_start_utc", f"timezone({lit(t.time.timezone)}, {start})"))
    if t.columns.duration:
        derived.append(("_duration_s", _duration_seconds(t, col)))
    return derived


def _duration_seconds(t: CdrTemplate, col: Column) -> str:
    d = f"nullif(trim({col('duration')}), '')"
    if t.duration.format == "hms":
        part = [f"split_part({d}, ':', {i})::BIGINT" for i in (1, 2, 3)]
        return (
            f"CASE WHEN regexp_full_match({d}, '\\d+:\\d{{1,2}}:\\d{{1,2}}') "
            f"THEN {part[0]} * 3600 + {part[1]} * 60 + {part[2]} "
            f"WHEN regexp_full_match({d}, '\\d+:\\d{{1,2}}') THEN {part[0]} * 60 + {part[1]} END"
        )
    factor = {"seconds": "1", "milliseconds": "0.001", "minutes": "60"}[t.duration.unit]
    value = f"try_cast(replace({d}, ',', '') AS DOUBLE)"
    # negative before rounding, so -400 ms is not read as 0 s
    return f"CASE WHEN {value} < 0 THEN -1 ELSE round({value} * {factor})::BIGINT END"


def _time_part(t: CdrTemplate, header: Callable[[str], str]) -> Part:
    column = header("start") if t.columns.start else header("start_date")
    value = "r._start_text"
    checks = [
        Check(
            "CASE WHEN r._start_text IS NULL OR r._start_text = '' THEN 'missing date/time' END",
            column,
            value,
        ),
        Check(
            "CASE WHEN r._start IS NULL THEN "
            f"{lit('date/time does not match the template format ' + t.time.format)} END",
            column,
            value,
        ),
    ]
    if times_are_absolute(t):
        start_utc, note = "r._start", NULL_TEXT
    else:
        zone = lit(t.time.timezone)
        # A local time occurs twice when clocks go back: the instant one hour
        # either side of DuckDB's reading may also show the same wall clock.
        earlier = (
            f"CASE WHEN timezone({zone}, r._start_utc - INTERVAL 1 HOUR) = r._start "
            "THEN r._start_utc - INTERVAL 1 HOUR ELSE r._start_utc END"
        )
        later = (
            f"CASE WHEN timezone({zone}, r._start_utc + INTERVAL 1 HOUR) = r._start "
            "THEN r._start_utc + INTERVAL 1 HOUR ELSE r._start_utc END"
        )
        ambiguous = f"({earlier}) <> ({later})"
        start_utc = earlier if t.time.ambiguous != "later" else later
        note = (
            f"CASE WHEN {ambiguous} THEN "
            f"{lit('ambiguous local time: ' + t.time.ambiguous + ' instant taken')} END"
        )
        checks.append(
            Check(
                f"CASE WHEN timezone({zone}, r._start_utc) <> r._start "
                "THEN 'local time that never happened (clocks went forward)' END",
                column,
                value,
            )
        )
        if t.time.ambiguous == "reject":
            checks.append(
                Check(
                    f"CASE WHEN {ambiguous} THEN "
                    "'ambiguous local time (clocks went back; the template says reject)' END",
                    column,
                    value,
                )
            )
    # Bounds are checked on the instant as loaded.
    checks += [
        Check(
            f"CASE WHEN ({start_utc}) < {lit(t.time.earliest)}::TIMESTAMPTZ THEN "
            + lit(
                f"date before {t.time.earliest}: before UK mobile service (handset clock not set?)"
            )
            + " END",
            column,
            value,
        ),
        Check(
            f"CASE WHEN ({start_utc}) > now() + INTERVAL 1 DAY THEN 'date in the future' END",
            column,
            value,
        ),
    ]
    return Part({"start_utc": start_utc, "time_note": note}, [], checks)


def _code_part(t: CdrTemplate, col: Column, header: Callable[[str], str]) -> Part:
    """Kind (voice/sms), direction (out/in) and skip from the code columns."""
    c = t.columns
    part = Part()
    kinds: list[str] = []
    directions: list[str] = []
    skips: list[str] = []
    if c.event_type:
        part.joins.append(
            f"LEFT JOIN event_codes ec ON ec.code = upper(trim(r.{col('event_type')}))"
        )
        kinds.append("ec.kind")
        directions.append("ec.direction")
        skips.append("coalesce(ec.skip, false)")
        known = ", ".join(sorted(t.event_types))
        part.checks.append(
            Check(
                "CASE WHEN ec.code IS NULL THEN "
                f"{lit('unknown event-type code (the template knows: ' + known + ')')} END",
                header("event_type"),
                f"r.{col('event_type')}",
            )
        )
    if c.kind:
        part.joins.append(f"LEFT JOIN kind_codes kc ON kc.code = upper(trim(r.{col('kind')}))")
        kinds.append("kc.kind")
        skips.append("coalesce(kc.skip, false)")
        known = ", ".join(sorted(t.kinds))
        part.checks.append(
            Check(
                "CASE WHEN kc.code IS NULL THEN "
                f"{lit('unknown kind code (the template knows: ' + known + ')')} END",
                header("kind"),
                f"r.{col('kind')}",
            )
        )
    if c.direction:
        part.joins.append(
            f"LEFT JOIN direction_codes dc ON dc.code = upper(trim(r.{col('direction')}))"
        )
        directions.append("dc.direction")
    direction = f"coalesce({', '.join(directions)})" if directions else NULL_TEXT
    if t.subscriber_other:
        known = ", ".join(sorted(t.directions)) or "none"
        column = header("direction") if c.direction else header("event_type")
        value = f"r.{col('direction')}" if c.direction else f"r.{col('event_type')}"
        part.checks.append(
            Check(
                f"CASE WHEN {direction} IS NULL THEN "
                f"{lit('unknown direction (the template knows: ' + known + ')')} END",
                column,
                value,
            )
        )
    part.columns = {
        "kind": f"coalesce({', '.join(kinds)})",
        "direction": direction,
        "skip": " OR ".join(skips) if skips else "false",
    }
    return part


@dataclass(frozen=True)
class _Party:
    number: str
    kind: str
    raw: str
    error: str
    detail: str
    column: str


def _mapped_party(part: Part, alias: str, raw: str, column: str) -> _Party:
    """A party whose written number is looked up in the ``number_map`` table."""
    part.joins.append(f"LEFT JOIN number_map {alias} ON {alias}.raw IS NOT DISTINCT FROM {raw}")
    return _Party(
        f"{alias}.number", f"{alias}.kind", raw, f"{alias}.error", f"{alias}.detail", column
    )


def _constant_party(t: CdrTemplate, written: str) -> _Party:
    """A party fixed for the whole file (the subscriber named by the file name)."""
    raw = lit(written)
    if t.numbers.format == "identifier":
        return _Party(raw, "'identifier'", raw, "NULL", "NULL", lit("(file name)"))
    try:
        canon = canonical_number(written, t.numbers.region)
    except NumberError as exc:
        return _Party("NULL", "NULL", raw, lit(exc.category), lit(str(exc)), lit("(file name)"))
    number = lit(canon.number) if canon.number else "NULL"
    return _Party(number, lit(canon.kind), raw, "NULL", "NULL", lit("(file name)"))


def _party_part(
    t: CdrTemplate,
    col: Column,
    header: Callable[[str], str],
    direction: str,
    subscriber_const: str | None,
) -> Part:
    """a-party and b-party (originator, recipient), the target, and number checks."""
    part = Part()
    if t.subscriber_other:
        other = _mapped_party(part, "n_other", f"r.{col('other')}", header("other"))
        if subscriber_const is not None:
            sub = _constant_party(t, subscriber_const)
        else:
            sub = _mapped_party(part, "n_sub", f"r.{col('subscriber')}", header("subscriber"))
        out = f"({direction}) = 'out'"

        def pick(when_out: str, otherwise: str) -> str:
            return f"CASE WHEN {out} THEN {when_out} ELSE {otherwise} END"

        a, b = sub, other  # columns below swap them for incoming rows
        part.columns = {
            "a_number": pick(a.number, b.number),
            "a_kind": pick(a.kind, b.kind),
            "a_raw": pick(a.raw, b.raw),
            "b_number": pick(b.number, a.number),
            "b_kind": pick(b.kind, a.kind),
            "b_raw": pick(b.raw, a.raw),
            "target_number": sub.number,
            "target_side": f"CASE WHEN {out} THEN 'a' ELSE 'b' END",
        }
        parties = [sub, other]
    else:
        caller = _mapped_party(part, "n_a", f"r.{col('caller')}", header("caller"))
        called = _mapped_party(part, "n_b", f"r.{col('called')}", header("called"))
        part.columns = {
            "a_number": caller.number,
            "a_kind": caller.kind,
            "a_raw": caller.raw,
            "b_number": called.number,
            "b_kind": called.kind,
            "b_raw": called.raw,
            "target_number": (
                f"CASE WHEN ({direction}) = 'in' THEN {called.number} "
                f"WHEN ({direction}) = 'out' THEN {caller.number} END"
            ),
            # without a direction, cell and IMEI are taken to be the caller's
            "target_side": f"CASE WHEN ({direction}) = 'in' THEN 'b' ELSE 'a' END",
        }
        parties = [caller, called]
    for p in parties:
        part.checks.append(Check(p.error, p.column, p.raw, p.detail))
    return part


def _location_part(t: CdrTemplate, col: Column, target_side: str) -> dict[str, str]:
    """Cell and IMEI of each party, from target-side or per-party columns."""
    named = t.columns.named()

    def text(field: str) -> str:
        return f"nullif(trim(r.{col(field)}), '')" if field in named else NULL_TEXT

    c = t.columns
    if c.cell_id or c.imei or c.imsi:
        return {
            f"{side}_{what}": f"CASE WHEN ({target_side}) = '{side}' THEN {text(source)} END"
            for side in ("a", "b")
            for what, source in (("cell_id", "cell_id"), ("imei", "imei"))
        }
    return {name: text(name) for name in ("a_cell_id", "a_imei", "b_cell_id", "b_imei")}


def _duration_part(t: CdrTemplate, col: Column, header: Callable[[str], str]) -> Part:
    if not t.columns.duration:
        return Part({"duration_s": "NULL::BIGINT"})
    value = f"r.{col('duration')}"
    return Part(
        {"duration_s": "r._duration_s"},
        [],
        [
            Check(
                f"CASE WHEN nullif(trim({value}), '') IS NOT NULL AND r._duration_s IS NULL "
                "THEN 'duration not understood' "
                "WHEN r._duration_s < 0 THEN 'negative duration' END",
                header("duration"),
                value,
            )
        ],
    )


def checked_view_sql(t: CdrTemplate, col: Column, subscriber_const: str | None) -> str:
    """SQL creating the temp view ``checked`` over ``raw_rows`` (see module doc).

    Args:
        t: the template.
        col: maps a canonical field of ``t.columns`` to its ``c<i>`` column.
        subscriber_const: the subscriber for layouts that take it from the
            file name, else None.
    """
    named = t.columns.named()

    def header(field: str) -> str:
        return lit(named[field])

    time = _time_part(t, header)
    codes = _code_part(t, col, header)
    parties = _party_part(t, col, header, codes.columns["direction"], subscriber_const)
    location = _location_part(t, col, parties.columns["target_side"])
    duration = _duration_part(t, col, header)
    checks = [*time.checks, *codes.checks, *parties.checks, *duration.checks]

    first = [
        *time.columns.items(),
        *codes.columns.items(),
        *parties.columns.items(),
        *duration.columns.items(),
    ]
    problems = [f"{c.problem} AS problem_{i}" for i, c in enumerate(checks)]

    def first_failing(what: Callable[[int, Check], str]) -> str:
        # time problems reject even skipped rows; other checks do not apply to them
        n_time = len(time.checks)
        whens = [
            f"WHEN problem_{i} IS NOT NULL THEN {what(i, c)}"
            for i, c in enumerate(checks)
            if i < n_time
        ]
        whens.append("WHEN skip THEN NULL")
        whens += [
            f"WHEN problem_{i} IS NOT NULL THEN {what(i, c)}"
            for i, c in enumerate(checks)
            if i >= n_time
        ]
        return "CASE " + " ".join(whens) + " END"

    joins = " ".join(codes.joins + parties.joins)
    return f"""
    CREATE OR REPLACE TEMP VIEW checked AS
    WITH parsed AS (
        SELECT r.line,
               {", ".join(f"{expr} AS {name}" for name, expr in first)},
               {", ".join(f"{c.column} AS column_{i}" for i, c in enumerate(checks))},
               {", ".join(f"{c.value} AS value_{i}" for i, c in enumerate(checks))},
               {", ".join(f"{c.detail} AS detail_{i}" for i, c in enumerate(checks))},
               {", ".join(problems)},
               {", ".join(f"{expr} AS {name}" for name, expr in location.items())}
        FROM raw_rows r {joins}
    )
    SELECT line, start_utc, a_number, a_kind, a_raw, b_number, b_kind, b_raw, kind,
           duration_s::INTEGER AS duration_s, a_cell_id, a_imei, b_cell_id, b_imei,
           target_number, time_note, skip,
           {first_failing(lambda i, c: f"problem_{i}")} AS reason,
           {first_failing(lambda i, c: f"column_{i}")} AS bad_column,
           {first_failing(lambda i, c: f"value_{i}")} AS bad_value,
           {first_failing(lambda i, c: f"coalesce(detail_{i}, problem_{i})")} AS detail
    FROM parsed
    """
