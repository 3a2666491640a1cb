"""The analysts' web workspace: FastAPI pages and JSON API over the audited store.

``create_app(workspace, config)`` (in :mod:`.app`) builds the application;
``countylines serve`` runs it. Views (one module per feature under
:mod:`.views`) read and change records only through
:class:`countylines.security.audited.AuditedStore`, so every read is logged.
"""
