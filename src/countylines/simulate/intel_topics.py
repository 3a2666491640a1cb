"""What reports about a line say: one function per topic, right or wrong as asked.

Each topic function drafts one report about ``line`` through a
:class:`~countylines.simulate.intel_draft.Writer`. With ``accurate=False`` it
makes one mistake of the kinds reports really carry, named in the draft's
``error`` (truth.json ``intel.reports[].error``):

* ``wrong_number``: the number given is not the line's (a customer's, a
  decoy's, a runner's given as the holder's);
* ``wrong_line``: the facts are one line's, the brand named is a rival's;
* ``not_a_child``: an adult runner described as a child;
* ``innocent_address``: an address that is not cuckooed;
* ``no_such_weapon``, ``no_such_dog``, ``no_such_incident``: a weapon, dog or
  attack the line does not have;
* ``wrong_vehicle``: a registration that is not the holder's car.

A function returns None (or raises :class:`Unreportable`) when the line has
nothing to report on that topic (no child runners, no weapon for a true weapon
report, no rival): the caller picks another topic. Report dates fall where
the fact holds (a number while it was active, a child's report during his
stay in the county, a cuckooing while the address was used), and for lines
trading before the period some reports come from before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from countylines.simulate.addresses import draw_address
from countylines.simulate.intel_draft import Draft, Field, Writer, day_between, pronouns
from countylines.simulate.intel_world import (
    PRE_PERIOD_DAYS,
    WEAPONS,
    LineFacts,
    NumberFacts,
    RunnerFacts,
    Vehicle,
    draw_vrm,
)
from countylines.simulate.names import draw_name
from countylines.simulate.randomness import pick

Topic = Callable[[Writer, LineFacts, bool], Draft | None]
PRE_PERIOD_SHARE = 0.15  # share of reports on lines trading before the period dated before it


def _report_day(w: Writer, line: LineFacts) -> dt.date:
    """A day for a report on the line as a whole (before the period, for older lines)."""
    world = w.world
    if line.started_before and w.fact.random() < PRE_PERIOD_SHARE:
        first = max(line.start, world.first_day - dt.timedelta(days=PRE_PERIOD_DAYS))
        return day_between(w.fact, first, world.first_day - dt.timedelta(days=1))
    return day_between(w.fact, max(line.start, world.first_day), world.last_day)


def _other_line(w: Writer, line: LineFacts) -> LineFacts | None:
    others = [x for x in w.world.lines if x.line_id != line.line_id]
    rivals = [x for x in others if x.line_id in line.rivals]
    pool = rivals or others
    return pick(w.fact, pool) if pool else None


def _brand(w: Writer, line: LineFacts, error: str | None) -> Callable[[], str]:
    """The brand phrase: the line's own, or a rival's under ``wrong_line`` (drawn now)."""
    if error == "wrong_line":
        other = _other_line(w, line)
        assert other is not None
        return lambda: w.line(other, "other_line")
    return lambda: w.line(line)


def _can_mistake_line(w: Writer) -> list[str]:
    return ["wrong_line"] if len(w.world.lines) > 1 else []


class Unreportable(Exception):
    """The line has nothing to report on this topic (or no way for the report to be wrong)."""


def _error(w: Writer, accurate: bool, options: list[str]) -> str | None:
    """None for a right report; one of ``options`` for a wrong one.

    Raises:
        Unreportable: if the report must be wrong and the topic has no mistake to make.
    """
    if accurate:
        return None
    if not options:
        raise Unreportable
    return pick(w.fact, options)


def _number_at(line: LineFacts, day: dt.date) -> NumberFacts | None:
    """The deal number in use on ``day`` (the first number before the period)."""
    for n in line.numbers:
        if n.first and n.last and n.first <= day <= n.last:
            return n
    first = line.numbers[0] if line.numbers else None
    if first and first.first and day < first.first and line.started_before:
        return first
    return None


def _wrong_phone(w: Writer, line: LineFacts) -> Callable[[], str]:
    """A number wrongly given as the line's (a customer's or a decoy's), drawn now."""
    decoys = [d for d in w.world.decoys if d.kind != "multi_line_customer"]
    if line.customers and (not decoys or w.fact.random() < 0.5):
        number = pick(w.fact, line.customers)
        return lambda: w.phone(number, "customer", line.line_id)
    d = pick(w.fact, decoys)
    return lambda: w.phone(d.number, "decoy", None, decoy_kind=d.kind)


def _runner_fields(w: Writer, line: LineFacts, r: RunnerFacts) -> dict[str, Field]:
    """Fields naming a runner: ``nick``, ``name``, ``phone`` and the pronouns."""
    return {
        "nick": lambda: w.person(f"'{r.nickname}'", "runner", line.line_id, r.number,
                                 f"'{r.nickname.upper()}'", r.under_18),
        "name": lambda: w.person(r.name, "runner", line.line_id, r.number, r.name, r.under_18),
        "phone": lambda: w.phone(r.number, "runner", line.line_id, r.under_18),
        **pronouns(r.female),
    }  # fmt: skip


def _holder_fields(w: Writer, line: LineFacts) -> dict[str, Field]:
    """Fields naming the holder: ``nick``, ``name`` (no number)."""
    number = line.holder_numbers[0] if line.holder_numbers else None
    return {
        "nick": lambda: w.person(f"'{line.holder_nickname}'", "holder", line.line_id, number,
                                 f"'{line.holder_nickname.upper()}'"),
        "name": lambda: w.person(line.holder_name, "holder", line.line_id, number,
                                 line.holder_name),
    }  # fmt: skip


def deal_number(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """The line's deal number, in use on the report date."""
    error = _error(w, accurate, ["wrong_number", *_can_mistake_line(w)])
    day = _report_day(w, line)
    current = _number_at(line, day)
    if current is None:
        return None
    brand = _brand(w, line, error)
    if error == "wrong_number":
        phone = _wrong_phone(w, line)
    else:
        phone = lambda: w.phone(current.number, "deal_number", line.line_id)  # noqa: E731
    place, landmark = w.place()
    text = w.fill((
        "{line} is operating in Clacton on {phone}. Crack cocaine and heroin being sold to "
        "users in the {place} area.",
        "Information received that the current number for {line} is {phone}. Users text the "
        "number and are met near {landmark}.",
        "{phone} is being used as the deal line for {line}. Bulk texts advertising deals are "
        "being sent to local users.",
        "{line} still running. Line number {phone}. Runners from London serving users around "
        "{place}.",
        "Users in {place} are buying crack and heroin from {line} by ringing {phone}.",
    ), line=brand, phone=phone, place=place, landmark=landmark)  # fmt: skip
    return w.draft("deal_number", day, line.line_id, text, ("deal_line",), accurate,
                   error, place)  # fmt: skip


def holder(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """Who holds the line, where he lives, and his own number."""
    error = _error(w, accurate, ["wrong_number", *_can_mistake_line(w)])
    if not line.holder_numbers:
        return None
    day = _report_day(w, line)
    brand = _brand(w, line, error)
    if error == "wrong_number" and line.runners and w.fact.random() < 0.5:
        r = pick(w.fact, line.runners)
        phone = lambda: w.phone(r.number, "runner", line.line_id, r.under_18)  # noqa: E731
    elif error == "wrong_number":
        phone = _wrong_phone(w, line)
    else:
        phone = lambda: w.phone(line.holder_numbers[0], "holder", line.line_id)  # noqa: E731
    text = w.fill((
        "The line holder for {line} is a male known as {nick} who lives in the {hub} area of "
        "London. He uses {phone} and controls the runners from London.",
        "{name}, known as {nick}, is believed to run {line} from {hub}. His personal number is "
        "{phone}.",
        "{nick} ({phone}) is the person running {line}. He rarely comes to Clacton himself and "
        "sends young people down to sell for him.",
        "{line} is controlled by {name} ({nick}) from {hub}. He is in daily contact with the "
        "runners on {phone}.",
    ), line=brand, phone=phone, hub=line.holder_place, **_holder_fields(w, line))  # fmt: skip
    return w.draft("holder", day, line.line_id, text, ("line_holder",), accurate,
                   error, line.holder_place, force="met")  # fmt: skip


def _runner_day(w: Writer, line: LineFacts, r: RunnerFacts) -> dt.date:
    """A day the runner was in the county (any day for a local runner)."""
    if r.stints:
        first, last = pick(w.fact, r.stints)
        return day_between(w.fact, first, last)
    return day_between(w.fact, max(line.start, w.world.first_day), w.world.last_day)


def child_runner(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """A child seen running for the line: a possible victim of exploitation."""
    children = [r for r in line.runners if r.under_18]
    adults = [r for r in line.runners if not r.under_18]
    error = _error(w, accurate, (["not_a_child"] if adults else []) + _can_mistake_line(w))
    if not children:
        return None
    r = pick(w.fact, adults if error == "not_a_child" else children)
    day = _runner_day(w, line, r)
    shift = int(w.fact.integers(-1, 2))
    stated = min(17, max(12, r.age + shift)) if r.under_18 else 15 + abs(shift) + 1
    brand = _brand(w, line, error)
    place, landmark = w.place()
    text = w.fill((
        "{Boy} approximately {age} years old {look} seen serving users near {landmark}. "
        "Believed to be working for {line}. {He} uses {phone}.",
        "A child aged about {age}, known as {nick}, is running drugs for {line} in {place}. "
        "{He} is from {home} and stays in Clacton for days at a time. Possible victim of "
        "child criminal exploitation.",
        "{name} ({age}) from {home} is believed to be running for {line}, contactable on "
        "{phone}. {He} has been seen with new clothes and two phones.",
        "Young {boy} approx {age} {look} seen handing small packages to users outside "
        "{landmark}, believed to be a runner for {line}. {His} number is {phone}.",
    ), line=brand, age=stated, look=r.look, landmark=landmark, place=place, home=r.home_place,
        **_runner_fields(w, line, r))  # fmt: skip
    return w.draft("child_runner", day, line.line_id, text, ("runner", "child_runner"),
                   accurate, error, place)  # fmt: skip


def adult_runner(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """An adult runner of the line."""
    adults = [r for r in line.runners if not r.under_18]
    error = _error(w, accurate, ["wrong_number", *_can_mistake_line(w)])
    if not adults:
        return None
    r = pick(w.fact, adults)
    day = _runner_day(w, line, r)
    brand = _brand(w, line, error)
    fields = _runner_fields(w, line, r)
    if error == "wrong_number":
        fields["phone"] = _wrong_phone(w, line)
    place, landmark = w.place()
    text = w.fill((
        "{Male} aged around {age} known as {nick} is running for {line}. Uses {phone}. Seen "
        "at {landmark} several times a day.",
        "{nick} ({phone}) is a runner for {line}, {look}, dealing around {place}.",
        "{line} runner {nick} is using {phone} to arrange meets with users near {landmark}.",
    ), line=brand, age=r.age, landmark=landmark, look=r.look, place=place,
        **fields)  # fmt: skip
    return w.draft("adult_runner", day, line.line_id, text, ("runner",), accurate,
                   error, place)  # fmt: skip


def missing_episode(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """A child reported missing from home in London and found in Clacton."""
    error = _error(w, accurate, _can_mistake_line(w))
    if not line.missing:
        return None
    m = pick(w.fact, line.missing)
    r = next(x for x in line.runners if x.number == m.runner_number)
    brand = _brand(w, line, error)
    place, _ = w.place()
    text = w.fill((
        "{name} ({age}) was reported missing from home in {home} on {reported}. {He} was found "
        "in Clacton on {found} in the company of older males. {He} had {cash} pounds in cash "
        "and two mobile phones. Concerns {he} is being exploited by {line}.",
        "Missing from home: {name}, {age}, from {home}. Located by officers in {place}, "
        "Clacton on {found}. Believed to be running for {line}. Referred for child criminal "
        "exploitation screening.",
        "Youth reported missing from home in {home} found in Clacton on {found}. {He} said "
        "{he} was visiting friends. Phone number given {phone}. Linked to {line}.",
    ), age=r.age, home=m.home_place, reported=w.day(m.reported), found=w.day(m.found),
        cash=pick(w.say, ("300", "450", "600", "800", "1,200")), line=brand, place=place,
        **_runner_fields(w, line, r))  # fmt: skip
    return w.draft("missing_episode", m.found, line.line_id, text,
                   ("missing_episode", "child_runner"), accurate, error, m.home_place,
                   force="met")  # fmt: skip


def cuckooing(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """A cuckooed address and its vulnerable occupant."""
    error = _error(w, accurate, ["innocent_address", *_can_mistake_line(w)])
    if not line.cuckoos:
        return None
    c = pick(w.fact, line.cuckoos)
    day = day_between(w.fact, c.start, c.end)
    brand = _brand(w, line, error)
    form = pick(w.say, ("first", "full", "first"))
    fields: dict[str, Field]
    if error == "innocent_address":
        cell, place = pick(w.fact, w.world.county_cells)
        taken = {x.address.full for ln in w.world.lines for x in ln.cuckoos}
        wrong = draw_address(w.fact, place, taken)
        tenant = draw_name(w.fact, pick(w.fact, ("older_male", "female")))
        fields = {
            "address": lambda: w.address(wrong, "innocent_address", cell, None, form),
            "occupant": lambda: w.person(tenant, "innocent_occupant", column=tenant),
            "desc": "vulnerable",
        }
    else:
        fields = {
            "address": lambda: w.address(c.address, "cuckooed_address", c.cell_id,
                                         line.line_id, form),
            "occupant": lambda: w.person(c.occupant_name, "occupant", line.line_id,
                                         c.occupant_number, c.occupant_name),
            "desc": c.occupant,
        }  # fmt: skip
    text = w.fill((
        "{address} is believed to have been cuckooed by {line}. The occupant, {occupant}, is "
        "{desc}. Youths from London are staying at the address and there are visitors at all "
        "hours.",
        "Neighbours at {address} report a constant stream of visitors day and night. The door "
        "has been damaged and {occupant} has not been seen for days. Believed to be used by "
        "{line} to deal from.",
        "{line} runners are using the flat of {occupant} at {address} to store drugs. "
        "{occupant} is {desc} and is said to owe the line money.",
        "The tenant at {address} ({occupant}) has fallen into rent arrears and "
        "is withdrawn. Young males from London seen coming and going. Possible cuckooing by "
        "{line}.",
    ), line=brand, **fields)  # fmt: skip
    return w.draft("cuckooing", day, line.line_id, text, ("cuckooing", "vulnerable_adult"),
                   accurate, error, c.address.place)  # fmt: skip


def weapon(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """A weapon carried by a runner or kept at an address (or one the line does not have)."""
    error = _error(w, accurate, ["no_such_weapon"])
    if accurate and not line.weapon:
        return None
    runner: RunnerFacts | None = None
    if error:  # a weapon the line does not have: a firearm, or any if it has none
        claimed = "firearm" if line.weapon and line.weapon != "firearm" else pick(
            w.fact, [k for k in WEAPONS if k != "firearm"])  # fmt: skip
        if line.runners and (not line.cuckoos or w.fact.random() < 0.6):
            runner = pick(w.fact, line.runners)
    else:
        claimed = line.weapon or ""
        if line.weapon_runner is not None:
            runner = line.runners[line.weapon_runner]
    if runner is None and not line.cuckoos:
        return None
    day = _report_day(w, line)
    brand = _brand(w, line, None)
    if runner is not None:
        text = w.fill((
            "{nick}, a runner for {line}, carries a {weapon} in {his} waistband.",
            "{line} runner known as {nick} has been seen with a {weapon}. Officers to be aware.",
            "{nick} ({age}) is running for {line} and is believed to carry a {weapon} for "
            "protection.",
        ), line=brand, weapon=claimed, age=runner.age,
            **_runner_fields(w, line, runner))  # fmt: skip
        indicates: tuple[str, ...] = ("weapon", "runner") + (
            ("child_runner",) if runner.under_18 else ()
        )
    else:
        c = line.cuckoos[0]
        text = w.fill((
            "A {weapon} is being kept at {address}, used by {line} to store drugs.",
            "{line} keep a {weapon} at {address} in case of trouble from rivals.",
        ), weapon=claimed, line=brand, address=lambda: w.address(
            c.address, "cuckooed_address", c.cell_id, line.line_id))  # fmt: skip
        indicates = ("weapon", "cuckooing")
    return w.draft("weapon", day, line.line_id, text, indicates, accurate, error,
                   "Clacton-on-Sea")  # fmt: skip


def dog(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """A dog kept at a cuckooed address (or one that is not there)."""
    error = _error(w, accurate, ["no_such_dog"])
    if not line.cuckoos or (line.dog is None) == accurate:
        return None
    c = line.cuckoos[0]
    day = day_between(w.fact, c.start, c.end)
    text = w.fill((
        "An aggressive {dog} is being kept at {address} by {line} to deter police and rivals.",
        "Officers attending {address} should be aware of a {dog} at the address, believed to "
        "belong to {line}.",
    ), dog=line.dog or "XL bully", line=_brand(w, line, None), address=lambda: w.address(
        c.address, "cuckooed_address", c.cell_id, line.line_id))  # fmt: skip
    return w.draft("dog", day, line.line_id, text, ("dog", "cuckooing"), accurate,
                   error, c.address.place)  # fmt: skip


def cash(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """Cash moved back to the hub by the runners."""
    error = _error(w, accurate, _can_mistake_line(w))
    if not any(r.base == "hub" for r in line.runners):
        return None
    day = _report_day(w, line)
    text = w.fill((
        "Runners for {line} are taking large amounts of cash back to London on the train, up "
        "to {amount} pounds at a time.",
        "Cash from {line} is counted in Clacton and driven back to London every few days. "
        "Amounts of {amount} pounds mentioned.",
    ), line=_brand(w, line, error),
        amount=pick(w.say, ("2,000", "3,500", "5,000", "several thousand")))  # fmt: skip
    return w.draft("cash", day, line.line_id, text, ("cash", "going_country"), accurate,
                   error, "Clacton-on-Sea")  # fmt: skip


def violence(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """An attack between this line and a rival (or one that did not happen)."""
    mine = [i for i in w.world.incidents if line.line_id in (i.victim_line, i.aggressor_line)]
    error = _error(w, accurate, ["no_such_incident"])
    if accurate and not mine:
        return None
    if error:
        other = _other_line(w, line)
        if other is None:
            return None
        victim, aggressor = (line, other) if w.fact.random() < 0.5 else (other, line)
        day = day_between(w.fact, w.world.first_day, w.world.last_day)
        kind = pick(w.fact, ("stabbed", "shot at", "assaulted"))
        place, _ = w.place()
    else:
        incident = pick(w.fact, mine)
        victim = w.world.line(incident.victim_line)
        aggressor = w.world.line(incident.aggressor_line)
        day, kind, place = incident.date, incident.kind, incident.place

    def role(x: LineFacts) -> str:
        """``line`` for the report's own line, ``rival_line`` for the other."""
        return "line" if x.line_id == line.line_id else "rival_line"

    text = w.fill((
        "Ongoing feud between {a} and {v} over Clacton. A runner working for {v} was {kind} "
        "near {landmark} in {place} on {day}.",
        "On {day} a young male dealing for {v} was {kind} by members of {a}. Retaliation "
        "expected.",
    ), a=lambda: w.line(aggressor, role(aggressor)), v=lambda: w.line(victim, role(victim)),
        kind=kind, place=place, day=w.day(day),
        landmark=pick(w.say, ("the seafront", "the station", "the park")))  # fmt: skip
    return w.draft("violence", day, line.line_id, text, ("violence", "rivalry"), accurate,
                   error, place)  # fmt: skip


def vehicle(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """The holder's car seen in the county (or a registration that is not his)."""
    error = _error(w, accurate, ["wrong_vehicle"])
    if line.vehicle is None:
        return None
    day = _report_day(w, line)
    if error:
        wrong = Vehicle(draw_vrm(w.fact, day.year), line.vehicle.description)
        car = lambda: w.vehicle(wrong, "wrong_vehicle", line.line_id)  # noqa: E731
    else:
        real = line.vehicle
        car = lambda: w.vehicle(real, "holder_vehicle", line.line_id)  # noqa: E731
    place, landmark = w.place()
    text = w.fill((
        "{nick}, who runs {line}, seen in Clacton driving {car}. Parked near {landmark}.",
        "{car} linked to {line} seen in {place}. Believed to be used by {nick} to bring drugs "
        "down from London.",
    ), line=_brand(w, line, None), car=car, landmark=landmark, place=place,
        **_holder_fields(w, line))  # fmt: skip
    return w.draft("vehicle", day, line.line_id, text, ("vehicle", "line_holder"), accurate,
                   error, place)  # fmt: skip


def going_country(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """A runner arriving from London at the start of a stay."""
    travellers = [r for r in line.runners if r.stints]
    error = _error(w, accurate, _can_mistake_line(w))
    if not travellers:
        return None
    r = pick(w.fact, travellers)
    day, _ = pick(w.fact, r.stints)
    age = f"aged about {r.age}" if r.under_18 else f"in {pronouns(r.female)['his']} twenties"
    text = w.fill((
        "{nick}, {age}, seen getting off the London train at Clacton station with a holdall "
        "on {day}. Believed to be going country for {line}.",
        "{Boy} {age} known as {nick} arrived in Clacton from London on {day} and was collected "
        "by a taxi. Runner for {line}.",
    ), age=age, day=w.day(day), line=_brand(w, line, error),
        **_runner_fields(w, line, r))  # fmt: skip
    indicates = ("going_country", "runner") + (("child_runner",) if r.under_18 else ())
    return w.draft("going_country", day, line.line_id, text, indicates, accurate,
                   error, "Clacton-on-Sea")  # fmt: skip


def number_change(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """A new number announced to the customers (or a wrong one given as new)."""
    pairs = [(a, b) for a, b in zip(line.numbers, line.numbers[1:], strict=False) if b.first]
    error = _error(w, accurate, ["wrong_number"])
    if not pairs:
        return None
    old, new = pick(w.fact, pairs)
    assert new.first is not None
    day = day_between(
        w.fact, new.first, min(new.first + dt.timedelta(days=5), new.last or w.world.last_day)
    )
    new_phone = (
        _wrong_phone(w, line) if error
        else (lambda: w.phone(new.number, "deal_number", line.line_id))
    )  # fmt: skip
    text = w.fill((
        "{line} has changed number. Users received a text from {old} saying new number, "
        "now using {new}.",
        "New number for {line}: {new}. The old number {old} is no longer answering.",
    ), line=_brand(w, line, None), new=new_phone,
        old=lambda: w.phone(old.number, "old_deal_number", line.line_id))  # fmt: skip
    return w.draft("number_change", day, line.line_id, text, ("deal_line", "number_change"),
                   accurate, error, "Clacton-on-Sea")  # fmt: skip


def legacy_holder(w: Writer, line: LineFacts, accurate: bool) -> Draft | None:
    """An old record (legacy 5x5x5) about the holder, from years before the period."""
    error = _error(w, accurate, ["no_such_weapon", "wrong_number"])
    day = w.world.first_day - dt.timedelta(days=int(w.fact.integers(365, 5 * 365)))
    extra: Field = ""
    indicates: tuple[str, ...] = ("line_holder",)
    if error == "no_such_weapon":
        extra = " He is believed to have access to a firearm."
        indicates = ("line_holder", "weapon")
    elif error == "wrong_number":
        wrong = _wrong_phone(w, line)
        extra = lambda: f" He uses {wrong()}."  # noqa: E731
    elif line.holder_numbers and w.fact.random() < 0.5:
        extra = lambda: f" He uses {w.phone(line.holder_numbers[0], 'holder', line.line_id)}."  # noqa: E731
    text = w.fill((
        "{name}, known as {nick}, is involved in the supply of Class A drugs in {hub} and "
        "associates with older gang members.{extra}",
        "{nick} ({name}) is dealing crack cocaine in {hub} and recruiting younger boys to "
        "run for him.{extra}",
    ), hub=line.holder_place, extra=extra, **_holder_fields(w, line))  # fmt: skip
    return w.draft("legacy_holder", day, line.line_id, text, indicates, accurate,
                   error, line.holder_place, force="legacy")  # fmt: skip


#: Topics of reports about a line, with their weights (how often each is chosen).
LINE_TOPICS: dict[str, tuple[Topic, float]] = {
    "deal_number": (deal_number, 3.0),
    "holder": (holder, 1.5),
    "child_runner": (child_runner, 2.0),
    "adult_runner": (adult_runner, 1.0),
    "missing_episode": (missing_episode, 1.0),
    "cuckooing": (cuckooing, 2.0),
    "weapon": (weapon, 1.0),
    "dog": (dog, 0.5),
    "cash": (cash, 0.6),
    "violence": (violence, 0.8),
    "vehicle": (vehicle, 0.6),
    "going_country": (going_country, 0.8),
    "number_change": (number_change, 1.0),
}
#: Every line gets a report on these first (when it has something to report).
FIRST_TOPICS = ("deal_number", "cuckooing", "child_runner")
