"""What the pages and API show, read through the audited store.

Each function takes an :class:`~countylines.security.audited.AuditedStore`
and returns plain data (dicts, lists); records are reached only inside the
store's ``consult``/``change`` callbacks, so every read is logged.
"""
