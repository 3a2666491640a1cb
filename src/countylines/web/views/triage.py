"""The triage queue of reports from the public: pages and their JSON twins.

The work is done by :mod:`countylines.public.triage` through the route's
audited store (every read a consultation, every decision an alteration,
combination or collection in the s.62 log); this module only reads forms
and renders.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from countylines.domain.grading import HANDLING_3X5X2, INTELLIGENCE_3X5X2, SOURCE_3X5X2
from countylines.public import triage
from countylines.public.models import STATUSES
from countylines.public.suggest import LEVELS, THRIVE_FIELDS, THRIVE_LABELS
from countylines.public.triage import ReportNotFound, TriageError
from countylines.security.audited import AuditedStore
from countylines.web.data.picture import latest_picture
from countylines.web.deps import Allow
from countylines.web.errors import NotFound
from countylines.web.templating import render

router = APIRouter(tags=["triage"])
NAV = [("Triage", "/triage", "triage.read")]
Reader = Annotated[AuditedStore, Depends(Allow("triage.read"))]
Writer = Annotated[AuditedStore, Depends(Allow("triage.write"))]

GRADE_LABELS = {
    "source": SOURCE_3X5X2,
    "intelligence": INTELLIGENCE_3X5X2,
    "handling": HANDLING_3X5X2,
}


def _queue(store: AuditedStore, status: str) -> dict[str, Any]:
    try:
        return triage.queue(store, status=status, picture_of=latest_picture)
    except TriageError as exc:
        raise NotFound(f"status {status!r} (use {', '.join(STATUSES)})") from exc


def _detail(store: AuditedStore, reference: str) -> dict[str, Any]:
    try:
        return triage.detail(store, reference, picture_of=latest_picture)
    except ReportNotFound as exc:
        raise NotFound(str(exc)) from exc


@router.get("/triage", include_in_schema=False)
def queue_page(request: Request, store: Reader, status: str = "new") -> Response:
    """The queue: new reports by suggested risk, with mentions, links and duplicates."""
    return render(
        request,
        "triage/queue.html",
        {"queue": _queue(store, status), "statuses": STATUSES, "thrive_labels": THRIVE_LABELS},
    )


@router.get("/api/triage")
def queue_json(store: Reader, status: str = "new") -> dict[str, Any]:
    """Reports of one status (``new``, ``accepted``, ``rejected``, ``duplicate``)."""
    return _queue(store, status)


def _report_page(
    request: Request,
    store: AuditedStore,
    reference: str,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "triage/report.html",
        {
            "report": _detail(store, reference),
            "errors": errors or {},
            "values": values or {},
            "levels": LEVELS,
            "thrive_fields": THRIVE_FIELDS,
            "thrive_labels": THRIVE_LABELS,
            "grade_labels": GRADE_LABELS,
            "compartments": store.own_compartments(),
        },
        status_code=status_code,
    )


@router.get("/triage/{reference}", include_in_schema=False)
def report_page(request: Request, store: Reader, reference: str) -> Response:
    """One report with its mentions marked, links, duplicates, THRIVE and grading."""
    return _report_page(request, store, reference)


@router.get("/api/triage/{reference}")
def report_json(store: Reader, reference: str) -> dict[str, Any]:
    """One report in full (see the page)."""
    return _detail(store, reference)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}


def _decide(
    request: Request,
    store: AuditedStore,
    reference: str,
    values: dict[str, str],
    step: str,
) -> Response:
    try:
        if step == "thrive":
            triage.set_thrive(store, reference, values)
        elif step == "accept":
            done = triage.accept(store, reference, values)
            return RedirectResponse(f"/triage/{reference}?made={done['urn']}", status_code=303)
        elif step == "reject":
            triage.reject(store, reference, values.get("reason", ""))
        else:
            triage.mark_duplicate(
                store, reference, values.get("of_reference", ""), values.get("note", "")
            )
    except ReportNotFound as exc:
        raise NotFound(str(exc)) from exc
    except TriageError as exc:
        return _report_page(request, store, reference, exc.errors, values, status_code=400)
    return RedirectResponse(f"/triage/{reference}", status_code=303)


@router.post("/triage/{reference}/thrive", include_in_schema=False)
async def thrive_form(request: Request, store: Writer, reference: str) -> Response:
    """Set the THRIVE fields."""
    return _decide(request, store, reference, await _form(request), "thrive")


@router.post("/triage/{reference}/accept", include_in_schema=False)
async def accept_form(request: Request, store: Writer, reference: str) -> Response:
    """Accept as graded intelligence (3x5x2, source 2 Untested)."""
    return _decide(request, store, reference, await _form(request), "accept")


@router.post("/triage/{reference}/reject", include_in_schema=False)
async def reject_form(request: Request, store: Writer, reference: str) -> Response:
    """Reject, with the reason."""
    return _decide(request, store, reference, await _form(request), "reject")


@router.post("/triage/{reference}/duplicate", include_in_schema=False)
async def duplicate_form(request: Request, store: Writer, reference: str) -> Response:
    """Mark as a duplicate of an earlier report."""
    return _decide(request, store, reference, await _form(request), "duplicate")


class ThriveIn(BaseModel):
    """THRIVE fields: threat, harm, risk ``high``/``medium``/``low`` (or empty); the rest text."""

    threat: str = ""
    harm: str = ""
    risk: str = ""
    investigation: str = ""
    vulnerability: str = ""
    engagement: str = ""


class AcceptIn(BaseModel):
    """The analyst's grading of an accepted report (the source is always 2, Untested)."""

    intelligence_grade: str
    handling_code: str
    handling_conditions: str = ""
    compartment_id: int | None = None
    note: str = ""


class RejectIn(BaseModel):
    """Why a report is rejected."""

    reason: str


class DuplicateIn(BaseModel):
    """The earlier report this one repeats."""

    of_reference: str
    note: str = ""


def _json(call: Any) -> Response:
    try:
        return JSONResponse(call())
    except ReportNotFound as exc:
        raise NotFound(str(exc)) from exc
    except TriageError as exc:
        return JSONResponse({"errors": exc.errors}, status_code=400)


@router.post("/api/triage/{reference}/thrive")
def thrive_json(store: Writer, reference: str, body: Annotated[ThriveIn, Body()]) -> Response:
    """Set the THRIVE fields; 400 with ``errors`` per field."""
    return _json(lambda: triage.set_thrive(store, reference, body.model_dump()))


@router.post("/api/triage/{reference}/accept")
def accept_json(store: Writer, reference: str, body: Annotated[AcceptIn, Body()]) -> Response:
    """Accept as intelligence; returns the URN made. 400 with ``errors`` per field."""
    values = body.model_dump()
    values["compartment"] = "" if body.compartment_id is None else str(body.compartment_id)
    return _json(lambda: triage.accept(store, reference, values))


@router.post("/api/triage/{reference}/reject")
def reject_json(store: Writer, reference: str, body: Annotated[RejectIn, Body()]) -> Response:
    """Reject with the reason; 400 with ``errors``."""
    return _json(lambda: triage.reject(store, reference, body.reason))


@router.post("/api/triage/{reference}/duplicate")
def duplicate_json(store: Writer, reference: str, body: Annotated[DuplicateIn, Body()]) -> Response:
    """Mark as a duplicate of ``of_reference``; 400 with ``errors``."""
    return _json(lambda: triage.mark_duplicate(store, reference, body.of_reference, body.note))
