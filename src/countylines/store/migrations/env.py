"""Alembic environment: runs migrations on a connection handed in by store.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from countylines.operations import models as _operations_models  # noqa: F401
from countylines.public import models as _public_models  # noqa: F401
from countylines.security import models as _security_models  # noqa: F401
from countylines.store import safeguarding as _safeguarding_models  # noqa: F401
from countylines.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Run migrations online, on the given connection or a fresh engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            render_as_batch=conn.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
