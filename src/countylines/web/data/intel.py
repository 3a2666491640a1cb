"""Intelligence in the web workspace: search, read, enter, re-grade, export.

Search is full text in the plain sense: every word of the query must appear
(case-insensitively) in the report's text, area, URN or one of its subjects
(phones are also matched in E.164, so ``07700 900123`` finds
``+447700900123``). Values are bound parameters; ``%`` and ``_`` in the query
are literal. At most 200 reports are returned. Reports in compartments the
reader lacks are never returned: the search answers "held elsewhere" with the
owner of each such compartment, and how many reports it holds.

Entry uses the same checks as ``countylines ingest intel``
(:func:`countylines.ingest.intel_checks.check_row`): dates, the grading
(:mod:`countylines.domain.grading`), subjects.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from countylines.domain.grading import parse_grading
from countylines.domain.phone import NumberError, canonical_number
from countylines.ingest.intel_checks import check_row
from countylines.ingest.intel_fields import RawRow
from countylines.security.access import HeldElsewhere, held_elsewhere, may_see
from countylines.security.audited import AuditedStore, ReadContext
from countylines.security.handling import check_dissemination, handling_notice
from countylines.store.models import IntelGrading, IntelReport, IntelSubject
from countylines.web.errors import NotFound

MAX_RESULTS = 200
FORM_FIELDS = (
    "date",
    "text",
    "area",
    "grading_scheme",
    "source_grade",
    "intelligence_grade",
    "handling_code",
    "handling_conditions",
)
SUBJECT_FIELDS = {
    "people": "person",
    "phones": "phone",
    "addresses": "address",
    "vehicles": "vehicle",
}


class FormErrors(Exception):
    """The entry form has problems: ``errors`` maps each field to its reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class ExportRefused(Exception):
    """An export that the handling codes do not allow (nothing was disclosed).

    Attributes:
        refusals: (URN, reason) of each item that may not go.
        needs_acceptance: True when only the acceptance of conditions is missing.
    """

    def __init__(self, refusals: list[tuple[str, str]], needs_acceptance: bool) -> None:
        super().__init__("; ".join(f"{u}: {r}" for u, r in refusals))
        self.refusals = refusals
        self.needs_acceptance = needs_acceptance


def _like(word: str) -> str:
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _word_condition(word: str) -> ColumnElement[bool]:
    pattern = _like(word)
    subject_values: list[ColumnElement[bool]] = [
        func.lower(IntelSubject.value).like(pattern, escape="\\")
    ]
    try:
        canon = canonical_number(word)
        if canon.kind == "e164" and canon.number:
            subject_values.append(IntelSubject.normalised == canon.number)
    except NumberError:
        pass
    subject_match = (
        select(IntelSubject.id)
        .where(IntelSubject.report_id == IntelReport.id, or_(*subject_values))
        .exists()
    )
    return or_(
        func.lower(IntelReport.text).like(pattern, escape="\\"),
        func.lower(func.coalesce(IntelReport.area, "")).like(pattern, escape="\\"),
        func.lower(IntelReport.urn).like(pattern, escape="\\"),
        subject_match,
    )


def _words(query: str) -> list[str]:
    """Query words; a quoted phrase is one word, and a phone number with spaces stays whole."""
    words = [m.group(1) or m.group(2) for m in re.finditer(r'"([^"]+)"|(\S+)', query)]
    joined = " ".join(words)
    if re.fullmatch(r"[+\d ()-]{7,}", joined):
        return [joined]
    return [w for w in words if w]


@dataclass(frozen=True)
class SearchFilters:
    """Filters beside the words: scheme, handling code, date range (inclusive)."""

    scheme: str | None = None
    handling_code: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass
class SearchResult:
    """What a search returns: visible reports and who holds the rest."""

    query: str
    results: list[dict[str, Any]] = field(default_factory=list)
    held_elsewhere: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False


def _search_query(words: list[str], filters: SearchFilters) -> Select[IntelReport]:
    conditions: list[ColumnElement[bool]] = [_word_condition(w) for w in words]
    if filters.scheme:
        conditions.append(IntelReport.grading_scheme == filters.scheme)
    if filters.handling_code:
        conditions.append(IntelReport.handling_code == filters.handling_code.upper())
    if filters.date_from:
        conditions.append(IntelReport.report_date >= filters.date_from)
    if filters.date_to:
        conditions.append(IntelReport.report_date <= filters.date_to)
    return (
        select(IntelReport)
        .where(and_(True, *conditions))
        .order_by(IntelReport.report_date.desc(), IntelReport.id.desc())
    )


def report_summary(report: IntelReport) -> dict[str, Any]:
    """A report as listed: no subjects, text cut at 300 characters."""
    return {
        "report_id": report.id,
        "urn": report.urn,
        "date": report.report_date.isoformat(),
        "area": report.area,
        "text": report.text if len(report.text) <= 300 else report.text[:300] + "…",
        "grading_scheme": report.grading_scheme,
        "grading": f"{report.source_grade}{report.intelligence_grade} {report.handling_code}",
        "handling_code": report.handling_code,
        "handling_conditions": report.handling_conditions,
        "handling_notice": handling_notice(
            report.grading_scheme, report.handling_code, report.handling_conditions
        ),
    }


def search(store: AuditedStore, query: str, filters: SearchFilters | None = None) -> SearchResult:
    """Full-text search of the reports the reader may see (see the module doc).

    An empty query with no filter lists the newest reports.
    """
    filters = filters or SearchFilters()
    words = _words(query)

    def load(ctx: ReadContext) -> SearchResult:
        result = SearchResult(query=query)
        held: Counter[int] = Counter()
        for report in ctx.session.scalars(_search_query(words, filters).limit(5000)):
            if may_see(ctx.principal, report.compartment_id):
                if len(result.results) < MAX_RESULTS:
                    result.results.append(report_summary(report))
                else:
                    result.truncated = True
            elif report.compartment_id is not None:
                held[report.compartment_id] += 1
        for compartment_id, n in sorted(held.items()):
            owner = held_elsewhere(ctx.session, ctx.principal, compartment_id)
            assert owner is not None
            result.held_elsewhere.append(
                {"reports": n, "message": owner.message, "owner": owner.owner_name}
            )
        return result

    def summary(value: SearchResult) -> str:
        held = sum(h["reports"] for h in value.held_elsewhere)
        shown = ", ".join(r["urn"] for r in value.results[:20])
        more = "…" if len(value.results) > 20 else ""
        return (
            f"intelligence search {query!r} {_describe(filters)}: {len(value.results)} shown"
            f" ({shown}{more}); {held} held elsewhere"
        )

    return store.consult(
        permission="intel.read",
        record_type="search",
        record_id=None,
        summary=summary,
        load=load,
        sensitive=True,
    )


def _describe(filters: SearchFilters) -> str:
    parts = [f"{k}={v}" for k, v in vars(filters).items() if v]
    return f"[{', '.join(parts)}]" if parts else ""


def report_detail(store: AuditedStore, report_id: int) -> dict[str, Any]:
    """One report with its subjects and grading history.

    Raises:
        NotFound: no such report.
        HeldElsewhereError: it is in a compartment the reader lacks.
    """

    def load(ctx: ReadContext) -> dict[str, Any]:
        report = ctx.session.get(IntelReport, report_id)
        if report is None:
            raise NotFound(f"intelligence report #{report_id}")
        if not may_see(ctx.principal, report.compartment_id):
            # never returned: the store raises "held elsewhere"; the URN goes to the log only
            return {"urn": report.urn, "compartment_id": report.compartment_id}
        detail = report_summary(report)
        detail["text"] = report.text
        detail["compartment_id"] = report.compartment_id
        detail["subjects"] = [
            {"kind": s.kind, "value": s.value, "normalised": s.normalised} for s in report.subjects
        ]
        detail["gradings"] = [
            {
                "scheme": g.scheme,
                "grading": f"{g.source_grade}{g.intelligence_grade} {g.handling_code}",
                "describe": parse_grading(
                    g.scheme,
                    g.source_grade,
                    g.intelligence_grade,
                    g.handling_code,
                    g.handling_conditions,
                ).describe(),
                "graded_at": g.graded_at.isoformat(),
                "graded_by": g.graded_by,
                "reason": g.reason,
            }
            for g in report.gradings
        ]
        return detail

    return store.consult(
        permission="intel.read",
        record_type="intel_report",
        record_id=lambda v: v["urn"] or f"#{report_id}",
        summary=lambda v: f"intelligence report read: {v['urn'] or f'#{report_id}'}",
        load=load,
        compartment_of=lambda ctx, v: v["compartment_id"],
        sensitive=True,
    )


def create_report(
    store: AuditedStore, form: dict[str, str], compartment_id: int | None
) -> dict[str, Any]:
    """Enter a report from the web form, graded; returns ``{"report_id", "urn"}``.

    Args:
        form: the fields of :data:`FORM_FIELDS` and of :data:`SUBJECT_FIELDS`
            (subjects ``;``-separated).
        compartment_id: one of the author's compartments, or None (general).

    Raises:
        FormErrors: naming each field with a problem (nothing is written).
        AccessDenied, JustificationRequired.
    """
    principal = store.principal
    if compartment_id is not None and not may_see(principal, compartment_id):
        raise FormErrors({"compartment": "you are not a member of that compartment"})
    today = dt.date.today()
    urn = f"WEB/{today:%Y}/{secrets.token_hex(4).upper()}"
    row = RawRow(
        line=None,
        labels={name: name for name in (*FORM_FIELDS, "urn")},
        values={"urn": urn, **{name: (form.get(name) or None) for name in FORM_FIELDS}},
        subjects=[
            (kind, value.strip(), name)
            for name, kind in SUBJECT_FIELDS.items()
            for value in (form.get(name) or "").split(";")
            if value.strip()
        ],
    )
    checked, _withheld = check_row(row, today)
    if checked is None:
        errors: dict[str, str] = {}
        for _category, error in row.problems:
            errors.setdefault(error.column or "form", error.reason)
        raise FormErrors(errors or {"form": "the report could not be read"})

    def apply(ctx: ReadContext) -> dict[str, Any]:
        g = checked.grading
        report = IntelReport(
            urn=checked.urn,
            report_date=checked.date,
            text=checked.text,
            area=checked.area,
            grading_scheme=g.scheme,
            source_grade=g.source,
            intelligence_grade=g.intelligence,
            handling_code=g.handling,
            handling_conditions=g.conditions,
            compartment_id=compartment_id,
        )
        report.subjects = [
            IntelSubject(kind=k, value=v, normalised=n) for k, v, n in checked.subjects
        ]
        report.gradings = [
            IntelGrading(
                scheme=g.scheme,
                source_grade=g.source,
                intelligence_grade=g.intelligence,
                handling_code=g.handling,
                handling_conditions=g.conditions,
                graded_by=principal.username,
                reason="entered in the web workspace",
            )
        ]
        ctx.session.add(report)
        ctx.session.flush()
        return {"report_id": report.id, "urn": report.urn, "grading": g.describe()}

    return store.change(
        permission="intel.write",
        action="collection",
        record_type="intel_report",
        record_id=lambda v: str(v["urn"]),
        summary=lambda v: f"intelligence report entered: {v['urn']}, graded {v['grading']}",
        apply=apply,
    )


def regrade_report(store: AuditedStore, report_id: int, form: dict[str, str]) -> dict[str, Any]:
    """Re-grade a report: a new grading row (history kept) and the report's current grading.

    Raises:
        FormErrors, NotFound, HeldElsewhereError, AccessDenied, JustificationRequired.
    """
    from countylines.domain.grading import GradingError

    reason = (form.get("reason") or "").strip()
    try:
        g = parse_grading(
            form.get("grading_scheme"),
            form.get("source_grade"),
            form.get("intelligence_grade"),
            form.get("handling_code"),
            form.get("handling_conditions"),
        )
    except GradingError as exc:
        field_name = {
            "scheme": "grading_scheme",
            "source": "source_grade",
            "intelligence": "intelligence_grade",
            "handling": "handling_code",
            "conditions": "handling_conditions",
        }[exc.field]
        raise FormErrors({field_name: str(exc)}) from exc
    if not reason:
        raise FormErrors({"reason": "say why the grading changes"})
    principal = store.principal

    def apply(ctx: ReadContext) -> dict[str, Any]:
        report = ctx.session.get(IntelReport, report_id)
        if report is None:
            raise NotFound(f"intelligence report #{report_id}")
        owner = held_elsewhere(ctx.session, principal, report.compartment_id)
        if owner is not None:
            from countylines.security.access import HeldElsewhereError

            raise HeldElsewhereError(owner)
        report.grading_scheme = g.scheme
        report.source_grade, report.intelligence_grade = g.source, g.intelligence
        report.handling_code, report.handling_conditions = g.handling, g.conditions
        report.gradings.append(
            IntelGrading(
                scheme=g.scheme,
                source_grade=g.source,
                intelligence_grade=g.intelligence,
                handling_code=g.handling,
                handling_conditions=g.conditions,
                graded_by=principal.username,
                reason=reason,
            )
        )
        return {"report_id": report.id, "urn": report.urn, "grading": g.describe()}

    return store.change(
        permission="intel.write",
        action="alteration",
        record_type="intel_report",
        record_id=lambda v: str(v["urn"]),
        summary=lambda v: f"re-graded {v['urn']}: {v['grading']} ({reason})",
        apply=apply,
    )


EXPORT_COLUMNS = (
    "urn",
    "date",
    "area",
    "grading_scheme",
    "grading",
    "handling_code",
    "handling_conditions",
    "text",
)


def export_reports(
    store: AuditedStore,
    report_ids: list[int],
    *,
    recipient: str,
    conditions_accepted: bool,
) -> tuple[str, list[str]]:
    """Export reports as CSV to a named recipient, if every handling code allows it.

    Each report is checked (:func:`countylines.security.handling.check_dissemination`);
    if any may not go, nothing is exported and :class:`ExportRefused` lists
    why. Otherwise one ``disclosure`` per report is logged with the recipient,
    in the same transaction, and the CSV (with each report's handling code and
    conditions, a spreadsheet formula never run: values starting ``= + - @``
    get a leading apostrophe) is returned with the URNs.

    Raises:
        ExportRefused, NotFound, HeldElsewhereError, AccessDenied, JustificationRequired.
    """
    if not report_ids:
        raise ExportRefused([("-", "choose at least one report")], False)
    principal = store.principal

    def apply(ctx: ReadContext) -> tuple[str, list[str]]:
        reports = []
        for report_id in sorted(set(report_ids)):
            report = ctx.session.get(IntelReport, report_id)
            if report is None:
                raise NotFound(f"intelligence report #{report_id}")
            owner: HeldElsewhere | None = held_elsewhere(
                ctx.session, principal, report.compartment_id
            )
            if owner is not None:
                from countylines.security.access import HeldElsewhereError

                raise HeldElsewhereError(owner)
            reports.append(report)
        refusals, acceptance = [], False
        for report in reports:
            check = check_dissemination(
                report.grading_scheme,
                report.handling_code,
                report.handling_conditions,
                recipient=recipient,
                conditions_accepted=conditions_accepted,
            )
            if not check.allowed:
                refusals.append((report.urn, check.reason))
                acceptance = acceptance or check.needs_acceptance
        if refusals:
            raise ExportRefused(
                refusals, acceptance and all("accept" in reason for _, reason in refusals)
            )
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([*EXPORT_COLUMNS, "recipient"])
        for report in reports:
            summary = report_summary(report)
            summary["text"] = report.text
            writer.writerow([_cell(summary.get(c)) for c in EXPORT_COLUMNS] + [_cell(recipient)])
        return buffer.getvalue(), [r.urn for r in reports]

    return store.disclose(
        permission="disclose",
        record_type="intel_report",
        recipient=recipient,
        apply=apply,
        items=lambda value: [(urn, f"exported as CSV: {urn}") for urn in value[1]],
    )


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
