"""The main job end to end on real files, timed: Essex crime and geography + a Clacton scenario.

Runs ``scripts/essex.sh`` (init -> ingest geography -> ingest police.uk -> simulate and
ingest a scenario -> analyse -> problem profile for Tendring) in a fresh temporary
folder and prints the time of each step and of the whole, and the peak memory of
the processes it ran. Target (issue 5): the whole run under 5 minutes on this machine.

Usage::

    .venv/bin/python benchmarks/main_job.py [--data ../shared/data] [--events 1000000]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the Essex main job once and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            COUNTYLINES_WORKSPACE=f"{tmp}/ws",
            ESSEX_SCENARIO=f"{tmp}/scenario",
            ESSEX_REPORT=f"{tmp}/report",
            ESSEX_EVENTS=str(args.events),
        )
        start = time.perf_counter()
        steps: list[tuple[str, float]] = []
        proc = subprocess.Popen(
            ["scripts/essex.sh", str(args.data.resolve())],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert proc.stdout is not None
        last_name, last_time = "start", start
        for line in proc.stdout:
            match = re.match(r"== (\d+/\d+) (.*)", line)
            if match:
                now = time.perf_counter()
                steps.append((last_name, now - last_time))
                last_name, last_time = f"{match.group(1)} {match.group(2)}", now
        code = proc.wait()
        steps.append((last_name, time.perf_counter() - last_time))
        total = time.perf_counter() - start
        if code != 0:
            sys.exit(f"scripts/essex.sh failed with exit code {code}")
        pdf = Path(tmp) / "report" / "problem-profile.pdf"
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"events simulated: {args.events:,}")
        for name, seconds in steps[1:]:
            print(f"{seconds:8.1f} s  {name}")
        print(f"{total:8.1f} s  whole run (target: under 300 s)")
        print(f"peak memory of one step: {peak:,.0f} MB")
        print(f"problem profile: {pdf.stat().st_size:,} bytes of PDF")


if __name__ == "__main__":
    main()
