"""Deal-line score per number, with the evidence behind it in an analyst's words.

Pure: number features in (rows of ``number_features`` with dispatch counts,
see :mod:`countylines.analysis.contacts`), scores out. The score advises:
the analyst decides.

Each *indicator* turns one figure into a strength in [0, 1] (linear between
``low`` and ``high`` in ``score.indicators``). Figures about calling habits
are compared with what is *typical in the same data* (the median over the
numbers being scored), so the score holds whether a population talks for a
minute or ten: a town's call culture, a carrier's rounding, a study's
handsets. Indicators:

* ``short_calls``: mean length of calls received, against the typical;
* ``regular_customers``: contacts a week from each repeat contact, against
  the typical;
* ``passes_orders``: share of its incoming contacts that it passed on within
  the dispatch window to its five main partners (an order in, a text out to
  the runner);
* ``bulk_marketing``: bulk texts sent;
* ``marketing_answered``: share of bulk-text recipients who contacted it;
* ``strangers``: clustering among its contacts (context only).

Two *patterns* describe a deal line (NCA; DOMAIN.md): one that **markets**
to customers who answer and order briefly, and one that **takes orders and
passes them on** to runners. A pattern applies only when its required
indicators all show (strength above 0); its score is the weighted mean
strength of its indicators, 0-100. A number's score is its best pattern's; it is
flagged at ``threshold`` with at least ``min_counterparties_in`` callers.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from countylines.analysis.settings import ContactSettings, ScoreSettings


@dataclass(frozen=True)
class Evidence:
    """One reason behind a score: the indicator, a sentence, its strength and points.

    ``points`` is the indicator's contribution to the number's best pattern
    (0 when it is context, or not part of that pattern).
    """

    indicator: str
    sentence: str
    strength: float
    points: float


@dataclass(frozen=True)
class NumberScore:
    """A number's deal-line score (0-100), the pattern behind it, and its evidence."""

    number: str
    score: float
    flagged: bool
    pattern: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    features: Mapping[str, Any] = field(default_factory=dict)

    def sentences(self) -> list[str]:
        """The pattern, then the evidence, strongest contribution first, each with the
        points it gave to the score (context sentences give none)."""
        head = [f"pattern: {self.pattern} (score {self.score:.0f})"] if self.pattern else []
        return head + [
            f"{e.sentence} (+{e.points:.0f} points)" if e.points >= 0.5 else e.sentence
            for e in self.evidence
        ]


@dataclass(frozen=True)
class Typical:
    """What is typical among the numbers scored: medians of the compared figures."""

    call_seconds: float | None
    contacts_per_week: float | None

    @classmethod
    def of(cls, rows: Iterable[Mapping[str, Any]]) -> Typical:
        """Medians over ``rows`` (numbers with enough callers to be scored)."""
        calls, weekly = [], []
        for f in rows:
            if f["calls_in"]:
                calls.append(float(f["call_seconds_in"] or 0) / f["calls_in"])
            if f["repeat_inbound"]:
                weekly.append(_per_contact_week(f))
        return cls(
            statistics.median(calls) if calls else None,
            statistics.median(weekly) if weekly else None,
        )


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "an unknown time"
    if seconds < 90:
        return f"{int(seconds)} seconds"
    return f"{round(seconds / 60)} minutes"


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _weeks(f: Mapping[str, Any]) -> float:
    first, last = f.get("first_seen"), f.get("last_seen")
    if first is None or last is None:
        return 1.0
    seconds: float = (last - first).total_seconds()
    return max(1.0, seconds / (7 * 86400))


def _per_contact_week(f: Mapping[str, Any]) -> float:
    return _share(float(f["repeat_inbound_events"] or 0), f["repeat_inbound"]) / _weeks(f)


def indicator_figures(
    f: Mapping[str, Any],
    clustering: float | None,
    typical: Typical,
    contact: ContactSettings,
) -> dict[str, tuple[float, str]]:
    """Each indicator's figure and the sentence that states it, for one number.

    Indicators whose figure cannot be known (no calls received, nothing
    typical to compare with, clustering unknown) are left out.
    """
    figures: dict[str, tuple[float, str]] = {}
    calls_in = int(f["calls_in"] or 0)
    if calls_in and typical.call_seconds:
        mean = float(f["call_seconds_in"] or 0) / calls_in
        ratio = mean / typical.call_seconds
        figures["short_calls"] = (
            ratio,
            f"the {calls_in} calls it received lasted {mean:.0f} seconds on average, "
            f"{ratio:.2f} times the {typical.call_seconds:.0f} seconds typical here",
        )
    repeat = int(f["repeat_inbound"] or 0)
    if repeat and typical.contacts_per_week:
        weekly = _per_contact_week(f)
        ratio = weekly / typical.contacts_per_week
        figures["regular_customers"] = (
            ratio,
            f"its {repeat} repeat contacts contacted it {weekly:.1f} times a week each, "
            f"{ratio:.1f} times the typical {typical.contacts_per_week:.1f}",
        )
    events_in = int(f["events_in"] or 0)
    passed = int(f.get("dispatches_top5") or 0)
    passed_share = _share(passed, events_in)
    figures["passes_orders"] = (
        passed_share,
        f"{passed} of its {events_in} incoming contacts ({passed_share:.0%}) were followed "
        f"within {contact.dispatch_window_s // 60} minutes by a contact to one of its five "
        "main partners",
    )
    bulk = int(f["bulk_texts"] or 0)
    if bulk:
        low, high = f["bulk_recipients_min"], f["bulk_recipients_max"]
        span = "" if low == high else f"–{high}"  # noqa: RUF001 (a range, as analysts write it)
        bulk_text = (
            f"sent {bulk} bulk text{'s' if bulk != 1 else ''} to {low}{span} recipients, "
            f"each within {_minutes(f['bulk_span_max_s'])}"
        )
    else:
        bulk_text = f"sent no bulk texts (largest burst: {f['bursts_max_recipients']} recipients)"
    figures["bulk_marketing"] = (float(bulk), bulk_text)
    recipients, answered = int(f["bulk_recipients"] or 0), int(f["bulk_recipients_inbound"] or 0)
    answered_share = _share(answered, recipients)
    figures["marketing_answered"] = (
        answered_share,
        f"{answered} of {recipients} bulk-text recipients ({answered_share:.0%}) also contacted it"
        if recipients
        else "no bulk-text recipients to answer it",
    )
    inbound = int(f["counterparties_in"] or 0)
    reciprocated = _share(f["reciprocated"], f["counterparties"])
    figures["inbound_breadth"] = (
        float(inbound),
        f"{inbound} distinct numbers contacted it; {reciprocated:.0%} of all its contacts "
        "went both ways",
    )
    if clustering is not None:
        figures["strangers"] = (
            clustering,
            f"{clustering:.1%} of the possible links among its contacts (those seen with "
            "others) exist",
        )
    return figures


def score_number(
    features: Mapping[str, Any],
    clustering: float | None,
    typical: Typical,
    settings: ScoreSettings,
    contact: ContactSettings,
) -> NumberScore:
    """Score one number from its features (a ``number_features`` row with dispatches).

    Raises:
        KeyError: if a pattern names an indicator the settings do not define
            (settings are validated on load, so only hand-made settings can).
    """
    figures = indicator_figures(features, clustering, typical, contact)
    strengths = {
        name: indicator.strength(figures[name][0])
        for name, indicator in settings.indicators.items()
        if name in figures
    }
    best_name, best_score, best_points = None, 0.0, {}
    for name, pattern in settings.patterns.items():
        if any(strengths.get(r, 0.0) <= 0.0 for r in pattern.requires):
            continue  # a defining habit of the pattern is not there (or cannot be seen)
        known = {k: w for k, w in pattern.weights.items() if k in strengths}
        total = sum(known.values()) or 1.0
        points = {k: 100 * w * strengths[k] / total for k, w in known.items()}
        score = sum(points.values())
        if score > best_score:
            best_name, best_score, best_points = name, score, points
    evidence = [
        Evidence(name, figures[name][1], strengths.get(name, 0.0), best_points.get(name, 0.0))
        for name in figures
    ]
    evidence.sort(key=lambda e: (-e.points, -e.strength, e.indicator))
    score = round(best_score, 1)
    flagged = (
        score >= settings.threshold
        and int(features["counterparties_in"] or 0) >= settings.min_counterparties_in
    )
    label = settings.patterns[best_name].label if best_name else None
    return NumberScore(str(features["number"]), score, flagged, label, evidence, dict(features))


def score_numbers(
    rows: Iterable[Mapping[str, Any]],
    clustering: Mapping[str, float],
    settings: ScoreSettings,
    contact: ContactSettings,
) -> list[NumberScore]:
    """Score every number with enough inbound contacts to be a line; highest first.

    What is typical is taken over the same numbers.
    """
    rows = list(rows)
    return score_numbers_with(rows, rows, clustering, settings, contact)


def score_numbers_with(
    rows: Iterable[Mapping[str, Any]],
    population: Iterable[Mapping[str, Any]],
    clustering: Mapping[str, float],
    settings: ScoreSettings,
    contact: ContactSettings,
) -> list[NumberScore]:
    """Score ``rows`` against what is typical in ``population`` (both filtered to numbers
    with enough callers to be a line); highest first."""

    def eligible(items: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        floor = settings.min_counterparties_in
        return [r for r in items if int(r["counterparties_in"] or 0) >= floor]

    typical = Typical.of(eligible(population))
    scores = [
        score_number(row, clustering.get(str(row["number"])), typical, settings, contact)
        for row in eligible(rows)
    ]
    return sorted(scores, key=lambda s: (-s.score, s.number))
