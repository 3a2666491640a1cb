"""What every command shares: settings from flags, the console, JSON output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from countylines.settings import Settings
from countylines.workspace import Workspace, WorkspaceError


# Results a person reads go to stdout (so they can be redirected or paged); progress,
# notes and errors go to stderr. With --json, stdout carries only the JSON.
# Data (file names, values from files) is always escaped: text from a file is never markup.
# Written to a file or a pipe, Rich would cut tables to 80 columns ("lin…", "pri…"): there
# they are 160 wide unless COLUMNS says otherwise; a terminal keeps its own width.
def piped_width(is_terminal: bool, columns: str | None) -> int | None:
    """The width of stdout's tables: None (Rich decides) on a terminal or with COLUMNS set,
    else 160."""
    return None if is_terminal or columns else 160


out = Console(width=piped_width(sys.stdout.isatty(), os.environ.get("COLUMNS")))
console = Console(stderr=True)
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON on stdout.")


def settings_from(ctx: typer.Context) -> Settings:
    """Settings with the global ``--workspace`` applied."""
    obj = ctx.find_root().obj or {}
    workspace: Path | None = obj.get("workspace")
    settings = Settings()
    if workspace is not None:
        settings = settings.model_copy(update={"workspace": workspace})
    return settings


@contextmanager
def open_workspace(ctx: typer.Context) -> Iterator[Workspace]:
    """Open the workspace named by the flags, or exit 2 with the reason."""
    try:
        ws = Workspace.open(settings_from(ctx))
    except WorkspaceError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    try:
        yield ws
    finally:
        ws.close()


def _default(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout."""
    sys.stdout.write(json.dumps(data, default=_default, indent=2, ensure_ascii=False) + "\n")


def actor() -> str:
    """How the command line appears in the s.62 log: ``cli:<operating-system user>``."""
    from countylines.ingest.runner import who

    return f"cli:{who()}"


def log_access(
    ws: Workspace,
    action: str,
    record_type: str,
    summary: str,
    record_id: str | None = None,
) -> None:
    """Record a command-line read or combination in the s.62 audit log (own transaction).

    The actor is ``cli:<operating-system user>`` (see docs/security.md).
    """
    from countylines.security.audit import record_event

    with ws.session() as session:
        record_event(
            session,
            actor=actor(),
            action=action,
            record_type=record_type,
            record_id=record_id,
            summary=summary,
        )
        session.commit()
