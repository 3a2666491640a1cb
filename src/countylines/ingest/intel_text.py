"""An intelligence file as text, read in bounded pieces, in its declared encoding.

The encoding is never guessed: UTF-8 by default (with or without a byte-order
mark), or the Python codec the user names. Bytes that are not valid in it
fail the whole file, naming the line. The bytes read are hashed as they go,
so a caller can check that the text it read is the content the runner
identified the file by.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from countylines.ingest.errors import FileRejected

CHUNK = 256 * 1024  # bytes read from disk at a time
SNIFF = 64 * 1024  # characters looked at a time for the first non-blank one


def python_codec(encoding: str) -> str:
    """The codec that reads ``encoding``; UTF-8 drops a leading byte-order mark.

    Raises:
        LookupError: if Python knows no codec of that name.
    """
    codec = codecs.lookup(encoding).name
    return "utf-8-sig" if codec == "utf-8" else codec


class _HashingReader(io.RawIOBase):
    """A binary file that hashes every byte read through it."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb", buffering=0)
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        """Always: this is a reader."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Read into ``buffer``, hashing what was read."""
        n = self._file.readinto(buffer) or 0
        self.digest.update(memoryview(buffer)[:n])
        self.size += n
        return n

    def close(self) -> None:
        """Close the file."""
        self._file.close()
        super().close()


class TextFile:
    """One pass over a file's text, in pieces of bounded size.

    Use as a context manager. ``newline`` is as for :func:`open`: ``""`` ends
    lines at ``\\n``, ``\\r\\n`` or ``\\r`` (what the csv module wants),
    ``"\\n"`` at ``\\n`` only (how JSON counts lines).
    """

    def __init__(self, path: Path, encoding: str, label: str, newline: str) -> None:
        self.path = path
        self.encoding = encoding
        self.label = label
        self._raw = _HashingReader(path)
        self._codec = python_codec(encoding)
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._raw, CHUNK), encoding=self._codec, newline=newline
        )

    def __enter__(self) -> TextFile:
        """The open file."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the file."""
        self._text.close()

    def pieces(self, limit: int) -> Iterator[str]:
        """The text in order: whole lines, a line longer than ``limit`` in several pieces.

        A byte-order mark at the start is dropped.

        Raises:
            FileRejected: at bytes that are not valid text in the encoding.
        """
        first = True
        while True:
            try:
                piece = self._text.readline(limit)
            except UnicodeDecodeError as exc:
                raise self._undecodable() from exc
            if not piece:
                return
            if first:
                first = False
                piece = piece.removeprefix("\ufeff")
                if not piece:
                    continue
            yield piece

    def sha256(self) -> str:
        """Hex SHA-256 of the whole file: reads what was not read yet."""
        while self._raw.read(CHUNK):
            pass
        return self._raw.digest.hexdigest()

    @property
    def bytes_read(self) -> int:
        """Bytes read from disk so far."""
        return self._raw.size

    def _undecodable(self) -> FileRejected:
        """The failure for bytes that are not valid text, naming their line."""
        found = undecodable_line(self.path, self._codec)
        if found is None:  # the reader saw an error a plain decode does not
            return FileRejected(self.label, f"the file is not valid {self.encoding} text")
        line, reason = found
        return FileRejected(
            self.label,
            f"line {line} is not valid {self.encoding} text ({reason}); if an older system "
            "wrote the file, give its encoding, e.g. --encoding cp1252",
            line=line,
        )


def undecodable_line(path: Path, codec: str) -> tuple[int, str] | None:
    """Line (counting ``\\n`` bytes) and reason of the first bytes ``codec`` cannot decode.

    Reads the file in chunks, keeping nothing; None if it all decodes.
    """
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    newlines = 0  # in every chunk before this one
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                data = bytes(exc.object)
                # the decoder may have prefixed bytes kept from the last chunk
                carried = max(len(data) - len(chunk), 0)
                before = newlines - data.count(b"\n", 0, carried)
                return before + data.count(b"\n", 0, exc.start) + 1, exc.reason
            if not chunk:
                return None
            newlines += chunk.count(b"\n")


def first_character(path: Path, encoding: str, label: str) -> str:
    """The file's first character that is not blank space.

    Raises:
        FileRejected: if the file is empty or blank, or not valid text
            before its first non-blank character.
    """
    with TextFile(path, encoding, label, newline="") as text:
        for piece in text.pieces(SNIFF):
            content = piece.lstrip()
            if content:
                return content[0]
        if text.bytes_read == 0:
            raise FileRejected(label, "empty file (0 bytes)")
    raise FileRejected(label, "the file holds only blank space: no header, no reports", line=1)
