"""Threat / harm / risk priority, MoRiLE-style: every score with its evidence.

Targets are chosen "on their level of threat, harm and risk". MoRiLE
(Management of Risk in Law Enforcement, NPCC) scores *harm* by type
(physical, psychological, financial, community) weighted by geographic scope
and victim vulnerability, times *likelihood*; *confidence* reflects the
quality of the intelligence, and *organisational position* the capacity and
capability to act. The national numeric scales are not public, so the
figures here come from ``config/priority.yaml`` (each with its reason).

Arithmetic (all scores 0-100; see docs/priority.md for a worked example)::

    harm       = min(100, sum(harm points) x scope multiplier x vulnerability multiplier)
    likelihood = clamp(status points + trend points + detection points)
    confidence = clamp(call-data base x detection/100 + sum(report points))
    position   = clamp(sum(position points))
    score      = harm x likelihood/100
                   x (cf + (1-cf) x confidence/100) x (pf + (1-pf) x position/100)

A report's points are ``per_report_points x source weight x intelligence
weight x 0.5 ** (age_days / half_life_days)``; weights come from its own
scheme (3x5x2 or legacy 5x5x5, never converted). Possible victims (runners,
occupants of cuckooed addresses) get a *safeguarding* priority from
:func:`score_possible_victim`, never a threat score.

Pure functions: facts in, :class:`Priority` out; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from countylines.analysis.priority_settings import PrioritySettings
from countylines.domain.grading import SCHEME_3X5X2

#: Indicator names carried by :class:`IntelEvidence` (from text extraction or subjects).
WEAPON, VIOLENCE, CHILD, CUCKOOING, VULNERABLE_ADULT = (
    "weapon",
    "violence",
    "child",
    "cuckooing",
    "vulnerable adult",
)


@dataclass(frozen=True)
class IntelEvidence:
    """One intelligence report as scoring sees it.

    Attributes:
        urn: the report's reference.
        report_date: date of the report.
        scheme: ``3x5x2`` or ``5x5x5``; grades are codes of that scheme.
        indicators: what the report says, among WEAPON, VIOLENCE, CHILD,
            CUCKOOING, VULNERABLE_ADULT.
        summary: a short excerpt for the evidence line.
        child_signs: the words that suggest a child, as written (see
            :func:`countylines.analysis.intel_links.child_signs`).
    """

    urn: str
    report_date: dt.date
    scheme: str
    source_grade: str
    intelligence_grade: str
    handling_code: str
    indicators: frozenset[str] = frozenset()
    summary: str = ""
    child_signs: tuple[str, ...] = ()

    @property
    def grading(self) -> str:
        """The grading as written, e.g. ``1A P`` or ``B2 4``."""
        return f"{self.source_grade}{self.intelligence_grade} {self.handling_code}"

    @property
    def usable(self) -> bool:
        """May be used lawfully: 3x5x2 P or C; 5x5x5 handling 1-3."""
        if self.scheme == SCHEME_3X5X2:
            return self.handling_code in {"P", "C"}
        return self.handling_code in {"1", "2", "3"}


@dataclass(frozen=True)
class Contribution:
    """One factor's part in a score: points (or a multiplier) and the evidence."""

    dimension: str  # harm | likelihood | confidence | position | vulnerability
    factor: str
    points: float
    evidence: str
    source: str = "call data"
    multiplier: float | None = None


@dataclass
class Priority:
    """A threat/harm/risk score with its parts and every contribution.

    ``kind`` is ``threat`` for lines, line holders and places, and
    ``safeguarding`` for possible victims (whose ``score`` is a
    vulnerability score: how urgently they need help, not a target score).
    """

    kind: str
    score: float
    band: str
    harm: float
    likelihood: float
    confidence: float
    position: float
    contributions: list[Contribution] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (numbers rounded to 0.1)."""
        data = asdict(self)
        for key in ("score", "harm", "likelihood", "confidence", "position"):
            data[key] = round(data[key], 1)
        for c in data["contributions"]:
            c["points"] = round(c["points"], 2)
            if c["multiplier"] is None:
                del c["multiplier"]
        return data


@dataclass(frozen=True)
class LineFacts:
    """What is known of one deal line, for scoring.

    Attributes:
        detection_score: the call-data pattern's score, 0-100.
        status: ``active``, ``dormant`` or ``closed``.
        customers: distinct customers.
        runners: runner numbers.
        child_runners: runner numbers that intelligence says are children.
        cuckooed_addresses: possible cuckooed addresses.
        holder_identified: a line holder was found in call data.
        holder_from_away: the holder operates from outside the market area.
        numbers_active: numbers of the line in use at the end of the data.
        events_recent / events_before: the line's events in the last
            ``trend_window_days`` and the same span before it.
        market_lsoas_in_area: LSOAs of the loaded area where the line trades
            (None when no geography is loaded).
        market_lsoas_top_decile: of those, how many are in the area's busiest
            tenth for drug crime.
        intel: reports linked to the line.
    """

    line_id: str
    label: str
    detection_score: float
    status: str
    customers: int
    runners: Sequence[str]
    child_runners: Sequence[str]
    cuckooed_addresses: int
    holder_identified: bool
    holder_from_away: bool
    numbers_active: int
    events_recent: int
    events_before: int
    market_lsoas_in_area: int | None
    market_lsoas_top_decile: int
    intel: Sequence[IntelEvidence]


def clamp(value: float) -> float:
    """``value`` limited to 0-100."""
    return max(0.0, min(100.0, value))


def report_weight(
    report: IntelEvidence, as_of: dt.date, settings: PrioritySettings
) -> tuple[float, str]:
    """Weight of one report (-1..1) and its explanation.

    ``source weight x intelligence weight x 0.5 ** (age / half-life)``, with
    the weights of the report's own scheme; reports dated after ``as_of``
    count as new (age 0).

    Raises:
        KeyError: for a code the settings do not weigh (cannot happen for a
            report that passed ingest validation).
    """
    c = settings.confidence
    if report.scheme == SCHEME_3X5X2:
        src, intel = c.source_3x5x2, c.intelligence_3x5x2
    else:
        src, intel = c.source_5x5x5, c.intelligence_5x5x5
    age = max(0, (as_of - report.report_date).days)
    decay = 0.5 ** (age / c.half_life_days)
    weight = src[report.source_grade] * intel[report.intelligence_grade] * decay
    why = (
        f"graded {report.grading} ({report.scheme}): source x{src[report.source_grade]:g}, "
        f"intelligence x{intel[report.intelligence_grade]:g}, {age} days old x{decay:.2f}"
    )
    return weight, why


def band(score: float, settings: PrioritySettings) -> str:
    """``high``, ``medium`` or ``low`` by the configured bounds."""
    bands = settings.priority.bands
    if score >= bands.high:
        return "high"
    if score >= bands.medium:
        return "medium"
    return "low"


#: Words for how urgently a possible victim needs help (never the threat bands' words).
SAFEGUARDING_BANDS = ("urgent", "soon", "routine")


def safeguarding_band(score: float, settings: PrioritySettings) -> str:
    """``urgent``, ``soon`` or ``routine``, at the same bounds as the threat bands."""
    bands = settings.priority.bands
    if score >= bands.high:
        return "urgent"
    if score >= bands.medium:
        return "soon"
    return "routine"


def combine(
    harm: float, likelihood: float, confidence: float, position: float, s: PrioritySettings
) -> float:
    """Risk (harm x likelihood) scaled by confidence and organisational position."""
    cf, pf = s.priority.confidence_floor, s.priority.position_floor
    return (
        harm
        * likelihood
        / 100.0
        * (cf + (1 - cf) * confidence / 100.0)
        * (pf + (1 - pf) * position / 100.0)
    )


def confidence_from(
    detection_score: float,
    intel: Iterable[IntelEvidence],
    as_of: dt.date,
    settings: PrioritySettings,
    what: str = "the call-data pattern",
) -> tuple[float, list[Contribution]]:
    """Confidence (0-100) from call data and linked reports, with contributions."""
    c = settings.confidence
    parts = [
        Contribution(
            "confidence",
            "call data",
            c.call_data_base * detection_score / 100.0,
            f"{what} scores {detection_score:.0f}/100 "
            f"(x{c.call_data_base:g}/100 points: call data is fact, its reading inference)",
        )
    ]
    for report in sorted(intel, key=lambda r: (r.report_date, r.urn)):
        weight, why = report_weight(report, as_of, settings)
        parts.append(
            Contribution(
                "confidence",
                "intelligence report",
                c.per_report_points * weight,
                f"{why}: {report.summary}" if report.summary else why,
                source=report.urn,
            )
        )
    return clamp(sum(p.points for p in parts)), parts


def _capped(points: float, cap: float) -> float:
    return min(points, cap)


def score_line(facts: LineFacts, as_of: dt.date, settings: PrioritySettings) -> Priority:
    """Threat/harm/risk priority of one deal line, with every contribution.

    ``as_of`` is the date reports are aged against (the end of the call data).
    """
    h = settings.harm
    harm_parts: list[Contribution] = [
        Contribution(
            "harm",
            "class A supply (physical, community)",
            h.class_a_supply,
            "a deal line: county lines supply heroin and crack cocaine",
        ),
        Contribution(
            "harm",
            "market size (financial, community)",
            _capped(h.per_customer * facts.customers, h.max_customers),
            f"{facts.customers} customers x {h.per_customer:g} (cap {h.max_customers:g})",
        ),
    ]
    if facts.runners:
        harm_parts.append(
            Contribution(
                "harm",
                "exploited runners (psychological, physical)",
                _capped(h.per_runner * len(facts.runners), h.max_runners),
                f"{len(facts.runners)} runners x {h.per_runner:g} (cap {h.max_runners:g})",
            )
        )
    if facts.cuckooed_addresses:
        harm_parts.append(
            Contribution(
                "harm",
                "cuckooed addresses (psychological, financial, community)",
                _capped(h.per_cuckooed_address * facts.cuckooed_addresses, h.max_cuckooed),
                f"{facts.cuckooed_addresses} possible cuckooed addresses x "
                f"{h.per_cuckooed_address:g} (cap {h.max_cuckooed:g})",
            )
        )
    harm_parts += _report_harm(
        facts.intel, WEAPON, "weapons (physical)", h.weapon_report, h.max_weapons, as_of, settings
    )
    harm_parts += _report_harm(
        facts.intel,
        VIOLENCE,
        "violence (physical, psychological)",
        h.violence_report,
        h.max_violence,
        as_of,
        settings,
    )
    if facts.market_lsoas_in_area:
        share = facts.market_lsoas_top_decile / facts.market_lsoas_in_area
        harm_parts.append(
            Contribution(
                "harm",
                "drug-crime hotspots (community)",
                h.community_drug_crime * share,
                f"{facts.market_lsoas_top_decile} of the {facts.market_lsoas_in_area} LSOAs "
                "where it trades are in the area's busiest tenth for recorded drug crime",
                source="police.uk",
            )
        )
    base = sum(p.points for p in harm_parts)
    multiplier = 1.0
    if facts.holder_from_away:
        multiplier *= h.scope_cross_border
        harm_parts.append(
            Contribution(
                "harm",
                "geographic scope",
                0.0,
                "the line holder operates from outside the market area (cross-border)",
                multiplier=h.scope_cross_border,
            )
        )
    if facts.child_runners:
        multiplier *= h.child_victim
        harm_parts.append(
            Contribution(
                "harm",
                "victim vulnerability: child",
                0.0,
                f"intelligence says {len(facts.child_runners)} runner(s) may be children",
                source=", ".join(_urns(facts.intel, CHILD)) or "intelligence",
                multiplier=h.child_victim,
            )
        )
    elif facts.cuckooed_addresses or any(VULNERABLE_ADULT in r.indicators for r in facts.intel):
        multiplier *= h.vulnerable_adult
        harm_parts.append(
            Contribution(
                "harm",
                "victim vulnerability: vulnerable adult",
                0.0,
                "a vulnerable adult's home is used or a vulnerable adult is exploited",
                multiplier=h.vulnerable_adult,
            )
        )
    harm = clamp(base * multiplier)

    like = settings.likelihood
    like_parts = [
        Contribution(
            "likelihood",
            "status",
            like.status[facts.status],
            f"the line is {facts.status} at the end of the call data",
        ),
        _trend(facts.events_recent, facts.events_before, like.trend_points, like.trend_window_days),
        Contribution(
            "likelihood",
            "pattern strength",
            like.detection_points * facts.detection_score / 100.0,
            f"detection score {facts.detection_score:.0f}/100 x {like.detection_points:g}/100",
        ),
    ]
    likelihood = clamp(sum(p.points for p in like_parts))

    confidence, conf_parts = confidence_from(facts.detection_score, facts.intel, as_of, settings)
    pos_parts = _position(facts, settings)
    position = clamp(sum(p.points for p in pos_parts))
    score = combine(harm, likelihood, confidence, position, settings)
    return Priority(
        "threat",
        score,
        band(score, settings),
        harm,
        likelihood,
        confidence,
        position,
        harm_parts + like_parts + conf_parts + pos_parts,
    )


def _urns(intel: Iterable[IntelEvidence], indicator: str) -> list[str]:
    return sorted({r.urn for r in intel if indicator in r.indicators})


def _report_harm(
    intel: Iterable[IntelEvidence],
    indicator: str,
    factor: str,
    per_report: float,
    cap: float,
    as_of: dt.date,
    settings: PrioritySettings,
) -> list[Contribution]:
    """One contribution per report with ``indicator``, weighted, capped in total."""
    parts: list[Contribution] = []
    room = cap
    for report in sorted(intel, key=lambda r: (r.report_date, r.urn)):
        if indicator not in report.indicators or room <= 0:
            continue
        weight, why = report_weight(report, as_of, settings)
        points = min(room, max(0.0, per_report * weight))
        if points <= 0:
            continue
        room -= points
        parts.append(Contribution("harm", factor, points, f"{why}: {report.summary}", report.urn))
    return parts


def _trend(recent: int, before: int, points: float, window: int) -> Contribution:
    """+points when activity doubled over the last window, -points when it halved."""
    if recent == 0 and before == 0:
        value, what = 0.0, "no events in the last two windows"
    elif before == 0:
        value, what = points, "new activity"
    else:
        ratio = recent / before
        value = max(
            -points,
            min(points, points * (ratio - 1.0) if ratio >= 1 else points * (ratio - 1.0) * 2),
        )
        what = f"{ratio:.2f} times the events of the {window} days before"
    return Contribution(
        "likelihood",
        "activity trend",
        value,
        f"{recent} events in the last {window} days, {before} in the {window} before: {what}",
    )


def _position(facts: LineFacts, settings: PrioritySettings) -> list[Contribution]:
    p = settings.position
    parts: list[Contribution] = []
    if facts.holder_identified:
        parts.append(
            Contribution(
                "position",
                "line holder identified",
                p.holder_identified,
                "a line holder was found in call data: a Type 1 closure (holder charged) is "
                "possible",
            )
        )
    if facts.numbers_active:
        parts.append(
            Contribution(
                "position",
                "numbers active",
                p.numbers_active,
                f"{facts.numbers_active} line number(s) in use: a Type 2 closure (number "
                "deactivated) is possible",
            )
        )
    if facts.market_lsoas_in_area:
        parts.append(
            Contribution(
                "position",
                "market in the area",
                p.market_in_area,
                f"trades in {facts.market_lsoas_in_area} LSOA(s) of the loaded area",
                source="geography",
            )
        )
    usable = [r.urn for r in facts.intel if r.usable]
    if usable:
        parts.append(
            Contribution(
                "position",
                "usable intelligence",
                p.usable_intelligence,
                f"{len(usable)} linked report(s) may be used lawfully (handling permits)",
                source=", ".join(usable[:5]) + (" ..." if len(usable) > 5 else ""),
            )
        )
    return parts


def score_holder(
    line_priority: Priority,
    detection_score: float,
    line_label: str,
    reason: str,
    intel: Sequence[IntelEvidence],
    as_of: dt.date,
    settings: PrioritySettings,
) -> Priority:
    """Threat priority of a line holder: the line's harm, likelihood and position.

    Confidence is the holder's own: the call-data inference (taken as strong
    as the line's pattern) plus reports on the holder's numbers.
    """
    confidence, conf_parts = confidence_from(
        detection_score,
        intel,
        as_of,
        settings,
        "the line's pattern (the holder is inferred from contact with its runners)",
    )
    parts = [
        Contribution("harm", f"controls {line_label}", line_priority.harm, reason),
        Contribution(
            "likelihood", f"{line_label} likelihood", line_priority.likelihood, "as the line's"
        ),
        *conf_parts,
        Contribution("position", f"{line_label} position", line_priority.position, "as the line's"),
    ]
    score = combine(
        line_priority.harm, line_priority.likelihood, confidence, line_priority.position, settings
    )
    return Priority(
        "threat",
        score,
        band(score, settings),
        line_priority.harm,
        line_priority.likelihood,
        confidence,
        line_priority.position,
        parts,
    )


def score_possible_victim(
    *,
    runner: bool,
    child_evidence: Sequence[IntelEvidence],
    nights_away: int,
    weapons_around: Sequence[IntelEvidence],
    cuckooed_nights: int,
    line_status: str,
    intel: Sequence[IntelEvidence],
    as_of: dt.date,
    settings: PrioritySettings,
) -> Priority:
    """Safeguarding priority of a possible victim (runner or cuckooed occupant).

    The score is how urgently they may need help: vulnerability points
    (exploitation, child, moved from home, weapons around, home taken over,
    nights) times likelihood (is the line still active) - never a target score.
    """
    v = settings.vulnerability
    parts: list[Contribution] = []
    if runner:
        parts.append(
            Contribution(
                "vulnerability",
                "exploited runner",
                v.exploited_runner,
                "runs for a deal line: criminal exploitation",
            )
        )
    if child_evidence:
        parts.append(
            Contribution(
                "vulnerability",
                "possible child",
                v.child,
                "; ".join(f"{r.urn}: {r.summary}" for r in child_evidence[:3]),
                source=", ".join(r.urn for r in child_evidence),
            )
        )
    if nights_away:
        parts.append(
            Contribution(
                "vulnerability",
                "moved from home",
                v.moved_from_home,
                f"{nights_away} nights away from its home area (trafficking indicator)",
            )
        )
    if weapons_around:
        parts.append(
            Contribution(
                "vulnerability",
                "weapons around",
                v.weapons_around,
                "weapons reported around the line",
                source=", ".join(r.urn for r in weapons_around[:5]),
            )
        )
    if cuckooed_nights:
        parts.append(
            Contribution(
                "vulnerability",
                "home taken over",
                v.cuckooed_home,
                "a line's runners stay at the address",
            )
        )
        parts.append(
            Contribution(
                "vulnerability",
                "nights",
                min(v.max_nights, v.per_night * cuckooed_nights),
                f"{cuckooed_nights} nights x {v.per_night:g} (cap {v.max_nights:g})",
            )
        )
    harm = clamp(sum(p.points for p in parts))
    likelihood = settings.likelihood.status[line_status] / settings.likelihood.status["active"]
    likelihood = clamp(100 * likelihood)
    parts.append(
        Contribution(
            "likelihood",
            "line status",
            likelihood,
            f"the line is {line_status} (as a share of an active line's likelihood)",
        )
    )
    confidence, conf_parts = confidence_from(100.0, intel, as_of, settings, "the role in call data")
    score = harm * likelihood / 100.0
    return Priority(
        "safeguarding",
        score,
        safeguarding_band(score, settings),
        harm,
        likelihood,
        confidence,
        0.0,
        parts + conf_parts,
    )
