"""Reports from the public: short free text, as people type it into a reporting page.

``public_reports.jsonl`` holds 5-15 reports per scenario, one JSON object a
line: ``ref``, ``received_utc``, ``text``. The text is plain, varied English
with the slips people make (lower case, no full stops, "definately",
"theres"), numbers spelt every way ("oh seven four nine two...", "double
two", digits with spaces), postcodes in lower case ("co15 1ab"), car
registrations without a space ("silver fiesta AB12CDE"), addresses by
landmark ("the flat above the bookies on Pier Avenue"), and children
involved. What each report mentions and whether it is right are in
truth.json (``public_reports``), never in the file: the file is what a
reporting page would receive.

Topics (judgement): a marketing text received from a deal number; a
neighbour of a cuckooed address; children dealing; a car seen (the holder's);
a missing child; and wrong reports (a taxi firm or a neighbour accused).
Drawn from stream ``public_reports`` and the facts of
:mod:`~countylines.simulate.intel_world`, so they agree with intel.csv.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from countylines.simulate.addresses import LANDMARKS, draw_address
from countylines.simulate.intel_draft import day_between
from countylines.simulate.intel_world import IntelWorld, LineFacts
from countylines.simulate.names import draw_name
from countylines.simulate.randomness import pick, pick_weighted

PUBLIC_REPORTS_JSONL = "public_reports.jsonl"
MIN_REPORTS, MAX_REPORTS = 5, 15
DIGIT_WORDS = ("oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: Slips people make when typing (whole words).
SLIPS = (("there is", "theres"), ("definitely", "definately"), ("a lot", "alot"),
         ("people", "ppl"), ("because", "cos"), ("don't", "dont"), ("you", "u"),
         ("they're", "there"), ("I'm", "im"), ("going", "goin"))  # fmt: skip
ADVERTS = ("{b} back on, 2 for 20 all day", "NEW NUMBER {b} save this one",
           "{b} open now, delivery all clacton", "{b} line: white and dark, ring me")  # fmt: skip


def speak_number(number: str, rng: np.random.Generator) -> str:
    """A UK number (E.164) as a member of the public types it.

    Styles: all in words ("oh seven four nine two, two one six..."), with
    "double" for a repeated digit at times; digits with words mixed
    ("07492 two one six seven nine four"); digits spaced one by one; or plain
    digits. Every style reads back to the same digits (tested).
    """
    national = "0" + number[3:] if number.startswith("+44") else number
    style = int(rng.integers(4))
    if style == 3:
        return pick(rng, (national, f"{national[:5]} {national[5:]}"))
    if style == 2:
        return " ".join(national)
    head, tail = national[:5], national[5:]
    if style == 1:
        return f"{head} {' '.join(DIGIT_WORDS[int(d)] for d in tail)}"
    return f"{_words(head, rng)}, {_words(tail, rng)}"


def _words(digits: str, rng: np.random.Generator) -> str:
    out: list[str] = []
    i = 0
    while i < len(digits):
        word = DIGIT_WORDS[int(digits[i])]
        if i + 1 < len(digits) and digits[i + 1] == digits[i] and rng.random() < 0.6:
            out.append(f"double {word}")
            i += 2
        else:
            out.append(word)
            i += 1
    return " ".join(out)


@dataclass
class _Report:
    line_id: str | None
    accurate: bool
    indicates: tuple[str, ...]
    text: str
    day: dt.date
    mentions: list[dict[str, Any]] = field(default_factory=list)


def _mention(rep: _Report, kind: str, written: str, role: str, **where: Any) -> str:
    rep.mentions.append({"kind": kind, "written": written, "is": role,
                         **{k: v for k, v in where.items() if v is not None}})  # fmt: skip
    return written


def _active(line: LineFacts) -> list[tuple[str, dt.date, dt.date]]:
    return [(n.number, n.first, n.last) for n in line.numbers if n.first and n.last]


def _marketing(world: IntelWorld, rng: np.random.Generator) -> _Report | None:
    lines = [line for line in world.lines if _active(line)]
    if not lines:
        return None
    line = pick(rng, lines)
    number, first, last = pick(rng, _active(line))
    rep = _Report(line.line_id, True, ("deal_line",), "", day_between(rng, first, last))
    spoken = _mention(rep, "phone", speak_number(number, rng), "deal_number",
                      number=number, line_id=line.line_id)  # fmt: skip
    advert = pick(rng, ADVERTS).format(b=line.brand.upper())
    _mention(rep, "line", line.brand.upper(), "line", line_id=line.line_id)
    rep.text = pick(rng, (
        "I keep getting texts from {n} saying '{a}'. I don't know who it is, I think it's drugs. "
        "My teenage son has been getting them too.",
        "got a text off {n} '{a}' never given my number to anyone",
        "Random number {n} texting me '{a}'. Please look into it, there is a lot of this "
        "going on round here.",
    )).format(n=spoken, a=advert)  # fmt: skip
    return rep


def _cuckoo(world: IntelWorld, rng: np.random.Generator) -> _Report | None:
    pairs = [(line, c) for line in world.lines for c in line.cuckoos]
    if not pairs:
        return None
    line, c = pick(rng, pairs)
    a = c.address
    rep = _Report(line.line_id, True, ("cuckooing", "vulnerable_adult"), "",
                  day_between(rng, c.start, c.end))  # fmt: skip
    landmark = pick(rng, LANDMARKS.get(a.place, ("the shop",)))
    street = (
        a.street.replace("Avenue", "Ave").replace("Road", "Rd") if rng.random() < 0.5 else a.street
    )
    if rng.random() < 0.5:
        where = f"the flat above {landmark} on {street}"
    else:
        where = f"number {a.number} {street}".lower()
    where = _mention(rep, "address", where, "cuckooed_address", cell_id=c.cell_id,
                     address=a.full, line_id=line.line_id)  # fmt: skip
    postcode = a.postcode.lower() if rng.random() < 0.6 else a.postcode.replace(" ", "")
    postcode = _mention(rep, "postcode", postcode, "cuckooed_address", cell_id=c.cell_id,
                        postcode=a.postcode, line_id=line.line_id)  # fmt: skip
    who = "the woman" if c.occupant_female else "the man"
    rep.text = pick(rng, (
        "There is people coming and going all hours at {w} ({p}). {o} who lives there is "
        "vulnerable and I haven't seen {h} for weeks. Young lads with London accents.",
        "{w} {p} - door kicked in, people in and out all night, {o} there is being taken "
        "advantage of I'm sure of it",
        "Please check on {o} at {w}, {p}. Loads of young people staying there, it definitely "
        "is drugs, you can smell it in the stairwell.",
    )).format(w=where, p=postcode, o=who, h="her" if c.occupant_female else "him")  # fmt: skip
    return rep


def _children(world: IntelWorld, rng: np.random.Generator) -> _Report | None:
    lines = [line for line in world.lines if any(r.under_18 for r in line.runners)]
    if not lines:
        return None
    line = pick(rng, lines)
    kids = [r for r in line.runners if r.under_18]
    first, last = max(line.start, world.first_day), world.last_day
    rep = _Report(line.line_id, True, ("child_runner",), "", day_between(rng, first, last))
    place = pick(rng, sorted({p for _, p in world.county_cells if p in LANDMARKS}) or
                 ["Pier Avenue"])  # fmt: skip
    landmark = pick(rng, LANDMARKS.get(place, ("the shops",)))
    age = min(r.age for r in kids)
    who = _mention(rep, "person", pick(rng, (
        f"kids no older than {age}", f"boys about {age} or {age + 1}", "school kids",
        f"a young lad maybe {age}")), "child_runner", line_id=line.line_id)  # fmt: skip
    rep.text = pick(rng, (
        "{w} on bikes dealing outside {l} every day after school, they're not from round "
        "here, London accents",
        "I have seen {w} handing little packets to people by {l}. Someone is using these "
        "children. Please do something.",
        "theres {w} hanging round {l} till 2am, cars pull up and they run over to them",
    )).format(w=who, l=landmark)  # fmt: skip
    return rep


def _car(world: IntelWorld, rng: np.random.Generator) -> _Report | None:
    lines = [line for line in world.lines if line.vehicle and line.cuckoos]
    if not lines:
        return None
    line = pick(rng, lines)
    assert line.vehicle is not None
    c = pick(rng, line.cuckoos)
    rep = _Report(line.line_id, True, ("vehicle", "cuckooing"), "",
                  day_between(rng, c.start, c.end))  # fmt: skip
    colour, *model = line.vehicle.description.split(" ")
    reg = line.vehicle.vrm.replace(" ", "")
    reg = reg.lower() if rng.random() < 0.3 else reg
    car = f"{colour} {model[-1] if rng.random() < 0.5 else ' '.join(model)}".lower()
    reg = _mention(rep, "vehicle", reg, "holder_vehicle", vrm=line.vehicle.vrm.replace(" ", ""),
                   line_id=line.line_id)  # fmt: skip
    street = _mention(rep, "address", c.address.street, "cuckooed_address", cell_id=c.cell_id,
                      address=c.address.full, line_id=line.line_id)  # fmt: skip
    rep.text = pick(rng, (
        "{c} {r} keeps pulling up on {s}, young lads get in and out, only stays 5 minutes",
        "A {c}, reg {r}, parks outside the flats on {s} most nights. Driver never gets out.",
    )).format(c=car, r=reg, s=street)  # fmt: skip
    return rep


def _missing(world: IntelWorld, rng: np.random.Generator) -> _Report | None:
    pairs = [(line, m) for line in world.lines for m in line.missing]
    if not pairs:
        return None
    line, m = pick(rng, pairs)
    r = next(x for x in line.runners if x.number == m.runner_number)
    rep = _Report(line.line_id, True, ("missing_episode", "child_runner"), "",
                  day_between(rng, m.reported, m.found))  # fmt: skip
    first = _mention(rep, "person", r.name.split(" ")[0], "runner", number=r.number,
                     line_id=line.line_id, under_18=True)  # fmt: skip
    rep.text = pick(rng, (
        "My son's friend {f} has been missing from {h} and his mum thinks he is in Clacton "
        "selling drugs. He is only {a}.",
        "{f} ({a}) from {h} is down here in clacton, hes been reported missing, seen him "
        "by the station with older boys",
    )).format(f=first, h=m.home_place, a=r.age)  # fmt: skip
    return rep


def _wrong(world: IntelWorld, rng: np.random.Generator) -> _Report | None:
    day = day_between(rng, world.first_day, world.last_day)
    taxis = [d for d in world.decoys if d.kind == "taxi" and d.name]
    if taxis and rng.random() < 0.5:
        d = pick(rng, taxis)
        rep = _Report(None, False, ("deal_line",), "", day)
        name = _mention(rep, "business", d.name, "decoy", number=d.number, decoy_kind=d.kind)
        rep.text = pick(rng, (
            "{n} taxis are dealing drugs I swear, they are always outside the flats at night",
            "Drivers from {n} delivering drugs around clacton, everyone knows",
        )).format(n=name)  # fmt: skip
        return rep
    cell, place = pick(rng, world.county_cells)
    taken = {c.address.full for line in world.lines for c in line.cuckoos}
    a = draw_address(rng, place, taken)
    rep = _Report(None, False, ("drug_activity",), "", day)
    where = _mention(rep, "address", f"{a.number} {a.street}", "innocent_address",
                     cell_id=cell, address=a.full)  # fmt: skip
    neighbour = draw_name(rng, pick(rng, ("older_male", "female"))).split(" ")[0]
    rep.text = pick(rng, (
        "My neighbour at {w} is definitely dealing, loads of parcels delivered and visitors",
        "{n} at {w} is selling drugs from the house, people knock at all hours",
    )).format(w=where, n=neighbour)  # fmt: skip
    return rep


TOPICS = {
    _marketing: 3.0, _cuckoo: 3.0, _children: 2.5, _car: 1.5, _missing: 1.0, _wrong: 2.0,
}  # fmt: skip


def _slips(text: str, protected: list[str], rng: np.random.Generator) -> str:
    """Typing habits: common misspellings; some people type all in lower case."""
    for right, wrong in SLIPS:
        if rng.random() < 0.5:
            slipped = re.sub(rf"\b{re.escape(right)}\b", wrong, text, flags=re.IGNORECASE)
            if all(p.lower() in slipped.lower() for p in protected):  # mentions stay whole
                text = slipped
    if rng.random() < 0.35:
        text = text.lower().rstrip(".")
    return text


def draw_public_reports(
    world: IntelWorld, seed_stream: np.random.Generator
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The reports (file records) and their truth (truth.json ``public_reports.reports``).

    Args:
        world: the scenario's intelligence facts.
        seed_stream: the ``public_reports`` stream.
    """
    rng = seed_stream
    n = int(rng.integers(MIN_REPORTS, MAX_REPORTS + 1))
    drafts: list[_Report] = []
    for _ in range(n * 10):
        if len(drafts) == n:
            break
        rep = pick_weighted(rng, TOPICS)(world, rng)
        if rep is not None:
            rep.text = _slips(rep.text, [m["written"] for m in rep.mentions], rng)
            drafts.append(rep)
    drafts.sort(key=lambda r: r.day)
    records, truth = [], []
    for i, rep in enumerate(drafts, start=1):
        ref = f"PR-{i:04d}"
        seconds = int(rng.integers(7 * 3600, 23 * 3600))
        received = dt.datetime.combine(rep.day, dt.time(), dt.UTC) + dt.timedelta(seconds=seconds)
        records.append(
            {"ref": ref, "received_utc": received.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "text": rep.text}
        )  # fmt: skip
        mentions = []
        for m in rep.mentions:  # the phrase as it stands in the text (case may have changed)
            found = re.search(re.escape(m["written"]), rep.text, re.IGNORECASE)
            assert found is not None
            mentions.append({**m, "written": found.group(0)})
        truth.append(
            {"ref": ref, "line_id": rep.line_id, "accurate": rep.accurate,
             "indicates": list(rep.indicates), "mentions": mentions}
        )  # fmt: skip
    return records, truth


def write_public_reports(records: list[dict[str, Any]], path: Path) -> int:
    """Write the JSON-lines file (UTF-8, one object a line); returns the reports written."""
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(records)
