"""Synthetic names and street nicknames for the people in intelligence reports.

Common first names and surnames of England and Wales, combined at random:
any combination may be a real person's name, who has nothing to do with the
scenario. Nicknames are the short street names reports quote ("known as
'Tiny'"); a line holder's nickname is often the line's brand.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from countylines.simulate.randomness import pick

MALE_FIRST = (
    "Jordan", "Tyler", "Kyle", "Connor", "Callum", "Liam", "Jayden", "Reece", "Kai", "Mason",
    "Ethan", "Tyrese", "Jamal", "Marcus", "Dwayne", "Leon", "Ryan", "Daniel", "Michael", "Josh",
    "Aaron", "Nathan", "Kieran", "Ashley", "Dean", "Lewis", "Harvey", "Alfie", "Kofi", "Ibrahim",
    "Mohammed", "Ahmed", "Junior", "Andre", "Ricardo", "Toby", "Bradley", "Jake", "Shane", "Wayne",
)  # fmt: skip
FEMALE_FIRST = (
    "Chloe", "Jade", "Shannon", "Megan", "Leah", "Kayla", "Amber", "Paige", "Demi", "Tia",
    "Sharon", "Tracey", "Karen", "Julie", "Donna", "Michelle", "Lisa", "Kelly", "Nicola", "Joanne",
)  # fmt: skip
OLDER_MALE_FIRST = (
    "Gary", "Steven", "Paul", "Mark", "Keith", "Trevor", "Colin", "Derek", "Malcolm", "Terry",
    "Graham", "Barry", "Alan", "Kevin", "Brian", "Roy",
)  # fmt: skip
SURNAMES = (
    "SMITH", "JONES", "WILLIAMS", "BROWN", "TAYLOR", "DAVIES", "WILSON", "EVANS", "THOMAS",
    "JOHNSON", "ROBERTS", "WALKER", "WRIGHT", "THOMPSON", "WHITE", "HUGHES", "EDWARDS", "GREEN",
    "HALL", "WOOD", "HARRIS", "LEWIS", "MARTIN", "JACKSON", "CLARKE", "CLARK", "TURNER", "HILL",
    "SCOTT", "COOPER", "MORRIS", "WARD", "MOORE", "KING", "WATSON", "BAKER", "HARRISON",
    "MORGAN", "PATEL", "YOUNG", "ALLEN", "MITCHELL", "JAMES", "ANDERSON", "PHILLIPS", "LEE",
    "BELL", "PARKER", "DAVIS", "CAMPBELL", "MENSAH", "OKAFOR", "BOATENG", "ADEYEMI", "HUSSAIN",
    "ALI", "KHAN", "BEGUM", "FRANCIS", "GRANT", "REID", "OSEI", "NOWAK", "KOWALSKI",
)  # fmt: skip
NICKNAMES = (
    "Lil T", "Skeng", "Biggz", "Junior", "Kz", "Trigga", "Smurf", "Stretch", "Dotty", "Fats",
    "Young D", "Chunks", "Spider", "Bam", "Rico", "Scrappy", "Slim", "Peanut", "Twix", "Bugz",
    "Wiz", "Kilo", "Nines", "Loco", "Shorty", "Dino", "Pops", "Reks", "Digga", "Moneybags",
    "J-Dot", "Teeks", "Ghosty", "Renz", "Zino", "Krazy", "Bully", "Snoops", "Little Man", "Sav",
)  # fmt: skip


def draw_name(rng: np.random.Generator, kind: str) -> str:
    """``Jordan SMITH`` style (surname upper case, as police records write it).

    ``kind``: ``young_male``, ``female`` or ``older_male``.
    """
    first = {"young_male": MALE_FIRST, "female": FEMALE_FIRST, "older_male": OLDER_MALE_FIRST}
    return f"{pick(rng, first[kind])} {pick(rng, SURNAMES)}"


def draw_nickname(rng: np.random.Generator, taken: Collection[str]) -> str:
    """A street nickname not in ``taken`` (compared case-insensitively)."""
    used = {t.casefold() for t in taken}
    free = [n for n in NICKNAMES if n.casefold() not in used]
    return pick(rng, free) if free else f"{pick(rng, NICKNAMES)} {len(used)}"
