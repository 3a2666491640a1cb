"""Cell-site lists: cell id with latitude and longitude (WGS84), joined to call events.

Header names are recognised loosely (``cell_id``/``Cell ID``/``antenna_id``/
``CGI``; ``lat``/``latitude``; ``lon``/``lng``/``longitude``), so the lists
carriers and tools export load without a template. Optional columns: a name
or address and the azimuth (degrees). Evidence table ``cell_sites``:
``cell_id, latitude, longitude, site_name, azimuth_deg, source_sha256, source_line``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from countylines.ingest import csvsource
from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.runner import StageContext, Staged

EVIDENCE_TABLE = "cell_sites"
SOURCE_KIND = "cell_sites"

ALIASES: dict[str, tuple[str, ...]] = {
    "cell_id": ("cell_id", "cell id", "cellid", "antenna_id", "antenna id", "cgi", "cell", "ci"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "site_name": ("site_name", "site name", "name", "address", "location"),
    "azimuth_deg": ("azimuth", "azimuth_deg", "bearing"),
}
REQUIRED = ("cell_id", "latitude", "longitude")


def _find(header: list[str], field: str) -> int | None:
    normal = [csvsource.normalise_header(h) for h in header]
    for alias in ALIASES[field]:
        if alias in normal:
            return normal.index(alias)
    return None


@dataclass
class CellSiteAdapter:
    """Stages a cell-site list (CSV, comma-delimited, UTF-8)."""

    source_kind: str = SOURCE_KIND

    def stage(self, ctx: StageContext) -> Staged:
        """Validate coordinates and stage the list as Parquet.

        Raises:
            FileRejected: if the id, latitude or longitude column is missing.
        """
        layout = csvsource.CsvLayout()
        header = csvsource.read_header(ctx.path, layout, ctx.label)
        pos = {f: _find(header, f) for f in ALIASES}
        missing = [f for f in REQUIRED if pos[f] is None]
        if missing:
            raise FileRejected(
                ctx.label,
                f"a cell-site list needs columns {', '.join(missing)} (any of: "
                + "; ".join(f"{m}: {', '.join(ALIASES[m])}" for m in missing)
                + f"); the header has: {', '.join(header)}",
                line=1,
            )
        parse_errors = csvsource.stage_rows(
            ctx.con, ctx.path, ctx.facts, layout, header, ctx.workdir
        )

        def c(field: str) -> str:
            p = pos[field]
            return f"nullif(trim(c{p}), '')" if p is not None else "NULL"

        lat, lon = f"try_cast({c('latitude')} AS DOUBLE)", f"try_cast({c('longitude')} AS DOUBLE)"
        ctx.con.execute(
            f"""CREATE TEMP TABLE cells AS SELECT line, {c("cell_id")} AS cell_id,
                {lat} AS latitude, {lon} AS longitude, {c("site_name")} AS site_name,
                try_cast({c("azimuth_deg")} AS DOUBLE) AS azimuth_deg,
                CASE WHEN {c("cell_id")} IS NULL THEN 'missing cell id'
                     WHEN {lat} IS NULL OR {lat} NOT BETWEEN -90 AND 90
                          THEN 'latitude not a number in -90..90'
                     WHEN {lon} IS NULL OR {lon} NOT BETWEEN -180 AND 180
                          THEN 'longitude not a number in -180..180'
                END AS reason,
                CASE WHEN {c("cell_id")} IS NULL THEN ?
                     WHEN {lat} IS NULL OR {lat} NOT BETWEEN -90 AND 90 THEN ?
                     ELSE ? END AS bad_column,
                CASE WHEN {c("cell_id")} IS NULL THEN NULL
                     WHEN {lat} IS NULL OR {lat} NOT BETWEEN -90 AND 90 THEN c{pos["latitude"]}
                     ELSE c{pos["longitude"]} END AS bad_value
                FROM raw_rows""",
            [
                header[pos["cell_id"] or 0],
                header[pos["latitude"] or 0],
                header[pos["longitude"] or 0],
            ],
        )
        out = ctx.workdir / "cell_sites.parquet"
        ctx.con.execute(
            f"""COPY (SELECT cell_id, latitude, longitude, site_name, azimuth_deg,
                      ? AS source_sha256, line AS source_line FROM cells
                      WHERE reason IS NULL ORDER BY line)
                TO '{str(out).replace("'", "''")}' (FORMAT parquet)""",
            [ctx.facts.sha256],
        )
        read, loaded, dup = ctx.con.execute(
            """SELECT count(*), count(*) FILTER (WHERE reason IS NULL),
                      count(*) FILTER (WHERE reason IS NULL)
                        - count(DISTINCT cell_id) FILTER (WHERE reason IS NULL)
               FROM cells"""
        ).fetchall()[0]
        reasons: Counter[str] = Counter(e.reason for e in parse_errors)
        errors = list(parse_errors)
        for line, column, value, reason in ctx.con.execute(
            "SELECT line, bad_column, bad_value, reason FROM cells "
            "WHERE reason IS NOT NULL ORDER BY line"
        ).fetchall():
            reasons[reason] += 1
            errors.append(RowError(line, column, clip(value), reason))
        errors.sort(key=lambda e: e.line or 0)
        warnings = csvsource.unterminated_warning(ctx.facts)
        if dup:
            warnings.append(f"{dup} cell ids listed more than once (the last listing is used)")
        return Staged(
            rows_read=read + len(parse_errors),
            rows_loaded=loaded,
            row_errors=errors[: ctx.max_stored_errors],
            reject_reasons=reasons,
            evidence_table=EVIDENCE_TABLE,
            parquet=out,
            warnings=warnings,
            layout="cell-site list",
        )
