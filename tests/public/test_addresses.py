"""A street in a report against addresses held in intelligence."""

from __future__ import annotations

import pytest

from countylines.public.addresses import compare, house_number_before, street_pattern


@pytest.mark.parametrize(
    ("number", "postcodes", "address", "same", "agreed"),
    [
        ("24", frozenset({"CO15 1YJ"}), "Flat 4, 24 Church Rd, Clacton", True, ("24", None)),
        ("24", frozenset({"CO15 1YJ"}), "97 Church Road, CO15 1DT", False, (None, None)),
        ("24", frozenset(), "24 church road co15 1yj", True, ("24", None)),
        (None, frozenset({"CO15 1YJ"}), "24 Church Road, CO15 1YJ", True, (None, "CO15 1YJ")),
        (None, frozenset(), "Church Road, Clacton", True, (None, None)),  # the street only
        ("24", frozenset(), "24 Church Lane", False, (None, None)),  # another street
        ("24", frozenset(), "24 Churchill Road", False, (None, None)),
    ],
)
def test_a_street_with_its_number_and_postcode(
    number: str | None,
    postcodes: frozenset[str],
    address: str,
    same: bool,
    agreed: tuple[str | None, str | None],
) -> None:
    got = compare("Church Road", number, postcodes, address)
    assert got.same is same
    if same:
        assert (got.number, got.postcode) == agreed


def test_the_house_number_written_before_a_street() -> None:
    text = "people in and out of number 24 church rd all night, and 7a Pier Ave"
    assert house_number_before(text, text.index("church")) == "24"
    assert house_number_before(text, text.index("Pier")) == "7A"
    assert house_number_before("flats on church rd", 9) is None
    assert street_pattern("Pier") is None  # no street word: nothing to compare
