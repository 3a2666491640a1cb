"""Geography values: UK postcodes, LSOA codes and LSOA names, in one place.

Each pattern is written once and used both in Python and in the DuckDB SQL
that checks whole files (RE2 and Python's ``re`` read these patterns alike).

* A **postcode** is compared and stored in its ONS ``pcds`` form: capitals,
  one space before the inward code (``co15 1aa``, ``CO151AA`` and
  ``CO15  1AA`` all become ``CO15 1AA``). Only the shape is checked (outward
  code, then a digit and two letters); whether the postcode exists is the
  lookup file's business.
* An **LSOA code** (lower layer super output area, ONS) is ``E01`` (England)
  or ``W01`` (Wales) and six digits; Scottish data zones (``S01``) are
  accepted too, so that a cross-border lookup loads whole.
* An **LSOA name** is its local authority's name, then the MSOA number and a
  letter (``Tendring 018A``); :func:`local_authority_from_lsoa_name` reads the
  authority back from it.
"""

from __future__ import annotations

import re

# Outward code (A9, A99, A9A, AA9, AA99, AA9A, or the special GIR) then inward code (9AA),
# without the space. Source: the structure of the Royal Mail postcode (ONS ONSPD user guide).
POSTCODE_COMPACT_PATTERN = r"([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)[0-9][A-Z]{2}"
LSOA_CODE_PATTERN = r"[EWS]01[0-9]{6}"
# ONSPD's pseudo-codes for places without an LSOA (L99999999 Channel Islands, M99999999 Isle
# of Man, and the like): a postcode with one has no LSOA.
PSEUDO_CODE_PATTERN = r"[A-Z]99999999"
# "<local authority> <MSOA number><letter>", e.g. "Southend-on-Sea 003A".
_LSOA_NAME = re.compile(r"(?P<authority>.+?)\s+[0-9]{3}[A-Z]")


def normalise_postcode(text: str | None) -> str | None:
    """The ``pcds`` form of a UK postcode, or None if ``text`` is not shaped like one.

    >>> normalise_postcode(" co15  1aa ")
    'CO15 1AA'
    >>> normalise_postcode("CO15") is None
    True
    """
    if text is None:
        return None
    compact = re.sub(r"\s+", "", text).upper()
    if not re.fullmatch(POSTCODE_COMPACT_PATTERN, compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def is_lsoa_code(text: str | None) -> bool:
    """Whether ``text`` is shaped like an LSOA (or data zone) code, e.g. ``E01021988``."""
    return text is not None and re.fullmatch(LSOA_CODE_PATTERN, text) is not None


def local_authority_from_lsoa_name(name: str | None) -> str | None:
    """The local authority an LSOA name starts with (``Tendring 018A`` -> ``Tendring``).

    Returns None for a name not in the ONS form ``<authority> <nnn><letter>``.
    """
    if name is None:
        return None
    match = _LSOA_NAME.fullmatch(name.strip())
    return match.group("authority") if match else None


def lsoa_vintage(header: str) -> str | None:
    """The census year of the LSOAs a column holds, from its header (``lsoa11cd`` -> 2011).

    Returns ``"2011"``, ``"2021"`` or None when the header does not say.
    """
    compact = re.sub(r"[^a-z0-9]", "", header.casefold())
    if "2011" in compact or re.search(r"(lsoa|lad|msoa)11", compact):
        return "2011"
    if "2021" in compact or re.search(r"(lsoa|lad|msoa)21", compact):
        return "2021"
    return None
