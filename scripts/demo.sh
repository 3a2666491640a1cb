#!/usr/bin/env bash
# The main job on the embedded default (SQLite + Parquet in ./workspace), end to end:
#   simulate a county-lines scenario (London -> Clacton) -> ingest its call data, cell sites,
#   intelligence reports and reports from the public -> analyse (lines ranked by
#   threat/harm/risk, safeguarding list) -> write the NIM problem profile (HTML + PDF).
# The call data and intelligence are SYNTHETIC (real ones are never public), with a known
# truth (demo-scenario/truth.json) to compare against. scripts/essex.sh adds the real Essex
# crime data and geography.
# Usage: scripts/demo.sh
set -euo pipefail
cl=.venv/bin/countylines
ws=${COUNTYLINES_WORKSPACE:-workspace}
scenario=${DEMO_SCENARIO:-demo-scenario}
report=${DEMO_REPORT:-demo-report}
seed=${DEMO_SEED:-20241}
events=${DEMO_EVENTS:-1000000}

echo "== 1/7 workspace: $ws"
$cl init
echo "== 2/7 simulated scenario: seed $seed, about $events events, London -> Clacton ($scenario/)"
if [ ! -f "$scenario/truth.json" ]; then
  $cl simulate --seed "$seed" --events "$events" --out "$scenario"
else
  echo "   (already simulated; delete $scenario/ to draw it again)"
fi
echo "== 3/7 load the call data (canonical template) with its cell sites"
$cl ingest cdr "$scenario"/calls*.csv --template canonical --cells "$scenario/cells.csv"
echo "== 4/7 load the intelligence reports"
$cl ingest intel "$scenario/intel.csv"
echo "== 5/7 load the reports from the public into the triage queue"
if [ -f "$scenario/public_reports.jsonl" ]; then
  $cl ingest public-reports "$scenario/public_reports.jsonl"
else
  echo "   (no $scenario/public_reports.jsonl: drawn by an older version; delete $scenario/ to draw it again)"
fi
echo "== 6/7 analyse: deal lines ranked by threat, harm and risk; safeguarding; gaps"
$cl analyse
echo "== 7/7 the NIM problem profile"
$cl report problem-profile --out "$report"
echo
echo "Done. Problem profile: $report/problem-profile.html and $report/problem-profile.pdf"
echo "(its manifest.json records every input's SHA-256 and the settings)."
echo "Next: '$cl safeguarding list', '$cl triage list', '$cl report line-profile LINE_ID',"
echo "'$cl --help'."
