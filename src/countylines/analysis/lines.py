"""Find the deal lines: features -> scores -> chains -> roles -> ranked line reports.

:func:`detect_lines` runs on any :class:`~countylines.engine.Engine` holding a
``call_events`` table: the heavy aggregation is SQL (run on the engine), the
decisions are the pure functions of :mod:`deal_lines`, :mod:`chains` and
:mod:`roles`, on the small tables the SQL returns. The JSON form of a
:class:`LineReport` is documented in ``docs/lines.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import pyarrow as pa

from countylines.analysis import chains as chaining
from countylines.analysis.contacts import contact_steps
from countylines.analysis.deal_lines import NumberScore, score_numbers, score_numbers_with
from countylines.analysis.graph import contact_graph
from countylines.analysis.roles import CellUse, Pair, Roles, assign_roles
from countylines.analysis.settings import DetectionSettings
from countylines.engine import Engine, run_steps

MAX_CHAIN_ROUNDS = 6  # successors of successors: a line re-branded more often is rare


@dataclass(frozen=True)
class LineNumber:
    """One number of a line: when it was used, in which handsets, its own score."""

    number: str
    first_seen: dt.datetime
    last_seen: dt.datetime
    imeis: list[str]
    score: float | None


@dataclass
class LineReport:
    """One deal line as countylines reports it (see docs/lines.md)."""

    line_id: str
    numbers: list[LineNumber]
    score: float
    status: str
    holders: list[dict[str, str]]
    runners: list[dict[str, str]]
    customers: dict[str, Any]
    cuckooed: list[dict[str, Any]]
    evidence: list[str]
    links: list[dict[str, str]] = field(default_factory=list)
    market_cells: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (times ISO 8601 UTC)."""
        data = asdict(self)
        for n in data["numbers"]:
            n["first_seen"] = n["first_seen"].isoformat()
            n["last_seen"] = n["last_seen"].isoformat()
        return data


RUNNER_SAFEGUARDING = (
    "possible victim of criminal exploitation: runners are often children or vulnerable "
    "adults; consider a safeguarding referral (MASH for a child, NRM for trafficking)"
)
CUCKOO_SAFEGUARDING = (
    "possible cuckooing: the occupant may be a vulnerable adult whose home has been taken over; "
    "consider a safeguarding visit"
)


@dataclass
class Detection:
    """Everything one detection run produced, with warnings about its reliability."""

    lines: list[LineReport]
    scores: list[NumberScore]
    data_end: dt.datetime | None
    timings: dict[str, float]
    warnings: list[str] = field(default_factory=list)


def _rows(table: pa.Table) -> list[dict[str, Any]]:
    return list(table.to_pylist())


def _register_numbers(engine: Engine, name: str, numbers: Iterable[str]) -> None:
    engine.register_arrow(name, pa.table({"number": pa.array(sorted(set(numbers)), pa.string())}))


def detect_lines(engine: Engine, settings: DetectionSettings) -> Detection:
    """Detect deal lines in the engine's ``call_events``; lines ranked by score.

    Raises:
        countylines.engine.base.EngineError: if the engine fails a step.
    """
    parts = engine.query("SELECT count(DISTINCT source_sha256) AS n FROM call_events").to_pylist()
    several_files = bool(parts) and int(parts[0]["n"] or 0) > 1
    timings = run_steps(engine, contact_steps(settings.contact_params(), several_files))
    end_rows = _rows(engine.query("SELECT max(start_utc) AS data_end FROM events"))
    data_end = end_rows[0]["data_end"] if end_rows else None

    candidates = _rows(
        engine.query(
            """SELECT f.*, coalesce(d.dispatches, 0) AS dispatches,
                      coalesce(d.dispatches_top5, 0) AS dispatches_top5
               FROM number_features f LEFT JOIN number_dispatch d ON d.number = f.number
               WHERE f.counterparties_in >= """
            f"{int(settings.score.min_counterparties_in)} ORDER BY f.number"
        )
    )
    scored_by_clustering = any(
        "strangers" in p.requires or p.weights.get("strangers")
        for p in settings.score.patterns.values()
    )
    if scored_by_clustering:
        clustering = _clustering(engine, [str(c["number"]) for c in candidates])
        scores = score_numbers(candidates, clustering, settings.score, settings.contacts)
    else:
        # clustering is context only: work it out for the numbers reported, not for everyone
        scores = score_numbers(candidates, {}, settings.score, settings.contacts)
        reported = {s.number for s in scores if s.flagged}
        clustering = _clustering(engine, sorted(reported))
        rows = [c for c in candidates if c["number"] in reported]
        rescored = {
            s.number: s
            for s in score_numbers_with(
                rows, candidates, clustering, settings.score, settings.contacts
            )
        }
        scores = [rescored.get(s.number, s) for s in scores]
    flagged = [s for s in scores if s.flagged]

    overlaps, members = _overlaps(engine, [s.number for s in flagged], settings)
    activity = _activity(engine, members)
    links = chaining.continuation_links(overlaps, activity, settings.chains)
    chain_list = chaining.chains([s.number for s in flagged], links, activity)

    by_number = {s.number: s for s in scores}
    reports = _reports(engine, chain_list, activity, by_number, data_end, settings)
    reports.sort(key=lambda r: (-r.score, -r.customers["count"], r.line_id))
    warnings = []
    if len(candidates) < settings.score.min_numbers_for_typical:
        warnings.append(
            f"only {len(candidates)} numbers had enough callers to be scored: what is typical "
            "cannot be known well, so lines may be missed. Load whole productions (every "
            "number the targets were in contact with), not only the suspects' own numbers"
        )
    return Detection(reports, scores, data_end, timings, warnings)


def _clustering(engine: Engine, numbers: Sequence[str]) -> dict[str, float]:
    """Local clustering of each number, from the edges among its contacts only."""
    if not numbers:
        return {}
    _register_numbers(engine, "clustering_seeds", numbers)
    edges = engine.query(
        """
        WITH hood AS (
            SELECT DISTINCT counterparty AS number FROM contact_pairs
            WHERE number IN (SELECT number FROM clustering_seeds)
            UNION
            SELECT number FROM clustering_seeds
        )
        SELECT c.number, c.counterparty FROM contact_pairs c
        WHERE c.number < c.counterparty
          AND c.number IN (SELECT number FROM hood)
          AND c.counterparty IN (SELECT number FROM hood)
        """
    )
    return contact_graph(edges).clustering(numbers)


def _overlaps(
    engine: Engine, seeds: Sequence[str], settings: DetectionSettings
) -> tuple[list[chaining.Overlap], set[str]]:
    """Customer overlaps from seed numbers, following successors of successors."""
    members = set(seeds)
    frontier = set(seeds)
    found: dict[tuple[str, str], chaining.Overlap] = {}
    repeat = int(settings.contacts.repeat_days)
    floor = float(settings.chains.min_customer_overlap)
    for _ in range(MAX_CHAIN_ROUNDS):
        if not frontier:
            break
        _register_numbers(engine, "chain_seeds", frontier)
        rows = _rows(
            engine.query(
                f"""
                WITH customers AS (
                    SELECT c.number AS seed, c.counterparty AS customer
                    FROM contact_pairs c
                    WHERE c.number IN (SELECT number FROM chain_seeds) AND c.days_in >= {repeat}
                ), sizes AS (
                    SELECT seed, count(*) AS customers FROM customers GROUP BY seed
                )
                SELECT cu.seed AS earlier, p.number AS later, count(*) AS shared,
                       s.customers AS earlier_customers
                FROM customers cu
                JOIN contact_pairs p ON p.counterparty = cu.customer AND p.n_in > 0
                JOIN sizes s ON s.seed = cu.seed
                WHERE p.number <> cu.seed
                GROUP BY cu.seed, p.number, s.customers
                HAVING count(*) >= {floor} * s.customers
                ORDER BY earlier, later
                """
            )
        )
        frontier = set()
        for r in rows:
            o = chaining.Overlap(r["earlier"], r["later"], r["shared"], r["earlier_customers"])
            found[(o.earlier, o.later)] = o
            if o.later not in members:
                frontier.add(o.later)
        members |= frontier
    return sorted(found.values(), key=lambda o: (o.earlier, o.later)), members


def _activity(engine: Engine, numbers: Iterable[str]) -> dict[str, chaining.Activity]:
    numbers = sorted(set(numbers))
    if not numbers:
        return {}
    _register_numbers(engine, "activity_numbers", numbers)
    rows = _rows(
        engine.query(
            """
            SELECT number, imei, min(start_utc) AS first_seen, max(start_utc) AS last_seen
            FROM party_events WHERE number IN (SELECT number FROM activity_numbers)
            GROUP BY number, imei
            """
        )
    )
    first: dict[str, dt.datetime] = {}
    last: dict[str, dt.datetime] = {}
    imeis: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        n = r["number"]
        first[n] = min(first.get(n, r["first_seen"]), r["first_seen"])
        last[n] = max(last.get(n, r["last_seen"]), r["last_seen"])
        if r["imei"]:
            imeis[n].add(r["imei"])
    return {n: chaining.Activity(n, first[n], last[n], frozenset(imeis[n])) for n in first}


def _status(last: dt.datetime, data_end: dt.datetime | None, settings: DetectionSettings) -> str:
    if data_end is None:
        return "active"
    silent = (data_end - last).total_seconds() / 86400
    if silent <= settings.status.active_within_days:
        return "active"
    if silent <= settings.status.dormant_within_days:
        return "dormant"
    return "closed"


def _role_inputs(
    engine: Engine, line_numbers: set[str], settings: DetectionSettings
) -> tuple[dict[str, list[Pair]], dict[str, list[CellUse]], dict[str, int]]:
    """Contact pairs, cell use and active days around the given deal numbers."""
    _register_numbers(engine, "role_lines", line_numbers)
    first = _rows(
        engine.query(
            """
            SELECT c.number, c.counterparty, c.n_in, c.n_out, c.days,
                   coalesce(b.bulk_texts, 0) AS bulk_out,
                   coalesce(d.dispatches, 0) AS dispatches,
                   coalesce(d.dispatch_days, 0) AS dispatch_days
            FROM contact_pairs c
            LEFT JOIN bulk_recipients b
              ON b.number = c.number AND b.counterparty = c.counterparty
            LEFT JOIN dispatch_pairs d
              ON d.number = c.number AND d.counterparty = c.counterparty
            WHERE c.number IN (SELECT number FROM role_lines)
            """
        )
    )
    around = {r["counterparty"] for r in first}
    _register_numbers(engine, "role_around", around)
    second = _rows(
        engine.query(
            """SELECT number, counterparty, n_in, n_out, days, 0 AS bulk_out,
                      0 AS dispatches, 0 AS dispatch_days
               FROM contact_pairs WHERE number IN (SELECT number FROM role_around)"""
        )
    )
    pairs: dict[str, list[Pair]] = defaultdict(list)
    for r in first + second:
        pairs[r["number"]].append(Pair(**r))
    # cell use for everyone one or two steps from a line
    everyone = around | {r["counterparty"] for r in second} | line_numbers
    _register_numbers(engine, "role_everyone", everyone)
    zone = "'" + settings.contacts.zone.replace("'", "''") + "'"
    start, end = int(settings.roles.night_start_hour), int(settings.roles.night_end_hour)
    cell_rows = _rows(
        engine.query(
            f"""SELECT number, cell_id, count(*) AS events,
                       count(DISTINCT CAST((start_utc AT TIME ZONE {zone}) - INTERVAL {end} HOUR
                                           AS DATE))
                           FILTER (WHERE local_hour >= {start} OR local_hour < {end}) AS nights
                FROM party_events
                WHERE cell_id IS NOT NULL AND number IN (SELECT number FROM role_everyone)
                GROUP BY number, cell_id"""
        )
    )
    cells: dict[str, list[CellUse]] = defaultdict(list)
    for r in cell_rows:
        cells[r["number"]].append(CellUse(r["number"], r["cell_id"], r["events"], r["nights"]))
    active = {
        r["number"]: r["active_days"]
        for r in _rows(
            engine.query(
                """SELECT number, active_days FROM number_features
                   WHERE number IN (SELECT number FROM role_everyone)"""
            )
        )
    }
    return pairs, cells, active


def _reports(
    engine: Engine,
    chain_list: Sequence[chaining.Chain],
    activity: dict[str, chaining.Activity],
    scores: dict[str, NumberScore],
    data_end: dt.datetime | None,
    settings: DetectionSettings,
) -> list[LineReport]:
    if not chain_list:
        return []
    all_numbers = {n for c in chain_list for n in c.numbers}
    pairs, cells, active = _role_inputs(engine, all_numbers, settings)

    def strength(chain: chaining.Chain) -> float:
        return max((scores[n].score for n in chain.numbers if n in scores), default=0.0)

    reports: list[LineReport] = []
    staff_of: dict[str, str] = {}  # number -> line_id of the line it works for
    for chain in sorted(chain_list, key=lambda c: (-strength(c), c.numbers)):
        if all(n in staff_of for n in chain.numbers):
            # Its numbers are runners or the holder of a stronger line: staff taking
            # orders directly, not a line of their own.
            continue
        roles = assign_roles(chain.numbers, pairs, cells, active, settings.roles)
        report = _report(chain, roles, activity, scores, data_end, settings)
        for role in roles.holders + roles.runners:
            staff_of.setdefault(role.number, report.line_id)
        reports.append(report)
    return reports


def _report(
    chain: chaining.Chain,
    roles: Roles,
    activity: dict[str, chaining.Activity],
    scores: dict[str, NumberScore],
    data_end: dt.datetime | None,
    settings: DetectionSettings,
) -> LineReport:
    numbers = [
        LineNumber(
            n,
            activity[n].first_seen,
            activity[n].last_seen,
            sorted(activity[n].imeis),
            scores[n].score if n in scores else None,
        )
        for n in chain.numbers
        if n in activity
    ]
    scored = [scores[n] for n in chain.numbers if n in scores]
    best = max(scored, key=lambda s: s.score) if scored else None
    evidence: list[str] = []
    if best is not None:
        evidence += [f"{best.number}: {s}" for s in best.sentences()]
    evidence += [link.reason for link in chain.links]
    evidence += [f"line holder {r.number}: {r.reason}" for r in roles.holders]
    evidence += [f"runner {r.number}: {r.reason}" for r in roles.runners]
    evidence += [f"possible cuckooed address: {c.reason}" for c in roles.cuckooed]
    last = max((n.last_seen for n in numbers), default=None)
    line_id = "line-" + hashlib.sha256(chain.numbers[0].encode()).hexdigest()[:10]
    return LineReport(
        line_id=line_id,
        numbers=numbers,
        score=best.score if best else 0.0,
        status=_status(last, data_end, settings) if last else "active",
        holders=[{"number": r.number, "reason": r.reason} for r in roles.holders],
        runners=[
            {"number": r.number, "reason": r.reason, "safeguarding": RUNNER_SAFEGUARDING}
            for r in roles.runners
        ],
        customers={"count": len(roles.customers), "numbers": roles.customers},
        cuckooed=[
            {
                "cell_id": c.cell_id,
                "nights": c.nights,
                "runners": c.runners,
                "occupants": c.occupants,
                "reason": c.reason,
                "safeguarding": CUCKOO_SAFEGUARDING,
            }
            for c in roles.cuckooed
        ],
        evidence=evidence,
        links=[{"earlier": x.earlier, "later": x.later, "reason": x.reason} for x in chain.links],
        market_cells=roles.market_cells,
    )
