#!/usr/bin/env bash
# The main job on the embedded default, on real public data.
# Today: a workspace with the Essex crime and stop-search files, real call logs
# (Nodobo) and the bandicoot records with their cell sites, then its status.
# Usage: scripts/demo.sh DATA_DIR   (DATA_DIR is ../shared/data in this checkout)
set -euo pipefail
data=${1:-../shared/data}
cl=.venv/bin/countylines
if [ ! -d "$data" ]; then
  echo "demo: no data folder at $data (give its path: make demo DATA=/path/to/data)" >&2
  exit 2
fi
ws=${COUNTYLINES_WORKSPACE:-workspace}
echo "== workspace: $ws"
$cl init
echo "== police.uk: Essex street crime and stop and search"
$cl ingest police-uk "$data"/police_uk/essex/*.csv
echo "== call data: Nodobo call logs (real handsets, Glasgow 2010-11)"
$cl ingest cdr "$data"/cdr/nodobo/nodobo_calls.csv --template nodobo
echo "== call data: bandicoot records with their cell sites"
$cl ingest cdr "$data"/cdr/bandicoot/A.csv "$data"/cdr/bandicoot/ego.csv \
  --template bandicoot --cells "$data"/cdr/bandicoot/antennas.csv
echo "== status"
$cl status --files
echo
echo "Workspace ready in $ws. Next: '$cl status --errors' lists every rejected row;"
echo "'$cl --help' lists the commands."
