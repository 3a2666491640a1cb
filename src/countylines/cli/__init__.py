"""The ``countylines`` command line (Typer)."""
