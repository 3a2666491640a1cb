"""Runs a scenario: plan everything, then generate and write day by day.

Memory is bounded by one day of events (plus the population and its ties):
each local day's events are generated, joined with any carried over from
before (replies after midnight), sorted by time, given cells and IMEIs,
written, and dropped. A busy day (more than ``WINDOW_EVENTS`` background
events) is generated in windows of local hours, and events are formatted
``SLICE`` at a time. A run of 10^8 events never holds more than a day.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from countylines.simulate.clock import scenario_days
from countylines.simulate.config import ScenarioConfig
from countylines.simulate.deal_lines import DealLines
from countylines.simulate.decoys import Decoys
from countylines.simulate.directory import MOBILE, Directory
from countylines.simulate.events import SMS, Events, Source
from countylines.simulate.geography import Cells, build_cells, write_cells_csv
from countylines.simulate.ids import Identifiers
from countylines.simulate.intel import INTEL_CSV, draw_intel, write_intel_csv
from countylines.simulate.location import Locator
from countylines.simulate.population import Background, build_population, register_people
from countylines.simulate.public_reports import (
    PUBLIC_REPORTS_JSONL,
    draw_public_reports,
    write_public_reports,
)
from countylines.simulate.randomness import stream
from countylines.simulate.truth import Tracker, build_truth, parties_of, tracked_parties
from countylines.simulate.writer import (
    CanonicalWriter,
    Dictionaries,
    FileInfo,
    RecordTypeWriter,
    Resolved,
)

#: Files a run writes (besides the calls files) and the patterns of the calls files.
OUTPUT_NAMES = ("cells.csv", "truth.json", "scenario.json")
#: Files a run writes unless told not to (--no-intel, --no-public-reports).
OPTIONAL_NAMES = (INTEL_CSV, PUBLIC_REPORTS_JSONL)
CALLS_GLOB = "calls*.csv"
#: Events given cells and written at a time (bounds the memory of formatting).
SLICE = 250_000
#: A day is generated in windows of local hours so that each holds about this many events.
WINDOW_EVENTS = 1_500_000

Progress = Callable[[str, int, int, int], None]  # phase, done, total, events so far


@dataclass
class Summary:
    """What a run wrote."""

    seed: int
    template: str
    out: str
    files: list[FileInfo]
    events: int
    events_by_source: dict[str, int]
    events_by_kind: dict[str, int]
    lines: list[dict[str, Any]]
    numbers: dict[str, int]
    people: int
    days: int
    seconds: float
    events_per_second: float
    estimates: dict[str, float] = field(default_factory=dict)
    intel_reports: int = 0
    public_reports: int = 0
    intel_seconds: float = 0.0


def _target_parties(
    lines: DealLines, decoys: Decoys, directory: Directory, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    """Numbers police would ask disclosure for: every line number, holder and runner, the
    decoys with handsets, and as many ordinary numbers again (customers and others)."""
    out: list[int] = []
    for line in lines.lines:
        out += [n.party for n in line.chain]
        out += parties_of(directory, line.holder)
        for r in line.runners:
            out += parties_of(directory, r.person)
    out += [d.party for d in decoys.decoys if directory.kind[d.party] == MOBILE]
    people = lines.pop.n_people
    extra = rng.choice(people, size=min(people, len(out)), replace=False)
    out += [int(directory.person_party.static[p]) for p in extra.tolist()]
    for line in lines.lines:
        cust = line.customers.person
        if cust.size:
            pick = rng.choice(cust, size=min(cust.size, 3), replace=False)
            out += [int(directory.person_party.static[p]) for p in pick.tolist()]
    return np.unique(np.array(out, dtype=np.int64))


def run(
    cfg: ScenarioConfig,
    out: Path,
    progress: Progress | None = None,
    *,
    intel: bool = True,
    public_reports: bool = True,
) -> Summary:
    """Generate the scenario ``cfg`` into folder ``out`` (see module doc).

    With ``intel`` (default) also intel.csv, and with ``public_reports`` too
    public_reports.jsonl (docs/simulate.md); both from their own streams, so
    the calls files are the same either way.
    """
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    seed = cfg.seed

    def report(phase: str, done: int, total: int, events: int) -> None:
        if progress is not None:
            progress(phase, done, total, events)

    report("placing cells", 0, 1, 0)
    v = cfg.v
    cells = build_cells(
        stream(seed, "geography"), cfg.hub, cfg.county,
        int(v("hub_cells")), int(v("county_cells")), int(v("route_cells")),
    )  # fmt: skip
    write_cells_csv(cells, out / "cells.csv")
    report("building the population", 0, 1, 0)
    directory = Directory(Identifiers(stream(seed, "ids")))
    pop = build_population(cfg, cells, stream(seed, "population"))
    services = register_people(pop, directory, cfg, stream(seed, "graph"))
    days = scenario_days(cfg.start, cfg.days)
    used = np.zeros(pop.n_people, dtype=bool)
    report("planning decoys and lines", 0, 1, 0)
    decoys = Decoys(cfg, pop, directory, cells, used)
    decoys.plan(stream(seed, "decoys"))
    locator = Locator(cfg, cells, pop)
    lines = DealLines(cfg, pop, directory, cells, locator, days, used)
    lines.plan(stream(seed, "lines"))
    locator.grow()
    background = Background(cfg, pop, directory, services)

    has_handset = np.array(
        [directory.imei.static[p] >= 0 for p in range(len(directory))], dtype=bool
    )
    dicts = Dictionaries.build(directory.numbers, cells.ids, directory.imeis, has_handset)
    writer: CanonicalWriter | RecordTypeWriter
    if cfg.template == "canonical":
        writer = CanonicalWriter(out, dicts, cfg.max_rows_per_file)
    else:
        targets = _target_parties(lines, decoys, directory, stream(seed, "writer"))
        writer = RecordTypeWriter(out, dicts, targets, stream(seed, "writer", 1))
    tracker = Tracker(len(directory), tracked_parties(lines.lines, directory))

    by_source = np.zeros(len(Source), dtype=np.int64)
    by_kind = np.zeros(2, dtype=np.int64)
    total = 0
    carry = Events.empty()
    per_day = cfg.estimates["background_events_per_person_day"] * pop.n_people
    windows = int(min(24, max(1, np.ceil(per_day / WINDOW_EVENTS))))
    bounds = [round(24 * w / windows) for w in range(windows + 1)]
    for day in days:
        for w in range(windows):
            last = w == windows - 1
            parts = [carry]
            if w == 0:  # the day's lines and decoys wait in `carry` until their time
                parts.append(lines.day(day, stream(seed, "lines_day", day.index)))
                parts.append(decoys.day(day, stream(seed, "decoys_day", day.index)))
            hours = (bounds[w], bounds[w + 1])
            parts.append(background.day(day, stream(seed, "background_day", day.index, w), hours))
            ev = Events.concat(parts)
            end = day.utc_end if last else int(day.to_utc(np.array([hours[1] * 3600]))[0])
            now = ev.t < end
            carry = ev.take(~now) if not (last and day.index + 1 == len(days)) else Events.empty()
            ev = ev.take(now)
            ev = ev.take(np.argsort(ev.t, kind="stable"))
            _resolve_and_write(ev, stream(seed, "location", day.index, w), directory, locator,
                               writer, tracker)  # fmt: skip
            by_source += np.bincount(ev.source, minlength=len(Source))
            by_kind += np.bincount(ev.kind, minlength=2)
            total += len(ev)
        report("generating", day.index + 1, len(days), total)
    files = writer.close()

    counts: dict[str, Any] = {
        "total": total,
        "by_source": {s.name.lower(): int(by_source[s]) for s in Source},
        "by_kind": {"voice": int(by_kind[0]), "sms": int(by_kind[SMS])},
    }
    period = (days[0].utc_start, days[-1].utc_end)
    truth = build_truth(
        cfg, cells, pop, directory, lines.lines, decoys.decoys, services, tracker, counts, period
    )
    report("writing intelligence reports", 0, 1, total)
    written = _write_reports(truth, cells, out, seed, intel, public_reports)
    _write_json(out / "truth.json", truth)
    _write_json(out / "scenario.json", cfg.to_json())
    elapsed = time.perf_counter() - started
    kinds: dict[str, int] = {}
    for k in directory.kind:
        name = ("mobile", "landline", "alphanumeric", "foreign", "gateway")[k]
        kinds[name] = kinds.get(name, 0) + 1
    return Summary(
        seed=seed,
        template=cfg.template,
        out=str(out),
        files=[
            *files,
            *(FileInfo(str(out / n), -1, (out / n).stat().st_size) for n in OUTPUT_NAMES),
            *written.files,
        ],
        events=total,
        events_by_source=counts["by_source"],
        events_by_kind=counts["by_kind"],
        lines=[
            {
                "line_id": ln["line_id"],
                "brand": ln["brand"],
                "status": ln["status"],
                "numbers": [n["number"] for n in ln["numbers"]],
                "runners": len(ln["runners"]),
                "customers": len(ln["customers"]),
                "cuckooed_addresses": len(ln["cuckooed_addresses"]),
            }
            for ln in truth["lines"]
        ],
        numbers=kinds,
        people=pop.n_people,
        days=cfg.days,
        seconds=round(elapsed, 2),
        events_per_second=round(total / elapsed) if elapsed else 0.0,
        estimates=cfg.estimates,
        intel_reports=written.intel_reports,
        public_reports=written.public_reports,
        intel_seconds=written.seconds,
    )


@dataclass(frozen=True)
class _Reports:
    files: list[FileInfo]
    intel_reports: int
    public_reports: int
    seconds: float


def _write_reports(
    truth: dict[str, Any], cells: Cells, out: Path, seed: int, intel: bool, public: bool
) -> _Reports:
    """Write intel.csv and public_reports.jsonl (as asked); add their truth to ``truth``."""
    started = time.perf_counter()
    if not intel:
        return _Reports([], 0, 0, 0.0)
    reports = draw_intel(truth, dict(zip(cells.ids, cells.names, strict=True)), seed)
    truth["intel"] = reports.truth()
    n_intel = write_intel_csv(reports, out / INTEL_CSV)
    files = [FileInfo(str(out / INTEL_CSV), n_intel, (out / INTEL_CSV).stat().st_size)]
    n_public = 0
    if public:
        records, labels = draw_public_reports(reports.world, stream(seed, "public_reports"))
        truth["public_reports"] = {"file": PUBLIC_REPORTS_JSONL, "reports": labels}
        n_public = write_public_reports(records, out / PUBLIC_REPORTS_JSONL)
        path = out / PUBLIC_REPORTS_JSONL
        files.append(FileInfo(str(path), n_public, path.stat().st_size))
    return _Reports(files, n_intel, n_public, round(time.perf_counter() - started, 3))


def _resolve_and_write(
    ev: Events,
    rng: np.random.Generator,
    directory: Directory,
    locator: Locator,
    writer: CanonicalWriter | RecordTypeWriter,
    tracker: Tracker,
) -> None:
    """Give time-ordered events their cells and IMEIs, write them, track the truth's parties."""
    active_from, active_to = directory.windows()
    for first in range(0, len(ev), SLICE):
        part = ev.take(np.arange(first, min(first + SLICE, len(ev))))
        carrier_a = directory.carrier.at(part.a, part.t)
        carrier_b = directory.carrier.at(part.b, part.t)
        delivered = (
            (active_from[part.b] <= part.t) & (part.t < active_to[part.b]) & (carrier_b >= 0)
        )
        carrier_b[~delivered] = -1
        a_cell = locator.where(carrier_a, part.t, rng)
        b_cell = locator.where(carrier_b, part.t, rng)
        a_imei = np.where(carrier_a >= 0, directory.imei.at(part.a, part.t), -1)
        b_imei = np.where(delivered, directory.imei.at(part.b, part.t), -1)
        writer.write(Resolved(part, a_cell, b_cell, a_imei, b_imei, delivered))
        tracker.update(part, a_imei, b_imei, delivered)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
