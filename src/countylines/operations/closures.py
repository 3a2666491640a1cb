"""Line closures (NCLCC Type 1 and Type 2) and the check-backs that watch them.

NCLCC measures (DOMAIN.md): a **Type 1** closure is a line whose line holder
has been arrested and charged (with check-backs that the number stays dead);
a **Type 2** closure is a line whose number has been deactivated.

:func:`check_closure` refuses a closure the records do not support: Type 1
needs a CPS decision to charge on an arrest of the line's holder, dated on or
before the closure; Type 2 needs the reference of the deactivation.

:func:`check_backs` compares closures with a later detection of the lines
(``LineReport.to_json()`` dicts, as in ``countylines lines --json`` and the
analysis picture). The chain logic is the analysis's own
(:mod:`countylines.analysis.chains`: a later number continues an earlier one
when the earlier one's repeat customers follow it, or they share a handset);
here we only read its result. An alert is raised when, after the closure,

* a closed number is used again ("closed number active again"), or
* a number the detection chains *after* a closed number, directly or through
  further successors, is used ("successor number active"): the line goes on
  under a new number.

Pure: records in, alerts out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from countylines.operations import terms
from countylines.operations.records import Arrest, Charge, Closure, LineRef

CLOSED_ACTIVE = "closed number active again"
SUCCESSOR_ACTIVE = "successor number active"


class ClosureError(ValueError):
    """A closure the records do not support; the message says what is missing."""


def check_closure(
    closure_type: int,
    line: LineRef,
    closed_at: dt.datetime,
    *,
    arrests: Sequence[Arrest] = (),
    charges: Sequence[Charge] = (),
    charge_id: int | None = None,
    deactivation_reference: str | None = None,
) -> Charge | None:
    """Check a closure against the records; return the charge behind a Type 1.

    Type 1: the charge (``charge_id``, or the earliest that qualifies when
    omitted) must be a CPS decision to charge, dated on or before
    ``closed_at``, on an arrest of someone who held the line-holder role in
    this line (by role, or by one of the line's holder numbers).

    Raises:
        ClosureError: naming what the records lack.
        countylines.operations.terms.TermError: a type other than 1 or 2.
    """
    kind = terms.closure_type(closure_type)
    if kind == 2:
        if not (deactivation_reference or "").strip():
            raise ClosureError(
                f"a Type 2 closure of {line.label} needs the reference of the number's "
                "deactivation (e.g. the request to the network operator)"
            )
        return None
    holders = set(line.holder_numbers)
    holder_arrests = {
        a.arrest_id: a
        for a in arrests
        if a.holds(terms.LINE_HOLDER, line.line_id) or holders.intersection(a.numbers)
    }
    if not holder_arrests:
        raise ClosureError(
            f"a Type 1 closure of {line.label} needs the line holder arrested and charged: "
            "no arrest of its line holder is recorded"
        )
    qualifying = [
        c
        for c in charges
        if c.arrest_id in holder_arrests
        and c.cps_decision == terms.CPS_CHARGE
        and c.decided_on <= closed_at.date()
        and (charge_id is None or c.charge_id == charge_id)
    ]
    if not qualifying:
        who = ", ".join(sorted(a.person for a in holder_arrests.values()))
        raise ClosureError(
            f"a Type 1 closure of {line.label} needs the line holder charged: no CPS decision "
            f"to charge {who} on or before {closed_at.date()} is recorded"
            + (f" as charge {charge_id}" if charge_id is not None else "")
        )
    return min(qualifying, key=lambda c: (c.decided_on, c.charge_id))


@dataclass(frozen=True)
class CheckBackAlert:
    """A closed line seen again: which closure, which number, when, and why."""

    closure_id: int
    line_id: str
    number: str
    kind: str
    first_seen_after: dt.datetime
    last_seen: dt.datetime
    evidence: str

    @property
    def key(self) -> tuple[int, str, str]:
        """One alert per closure, number and kind (re-running adds no duplicate)."""
        return (self.closure_id, self.number, self.kind)


def _time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def check_backs(
    closures: Iterable[Closure],
    lines: Iterable[Mapping[str, Any]],
    activity_after: Mapping[str, Mapping[str, dt.datetime]] | None = None,
) -> list[CheckBackAlert]:
    """Alerts for closed numbers, or their successors, used after the closure.

    Args:
        closures: the closures to watch.
        lines: detected lines (``LineReport.to_json()``): ``numbers`` (with
            ``number``, ``first_seen``, ``last_seen``) and ``links``
            (``earlier``, ``later``, ``reason``).
        activity_after: optional, per closed number, its first and last use
            after the closure (``{"first": t, "last": t}``), for a closed
            number that is no longer scored as a line of its own.

    Returns:
        Alerts in closure, kind and number order; ``first_seen_after`` is the
        first use after the closure when known (a number's first use when it
        began after the closure; else the closure time itself).
    """
    line_list = list(lines)
    alerts: dict[tuple[int, str, str], CheckBackAlert] = {}
    for closure in closures:
        closed = set(closure.numbers)
        after = closure.closed_at
        for line in line_list:
            seen = {str(n["number"]): n for n in line.get("numbers", [])}
            if closed.isdisjoint(seen) and not _linked_from(closed, line.get("links", [])):
                continue
            for number in sorted(closed & set(seen)):
                last = _time(seen[number]["last_seen"])
                if last > after:
                    alerts[(closure.closure_id, number, CLOSED_ACTIVE)] = CheckBackAlert(
                        closure.closure_id,
                        closure.line_id,
                        number,
                        CLOSED_ACTIVE,
                        after,
                        last,
                        f"{number} was closed ({terms.CLOSURE_TYPES[closure.closure_type]}) on "
                        f"{after:%Y-%m-%d %H:%M} UTC and was used again, last on "
                        f"{last:%Y-%m-%d %H:%M} UTC",
                    )
            for number, path in _successors(closed, line.get("links", [])).items():
                if number in closed or number not in seen:
                    continue
                first = _time(seen[number]["first_seen"])
                last = _time(seen[number]["last_seen"])
                if last <= after:
                    continue
                reasons = "; ".join(path)
                alerts[(closure.closure_id, number, SUCCESSOR_ACTIVE)] = CheckBackAlert(
                    closure.closure_id,
                    closure.line_id,
                    number,
                    SUCCESSOR_ACTIVE,
                    max(first, after),
                    last,
                    f"the line closed on {after:%Y-%m-%d %H:%M} UTC continues on {number} "
                    f"(in use {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M} UTC): {reasons}",
                )
        for number in sorted(closed):
            use = (activity_after or {}).get(number)
            key = (closure.closure_id, number, CLOSED_ACTIVE)
            if use is None or key in alerts or use["last"] <= after:
                continue
            alerts[key] = CheckBackAlert(
                closure.closure_id,
                closure.line_id,
                number,
                CLOSED_ACTIVE,
                max(use["first"], after),
                use["last"],
                f"{number} was closed ({terms.CLOSURE_TYPES[closure.closure_type]}) on "
                f"{after:%Y-%m-%d %H:%M} UTC and appears in call data after it, last on "
                f"{use['last']:%Y-%m-%d %H:%M} UTC",
            )
    return [alerts[k] for k in sorted(alerts, key=lambda k: (k[0], k[2], k[1]))]


def _linked_from(closed: set[str], links: Iterable[Mapping[str, Any]]) -> bool:
    return any(str(link["earlier"]) in closed for link in links)


def _successors(closed: set[str], links: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Numbers reachable from a closed number along earlier -> later links, with the reasons."""
    forward: dict[str, list[tuple[str, str]]] = {}
    for link in links:
        forward.setdefault(str(link["earlier"]), []).append(
            (str(link["later"]), str(link.get("reason", "")))
        )
    found: dict[str, list[str]] = {}
    frontier = [(n, list[str]()) for n in sorted(closed)]
    while frontier:
        number, path = frontier.pop()
        for later, reason in forward.get(number, []):
            if later in found or later in closed:
                continue
            found[later] = [*path, reason]
            frontier.append((later, found[later]))
    return found
