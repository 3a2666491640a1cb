"""Synthetic addresses in the county town, placed by the cells' named places.

County cells are named after the nearest place of
:data:`~countylines.simulate.geography.CLACTON_PLACES` ("Pier Avenue 3").
Each place here has a few streets in it (street names of Clacton-on-Sea,
Jaywick, Holland-on-Sea, St Osyth and Little Clacton, placed approximately)
and the postcode sector that covers it. An address drawn for a cell uses a
street of the cell's place, so an address resolves back to its cell through
the place (and exactly through truth.json, which records the cell of every
address it writes).

House numbers, flat numbers and postcode units are random: an address may
exist, and its residents have nothing to do with the scenario (as with the
phone numbers, see docs/simulate.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from countylines.simulate.randomness import pick

#: Streets per named place of the county town, and the postcode sector of the place.
STREETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Clacton town centre": (
        "CO15 1",
        ("Station Road", "Rosemary Road", "Jackson Road", "Old Road", "Pallister Road",
         "Carnarvon Road", "Wellesley Road", "High Street", "Oxford Road", "Ellis Road"),
    ),
    "Pier Avenue": (
        "CO15 1",
        ("Pier Avenue", "Marine Parade West", "Orwell Road", "Agate Road", "Beach Road",
         "Colne Road", "Church Road"),
    ),
    "Jaywick": (
        "CO15 2",
        ("Broadway", "Brooklands", "Golf Green Road", "Meadow Way", "Tamarisk Way",
         "Lotus Way", "Jaywick Lane"),
    ),
    "Holland-on-Sea": (
        "CO15 5",
        ("Kings Parade", "Holland Road", "Haven Avenue", "Sandown Road", "Manor Way"),
    ),
    "Great Clacton": (
        "CO15 4",
        ("North Road", "St Johns Road", "Valley Road", "Coppins Road", "Plough Road"),
    ),
    "Rush Green": (
        "CO16 7",
        ("Rush Green Road", "St Osyth Road", "Cotswold Road", "Dulwich Road"),
    ),
    "Little Clacton": (
        "CO16 9",
        ("The Street", "London Road", "Harwich Road", "Thorpe Road"),
    ),
    "Bockings Elm": (
        "CO16 8",
        ("Burrs Road", "Thoroughgood Road", "Vista Road", "Skelmersdale Road"),
    ),
    "St Osyth": (
        "CO16 8",
        ("Clacton Road", "Spring Road", "Mill Street", "The Bury", "Point Clear Road"),
    ),
    "Frinton Road": (
        "CO15 5",
        ("Frinton Road", "Sladburys Lane", "Kings Avenue", "Woodrows Lane"),
    ),
}  # fmt: skip

#: The town written after the street, per place.
TOWNS: dict[str, str] = {
    "Jaywick": "Jaywick",
    "Holland-on-Sea": "Holland-on-Sea",
    "Frinton Road": "Holland-on-Sea",
    "St Osyth": "St Osyth",
    "Little Clacton": "Little Clacton",
}
DEFAULT_TOWN = "Clacton-on-Sea"

#: Things people point to, per place (for vague reports and reports from the public).
LANDMARKS: dict[str, tuple[str, ...]] = {
    "Clacton town centre": ("the station", "the Co-op", "the bus station", "the library"),
    "Pier Avenue": ("the pier", "the bookies", "the arcade", "the seafront shelters"),
    "Jaywick": ("the Jaywick Martello tower", "the beach huts", "the shop on Broadway"),
    "Holland-on-Sea": ("the parade of shops", "the greensward"),
    "Great Clacton": ("the church", "the chippy"),
    "Rush Green": ("the rec", "the Tesco Express"),
    "Little Clacton": ("the village hall", "the garage"),
    "Bockings Elm": ("the parade", "the pub"),
    "St Osyth": ("the priory", "the creek"),
    "Frinton Road": ("the petrol station", "the park"),
}
#: Postcode unit letters (the Royal Mail never uses C, I, K, M, O or V in the unit).
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Address:
    """A postal address: ``flat`` (0 = none), ``number``, ``street``, ``town``, ``postcode``."""

    flat: int
    number: int
    street: str
    town: str
    postcode: str
    place: str

    @property
    def first_line(self) -> str:
        """``Flat 2, 14 Pallister Road`` or ``14 Pallister Road``."""
        house = f"{self.number} {self.street}"
        return f"Flat {self.flat}, {house}" if self.flat else house

    @property
    def full(self) -> str:
        """``Flat 2, 14 Pallister Road, Clacton-on-Sea CO15 1AB``."""
        return f"{self.first_line}, {self.town} {self.postcode}"


def place_of(site_name: str) -> str:
    """The named place of a cell from its site name (``Pier Avenue 3`` -> ``Pier Avenue``)."""
    head, _, tail = site_name.rpartition(" ")
    return head if tail.isdigit() and head else site_name


def draw_address(rng: np.random.Generator, place: str, taken: set[str]) -> Address:
    """A new address in ``place`` (a county place name), not one in ``taken`` (full forms).

    Unknown places (a county other than Clacton) use the town-centre streets.
    ``taken`` is updated.
    """
    sector, streets = STREETS.get(place, STREETS["Clacton town centre"])
    town = TOWNS.get(place, DEFAULT_TOWN)
    while True:
        street = pick(rng, streets)
        number = int(rng.integers(1, 140))
        flat = int(rng.integers(1, 9)) if rng.random() < 0.4 else 0
        unit = "".join(pick(rng, UNIT_LETTERS) for _ in range(2))
        postcode = f"{sector}{unit}"
        address = Address(flat, number, street, town, postcode, place)
        if address.full not in taken:
            taken.add(address.full)
            return address


def street_place(street: str) -> str | None:
    """The place a street of :data:`STREETS` lies in (None if unknown)."""
    for place, (_, streets) in STREETS.items():
        if street in streets:
            return place
    return None
