"""The Alembic migrations build exactly the schema the models declare, on each backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from countylines.store.models import Base
from countylines.workspace import Workspace


def test_models_and_migrations_agree(db_workspace: Workspace) -> None:
    with db_workspace.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_reopening_a_workspace_keeps_its_records(db_workspace: Workspace) -> None:
    from countylines.store.models import SourceFile

    with db_workspace.session() as s, s.begin():
        s.add(
            SourceFile(
                source_kind="cdr",
                file_name="f.csv",
                path="/f.csv",
                sha256="0" * 64,
                size_bytes=1,
                status="failed",
                imported_by="test",
            )
        )
    again = Workspace.open(db_workspace.settings)
    with again.session() as s:
        assert s.query(SourceFile).count() == 1
    again.close()


def test_a_database_that_cannot_be_upgraded_is_a_clear_workspace_error(
    workspace: Workspace,
) -> None:
    """A damaged records database (its version says 0006, the table 0007 alters is gone)
    is refused with a WorkspaceError naming the database and the cause, not a traceback."""
    import sqlite3

    import pytest

    from countylines.workspace import WorkspaceError

    settings = workspace.settings
    workspace.close()
    path = settings.workspace / "records.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0006'")
        con.execute("DROP TABLE public_reports")
    with pytest.raises(WorkspaceError) as raised:
        Workspace.open(settings)
    message = str(raised.value)
    assert str(path) in message
    assert "no such table: public_reports" in message
