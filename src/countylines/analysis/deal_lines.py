"""Deal-line score per number, with the evidence behind it in an analyst's words.

Pure: number features in (rows of ``number_features``, see
:mod:`countylines.analysis.contacts`), scores out. Each indicator of
``score.indicators`` in the detection settings turns one figure into a
strength in [0, 1]; the score is the weighted mean strength on 0-100, and
every indicator contributes a sentence with its figures and its points.
The score advises: the analyst decides.

Indicators (reasons for each default are in ``config/detection.yaml``):

* ``regular_customers``: contacts per week from each repeat customer;
* ``short_calls``: mean length of the calls it received;
* ``bulk_marketing``: bulk texts sent (bursts to many recipients);
* ``strangers``: how little its contacts know each other (clustering);
* ``marketing_answered``: share of bulk-text recipients who contacted it;
* ``repeat_customers``: numbers that contacted it on several days;
* ``inbound_breadth``: distinct numbers that contacted it (context, weight 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from countylines.analysis.settings import ContactSettings, ScoreSettings


@dataclass(frozen=True)
class Evidence:
    """One reason behind a score: the indicator, a sentence, its strength and points."""

    indicator: str
    sentence: str
    strength: float
    points: float


@dataclass(frozen=True)
class NumberScore:
    """A number's deal-line score (0-100) with its evidence, strongest first."""

    number: str
    score: float
    flagged: bool
    evidence: list[Evidence] = field(default_factory=list)
    features: Mapping[str, Any] = field(default_factory=dict)

    def sentences(self) -> list[str]:
        """The evidence as sentences, strongest contribution first (context last)."""
        return [e.sentence for e in self.evidence]


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
    return max(1.0, (last - first).total_seconds() / (7 * 86400))


def indicator_figures(
    f: Mapping[str, Any], clustering: float | None, contact: ContactSettings
) -> dict[str, tuple[float, str]]:
    """Each indicator's figure and the sentence that states it, for one number.

    Indicators whose figure cannot be known (no calls received, clustering
    unknown) are left out.
    """
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
    recipients, answered = int(f["bulk_recipients"] or 0), int(f["bulk_recipients_inbound"] or 0)
    answered_share = _share(answered, recipients)
    answered_text = (
        f"{answered} of {recipients} bulk-text recipients ({answered_share:.0%}) also contacted it"
        if recipients
        else "no bulk-text recipients to answer it"
    )
    inbound = int(f["counterparties_in"] or 0)
    repeat = int(f["repeat_inbound"] or 0)
    reciprocated = _share(f["reciprocated"], f["counterparties"])
    weeks = _weeks(f)
    per_week = _share(float(f["repeat_inbound_events"] or 0), repeat) / weeks
    figures = {
        "regular_customers": (
            per_week,
            f"its {repeat} repeat contacts contacted it {per_week:.1f} times a week each "
            f"on average, over {weeks:.1f} weeks",
        ),
        "bulk_marketing": (float(bulk), bulk_text),
        "marketing_answered": (answered_share, answered_text),
        "repeat_customers": (
            float(repeat),
            f"{repeat} numbers contacted it on {contact.repeat_days} or more days",
        ),
        "inbound_breadth": (
            float(inbound),
            f"{inbound} distinct numbers contacted it; {reciprocated:.0%} of all its "
            "contacts went both ways",
        ),
    }
    calls_in = int(f["calls_in"] or 0)
    if calls_in:
        mean = float(f["call_seconds_in"] or 0) / calls_in
        figures["short_calls"] = (
            mean,
            f"the {calls_in} calls it received lasted {mean:.0f} seconds on average",
        )
    if clustering is not None:
        figures["strangers"] = (
            clustering,
            f"its contacts rarely know each other: {clustering:.1%} of the possible links "
            "among those seen with others exist"
            if clustering < 0.1
            else f"its contacts often know each other: {clustering:.1%} of the possible links "
            "among those seen with others exist",
        )
    return figures


def score_number(
    features: Mapping[str, Any],
    clustering: float | None,
    settings: ScoreSettings,
    contact: ContactSettings,
) -> NumberScore:
    """Score one number from its features (a ``number_features`` row).

    ``clustering`` is the local clustering coefficient among its contacts
    (None when unknown: that indicator then drops out of the weighted mean).
    """
    figures = indicator_figures(features, clustering, contact)
    used = {k: v for k, v in settings.indicators.items() if k in figures}
    total_weight = sum(i.weight for i in used.values()) or 1.0
    evidence = []
    for name, indicator in used.items():
        value, sentence = figures[name]
        strength = indicator.strength(value)
        evidence.append(
            Evidence(name, sentence, strength, 100 * indicator.weight * strength / total_weight)
        )
    evidence.sort(key=lambda e: -e.points)
    score = round(sum(e.points for e in evidence), 1)
    flagged = (
        score >= settings.threshold
        and int(features["counterparties_in"] or 0) >= settings.min_counterparties_in
    )
    return NumberScore(str(features["number"]), score, flagged, evidence, dict(features))


def score_numbers(
    rows: Iterable[Mapping[str, Any]],
    clustering: Mapping[str, float],
    settings: ScoreSettings,
    contact: ContactSettings,
) -> list[NumberScore]:
    """Score every number with enough inbound contacts to be a line; highest first."""
    scores = [
        score_number(row, clustering.get(str(row["number"])), settings, contact)
        for row in rows
        if int(row["counterparties_in"] or 0) >= settings.min_counterparties_in
    ]
    return sorted(scores, key=lambda s: (-s.score, s.number))
