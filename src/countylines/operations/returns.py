"""NCLCC-style returns for a period: the figures the coordination centre counts.

The National County Lines Coordination Centre reports, per period (DOMAIN.md:
"Example quarter (Jul-Sep 2024): 410 lines closed (372 Type 1), 557 arrests,
851 safeguarding referrals"; intensification weeks add cuckooed addresses
visited and NRM referrals): lines closed by type, arrests, line holders
charged, safeguarding referrals, cuckooed addresses visited and seizures.

Each record counts in the period holding its own date, as a UK calendar day
(``Europe/London``), both ends included: an arrest on its arrest time, a
charge on its decision date, a closure on its closure time, a referral on
when it was made, a visit on when it was made, a seizure on when it was
seized. Definitions:

* **lines closed**: closures in the period, by type (one closure per line);
* **arrests**: arrest records;
* **people charged**: distinct people with a CPS decision to charge in the
  period; **line holders charged**: those of them arrested as a line holder;
* **safeguarding referrals**: referrals made, by route (MASH, NRM, adult
  social care), and how many were for a possible child;
* **cuckooed addresses visited**: distinct addresses (case and spacing
  folded) of visits recorded as cuckooed; **vulnerable people visited**: the
  people seen on those and other safeguarding visits;
* **seizures**: drugs by type (grams), cash (pounds), weapons and phones
  (and how many phones are linked to a known line).

Pure: records in, a :class:`Returns` out; :func:`returns_csv` writes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from countylines.operations import terms
from countylines.operations.records import OperationRecords

UK = ZoneInfo("Europe/London")


class PeriodError(ValueError):
    """A period whose end comes before its start."""


@dataclass(frozen=True)
class Period:
    """UK calendar days ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"the period ends ({self.end}) before it starts ({self.start})")

    def holds_day(self, day: dt.date) -> bool:
        """True if ``day`` is in the period."""
        return self.start <= day <= self.end

    def holds(self, moment: dt.datetime) -> bool:
        """True if the UK calendar day of ``moment`` (aware) is in the period."""
        return self.holds_day(moment.astimezone(UK).date())


@dataclass(frozen=True)
class Returns:
    """The figures of one period (see the module docstring for each definition)."""

    period: Period
    lines_closed: int
    lines_closed_type1: int
    lines_closed_type2: int
    arrests: int
    people_charged: int
    line_holders_charged: int
    safeguarding_referrals: int
    referrals_by_route: dict[str, int]
    referrals_possible_child: int
    cuckooed_addresses_visited: int
    vulnerable_people_visited: int
    drugs_grams: dict[str, float]
    cash_pounds: float
    weapons: int
    phones: int
    phones_linked_to_lines: int
    operations: list[int] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, float | int]]:
        """(group, figure, value) in reporting order: the table and the CSV."""
        rows: list[tuple[str, str, float | int]] = [
            ("lines", "lines closed", self.lines_closed),
            ("lines", "Type 1 (line holder charged)", self.lines_closed_type1),
            ("lines", "Type 2 (number deactivated)", self.lines_closed_type2),
            ("people", "arrests", self.arrests),
            ("people", "people charged", self.people_charged),
            ("people", "line holders charged", self.line_holders_charged),
            ("safeguarding", "safeguarding referrals", self.safeguarding_referrals),
        ]
        rows += [
            ("safeguarding", f"{route} referrals", self.referrals_by_route.get(route, 0))
            for route in terms.REFERRAL_ROUTES
        ]
        rows += [
            ("safeguarding", "referrals of possible children", self.referrals_possible_child),
            ("safeguarding", "cuckooed addresses visited", self.cuckooed_addresses_visited),
            ("safeguarding", "vulnerable people visited", self.vulnerable_people_visited),
        ]
        rows += [
            ("seizures", f"{drug} (grams)", grams)
            for drug, grams in sorted(self.drugs_grams.items())
        ]
        rows += [
            ("seizures", "cash (pounds)", self.cash_pounds),
            ("seizures", "weapons", self.weapons),
            ("seizures", "phones", self.phones),
            ("seizures", "phones linked to a line", self.phones_linked_to_lines),
        ]
        return rows


def nclcc_returns(
    records: OperationRecords, period: Period, operations: list[int] | None = None
) -> Returns:
    """The returns of ``period`` from ``records`` (all operations given, or those listed)."""
    wanted = set(operations) if operations else None

    def mine(operation_id: int) -> bool:
        return wanted is None or operation_id in wanted

    arrests = {a.arrest_id: a for a in records.arrests if mine(a.operation_id)}
    in_period = [a for a in arrests.values() if period.holds(a.arrested_at)]
    charged = [
        c
        for c in records.charges
        if c.arrest_id in arrests
        and c.cps_decision == terms.CPS_CHARGE
        and period.holds_day(c.decided_on)
    ]
    charged_people = {arrests[c.arrest_id].person_key for c in charged}
    holders_charged = {
        arrests[c.arrest_id].person_key
        for c in charged
        if arrests[c.arrest_id].holds(terms.LINE_HOLDER)
    }
    closures = [c for c in records.closures if mine(c.operation_id) and period.holds(c.closed_at)]
    referrals = [
        r for r in records.referrals if mine(r.operation_id) and period.holds(r.referred_at)
    ]
    visits = [v for v in records.visits if mine(v.operation_id) and period.holds(v.visited_at)]
    seizures = [s for s in records.seizures if mine(s.operation_id) and period.holds(s.seized_at)]
    milligrams: Counter[str] = Counter()
    for s in seizures:
        if s.kind == "drugs":
            milligrams[s.drug_type or "other"] += s.milligrams
    return Returns(
        period=period,
        lines_closed=len(closures),
        lines_closed_type1=sum(1 for c in closures if c.closure_type == 1),
        lines_closed_type2=sum(1 for c in closures if c.closure_type == 2),
        arrests=len(in_period),
        people_charged=len(charged_people),
        line_holders_charged=len(holders_charged),
        safeguarding_referrals=len(referrals),
        referrals_by_route=dict(Counter(r.route for r in referrals)),
        referrals_possible_child=sum(1 for r in referrals if r.possible_child),
        cuckooed_addresses_visited=len({v.address_key for v in visits if v.cuckooed}),
        vulnerable_people_visited=sum(v.vulnerable_people for v in visits),
        drugs_grams={drug: mg / 1000 for drug, mg in sorted(milligrams.items())},
        cash_pounds=sum(s.pence for s in seizures if s.kind == "cash") / 100,
        weapons=sum(1 for s in seizures if s.kind == "weapon"),
        phones=sum(1 for s in seizures if s.kind == "phone"),
        phones_linked_to_lines=sum(1 for s in seizures if s.kind == "phone" and s.line_ids),
        operations=sorted(wanted) if wanted else [],
    )


def returns_json(r: Returns) -> dict[str, object]:
    """The returns as plain data (``--json``, the web page's twin)."""
    return {
        "period": {"from": r.period.start.isoformat(), "to": r.period.end.isoformat()},
        "operations": r.operations,
        "lines_closed": {
            "total": r.lines_closed,
            "type1": r.lines_closed_type1,
            "type2": r.lines_closed_type2,
        },
        "arrests": r.arrests,
        "people_charged": r.people_charged,
        "line_holders_charged": r.line_holders_charged,
        "safeguarding_referrals": {
            "total": r.safeguarding_referrals,
            "by_route": {
                route: r.referrals_by_route.get(route, 0) for route in terms.REFERRAL_ROUTES
            },
            "possible_children": r.referrals_possible_child,
        },
        "cuckooed_addresses_visited": r.cuckooed_addresses_visited,
        "vulnerable_people_visited": r.vulnerable_people_visited,
        "seizures": {
            "drugs_grams": r.drugs_grams,
            "cash_pounds": r.cash_pounds,
            "weapons": r.weapons,
            "phones": r.phones,
            "phones_linked_to_lines": r.phones_linked_to_lines,
        },
        "rows": [{"group": g, "figure": f, "value": v} for g, f, v in r.rows()],
    }


def returns_csv(r: Returns) -> str:
    """CSV text: ``period_from,period_to,group,figure,value``, one figure a row.

    A figure name never starts with ``= + - @`` (they are fixed text), so a
    spreadsheet cannot run it as a formula.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["period_from", "period_to", "group", "figure", "value"])
    for group, figure, value in r.rows():
        text = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        writer.writerow([r.period.start.isoformat(), r.period.end.isoformat(), group, figure, text])
    return buffer.getvalue()
