"""Web workspace under load: 50 concurrent users on the line list and the line view.

Builds a demo workspace (``countylines simulate --seed 5 --events 200000``,
ingest, ``countylines analyse``), adds ``--users`` analyst accounts, starts
``countylines serve`` in its own process on loopback (127.0.0.1), and drives
it with an asyncio load generator (httpx), one client and one session per
user: each user signs in, then alternates the line list (``/lines``) and a
line view (``/lines/<id>``, cycling through the lines) for ``--requests``
requests, pausing between pages as a person does (``--think``: a mean pause
in seconds, drawn uniformly from half to one and a half times it; one run
per value: by default 1 s, then 0, flat out, which measures the most the
server can take). Every request is counted; a refused, failed or lost
request is reported and makes the run exit 1. Each run is bounded by
``--max-seconds``.

Prints, per database (SQLite, then PostgreSQL when ``--postgres-url`` or
``COUNTYLINES_TEST_POSTGRES_URL`` names a server): requests, failures,
p50/p95/p99 latency (ms) and throughput (requests/s) of each page, and
whether p95 meets the 300 ms target. Each page view writes one consultation
to the s.62 log (committed before the page is sent), so the run also checks
the chain afterwards.

Usage::

    .venv/bin/python benchmarks/web_load.py [--users 50] [--requests 40]
        [--think 1.0 0] [--postgres-url postgresql+psycopg://...] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from countylines.security.accounts import add_user
from countylines.security.audit import verify_chain
from countylines.settings import Settings
from countylines.store.picture import load_latest_picture
from countylines.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "load test password 1"
TARGET_P95_MS = 300.0


def countylines(args: list[str], env: dict[str, str]) -> str:
    """Run a countylines command; raise with its output if it fails."""
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "countylines"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"countylines {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def build(settings: Settings, env: dict[str, str], users: int, scenario: Path) -> None:
    """Workspace with the scenario ingested and analysed, and ``users`` analysts."""
    countylines(["init"], env)
    calls, cells = str(scenario / "calls.csv"), str(scenario / "cells.csv")
    countylines(["ingest", "cdr", calls, "-t", "canonical", "--cells", cells], env)
    countylines(["ingest", "intel", str(scenario / "intel.csv")], env)
    countylines(["analyse"], env)
    ws = Workspace.open(settings)
    with ws.session() as s, s.begin():
        for i in range(users):
            add_user(
                s,
                username=f"user{i:02d}",
                display_name=f"Analyst {i}",
                role="analyst",
                password=PASSWORD,
                by="benchmark",
            )
    ws.close()


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def sign_in(client: httpx.AsyncClient, username: str) -> None:
    """Sign in through the login form (with its CSRF token)."""
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    answer = await client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token[1]}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"{username} could not sign in: {answer.status_code}")


async def user(
    base: str,
    number: int,
    line_ids: list[str],
    requests: int,
    results: dict[str, Any],
    deadline: float,
    think: float,
) -> None:
    """One user's session: sign in, then pages with pauses."""
    pace = random.Random(number)
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await asyncio.sleep(pace.uniform(0, think))  # users do not all arrive at once
        await sign_in(client, f"user{number:02d}")
        for i in range(requests):
            if think:
                await asyncio.sleep(pace.uniform(0.5 * think, 1.5 * think))
            if time.monotonic() > deadline:
                results["unsent"] += requests - i
                return
            if i % 2 == 0:
                kind, path = "line list", "/lines"
            else:
                kind, path = "line view", f"/lines/{line_ids[(number + i) % len(line_ids)]}"
            start = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200 and len(response.content) > 0
            except httpx.HTTPError as exc:
                ok = False
                results["errors"].append(f"{path}: {exc!r}")
            results[kind].append((time.perf_counter() - start) * 1000)
            if not ok:
                results["failed"] += 1


async def drive(
    base: str, users: int, requests: int, line_ids: list[str], budget: float, think: float
) -> dict[str, Any]:
    """Run all users at once; latencies (ms) per page kind, failures, duration."""
    results: dict[str, Any] = {
        "line list": [],
        "line view": [],
        "failed": 0,
        "unsent": 0,
        "errors": [],
    }
    deadline = time.monotonic() + budget
    start = time.perf_counter()
    await asyncio.gather(
        *(user(base, i, line_ids, requests, results, deadline, think) for i in range(users))
    )
    results["seconds"] = time.perf_counter() - start
    return results


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile ``p`` (0-100) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(backend: str, results: dict[str, Any], users: int, think: float) -> bool:
    """Print the figures of one run; True if nothing failed or went unsent."""
    total = len(results["line list"]) + len(results["line view"])
    pace = f"pausing {think:.1f} s on average between pages" if think else "no pause, flat out"
    print(
        f"\n== {backend}: {users} concurrent users ({pace}): {total} requests in "
        f"{results['seconds']:.1f} s ({total / results['seconds']:.0f} requests/s overall)"
    )
    for kind in ("line list", "line view"):
        values = results[kind]
        p95 = percentile(values, 95)
        verdict = "met" if p95 < TARGET_P95_MS else "MISSED"
        print(
            f"  {kind:9}: {len(values):5d} requests  p50 {statistics.median(values):6.1f} ms  "
            f"p95 {p95:6.1f} ms  p99 {percentile(values, 99):6.1f} ms  max {max(values):6.1f} ms"
            f"  throughput {len(values) / results['seconds']:6.1f}/s"
            f"  (target p95 < {TARGET_P95_MS:.0f} ms: {verdict})"
        )
    print(f"  failed: {results['failed']}  not sent (time budget): {results['unsent']}")
    for error in results["errors"][:5]:
        print(f"  error: {error}")
    return bool(results["failed"] == 0 and results["unsent"] == 0)


def run_backend(
    backend: str, database_url: str, args: argparse.Namespace, scenario: Path, root: Path
) -> bool:
    """Build the workspace on one database, serve it, load it; True if all went through."""
    folder = root / backend
    settings = Settings(workspace=folder, database_url=database_url)
    env = {
        **os.environ,
        "COUNTYLINES_WORKSPACE": str(folder),
        "COUNTYLINES_DATABASE_URL": database_url,
    }
    t0 = time.perf_counter()
    build(settings, env, args.users, scenario)
    print(f"[{backend}] workspace built in {time.perf_counter() - t0:.0f} s", flush=True)
    port = free_port()
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "countylines"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        ws = Workspace.open(settings)
        picture = load_latest_picture(ws.root) or {"lines": []}
        line_ids = [line["line_id"] for line in picture["lines"]]
        ok = True
        for think in args.think:
            results = asyncio.run(
                drive(base, args.users, args.requests, line_ids, args.max_seconds, think)
            )
            ok &= report(backend, results, args.users, think)
        with ws.session() as s:
            chain = verify_chain(s)
        ws.close()
        state = "intact" if chain.ok else "NOT intact"
        print(f"  s.62 log after the runs: {chain.entries:,} entries, {state}")
        return ok and chain.ok
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> int:
    """Run the benchmark; exit 1 if any request failed or the log broke."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per user per run")
    parser.add_argument("--max-seconds", type=float, default=300.0, help="bound of each run")
    parser.add_argument(
        "--think",
        type=float,
        nargs="+",
        default=[1.0, 0.0],
        help="mean pause between pages, seconds (one run each; 0: none)",
    )
    parser.add_argument(
        "--postgres-url", default=os.environ.get("COUNTYLINES_TEST_POSTGRES_URL", "")
    )
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="countylines-web-load-") as tmp:
        root = Path(tmp)
        scenario = root / "scenario"
        simulate = ["simulate", "--seed", "5", "--events", "200000", "--out", str(scenario)]
        countylines(simulate, dict(os.environ))
        ok &= run_backend("SQLite", "", args, scenario, root)
        if args.postgres_url and not args.sqlite_only:
            schema = f"bench_{uuid.uuid4().hex[:10]}"
            admin = create_engine(args.postgres_url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            sep = "&" if "?" in args.postgres_url else "?"
            url = f"{args.postgres_url}{sep}options=-csearch_path%3D{schema}"
            try:
                ok &= run_backend("PostgreSQL", url, args, scenario, root)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
        elif not args.sqlite_only:
            print("\nPostgreSQL: skipped (give --postgres-url or COUNTYLINES_TEST_POSTGRES_URL)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
