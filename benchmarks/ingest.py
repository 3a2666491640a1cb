"""Call-event ingest throughput and peak memory, beside a plain DuckDB read.

Generates a canonical-template CSV (default 10,000,000 rows, about 1 GB),
then, each in its own process so peak memory is its own:

1. plain read: DuckDB ``CREATE TABLE t AS SELECT * FROM read_csv(file)``
   (type sniffing, parsing, materialising; nothing validated or written);
2. countylines ingest of the same file with the ``canonical`` template:
   hash, parse, validate, canonicalise numbers, write Parquet, commit.

Prints rows/s and peak RSS for both; the figure is the ratio of ingest
throughput to plain-read throughput (target: at least 0.5).

Usage::

    .venv/bin/python benchmarks/ingest.py [--rows 10000000] [--numbers 200000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import shutil
import tempfile
import time
from pathlib import Path


def generate(path: Path, rows: int, numbers: int) -> None:
    """Write a canonical call-event CSV of ``rows`` rows among ``numbers`` numbers."""
    import duckdb

    con = duckdb.connect()
    con.execute(
        f"""
        COPY (
          SELECT strftime(TIMESTAMP '2024-01-01' + to_seconds((i * 7919) % 31536000),
                          '%Y-%m-%dT%H:%M:%SZ') AS start_utc,
                 '+4477009' || lpad(((i * 2654435761) % {numbers})::VARCHAR, 5, '0') AS a_number,
                 -- one number in 50 written the national way, with a space
                 CASE WHEN i % 50 = 0 THEN '07700 9' ELSE '+4477009' END
                   || lpad(((i * 40503) % {numbers})::VARCHAR, 5, '0') AS b_number,
                 CASE WHEN i % 3 = 0 THEN 'sms' ELSE 'voice' END AS kind,
                 CASE WHEN i % 3 = 0 THEN 0 ELSE (i * 31) % 900 END AS duration_s,
                 'CELL' || ((i * 13) % 5000)::VARCHAR AS a_cell_id,
                 '35' || lpad(((i * 2654435761) % {numbers})::VARCHAR, 13, '0') AS a_imei,
                 '' AS b_cell_id,
                 '' AS b_imei
          FROM range({rows}) r(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )
    con.close()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _plain_read(path: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import duckdb

    con = duckdb.connect()
    con.execute("SET memory_limit = '4GB'")
    start = time.perf_counter()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}')")
    n = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    queue.put((n, time.perf_counter() - start, _peak_rss_mb()))


def _ingest(path: str, ws_dir: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    from countylines.ingest.cdr import CdrAdapter
    from countylines.ingest.cdr_template import BUILTIN_DIR, load_template_file
    from countylines.ingest.runner import import_file
    from countylines.settings import Settings
    from countylines.workspace import Workspace

    ws = Workspace.create(Settings(workspace=Path(ws_dir), duckdb_memory_limit="4GB"))
    adapter = CdrAdapter(load_template_file(BUILTIN_DIR / "canonical.yaml"))
    start = time.perf_counter()
    result = import_file(ws, adapter, Path(path))
    elapsed = time.perf_counter() - start
    ws.close()
    queue.put((result.rows_loaded, elapsed, _peak_rss_mb(), result.outcome, result.message))


def _run(target, *args):  # type: ignore[no-untyped-def]
    queue: mp.Queue = mp.get_context("spawn").Queue()  # type: ignore[type-arg]
    proc = mp.get_context("spawn").Process(target=target, args=(*args, queue))
    proc.start()
    out = queue.get()
    proc.join()
    return out


def main() -> None:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--numbers", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep files in this folder")
    args = parser.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="cl-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    csv_path = work / f"calls_{args.rows}.csv"
    try:
        if not csv_path.exists():
            t0 = time.perf_counter()
            generate(csv_path, args.rows, args.numbers)
            print(
                f"generated {csv_path} ({csv_path.stat().st_size / 1e6:,.0f} MB) "
                f"in {time.perf_counter() - t0:.1f} s"
            )
        n_plain, t_plain, rss_plain = _run(_plain_read, str(csv_path))
        ws_dir = work / "ws"
        shutil.rmtree(ws_dir, ignore_errors=True)
        n_ing, t_ing, rss_ing, outcome, message = _run(_ingest, str(csv_path), str(ws_dir))
        if outcome != "loaded" or n_ing != args.rows:
            raise SystemExit(f"ingest did not load every row: {message}")
        plain_rate, ingest_rate = n_plain / t_plain, n_ing / t_ing
        print(f"{'':24}{'rows':>12}{'seconds':>10}{'rows/s':>14}{'peak RSS MB':>14}")
        print(
            f"{'plain DuckDB read_csv':24}{n_plain:>12,}{t_plain:>10.2f}"
            f"{plain_rate:>14,.0f}{rss_plain:>14,.0f}"
        )
        print(
            f"{'countylines ingest':24}{n_ing:>12,}{t_ing:>10.2f}"
            f"{ingest_rate:>14,.0f}{rss_ing:>14,.0f}"
        )
        print(f"ratio ingest/plain throughput: {ingest_rate / plain_rate:.2f} (target >= 0.5)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
