"""Operations: the day of action, its results, every case to sentence, line closures, returns.

Pure parts (plans, hazards, cases and the funnel, closures and check-backs,
NCLCC-style returns, resilience) take plain records and return plain results;
``models.py`` holds the SQL records and ``store.py`` the only way they are
read and written (with the s.62 log and compartments). See docs/operations.md.
"""
