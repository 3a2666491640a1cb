"""Helpers of the security tests: tampering with the log as a database administrator could."""

from __future__ import annotations

from sqlalchemy import text

from countylines.workspace import Workspace


def tamper(ws: Workspace, *statements: str) -> None:
    """Run SQL on the audit tables with the append-only triggers out of the way."""
    with ws.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            for name in ("audit_events_no_update", "audit_events_no_delete"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        else:
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"))
        for statement in statements:
            conn.execute(text(statement))
