"""Safeguarding and labelling accuracy of ``analyse`` on held-out simulated scenarios.

For each seed (never used while building the scoring: development used seeds 5
and 11), simulate a scenario with its intelligence, ingest it, run the whole
analysis and compare with the ground truth:

- possible-child flags: of the runners found, those flagged as possible
  children against those under 18 in truth (precision, recall). The
  intelligence's age estimates are sometimes wrong by design, so precision
  below 1 is expected: a flag asks people to establish the age;
- safeguarding coverage: every runner found, and every true cuckooed cell
  found, has a safeguarding entry;
- line labels: the brand given to each line found, against its true brand;
- intelligence linked per line, the priority bands, and the analyse time.

Usage::

    .venv/bin/python benchmarks/priority.py [--seeds 101-106] [--events 300000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import BUILTIN_DIR, load_template_file
from countylines.ingest.cells import CellSiteAdapter
from countylines.ingest.intel import IntelAdapter
from countylines.ingest.runner import import_file
from countylines.pipeline.analyse import analyse
from countylines.settings import Settings
from countylines.simulate.config import draw_config
from countylines.simulate.generator import run as simulate
from countylines.workspace import Workspace


def seeds_from(text: str) -> list[int]:
    """``101-105,120`` -> [101, 102, 103, 104, 105, 120]."""
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            out += range(int(lo), int(hi) + 1)
        elif part:
            out.append(int(part))
    return out


def run_seed(seed: int, events: int) -> dict[str, Any]:
    """Simulate, ingest and analyse one seed; the figures against truth."""
    with tempfile.TemporaryDirectory(prefix=f"cl-pri-{seed}-") as tmp:
        folder = Path(tmp) / "scenario"
        simulate(draw_config(seed, events=events, template="canonical"), folder)
        truth = json.loads((folder / "truth.json").read_text())
        ws = Workspace.create(Settings(workspace=Path(tmp) / "ws", duckdb_memory_limit="6GB"))
        import_file(ws, CellSiteAdapter(), folder / "cells.csv")
        import_file(
            ws, CdrAdapter(load_template_file(BUILTIN_DIR / "canonical.yaml")), folder / "calls.csv"
        )
        import_file(ws, IntelAdapter(), folder / "intel.csv")
        t0 = time.perf_counter()
        picture = analyse(ws)
        seconds = time.perf_counter() - t0
        ws.close()
    under_18 = {r["number"] for ln in truth["lines"] for r in ln["runners"] if r["under_18"]}
    found_runners = {r["number"] for ln in picture["lines"] for r in ln["runners"]}
    flagged = {n for s in picture["safeguarding"] if s["possible_child"] for n in s["numbers"]}
    flagged &= found_runners
    truth_children_found = under_18 & found_runners
    persons = {n for s in picture["safeguarding"] if s["kind"] == "person" for n in s["numbers"]}
    cells = {s["cell_id"] for s in picture["safeguarding"] if s["kind"] == "address"}
    true_cells = {c["cell_id"] for ln in truth["lines"] for c in ln["cuckooed_addresses"]}
    found_cells = {c["cell_id"] for ln in picture["lines"] for c in ln["cuckooed"]}
    brand_of = {n["number"]: ln["brand"] for ln in truth["lines"] for n in ln["numbers"]}
    labels = Counter()
    for ln in picture["lines"]:
        brands = {brand_of.get(n["number"]) for n in ln["numbers"]} - {None}
        label = ln["label"].removesuffix(" line")
        if label.startswith("line on"):
            labels["no brand"] += 1
        elif brands and label.lower() in {b.lower() for b in brands}:
            labels["right"] += 1
        else:
            labels["wrong"] += 1
    return {
        "seed": seed,
        "lines": len(picture["lines"]),
        "child_tp": len(flagged & under_18),
        "child_flagged": len(flagged),
        "child_truth": len(truth_children_found),
        "runners_covered": len(found_runners & persons) / max(1, len(found_runners)),
        "cells_covered": len((found_cells & true_cells) - cells) == 0,
        "labels": labels,
        "intel_per_line": sum(len(ln["intel"]) for ln in picture["lines"])
        / max(1, len(picture["lines"])),
        "bands": Counter(ln["priority"]["band"] for ln in picture["lines"]),
        "seconds": seconds,
    }


def main() -> None:
    """Run the seeds and print per-seed and total figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="101-106")
    parser.add_argument("--events", type=int, default=300_000)
    args = parser.parse_args()
    print(
        f"{'seed':>5} {'lines':>5} {'child P':>8} {'child R':>8} {'runners sg':>10} "
        f"{'labels right/none/wrong':>24} {'intel/line':>10} {'bands h/m/l':>12} {'analyse s':>9}"
    )
    tp = flagged = expected = 0
    labels: Counter[str] = Counter()
    for seed in seeds_from(args.seeds):
        r = run_seed(seed, args.events)
        tp, flagged, expected = (
            tp + r["child_tp"],
            flagged + r["child_flagged"],
            expected + r["child_truth"],
        )
        labels.update(r["labels"])
        b = r["bands"]
        print(
            f"{seed:>5} {r['lines']:>5} {r['child_tp'] / max(1, r['child_flagged']):>8.3f} "
            f"{r['child_tp'] / max(1, r['child_truth']):>8.3f} {r['runners_covered']:>10.3f} "
            f"{r['labels']['right']:>12}/{r['labels']['no brand']}/{r['labels']['wrong']:<8} "
            f"{r['intel_per_line']:>10.1f} {b['high']:>6}/{b['medium']}/{b['low']:<3} "
            f"{r['seconds']:>9.1f}",
            flush=True,
        )
    print(
        f"all: possible-child flags P {tp / max(1, flagged):.3f} ({tp}/{flagged}), "
        f"R {tp / max(1, expected):.3f} ({tp}/{expected}); line labels right "
        f"{labels['right']}, no brand {labels['no brand']}, wrong {labels['wrong']}"
    )


if __name__ == "__main__":
    main()
