"""The CSV kinds of geography file: postcode lookup, LSOA centroids, LSOA population.

Each kind is a list of fields, each found in the header under any of its
aliases (compared loosely: case, spaces, BOM ignored; the first alias found
wins). Rows are checked set-based in DuckDB over the rows staged by
:func:`countylines.ingest.csvsource.stage_rows`, one reason per rejected row
(the first that applies, in field order), then each key (postcode, LSOA code)
is kept once per file: a later listing of the same key is rejected.

Evidence tables (every column always present, NULL where the file lacks it):

``postcode_lsoa``
    postcode (``pcds`` form), lsoa_code, lsoa_name, msoa_code,
    local_authority_code, local_authority_name, latitude, longitude (WGS84
    degrees, NULL where unknown), terminated (BOOLEAN, NULL when the file does
    not say), lsoa_vintage ('2011' / '2021' / NULL), source_sha256, source_line.
``lsoa_centroids``
    lsoa_code, lsoa_name, latitude, longitude, lsoa_vintage, source_*.
``lsoa_population``
    lsoa_code, lsoa_name, population (BIGINT, residents), lsoa_vintage, source_*.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from countylines.domain.geography import (
    LSOA_CODE_PATTERN,
    POSTCODE_COMPACT_PATTERN,
    PSEUDO_CODE_PATTERN,
    lsoa_vintage,
)
from countylines.ingest import csvsource
from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.runner import StageContext, Staged, check_reject_share
from countylines.store.evidence import evidence_parts

POSTCODES = "geo_postcode_lsoa"
CENTROIDS = "geo_lsoa_centroids"
POPULATION = "geo_lsoa_population"

# ONSPD writes 99.999999 as the latitude (and 0.000000 as the longitude) of a postcode
# without a grid reference: read as "no coordinates", not as a point near the North Pole.
ONSPD_NO_LATITUDE = 99.999999

_LSOA_CODE = (
    "lsoa11cd",
    "lsoa11",
    "lsoa 2011 code",
    "lsoa11 code",
    "lsoa21cd",
    "lsoa21",
    "lsoa 2021 code",
    "lsoa21 code",
    "lsoa_code",
    "lsoa code",
    "lsoa",
)
_LSOA_NAME = (
    "lsoa11nm",
    "lsoa 2011 name",
    "lsoa11 name",
    "lsoa21nm",
    "lsoa 2021 name",
    "lsoa21 name",
    "lsoa_name",
    "lsoa name",
)
_LATITUDE = ("latitude", "lat")
_LONGITUDE = ("longitude", "long", "lon", "lng")


@dataclass(frozen=True)
class Field:
    """One evidence column and the header names it is read from.

    ``kind``: text | postcode | lsoa_code | latitude | longitude | population | terminated.
    """

    name: str
    aliases: tuple[str, ...]
    kind: str = "text"
    required: bool = False


@dataclass(frozen=True)
class CsvKind:
    """One CSV kind of geography file: its source kind, evidence table and fields."""

    source_kind: str
    evidence_table: str
    label: str
    key: str  # evidence column listed once per file
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        """The field of this name."""
        return next(f for f in self.fields if f.name == name)


KINDS: dict[str, CsvKind] = {
    POSTCODES: CsvKind(
        POSTCODES,
        "postcode_lsoa",
        "postcode to LSOA lookup",
        "postcode",
        (
            Field(
                "postcode",
                ("pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode", "post code"),
                "postcode",
                True,
            ),
            Field("lsoa_code", _LSOA_CODE, "lsoa_code", True),
            Field("lsoa_name", _LSOA_NAME),
            Field(
                "msoa_code",
                ("msoa11cd", "msoa11", "msoa21cd", "msoa21", "msoa_code", "msoa code"),
            ),
            Field(
                "local_authority_code",
                (
                    "ladcd",
                    "lad22cd",
                    "lad21cd",
                    "lad11cd",
                    "oslaua",
                    "local_authority_code",
                    "local authority code",
                    "lad code",
                ),
            ),
            Field(
                "local_authority_name",
                (
                    "ladnm",
                    "lad22nm",
                    "lad21nm",
                    "lad11nm",
                    "local_authority_name",
                    "local authority name",
                    "local authority",
                    "lad name",
                ),
            ),
            Field("latitude", _LATITUDE, "latitude"),
            Field("longitude", _LONGITUDE, "longitude"),
            Field("terminated", ("doterm", "date of termination"), "terminated"),
        ),
    ),
    POPULATION: CsvKind(
        POPULATION,
        "lsoa_population",
        "LSOA population",
        "lsoa_code",
        (
            Field(
                "lsoa_code",
                (*_LSOA_CODE, "geography code", "area codes", "area code"),
                "lsoa_code",
                True,
            ),
            Field("lsoa_name", (*_LSOA_NAME, "geography", "area names", "area name")),
            Field(
                "population",
                (
                    "population",
                    "all ages",
                    "total",
                    "all usual residents",
                    "usual residents",
                    "residence type: total; measures: value",
                    "observation",
                ),
                "population",
                True,
            ),
        ),
    ),
    CENTROIDS: CsvKind(
        CENTROIDS,
        "lsoa_centroids",
        "LSOA centroids",
        "lsoa_code",
        (
            Field("lsoa_code", _LSOA_CODE, "lsoa_code", True),
            Field("lsoa_name", _LSOA_NAME),
            Field("latitude", _LATITUDE, "latitude", True),
            Field("longitude", _LONGITUDE, "longitude", True),
        ),
    ),
}


def find_fields(kind: CsvKind, header: list[str]) -> dict[str, int]:
    """Field name -> 0-based position in ``header`` (fields the header lacks are left out)."""
    normal = [csvsource.normalise_header(h) for h in header]
    found: dict[str, int] = {}
    for field in kind.fields:
        for alias in field.aliases:
            if alias in normal:
                found[field.name] = normal.index(alias)
                break
    return found


def detect_csv_kind(header: list[str]) -> str | None:
    """The first kind (postcodes, population, centroids) whose required fields all appear."""
    for kind in (KINDS[POSTCODES], KINDS[POPULATION], KINDS[CENTROIDS]):
        found = find_fields(kind, header)
        if all(f.name in found for f in kind.fields if f.required):
            return kind.source_kind
    return None


def requirements_text() -> str:
    """What each CSV kind needs, for error messages."""
    parts = []
    for kind in KINDS.values():
        needs = "; ".join(
            f"{f.name} (any of: {', '.join(f.aliases)})" for f in kind.fields if f.required
        )
        parts.append(f"a {kind.label} needs {needs}")
    return ". ".join(parts)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class _Check:
    condition: str  # SQL: true when the row is to be rejected
    reason: str
    column: str  # header as written
    value: str  # SQL of the raw text shown


def _typed_and_checks(
    kind: CsvKind, header: list[str], found: dict[str, int]
) -> tuple[list[str], list[_Check], str]:
    """SQL select items per field, the row checks, and the SQL of the skip condition."""
    typed: list[str] = []
    checks: list[_Check] = []
    skip = "false"
    raw = {name: f"r.c{pos}" for name, pos in found.items()}
    text = {name: f"nullif(trim({r}), '')" for name, r in raw.items()}
    sql_types = {
        "text": "VARCHAR",
        "postcode": "VARCHAR",
        "lsoa_code": "VARCHAR",
        "latitude": "DOUBLE",
        "longitude": "DOUBLE",
        "population": "BIGINT",
        "terminated": "BOOLEAN",
    }
    lat_num = f"try_cast({text['latitude']} AS DOUBLE)" if "latitude" in found else "NULL"
    lon_num = f"try_cast({text['longitude']} AS DOUBLE)" if "longitude" in found else "NULL"
    no_grid_ref = f"({lat_num} = {ONSPD_NO_LATITUDE})" if "latitude" in found else "false"
    for field in kind.fields:
        if field.name not in found:
            typed.append(f"NULL::{sql_types[field.kind]} AS {field.name}")
            continue
        v, col = text[field.name], header[found[field.name]]
        if field.required and field.kind != "lsoa_code":
            checks.append(_Check(f"{v} IS NULL", f"missing {field.name}", col, raw[field.name]))
        if field.kind == "text":
            typed.append(f"{v} AS {field.name}")
        elif field.kind == "postcode":
            compact = f"upper(regexp_replace({v}, '\\s+', '', 'g'))"
            ok = f"regexp_full_match({compact}, {_lit(POSTCODE_COMPACT_PATTERN)})"
            typed.append(
                f"CASE WHEN {ok} THEN left({compact}, length({compact}) - 3) || ' ' || "
                f"right({compact}, 3) END AS {field.name}"
            )
            checks.append(
                _Check(
                    f"{v} IS NOT NULL AND NOT {ok}",
                    "not a UK postcode (like CO15 1AA)",
                    col,
                    raw[field.name],
                )
            )
        elif field.kind == "lsoa_code":
            code = f"upper({v})"
            typed.append(f"{code} AS {field.name}")
            pseudo = f"regexp_full_match({code}, {_lit(PSEUDO_CODE_PATTERN)})"
            if kind.source_kind == POSTCODES:
                # a postcode without an LSOA (Channel Islands, Isle of Man) is skipped, not bad
                skip = f"({v} IS NULL OR {pseudo})"
            else:
                checks.append(_Check(f"{v} IS NULL", "missing LSOA code", col, raw[field.name]))
            checks.append(
                _Check(
                    f"{v} IS NOT NULL AND NOT {pseudo} AND NOT "
                    f"regexp_full_match({code}, {_lit(LSOA_CODE_PATTERN)})",
                    "not an LSOA code (like E01021988)",
                    col,
                    raw[field.name],
                )
            )
        elif field.kind in ("latitude", "longitude"):
            mine, other = (
                (lat_num, "longitude") if field.kind == "latitude" else (lon_num, "latitude")
            )
            limit = 90 if field.kind == "latitude" else 180
            typed.append(f"CASE WHEN NOT {no_grid_ref} THEN {mine} END AS {field.name}")
            if other in found:
                checks.append(
                    _Check(
                        f"{v} IS NULL AND {text[other]} IS NOT NULL",
                        f"{other} given without {field.name}",
                        col,
                        raw[other],
                    )
                )
            checks += [
                _Check(
                    f"{v} IS NOT NULL AND {mine} IS NULL",
                    f"{field.name} is not a number",
                    col,
                    raw[field.name],
                ),
                _Check(
                    f"NOT {no_grid_ref} AND {mine} NOT BETWEEN -{limit} AND {limit}",
                    f"{field.name} outside -{limit}..{limit} (WGS84 degrees expected)",
                    col,
                    raw[field.name],
                ),
            ]
        elif field.kind == "population":
            ok = f"regexp_full_match({v}, '[0-9]+|[0-9]{{1,3}}(,[0-9]{{3}})+')"
            typed.append(
                f"CASE WHEN {ok} THEN try_cast(replace({v}, ',', '') AS BIGINT) END AS {field.name}"
            )
            checks.append(
                _Check(
                    f"{v} IS NOT NULL AND NOT {ok}",
                    "population is not a whole number of people (like 1520 or 1,520)",
                    col,
                    raw[field.name],
                )
            )
        elif field.kind == "terminated":
            typed.append(f"({v} IS NOT NULL) AS {field.name}")
        else:  # pragma: no cover - the kinds above are all there are
            raise ValueError(f"unknown field kind {field.kind!r}")
    return typed, checks, skip


def stage_csv(ctx: StageContext, source_kind: str) -> Staged:
    """Check every row of a geography CSV of ``source_kind`` and stage the good ones as Parquet.

    Raises:
        FileRejected: for an empty file, a header lacking a required field
            (the message lists the names accepted), undecodable text, or more
            than the allowed share of rows rejected.
    """
    kind = KINDS[source_kind]
    layout = csvsource.CsvLayout()
    header = csvsource.read_header(ctx.path, layout, ctx.label)
    found = find_fields(kind, header)
    missing = [f for f in kind.fields if f.required and f.name not in found]
    if missing:
        raise FileRejected(
            ctx.label,
            f"a {kind.label} needs "
            + "; ".join(f"{f.name} (any of: {', '.join(f.aliases)})" for f in missing)
            + "; the header has: "
            + (clip(", ".join(repr(h) for h in header), 300) or ""),
            line=1,
        )
    con = ctx.con
    parse_errors = csvsource.stage_rows(con, ctx.path, ctx.facts, layout, header, ctx.workdir)
    typed, checks, skip = _typed_and_checks(kind, header, found)

    def case(pick: str) -> str:
        if not checks:
            return "NULL::VARCHAR"
        arms = " ".join(
            f"WHEN {c.condition} THEN {c.value if pick == 'value' else _lit(getattr(c, pick))}"
            for c in checks
        )
        return f"CASE {arms} END"

    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE checked AS
            SELECT r.line, {", ".join(typed)},
                   {case("reason")} AS reason, {case("column")} AS bad_column,
                   ({case("value")})::VARCHAR AS bad_value,
                   coalesce({skip}, false) AS skipped
            FROM raw_rows r"""
    )
    key = kind.key
    key_column = header[found[key]]
    duplicate = (
        f"{key.replace('_', ' ')} listed more than once in this file (the first listing is kept)"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE checked AS
            SELECT * REPLACE (
                CASE WHEN reason IS NULL AND NOT skipped AND copy > 1
                     THEN {_lit(duplicate)}
                     ELSE reason END AS reason,
                CASE WHEN reason IS NULL AND NOT skipped AND copy > 1
                     THEN {_lit(key_column)} ELSE bad_column END AS bad_column,
                CASE WHEN reason IS NULL AND NOT skipped AND copy > 1
                     THEN {key} ELSE bad_value END AS bad_value)
            FROM (SELECT *, row_number() OVER (
                      PARTITION BY {key}, (reason IS NULL AND NOT skipped) ORDER BY line) AS copy
                  FROM checked)"""
    )
    read, loaded, skipped = con.execute(
        """SELECT count(*), count(*) FILTER (WHERE reason IS NULL AND NOT skipped),
                  count(*) FILTER (WHERE reason IS NULL AND skipped) FROM checked"""
    ).fetchall()[0]
    rows_read = int(read) + len(parse_errors)
    reasons: Counter[str] = Counter(e.reason for e in parse_errors)
    for reason, n in con.execute(
        "SELECT reason, count(*) FROM checked WHERE reason IS NOT NULL GROUP BY reason"
    ).fetchall():
        reasons[str(reason)] += int(n)
    row_errors = parse_errors + [
        RowError(int(line), column, clip(value), str(reason))
        for line, column, value, reason in con.execute(
            """SELECT line, bad_column, bad_value, reason FROM checked
               WHERE reason IS NOT NULL ORDER BY line LIMIT ?""",
            [ctx.max_stored_errors],
        ).fetchall()
    ]
    row_errors.sort(key=lambda e: e.line or 0)
    check_reject_share(ctx, rows_read, rows_read - int(loaded) - int(skipped), reasons, row_errors)

    vintage = lsoa_vintage(header[found["lsoa_code"]])
    out = ctx.workdir / f"{kind.evidence_table}.parquet"
    columns = ", ".join(f.name for f in kind.fields)
    con.execute(
        f"""COPY (SELECT {columns}, ?::VARCHAR AS lsoa_vintage, ? AS source_sha256,
                         line AS source_line
                  FROM checked WHERE reason IS NULL AND NOT skipped ORDER BY line)
            TO {_lit(str(out))} (FORMAT parquet, COMPRESSION zstd)""",
        [vintage, ctx.facts.sha256],
    )
    warnings = _warnings(ctx, kind, header, found, int(skipped), rows_read, out)
    return Staged(
        rows_read=rows_read,
        rows_loaded=int(loaded),
        rows_skipped=int(skipped),
        row_errors=row_errors[: ctx.max_stored_errors],
        reject_reasons=reasons,
        evidence_table=kind.evidence_table,
        parquet=out,
        warnings=warnings,
        layout=kind.label,
    )


def _warnings(
    ctx: StageContext,
    kind: CsvKind,
    header: list[str],
    found: dict[str, int],
    skipped: int,
    rows_read: int,
    staged: Path,
) -> list[str]:
    """What a person should know although no row was rejected for it."""
    warnings: list[str] = []
    if rows_read == 0:
        warnings.append("header only: the file has no data rows")
    if skipped:
        warnings.append(
            f"{skipped:,} postcodes have no LSOA (empty, or an ONS pseudo-code such as "
            "L99999999 for the Channel Islands): not loaded"
        )
    code_header = header[found["lsoa_code"]]
    vintages = {lsoa_vintage(h) for h in header} - {None}
    if len(vintages) > 1:
        warnings.append(
            f"the file has LSOA columns of both 2011 and 2021; {code_header!r} was used "
            f"({lsoa_vintage(code_header) or 'year not stated'}). police.uk crimes use 2011 "
            "LSOAs until about 2023 and 2021 LSOAs after"
        )
    if kind.source_kind == POSTCODES:
        (no_coords,) = ctx.con.execute(
            """SELECT count(*) FROM checked
               WHERE reason IS NULL AND NOT skipped AND latitude IS NULL"""
        ).fetchall()[0]
        if no_coords:
            warnings.append(
                f"{int(no_coords):,} postcodes have no coordinates: loaded with "
                "latitude/longitude empty (they still give an LSOA)"
            )
    repeated = _already_loaded(ctx, kind, staged)
    if repeated:
        warnings.append(
            f"{repeated:,} {kind.key.replace('_', ' ')}s were already loaded from earlier "
            "imports: this file's rows replace them in analysis (the newest import wins)"
        )
    csv_warning = csvsource.unterminated_warning(ctx.facts)
    return warnings + csv_warning


def _already_loaded(ctx: StageContext, kind: CsvKind, staged: Path) -> int:
    """How many keys of the staged file are already in the evidence table."""
    existing = evidence_parts(ctx.workspace).get(kind.evidence_table, [])
    if not existing:
        return 0
    listing = ", ".join(_lit(p) for p in existing)
    (n,) = ctx.con.execute(
        f"""SELECT count(*) FROM read_parquet({_lit(str(staged))})
            WHERE {kind.key} IN (SELECT {kind.key} FROM read_parquet([{listing}]))"""
    ).fetchall()[0]
    return int(n)
