"""Ingest: one adapter per source kind, one runner for the discipline they share.

Every adapter stages its rows (Parquet evidence or SQL records) and reports row
errors; :mod:`countylines.ingest.runner` hashes the file, refuses a second load
of the same content, and commits the file whole or not at all.
"""
