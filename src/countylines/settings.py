"""Settings, read from the environment (prefix ``COUNTYLINES_``) and CLI flags.

Every setting is declared once here with its default and the reason for it;
``docs/configuration.md`` lists them and a test keeps the two in step.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Process-wide settings.

    Attributes:
        workspace: folder holding one investigation store (records database,
            Parquet evidence, user templates). Env ``COUNTYLINES_WORKSPACE``.
        database_url: SQLAlchemy URL of the records database. Empty means the
            embedded SQLite file ``<workspace>/records.sqlite``. Use a
            ``postgresql+psycopg://`` URL for a multi-user server.
        duckdb_memory_limit: cap on DuckDB's memory while ingesting and
            querying evidence; it spills to ``<workspace>/tmp`` beyond it.
        duckdb_threads: DuckDB worker threads (0 = DuckDB's default, all cores).
        template_path: extra folders of carrier templates, ``:``-separated,
            searched after ``<workspace>/templates`` and the built-in ones.
        max_reject_share: a file whose share of rejected rows exceeds this
            fails as a whole (nothing loaded): most rows failing means the
            wrong template or a broken export, not a few bad rows.
        max_stored_row_errors: row errors kept in detail per file; counts by
            reason are always exact.
    """

    model_config = SettingsConfigDict(env_prefix="COUNTYLINES_", extra="ignore")

    workspace: Path = Field(default=Path("workspace"))
    database_url: str = ""
    duckdb_memory_limit: str = "4GB"
    duckdb_threads: int = 0
    template_path: str = ""
    max_reject_share: float = Field(default=0.5, ge=0.0, le=1.0)
    max_stored_row_errors: int = Field(default=100_000, ge=0)

    def resolved_database_url(self) -> str:
        """The records database URL, defaulting to SQLite inside the workspace."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.workspace / 'records.sqlite').resolve()}"
