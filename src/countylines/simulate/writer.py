"""Streaming the events to CSV in a carrier layout (template).

Rows are formatted with pyarrow (numbers, cells and IMEIs are dictionary
columns taken by index; times are formatted once per day and second-of-day)
and appended file by file, one day at a time, so memory holds one day.

``canonical`` (default): ``calls.csv`` (or ``calls-0001.csv``… when
``max_rows_per_file`` is set), one row per event, both parties' cell and
IMEI, UTC times (docs/data-model.md).

``uk-record-type``: what a police force gets from a UK carrier, in the
layout of the built-in template of that name (dd/mm/yyyy, hh:mm:ss, UK local
time, hh:mm:ss durations, the *target's* cell and IMEI only):

* ``calls-all.csv``: every event once, as the originator's record (MOC or
  SMS-MO with the caller's cell and IMEI); where the originator has no
  handset (a landline, an SMS sender id, a gateway) as the recipient's record
  (MTC or SMS-MT);
* ``calls-<number>.csv``: one disclosure per target number (national
  spelling), both directions (MOC/SMS-MO and MTC/SMS-MT) with the target's
  cell and IMEI; an incoming event that reached no handset (number off) is
  not in the target's disclosure. Each file spells numbers one way (07…,
  447… or +447…), drawn per file, as carriers differ.

The same event can appear in ``calls-all.csv`` and in one or two target files;
analysis de-duplicates on (start_utc, a_number, b_number, kind).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from countylines.simulate.clock import DAY, utc_to_local
from countylines.simulate.events import SMS, Events

I64 = npt.NDArray[np.int64]

CANONICAL_HEADER = "start_utc,a_number,b_number,kind,duration_s,a_cell_id,a_imei,b_cell_id,b_imei"
RECORD_TYPE_HEADER = (
    "Call Date,Call Time,Record Type,Calling Number,Called Number,Duration,Cell ID,IMEI"
)
_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="none")


@dataclass
class Resolved:
    """Events with each side's cell and IMEI (indices; -1 where not known)."""

    events: Events
    a_cell: I64
    b_cell: I64
    a_imei: I64
    b_imei: I64
    b_delivered: npt.NDArray[np.bool_]

    def take(self, idx: I64) -> Resolved:
        """The events at ``idx``."""
        return Resolved(
            self.events.take(idx),
            self.a_cell[idx],
            self.b_cell[idx],
            self.a_imei[idx],
            self.b_imei[idx],
            self.b_delivered[idx],
        )


@dataclass
class FileInfo:
    """A file written: path, data rows, bytes."""

    path: str
    rows: int
    bytes: int


def _text_table(values: list[str]) -> pa.Array:
    return pa.array(values, type=pa.string())


_TIME_OF_DAY = _text_table(
    [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
)


def _take(table: pa.Array, idx: I64) -> pa.Array:
    """``table[idx]`` with null where ``idx`` is -1."""
    return table.take(pa.array(idx, type=pa.int64(), mask=idx < 0))


def _clock(seconds: I64, date_format: str) -> tuple[pa.Array, pa.Array]:
    """Date strings and hh:mm:ss strings of epoch seconds (formatted per distinct day)."""
    days = seconds // DAY
    uniq, inverse = np.unique(days, return_inverse=True)
    dates = _text_table(
        [np.datetime64(int(d), "D").astype(object).strftime(date_format) for d in uniq]
    )
    return dates.take(pa.array(inverse.astype(np.int64))), _TIME_OF_DAY.take(
        pa.array(seconds - days * DAY)
    )


class _Sink:
    """One CSV file being appended to."""

    def __init__(self, path: Path, header: str, schema: pa.Schema) -> None:
        self.path = path
        self.handle: BinaryIO = path.open("wb")
        self.handle.write((header + "\n").encode())
        self.writer = pacsv.CSVWriter(self.handle, schema, write_options=_OPTIONS)
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        self.writer.write_table(table)
        self.rows += table.num_rows

    def close(self) -> FileInfo:
        self.writer.close()
        self.handle.close()
        return FileInfo(str(self.path), self.rows, self.path.stat().st_size)


@dataclass
class Dictionaries:
    """The strings rows are made of: numbers (three spellings), cell ids, IMEIs."""

    numbers: pa.Array
    national: pa.Array
    digits: pa.Array
    cells: pa.Array
    imeis: pa.Array
    has_handset: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))

    @staticmethod
    def build(
        numbers: list[str], cells: list[str], imeis: list[str], has_handset: npt.NDArray[np.bool_]
    ) -> Dictionaries:
        """Dictionaries of the scenario's strings."""
        national = ["0" + n[3:] if n.startswith("+44") else n for n in numbers]
        digits = [n[1:] if n.startswith("+44") else n for n in numbers]
        return Dictionaries(
            _text_table(numbers),
            _text_table(national),
            _text_table(digits),
            _text_table(cells),
            _text_table(imeis),
            has_handset,
        )


class CanonicalWriter:
    """Writes the ``canonical`` layout (see module doc)."""

    SCHEMA = pa.schema(
        [
            ("start_utc", pa.string()),
            ("a_number", pa.string()),
            ("b_number", pa.string()),
            ("kind", pa.string()),
            ("duration_s", pa.int32()),
            ("a_cell_id", pa.string()),
            ("a_imei", pa.string()),
            ("b_cell_id", pa.string()),
            ("b_imei", pa.string()),
        ]
    )
    KINDS = _text_table(["voice", "sms"])

    def __init__(self, out: Path, dicts: Dictionaries, max_rows_per_file: int = 0) -> None:
        self.out = out
        self.dicts = dicts
        self.max_rows = max_rows_per_file
        self.done: list[FileInfo] = []
        self.sink: _Sink | None = None

    def _next_sink(self) -> _Sink:
        name = "calls.csv" if not self.max_rows else f"calls-{len(self.done) + 1:04d}.csv"
        return _Sink(self.out / name, CANONICAL_HEADER, self.SCHEMA)

    def _table(self, r: Resolved) -> pa.Table:
        ev, d = r.events, self.dicts
        dates, times = _clock(ev.t, "%Y-%m-%d")
        start = pc.binary_join_element_wise(dates, "T", times, "Z", "")
        duration = pa.array(ev.duration, type=pa.int32(), mask=ev.kind == SMS)
        return pa.Table.from_arrays(
            [
                start,
                _take(d.numbers, ev.a),
                _take(d.numbers, ev.b),
                self.KINDS.take(pa.array(ev.kind.astype(np.int64))),
                duration,
                _take(d.cells, r.a_cell),
                _take(d.imeis, r.a_imei),
                _take(d.cells, r.b_cell),
                _take(d.imeis, r.b_imei),
            ],
            schema=self.SCHEMA,
        )

    def write(self, r: Resolved) -> None:
        """Append a day's events (already in time order)."""
        table = self._table(r)
        offset = 0
        while offset < table.num_rows:
            if self.sink is None:
                self.sink = self._next_sink()
            room = table.num_rows - offset
            if self.max_rows:
                room = min(room, self.max_rows - self.sink.rows)
            self.sink.write(table.slice(offset, room))
            offset += room
            if self.max_rows and self.sink.rows >= self.max_rows:
                self.done.append(self.sink.close())
                self.sink = None

    def close(self) -> list[FileInfo]:
        """Finish; returns the files written."""
        if self.sink is None and not self.done:
            self.sink = self._next_sink()
        if self.sink is not None:
            self.done.append(self.sink.close())
            self.sink = None
        return self.done


class RecordTypeWriter:
    """Writes the ``uk-record-type`` layout: an all-events file and per-target files."""

    SCHEMA = pa.schema(
        [
            ("Call Date", pa.string()),
            ("Call Time", pa.string()),
            ("Record Type", pa.string()),
            ("Calling Number", pa.string()),
            ("Called Number", pa.string()),
            ("Duration", pa.string()),
            ("Cell ID", pa.string()),
            ("IMEI", pa.string()),
        ]
    )
    #: index = kind * 2 + incoming
    RECORD_TYPES = _text_table(["MOC", "MTC", "SMS-MO", "SMS-MT"])

    def __init__(
        self, out: Path, dicts: Dictionaries, targets: I64, rng: np.random.Generator
    ) -> None:
        self.out = out
        self.dicts = dicts
        self.all = _Sink(out / "calls-all.csv", RECORD_TYPE_HEADER, self.SCHEMA)
        self.targets = np.sort(np.unique(targets))
        self.target_index = np.full(len(dicts.numbers), -1, dtype=np.int64)
        self.target_index[self.targets] = np.arange(self.targets.size)
        self.styles = rng.integers(0, 3, self.targets.size)
        self.all_style = int(rng.integers(0, 3))
        self.sinks: list[_Sink] = []
        for party in self.targets.tolist():
            name = str(dicts.national[party]).replace("+", "00")
            self.sinks.append(_Sink(out / f"calls-{name}.csv", RECORD_TYPE_HEADER, self.SCHEMA))

    def _table(self, r: Resolved, incoming: npt.NDArray[np.bool_], style: int) -> pa.Table:
        ev, d = r.events, self.dicts
        local = utc_to_local(ev.t)
        dates, times = _clock(local, "%d/%m/%Y")
        numbers = (d.numbers, d.national, d.digits)[style]
        dur = np.where(ev.kind == SMS, -1, ev.duration).astype(np.int64)
        duration = _TIME_OF_DAY.take(pa.array(np.maximum(dur, 0), mask=dur < 0))
        cell = np.where(incoming, r.b_cell, r.a_cell)
        imei = np.where(incoming, r.b_imei, r.a_imei)
        rtype = ev.kind.astype(np.int64) * 2 + incoming
        return pa.Table.from_arrays(
            [
                dates,
                times,
                self.RECORD_TYPES.take(pa.array(rtype)),
                _take(numbers, ev.a),
                _take(numbers, ev.b),
                duration,
                _take(d.cells, cell),
                _take(d.imeis, imei),
            ],
            schema=self.SCHEMA,
        )

    def write(self, r: Resolved) -> None:
        """Append a day's events (already in time order)."""
        ev = r.events
        incoming = ~self.dicts.has_handset[ev.a]
        self.all.write(self._table(r, incoming, self.all_style))
        ta = self.target_index[ev.a]
        tb = np.where(r.b_delivered, self.target_index[ev.b], -1)
        rows = np.concatenate([np.flatnonzero(ta >= 0), np.flatnonzero(tb >= 0)])
        if not rows.size:
            return
        who = np.concatenate([ta[ta >= 0], tb[tb >= 0]])
        inc = np.concatenate(
            [np.zeros(int((ta >= 0).sum()), bool), np.ones(int((tb >= 0).sum()), bool)]
        )
        order = np.lexsort((inc, rows, who))
        rows, who, inc = rows[order], who[order], inc[order]
        bounds = np.flatnonzero(np.diff(who)) + 1
        starts = np.concatenate([[0], bounds])
        ends = np.concatenate([bounds, [rows.size]])
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            k = int(who[s])
            self.sinks[k].write(self._table(r.take(rows[s:e]), inc[s:e], int(self.styles[k])))

    def close(self) -> list[FileInfo]:
        """Finish; returns the files written."""
        return [self.all.close(), *(s.close() for s in self.sinks)]
