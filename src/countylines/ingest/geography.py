"""Geography files: LSOA boundaries, postcode -> LSOA lookup, LSOA centroids, LSOA population.

The kind of each file is told from its content, never from its name
(:func:`detect_kind`); each kind has its own source kind and evidence table:

* LSOA boundaries: a GeoJSON FeatureCollection (WGS84) -> ``geo_lsoa_boundaries``,
  ``lsoa_boundaries``;
* postcode -> LSOA lookup: a CSV with a postcode and an LSOA code ->
  ``geo_postcode_lsoa``, ``postcode_lsoa``;
* LSOA population: a CSV with an LSOA code and a population ->
  ``geo_lsoa_population``, ``lsoa_population``;
* LSOA centroids: a CSV with an LSOA code, latitude and longitude ->
  ``geo_lsoa_centroids``, ``lsoa_centroids``.

Every file goes through the shared import discipline
(:mod:`countylines.ingest.runner`): identified by SHA-256 (re-importing the same
content changes nothing), checked row by row (bad rows with line, column, value
and reason), published whole or not at all. A later import of the same LSOA
(or postcode) replaces the earlier one in the views (the newest import wins).
Columns and accepted header names: :mod:`geography_csv`, :mod:`geography_geojson`
and docs/hotspots.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from countylines.ingest import csvsource
from countylines.ingest.errors import FileRejected, clip
from countylines.ingest.geography_csv import (
    CENTROIDS,
    KINDS,
    POPULATION,
    POSTCODES,
    detect_csv_kind,
    requirements_text,
    stage_csv,
)
from countylines.ingest.geography_geojson import (
    BOUNDARIES,
    LABEL,
    looks_like_json,
    stage_geojson,
)
from countylines.ingest.runner import StageContext, Staged

# Recorded as the source kind of a file that is none of the four, so its failure is on record.
UNRECOGNISED = "geography"

LABELS: dict[str, str] = {
    BOUNDARIES: LABEL,
    POSTCODES: KINDS[POSTCODES].label,
    POPULATION: KINDS[POPULATION].label,
    CENTROIDS: KINDS[CENTROIDS].label,
}
EVIDENCE_TABLES: dict[str, str] = {
    BOUNDARIES: "lsoa_boundaries",
    **{kind: spec.evidence_table for kind, spec in KINDS.items()},
}


def detect_kind(path: Path, label: str | None = None) -> str:
    """Which geography file ``path`` is, from its content.

    A file whose first character opens a JSON object is taken for LSOA
    boundaries (GeoJSON); otherwise the CSV header decides: a postcode column
    and an LSOA code make a postcode lookup; an LSOA code and a population a
    population file; an LSOA code with latitude and longitude a centroid list.

    Returns:
        one of ``geo_lsoa_boundaries``, ``geo_postcode_lsoa``,
        ``geo_lsoa_population``, ``geo_lsoa_centroids``.

    Raises:
        FileRejected: for an empty file or a header that fits no kind (the
            message says what each kind needs and what the header has).
        OSError: if the file cannot be read.
    """
    name = label or str(path)
    if looks_like_json(path):
        return BOUNDARIES
    header = csvsource.read_header(path, csvsource.CsvLayout(), name)
    kind = detect_csv_kind(header)
    if kind is None:
        raise FileRejected(
            name,
            "not a geography file countylines knows: LSOA boundaries must be GeoJSON; "
            f"{requirements_text()}. The header has: "
            + (clip(", ".join(repr(h) for h in header), 300) or ""),
            line=1,
        )
    return kind


@dataclass
class GeographyAdapter:
    """Stages one geography file of the kind ``source_kind`` names.

    Build it with :func:`adapter_for`; the runner records the file under the
    adapter's source kind, which must be the file's own.
    """

    source_kind: str

    def __post_init__(self) -> None:
        if self.source_kind not in (*LABELS, UNRECOGNISED):
            raise ValueError(
                f"unknown geography source kind {self.source_kind!r} (known: {', '.join(LABELS)})"
            )

    @property
    def layout(self) -> str | None:
        """The kind's label, as recorded with the import."""
        return LABELS.get(self.source_kind)

    def stage(self, ctx: StageContext) -> Staged:
        """Check the file and stage its rows as Parquet.

        Raises:
            FileRejected: when the file is of no known kind, of another kind
                than ``source_kind``, or cannot be loaded (see
                :func:`~countylines.ingest.geography_csv.stage_csv` and
                :func:`~countylines.ingest.geography_geojson.stage_geojson`).
        """
        kind = detect_kind(ctx.path, ctx.label)
        if kind != self.source_kind:
            raise FileRejected(
                ctx.label,
                f"the file is a {LABELS[kind]}, but the import was started as "
                f"{self.source_kind} (was the file replaced meanwhile?)",
                line=1,
            )
        if kind == BOUNDARIES:
            return stage_geojson(ctx)
        return stage_csv(ctx, kind)


def adapter_for(path: Path) -> GeographyAdapter:
    """The adapter for ``path``, its kind detected from the content.

    A file that cannot be recognised (or read) gets an adapter of source kind
    ``geography`` whose staging fails with the reason, so that the runner
    records the failed attempt.
    """
    try:
        return GeographyAdapter(detect_kind(path))
    except (FileRejected, OSError):
        return GeographyAdapter(UNRECOGNISED)
