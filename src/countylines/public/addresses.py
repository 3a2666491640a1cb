"""Is a street a report names the same address as one in intelligence? Pure functions.

A report's "24 church rd (co15 1yj)" and an intelligence subject "Flat 4, 24 Church Road,
Clacton" are the same address: the street agrees once its word is written out (``rd`` is
Road, :data:`countylines.extract.streets.STREET_WORDS`), and so do the house number and the
postcode where both give them. "97 Church Road, CO15 1DT" is another house on that street:
not linked. A street alone, with no number or postcode on either side, still links (the
reason says it is the street only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from countylines.extract.postcodes import find_postcodes
from countylines.extract.streets import STREET_WORDS

_NUMBER_BEFORE = re.compile(r"(?<![\w/])(\d{1,4}[a-zA-Z]?)\s*,?\s*$")


def street_pattern(street: str) -> re.Pattern[str] | None:
    """A pattern finding ``street`` however its street word is written (``Church Road``:
    ``church rd``, ``Church Rd.``), or None when it has no street word."""
    words = street.split()
    if len(words) < 2 or words[-1].lower() not in STREET_WORDS:
        return None
    full = STREET_WORDS[words[-1].lower()]
    spellings = sorted(
        (re.escape(k) for k, v in STREET_WORDS.items() if v == full), key=len, reverse=True
    )
    name = r"\s+".join(re.escape(w) for w in words[:-1])
    return re.compile(rf"\b{name}\s+(?:{'|'.join(spellings)})(?!\w)", re.IGNORECASE)


def house_number_before(text: str, start: int) -> str | None:
    """The house number written just before ``start`` (``24 church rd``), upper case."""
    found = _NUMBER_BEFORE.search(text[max(0, start - 12) : start])
    return found.group(1).upper() if found else None


@dataclass(frozen=True)
class AddressMatch:
    """How an intelligence address compares with a street a report names.

    Attributes:
        same: whether they may be the same address.
        number: the house number both give, if any.
        postcode: the postcode both give, if any.
    """

    same: bool
    number: str | None = None
    postcode: str | None = None


def compare(
    street: str, number: str | None, postcodes: frozenset[str], address: str
) -> AddressMatch:
    """Compare a report's ``street`` (with the house number and postcodes it gives) with an
    intelligence ``address``: different if the street is not in it, or if both give a house
    number, or both a postcode, and they differ."""
    pattern = street_pattern(street)
    found = pattern.search(address) if pattern else None
    if found is None:
        return AddressMatch(False)
    theirs = house_number_before(address, found.start())
    if number and theirs and number != theirs:
        return AddressMatch(False)
    their_postcodes = {str(m.value) for m in find_postcodes(address) if m.value}
    if postcodes and their_postcodes and not postcodes & their_postcodes:
        return AddressMatch(False)
    shared = sorted(postcodes & their_postcodes)
    return AddressMatch(
        True, number if number and number == theirs else None, shared[0] if shared else None
    )
