"""Pipelines: the I/O around the pure analysis (read the workspace, run, store)."""
