"""The public reporting page under hostile input: how long each kind of request takes.

Runs the public app with uvicorn on loopback (the options ``countylines serve-public``
uses) over a new SQLite workspace in a temporary folder, sends each kind of request
``--repeat`` times through HTTP, and prints the median, 95th percentile and worst time and
the answers. Then times the release of reports to the triage queue (duplicate finding
against up to 1,000 earlier reports) and a read of the queue.

    .venv/bin/python benchmarks/public_reports.py [--repeat 20]

Exits 1 if any request got another answer than expected. Figures are in
docs/public-reports.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
from sqlalchemy import update

from countylines.public.abuse import TokenPolicy
from countylines.public.anonymity import uvicorn_options
from countylines.public.app import PublicConfig, create_public_app
from countylines.public.form import MAX_TOTAL_CHARS, check_submission
from countylines.public.intake import find_mentions, release_due, store_report
from countylines.public.models import PublicReport
from countylines.public.triage import queue_rows
from countylines.settings import Settings
from countylines.workspace import Workspace

FORM = {"content-type": "application/x-www-form-urlencoded"}
HOSTILE = (
    "<script>alert(document.cookie)</script><img src=x onerror=alert(1)> "
    "'; DROP TABLE public_reports; -- \U0001f9d2\U0001f3fd\U0001f4a8 "
    "\u202e\u0645\u062e\u062f\u0631\u0627\u062a \u05e1\u05de\u05d9\u05dd\u202c "
    "07700 900123 CO15 1AA AB12 CDE 'Ghosty' Pier Avenue knife crack "
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(ws: Workspace) -> Iterator[str]:
    import uvicorn

    config = PublicConfig(
        burst=100_000,
        per_hour=1e9,
        tokens=TokenPolicy(min_fill=dt.timedelta(0)),
        release_every=0,
    )
    port = _free_port()
    options = {**uvicorn_options(), "log_level": "warning"}
    server = uvicorn.Server(
        uvicorn.Config(create_public_app(ws, config), host="127.0.0.1", port=port, **options)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _token(http: httpx.Client) -> str:
    found = re.search(r'name="token" value="([^"]+)"', http.get("/").text)
    assert found is not None
    return found.group(1)


def _fill(piece: str) -> str:
    return (piece * (MAX_TOTAL_CHARS // len(piece) + 1))[:MAX_TOTAL_CHARS].strip()


def _cases(http: httpx.Client) -> list[tuple[str, int, Callable[[], httpx.Response]]]:
    megabyte = b"what=" + b"A" * 2**20

    def chunks(total: int) -> Iterator[bytes]:
        yield b"what="
        for _ in range(total // 65536):
            yield b"B" * 65536

    rng = random.Random(7)
    binary = bytes(rng.randrange(256) for _ in range(200_000))
    numbers = _fill(" ".join(f"07700 9{rng.randrange(10**5):05d}" for _ in range(200)) + " ")

    def post(fields: dict[str, str]) -> Callable[[], httpx.Response]:
        return lambda: http.post("/report", data={"token": _token(http), **fields})

    def raw(content: bytes | Iterator[bytes]) -> Callable[[], httpx.Response]:
        return lambda: http.post("/report", content=content, headers=FORM)

    typical = (
        "got a text off 07465 082167 'CASH line: white and dark, ring me' never given my "
        "number to anyone"
    )
    return [
        ("form page (GET /)", 200, lambda: http.get("/")),
        ("1 MB body, Content-Length", 413, raw(megabyte)),
        ("1 MB body, chunked", 413, lambda: raw(chunks(2**20))()),
        ("10 MB body, chunked", 413, lambda: raw(chunks(10 * 2**20))()),
        ("200 KB of binary", 400, raw(binary)),
        ("typical report (95 chars)", 200, post({"what": typical, "children": "no"})),
        ("20,000 chars hostile mix", 200, post({"what": _fill(HOSTILE)})),
        ("20,000 emoji (80 KB UTF-8)", 200, post({"what": "\U0001f9d2" * MAX_TOTAL_CHARS})),
        ("20,000 chars of phone numbers", 200, post({"what": numbers})),
        ("20,001 chars (refused, form back)", 400, post({"what": "x" * (MAX_TOTAL_CHARS + 1)})),
    ]


def _time(call: Callable[[], httpx.Response], repeat: int) -> tuple[list[float], set[int]]:
    times, statuses = [], set()
    for _ in range(repeat):
        start = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - start)
        statuses.add(response.status_code)
    return times, statuses


def _row(name: str, times: list[float], answer: str) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"| {name} | {statistics.median(times) * 1000:,.1f} ms | {p95 * 1000:,.1f} ms "
        f"| {max(times) * 1000:,.1f} ms | {answer} |"
    )


def main() -> int:
    """Run the measurements and print them as a Markdown table; 1 on a wrong answer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests of each kind")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.create(Settings(workspace=Path(folder) / "ws"))
        try:
            serving = _serve(ws)
            url = next(serving)
            print(f"public app over HTTP, {args.repeat} requests of each kind\n")
            print("| request | median | p95 | worst | answer |\n|---|---|---|---|---|")
            with httpx.Client(base_url=url, timeout=120) as http:
                _token(http)  # builds the extraction pipeline once, as the first report would
                http.post("/report", data={"token": _token(http), "what": "warm up 07700 900123"})
                for name, expected, call in _cases(http):
                    times, statuses = _time(call, args.repeat)
                    failed |= statuses != {expected}
                    print(_row(name, times, ", ".join(str(s) for s in sorted(statuses))))
            next(serving, None)
            failed |= _release_and_queue(ws)
        finally:
            ws.close()
    return 1 if failed else 0


def _release_and_queue(ws: Workspace) -> bool:
    """Release 10 full-size reports against 1,000 earlier ones; then read a queue of 200."""
    rng = random.Random(11)
    words = [*HOSTILE.split(), "the", "van", "outside", "flat", "every", "night", "people"]
    then = dt.datetime(2024, 1, 1, 10, tzinfo=dt.UTC)

    def text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    with ws.session() as s, s.begin():  # 1,000 earlier reports, already in the queue
        for _ in range(1_000):
            sub = check_submission({"what": text(400)})
            store_report(s, sub, [], now=then)
        s.execute(update(PublicReport).values(released=True))
    with ws.session() as s, s.begin():
        for _ in range(10):
            sub = check_submission({"what": _fill(text(400) + " ")})
            store_report(s, sub, find_mentions(sub.texts), now=then + dt.timedelta(hours=1))
    start = time.perf_counter()
    with ws.session() as s, s.begin():
        released = release_due(s, then + dt.timedelta(hours=2))
    took = time.perf_counter() - start
    print(
        f"\nrelease of {len(released)} full-size reports, each compared with 1,000 earlier "
        f"ones of 400 words from one small vocabulary (the worst case: every pair shares "
        f"words): {took:.2f} s ({took / max(1, len(released)) * 1000:,.0f} ms a report)"
    )
    start = time.perf_counter()
    with ws.session() as s:
        data = queue_rows(s, ws.root, None, limit=200, now=then + dt.timedelta(hours=3))
    took = time.perf_counter() - start
    print(f"queue read of {len(data['reports'])} reports (links, suggestions): {took:.2f} s")
    return len(released) != 10


if __name__ == "__main__":
    sys.exit(main())
