#!/usr/bin/env bash
# The main job on the embedded default (SQLite + Parquet in ./workspace):
#   simulate a county-lines scenario placed in Clacton (Tendring) -> ingest it with the
#   Essex police.uk crime files -> find the deal lines -> show them.
# The call data is SYNTHETIC (real carrier data of drug lines is never public): it exercises
# the whole chain with a known truth (demo-scenario/truth.json) to compare against.
# Usage: scripts/demo.sh DATA_DIR   (DATA_DIR is ../shared/data in this checkout)
set -euo pipefail
data=${1:-../shared/data}
cl=.venv/bin/countylines
ws=${COUNTYLINES_WORKSPACE:-workspace}
scenario=${DEMO_SCENARIO:-demo-scenario}
seed=${DEMO_SEED:-20241}
events=${DEMO_EVENTS:-1000000}

echo "== 1/5 workspace: $ws"
$cl init
echo "== 2/5 simulated call data: seed $seed, about $events events, London -> Clacton ($scenario/)"
if [ ! -f "$scenario/truth.json" ]; then
  $cl simulate --seed "$seed" --events "$events" --out "$scenario"
else
  echo "   (already simulated; delete $scenario/ to draw it again)"
fi
echo "== 3/5 load it: call data through the canonical template, with its cell sites"
$cl ingest cdr "$scenario"/calls*.csv --template canonical --cells "$scenario/cells.csv"
if [ -d "$data/police_uk/essex" ]; then
  echo "== 4/5 police.uk: Essex street crime and stop and search"
  $cl ingest police-uk "$data"/police_uk/essex/*.csv
else
  echo "== 4/5 police.uk: skipped (no $data/police_uk/essex; give DATA=/path/to/data)"
fi
echo "== 5/5 the deal lines, ranked by score, with their evidence"
$cl status
$cl lines
$cl lines --json > "$ws/lines.json"
echo
echo "Done. Full line reports (JSON): $ws/lines.json; the scenario's truth: $scenario/truth.json."
echo "Next: '$cl status --errors' lists every rejected row; '$cl --help' lists the commands."
