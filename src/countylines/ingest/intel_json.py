"""Intelligence reports from JSON, streamed: one report object in memory at a time.

The document is a list of report objects, or an object with a ``reports``
list. It is parsed by ijson's pure-Python backend (exact integers of any
size, like the json module) fed a line at a time, so every report is named
by its JSON path (``$.reports[3].date``) and the line where its object
starts. ijson tells no position, and its messages may quote the file, so
they are never shown: a syntax error inside a report, or between two
reports, is explained by the json module from that report's text (kept up to
:data:`MAX_REPORT_TEXT`), with JSON's own message, line and column;
elsewhere the line alone is told.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import ijson

from countylines.ingest.errors import FileRejected
from countylines.ingest.intel_fields import (
    KNOWN,
    REQUIRED,
    RawRow,
    Reading,
    field_key,
    renamed,
)
from countylines.ingest.intel_json_report import Names, json_row
from countylines.ingest.intel_text import TextFile

LAYOUT = "intelligence reports (JSON)"
PIECE = 64 * 1024  # characters fed to the parser at a time (never more than one line)
MAX_REPORT_TEXT = 1024 * 1024  # characters of one report kept to explain a syntax error in it

_BACKEND = ijson.get_backend("python")
_OPEN = frozenset({"start_map", "start_array"})
_CLOSE = frozenset({"end_map", "end_array"})
_SCALAR_TYPES = {"string": "text", "number": "a number", "boolean": "true/false", "null": "null"}

Event = tuple[int, int, str, Any]  # line, column of the last character fed, event, value


class _Events:
    """ijson's events over a text, each with the physical line it was found on.

    The text is fed to the parser in pieces that end at a line break or just
    after a ``{``: an event is found on the line being fed, and an object
    starts at the last character fed, so its line and column are known.
    """

    def __init__(self, text: TextFile) -> None:
        self._label = text.label
        self.line = 1
        self._column = 0  # characters of the current line fed so far
        self._last_line = 1  # line of the last text fed
        self._depth = 0
        self._ended = False  # the top-level value is complete
        self._kept: list[str] | None = None  # text since the "{" of the current or last report
        self._kept_at = (0, 0)  # line and column of that "{"
        self._kept_size = 0
        self._events = self._generate(text)

    def next(self) -> Event:
        """The next event.

        Raises:
            FileRejected: for text that is not JSON, or that ends too soon.
        """
        found = next(self._events, None)
        if found is None:
            raise FileRejected(
                self._label, "not valid JSON: the file ends too soon", line=self._last_line
            )
        return found

    def rest(self) -> None:
        """Read to the end, so that any later syntax error is found."""
        for _ in self._events:
            pass

    def start_report(self, event: str, column: int) -> None:
        """Keep the text of the report that starts now, to explain a syntax error in or after it."""
        self._kept = None
        if event == "start_map":  # its "{" is the last character fed
            self._kept, self._kept_at, self._kept_size = ["{"], (self.line, column), 1

    def end_reports(self) -> None:
        """Note that the list of reports has ended."""
        self._kept = None

    def _generate(self, text: TextFile) -> Iterator[Event]:
        found = ijson.sendable_list()
        parser = _BACKEND.basic_parse_coro(found, use_float=True)
        for piece in text.pieces(PIECE):
            start = 0
            while start < len(piece):
                brace = piece.find("{", start)
                end = len(piece) if brace == -1 else brace + 1
                self._feed(parser, found, piece[start:end])
                yield from self._found(found)
                start = end
            if piece.endswith("\n"):
                self.line += 1
                self._column = 0
        self._feed(parser, found, None)
        yield from self._found(found)

    def _feed(self, parser: Any, found: list[tuple[str, Any]], text: str | None) -> None:
        """Give ``text`` to the parser (None: the end), keeping it with the current report.

        Raises:
            FileRejected: if the text is not JSON.
        """
        self._last_line = self.line  # at the end: the line after a final line break
        if text is not None:
            self._column += len(text)
            if self._kept is not None:
                self._kept_size += len(text)
                if self._kept_size <= MAX_REPORT_TEXT:
                    self._kept.append(text)
                else:
                    self._kept = None  # too long to keep: only the line is told
        try:
            if text is None:
                parser.close()
            else:
                parser.send(text.encode("utf-8"))
        except (ijson.JSONError, ValueError) as exc:
            self._track(found)
            raise self._invalid(exc) from None
        self._track(found)

    def _track(self, found: list[tuple[str, Any]]) -> None:
        """Follow the nesting depth through the events just found."""
        for event, _ in found:
            self._depth += (event in _OPEN) - (event in _CLOSE)
            self._ended = self._depth == 0

    def _found(self, found: list[tuple[str, Any]]) -> Iterator[Event]:
        for event, value in found:
            yield self.line, self._column, event, value
        found.clear()

    def _invalid(self, exc: Exception) -> FileRejected:
        """The failure for text that is not JSON (never quoting the text)."""
        if self._kept is not None:
            # JSON's own message, from the report alone, else from the report as an
            # element of a list followed by what comes after it ("[" + report + rest)
            text = "".join(self._kept)
            for opening in ("", "["):
                try:
                    json.JSONDecoder().raw_decode(opening + text)
                except json.JSONDecodeError as err:
                    line, column = self._kept_at
                    if err.lineno > 1:
                        line, column = line + err.lineno - 1, err.colno
                    else:
                        column += err.colno - 1 - len(opening)
                    return FileRejected(
                        self._label,
                        f"not valid JSON: {err.msg} at line {line}, column {column}",
                        line=line,
                    )
        line = self._last_line
        if self._ended:
            reason = f"not valid JSON: Extra data at line {line}"
        elif isinstance(exc, ijson.IncompleteJSONError):
            reason = f"not valid JSON: the file ends before the JSON is complete (line {line})"
        else:
            reason = (
                f"not valid JSON at line {line}: text out of place (a missing or extra comma, "
                "bracket, brace or quote?)"
            )
        return FileRejected(self._label, reason, line=line)


class _Keys:
    """Which keys the report objects hold, to find a required key absent from all."""

    def __init__(self) -> None:
        self.objects = False
        self.required: set[str] = set()
        self.others = Names()  # field keys that are not fields
        self.unknown = Names()  # key names as written, not recognised

    def add(self, item: Any) -> None:
        """Note the keys of one report."""
        if isinstance(item, dict):
            self.objects = True
            for raw in item:
                key = field_key(str(raw))
                if key in REQUIRED:
                    self.required.add(key)
                elif key not in KNOWN:
                    self.others.add(key)

    def check(self, base: str, label: str) -> None:
        """Reject the file when a required key is absent from every report (a renamed field).

        Raises:
            FileRejected: naming the missing keys, with a hint when one looks renamed.
        """
        missing = [f for f in REQUIRED if f not in self.required]
        if not self.objects or not missing:
            return
        hints = []
        for name in missing:
            close = renamed(name, sorted(self.others.kept))
            hints.append(f"{name!r}" + (f" (found {close!r}: renamed?)" if close else ""))
        raise FileRejected(label, f"no report in {base} has the required key(s) {', '.join(hints)}")


def read_json(text: TextFile) -> Reading:
    """The reports of a JSON file, read lazily from ``text`` as the reading is iterated.

    Iterating raises :class:`FileRejected` for invalid JSON, a document of
    the wrong shape, or a required key absent from every report.
    """
    warnings: list[str] = []
    return Reading(LAYOUT, _rows(_Events(text), text.label, warnings), warnings)


def _rows(events: _Events, label: str, warnings: list[str]) -> Iterator[RawRow]:
    """The reports of the document, then its warnings and whole-file checks."""
    keys = _Keys()
    _, _, event, _ = events.next()
    if event == "start_array":
        base = "$"
        yield from _reports(events, base, keys)
    elif event == "start_map":
        base = "$.reports"
        found = False
        others = Names()
        while (top := events.next())[2] != "end_map":
            name = str(top[3])
            _, _, event, _ = events.next()
            if name != "reports":
                others.add(name)
                _skip(events, event)
            elif found:
                raise FileRejected(
                    label,
                    "the key 'reports' appears twice in the top-level object: which list holds "
                    "the reports cannot be told",
                )
            else:
                found = True
                if event != "start_array":
                    _skip(events, event)
                    events.rest()
                    raise _wrong_shape(label, "an object without a 'reports' list")
                yield from _reports(events, base, keys)
        if not found:
            events.rest()
            raise _wrong_shape(label, "an object without a 'reports' list")
        if others.kept:
            warnings.append("top-level keys not recognised and not loaded: " + others.listing())
    else:
        events.rest()
        raise _wrong_shape(label, _SCALAR_TYPES.get(event, event))
    events.rest()
    keys.check(base, label)
    if keys.unknown.kept:
        warnings.append("keys not recognised and not loaded: " + keys.unknown.listing())


def _wrong_shape(label: str, shape: str) -> FileRejected:
    return FileRejected(
        label,
        "a JSON intelligence file holds a list of reports, or an object with a "
        f"'reports' list; this one holds {shape}",
        line=1,
    )


def _reports(events: _Events, base: str, keys: _Keys) -> Iterator[RawRow]:
    """Each element of the report list that has just started, as a row."""
    index = 0
    while True:
        line, column, event, value = events.next()
        if event == "end_array":
            events.end_reports()
            return
        if event in _OPEN:
            events.start_report(event, column)
            item = _build(events, event)
        else:
            item = value
        keys.add(item)
        yield json_row(item, f"{base}[{index}]", line, keys.unknown)
        index += 1


def _build(events: _Events, event: str) -> Any:
    """The object or list that starts with ``event``, built from the events up to its end."""
    builder = ijson.ObjectBuilder()
    builder.event(event, None)
    depth = 1
    while depth:
        _, _, event, value = events.next()
        builder.event(event, value)
        depth += (event in _OPEN) - (event in _CLOSE)
    return builder.value


def _skip(events: _Events, event: str) -> None:
    """Pass over the value that starts with ``event``, building nothing."""
    depth = int(event in _OPEN)
    while depth:
        event = events.next()[2]
        depth += (event in _OPEN) - (event in _CLOSE)
