"""One streaming pass over a file: content hash and the facts the readers need."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 4 * 1024 * 1024


@dataclass(frozen=True)
class FileFacts:
    """What one pass over a file's bytes tells.

    Attributes:
        sha256: hex SHA-256 of the whole content (the file's identity).
        size_bytes: length in bytes.
        blank_lines: 1-based numbers of empty lines (CSV readers skip them,
            so they are needed to give every loaded row its true line).
        ends_with_newline: whether the last byte is a line feed.
    """

    sha256: str
    size_bytes: int
    blank_lines: list[int] = field(default_factory=list)
    ends_with_newline: bool = True


def scan(path: Path, progress: Callable[[int], None] | None = None) -> FileFacts:
    """Hash ``path`` and find its blank lines in one pass of 4 MiB chunks.

    Memory is bounded by the chunk size whatever the file's size.
    ``progress`` is called with the bytes read after each chunk.

    Raises:
        OSError: if the file cannot be read.
    """
    digest = hashlib.sha256()
    blank: set[int] = set()
    size = 0
    newlines_seen = 0  # line feeds in all earlier chunks
    prev = b""  # last two bytes of the previous chunk: a blank line may straddle chunks
    last = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            window = prev + chunk
            newlines_before_window = newlines_seen - prev.count(b"\n")
            for pattern in (b"\n\n", b"\n\r\n"):
                pos = window.find(pattern)
                while pos != -1:
                    # count each match once: in the chunk where it ends
                    if pos + len(pattern) > len(prev):
                        before = newlines_before_window + window.count(b"\n", 0, pos)
                        blank.add(before + 2)  # the line after the one ended at `pos`
                    pos = window.find(pattern, pos + 1)
            newlines_seen += chunk.count(b"\n")
            prev = window[-2:]
            last = chunk[-1:]
            if progress is not None:
                progress(len(chunk))
    return FileFacts(
        sha256=digest.hexdigest(),
        size_bytes=size,
        blank_lines=sorted(blank),
        ends_with_newline=last == b"\n" or size == 0,
    )
