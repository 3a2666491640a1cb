"""Graded intelligence reports for a scenario: intel.csv and its truth.

Real intelligence is never public, so a scenario also writes the reports an
intelligence log would hold about it, in the layout ``countylines ingest
intel`` reads (docs/intelligence.md), with truth.json saying what each report
refers to and whether it is right (docs/simulate.md, "Intelligence reports").

How a scenario's reports are made (all from stream ``intel``: the call data's
streams are never touched, so calls*.csv stay byte-identical):

1. The facts behind the reports are drawn from the truth
   (:mod:`~countylines.simulate.intel_world`).
2. Per line, 8-25 reports (more for lines with more runners and addresses):
   first the line's deal number, a cuckooed address and a child runner, then
   topics drawn by weight (:data:`~countylines.simulate.intel_topics.LINE_TOPICS`);
   each gets a provenance and a 3x5x2 grading, and is right with the chance
   its grading implies (:mod:`~countylines.simulate.intel_grading`), else it
   carries one mistake. Each line also has 0-2 legacy 5x5x5 records years old.
3. Noise, 20-40 % as many again: innocent numbers accused, customers said to
   deal, stale numbers, vague reports (graded given their accuracy), and
   near-duplicates (a quarter of the noise) repeating an earlier report's
   facts in other words, days later.
4. Each report is written by one of the scenario's authors
   (:mod:`~countylines.simulate.intel_style`), its subjects entered in the
   columns as an analyst would (not always all of them), and given a URN in
   date order (``ESX/INT/23/004512``; ``MPS/IR/2023/01234`` for the Met;
   ``CRIMINT/2019/00871`` for legacy records).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from countylines.simulate.intel_draft import Draft, Writer
from countylines.simulate.intel_grading import (
    Grade,
    accuracy_chance,
    draw_grade,
    draw_grade_given,
    draw_legacy_grade,
    draw_provenance,
)
from countylines.simulate.intel_noise import NOISE_TOPICS, RIGHT_NOISE
from countylines.simulate.intel_style import (
    Author,
    add_typos,
    draw_authors,
    protected_words,
    spell_number,
    spelling,
)
from countylines.simulate.intel_topics import (
    FIRST_TOPICS,
    LINE_TOPICS,
    Unreportable,
    legacy_holder,
)
from countylines.simulate.intel_world import IntelWorld, LineFacts, draw_world
from countylines.simulate.randomness import pick, pick_weighted, stream

INTEL_CSV = "intel.csv"
COLUMNS = (
    "urn", "date", "text", "area", "grading_scheme", "source_grade", "intelligence_grade",
    "handling_code", "handling_conditions", "people", "phones", "addresses", "vehicles",
)  # fmt: skip
MIN_PER_LINE, MAX_PER_LINE = 8, 25
NOISE_SHARE = (0.2, 0.4)
DUPLICATE_SHARE = 0.25  # of the noise
MAX_TRIES = 40
#: Topics reported in London (by the Met, when one of the authors is a Met officer).
MET_TOPICS = frozenset({"holder", "missing_episode"})
#: Opening words by provenance (sanitised: never who the source is).
PREFIXES: dict[str, tuple[str, ...]] = {
    "officer": ("", "", "Officer observation: "),
    "covert_source": ("", "Source reports: "),
    "partner_agency": ("Partner agency information: ", "Referral received: ",
                       "Information from the local authority: "),
    "public": ("Crimestoppers: ", "Call from a member of the public: ", ""),
    "anonymous": ("Anonymous information: ", ""),
    "legacy_record": ("", "Historic record: "),
}  # fmt: skip
#: Closing paragraphs by indicator (first that applies), for authors who write them.
CLOSINGS: tuple[tuple[str, str], ...] = (
    ("child_runner", "Possible victim of child criminal exploitation: refer to the MASH and "
                     "consider a National Referral Mechanism referral."),
    ("vulnerable_adult", "Consider a safeguarding visit to the occupant."),
    ("weapon", "Officer safety: weapon reported."),
    ("deal_line", "Intelligence gap: who holds the line."),
)  # fmt: skip
#: What reports may indicate (truth.json ``indicates``), as documented in docs/simulate.md.
INDICATORS = (
    "deal_line", "line_holder", "runner", "child_runner", "missing_episode", "cuckooing",
    "vulnerable_adult", "weapon", "dog", "cash", "violence", "rivalry", "vehicle",
    "going_country", "number_change", "drug_activity",
)  # fmt: skip
#: The mistakes wrong reports make (truth.json ``error``).
ERRORS = (
    "wrong_number", "wrong_line", "not_a_child", "innocent_address", "no_such_weapon",
    "no_such_dog", "no_such_incident", "wrong_vehicle", "innocent_number",
    "customer_not_dealer", "stale_number",
)  # fmt: skip
#: Roles of mentioned numbers, and the refers_to list they go to.
REFERS_TO = {
    "deal_number": "deal_numbers", "old_deal_number": "deal_numbers",
    "stale_deal_number": "deal_numbers", "holder": "holder_numbers",
    "runner": "runner_numbers", "occupant": "occupant_numbers",
    "customer": "customer_numbers", "decoy": "decoy_numbers",
}  # fmt: skip


@dataclass
class _Planned:
    draft: Draft
    grade: Grade
    author: Author
    fact_seed: int
    topic: str
    line: LineFacts | None
    repeats: _Planned | None = None  # the report repeated
    urn: str = ""


@dataclass(frozen=True)
class Intel:
    """A scenario's reports: ``rows`` (intel.csv, in order) and their truth."""

    world: IntelWorld
    rows: list[dict[str, str]]
    reports: list[dict[str, Any]]

    def truth(self) -> dict[str, Any]:
        """truth.json's ``intel`` section (docs/simulate.md)."""
        indicators: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for r in self.reports:
            indicators.update(r["indicates"])
            if r["accurate"]:
                right.update(r["indicates"])
        return {
            "file": INTEL_CSV,
            **self.world.to_json(),
            "reports": self.reports,
            "counts": {
                "reports": len(self.reports),
                "accurate": sum(1 for r in self.reports if r["accurate"]),
                "about_a_line": sum(1 for r in self.reports if r["line_id"]),
                "repeats": sum(1 for r in self.reports if r["repeats"]),
                "legacy_5x5x5": sum(1 for row in self.rows if row["grading_scheme"] == "5x5x5"),
                "by_indicator": dict(sorted(indicators.items())),
                "accurate_by_indicator": dict(sorted(right.items())),
                "by_error": dict(sorted(Counter(
                    r["error"] for r in self.reports if r["error"]).items())),
            },
        }  # fmt: skip


def draw_intel(truth: Mapping[str, Any], site_names: Mapping[str, str], seed: int) -> Intel:
    """The reports of a scenario (see module doc).

    Args:
        truth: the scenario's truth document (lines, decoys, period).
        site_names: cell id -> site name, as in cells.csv.
        seed: the scenario seed.
    """
    world = draw_world(truth, site_names, stream(seed, "intel", 0))
    rng = stream(seed, "intel", 1)
    authors = draw_authors(rng)
    planned: list[_Planned] = []
    for line in world.lines:
        planned += _line_reports(world, line, authors, rng)
    n_line = len(planned)
    for line in world.lines:
        for _ in range(int(rng.integers(0, 3))):
            grade = draw_legacy_grade(rng)
            accurate = bool(rng.random() < accuracy_chance(grade))
            author = _author(rng, authors, grade.provenance, "legacy_holder")
            seed_f = int(rng.integers(2**62))
            draft = _build(world, "legacy_holder", line, accurate, author, seed_f, rng)
            if draft is not None:
                planned.append(_Planned(draft, grade, author, seed_f, "legacy_holder", line))
    n_noise = round(n_line * rng.uniform(*NOISE_SHARE))
    n_repeat = round(n_noise * DUPLICATE_SHARE)
    for _ in range(n_noise - n_repeat):
        for _ in range(MAX_TRIES):
            topic = pick_weighted(rng, {k: w for k, (_, w) in NOISE_TOPICS.items()})
            grade = draw_grade_given(rng, topic in RIGHT_NOISE)
            author = _author(rng, authors, grade.provenance, topic)
            seed_f = int(rng.integers(2**62))
            draft = _build(world, topic, None, topic in RIGHT_NOISE, author, seed_f, rng)
            if draft is not None:
                planned.append(_Planned(draft, grade, author, seed_f, topic, None))
                break
    for _ in range(min(n_repeat, n_line)):
        i = int(rng.integers(n_line))
        planned.append(_repeat(world, planned[i], authors, rng))
    planned.sort(key=lambda p: p.draft.date)  # stable: equal dates keep drawing order
    _assign_urns(planned, rng)
    rows, reports = [], []
    for p in planned:
        row, report = _finish(p, rng)
        rows.append(row)
        reports.append(report)
    return Intel(world, rows, reports)


def _line_reports(
    world: IntelWorld, line: LineFacts, authors: tuple[Author, ...], rng: np.random.Generator
) -> list[_Planned]:
    n = int(rng.integers(6, 16)) + len(line.runners) + len(line.cuckoos)
    n = min(MAX_PER_LINE, max(MIN_PER_LINE, n))
    weights = {k: w for k, (_, w) in LINE_TOPICS.items()}
    out: list[_Planned] = []
    for k in range(n):
        grade = draw_grade(rng, draw_provenance(rng))
        accurate = bool(rng.random() < accuracy_chance(grade))
        for attempt in range(MAX_TRIES):
            first = k < len(FIRST_TOPICS) and attempt < 3
            topic = FIRST_TOPICS[k] if first else pick_weighted(rng, weights)
            author = _author(rng, authors, grade.provenance, topic)
            seed_f = int(rng.integers(2**62))
            draft = _build(world, topic, line, accurate, author, seed_f, rng)
            if draft is not None:
                out.append(_Planned(draft, grade, author, seed_f, topic, line))
                break
    return out


def _author(
    rng: np.random.Generator, authors: tuple[Author, ...], provenance: str, topic: str
) -> Author:
    """Partners write their own referrals; the Met writes most London reports; the
    county's authors write the rest."""
    by_key = {a.key: a for a in authors}
    if provenance == "partner_agency":
        return by_key["partner_agency"]
    if topic in MET_TOPICS and "met_officer" in by_key and rng.random() < 0.7:
        return by_key["met_officer"]
    return pick(rng, [a for a in authors if a.key not in {"partner_agency", "met_officer"}])


def _build(
    world: IntelWorld, topic: str, line: LineFacts | None, accurate: bool, author: Author,
    fact_seed: int, rng: np.random.Generator,
) -> Draft | None:  # fmt: skip
    """Draft one report (None when the topic has nothing to say)."""
    w = Writer(world, author, np.random.default_rng(fact_seed),
               np.random.default_rng(int(rng.integers(2**62))))  # fmt: skip
    try:
        if line is None:
            return NOISE_TOPICS[topic][0](w)
        fn = legacy_holder if topic == "legacy_holder" else LINE_TOPICS[topic][0]
        return fn(w, line, accurate)
    except Unreportable:
        return None


def _repeat(
    world: IntelWorld, original: _Planned, authors: tuple[Author, ...], rng: np.random.Generator
) -> _Planned:
    """The same facts as ``original`` in other words, by another author, days later."""
    others = [a for a in authors if a.key != original.author.key] or list(authors)
    author = pick(rng, others)
    draft = _build(world, original.topic, original.line, original.draft.accurate, author,
                   original.fact_seed, rng)  # fmt: skip
    if draft is None:  # cannot happen: the same fact seed drafts the same facts again
        raise AssertionError(f"a {original.topic} report could not be drafted again")
    later = draft.date + dt.timedelta(days=int(rng.integers(1, 15)))
    if draft.date <= world.last_day:
        later = min(later, world.last_day)
    draft = replace(draft, date=later)
    grade = draw_grade_given(rng, draft.accurate)
    return _Planned(draft, grade, author, original.fact_seed, original.topic, original.line,
                    repeats=original)  # fmt: skip


def _assign_urns(planned: list[_Planned], rng: np.random.Generator) -> None:
    serial: dict[tuple[str, int], int] = {}
    for p in planned:
        year = p.draft.date.year
        key = (p.draft.force, year)
        if key not in serial:
            serial[key] = int(rng.integers(100, 5000))
        serial[key] += int(rng.integers(1, 30))
        n = serial[key]
        if p.draft.force == "met":
            p.urn = f"MPS/IR/{year}/{n:05d}"
        elif p.draft.force == "legacy":
            p.urn = f"CRIMINT/{year}/{n:05d}"
        else:
            p.urn = f"ESX/INT/{year % 100:02d}/{n:06d}"


def _finish(p: _Planned, rng: np.random.Generator) -> tuple[dict[str, str], dict[str, Any]]:
    """The CSV row and the truth of one report."""
    draft, author, grade = p.draft, p.author, p.grade
    plain = pick(rng, PREFIXES[grade.provenance]) + draft.text
    if author.closing and rng.random() < 0.35:
        closing = next((c for ind, c in CLOSINGS if ind in draft.indicates), None)
        if closing:
            plain += "\n\n" + closing
    written = [author.write(m.plain) for m in draft.mentions]
    text = add_typos(author.write(plain), author.typo_rate, protected_words(written), rng)
    mentions = []
    for m, w in zip(draft.mentions, written, strict=True):
        found = re.search(re.escape(w), text, re.IGNORECASE)
        if found is None:  # a bug in a template or a style, never a property of the data
            raise AssertionError(f"mention {w!r} not in report text {text!r}")
        mentions.append(m.to_json(found.group(0)))
    row = {
        "urn": p.urn,
        "date": author.date(draft.date),
        "text": text,
        "area": draft.area if rng.random() < 0.9 else "",
        "grading_scheme": grade.scheme,
        "source_grade": grade.source,
        "intelligence_grade": grade.intelligence,
        "handling_code": grade.handling,
        "handling_conditions": grade.conditions,
        **_subjects(draft, author, rng),
    }
    refers: dict[str, set[str]] = {}
    for m in draft.mentions:
        number = m.typo_of or m.number
        if number and m.role in REFERS_TO:
            refers.setdefault(REFERS_TO[m.role], set()).add(number)
        if m.cell_id and m.role == "cuckooed_address":
            refers.setdefault("cell_ids", set()).add(m.cell_id)
    report = {
        "urn": p.urn,
        "date": draft.date.isoformat(),
        "line_id": draft.line_id,
        "topic": draft.topic,
        "accurate": draft.accurate,
        "error": draft.error,
        "indicates": list(draft.indicates),
        "mentions": mentions,
        "refers_to": {k: sorted(v) for k, v in sorted(refers.items())},
        "repeats": p.repeats.urn if p.repeats is not None else None,
        "provenance": grade.provenance,
        "author": author.key,
    }
    return row, report


def _subjects(draft: Draft, author: Author, rng: np.random.Generator) -> dict[str, str]:
    """The subject columns as the analyst filled them (each entry kept with the author's
    completeness; phones spelled the author's column way)."""
    out = {}
    for kind in ("people", "phones", "addresses", "vehicles"):
        kept = [v for v in draft.subjects.get(kind, []) if rng.random() < author.completeness]
        if kind == "phones":
            kept = [spell_number(v, spelling(author, rng, column=True)) for v in kept]
        out[kind] = ";".join(kept)
    return out


def write_intel_csv(intel: Intel, path: Path) -> int:
    """Write intel.csv (UTF-8, comma-separated, quoted where needed); returns the rows."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        out.writeheader()
        out.writerows(intel.rows)
    return len(intel.rows)
