"""Word lists and rules as data: drugs, weapons, places, exploitation indicators.

Each module holds plain data (tuples of terms, rule texts) and no logic, so the lists can be
read, reviewed and extended by people who know the field. Sources for the slang are named
in each module; docs/extraction.md says how to add a term.
"""
