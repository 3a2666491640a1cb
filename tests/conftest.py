"""Shared fixtures: workspaces on SQLite and, where a server is given, PostgreSQL.

Set ``COUNTYLINES_TEST_POSTGRES_URL`` (e.g.
``postgresql+psycopg://countylines:countylines@127.0.0.1:5432/countylines_test``)
to run every test that uses ``db_workspace`` on PostgreSQL as well; each
such test gets its own schema, dropped afterwards. With
``COUNTYLINES_REQUIRE_POSTGRES=1`` (set by ``.ci/run``) a missing server is
an error, not a skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from countylines.settings import Settings
from countylines.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("COUNTYLINES_SHARED_DATA", REPO.parent / "shared" / "data"))
POSTGRES_URL = os.environ.get("COUNTYLINES_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("COUNTYLINES_REQUIRE_POSTGRES") == "1"


def shared(relative: str) -> Path:
    """A file of ../shared/data (read by path, never copied); skip if absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data not present: {path} (set COUNTYLINES_SHARED_DATA to its folder)")
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh SQLite workspace."""
    ws = Workspace.create(Settings(workspace=tmp_path / "ws", duckdb_memory_limit="2GB"))
    yield ws
    ws.close()


def _postgres_schema_url() -> Iterator[str]:
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("COUNTYLINES_REQUIRE_POSTGRES=1 but COUNTYLINES_TEST_POSTGRES_URL is unset")
        pytest.skip("no PostgreSQL server (set COUNTYLINES_TEST_POSTGRES_URL)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A fresh workspace on each records backend: SQLite, then PostgreSQL."""
    settings = Settings(workspace=tmp_path / "ws", duckdb_memory_limit="2GB")
    if request.param == "postgres":
        gen = _postgres_schema_url()
        url = next(gen)
        ws = Workspace.create(settings.model_copy(update={"database_url": url}))
        try:
            yield ws
        finally:
            ws.close()
            next(gen, None)
    else:
        ws = Workspace.create(settings)
        yield ws
        ws.close()
