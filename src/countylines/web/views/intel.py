"""Intelligence: full-text search, read, enter with 3x5x2 grading, re-grade, export.

Export is a disclosure: it names the recipient, every report's handling code
is checked (3x5x2 C conditions accepted; 5x5x5 4 and 5 blocked) and one
``disclosure`` per report is logged with the recipient.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from countylines.domain.grading import (
    HANDLING_3X5X2,
    INTELLIGENCE_3X5X2,
    SOURCE_3X5X2,
)
from countylines.security.audited import AuditedStore
from countylines.web.data.intel import (
    FORM_FIELDS,
    SUBJECT_FIELDS,
    ExportRefused,
    FormErrors,
    SearchFilters,
    create_report,
    export_reports,
    regrade_report,
    report_detail,
    search,
)
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter(tags=["intel"])
NAV = [("Intelligence", "/intel", "intel.read"), ("New report", "/intel/new", "intel.write")]
Reader = Annotated[AuditedStore, Depends(Allow("intel.read"))]
Writer = Annotated[AuditedStore, Depends(Allow("intel.write"))]
Discloser = Annotated[AuditedStore, Depends(Allow("disclose"))]


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _filters(scheme: str, handling: str, date_from: str, date_to: str) -> SearchFilters:
    return SearchFilters(
        scheme=scheme or None,
        handling_code=handling or None,
        date_from=_date(date_from),
        date_to=_date(date_to),
    )


@router.get("/intel", include_in_schema=False)
def search_page(
    request: Request,
    store: Reader,
    q: str = "",
    scheme: str = "",
    handling: str = "",
    date_from: str = "",
    date_to: str = "",
) -> Response:
    """Search form and results, with the export form."""
    result = search(store, q, _filters(scheme, handling, date_from, date_to))
    form = {
        "q": q,
        "scheme": scheme,
        "handling": handling,
        "date_from": date_from,
        "date_to": date_to,
    }
    return render(request, "intel_search.html", {"result": result, "form": form})


@router.get("/api/intel")
def search_json(
    store: Reader,
    q: str = "",
    scheme: str = "",
    handling: str = "",
    date_from: str = "",
    date_to: str = "",
) -> dict[str, Any]:
    """Full-text search: every word must appear in text, area, URN or a subject."""
    result = search(store, q, _filters(scheme, handling, date_from, date_to))
    return {
        "query": result.query,
        "results": result.results,
        "held_elsewhere": result.held_elsewhere,
        "truncated": result.truncated,
    }


def _new_form(
    request: Request,
    store: AuditedStore,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    return render(
        request,
        "intel_new.html",
        {
            "values": values,
            "errors": errors,
            "compartments": store.own_compartments(),
            "labels": {
                "source": SOURCE_3X5X2,
                "intelligence": INTELLIGENCE_3X5X2,
                "handling": HANDLING_3X5X2,
            },
        },
        status_code=status,
    )


@router.get("/intel/new", include_in_schema=False)
def new_form(request: Request, store: Writer) -> Response:
    """The entry form, with 3x5x2 grading."""
    if not store.principal.purpose:
        from countylines.security.audited import JustificationRequired

        raise JustificationRequired()
    defaults = {"grading_scheme": "3x5x2", "date": dt.date.today().isoformat()}
    return _new_form(request, store, defaults, {})


def _compartment(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


@router.post("/intel", include_in_schema=False)
async def create(request: Request, store: Writer) -> Response:
    """Enter a graded report; on problems the form comes back with each field's reason."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    try:
        created = create_report(store, values, _compartment(values.get("compartment", "")))
    except FormErrors as exc:
        return _new_form(request, store, values, exc.errors, status=400)
    return RedirectResponse(f"/intel/{created['report_id']}", status_code=303)


class ReportIn(BaseModel):
    """A report entered through the API (subjects ``;``-separated)."""

    date: str
    text: str
    area: str = ""
    grading_scheme: str = "3x5x2"
    source_grade: str
    intelligence_grade: str
    handling_code: str
    handling_conditions: str = ""
    people: str = ""
    phones: str = ""
    addresses: str = ""
    vehicles: str = ""
    compartment_id: int | None = None


@router.post("/api/intel")
def create_json(store: Writer, report: Annotated[ReportIn, Body()]) -> Response:
    """Enter a graded report; 400 with ``errors`` per field if it cannot be accepted."""
    values = report.model_dump()
    form = {k: str(values[k] or "") for k in (*FORM_FIELDS, *SUBJECT_FIELDS)}
    try:
        created = create_report(store, form, report.compartment_id)
    except FormErrors as exc:
        return JSONResponse({"errors": exc.errors}, status_code=400)
    return JSONResponse(created, status_code=201)


@router.get("/intel/{report_id}", include_in_schema=False)
def report_page(request: Request, store: Reader, report_id: int) -> Response:
    """One report: text, grading with its labels and history, subjects, handling notice."""
    return render(
        request, "intel_report.html", {"report": report_detail(store, report_id), "errors": {}}
    )


@router.get("/api/intel/{report_id}")
def report_json(store: Reader, report_id: int) -> dict[str, Any]:
    """One report with subjects and grading history."""
    return report_detail(store, report_id)


@router.post("/intel/{report_id}/grade", include_in_schema=False)
async def regrade(request: Request, store: Writer, report_id: int) -> Response:
    """Re-grade: a new grading is added to the history."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    try:
        regrade_report(store, report_id, values)
    except FormErrors as exc:
        return render(
            request,
            "intel_report.html",
            {"report": report_detail(store, report_id), "errors": exc.errors},
            status_code=400,
        )
    return RedirectResponse(f"/intel/{report_id}", status_code=303)


class GradeIn(BaseModel):
    """A new grading of a report."""

    grading_scheme: str
    source_grade: str
    intelligence_grade: str
    handling_code: str
    handling_conditions: str = ""
    reason: str


@router.post("/api/intel/{report_id}/grade")
def regrade_json(store: Writer, report_id: int, grade: Annotated[GradeIn, Body()]) -> Response:
    """Re-grade a report; 400 with ``errors`` per field if the grading is not valid."""
    try:
        done = regrade_report(store, report_id, grade.model_dump())
    except FormErrors as exc:
        return JSONResponse({"errors": exc.errors}, status_code=400)
    return JSONResponse(done)


def _csv_response(content: str, urns: list[str]) -> Response:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Response(
        content,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="intelligence-{stamp}.csv"'},
    )


@router.post("/intel/export", include_in_schema=False)
async def export(request: Request, store: Discloser) -> Response:
    """Export chosen reports as CSV to a named recipient, if their handling codes allow."""
    form = await request.form()
    ids = [int(v) for v in form.getlist("report_id") if isinstance(v, str) and v.isdigit()]
    recipient = str(form.get("recipient") or "").strip()
    accepted = form.get("accept_conditions") == "yes"
    try:
        content, urns = export_reports(
            store, ids, recipient=recipient, conditions_accepted=accepted
        )
    except ExportRefused as exc:
        return render(
            request,
            "export_refused.html",
            {"refusals": exc.refusals, "needs_acceptance": exc.needs_acceptance},
            status_code=403,
        )
    return _csv_response(content, urns)


class ExportIn(BaseModel):
    """Reports to export and to whom."""

    report_ids: list[int] = Field(min_length=1)
    recipient: str
    accept_conditions: bool = False


@router.post("/api/intel/export")
def export_json(store: Discloser, body: Annotated[ExportIn, Body()]) -> Response:
    """CSV of the reports, or 403 with ``refusals`` (URN, reason) if a handling code forbids."""
    try:
        content, urns = export_reports(
            store,
            body.report_ids,
            recipient=body.recipient.strip(),
            conditions_accepted=body.accept_conditions,
        )
    except ExportRefused as exc:
        return JSONResponse(
            {
                "refusals": [{"urn": u, "reason": r} for u, r in exc.refusals],
                "needs_acceptance": exc.needs_acceptance,
            },
            status_code=403,
        )
    return _csv_response(content, urns)
