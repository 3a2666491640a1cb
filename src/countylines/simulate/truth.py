"""Ground truth: what the scenario really contains, as JSON (truth.json).

Times that describe what *happened in the data* (a number's first and last
activity, when an IMEI was seen) are measured from the events written, so
the truth cannot disagree with the call data. Times that describe the plan
(when a re-brand notice was sent, when a cuckooed address was in use) come
from the plan. The format is documented field by field in docs/simulate.md.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from countylines.simulate.config import ScenarioConfig
from countylines.simulate.deal_lines import LinePlan
from countylines.simulate.decoys import Decoy
from countylines.simulate.directory import KIND_NAMES, NEVER, Directory
from countylines.simulate.events import Events
from countylines.simulate.geography import AREA_NAMES, Cells
from countylines.simulate.population import Population, ServiceNumbers

I64 = npt.NDArray[np.int64]
FORMAT = "countylines-simulate-truth"
#: Version 2 adds the optional sections ``intel`` and ``public_reports``; every version-1
#: field is unchanged, so readers of version 1 read version 2 (see :func:`load_truth`).
VERSION = 2
READABLE_VERSIONS = (1, 2)


def iso(t: int | None) -> str | None:
    """UTC seconds as ``2024-06-01T11:00:00Z`` (None stays None)."""
    if t is None or abs(t) >= NEVER:
        return None
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Tracker:
    """First and last activity of the parties the truth talks about, and the IMEIs seen.

    Activity counts a party as the originator of an event, or as its recipient
    when the event reached the handset.
    """

    def __init__(self, n_parties: int, parties: I64) -> None:
        self.index = np.full(n_parties, -1, dtype=np.int64)
        self.parties = np.unique(parties)
        self.index[self.parties] = np.arange(self.parties.size)
        big = np.iinfo(np.int64).max
        self.first = np.full(self.parties.size, big, dtype=np.int64)
        self.last = np.full(self.parties.size, -big, dtype=np.int64)
        self.imeis: dict[tuple[int, int], list[int]] = {}

    def update(
        self, ev: Events, a_imei: I64, b_imei: I64, delivered: npt.NDArray[np.bool_]
    ) -> None:
        """Take one day's events (with each side's IMEI index and delivery)."""
        ia = self.index[ev.a]
        ib = np.where(delivered, self.index[ev.b], -1)
        idx = np.concatenate([ia[ia >= 0], ib[ib >= 0]])
        if not idx.size:
            return
        t = np.concatenate([ev.t[ia >= 0], ev.t[ib >= 0]])
        imei = np.concatenate([a_imei[ia >= 0], b_imei[ib >= 0]])
        np.minimum.at(self.first, idx, t)
        np.maximum.at(self.last, idx, t)
        ok = imei >= 0
        key = idx[ok] * (1 << 31) + imei[ok]
        tt = t[ok]
        order = np.lexsort((tt, key))
        key, tt = key[order], tt[order]
        starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
        ends = np.concatenate([starts[1:], [key.size]]) - 1
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            k = (int(key[s] >> 31), int(key[s] & ((1 << 31) - 1)))
            seen = self.imeis.setdefault(k, [int(tt[s]), int(tt[e])])
            seen[0] = min(seen[0], int(tt[s]))
            seen[1] = max(seen[1], int(tt[e]))

    def span(self, party: int) -> tuple[int | None, int | None]:
        """First and last activity of ``party`` (None if never active)."""
        i = int(self.index[party])
        if i < 0 or self.first[i] > self.last[i]:
            return None, None
        return int(self.first[i]), int(self.last[i])

    def imeis_of(self, party: int, directory: Directory) -> list[dict[str, Any]]:
        """IMEIs seen with ``party``, in order of first sighting."""
        i = int(self.index[party])
        rows = sorted(
            (seen[0], seen[1], directory.imeis[imei])
            for (k, imei), seen in self.imeis.items()
            if k == i
        )
        return [{"imei": m, "first_seen_utc": iso(a), "last_seen_utc": iso(b)} for a, b, m in rows]


def parties_of(directory: Directory, person: int) -> list[int]:
    """Every number ``person`` had during the scenario, in order."""
    out = [int(directory.person_party.static[person])]
    out += [v for _, v in directory.person_party.segments(person) if v not in out]
    return out


def tracked_parties(lines: list[LinePlan], directory: Directory) -> I64:
    """Parties whose activity the truth reports."""
    out: list[int] = []
    for line in lines:
        out += [n.party for n in line.chain]
        out += parties_of(directory, line.holder)
        for r in line.runners:
            out += parties_of(directory, r.person)
    return np.array(out, dtype=np.int64)


def _stints(in_county: npt.NDArray[np.bool_], first_day: dt.date) -> list[dict[str, str]]:
    out = []
    d = 0
    while d < in_county.size:
        if in_county[d]:
            e = d
            while e + 1 < in_county.size and in_county[e + 1]:
                e += 1
            out.append(
                {
                    "first_night": (first_day + dt.timedelta(days=d)).isoformat(),
                    "last_night": (first_day + dt.timedelta(days=e)).isoformat(),
                }
            )
            d = e + 1
        else:
            d += 1
    return out


def build_truth(
    cfg: ScenarioConfig,
    cells: Cells,
    pop: Population,
    directory: Directory,
    lines: list[LinePlan],
    decoys: list[Decoy],
    services: ServiceNumbers,
    tracker: Tracker,
    counts: dict[str, Any],
    period: tuple[int, int],
) -> dict[str, Any]:
    """The truth document (see docs/simulate.md for every field)."""
    numbers = directory.numbers

    def person_numbers(person: int) -> list[str]:
        return [numbers[p] for p in parties_of(directory, person)]

    customers_of: dict[str, set[int]] = {ln.line_id: set(ln.seen_customers) for ln in lines}
    out_lines = []
    for line in lines:
        chain_out = []
        for k, n in enumerate(line.chain):
            first, last = tracker.span(n.party)
            successor = line.chain[k + 1] if k + 1 < len(line.chain) else None
            chain_out.append(
                {
                    "order": n.order,
                    "number": numbers[n.party],
                    "first_active_utc": iso(first),
                    "last_active_utc": iso(last),
                    "ended": n.ended,
                    "ended_utc": iso(n.end) if n.ended != "active" else None,
                    "successor": numbers[successor.party] if successor else None,
                    "new_number_notice_utc": iso(n.notice_at),
                    "announced_utc": iso(n.announce_at),
                    "handset_location": "county" if n.in_county else "hub",
                    "same_handset_as_previous": n.same_handset_as_previous and k > 0,
                    "handset_swapped_utc": iso(n.swap_at),
                    "imeis": tracker.imeis_of(n.party, directory),
                }
            )
        shared = {
            other.line_id: len(customers_of[line.line_id] & customers_of[other.line_id])
            for other in lines
            if other is not line
        }
        shared = {k: v for k, v in shared.items() if v}
        holder_parties = parties_of(directory, line.holder)
        out_lines.append(
            {
                "line_id": line.line_id,
                "brand": line.params.brand,
                "status": line.status,
                "started": "before_scenario" if line.start < period[0] else "during_scenario",
                "start_utc": iso(line.start),
                "numbers": chain_out,
                "holder": {
                    "numbers": [numbers[p] for p in holder_parties],
                    "imeis": [m for p in holder_parties for m in tracker.imeis_of(p, directory)],
                    "home_cell_id": cells.ids[int(pop.home[line.holder])],
                },
                "holder_numbers": [numbers[p] for p in holder_parties],
                "runners": [
                    {
                        "number": person_numbers(r.person)[0],
                        "numbers": person_numbers(r.person),
                        "under_18": r.under_18,
                        "base": r.base,
                        "home_cell_id": cells.ids[int(pop.home[r.person])],
                        "county_nights": int(r.in_county.sum()),
                        "stints": _stints(r.in_county, cfg.start) if r.base == "hub" else [],
                    }
                    for r in line.runners
                ],
                "customers": sorted(numbers[p] for p in line.seen_customers),
                "cuckooed_addresses": [
                    {
                        "cell_id": cells.ids[ck.cell],
                        "occupant_number": person_numbers(ck.occupant)[0],
                        "from_utc": iso(max(ck.start, period[0])),
                        "to_utc": iso(min(ck.end, period[1])),
                    }
                    for ck in line.cuckoos
                ],
                "rivals": sorted(shared),
                "customers_shared_with": shared,
                "customers_joined_from_closed_lines": len(line.joined_from),
            }
        )

    decoy_out: list[dict[str, Any]] = []
    for d in decoys:
        entry: dict[str, Any] = {
            "number": numbers[d.party],
            "kind": d.kind,
            "name": d.name,
            "area": AREA_NAMES.get(d.area, "national"),
            "number_kind": KIND_NAMES[directory.kind[d.party]],
        }
        if d.subtype:
            entry["subtype"] = d.subtype
        decoy_out.append(entry)
    for area, parties in (
        ("hub", services.hub),
        ("county", services.county),
        ("national", services.national),
    ):
        for p in parties.tolist():
            decoy_out.append({"number": numbers[p], "kind": "service", "area": area})
    line_people = {ln.holder for ln in lines} | {r.person for ln in lines for r in ln.runners}
    for kind, mask in (
        ("heavy_social", pop.heavy),
        ("commuter", pop.commuter),
        ("visitor", pop.visitor > 0),
    ):
        for person in np.flatnonzero(mask[: pop.n_people]).tolist():
            if person in line_people:
                continue
            for number in person_numbers(person):
                decoy_out.append(
                    {"number": number, "kind": kind, "area": AREA_NAMES[int(pop.area[person])]}
                )
    party_lines: dict[int, list[str]] = {}
    for line in lines:
        for p in line.seen_customers:
            party_lines.setdefault(p, []).append(line.line_id)
    for p, ids in sorted(party_lines.items()):
        if len(ids) > 1:
            decoy_out.append({"number": numbers[p], "kind": "multi_line_customer", "lines": ids})

    return {
        "format": FORMAT,
        "version": VERSION,
        "seed": cfg.seed,
        "template": cfg.template,
        "period": {
            "start_utc": iso(period[0]),
            "end_utc": iso(period[1]),
            "days": cfg.days,
            "first_local_day": cfg.start.isoformat(),
        },
        "hub": {"name": cfg.hub.name, "cell_prefix": cfg.hub.prefix},
        "county": {"name": cfg.county.name, "cell_prefix": cfg.county.prefix},
        "lines": out_lines,
        "decoys": decoy_out,
        "background": {
            "people": pop.n_people,
            "hub_people": int((pop.area[: pop.n_people] == 0).sum()),
            "county_people": int((pop.area[: pop.n_people] == 1).sum()),
            "numbers": len(numbers),
            "handsets": len(directory.imeis),
            "social_ties": int(pop.nbr.size // 2),
            "cells": len(cells.ids),
        },
        "events": counts,
    }


def load_truth(path: Path) -> dict[str, Any]:
    """Read a truth.json of any readable version (1 or 2).

    Raises:
        ValueError: naming the file, if it is not a scenario truth or its version is
            newer than this program reads.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a scenario truth (format is not {FORMAT!r})")
    if data.get("version") not in READABLE_VERSIONS:
        raise ValueError(
            f"{path}: truth version {data.get('version')!r} is not one this program reads "
            f"({', '.join(map(str, READABLE_VERSIONS))})"
        )
    return data
