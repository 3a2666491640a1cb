"""Errors an ingest reports: whole-file failures and rejected rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One rejected row or field, as a person reads it.

    Attributes:
        line: 1-based line in the file (the header is line 1); None when the
            error is about the file as a whole.
        column: the column name as written in the file's header, if any.
        value: the offending text, cut to 200 characters.
        reason: what is wrong, in words.
    """

    line: int | None
    column: str | None
    value: str | None
    reason: str


class FileRejected(Exception):
    """The file cannot be imported at all; nothing from it is loaded.

    The message names the file, and the line and column where they are known;
    ``row_errors`` carries the rejected rows when the file failed because of
    them (too many rejected), so a person can still see each one.
    """

    def __init__(
        self,
        file: str,
        reason: str,
        *,
        line: int | None = None,
        column: str | None = None,
        row_errors: list[RowError] | None = None,
    ) -> None:
        self.file = file
        self.reason = reason
        self.line = line
        self.column = column
        self.row_errors = row_errors or []  # kept with the failed attempt, to show why
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {reason}")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2,000 rows``: a count with its noun, for messages."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def clip(value: str | None, limit: int = 200) -> str | None:
    """Cut ``value`` to ``limit`` characters for an error report."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"
