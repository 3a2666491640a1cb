"""Deal-line detection accuracy on held-out simulated scenarios, and its cost at scale.

For each seed (never used while tuning: tuning used seeds 1-9), simulate a
scenario, ingest it through the normal ingest, detect lines, and compare with
the ground truth: precision and recall of deal numbers, chaining accuracy,
holder / runner / cuckooed-address accuracy, and the naive analyst baseline
(the numbers with most distinct counterparties). Scenario parameters (lines,
days, population, decoy mix, line behaviour) are drawn from each seed.

Then, unless ``--no-scale``: run time and peak memory of ingest + analysis at
1M and 10M events, each in its own process.

Usage::

    .venv/bin/python benchmarks/detection.py [--seeds 101-112] [--events 400000]
        [--scale 1000000,10000000] [--no-scale] [--template canonical]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from countylines.analysis.lines import detect_lines
from countylines.analysis.settings import load_detection_settings
from countylines.engine.duckdb_engine import DuckDBEngine
from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import BUILTIN_DIR, load_template_file
from countylines.ingest.cells import CellSiteAdapter
from countylines.ingest.runner import import_file
from countylines.settings import Settings
from countylines.simulate.config import draw_config
from countylines.simulate.evaluate import Evaluation, PrecisionRecall, error_kinds, evaluate
from countylines.simulate.generator import run as simulate
from countylines.store.evidence import register_views
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


def ingest_and_detect(
    folder: Path, template: str, ws_dir: Path
) -> tuple[dict[str, Any], dict[str, float]]:
    """Ingest a simulated folder and detect lines; the lines JSON and timings."""
    ws = Workspace.create(Settings(workspace=ws_dir, duckdb_memory_limit="6GB"))
    adapter = CdrAdapter(load_template_file(BUILTIN_DIR / f"{template}.yaml"))
    t0 = time.perf_counter()
    import_file(ws, CellSiteAdapter(), folder / "cells.csv")
    for calls in sorted(folder.glob("calls*.csv")):
        result = import_file(ws, adapter, calls)
        if result.outcome != "loaded":
            raise SystemExit(f"ingest failed: {result.message}")
    t1 = time.perf_counter()
    with ws.duckdb() as con:
        register_views(ws, con)
        engine = DuckDBEngine(con)
        detection = detect_lines(engine, load_detection_settings())
        counts = {
            r["number"]: r["counterparties"]
            for r in engine.query("SELECT number, counterparties FROM number_features").to_pylist()
        }
    t2 = time.perf_counter()
    ws.close()
    lines = {"lines": [line.to_json() for line in detection.lines], "counterparties": counts}
    return lines, {"ingest_s": t1 - t0, "analyse_s": t2 - t1}


def accuracy(seeds: list[int], events: int, template: str) -> None:
    """Print per-seed and total accuracy."""
    print(f"held-out seeds {seeds[0]}..{seeds[-1]}, ~{events:,} events each, template {template}")
    header = (
        f"{'seed':>5} {'lines':>6} {'days':>5} {'deal P':>7} {'deal R':>7} {'chain':>6} "
        f"{'holder':>7} {'runner P':>9} {'runner R':>9} {'cuckoo P':>9} {'cuckoo R':>9} "
        f"{'naive P':>8} {'naive R':>8}  false positives"
    )
    print(header)
    totals: list[Evaluation] = []
    for seed in seeds:
        with tempfile.TemporaryDirectory(prefix=f"cl-det-{seed}-") as tmp:
            folder = Path(tmp) / "scenario"
            cfg = draw_config(seed, events=events, template=template)
            simulate(cfg, folder)
            truth = json.loads((folder / "truth.json").read_text())
            out, _ = ingest_and_detect(folder, template, Path(tmp) / "ws")
            ev = evaluate(truth, out["lines"], out["counterparties"])
            totals.append(ev)
            wrong = error_kinds(truth, out["lines"])
            print(
                f"{seed:>5} {ev.lines_expected:>3}/{ev.lines_found:<2} {cfg.days:>5} "
                f"{ev.deal_numbers.precision:>7.3f} {ev.deal_numbers.recall:>7.3f} "
                f"{ev.chaining_accuracy:>6.3f} {ev.holder_accuracy:>7.3f} "
                f"{ev.runners.precision:>9.3f} {ev.runners.recall:>9.3f} "
                f"{ev.cuckooed.precision:>9.3f} {ev.cuckooed.recall:>9.3f} "
                f"{ev.baseline.precision:>8.3f} {ev.baseline.recall:>8.3f}  "
                f"{dict(wrong) or '-'}",
                flush=True,
            )

    def total(pick: str) -> PrecisionRecall:
        acc = PrecisionRecall(0, 0, 0)
        for ev in totals:
            acc = acc + getattr(ev, pick)
        return acc

    deal, chain, hold = total("deal_numbers"), total("chained"), total("holders")
    run, cuck, naive = total("runners"), total("cuckooed"), total("baseline")
    print(
        f"{'all':>5} {'':>6} {'':>5} {deal.precision:>7.3f} {deal.recall:>7.3f} "
        f"{chain.correct / max(chain.expected, 1):>6.3f} "
        f"{hold.correct / max(hold.expected, 1):>7.3f} "
        f"{run.precision:>9.3f} {run.recall:>9.3f} {cuck.precision:>9.3f} {cuck.recall:>9.3f} "
        f"{naive.precision:>8.3f} {naive.recall:>8.3f}"
    )
    print(
        f"deal numbers: {deal.correct}/{deal.expected} found, {deal.found - deal.correct} false; "
        f"runners: {run.correct}/{run.expected} found, {run.found - run.correct} false; "
        f"holders right on {hold.correct}/{hold.expected} lines"
    )


def _simulate_worker(events: int, template: str, folder: str, queue: Any) -> None:
    t0 = time.perf_counter()
    simulate(draw_config(7, events=events, template=template), Path(folder))
    queue.put(time.perf_counter() - t0)


def _analyse_worker(folder: str, template: str, ws_dir: str, queue: Any) -> None:
    _, timings = ingest_and_detect(Path(folder), template, Path(ws_dir))
    queue.put((timings, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def _in_process(target: Any, *args: Any) -> Any:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def scale(sizes: list[int], template: str) -> None:
    """Print time and peak memory of ingest + analysis at each size (own process each)."""
    print(
        f"\n{'events':>12} {'rows':>12} {'simulate s':>11} {'ingest s':>9} {'analyse s':>10} "
        f"{'total s':>8} {'peak RSS MB':>12}"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="cl-scale-") as tmp:
            folder = Path(tmp) / "scenario"
            simulated = _in_process(_simulate_worker, size, template, str(folder))
            rows = sum(sum(1 for _ in f.open()) - 1 for f in folder.glob("calls*.csv"))
            timings, peak = _in_process(
                _analyse_worker, str(folder), template, str(Path(tmp) / "ws")
            )
        total = timings["ingest_s"] + timings["analyse_s"]
        print(
            f"{size:>12,} {rows:>12,} {simulated:>11.1f} {timings['ingest_s']:>9.1f} "
            f"{timings['analyse_s']:>10.1f} {total:>8.1f} {peak:>12,.0f}",
            flush=True,
        )
    print("(ingest + analysis in one process; targets: under 120 s and 8 GB at 10M events)")


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="101-112", help="'' to skip the accuracy part")
    parser.add_argument("--events", type=int, default=400_000)
    parser.add_argument("--template", default="canonical")
    parser.add_argument("--scale", default="1000000,10000000")
    parser.add_argument("--no-scale", action="store_true")
    args = parser.parse_args()
    seeds = seeds_from(args.seeds)
    if seeds:
        accuracy(seeds, args.events, args.template)
    if not args.no_scale:
        scale([int(s) for s in args.scale.split(",") if s], args.template)


if __name__ == "__main__":
    main()
