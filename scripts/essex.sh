#!/usr/bin/env bash
# The main job on real files: Essex police.uk crime and stop-search, Essex geography (LSOA
# boundaries, postcodes), plus a simulated county-lines scenario placed in Clacton (Tendring) -
# real carrier call data of drug lines is never public. Writes the problem profile for Tendring.
# Usage: scripts/essex.sh DATA_DIR   (DATA_DIR is ../shared/data in this checkout)
set -euo pipefail
data=${1:-../shared/data}
cl=.venv/bin/countylines
export COUNTYLINES_WORKSPACE=${COUNTYLINES_WORKSPACE:-workspace-essex}
scenario=${ESSEX_SCENARIO:-essex-scenario}
report=${ESSEX_REPORT:-essex-report}
seed=${ESSEX_SEED:-20241}
events=${ESSEX_EVENTS:-1000000}
for need in geography/essex_lsoa11_boundaries_BSC.geojson geography/essex_postcodes_lsoa_latlon.csv police_uk/essex; do
  [ -e "$data/$need" ] || { echo "missing $data/$need: give the data folder, e.g. make essex DATA=/path/to/shared/data (see its README.md)"; exit 2; }
done

echo "== 1/7 workspace: $COUNTYLINES_WORKSPACE"
$cl init
echo "== 2/7 Essex geography: LSOA boundaries, postcode lookup, LSOA centroids"
$cl ingest geography "$data/geography/essex_lsoa11_boundaries_BSC.geojson" \
  "$data/geography/essex_postcodes_lsoa_latlon.csv" "$data/geography/ew_lsoa11_centroids.csv"
echo "== 3/7 Essex police.uk street crime and stop and search"
$cl ingest police-uk "$data"/police_uk/essex/*.csv
echo "== 4/7 simulated scenario in Clacton (seed $seed, about $events events)"
[ -f "$scenario/truth.json" ] || $cl simulate --seed "$seed" --events "$events" --out "$scenario"
$cl ingest cdr "$scenario"/calls*.csv --template canonical --cells "$scenario/cells.csv"
$cl ingest intel "$scenario/intel.csv"
echo "== 5/7 analyse"
$cl analyse
echo "== 6/7 problem profile for Tendring"
$cl report problem-profile --area Tendring --out "$report"
echo "== 7/7 status"
$cl status
echo
echo "Done. Problem profile for Tendring: $report/problem-profile.html and .pdf"
