"""The analysts' triage queue of reports from the public, through the audited store.

Every function takes the principal's
:class:`~countylines.security.audited.AuditedStore`, so each read is a logged
**consultation** and each change is logged in the same transaction:

=====================  =====================================================
:func:`queue`          consultation of the list (``public_report_list``)
:func:`detail`         consultation of one report (``public_report``)
:func:`set_thrive`     alteration (THRIVE fields set)
:func:`reject`         alteration (status rejected, with the reason)
:func:`mark_duplicate` combination (linked to the report it repeats)
:func:`accept`         collection of the new intelligence report, and
                       combination of the public report with it
=====================  =====================================================

Reads first release due reports (:func:`countylines.public.intake.release_due`),
whose collection is then logged with actor ``public``. Links to known
material are screened per reader: material in a compartment the reader lacks
is shown only as "held elsewhere — contact the owner" (deconfliction), never
its content.

Accepting makes an :class:`~countylines.store.models.IntelReport` graded
3x5x2 with source **2 (Untested)** — an anonymous member of the public — and
the analyst's intelligence assessment and handling code; its subjects are
the report's phones, registrations, postcodes, streets and nicknames; the
public report keeps a link to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from countylines.domain.grading import GradingError, parse_grading
from countylines.domain.phone import NumberError
from countylines.extract.conclusions import conclusions
from countylines.ingest.intel_checks import normalise_subject
from countylines.public.addresses import compare, house_number_before
from countylines.public.children import same_child
from countylines.public.form import FIELD_BY_NAME, FIELDS
from countylines.public.intake import release_due, report_texts
from countylines.public.links import (
    MAX_LINKS_PER_MENTION,
    Link,
    mention_values,
    picture_links,
)
from countylines.public.models import STATUSES, PublicReport, PublicReportDecision
from countylines.public.suggest import (
    LEVELS,
    THRIVE_FIELDS,
    report_indicators,
    suggest_grading,
    suggest_thrive,
)
from countylines.security.access import (
    HeldElsewhere,
    Principal,
    assigned_compartments,
    held_elsewhere,
    may_see,
)
from countylines.security.audit import record_event
from countylines.security.audited import AuditedStore, ReadContext
from countylines.store.models import IntelGrading, IntelReport, IntelSubject
from countylines.store.picture import load_latest_picture

PictureSource = Callable[[Path], Mapping[str, Any] | None]

MAX_CHILD_CANDIDATES = 2_000
"""Most intelligence reports holding a child's age that one report's age is compared with."""
"""Reads the workspace's newest analysis picture (the web passes its cached reader)."""

MAX_QUEUE = 200
"""Most reports listed at once (``truncated`` says when there are more)."""

MAX_THRIVE_TEXT = 2_000
MAX_NOTE = 2_000

_LEVEL_RANK = {"high": 0, "medium": 1, "low": 2}


class ReportNotFound(LookupError):
    """No such public report, or not yet released to analysts."""

    def __init__(self, reference: str) -> None:
        super().__init__(f"public report {reference}")
        self.reference = reference


class TriageError(Exception):
    """A triage step that cannot be taken: ``errors`` maps each field to its reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ---------------------------------------------------------------- links to known material


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _intel_link(mention_type: str, mention: str, report: IntelReport, reason: str) -> Link:
    return Link(
        mention_type,
        mention,
        "intelligence",
        "intel_report",
        report.urn,
        report.urn,
        reason,
        f"/intel/{report.id}",
        (),
        report.compartment_id,
    )


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


def intel_links(
    session: Session,
    mentions: Sequence[Mapping[str, Any]],
    texts_of: Mapping[str, str] | None = None,
) -> list[Link]:
    """Links of one report's mentions to intelligence reports (see :mod:`.links`).

    ``texts_of`` (field -> text) lets a street be compared with its house number: a report's
    "24 Church Rd" does not link to intelligence on "97 Church Road"
    (:mod:`countylines.public.addresses`).
    """
    found: list[Link] = []

    def subjects(kind: str, condition: Any) -> list[tuple[IntelSubject, IntelReport]]:
        rows = session.execute(
            select(IntelSubject, IntelReport)
            .join(IntelReport, IntelSubject.report_id == IntelReport.id)
            .where(IntelSubject.kind == kind, condition)
            .order_by(IntelReport.report_date.desc(), IntelReport.id.desc())
            .limit(MAX_LINKS_PER_MENTION * 5)
        ).all()
        return [(s, r) for s, r in rows]

    def texts(condition: Any) -> Sequence[IntelReport]:
        return session.scalars(
            select(IntelReport)
            .where(condition)
            .order_by(IntelReport.report_date.desc(), IntelReport.id.desc())
            .limit(MAX_LINKS_PER_MENTION)
        ).all()

    for phone in mention_values(mentions, "phone"):
        for _, report in subjects("phone", IntelSubject.normalised == phone):
            found.append(
                _intel_link("phone", phone, report, f"{report.urn} names {phone} as a subject")
            )
    for vrm in mention_values(mentions, "vrm"):
        for _, report in subjects("vehicle", IntelSubject.normalised == vrm):
            found.append(_intel_link("vrm", vrm, report, f"{report.urn} names the vehicle {vrm}"))
        compact_text = func.upper(func.replace(IntelReport.text, " ", ""))
        for report in texts(compact_text.like(_like(vrm), escape="\\")):
            found.append(
                _intel_link("vrm", vrm, report, f"{report.urn} mentions {vrm} in its text")
            )
    for postcode in mention_values(mentions, "postcode"):
        spaced, compact = postcode.upper(), _compact(postcode)
        for _, report in subjects(
            "address",
            or_(
                func.upper(IntelSubject.value).like(_like(spaced), escape="\\"),
                func.upper(IntelSubject.value).like(_like(compact), escape="\\"),
            ),
        ):
            found.append(
                _intel_link(
                    "postcode", postcode, report, f"{report.urn} names an address in {postcode}"
                )
            )
        upper_text = func.upper(IntelReport.text)
        for report in texts(
            or_(
                upper_text.like(_like(spaced), escape="\\"),
                upper_text.like(_like(compact), escape="\\"),
            )
        ):
            found.append(
                _intel_link(
                    "postcode", postcode, report, f"{report.urn} mentions {postcode} in its text"
                )
            )
    postcodes = frozenset(mention_values(mentions, "postcode"))
    for street, number in _streets_with_numbers(mentions, texts_of or {}):
        name = street.split()[0].upper()
        for subject, report in subjects(
            "address", func.upper(IntelSubject.value).like(_like(name), escape="\\")
        ):
            match = compare(street, number, postcodes, subject.value)
            if not match.same:
                continue
            agreed = [f"number {match.number}"] if match.number else []
            agreed += [match.postcode] if match.postcode else []
            why = f" (same {' and '.join(agreed)})" if agreed else " (the street only)"
            found.append(
                _intel_link(
                    "street",
                    street,
                    report,
                    f"{report.urn} names the address {subject.value!r} on {street}{why}",
                )
            )
        # An address written only in a report's text links when its number or postcode
        # agrees too (a street alone in free text is too common to mean the same house).
        for report in texts(func.upper(IntelReport.text).like(_like(name), escape="\\")):
            match = compare(street, number, postcodes, report.text)
            if match.same and (match.number or match.postcode):
                shared = " and ".join(
                    x
                    for x in (f"number {match.number}" if match.number else "", match.postcode)
                    if x
                )
                found.append(
                    _intel_link(
                        "street",
                        street,
                        report,
                        f"{report.urn} mentions {street} in its text (same {shared})",
                    )
                )
    ages = {int(a) for a in mention_values(mentions, "age") if str(a).isdigit()}
    if ages and texts_of:
        said = " ".join(texts_of.values())
        for age in sorted(ages):
            candidates = session.scalars(
                select(IntelReport)
                .where(IntelReport.text.like(f"%{age}%"))
                .order_by(IntelReport.report_date.desc(), IntelReport.id.desc())
                .limit(MAX_CHILD_CANDIDATES)
            ).all()
            matched = 0
            for report in candidates:
                child = same_child(said, {age}, report.text)
                if child is not None and matched < MAX_LINKS_PER_MENTION:
                    matched += 1
                    found.append(
                        _intel_link(
                            "age",
                            str(child.age),
                            report,
                            f"{report.urn} names {child.name}, {child.age}: the same child? "
                            "(a possible victim: check before acting)",
                        )
                    )
    for nickname in mention_values(mentions, "nickname"):
        bare = nickname.strip("'\"\u2018\u2019\u201c\u201d ").upper()
        if len(bare) < 2:
            continue
        for subject, report in subjects(
            "person", func.upper(IntelSubject.value).like(_like(bare), escape="\\")
        ):
            if subject.value.strip("'\"\u2018\u2019\u201c\u201d ").upper() == bare:
                found.append(
                    _intel_link(
                        "nickname",
                        nickname,
                        report,
                        f"{report.urn} names the person {subject.value!r}",
                    )
                )
    return _unique(found)


def _streets_with_numbers(
    mentions: Sequence[Mapping[str, Any]], texts_of: Mapping[str, str]
) -> list[tuple[str, str | None]]:
    """Each street a report names (its value), with the house number written before it."""
    found: dict[tuple[str, str | None], None] = {}
    for m in mentions:
        if m.get("type") != "street" or not m.get("value"):
            continue
        text = texts_of.get(str(m.get("field", "what")), "")
        start = m.get("start")
        number = house_number_before(text, int(start)) if text and start is not None else None
        found[(str(m["value"]), number)] = None
    return list(found)


def _unique(links: Iterable[Link]) -> list[Link]:
    seen: dict[tuple[str, str, str, str], Link] = {}
    per_mention: dict[tuple[str, str], int] = {}
    for link in links:
        key = (link.mention_type, link.mention, link.target_type, link.target_id)
        mention = (link.mention_type, link.mention)
        if key in seen or per_mention.get(mention, 0) >= MAX_LINKS_PER_MENTION:
            continue
        seen[key] = link
        per_mention[mention] = per_mention.get(mention, 0) + 1
    return list(seen.values())


class _Screen:
    """Decides, per reader, which links are shown and which are "held elsewhere"."""

    def __init__(self, session: Session, principal: Principal | None, links: Sequence[Link]):
        self.session = session
        self.principal = principal
        lines = {i for link in links for i in link.line_ids} | {
            link.target_id for link in links if link.target_type == "line"
        }
        self.lines = assigned_compartments(session, "line", sorted(lines))
        self.own = {
            kind: assigned_compartments(
                session, kind, sorted({x.target_id for x in links if x.target_type == kind})
            )
            for kind in ("nominal", "location")
        }
        self._held: dict[int, HeldElsewhere | None] = {}

    def compartment(self, link: Link) -> int | None:
        if link.target_type == "intel_report":
            return link.compartment_id
        if link.target_type == "line":
            return self.lines.get(link.target_id)
        own = self.own.get(link.target_type, {}).get(link.target_id)
        if own is not None:
            return own
        inherited = [self.lines[i] for i in link.line_ids if i in self.lines]
        hidden = [c for c in inherited if self.principal and not may_see(self.principal, c)]
        chosen = hidden or inherited
        return chosen[0] if chosen else None

    def held(self, link: Link) -> HeldElsewhere | None:
        compartment = self.compartment(link)
        if compartment is None or self.principal is None:
            return None
        if compartment not in self._held:
            self._held[compartment] = held_elsewhere(self.session, self.principal, compartment)
        return self._held[compartment]

    def split(self, links: Sequence[Link]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(visible links as JSON, held-elsewhere notices: mention and whom to contact)."""
        shown: list[dict[str, Any]] = []
        held: dict[tuple[str, str, str], dict[str, Any]] = {}
        for link in links:
            owner = self.held(link)
            if owner is None:
                shown.append(link.to_json())
            else:
                key = (link.mention_type, link.mention, owner.owner_username)
                entry = held.setdefault(
                    key,
                    {
                        "mention_type": link.mention_type,
                        "mention": link.mention,
                        "message": owner.message,
                        "owner": owner.owner_name,
                        "owner_username": owner.owner_username,
                        "records": 0,
                    },
                )
                entry["records"] += 1
        return shown, list(held.values())


def _links(session: Session, report: PublicReport, picture: Mapping[str, Any] | None) -> list[Link]:
    """Picture and intelligence links of a report (not to the intelligence made from it)."""
    texts = report_texts(report)
    said = "\n".join(t for t in texts.values() if t)
    found = picture_links(report.mentions, report.where_lsoa, picture, said) + intel_links(
        session, report.mentions, texts
    )
    if report.intel_report_id is None:
        return found
    own = session.scalar(select(IntelReport.urn).where(IntelReport.id == report.intel_report_id))
    return [x for x in found if not (x.target_type == "intel_report" and x.target_id == own)]


# ---------------------------------------------------------------- shaping for pages


def segments(text: str, mentions: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``text`` cut into pieces, each plain (``mention`` None) or one mention's span.

    Overlapping mentions: the one starting first is kept. Spans outside the
    text are ignored.
    """
    pieces: list[dict[str, Any]] = []
    cursor = 0
    for m in sorted(mentions, key=lambda m: (int(m["start"]), -int(m["end"]))):
        start, end = int(m["start"]), int(m["end"])
        if start < cursor or end > len(text) or start >= end:
            continue
        if start > cursor:
            pieces.append({"text": text[cursor:start], "mention": None})
        pieces.append(
            {
                "text": text[start:end],
                "mention": {"type": m["type"], "value": m.get("value"), "rule": m.get("rule")},
            }
        )
        cursor = end
    if cursor < len(text):
        pieces.append({"text": text[cursor:], "mention": None})
    return pieces


def _thrive(report: PublicReport) -> dict[str, str | None]:
    return {name: getattr(report, f"thrive_{name}") for name in THRIVE_FIELDS}


def _distinct_mentions(mentions: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``{"type", "shown"}`` per distinct mention (by type and value, or text where there is
    no value, case folded), in the order first told."""
    seen: set[tuple[str, str]] = set()
    distinct = []
    for m in mentions:
        shown = str(m.get("value") or m.get("text") or "")
        key = (str(m["type"]), shown.casefold())
        if key not in seen:
            seen.add(key)
            distinct.append({"type": str(m["type"]), "shown": shown})
    return distinct


def _summary_row(
    report: PublicReport, shown: list[dict[str, Any]], held: list[dict[str, Any]]
) -> dict[str, Any]:
    texts = report_texts(report)
    suggested = suggest_thrive(
        texts,
        report.mentions,
        report.children,
        shown,
        report.duplicate_candidates,
        len(held),
        report.channel,
    )
    what = " ".join(report.what.split())
    counts: dict[str, int] = {}
    for m in report.mentions:
        counts[str(m["type"])] = counts.get(str(m["type"]), 0) + 1
    return {
        "reference": report.reference,
        "received_period": _utc(report.received_period).isoformat(),
        "available_from": _utc(report.available_from).isoformat(),
        "status": report.status,
        "excerpt": what if len(what) <= 240 else what[:239] + "\u2026",
        "children": report.children,
        "channel": report.channel,
        "channel_reference": report.channel_reference,
        "indicators": sorted(report_indicators(texts, report.mentions, report.children)),
        # the reporter's own answer ("No concerns."): signs told before it are not counted
        "concludes": sorted({c[2] for t in texts.values() if t for c in conclusions(t)}),
        "mentions": [
            {"type": m["type"], "text": m["text"], "value": m.get("value"), "field": m["field"]}
            for m in report.mentions
        ],
        # what the queue lists: each thing once, though told in two fields ("What" and
        # "Where" both naming Elm Close)
        "mentions_distinct": _distinct_mentions(report.mentions),
        "mention_counts": counts,
        "links": shown,
        "held_elsewhere": held,
        "duplicates": report.duplicate_candidates,
        "thrive": _thrive(report),
        "suggested": {k: v.to_json() for k, v in suggested.items()},
    }


def _released(session: Session, now: dt.datetime) -> Any:
    release_due(session, now)
    return (PublicReport.released.is_(True), PublicReport.available_from <= now)


def queue_rows(
    session: Session,
    root: Path,
    principal: Principal | None,
    *,
    status: str = "new",
    limit: int = MAX_QUEUE,
    picture_of: PictureSource = load_latest_picture,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The queue's content, read in ``session`` (the caller logs the consultation).

    ``principal`` None (the command line, which reads the records directly)
    shows every link; a principal sees "held elsewhere" for compartments it
    lacks. Due reports are released first (their collection is logged).

    Raises:
        TriageError: for an unknown status.
    """
    if status not in STATUSES:
        raise TriageError({"status": f"choose one of {', '.join(STATUSES)}"})
    released = _released(session, now or _now())
    counts = {
        s: int(n)
        for s, n in session.execute(
            select(PublicReport.status, func.count()).where(*released).group_by(PublicReport.status)
        )
    }
    order = (
        PublicReport.available_from.asc() if status == "new" else PublicReport.available_from.desc()
    )
    reports = session.scalars(
        select(PublicReport)
        .where(*released, PublicReport.status == status)
        .order_by(order, PublicReport.reference)
        .limit(limit + 1)
    ).all()
    picture = picture_of(root)
    rows = []
    for report in reports[:limit]:
        links = _links(session, report, picture)
        shown, held = _Screen(session, principal, links).split(links)
        rows.append(_summary_row(report, shown, held))
    if status == "new":
        rows.sort(key=lambda r: _LEVEL_RANK[r["suggested"]["risk"]["value"]])
    waiting, next_at = session.execute(
        select(func.count(), func.min(PublicReport.available_from)).where(
            PublicReport.released.is_(False)
        )
    ).one()
    return {
        "status": status,
        "counts": {s: counts.get(s, 0) for s in STATUSES},
        "reports": rows,
        "truncated": len(reports) > limit,
        # reports still waiting for their hour to end (how many, and when the first arrives)
        "waiting": int(waiting),
        "next_release": _utc(next_at).isoformat() if next_at is not None else None,
    }


def queue_summary(value: Mapping[str, Any]) -> str:
    """How a read of the queue is described in the s.62 log."""
    refs = [r["reference"] for r in value["reports"]]
    more = "\u2026" if len(refs) > 20 else ""
    return f"triage queue ({value['status']}): {len(refs)} shown ({', '.join(refs[:20])}{more})"


def queue(
    store: AuditedStore,
    *,
    status: str = "new",
    limit: int = MAX_QUEUE,
    picture_of: PictureSource = load_latest_picture,
) -> dict[str, Any]:
    """The queue: released reports of one ``status``, with mentions, links and suggestions.

    ``new`` reports come by suggested risk (high first), then oldest first;
    others newest first. Returns ``{"status", "counts", "reports",
    "truncated"}``; each report as :func:`detail` without its fields'
    segments, decisions and grading suggestion.

    Raises:
        TriageError: for an unknown status. AccessDenied, JustificationRequired.
    """
    if status not in STATUSES:
        raise TriageError({"status": f"choose one of {', '.join(STATUSES)}"})
    now = _now()
    return store.consult(
        permission="triage.read",
        record_type="public_report_list",
        record_id=None,
        summary=queue_summary,
        load=lambda ctx: queue_rows(
            ctx.session,
            ctx.root,
            ctx.principal,
            status=status,
            limit=limit,
            picture_of=picture_of,
            now=now,
        ),
        sensitive=True,
    )


def _find(session: Session, reference: str, now: dt.datetime) -> PublicReport:
    released = _released(session, now)
    report = session.scalar(
        select(PublicReport).where(PublicReport.reference == reference, *released)
    )
    if report is None:
        raise ReportNotFound(reference)
    return report


def detail(
    store: AuditedStore, reference: str, *, picture_of: PictureSource = load_latest_picture
) -> dict[str, Any]:
    """One report: every field with its mentions marked, links (and what is held
    elsewhere), likely duplicates with their status, THRIVE as set and suggested, the
    suggested grading, the decisions so far, and the intelligence report made from it.

    Raises:
        ReportNotFound: no such report, or not yet released to analysts.
        AccessDenied, JustificationRequired.
    """
    now = _now()

    def load(ctx: ReadContext) -> dict[str, Any]:
        report = _find(ctx.session, reference, now)
        links = _links(ctx.session, report, picture_of(ctx.root))
        shown, held = _Screen(ctx.session, ctx.principal, links).split(links)
        row = _summary_row(report, shown, held)
        texts = report_texts(report)
        row["fields"] = [
            {
                "name": f.name,
                "question": f.question,
                "text": texts[f.name],
                "segments": segments(
                    texts[f.name], [m for m in report.mentions if m["field"] == f.name]
                ),
            }
            for f in FIELDS
            if texts[f.name]
        ]
        row["where_point"] = (
            {
                "latitude": report.where_latitude,
                "longitude": report.where_longitude,
                "lsoa": report.where_lsoa,
            }
            if report.where_latitude is not None
            else None
        )
        statuses = dict(
            ctx.session.execute(
                select(PublicReport.reference, PublicReport.status).where(
                    PublicReport.reference.in_(
                        [d["reference"] for d in report.duplicate_candidates]
                    )
                )
            ).all()
        )
        row["duplicates"] = [
            {**d, "status": statuses.get(d["reference"])} for d in report.duplicate_candidates
        ]
        row["grading_suggestion"] = suggest_grading(
            texts, shown, report.duplicate_candidates
        ).to_json()
        row["decisions"] = [
            {
                "decision": d.decision,
                "by": d.decided_by,
                "at": _utc(d.decided_at).isoformat(),
                "note": d.note,
                "details": d.details,
            }
            for d in ctx.session.scalars(
                select(PublicReportDecision)
                .where(PublicReportDecision.public_report_id == report.id)
                .order_by(PublicReportDecision.id)
            )
        ]
        row["duplicate_of"] = (
            ctx.session.scalar(
                select(PublicReport.reference).where(PublicReport.id == report.duplicate_of_id)
            )
            if report.duplicate_of_id
            else None
        )
        row["intelligence"] = _made_intel(ctx, report)
        return row

    return store.consult(
        permission="triage.read",
        record_type="public_report",
        record_id=reference,
        summary=lambda v: (
            f"public report {reference} read ({v['status']}); links: {len(v['links'])} shown, "
            f"{sum(h['records'] for h in v['held_elsewhere'])} held elsewhere"
        ),
        load=load,
        sensitive=True,
    )


def _made_intel(ctx: ReadContext, report: PublicReport) -> dict[str, Any] | None:
    if report.intel_report_id is None:
        return None
    intel = ctx.session.get(IntelReport, report.intel_report_id)
    if intel is None:
        return None
    owner = held_elsewhere(ctx.session, ctx.principal, intel.compartment_id)
    if owner is not None:
        return {"held_elsewhere": owner.message}
    return {
        "urn": intel.urn,
        "report_id": intel.id,
        "grading": f"{intel.source_grade}{intel.intelligence_grade} {intel.handling_code}",
    }


# ---------------------------------------------------------------- decisions


def _decided(
    ctx: ReadContext,
    report: PublicReport,
    decision: str,
    note: str,
    details: dict[str, Any],
) -> None:
    report.triaged_by = ctx.principal.username
    report.triaged_at = _now()
    ctx.session.add(
        PublicReportDecision(
            public_report_id=report.id,
            decision=decision,
            decided_by=ctx.principal.username,
            note=note,
            details=details,
        )
    )


def _undecided(report: PublicReport) -> None:
    if report.status != "new":
        raise TriageError({"form": f"this report has already been triaged ({report.status})"})


def _text(values: Mapping[str, Any], name: str, limit: int) -> str:
    value = str(values.get(name) or "").replace("\r\n", "\n").strip()
    if len(value) > limit:
        raise TriageError({name: f"at most {limit:,} characters"})
    return value


def set_thrive(store: AuditedStore, reference: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set the THRIVE fields: threat, harm and risk ``high``/``medium``/``low`` (or empty to
    clear), investigation, vulnerability and engagement as text (at most 2,000 characters).

    Raises:
        TriageError: naming each field with a problem (nothing is changed).
        ReportNotFound, AccessDenied, JustificationRequired.
    """
    errors: dict[str, str] = {}
    chosen: dict[str, str | None] = {}
    for name in ("threat", "harm", "risk"):
        level = str(values.get(name) or "").strip().lower()
        if level and level not in LEVELS:
            errors[name] = "choose high, medium or low"
        chosen[name] = level or None
    for name in ("investigation", "vulnerability", "engagement"):
        try:
            chosen[name] = _text(values, name, MAX_THRIVE_TEXT) or None
        except TriageError as exc:
            errors.update(exc.errors)
    if errors:
        raise TriageError(errors)
    now = _now()

    def apply(ctx: ReadContext) -> dict[str, Any]:
        report = _find(ctx.session, reference, now)
        for name, value in chosen.items():
            setattr(report, f"thrive_{name}", value)
        _decided(ctx, report, "thrive", "", {k: v for k, v in chosen.items() if v})
        return {"reference": reference, "thrive": chosen}

    levels = ", ".join(f"{k} {chosen[k] or 'not set'}" for k in ("threat", "harm", "risk"))
    return store.change(
        permission="triage.write",
        action="alteration",
        record_type="public_report",
        record_id=reference,
        summary=f"THRIVE set on public report {reference}: {levels}",
        apply=apply,
    )


def reject(store: AuditedStore, reference: str, reason: str) -> dict[str, Any]:
    """Reject a new report (not intelligence: e.g. not about drugs, or malicious), with why.

    Raises:
        TriageError: no reason, or already triaged. ReportNotFound, AccessDenied,
            JustificationRequired.
    """
    why = _text({"reason": reason}, "reason", MAX_NOTE)
    if not why:
        raise TriageError({"reason": "say why the report is rejected"})
    now = _now()

    def apply(ctx: ReadContext) -> dict[str, Any]:
        report = _find(ctx.session, reference, now)
        _undecided(report)
        report.status = "rejected"
        _decided(ctx, report, "rejected", why, {})
        return {"reference": reference, "status": "rejected"}

    return store.change(
        permission="triage.write",
        action="alteration",
        record_type="public_report",
        record_id=reference,
        summary=f"public report {reference} rejected: {why[:200]}",
        apply=apply,
    )


def mark_duplicate(
    store: AuditedStore, reference: str, of_reference: str, note: str = ""
) -> dict[str, Any]:
    """Mark a new report as a duplicate of an earlier released one.

    Raises:
        TriageError: the other report is itself, unknown, or not yet released;
            or this one is already triaged. ReportNotFound, AccessDenied,
            JustificationRequired.
    """
    other = of_reference.strip().upper()
    if not other:
        raise TriageError({"of_reference": "give the reference of the earlier report"})
    if other == reference:
        raise TriageError({"of_reference": "a report cannot duplicate itself"})
    text = _text({"note": note}, "note", MAX_NOTE)
    now = _now()

    def apply(ctx: ReadContext) -> dict[str, Any]:
        report = _find(ctx.session, reference, now)
        _undecided(report)
        try:
            original = _find(ctx.session, other, now)
        except ReportNotFound as exc:
            raise TriageError({"of_reference": f"there is no released report {other}"}) from exc
        report.status = "duplicate"
        report.duplicate_of_id = original.id
        _decided(ctx, report, "duplicate", text, {"of": original.reference})
        return {"reference": reference, "status": "duplicate", "of": original.reference}

    return store.change(
        permission="triage.write",
        action="combination",
        record_type="public_report",
        record_id=reference,
        summary=f"public report {reference} marked a duplicate of {other}",
        apply=apply,
    )


SUBJECT_KINDS = {
    "phone": "phone",
    "vrm": "vehicle",
    "postcode": "address",
    "street": "address",
    "nickname": "person",
}
"""Mention type -> intelligence subject kind when a report is accepted."""


def _subjects(mentions: Sequence[Mapping[str, Any]]) -> list[IntelSubject]:
    made: dict[tuple[str, str], IntelSubject] = {}
    for m in mentions:
        kind = SUBJECT_KINDS.get(str(m.get("type")))
        if kind is None:
            continue
        value = str(m.get("value") or m.get("text") or "").strip()
        if m.get("type") == "nickname":
            value = str(m.get("text") or value).strip()
        if not value:
            continue
        try:
            normalised = normalise_subject(kind, value)
        except NumberError:
            continue
        key = (kind, normalised or value)
        if key not in made:
            made[key] = IntelSubject(kind=kind, value=value[:1000], normalised=normalised)
    return list(made.values())


def intelligence_text(report: PublicReport) -> str:
    """The text of the intelligence report made from a public report: what the reporter
    wrote, field by field, and where it came from."""
    texts = report_texts(report)
    parts = [texts["what"]]
    for name in ("where", "when", "people", "vehicles", "phones"):
        if texts[name]:
            parts.append(f"{FIELD_BY_NAME[name].question} {texts[name]}")
    if report.where_latitude is not None:
        area = f" (LSOA {report.where_lsoa})" if report.where_lsoa else ""
        parts.append(
            f"Place marked on the map: {report.where_latitude}, {report.where_longitude}{area}"
        )
    parts.append(f"Do children or young people seem to be involved? {report.children}")
    parts.append(
        f"Anonymous report from the public {report.reference}, received in the period from "
        f"{_utc(report.received_period):%Y-%m-%d %H:%M} UTC."
    )
    return "\n\n".join(parts)


def accept(store: AuditedStore, reference: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Accept a new report as graded intelligence (3x5x2, source 2 Untested).

    Args:
        values: ``intelligence_grade`` (A-E), ``handling_code`` (P or C),
            ``handling_conditions`` (with C), ``compartment`` (one of the
            analyst's own, or empty for general material), ``note``.

    Returns:
        ``{"reference", "urn", "report_id", "grading"}``.

    Raises:
        TriageError: naming each field with a problem, or the report already
            triaged (nothing is written). ReportNotFound, AccessDenied,
            JustificationRequired.
    """
    try:
        grading = parse_grading(
            "3x5x2",
            "2",
            str(values.get("intelligence_grade") or ""),
            str(values.get("handling_code") or ""),
            str(values.get("handling_conditions") or "") or None,
        )
    except GradingError as exc:
        name = {"intelligence": "intelligence_grade", "handling": "handling_code"}.get(
            exc.field, "handling_conditions" if exc.field == "conditions" else "form"
        )
        raise TriageError({name: str(exc)}) from exc
    compartment_text = str(values.get("compartment") or "").strip()
    compartment_id = int(compartment_text) if compartment_text.isdigit() else None
    if compartment_text and compartment_id is None:
        raise TriageError({"compartment": "choose one of your compartments"})
    if compartment_id is not None and not may_see(store.principal, compartment_id):
        raise TriageError({"compartment": "you are not a member of that compartment"})
    note = _text(values, "note", MAX_NOTE)
    principal = store.principal
    now = _now()

    def apply(ctx: ReadContext) -> dict[str, Any]:
        report = _find(ctx.session, reference, now)
        _undecided(report)
        period = _utc(report.received_period)
        urn = f"PUB/{period:%Y}/{reference.removeprefix('PUB-')}"
        intel = IntelReport(
            urn=urn,
            report_date=period.date(),
            text=intelligence_text(report),
            area=(report.where_text or "")[:200] or None,
            grading_scheme=grading.scheme,
            source_grade=grading.source,
            intelligence_grade=grading.intelligence,
            handling_code=grading.handling,
            handling_conditions=grading.conditions,
            compartment_id=compartment_id,
        )
        intel.subjects = _subjects(report.mentions)
        intel.gradings = [
            IntelGrading(
                scheme=grading.scheme,
                source_grade=grading.source,
                intelligence_grade=grading.intelligence,
                handling_code=grading.handling,
                handling_conditions=grading.conditions,
                graded_by=principal.username,
                reason=f"accepted from public report {reference} at triage"
                + (f": {note}" if note else ""),
            )
        ]
        ctx.session.add(intel)
        ctx.session.flush()
        report.status = "accepted"
        report.intel_report_id = intel.id
        _decided(
            ctx,
            report,
            "accepted",
            note,
            {"urn": urn, "grading": grading.describe(), "compartment_id": compartment_id},
        )
        record_event(
            ctx.session,
            actor=principal.username,
            action="collection",
            record_type="intel_report",
            record_id=urn,
            summary=f"intelligence report {urn} made from public report {reference}, graded "
            f"{grading.describe()}",
            justification=principal.purpose,
        )
        return {
            "reference": reference,
            "urn": urn,
            "report_id": intel.id,
            "grading": grading.describe(),
        }

    return store.change(
        permission="triage.write",
        action="combination",
        record_type="public_report",
        record_id=reference,
        summary=lambda v: (
            f"public report {reference} accepted and linked to intelligence report {v['urn']}"
        ),
        apply=apply,
    )
