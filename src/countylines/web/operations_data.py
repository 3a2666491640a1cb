"""Operations for the web: every read and change through the principal's audited store.

Each function takes the request's :class:`~countylines.security.audited.AuditedStore`
and runs the operations package's functions inside its ``consult`` /
``change`` / ``disclose`` callbacks, so every read is logged as a
consultation and every change in the same transaction as its s.62 entry.
An operation in a compartment the principal lacks is reported as "held
elsewhere" (after logging the attempt), never shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from countylines.operations import (
    briefing,
    briefing_render,
    cases,
    checkback,
    closing,
    closures,
    hazards,
    planning,
    results,
    sources,
    store,
    terms,
    views,
)
from countylines.operations.access import READ, WRITE
from countylines.operations.charts import funnel_svg
from countylines.operations.models import ArrestRecord, Operation
from countylines.operations.returns import Period, nclcc_returns, returns_csv, returns_json
from countylines.operations.when import WhenError, as_utc, parse_day, parse_moment
from countylines.security.access import may_see
from countylines.security.audited import AuditedStore, ReadContext
from countylines.store.picture import load_latest_picture
from countylines.web.errors import NotFound

#: refusals shown on the form that caused them
FORM_ERRORS = (
    store.OperationError,
    planning.PlanError,
    terms.TermError,
    cases.CaseError,
    closures.ClosureError,
    WhenError,
)


class FormRefused(Exception):
    """A form the rules refuse; ``message`` says why (shown above the form)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _operation(ctx: ReadContext, op_id: int) -> Operation:
    op = ctx.session.get(Operation, op_id)
    if op is None:
        raise NotFound(f"operation {op_id}")
    return op


def list_operations(audited: AuditedStore) -> dict[str, Any]:
    """The operations the principal may see (with counts) and owners holding others."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        seen, held = store.list_operations(ctx.session, ctx.principal)
        rows = []
        for op in seen:
            rec = results.load_records(ctx.session, [op.id])
            f = cases.funnel(
                cases.build_cases(rec.arrests, rec.charges, rec.hearings, rec.sentences)
            )
            rows.append(
                {
                    "operation_id": op.id,
                    "name": op.name,
                    "sio": op.sio,
                    "compartment": store.compartment_name(ctx.session, op),
                    "strike_at": as_utc(op.strike_at).isoformat() if op.strike_at else None,
                    "lines": len(store.lines_of(ctx.session, op)),
                    "arrests": f.arrested,
                    "charged": f.charged,
                    "closed": len(rec.closures),
                }
            )
        return {"operations": rows, "held_elsewhere": [h.message for h in held]}

    return audited.consult(
        permission=READ,
        record_type="operation",
        record_id=None,
        summary=lambda v: f"list of operations ({len(v['operations'])} shown)",
        load=load,
    )


def operation_detail(audited: AuditedStore, op_id: int) -> dict[str, Any]:
    """Everything about one operation (``views.operation_view``), plus the picture's lines."""

    def load(ctx: ReadContext) -> tuple[int, dict[str, Any] | None]:
        op = _operation(ctx, op_id)
        if not may_see(ctx.principal, op.compartment_id):
            return op.compartment_id, None
        view = views.operation_view(ctx.session, op)
        view["picture_lines"] = _unlinked(load_latest_picture(ctx.root) or {}, view)
        return op.compartment_id, view

    _, view = audited.consult(
        permission=READ,
        record_type="operation",
        record_id=str(op_id),
        summary=lambda v: f"operation {op_id} read in full" if v[1] else f"operation {op_id}",
        load=load,
        compartment_of=lambda _, v: v[0],
        sensitive=True,
    )
    assert view is not None  # held elsewhere raised above
    return view


def _unlinked(picture: Mapping[str, Any], view: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The picture's lines not yet linked to the operation (to offer for linking)."""
    linked = {x["line_id"] for x in view["lines"]}
    return [
        {
            "line_id": x["line_id"],
            "label": x.get("label") or x["line_id"],
            "rank": x.get("rank"),
            "numbers": [n["number"] for n in x.get("numbers", [])],
        }
        for x in picture.get("lines", [])
        if x["line_id"] not in linked
    ]


def plan_detail(audited: AuditedStore, op_id: int) -> dict[str, Any]:
    """The operation with the targets proposed from the picture and the call data."""

    def load(ctx: ReadContext) -> tuple[int, dict[str, Any] | None]:
        op = _operation(ctx, op_id)
        if not may_see(ctx.principal, op.compartment_id):
            return op.compartment_id, None
        view = views.operation_view(ctx.session, op)
        picture = load_latest_picture(ctx.root)
        line_ids = [x["line_id"] for x in view["lines"]]
        known = {str(x["line_id"]) for x in (picture or {}).get("lines", [])}
        usable = [x for x in line_ids if x in known]
        proposed: list[planning.Proposal] = []
        if picture and usable:
            ws = sources.workspace_for(ctx.session, ctx.root)
            proposed = sources.proposals(ws, picture, usable)
        adopted = {(t["kind"], t["cell_id"]): t["target_id"] for t in view["targets"]}
        view["proposals"] = [
            {**p.to_json(), "adopted_as": adopted.get((p.kind, p.cell_id))} for p in proposed
        ]
        view["picture_lines"] = _unlinked(picture or {}, view)
        return op.compartment_id, view

    _, view = audited.consult(
        permission=READ,
        record_type="operation",
        record_id=str(op_id),
        summary=lambda v: f"day-of-action plan of operation {op_id}",
        load=load,
        compartment_of=lambda _, v: v[0],
        sensitive=True,
    )
    assert view is not None
    return view


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def _optional(form: Mapping[str, str], name: str) -> str | None:
    return _text(form, name) or None


def _int(form: Mapping[str, str], name: str) -> int | None:
    value = _text(form, name)
    if not value:
        return None
    if not value.isdigit():
        raise FormRefused(f"{name.replace('_', ' ')} must be a whole number, not {value!r}")
    return int(value)


def _moment(form: Mapping[str, str], name: str) -> dt.datetime:
    value = _text(form, name).replace("T", " ")
    if not value:
        raise FormRefused(f"give the {name.replace('_', ' ')}")
    return parse_moment(value)


def _day(form: Mapping[str, str], name: str) -> dt.date:
    value = _text(form, name)
    if not value:
        raise FormRefused(f"give the {name.replace('_', ' ')}")
    return parse_day(value)


ACTIONS = (
    "create",
    "link",
    "plan",
    "authorise",
    "target",
    "arrest",
    "seizure",
    "referral",
    "visit",
    "charge",
    "hearing",
    "sentence",
    "close",
)


def apply_form(
    audited: AuditedStore, action: str, form: Mapping[str, str], op_id: int | None = None
) -> dict[str, Any]:
    """Apply one form (``action`` of :data:`ACTIONS`) and log it; return what was made.

    Raises:
        FormRefused: the rules refuse it (the message says why); nothing is written.
        HeldElsewhereError, AccessDenied, JustificationRequired: as the security package.
    """
    if action not in ACTIONS:
        raise NotFound(f"form {action}")

    def apply(ctx: ReadContext) -> dict[str, Any]:
        s, p = ctx.session, ctx.principal
        if action == "create":
            objectives = [o for o in _text(form, "objectives").splitlines() if o.strip()]
            made = store.create_operation(
                s,
                p,
                name=_text(form, "name"),
                compartment=_text(form, "compartment"),
                sio=_text(form, "sio"),
                objectives=objectives,
            )
            return {"operation_id": made.id, "record": f"operation {made.name} created"}
        assert op_id is not None
        op = store.open_operation(s, p, op_id, write=True)
        return _apply_to(ctx, op, action, form)

    try:
        return audited.change(
            permission=WRITE,
            action="collection" if action not in ("plan", "link") else "alteration",
            record_type=f"operation_{action}" if action != "create" else "operation",
            record_id=lambda v: str(v.get("operation_id", op_id)),
            summary=lambda v: f"{v['record']} (web)",
            apply=apply,
        )
    except FORM_ERRORS as exc:
        raise FormRefused(str(exc)) from exc


def _apply_to(
    ctx: ReadContext, op: Operation, action: str, form: Mapping[str, str]
) -> dict[str, Any]:
    s, p = ctx.session, ctx.principal
    done: dict[str, Any] = {"operation_id": op.id}
    if action == "link":
        picture = load_latest_picture(ctx.root) or {}
        by_line = {str(x["line_id"]): x for x in picture.get("lines", [])}
        line_id = _text(form, "line_id")
        if line_id not in by_line:
            raise FormRefused(f"{line_id!r} is not in the latest analysis picture")
        store.link_line(s, p, op, by_line[line_id])
        linked = {n.nominal_id for n in store.nominals_of(s, op)}
        for n in picture.get("nominals", []):
            if n["nominal_id"] not in linked and any(
                r.get("line_id") == line_id for r in n.get("roles", [])
            ):
                store.link_nominal(s, p, op, n)
        done["record"] = f"line {line_id} and its people linked to {op.name}"
    elif action == "plan":
        if _text(form, "strike_at"):
            store.set_strike(s, p, op, _moment(form, "strike_at"))
        if _text(form, "team"):
            store.add_team(
                s,
                p,
                op,
                name=_text(form, "team"),
                leader=_text(form, "leader"),
                officers=_int(form, "officers") or 0,
            )
        done["record"] = f"day-of-action plan of {op.name} changed"
    elif action == "authorise":
        auth = store.add_authorisation(
            s,
            p,
            op,
            kind=_text(form, "kind") or terms.WARRANT,
            reference=_text(form, "reference"),
            issued_by=_text(form, "issued_by"),
            issued_on=_day(form, "issued_on"),
            address=_optional(form, "address"),
            expires_on=_day(form, "expires_on") if _text(form, "expires_on") else None,
        )
        done["record"] = f"{auth.kind} {auth.reference} recorded for {op.name}"
    elif action == "target":
        chosen: dict[str, Any] = {}
        if _text(form, "proposal"):
            chosen = _proposal(ctx, op, _text(form, "proposal"))
        target = store.add_target(
            s,
            p,
            op,
            kind=_text(form, "kind") or chosen.get("kind", ""),
            label=_text(form, "label") or chosen.get("label", ""),
            address=_optional(form, "address"),
            warrant=_optional(form, "warrant"),
            team=_optional(form, "team"),
            cell_id=chosen.get("cell_id"),
            latitude=chosen.get("latitude"),
            longitude=chosen.get("longitude"),
            line_ids=chosen.get("line_ids", []),
            nominal_ids=chosen.get("nominal_ids", []),
            numbers=chosen.get("numbers", []),
            reason="; ".join(chosen.get("reasons", [])),
        )
        done["record"] = f"target T{target.id} ({target.kind}) added to {op.name}"
    elif action == "arrest":
        numbers = [n for n in _text(form, "numbers").replace(",", ";").split(";") if n.strip()]
        row = results.record_arrest(
            s,
            p,
            op,
            person=_text(form, "person"),
            offence=_text(form, "offence"),
            arrested_at=_moment(form, "arrested_at"),
            place=_text(form, "place"),
            nominal_id=_optional(form, "nominal_id"),
            numbers=numbers,
            target_id=_int(form, "target_id"),
        )
        done["record"] = f"arrest {row.id} recorded in {op.name}"
    elif action == "seizure":
        numbers = [n for n in _text(form, "numbers").replace(",", ";").split(";") if n.strip()]
        picture = load_latest_picture(ctx.root) or {}
        row_s = results.record_seizure(
            s,
            p,
            op,
            kind=_text(form, "kind"),
            seized_at=_moment(form, "seized_at"),
            place=_text(form, "place"),
            drug_type=_optional(form, "drug_type"),
            grams=_optional(form, "grams"),
            pounds=_optional(form, "pounds"),
            weapon_kind=_optional(form, "weapon_kind"),
            numbers=numbers,
            known_lines=planning.line_refs(picture) if picture else [],
        )
        done["record"] = f"seizure {row_s.id} ({row_s.kind}) recorded in {op.name}"
    elif action == "referral":
        row_r = results.record_referral(
            s,
            p,
            op,
            route=_text(form, "route"),
            person=_text(form, "person"),
            referred_at=_moment(form, "referred_at"),
            possible_child=bool(form.get("child")),
            arrest_id=_int(form, "arrest_id"),
        )
        done["record"] = f"{row_r.route} referral {row_r.id} recorded in {op.name}"
    elif action == "visit":
        row_v = results.record_visit(
            s,
            p,
            op,
            address=_text(form, "address"),
            visited_at=_moment(form, "visited_at"),
            cuckooed=bool(form.get("cuckooed")),
            vulnerable_people=_int(form, "vulnerable") or 0,
            target_id=_int(form, "target_id"),
        )
        done["record"] = f"visit {row_v.id} recorded in {op.name}"
    elif action in ("charge", "hearing", "sentence"):
        done["record"] = _case_event(ctx, op, action, form)
    elif action == "close":
        row_c = closing.close_line(
            s,
            p,
            op,
            line_id=_text(form, "line_id"),
            closure_type=_text(form, "closure_type"),
            closed_at=_moment(form, "closed_at"),
            charge_id=_int(form, "charge_id"),
            deactivation_reference=_optional(form, "deactivation"),
        )
        done["record"] = f"{row_c.line_id} closed (Type {row_c.closure_type}) in {op.name}"
    return done


def _case_event(ctx: ReadContext, op: Operation, action: str, form: Mapping[str, str]) -> str:
    s, p = ctx.session, ctx.principal
    arrest_id = _int(form, "arrest_id")
    if arrest_id is None:
        raise FormRefused("choose the arrest")
    arrest = s.get(ArrestRecord, arrest_id)
    if arrest is None or arrest.operation_id != op.id:
        raise FormRefused(f"no arrest {arrest_id} in {op.name}")
    if action == "charge":
        c = results.record_charge(
            s,
            p,
            arrest_id,
            offence=_text(form, "offence"),
            decided_on=_day(form, "on"),
            cps_decision=_text(form, "cps_decision") or terms.CPS_CHARGE,
        )
        return f"charging decision {c.id} recorded on arrest {arrest_id}"
    if action == "hearing":
        h = results.record_hearing(
            s,
            p,
            arrest_id,
            court=_text(form, "court"),
            heard_on=_day(form, "on"),
            outcome=_text(form, "outcome"),
        )
        return f"hearing {h.id} recorded on arrest {arrest_id}"
    sentence = results.record_sentence(
        s,
        p,
        arrest_id,
        sentenced_on=_day(form, "on"),
        custodial_months=_int(form, "custodial_months") or 0,
        suspended=bool(form.get("suspended")),
        community_order=bool(form.get("community_order")),
    )
    return f"sentence {sentence.id} recorded on arrest {arrest_id}"


def _proposal(ctx: ReadContext, op: Operation, proposal_id: str) -> dict[str, Any]:
    picture = load_latest_picture(ctx.root)
    if picture is None:
        raise FormRefused("no analysis picture: run `countylines analyse`")
    line_ids = [x.line_id for x in store.lines_of(ctx.session, op)]
    ws = sources.workspace_for(ctx.session, ctx.root)
    for p in sources.proposals(ws, picture, line_ids):
        if p.proposal_id == proposal_id:
            return p.to_json()
    raise FormRefused(f"no proposal {proposal_id!r}: open the plan again")


def run_checkbacks(audited: AuditedStore) -> dict[str, Any]:
    """Check every closure the principal may see against the call data; store new alerts."""

    def apply(ctx: ReadContext) -> dict[str, Any]:
        ids = results.visible_operation_ids(ctx.session, ctx.principal)
        watched = results.load_records(ctx.session, ids).closures
        run = checkback.check(sources.workspace_for(ctx.session, ctx.root), watched)
        new = closing.save_alerts(ctx.session, run.alerts)
        return {"closures": len(watched), "alerts": len(run.alerts), "new": len(new)}

    return audited.change(
        permission=WRITE,
        action="collection",
        record_type="closure_alert",
        record_id=None,
        summary=lambda v: (
            f"check-backs of {v['closures']} closures: {v['alerts']} alerts, {v['new']} new (web)"
        ),
        apply=apply,
    )


def funnel_chart(audited: AuditedStore, op_id: int) -> str:
    """The operation's case funnel as SVG (matplotlib)."""
    view = operation_detail(audited, op_id)
    f = view["funnel"]
    return funnel_svg(
        cases.Funnel(
            f["arrested"], f["charged"], f["convicted"], f["custodial"], f["custodial_months"]
        )
    )


def briefing_pdf(audited: AuditedStore, op_id: int, team: str, accept: bool) -> bytes:
    """A team's briefing pack as PDF: a disclosure to the team, logged with the recipient."""

    def gather(ctx: ReadContext) -> briefing.Briefing:
        op = store.open_operation(ctx.session, ctx.principal, op_id)
        if op.strike_at is None:
            raise FormRefused("set the strike time first")
        teams = {t.name: t for t in store.teams_of(ctx.session, op)}
        if team not in teams:
            raise NotFound(f"team {team}")
        picture = load_latest_picture(ctx.root) or {}
        items, held = sources.intel_items(ctx.session, ctx.principal)
        targets = store.targets_of(ctx.session, op)
        numbers = store.target_numbers(ctx.session, op)
        per_target = {
            t.target_id: hazards.hazards_for(
                numbers=numbers.get(t.target_id, []),
                address=t.address,
                cell_id=t.cell_id,
                line_ids=t.line_ids,
                reports=items,
                picture=picture,
                held=held,
            )
            for t in targets
            if t.team == team
        }
        return briefing.build_briefing(
            operation=op.name,
            compartment=store.compartment_name(ctx.session, op),
            sio=op.sio,
            team=team,
            leader=teams[team].leader,
            strike_at=as_utc(op.strike_at),
            targets=targets,
            authorisations={
                a.id: store.to_authorisation(a) for a in store.authorisations_of(ctx.session, op)
            },
            nominals=[store.to_nominal_ref(n) for n in store.nominals_of(ctx.session, op)],
            hazards=per_target,
            accept_conditions=accept,
            held_elsewhere=held,
        )

    pack = audited.disclose(
        permission="disclose",
        record_type="operation_briefing",
        recipient=f"team {team}, operation {op_id}",
        apply=gather,
        items=lambda b: [
            (
                str(op_id),
                f"briefing pack of team {b.team} ({len(b.targets)} targets, "
                f"{b.withheld} items withheld), downloaded (web)",
            )
        ],
    )
    return briefing_render.render_pdf(pack)


def returns_for(audited: AuditedStore, start: dt.date, end: dt.date) -> dict[str, Any]:
    """NCLCC-style returns over the operations the principal may see, and the CSV text."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        seen, held = store.list_operations(ctx.session, ctx.principal)
        ids = [op.id for op in seen]
        figures = nclcc_returns(results.load_records(ctx.session, ids), Period(start, end), ids)
        return {
            **returns_json(figures),
            "csv": returns_csv(figures),
            "owners_holding_other_operations": len(held),
        }

    return audited.consult(
        permission=READ,
        record_type="returns",
        record_id=None,
        summary=lambda v: f"returns {start} to {end} over {len(v['operations'])} operations",
        load=load,
    )
