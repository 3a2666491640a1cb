"""What staging keeps of one file while it streams: never the reports themselves.

Counts, the first row errors, the date range, one bit per report (loads or
not) and the URNs read so far. The URNs are as many as the reports, so they
live in a scratch SQLite file in the import's private folder, not in memory.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from countylines.ingest.errors import RowError
from countylines.ingest.intel_checks import Report
from countylines.ingest.intel_fields import RawRow


class Flags:
    """One bit per report read: whether it loads (the only state kept per report)."""

    def __init__(self) -> None:
        self._bits = bytearray()
        self.count = 0

    def append(self, value: bool) -> None:
        """Note the next report."""
        if self.count % 8 == 0:
            self._bits.append(0)
        if value:
            self._bits[-1] |= 1 << (self.count % 8)
        self.count += 1

    def __getitem__(self, index: int) -> bool:
        """Whether report ``index`` (0-based, in file order) loads."""
        return bool(self._bits[index >> 3] >> (index & 7) & 1)


@dataclass
class Tally:
    """What staging keeps of the reports read: counts, the first errors, the date range."""

    max_errors: int
    rows_read: int = 0
    rows_loaded: int = 0
    rows_skipped: int = 0  # identical reports already in the workspace
    withheld: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    errors: list[RowError] = field(default_factory=list)
    loads: Flags = field(default_factory=Flags)
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    def skip(self) -> None:
        """Count one report already held, identical: read, not loaded, not an error."""
        self.rows_read += 1
        self.rows_skipped += 1
        self.loads.append(False)

    def add(self, row: RawRow, report: Report | None) -> None:
        """Count one report: loaded, or rejected under its first problem.

        Rows arrive in line order, so the first errors kept are those of the
        earliest lines.
        """
        self.rows_read += 1
        self.loads.append(report is not None)
        if report is None:
            self.reasons[row.problems[0][0]] += 1
            room = self.max_errors - len(self.errors)
            self.errors.extend(e for _, e in row.problems[: max(room, 0)])
            return
        self.rows_loaded += 1
        if self.first_date is None or report.date < self.first_date:
            self.first_date = report.date
        if self.last_date is None or report.date > self.last_date:
            self.last_date = report.date


class SeenUrns:
    """The URNs read so far in one file, each with the line of its first report.

    They are as many as the file's reports, so they live in a scratch SQLite
    file in the import's private folder (removed afterwards), looked up a
    batch at a time, rather than in memory.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE seen (urn BLOB PRIMARY KEY, line INTEGER) WITHOUT ROWID")

    def __enter__(self) -> SeenUrns:
        """The open index."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close and remove the index."""
        self._db.close()
        self._path.unlink(missing_ok=True)

    def first_lines(self, urns: Iterable[str]) -> dict[str, int | None]:
        """URN -> line of its first report, for those of ``urns`` already seen."""
        keys = list({_key(u) for u in urns})
        found: dict[str, int | None] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for urn, line in self._db.execute(
                f"SELECT urn, line FROM seen WHERE urn IN ({marks})", chunk
            ):
                found[urn.decode("utf-8", "surrogatepass")] = line
        return found

    def add(self, firsts: dict[str, int | None]) -> None:
        """Note URNs seen for the first time, with their lines."""
        self._db.executemany(
            "INSERT INTO seen (urn, line) VALUES (?, ?)",
            ((_key(urn), line) for urn, line in firsts.items()),
        )


def _key(urn: str) -> bytes:
    return urn.encode("utf-8", "surrogatepass")
