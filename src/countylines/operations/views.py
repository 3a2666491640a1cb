"""One view of an operation for every renderer: the command line's JSON and tables, the web.

:func:`operation_view` gathers an operation's record (lines, nominals,
authorisations, phases, teams, targets, plan problems), its results
(arrests, seizures, referrals, visits), the case of each arrested person,
the funnel, closures and check-back alerts, as plain data. The session must
be one the caller has already checked the principal against (see
``store.open_operation``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from countylines.operations import cases, planning, store
from countylines.operations.closing import alerts_of
from countylines.operations.models import Operation
from countylines.operations.records import Arrest, Closure, Referral, Seizure, Visit
from countylines.operations.results import load_records
from countylines.operations.when import UK, as_utc


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    return value.isoformat() if value is not None else None


def _local(value: dt.datetime | None) -> str | None:
    """``Tuesday 28 May 2024, 05:00 UK time (04:00 UTC)``, or None."""
    if value is None:
        return None
    utc = as_utc(value)
    return f"{utc.astimezone(UK):%A %-d %B %Y, %H:%M} UK time ({utc:%H:%M} UTC)"


def arrest_json(a: Arrest) -> dict[str, Any]:
    """An arrest as plain data."""
    return {
        "arrest_id": a.arrest_id,
        "person": a.person,
        "nominal_id": a.nominal_id,
        "numbers": list(a.numbers),
        "roles": [{"line_id": lid, "role": r} for lid, r in a.roles],
        "possible_victim": a.possible_victim,
        "offence": a.offence,
        "arrested_at": _iso(a.arrested_at),
        "place": a.place,
    }


def case_json(c: cases.Case) -> dict[str, Any]:
    """A case as plain data: the arrest, its events and the stage reached."""
    return {
        **arrest_json(c.arrest),
        "stage": c.stage,
        "charged": c.charged,
        "convicted": c.convicted,
        "custodial": c.custodial,
        "custodial_months": c.custodial_months,
        "safeguarding_note": c.safeguarding_note,
        "charges": [
            {
                "charge_id": x.charge_id,
                "offence": x.offence,
                "decided_on": _iso(x.decided_on),
                "cps_decision": x.cps_decision,
            }
            for x in c.charges
        ],
        "hearings": [
            {
                "hearing_id": h.hearing_id,
                "court": h.court,
                "heard_on": _iso(h.heard_on),
                "outcome": h.outcome,
            }
            for h in c.hearings
        ],
        "sentences": [
            {
                "sentence_id": s.sentence_id,
                "sentenced_on": _iso(s.sentenced_on),
                "custodial_months": s.custodial_months,
                "suspended": s.suspended,
                "community_order": s.community_order,
                "notes": s.notes,
            }
            for s in c.sentences
        ],
    }


def seizure_json(s: Seizure) -> dict[str, Any]:
    """A seizure as plain data (grams and pounds as numbers)."""
    return {
        "seizure_id": s.seizure_id,
        "kind": s.kind,
        "seized_at": _iso(s.seized_at),
        "place": s.place,
        "drug_type": s.drug_type,
        "grams": s.milligrams / 1000 if s.kind == "drugs" else None,
        "pounds": s.pence / 100 if s.kind == "cash" else None,
        "weapon_kind": s.weapon_kind,
        "numbers": list(s.numbers),
        "line_ids": list(s.line_ids),
        "arrest_id": s.arrest_id,
    }


def referral_json(r: Referral) -> dict[str, Any]:
    """A referral as plain data."""
    return {
        "referral_id": r.referral_id,
        "route": r.route,
        "person": r.person,
        "possible_child": r.possible_child,
        "referred_at": _iso(r.referred_at),
        "arrest_id": r.arrest_id,
        "target_id": r.target_id,
    }


def visit_json(v: Visit) -> dict[str, Any]:
    """A visit as plain data."""
    return {
        "visit_id": v.visit_id,
        "address": v.address,
        "visited_at": _iso(v.visited_at),
        "cuckooed": v.cuckooed,
        "vulnerable_people": v.vulnerable_people,
        "target_id": v.target_id,
        "notes": v.notes,
    }


def closure_json(c: Closure) -> dict[str, Any]:
    """A closure as plain data."""
    return {
        "closure_id": c.closure_id,
        "line_id": c.line_id,
        "type": c.closure_type,
        "numbers": list(c.numbers),
        "closed_at": _iso(c.closed_at),
        "charge_id": c.charge_id,
        "deactivation_reference": c.deactivation_reference,
    }


def operation_view(session: Session, op: Operation) -> dict[str, Any]:
    """Everything about ``op`` as plain data (see the module docstring)."""
    auths = store.authorisations_of(session, op)
    targets = store.targets_of(session, op)
    teams = store.teams_of(session, op)
    rec = load_records(session, [op.id])
    case_list = cases.build_cases(
        rec.arrests, rec.charges, rec.hearings, rec.sentences, rec.referrals
    )
    f = cases.funnel(case_list)
    problems = (
        planning.check_plan(
            targets,
            {a.id: store.to_authorisation(a) for a in auths},
            op.strike_at,
            [t.name for t in teams],
        )
        if op.strike_at
        else ["no strike time set (`countylines operation plan OP --strike ...`)"]
    )
    alerts = alerts_of(session, [c.closure_id for c in rec.closures])
    return {
        "operation_id": op.id,
        "name": op.name,
        "compartment": store.compartment_name(session, op),
        "sio": op.sio,
        "objectives": list(op.objectives),
        "strike_at": _iso(op.strike_at),
        "strike_local": _local(op.strike_at),
        "created_at": _iso(op.created_at),
        "created_by": op.created_by,
        "lines": [
            {"line_id": x.line_id, "label": x.label, **_line_summary(x.snapshot)}
            for x in store.lines_of(session, op)
        ],
        "nominals": [
            {
                "nominal_id": n.nominal_id,
                "label": n.label,
                "numbers": list(n.numbers),
                "roles": [{"line_id": r[0], "role": r[1]} for r in n.roles],
                "possible_victim": n.possible_victim,
            }
            for n in store.nominals_of(session, op)
        ],
        "authorisations": [
            {
                "authorisation_id": a.id,
                "kind": a.kind,
                "reference": a.reference,
                "address": a.address,
                "issued_by": a.issued_by,
                "issued_on": _iso(a.issued_on),
                "expires_on": _iso(a.expires_on),
            }
            for a in auths
        ],
        "phases": [
            {
                "name": p.name,
                "starts_on": _iso(p.starts_on),
                "ends_on": _iso(p.ends_on),
                "notes": p.notes,
            }
            for p in store.phases_of(session, op)
        ],
        "teams": [{"name": t.name, "leader": t.leader, "officers": t.officers} for t in teams],
        "targets": [
            {
                "target_id": t.target_id,
                "kind": t.kind,
                "label": t.label,
                "address": t.address,
                "cell_id": t.cell_id,
                "latitude": t.latitude,
                "longitude": t.longitude,
                "line_ids": list(t.line_ids),
                "nominal_ids": list(t.nominal_ids),
                "reason": t.reason,
                "warrant": next((a.reference for a in auths if a.id == t.authorisation_id), None),
                "team": t.team,
            }
            for t in targets
        ],
        "plan_problems": problems,
        "cases": [case_json(c) for c in case_list],
        "funnel": {
            "arrested": f.arrested,
            "charged": f.charged,
            "convicted": f.convicted,
            "custodial": f.custodial,
            "custodial_months": f.custodial_months,
        },
        "seizures": [seizure_json(s) for s in rec.seizures],
        "referrals": [referral_json(r) for r in rec.referrals],
        "visits": [visit_json(v) for v in rec.visits],
        "closures": [closure_json(c) for c in rec.closures],
        "alerts": [
            {
                "alert_id": a.id,
                "closure_id": a.closure_id,
                "number": a.number,
                "kind": a.kind,
                "first_seen_after": _iso(a.first_seen_after),
                "last_seen": _iso(a.last_seen),
                "evidence": a.evidence,
                "status": a.status,
            }
            for a in alerts
        ],
    }


def _line_summary(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {
        "numbers": [str(n["number"]) for n in snapshot.get("numbers", [])],
        "holders": [str(h["number"]) for h in snapshot.get("holders", [])],
        "runners": [str(r["number"]) for r in snapshot.get("runners", [])],
        "cuckooed_cells": [str(c["cell_id"]) for c in snapshot.get("cuckooed", [])],
    }
