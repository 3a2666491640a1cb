"""Reports that do not help: innocent numbers accused, stale numbers, vague reports.

Real intelligence logs hold many reports that point the wrong way or
nowhere. Their accuracy is fixed by what they are (truth.json
``intel.reports[].error``):

* ``innocent_number`` (wrong): a decoy of the call data (a taxi firm, a
  takeaway, a school's bulk-text gateway, a tradesman, a commuter or weekend
  visitor who travels like a runner, a heavy social user, a customer of
  several lines) accused of being a deal line, a runner or a holder, the
  same way a naive reading of the call data would accuse it;
* ``customer_not_dealer`` (wrong): a customer of a line said to be dealing;
* ``stale_number`` (wrong): a line's number given as in use at least a week
  after it stopped (re-branded or cut off);
* vague (right, no line): drug activity near a landmark, no subject named.

Near-duplicates (the same facts reported again in other words) are made by
the caller, :mod:`~countylines.simulate.intel`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from countylines.simulate.intel_draft import Draft, Writer, day_between
from countylines.simulate.intel_world import Decoy
from countylines.simulate.randomness import pick

NoiseTopic = Callable[[Writer], Draft | None]
STALE_AFTER_DAYS = 7

#: What a decoy is accused of, per kind: (templates, claimed indicators).
_ACCUSATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "taxi": ((
        "{name} ({phone}) is receiving a high number of short calls late at night. Suspected "
        "to be a deal line.",
        "Drivers for {name} believed to be delivering drugs. Bookings taken on {phone}.",
    ), ("deal_line",)),
    "takeaway": ((
        "{name} takeaway ({phone}) believed to be a front for selling drugs. Lots of callers "
        "late at night.",
    ), ("deal_line",)),
    "bulk_sms": ((
        "{phone} is sending the same text message to hundreds of numbers at once. Suspected "
        "drug line marketing.",
    ), ("deal_line",)),
    "trades": ((
        "{phone}, a local {name}, is getting calls from known drug users and visits lots of "
        "different addresses. Possibly delivering drugs.",
    ), ("runner",)),
    "commuter": ((
        "Male using {phone} travels between London and Clacton every day by train. Suspected "
        "runner.",
    ), ("runner", "going_country")),
    "visitor": ((
        "{phone} is in Clacton most weekends, comes down from London. Suspected of dealing.",
    ), ("runner", "going_country")),
    "heavy_social": ((
        "{phone} is in contact with a very large number of people. Possibly a line holder.",
    ), ("line_holder",)),
    "multi_line_customer": ((
        "{phone} is in contact with several known deal lines. Believed to be dealing himself.",
    ), ("runner",)),
    "call_centre": ((
        "{phone} rings lots of people in Clacton every day. Possibly a deal line.",
    ), ("deal_line",)),
}  # fmt: skip


def innocent_number(w: Writer) -> Draft | None:
    """A decoy accused (wrongly)."""
    decoys = [d for d in w.world.decoys if d.kind in _ACCUSATIONS]
    if not decoys:
        return None
    d: Decoy = pick(w.fact, decoys)
    templates, indicates = _ACCUSATIONS[d.kind]
    day = day_between(w.fact, w.world.first_day, w.world.last_day)
    place, _ = w.place()
    text = w.fill(templates, name=d.name or "a local business",
                  phone=lambda: w.phone(d.number, "decoy", None, decoy_kind=d.kind))  # fmt: skip
    return w.draft("innocent_number", day, None, text, indicates, False, "innocent_number",
                   place)  # fmt: skip


def customer_not_dealer(w: Writer) -> Draft | None:
    """A customer of a line said (wrongly) to be dealing."""
    lines = [line for line in w.world.lines if line.customers]
    if not lines:
        return None
    line = pick(w.fact, lines)
    number = pick(w.fact, line.customers)
    day = day_between(w.fact, w.world.first_day, w.world.last_day)
    place, landmark = w.place()
    text = w.fill((
        "{phone} is selling crack cocaine from his flat in {place}.",
        "The person using {phone} is dealing near {landmark}, seen meeting several people.",
    ), place=place, landmark=landmark,
        phone=lambda: w.phone(number, "customer", line.line_id))  # fmt: skip
    return w.draft("customer_not_dealer", day, None, text, ("deal_line",), False,
                   "customer_not_dealer", place)  # fmt: skip


def stale_number(w: Writer) -> Draft | None:
    """A line's old number given as in use well after it stopped."""
    old = [
        (line, n)
        for line in w.world.lines
        for n in line.numbers
        if n.last
        and n.ended != "active"
        and n.last + dt.timedelta(days=STALE_AFTER_DAYS) <= w.world.last_day
    ]
    if not old:
        return None
    line, n = pick(w.fact, old)
    assert n.last is not None
    day = day_between(w.fact, n.last + dt.timedelta(days=STALE_AFTER_DAYS), w.world.last_day)
    text = w.fill((
        "{line} still using {phone}. Users still ringing it.",
        "Deal line {phone} believed still active, linked to {line}.",
    ), line=lambda: w.line(line),
        phone=lambda: w.phone(n.number, "stale_deal_number", line.line_id))  # fmt: skip
    return w.draft("stale_number", day, line.line_id, text, ("deal_line",), False,
                   "stale_number", "Clacton-on-Sea")  # fmt: skip


def vague(w: Writer) -> Draft | None:
    """Drug activity somewhere in town, no subject named (right, but of little use)."""
    day = day_between(w.fact, w.world.first_day, w.world.last_day)
    place, landmark = w.place()
    text = w.fill((
        "Youths seen hanging around {landmark} in {place}, believed to be dealing drugs. No "
        "further description.",
        "Strong smell of cannabis and drug litter (foil, needles) found near {landmark}.",
        "Concern raised about young people from out of the area loitering near {landmark} "
        "late at night.",
        "Report of drug dealing from a car near {landmark}. No registration obtained.",
    ), place=place, landmark=landmark)  # fmt: skip
    return w.draft("vague", day, None, text, ("drug_activity",), True, None, place)


#: Noise topics that are right (the others are wrong by what they are).
RIGHT_NOISE = frozenset({"vague"})
#: Noise topics and their weights.
NOISE_TOPICS: dict[str, tuple[NoiseTopic, float]] = {
    "innocent_number": (innocent_number, 3.0),
    "customer_not_dealer": (customer_not_dealer, 1.0),
    "stale_number": (stale_number, 1.0),
    "vague": (vague, 2.0),
}
