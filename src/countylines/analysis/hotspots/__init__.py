"""Hotspots: street crime and stop-search by LSOA, rates, the drug-crime trend, line activity.

Pure functions: Arrow tables in, Arrow tables out; no file or database I/O
(aggregation runs in a private in-memory DuckDB over the given tables). The
inputs are what a workspace holds (``countylines ingest police-uk`` and
``countylines ingest geography``; :func:`countylines.store.geography.load_geography`):

``street_crimes``
    one row per published crime (the deduplicated ``street_crimes`` view, so
    no crime is counted twice): ``month`` (DATE, first of the month),
    ``lsoa_code``, ``lsoa_name``, ``crime_type``.
``stop_searches``
    ``date`` (TIMESTAMPTZ), ``latitude``, ``longitude`` (WGS84 degrees),
    ``object_of_search``. Searches carry no LSOA: each is placed by
    point-in-polygon (:class:`LsoaIndex`).
``boundaries``
    ``lsoa_code``, ``lsoa_name``, ``local_authority_name``, ``geometry_wkb``.
``population``
    ``lsoa_code``, ``population`` (residents; e.g. ONS mid-year estimates).
``cells`` / ``line_cells``
    ``cell_id, latitude, longitude`` / ``line_id, cell_id, events``: where
    each deal line was active (cell-site areas), from line detection.

Counting rules (police.uk categories): *all crimes* are every row but
anti-social behaviour (an incident, not a crime; counted apart);
*drug crimes* are ``Drugs``; *weapons* are ``Possession of weapons``; a
*drug search* is a stop-search whose object was ``Controlled drugs``. A
crime with no location has no LSOA and is counted in no area (the notes say
how many). Rates are per 1,000 residents (count x 1000 / population) where
a population figure is loaded, else NULL with the reason in ``rate_note``.

Modules: :mod:`.places` (point-in-polygon, areas by name), :mod:`.counts`
(per-LSOA counts, trend, line activity), :mod:`.ranking` (the ranked table
with rates and notes, :func:`hotspots`).
"""

from countylines.analysis.hotspots.common import (
    ASB_CRIME_TYPE,
    DRUG_CRIME_TYPE,
    DRUG_SEARCH_OBJECT,
    WEAPONS_CRIME_TYPE,
)
from countylines.analysis.hotspots.counts import (
    LineActivity,
    SearchCounts,
    crime_counts,
    crimes_without_lsoa,
    drug_trend,
    line_activity,
    month_on_month,
    stop_search_counts,
)
from countylines.analysis.hotspots.places import (
    Area,
    AreaNotFound,
    LsoaIndex,
    locate_points,
    resolve_area,
)
from countylines.analysis.hotspots.ranking import (
    NO_POPULATION_FOR_LSOA,
    NO_POPULATION_LOADED,
    RANKABLE,
    ZERO_POPULATION,
    Hotspots,
    hotspots,
)

__all__ = [
    "ASB_CRIME_TYPE",
    "DRUG_CRIME_TYPE",
    "DRUG_SEARCH_OBJECT",
    "NO_POPULATION_FOR_LSOA",
    "NO_POPULATION_LOADED",
    "RANKABLE",
    "WEAPONS_CRIME_TYPE",
    "ZERO_POPULATION",
    "Area",
    "AreaNotFound",
    "Hotspots",
    "LineActivity",
    "LsoaIndex",
    "SearchCounts",
    "crime_counts",
    "crimes_without_lsoa",
    "drug_trend",
    "hotspots",
    "line_activity",
    "locate_points",
    "month_on_month",
    "resolve_area",
    "stop_search_counts",
]
