"""Operations pages: the list, one operation (record, plan, results, cases, closures), returns.

Every page has a JSON twin under ``/api/``. Forms post to
``/operations/{id}/{action}`` (CSRF-checked by ``Allow``) and come back to the
page, with the reason above the form when the rules refuse it. Reads need
``operations.read``; changes ``operations.write``; a briefing pack (a
disclosure) ``disclose``. The logic is in ``operations_data.py`` and the
operations package; this module only routes and renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from countylines.operations import terms
from countylines.operations.access import READ, WRITE
from countylines.security.audited import AuditedStore
from countylines.web import operations_data as data
from countylines.web.deps import Allow
from countylines.web.errors import NotFound
from countylines.web.templating import render

router = APIRouter()
NAV = [("Operations", "/operations", READ), ("Returns", "/returns", READ)]
Reader = Annotated[AuditedStore, Depends(Allow(READ))]
Writer = Annotated[AuditedStore, Depends(Allow(WRITE))]
Discloser = Annotated[AuditedStore, Depends(Allow("disclose"))]

CHOICES = {
    "referral_routes": terms.REFERRAL_ROUTES,
    "cps_decisions": terms.CPS_DECISIONS,
    "hearing_outcomes": terms.HEARING_OUTCOMES,
    "seizure_kinds": terms.SEIZURE_KINDS,
    "drug_types": terms.DRUG_TYPES,
    "weapon_kinds": terms.WEAPON_KINDS,
    "authorisation_kinds": terms.AUTHORISATION_KINDS,
    "target_kinds": terms.TARGET_KINDS,
}


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.get("/operations", include_in_schema=False)
def operations_page(request: Request, audited: Reader) -> Response:
    """The operations the user may see, and the form to create one."""
    return _list(request, audited, {}, "")


def _list(
    request: Request, audited: AuditedStore, values: dict[str, str], error: str, status: int = 200
) -> Response:
    return render(
        request,
        "operations/list.html",
        {
            "data": data.list_operations(audited),
            "compartments": audited.own_compartments(),
            "values": values,
            "error": error,
        },
        status_code=status,
    )


@router.get("/api/operations")
def operations_json(audited: Reader) -> dict[str, Any]:
    """The operations the user may see; for the others, whom to contact."""
    return data.list_operations(audited)


@router.post("/operations", include_in_schema=False)
async def create_operation(request: Request, audited: Writer) -> Response:
    """Create an operation in one of the user's compartments."""
    form = await _form(request)
    try:
        made = data.apply_form(audited, "create", form)
    except data.FormRefused as exc:
        return _list(request, audited, form, exc.message, status=400)
    return RedirectResponse(f"/operations/{made['operation_id']}", status_code=303)


@router.get("/operations/{op_id}", include_in_schema=False)
def operation_page(request: Request, audited: Reader, op_id: int) -> Response:
    """One operation: record, targets, results, cases and funnel, closures and alerts."""
    return _detail(request, audited, op_id, "", "")


def _detail(
    request: Request,
    audited: AuditedStore,
    op_id: int,
    error: str,
    where: str,
    status: int = 200,
) -> Response:
    view = data.operation_detail(audited, op_id)
    return render(
        request,
        "operations/detail.html",
        {
            "op": view,
            "error": error,
            "where": where,
            "choices": CHOICES,
            "now": dt.datetime.now().strftime("%Y-%m-%dT%H:%M"),
        },
        status_code=status,
    )


@router.get("/api/operations/{op_id}")
def operation_json(audited: Reader, op_id: int) -> dict[str, Any]:
    """Everything about one operation."""
    return data.operation_detail(audited, op_id)


@router.get("/operations/{op_id}/plan", include_in_schema=False)
def plan_page(request: Request, audited: Reader, op_id: int) -> Response:
    """The day-of-action plan: strike time, teams, warrants, proposed and planned targets."""
    return _plan(request, audited, op_id, "")


def _plan(
    request: Request, audited: AuditedStore, op_id: int, error: str, status: int = 200
) -> Response:
    return render(
        request,
        "operations/plan.html",
        {"op": data.plan_detail(audited, op_id), "error": error, "choices": CHOICES},
        status_code=status,
    )


@router.get("/api/operations/{op_id}/plan")
def plan_json(audited: Reader, op_id: int) -> dict[str, Any]:
    """The operation with the targets proposed from the picture."""
    return data.plan_detail(audited, op_id)


PLAN_ACTIONS = ("link", "plan", "authorise", "target")


@router.post("/operations/{op_id}/{action}", include_in_schema=False)
async def operation_form(request: Request, audited: Writer, op_id: int, action: str) -> Response:
    """Apply one form of the operation's pages, then return to the page it came from."""
    if action == "checkback":
        data.run_checkbacks(audited)
        return RedirectResponse(f"/operations/{op_id}#closures", status_code=303)
    if action not in data.ACTIONS or action == "create":
        raise NotFound(f"form {action}")
    form = await _form(request)
    try:
        data.apply_form(audited, action, form, op_id)
    except data.FormRefused as exc:
        if action in PLAN_ACTIONS:
            return _plan(request, audited, op_id, exc.message, status=400)
        return _detail(request, audited, op_id, exc.message, action, status=400)
    where = (
        f"/operations/{op_id}/plan" if action in PLAN_ACTIONS else f"/operations/{op_id}#{action}"
    )
    return RedirectResponse(where, status_code=303)


@router.post("/api/checkbacks")
def checkbacks_json(audited: Writer) -> dict[str, Any]:
    """Run the check-backs now: closures checked, alerts, new alerts."""
    return data.run_checkbacks(audited)


@router.get("/operations/{op_id}/funnel.svg", include_in_schema=False)
def funnel(audited: Reader, op_id: int) -> Response:
    """The case funnel (matplotlib SVG)."""
    return Response(
        data.funnel_chart(audited, op_id),
        media_type="image/svg+xml",
        headers={
            # the chart is our own drawing: its inline styles, no script
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"
        },
    )


@router.get("/operations/{op_id}/briefing", include_in_schema=False)
def briefing(audited: Discloser, op_id: int, team: str, accept: bool = False) -> Response:
    """A team's briefing pack (PDF): a disclosure to the team, logged with the recipient."""
    pdf = data.briefing_pdf(audited, op_id, team, accept)
    safe = "".join(c if c.isalnum() else "-" for c in team)[:40] or "team"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="briefing-{op_id}-{safe}.pdf"'},
    )


def _period(start: str, end: str) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    first = dt.date(today.year, ((today.month - 1) // 3) * 3 + 1, 1)
    try:
        return (
            dt.date.fromisoformat(start) if start else first,
            dt.date.fromisoformat(end) if end else today,
        )
    except ValueError as exc:
        raise NotFound(f"period {start!r} to {end!r} (use YYYY-MM-DD)") from exc


@router.get("/returns", include_in_schema=False)
def returns_page(request: Request, audited: Reader, start: str = "", end: str = "") -> Response:
    """NCLCC-style returns for a period (this quarter so far by default)."""
    first, last = _period(start, end)
    if last < first:
        raise NotFound(f"period ending ({last}) before it starts ({first})")
    return render(
        request,
        "operations/returns.html",
        {"r": data.returns_for(audited, first, last), "start": first, "end": last},
    )


@router.get("/api/returns")
def returns_json(audited: Reader, start: str = "", end: str = "") -> dict[str, Any]:
    """NCLCC-style returns for a period."""
    first, last = _period(start, end)
    if last < first:
        raise NotFound(f"period ending ({last}) before it starts ({first})")
    figures = data.returns_for(audited, first, last)
    figures.pop("csv")
    return figures


@router.get("/returns.csv", include_in_schema=False)
def returns_csv(audited: Reader, start: str = "", end: str = "") -> Response:
    """The returns as CSV, one figure a row."""
    first, last = _period(start, end)
    if last < first:
        raise NotFound(f"period ending ({last}) before it starts ({first})")
    text = str(data.returns_for(audited, first, last)["csv"])
    return Response(
        text,
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="returns-{first}-{last}.csv"'},
    )
