"""A report being drafted: its text in the plain register, and what each phrase refers to.

Topic functions (:mod:`~countylines.simulate.intel_topics`,
:mod:`~countylines.simulate.intel_noise`) write through a :class:`Writer`,
which spells numbers in the author's way and records a :class:`Mention` for
every line, phone, person, address and vehicle written: the phrase, and what
it really is in the scenario. That record becomes the report's truth
(truth.json ``intel.reports[].mentions``).

A writer holds two random generators: ``fact`` for what the report says
(which runner, which day, which mistake) and ``say`` for how it says it.
Drafting again with a ``fact`` generator of the same seed gives the same facts
in other words: that is how near-duplicate reports are made.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from countylines.simulate.addresses import LANDMARKS, Address
from countylines.simulate.intel_style import Author, spell_number, spelling, transpose_digits
from countylines.simulate.intel_world import IntelWorld, LineFacts, Vehicle
from countylines.simulate.randomness import pick

#: Chance that a number written in a report has two digits swapped.
NUMBER_SLIP = 0.02
#: A template field: text, a number, or a function that writes (and records) a phrase.
Field = str | int | Callable[[], str]
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")


@dataclass(frozen=True)
class Mention:
    """A phrase of a report and what it is in the scenario.

    ``kind``: line, phone, person, address or vehicle. ``plain``: the phrase as
    drafted (the report holds it in its author's style). ``role``: what it really
    is (e.g. ``deal_number``, ``runner``, ``cuckooed_address``, ``decoy``,
    ``other_line``). The other fields locate it in truth.json.
    """

    kind: str
    plain: str
    role: str
    line_id: str | None = None
    number: str | None = None
    typo_of: str | None = None
    cell_id: str | None = None
    address: str | None = None
    under_18: bool | None = None
    vrm: str | None = None
    decoy_kind: str | None = None

    def to_json(self, written: str) -> dict[str, Any]:
        """The mention as truth.json writes it, with the phrase as ``written``."""
        out: dict[str, Any] = {"kind": self.kind, "written": written, "is": self.role}
        for name in ("line_id", "number", "typo_of", "cell_id", "address", "under_18", "vrm",
                     "decoy_kind"):  # fmt: skip
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@dataclass
class Draft:
    """A drafted report (plain register), before its author's style and its grading."""

    topic: str
    date: dt.date
    line_id: str | None
    text: str
    indicates: tuple[str, ...]
    mentions: list[Mention]
    accurate: bool
    error: str | None
    area: str
    force: str = "essex"  # "essex" (the county force) or "met" (the hub's)
    subjects: dict[str, list[str]] = field(default_factory=dict)


class Writer:
    """Writes the phrases of one draft and records what they refer to."""

    def __init__(
        self, world: IntelWorld, author: Author, fact: np.random.Generator,
        say: np.random.Generator,
    ) -> None:  # fmt: skip
        self.world = world
        self.author = author
        self.fact = fact
        self.say = say
        self.mentions: list[Mention] = []
        self.subjects: dict[str, list[str]] = {"people": [], "phones": [], "addresses": [],
                                               "vehicles": []}  # fmt: skip

    def _add(self, kind: str, value: str) -> None:
        if value not in self.subjects[kind]:
            self.subjects[kind].append(value)

    def line(self, line: LineFacts, role: str = "line") -> str:
        """The line's brand as people write it ("the Ghost line", "GHOST number")."""
        b = line.brand
        forms = (f"the {b} line", f"the {b} line", f"{b.upper()} line", f"the '{b}' line",
                 f"the {b} deal line", f"{b.upper()} number", f"the line known as {b}",
                 f"the {b} phone")  # fmt: skip
        text = pick(self.say, forms)
        self.mentions.append(Mention("line", text, role, line_id=line.line_id))
        return text

    def phone(
        self, number: str, role: str, line_id: str | None = None,
        under_18: bool | None = None, decoy_kind: str | None = None,
    ) -> str:  # fmt: skip
        """``number`` spelled the author's way (now and then with two digits swapped)."""
        written_number, typo_of = number, None
        if self.say.random() < NUMBER_SLIP:
            slipped = transpose_digits(number, self.say)
            if slipped != number and slipped not in self.world.known_numbers:
                written_number, typo_of = slipped, number
        text = spell_number(written_number, spelling(self.author, self.say))
        self.mentions.append(
            Mention("phone", text, role, line_id=line_id, number=written_number,
                    typo_of=typo_of, under_18=under_18, decoy_kind=decoy_kind)
        )  # fmt: skip
        self._add("phones", written_number)
        return text

    def person(
        self, text: str, role: str, line_id: str | None = None, number: str | None = None,
        column: str | None = None, under_18: bool | None = None,
    ) -> str:  # fmt: skip
        """A person as written (name, nickname, description); ``column``: the subject entry."""
        self.mentions.append(
            Mention("person", text, role, line_id=line_id, number=number, under_18=under_18)
        )
        if column:
            self._add("people", column)
        return text

    def address(
        self, address: Address, role: str, cell_id: str | None, line_id: str | None,
        form: str = "first",
    ) -> str:  # fmt: skip
        """An address: ``full`` (with town and postcode), ``first`` (house and street) or
        ``street`` (the street alone)."""
        text = {"full": address.full, "first": address.first_line, "street": address.street}[form]
        self.mentions.append(
            Mention("address", text, role, line_id=line_id, cell_id=cell_id, address=address.full)
        )
        self._add("addresses", address.full)
        return text

    def vehicle(self, vehicle: Vehicle, role: str, line_id: str | None) -> str:
        """A vehicle: ``a grey VW Golf, AB12 CDE`` (the registration often without its space)."""
        vrm = vehicle.vrm if self.say.random() < 0.6 else vehicle.vrm.replace(" ", "")
        self.mentions.append(
            Mention("vehicle", vrm, role, line_id=line_id, vrm=vehicle.vrm.replace(" ", ""))
        )
        self._add("vehicles", vehicle.vrm)
        return f"a {vehicle.description}, {vrm}"

    def fill(self, templates: Sequence[str], **fields: Field) -> str:
        """One of ``templates`` with its fields filled, sentences starting upper-case.

        Only the fields the chosen template uses are written (functions are called
        once each, in the order of the template), so every recorded mention is in
        the text. Facts must be drawn before (with ``fact``): the template is
        drawn with ``say``.
        """
        template = pick(self.say, templates)
        values: dict[str, str] = {}
        for _, name, _, _ in string.Formatter().parse(template):
            if name and name not in values:
                value = fields[name]
                values[name] = value() if callable(value) else str(value)
        return _SENTENCE_START.sub(
            lambda m: m.group(1) + m.group(2).upper(), template.format(**values)
        )

    def day(self, day: dt.date) -> str:
        """A date inside the text."""
        return self.author.day_in_text(day)

    def place(self) -> tuple[str, str]:
        """A county place with cells, and a landmark in it."""
        places = sorted({p for _, p in self.world.county_cells if p in LANDMARKS})
        place = pick(self.fact, places) if places else "Clacton town centre"
        return place, pick(self.say, LANDMARKS.get(place, ("the town centre",)))

    def draft(
        self, topic: str, date: dt.date, line_id: str | None, text: str,
        indicates: tuple[str, ...], accurate: bool, error: str | None, area: str,
        force: str = "essex",
    ) -> Draft:  # fmt: skip
        """The finished draft, with the mentions and subjects recorded so far."""
        subjects = {k: list(v) for k, v in self.subjects.items()}
        return Draft(topic, date, line_id, text, indicates, list(self.mentions), accurate,
                     error, area, force, subjects)  # fmt: skip


def day_between(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    """A day in ``first``..``last`` (inclusive; ``first`` if the span is empty)."""
    span = (last - first).days
    return first + dt.timedelta(days=int(rng.integers(span + 1))) if span > 0 else first


def pronouns(female: bool) -> dict[str, str]:
    """Words that follow a person's sex in templates (he/she, boy/girl...)."""
    if female:
        return {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her",
                "boy": "girl", "Boy": "Girl", "male": "female", "Male": "Female"}  # fmt: skip
    return {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him", "boy": "boy",
            "Boy": "Boy", "male": "male", "Male": "Male"}  # fmt: skip
