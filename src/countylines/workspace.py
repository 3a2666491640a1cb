"""The workspace: one folder per investigation store.

Layout::

    <workspace>/
      countylines-workspace.json   marker with the format version
      records.sqlite               SQL records (unless COUNTYLINES_DATABASE_URL is set)
      evidence/<table>/<sha256>.parquet   bulk evidence, one part per imported file
      templates/                   the user's own carrier templates (YAML)
      networks/<name>/network.json imported networks (see docs/network.md)
      staging/                     files being imported (removed afterwards)
      tmp/                         DuckDB spill space
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from countylines.settings import Settings
from countylines.store import db

MARKER = "countylines-workspace.json"
FORMAT_VERSION = 1


class WorkspaceError(Exception):
    """The workspace is missing, or not a countylines workspace."""


@dataclass
class Workspace:
    """An opened workspace: paths, the records database and DuckDB access.

    Use :meth:`create` or :meth:`open`; both bring the records schema up to
    date. ``root`` is absolute.
    """

    root: Path
    settings: Settings
    engine: Engine = field(repr=False)
    _sessions: sessionmaker[Session] = field(repr=False)

    @classmethod
    def create(cls, settings: Settings) -> Workspace:
        """Create (or re-open) the workspace at ``settings.workspace``."""
        root = settings.workspace.resolve()
        for sub in ("evidence", "templates", "staging", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        marker = root / MARKER
        if not marker.exists():
            marker.write_text(json.dumps({"format_version": FORMAT_VERSION}) + "\n")
        return cls._connect(root, settings)

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        """Open an existing workspace.

        Raises:
            WorkspaceError: if ``settings.workspace`` holds no workspace.
        """
        root = settings.workspace.resolve()
        if not (root / MARKER).exists():
            raise WorkspaceError(
                f"no countylines workspace at {root}: run `countylines init` first "
                "(or pass --workspace / set COUNTYLINES_WORKSPACE)"
            )
        return cls._connect(root, settings)

    @classmethod
    def _connect(cls, root: Path, settings: Settings) -> Workspace:
        settings = settings.model_copy(update={"workspace": root})
        engine = db.make_engine(settings.resolved_database_url())
        try:
            db.upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            where = engine.url.render_as_string(hide_password=True)
            raise WorkspaceError(
                f"the workspace database {where} could not be brought to this version's "
                f"schema ({getattr(exc, 'orig', None) or exc}). Restore it "
                "from a backup, or start a new workspace with `countylines init`"
            ) from exc
        ws = cls(root=root, settings=settings, engine=engine, _sessions=db.session_factory(engine))
        ws.clear_staging()
        return ws

    @property
    def evidence_dir(self) -> Path:
        """Folder of Parquet evidence, one subfolder per evidence table."""
        return self.root / "evidence"

    @property
    def templates_dir(self) -> Path:
        """The user's own carrier templates."""
        return self.root / "templates"

    @property
    def staging_dir(self) -> Path:
        """Scratch space for imports in progress."""
        return self.root / "staging"

    def session(self) -> Session:
        """A new records session (use as a context manager)."""
        return self._sessions()

    def clear_staging(self) -> None:
        """Remove what an interrupted import left in ``staging/``."""
        for child in self.staging_dir.glob("*"):
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)

    @contextmanager
    def duckdb(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """An in-memory DuckDB connection capped by the workspace settings.

        It spills to ``<workspace>/tmp`` beyond ``duckdb_memory_limit``.
        """
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"SET memory_limit = '{_checked_size(self.settings.duckdb_memory_limit)}'")
            con.execute("SET temp_directory = ?", [str(self.root / "tmp")])
            con.execute("SET enable_progress_bar = false")
            con.execute("SET TimeZone = 'UTC'")
            if self.settings.duckdb_threads > 0:
                con.execute(f"SET threads = {int(self.settings.duckdb_threads)}")
            yield con
        finally:
            con.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def _checked_size(text: str) -> str:
    """Validate a DuckDB size setting such as ``4GB`` (it is pasted into SQL)."""
    import re

    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB|B)", text.strip(), re.I):
        raise WorkspaceError(f"COUNTYLINES_DUCKDB_MEMORY_LIMIT {text!r} is not a size like 4GB")
    return text.strip()
