"""Storage: SQL records (SQLAlchemy + Alembic) and Parquet evidence (DuckDB)."""
