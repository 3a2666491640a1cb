"""Times and dates as officers write them: ISO 8601, UK local time unless a zone is given.

``2024-03-05 05:00`` and ``2024-03-05T05:00`` are UK local time (Europe/London,
so BST in summer); ``2024-03-05T05:00Z`` or ``+01:00`` say their own zone.
In the hour the clocks go back, a local time is ambiguous: it is refused
with a request to give the zone, never guessed.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


class WhenError(ValueError):
    """Text that is not a time or date, or an ambiguous or missing local time."""


def parse_moment(text: str) -> dt.datetime:
    """An aware UTC time from ``text`` (see the module docstring).

    Raises:
        WhenError: not ISO 8601; or a UK local time that does not exist
            (clocks go forward) or happens twice (clocks go back).
    """
    raw = text.strip()
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise WhenError(f"{text!r} is not a time like 2024-03-05 05:00 (UK time) or …Z") from exc
    if value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    first = value.replace(tzinfo=UK, fold=0)
    second = value.replace(tzinfo=UK, fold=1)

    def exists(moment: dt.datetime) -> bool:
        return moment.astimezone(dt.UTC).astimezone(UK).replace(tzinfo=None) == value

    if not exists(first) and not exists(second):
        raise WhenError(f"{text!r} does not exist in the UK (the clocks go forward)")
    if first.utcoffset() != second.utcoffset():
        raise WhenError(
            f"{text!r} happens twice in the UK (the clocks go back): add the zone, "
            "e.g. +01:00 (BST) or +00:00 (GMT)"
        )
    return first.astimezone(dt.UTC)


def parse_day(text: str) -> dt.date:
    """A calendar date from ``YYYY-MM-DD``.

    Raises:
        WhenError: anything else.
    """
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise WhenError(f"{text!r} is not a date like 2024-03-05") from exc


def as_utc(value: dt.datetime) -> dt.datetime:
    """A time read back from the records database as aware UTC (SQLite drops the zone)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
