"""Results of an operation in the database: arrests, seizures, safeguarding, cases, closures.

Same discipline as :mod:`countylines.operations.store`: a session and a
principal in, rows added after the pure rules agree (cases, closures), no
commit and no logging here (the caller logs in the same transaction).
Phone numbers are canonicalised (:mod:`countylines.domain.phone`) and a
seized phone is linked to every line holding its number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.domain.phone import NumberError, canonical_number
from countylines.operations import access, cases, terms
from countylines.operations.models import (
    ArrestRecord,
    ChargeRecord,
    ClosureRecord,
    HearingRecord,
    Operation,
    OperationNominal,
    OperationTarget,
    ReferralRecord,
    SeizureRecord,
    SentenceRecord,
    VisitRecord,
)
from countylines.operations.records import (
    Arrest,
    Charge,
    Closure,
    Hearing,
    LineRef,
    OperationRecords,
    Referral,
    Seizure,
    Sentence,
    Visit,
)
from countylines.operations.store import (
    OperationError,
    find_operation,
    lines_of,
    to_line_ref,
)
from countylines.security.access import Principal


def aware(moment: dt.datetime, what: str) -> dt.datetime:
    """``moment`` in UTC; a time without its zone is refused (naming ``what``)."""
    if moment.tzinfo is None:
        raise OperationError(f"give the {what} with its time zone (e.g. 2024-03-05T05:40Z)")
    return moment.astimezone(dt.UTC)


def _text(field: str, value: str | None) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise OperationError(f"give the {field}")
    return text


def canonical_numbers(values: Iterable[str]) -> list[str]:
    """Numbers in E.164 (any UK spelling accepted), each once.

    Raises:
        OperationError: a value that is not a phone number (a short code,
            a sender name, withheld, spreadsheet damage), with the reason.
    """
    found = []
    for value in values:
        try:
            canonical = canonical_number(value)
        except NumberError as exc:
            raise OperationError(f"phone number {value!r}: {exc}") from exc
        number = canonical.number
        if canonical.kind != "e164" or number is None:
            raise OperationError(f"{value!r} is not a phone number (it reads as {canonical.kind})")
        if number not in found:
            found.append(number)
    return found


def parse_grams(text: str) -> int:
    """Whole milligrams from a weight in grams such as ``12.5``.

    Raises:
        OperationError: not a positive number of grams.
    """
    try:
        grams = Decimal(text.strip())
    except (InvalidOperation, AttributeError) as exc:
        raise OperationError(f"weight {text!r} is not a number of grams") from exc
    if not grams.is_finite() or grams <= 0:
        raise OperationError(f"weight {text!r} must be more than 0 grams")
    return int((grams * 1000).to_integral_value())


def parse_pounds(text: str) -> int:
    """Whole pence from an amount in pounds such as ``1520.50`` or ``£1,520.50``.

    Raises:
        OperationError: not a positive amount.
    """
    clean = text.strip().lstrip("£").replace(",", "")
    try:
        pounds = Decimal(clean)
    except InvalidOperation as exc:
        raise OperationError(f"amount {text!r} is not a sum of money in pounds") from exc
    exponent = pounds.as_tuple().exponent
    if not pounds.is_finite() or pounds <= 0 or (isinstance(exponent, int) and exponent < -2):
        raise OperationError(f"amount {text!r} must be more than £0, in pounds and pence")
    return int(pounds * 100)


def record_arrest(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    person: str,
    offence: str,
    arrested_at: dt.datetime,
    place: str,
    nominal_id: str | None = None,
    numbers: Sequence[str] = (),
    possible_victim: bool | None = None,
    target_id: int | None = None,
) -> ArrestRecord:
    """Record an arrest; a linked nominal's numbers, roles and victim flag are copied.

    Raises:
        OperationError: missing fields, a naive time, or a nominal not linked to ``op``.
    """
    access.check_writable(session, principal, op)
    _check_target(session, op, target_id)
    nominal = None
    if nominal_id:
        nominal = session.scalar(
            select(OperationNominal).where(
                OperationNominal.operation_id == op.id, OperationNominal.nominal_id == nominal_id
            )
        )
        if nominal is None:
            raise OperationError(f"nominal {nominal_id} is not linked to {op.name}: link it first")
    all_numbers = canonical_numbers([*(nominal.numbers if nominal else []), *numbers])
    roles = [list(r) for r in nominal.roles] if nominal else []
    if not roles and all_numbers:
        roles = _roles_by_number(session, op, all_numbers)
    victim = possible_victim
    if victim is None:
        victim = bool(nominal and nominal.possible_victim) or any(
            r[1] in (terms.RUNNER, terms.CUCKOOED_OCCUPANT) for r in roles
        )
    row = ArrestRecord(
        operation_id=op.id,
        person=_text("person's name", person),
        nominal_id=nominal_id,
        numbers=all_numbers,
        roles=roles,
        possible_victim=victim,
        offence=_text("offence", offence),
        arrested_at=aware(arrested_at, "arrest time"),
        place=_text("place of arrest", place),
        target_id=target_id,
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def _check_target(session: Session, op: Operation, target_id: int | None) -> None:
    if target_id is None:
        return
    target = session.get(OperationTarget, target_id)
    if target is None or target.operation_id != op.id:
        raise OperationError(f"no target T{target_id} in {op.name}")


def _roles_by_number(session: Session, op: Operation, numbers: Sequence[str]) -> list[list[str]]:
    """Roles in the operation's lines of whoever uses ``numbers``."""
    roles: list[list[str]] = []
    for line in lines_of(session, op):
        ref = to_line_ref(line)
        for number in numbers:
            if number in ref.holder_numbers:
                roles.append([ref.line_id, terms.LINE_HOLDER])
            if number in ref.runner_numbers:
                roles.append([ref.line_id, terms.RUNNER])
    return roles


def _arrest(
    session: Session, principal: Principal, arrest_id: int
) -> tuple[ArrestRecord, Operation]:
    row = session.get(ArrestRecord, arrest_id)
    if row is None:
        raise OperationError(f"no arrest {arrest_id}")
    op = find_operation(session, row.operation_id)
    access.check_writable(session, principal, op)
    return row, op


def case_of(session: Session, arrest_id: int) -> cases.Case:
    """The case of one arrest, from the database (no access check)."""
    row = session.get(ArrestRecord, arrest_id)
    if row is None:
        raise OperationError(f"no arrest {arrest_id}")
    rec = load_records(session, [row.operation_id])
    [case] = cases.build_cases(
        [a for a in rec.arrests if a.arrest_id == arrest_id],
        rec.charges,
        rec.hearings,
        rec.sentences,
        rec.referrals,
    )
    return case


def record_charge(
    session: Session,
    principal: Principal,
    arrest_id: int,
    *,
    offence: str,
    decided_on: dt.date,
    cps_decision: str,
) -> ChargeRecord:
    """Record a charging decision on an arrest.

    Raises:
        OperationError: no such arrest; CaseError: before the arrest;
        TermError: an unknown decision.
    """
    _arrest(session, principal, arrest_id)
    decision = cases.check_charge(case_of(session, arrest_id), decided_on, cps_decision)
    row = ChargeRecord(
        arrest_id=arrest_id,
        offence=_text("offence charged", offence),
        decided_on=decided_on,
        cps_decision=decision,
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def record_hearing(
    session: Session,
    principal: Principal,
    arrest_id: int,
    *,
    court: str,
    heard_on: dt.date,
    outcome: str,
) -> HearingRecord:
    """Record a court hearing of an arrested person's case.

    Raises:
        OperationError, CaseError (not yet charged), TermError (unknown outcome).
    """
    _arrest(session, principal, arrest_id)
    result = cases.check_hearing(case_of(session, arrest_id), heard_on, outcome)
    row = HearingRecord(
        arrest_id=arrest_id,
        court=_text("court", court),
        heard_on=heard_on,
        outcome=result,
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def record_sentence(
    session: Session,
    principal: Principal,
    arrest_id: int,
    *,
    sentenced_on: dt.date,
    custodial_months: int = 0,
    suspended: bool = False,
    community_order: bool = False,
    notes: str = "",
) -> SentenceRecord:
    """Record a sentence on a conviction.

    Raises:
        OperationError, CaseError (no conviction yet, negative months).
    """
    _arrest(session, principal, arrest_id)
    cases.check_sentence(case_of(session, arrest_id), sentenced_on, custodial_months)
    if suspended and custodial_months == 0:
        raise OperationError("a suspended sentence needs its custodial months")
    row = SentenceRecord(
        arrest_id=arrest_id,
        sentenced_on=sentenced_on,
        custodial_months=custodial_months,
        suspended=suspended,
        community_order=community_order,
        notes=notes.strip(),
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def record_referral(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    route: str,
    person: str,
    referred_at: dt.datetime,
    possible_child: bool = False,
    arrest_id: int | None = None,
    target_id: int | None = None,
) -> ReferralRecord:
    """Record a safeguarding referral made (MASH, NRM or adult social care).

    Raises:
        OperationError, TermError (unknown route).
    """
    access.check_writable(session, principal, op)
    _check_target(session, op, target_id)
    route = terms.check_term("referral route", route, terms.REFERRAL_ROUTES)
    if arrest_id is not None:
        arrest = session.get(ArrestRecord, arrest_id)
        if arrest is None or arrest.operation_id != op.id:
            raise OperationError(f"no arrest {arrest_id} in {op.name}")
    row = ReferralRecord(
        operation_id=op.id,
        route=route,
        person=_text("person referred", person),
        possible_child=possible_child,
        referred_at=aware(referred_at, "time of the referral"),
        arrest_id=arrest_id,
        target_id=target_id,
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def record_visit(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    address: str,
    visited_at: dt.datetime,
    cuckooed: bool,
    vulnerable_people: int = 0,
    target_id: int | None = None,
    notes: str = "",
) -> VisitRecord:
    """Record a safeguarding visit and the vulnerable people seen.

    Raises:
        OperationError: missing address, naive time or a negative count.
    """
    access.check_writable(session, principal, op)
    _check_target(session, op, target_id)
    if vulnerable_people < 0:
        raise OperationError("vulnerable people seen must be 0 or more")
    row = VisitRecord(
        operation_id=op.id,
        address=_text("address visited", address),
        visited_at=aware(visited_at, "time of the visit"),
        cuckooed=cuckooed,
        vulnerable_people=vulnerable_people,
        target_id=target_id,
        notes=notes.strip(),
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def lines_holding(numbers: Sequence[str], lines: Iterable[LineRef]) -> list[str]:
    """Ids of the lines among whose deal, holder or runner numbers any of ``numbers`` is."""
    wanted = set(numbers)
    found = []
    for line in lines:
        mine = {*line.numbers, *line.holder_numbers, *line.runner_numbers}
        if wanted & mine and line.line_id not in found:
            found.append(line.line_id)
    return found


def record_seizure(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    kind: str,
    seized_at: dt.datetime,
    place: str = "",
    drug_type: str | None = None,
    grams: str | None = None,
    pounds: str | None = None,
    weapon_kind: str | None = None,
    numbers: Sequence[str] = (),
    arrest_id: int | None = None,
    known_lines: Sequence[LineRef] = (),
) -> SeizureRecord:
    """Record a seizure; a phone's numbers are linked to the lines that hold them.

    ``known_lines`` adds lines beyond the operation's own (e.g. the latest
    picture's), so a phone of another line is linked too.

    Raises:
        OperationError: what the kind needs is missing (drugs: type and grams;
            cash: pounds; weapon: kind; phone: a number), or a bad number.
        TermError: an unknown kind, drug type or weapon kind.
    """
    access.check_writable(session, principal, op)
    if arrest_id is not None:
        arrest = session.get(ArrestRecord, arrest_id)
        if arrest is None or arrest.operation_id != op.id:
            raise OperationError(f"no arrest {arrest_id} in {op.name}")
    kind = terms.check_term("seizure kind", kind, terms.SEIZURE_KINDS)
    row = SeizureRecord(
        operation_id=op.id,
        kind=kind,
        seized_at=aware(seized_at, "time of the seizure"),
        place=place.strip(),
        arrest_id=arrest_id,
        recorded_by=principal.username,
    )
    if kind == "drugs":
        if not drug_type or grams is None:
            raise OperationError("a drugs seizure needs --drug and --grams")
        row.drug_type = terms.check_term("drug type", drug_type, terms.DRUG_TYPES)
        row.milligrams = parse_grams(grams)
    elif kind == "cash":
        if pounds is None:
            raise OperationError("a cash seizure needs --pounds")
        row.pence = parse_pounds(pounds)
    elif kind == "weapon":
        if not weapon_kind:
            raise OperationError("a weapon seizure needs --weapon")
        row.weapon_kind = terms.check_term("weapon kind", weapon_kind, terms.WEAPON_KINDS)
    else:
        phone_numbers = canonical_numbers(numbers)
        if not phone_numbers:
            raise OperationError("a phone seizure needs the phone's number (--number)")
        row.numbers = phone_numbers
        lines = [to_line_ref(x) for x in lines_of(session, op)] + list(known_lines)
        row.line_ids = lines_holding(phone_numbers, lines)
    session.add(row)
    session.flush()
    return row


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def load_records(session: Session, operation_ids: Sequence[int] | None = None) -> OperationRecords:
    """Every result of the given operations (all when None) as plain records.

    No access check: callers pass only operations the principal may see.
    """
    ops = list(operation_ids) if operation_ids is not None else None

    def where(column: Any) -> list[Any]:
        return [] if ops is None else [column.in_(ops)]

    arrests = list(
        session.scalars(
            select(ArrestRecord).where(*where(ArrestRecord.operation_id)).order_by(ArrestRecord.id)
        )
    )
    ids = [a.id for a in arrests]
    charges = session.scalars(select(ChargeRecord).where(ChargeRecord.arrest_id.in_(ids)))
    hearings = session.scalars(select(HearingRecord).where(HearingRecord.arrest_id.in_(ids)))
    sentences = session.scalars(select(SentenceRecord).where(SentenceRecord.arrest_id.in_(ids)))
    referrals = session.scalars(select(ReferralRecord).where(*where(ReferralRecord.operation_id)))
    visits = session.scalars(select(VisitRecord).where(*where(VisitRecord.operation_id)))
    seizures = session.scalars(select(SeizureRecord).where(*where(SeizureRecord.operation_id)))
    closed = session.scalars(select(ClosureRecord).where(*where(ClosureRecord.operation_id)))
    return OperationRecords(
        arrests=[
            Arrest(
                a.id,
                a.person,
                a.offence,
                _utc(a.arrested_at),
                a.place,
                a.nominal_id,
                tuple(a.numbers),
                tuple((str(r[0]), str(r[1])) for r in a.roles),
                a.possible_victim,
                a.operation_id,
            )
            for a in arrests
        ],
        charges=[
            Charge(c.id, c.arrest_id, c.offence, c.decided_on, c.cps_decision) for c in charges
        ],
        hearings=[Hearing(h.id, h.arrest_id, h.court, h.heard_on, h.outcome) for h in hearings],
        sentences=[
            Sentence(
                s.id,
                s.arrest_id,
                s.sentenced_on,
                s.custodial_months,
                s.suspended,
                s.community_order,
                s.notes,
            )
            for s in sentences
        ],
        referrals=[
            Referral(
                r.id,
                r.route,
                r.person,
                _utc(r.referred_at),
                r.possible_child,
                r.arrest_id,
                r.target_id,
                r.operation_id,
            )
            for r in referrals
        ],
        visits=[
            Visit(
                v.id,
                v.address,
                _utc(v.visited_at),
                v.cuckooed,
                v.vulnerable_people,
                v.target_id,
                v.notes,
                v.operation_id,
            )
            for v in visits
        ],
        seizures=[
            Seizure(
                s.id,
                s.kind,
                _utc(s.seized_at),
                s.place,
                s.drug_type,
                s.milligrams,
                s.pence,
                s.weapon_kind,
                tuple(s.numbers),
                tuple(s.line_ids),
                s.arrest_id,
                s.operation_id,
            )
            for s in seizures
        ],
        closures=[
            Closure(
                c.id,
                c.line_id,
                c.closure_type,
                tuple(c.numbers),
                _utc(c.closed_at),
                c.charge_id,
                c.deactivation_reference,
                c.operation_id,
            )
            for c in closed
        ],
    )


def visible_operation_ids(session: Session, principal: Principal) -> list[int]:
    """Ids of the operations ``principal`` may see (for returns over many operations)."""
    from countylines.operations.store import list_operations

    seen, _ = list_operations(session, principal)
    return [op.id for op in seen]
