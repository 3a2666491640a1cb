"""Helpers for the extraction tests: mentions of one type, as (text, value) pairs.

They read the phrase rules' own phrases (``clauses=False``) unless told otherwise: the
indicator tests here test the rules; the clause reader has its own (``test_clauses.py``).
"""

from __future__ import annotations

from countylines.extract import Mention, extract


def found(text: str, kind: str, **options: object) -> list[tuple[str, str | None]]:
    """``(text as written, value)`` of each ``kind`` mention in ``text``, in order."""
    options.setdefault("clauses", False)
    mentions: list[Mention] = extract(text, **options)  # type: ignore[arg-type]
    return [(m.text, m.value) for m in mentions if m.type == kind]


def texts(text: str, kind: str, **options: object) -> list[str]:
    """The written text of each ``kind`` mention in ``text``, in order."""
    return [written for written, _value in found(text, kind, **options)]
