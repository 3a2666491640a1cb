"""Evidence engines: one small interface, DuckDB by default, Spark past one machine.

Analysis code returns SQL steps written once in DuckDB's dialect
(:class:`SqlStep`); an engine runs them, transpiling with SQLGlot where its
dialect differs (the approach Splink takes).
"""

from countylines.engine.base import Engine, SqlStep, run_steps

__all__ = ["Engine", "SqlStep", "run_steps"]
