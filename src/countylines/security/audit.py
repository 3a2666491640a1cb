"""The DPA 2018 s.62 log: append-only, hash-chained, verifiable.

Section 62 of the Data Protection Act 2018 requires logs of *collection,
alteration, consultation, disclosure (with the recipients), combination and
erasure*, saying who acted, when and why. Every such event is one
:class:`~countylines.security.models.AuditEvent` row appended by
:func:`record_event` in the caller's transaction, so the event is committed
together with what it records, or not at all.

Tamper evidence: entries are numbered ``seq`` 1, 2, 3 ... and each stores
``hash = SHA-256(canonical form of the entry, including prev_hash)`` where
``prev_hash`` is the previous entry's hash (64 zeros before the first). A
changed entry no longer matches its hash; a deleted, inserted or reordered
entry breaks the ``seq`` run and the ``prev_hash`` links; a deleted last entry
no longer matches the chain head (``audit_head``). :func:`verify_chain`
checks all of this. Someone able to rewrite the whole database could rebuild
a consistent chain from the point they changed: write the head hash that
``countylines audit verify`` prints somewhere else (a notebook, a ticket) and
compare it later (``--expect-head``) to detect that too.

Concurrency: before appending, a writer updates the single ``audit_head`` row
(``UPDATE ... SET seq = seq + 1 ... RETURNING``). On PostgreSQL that row lock
is held until the writer's transaction ends; on SQLite the update takes the
database's write lock. Either way the next writer waits and then reads the new
head, so the chain never forks (tested with concurrent writers on both).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from countylines.security.models import AuditEvent, AuditHead

ACTIONS = ("collection", "alteration", "consultation", "disclosure", "combination", "erasure")
"""The six kinds of processing s.62 requires to be logged."""

GENESIS_HASH = "0" * 64
"""``prev_hash`` of the first entry, and the head's hash while the log is empty."""

_HASH_VERSION = "countylines-audit-v1"


class AuditError(ValueError):
    """An event that cannot be logged as given (unknown action, no actor, ...)."""


@dataclass(frozen=True)
class AuditEntry:
    """One logged event as read back (times are timezone-aware UTC)."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    record_type: str
    record_id: str | None
    summary: str
    justification: str | None
    recipient: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainProblem:
    """One break in the chain: at entry ``seq``, of ``kind``, explained in ``message``.

    ``kind`` is ``altered`` (content does not match its hash), ``broken link``
    (does not follow the entry before it: deleted, inserted or reordered
    entries), ``gap`` (numbers missing: deleted entries) or ``head`` (the last
    entries do not match the chain head: deleted at the end).
    """

    seq: int | None
    kind: str
    message: str


@dataclass(frozen=True)
class ChainVerification:
    """What :func:`verify_chain` found.

    Attributes:
        ok: True when no problem was found.
        entries: entries read.
        head_seq, head_hash: the chain head as stored (write the hash down
            elsewhere to detect a wholesale rewrite later).
        problems: the breaks found, in order (at most ``max_problems``).
    """

    ok: bool
    entries: int
    head_seq: int
    head_hash: str
    problems: list[ChainProblem] = field(default_factory=list)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _timestamp(value: dt.datetime) -> str:
    return _utc(value).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    *,
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    record_type: str,
    record_id: str | None,
    summary: str,
    justification: str | None,
    recipient: str | None,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of an entry's canonical form.

    The canonical form is the compact JSON array ``[version, seq, at, actor,
    action, record_type, record_id, summary, justification, recipient,
    prev_hash]`` with ``at`` written ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC.
    """
    canonical = json.dumps(
        [
            _HASH_VERSION,
            seq,
            _timestamp(at),
            actor,
            action,
            record_type,
            record_id,
            summary,
            justification,
            recipient,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_event(
    session: Session,
    *,
    actor: str,
    action: str,
    record_type: str,
    record_id: str | None,
    summary: str,
    justification: str | None = None,
    recipient: str | None = None,
) -> AuditEntry:
    """Append one event to the s.62 log inside the caller's transaction.

    Commit the session to keep it (with whatever it records); a rollback
    discards both. Writers queue on the chain head, so call it late in a
    transaction and commit soon after.

    Args:
        session: an open records session.
        actor: who: an account name (``jsmith``) or ``cli:<os user>``.
        action: one of :data:`ACTIONS`.
        record_type: the kind of record (``intel_report``, ``line``,
            ``search``, ``user``, ...).
        record_id: the record's id or key (None for a list or search).
        summary: what, in words (e.g. the search text and how many results).
        justification: why: an operation or purpose reference.
        recipient: to whom, required for ``disclosure``.

    Returns:
        The entry as written.

    Raises:
        AuditError: on an unknown action, an empty actor, record type or
            summary, or a disclosure without a recipient.
    """
    if action not in ACTIONS:
        raise AuditError(f"action {action!r} is not one of {', '.join(ACTIONS)}")
    if not actor.strip():
        raise AuditError("an audit event needs an actor")
    if not record_type.strip():
        raise AuditError("an audit event needs a record type")
    if not summary.strip():
        raise AuditError("an audit event needs a summary")
    if action == "disclosure" and not (recipient or "").strip():
        raise AuditError("a disclosure must name its recipient")
    seq, prev_hash = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + 1)
        .returning(AuditHead.seq, AuditHead.hash)
        .execution_options(synchronize_session=False)
    ).one()
    at = dt.datetime.now(dt.UTC)
    values: dict[str, Any] = {
        "seq": int(seq),
        "at": at,
        "actor": actor,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "summary": summary,
        "justification": justification,
        "recipient": recipient,
        "prev_hash": prev_hash,
    }
    digest = entry_hash(**values)
    session.execute(insert(AuditEvent).values(**values, hash=digest))
    session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(hash=digest)
        .execution_options(synchronize_session=False)
    )
    return AuditEntry(**values, hash=digest)


def _entry(row: AuditEvent) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=_utc(row.at),
        actor=row.actor,
        action=row.action,
        record_type=row.record_type,
        record_id=row.record_id,
        summary=row.summary,
        justification=row.justification,
        recipient=row.recipient,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def chain_head(session: Session) -> tuple[int, str]:
    """The chain head as stored: (seq of the newest entry, its hash)."""
    head = session.get(AuditHead, 1)
    if head is None:
        return 0, GENESIS_HASH
    return int(head.seq), head.hash


def verify_chain(session: Session, *, max_problems: int = 100) -> ChainVerification:
    """Check the whole log: every hash, every link, no gap, the head.

    Reads the entries in ``seq`` order in batches (bounded memory).

    Returns:
        A :class:`ChainVerification`; ``ok`` is False if any entry was
        altered, deleted, inserted or reordered since it was written.
    """
    head_seq, head_hash = chain_head(session)
    problems: list[ChainProblem] = []

    def note(seq: int | None, kind: str, message: str) -> None:
        if len(problems) < max_problems:
            problems.append(ChainProblem(seq, kind, message))

    expected_seq = 1
    prev_hash = GENESIS_HASH
    entries = 0
    rows = session.execute(
        select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=1000)
    ).scalars()
    for row in rows:
        entries += 1
        entry = _entry(row)
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                missing = (
                    f"{expected_seq}"
                    if entry.seq == expected_seq + 1
                    else (f"{expected_seq}-{entry.seq - 1}")
                )
                note(entry.seq, "gap", f"entries {missing} are missing (deleted)")
            else:
                note(entry.seq, "gap", f"entry {entry.seq} appears out of order")
        recomputed = entry_hash(
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            record_type=entry.record_type,
            record_id=entry.record_id,
            summary=entry.summary,
            justification=entry.justification,
            recipient=entry.recipient,
            prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            note(
                entry.seq,
                "altered",
                f"entry {entry.seq} was altered: its content no longer matches its hash",
            )
        if entry.prev_hash != prev_hash:
            note(
                entry.seq,
                "broken link",
                f"entry {entry.seq} does not follow the entry before "
                "it: entries were deleted, inserted or reordered",
            )
        expected_seq = entry.seq + 1
        prev_hash = entry.hash
    last_seq = expected_seq - 1
    if (last_seq, prev_hash) != (head_seq, head_hash):
        note(
            None,
            "head",
            f"the log ends at entry {last_seq} but its head records entry {head_seq}: "
            "entries at the end were deleted, or the head was changed",
        )
    return ChainVerification(
        ok=not problems,
        entries=entries,
        head_seq=head_seq,
        head_hash=head_hash,
        problems=problems,
    )


@dataclass(frozen=True)
class AuditQuery:
    """Filters for :func:`query_events`; every one optional.

    ``text`` matches the summary, justification or recipient (case-insensitive
    substring); ``since``/``until`` bound ``at`` (UTC, inclusive/exclusive).
    """

    actor: str | None = None
    action: str | None = None
    record_type: str | None = None
    record_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    text: str | None = None


def query_events(
    session: Session, query: AuditQuery, *, limit: int = 200, offset: int = 0
) -> tuple[list[AuditEntry], int]:
    """Entries matching ``query``, newest first, and how many match in all.

    Values are bound as parameters (never pasted into SQL). ``limit`` is
    capped at 10,000.

    Raises:
        AuditError: if ``query.action`` is not one of :data:`ACTIONS`.
    """
    conditions = []
    if query.action:
        if query.action not in ACTIONS:
            raise AuditError(f"action {query.action!r} is not one of {', '.join(ACTIONS)}")
        conditions.append(AuditEvent.action == query.action)
    if query.actor:
        conditions.append(AuditEvent.actor == query.actor)
    if query.record_type:
        conditions.append(AuditEvent.record_type == query.record_type)
    if query.record_id:
        conditions.append(AuditEvent.record_id == query.record_id)
    if query.since:
        conditions.append(AuditEvent.at >= query.since)
    if query.until:
        conditions.append(AuditEvent.at < query.until)
    if query.text:
        pattern = f"%{_escape_like(query.text.lower())}%"
        conditions.append(
            or_(
                func.lower(AuditEvent.summary).like(pattern, escape="\\"),
                func.lower(func.coalesce(AuditEvent.justification, "")).like(pattern, escape="\\"),
                func.lower(func.coalesce(AuditEvent.recipient, "")).like(pattern, escape="\\"),
            )
        )
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
    rows = session.scalars(
        select(AuditEvent)
        .where(*conditions)
        .order_by(AuditEvent.seq.desc())
        .limit(max(0, min(limit, 10_000)))
        .offset(max(0, offset))
    )
    return [_entry(r) for r in rows], int(total)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
