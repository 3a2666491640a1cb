"""Times as officers write them: UK local unless a zone is given; no silent guesses."""

from __future__ import annotations

import datetime as dt

import pytest

from countylines.operations.when import WhenError, parse_day, parse_moment

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2024-01-15 05:00", dt.datetime(2024, 1, 15, 5, 0, tzinfo=UTC)),  # GMT
        ("2024-07-15T05:00", dt.datetime(2024, 7, 15, 4, 0, tzinfo=UTC)),  # BST
        ("2024-07-15T05:00Z", dt.datetime(2024, 7, 15, 5, 0, tzinfo=UTC)),
        ("2024-07-15T05:00+02:00", dt.datetime(2024, 7, 15, 3, 0, tzinfo=UTC)),
    ],
)
def test_times(text: str, utc: dt.datetime) -> None:
    assert parse_moment(text) == utc


def test_ambiguous_and_missing_local_times_are_refused() -> None:
    with pytest.raises(WhenError, match="happens twice"):
        parse_moment("2024-10-27 01:30")
    with pytest.raises(WhenError, match="does not exist"):
        parse_moment("2024-03-31 01:30")
    assert parse_moment("2024-10-27 01:30+01:00") == dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    with pytest.raises(WhenError, match="not a time"):
        parse_moment("tomorrow 5am")
    with pytest.raises(WhenError, match="not a date"):
        parse_day("05/03/2024")
    assert parse_day("2024-03-05") == dt.date(2024, 3, 5)
