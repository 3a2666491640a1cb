"""Security: users and roles, compartments, handling codes and the s.62 log.

Modules (one job each; the API other packages call is documented in
docs/security.md):

* :mod:`.models` - SQL tables (users, compartments, memberships,
  assignments, web sessions, audit events and the chain head).
* :mod:`.audit` - ``record_event`` appends to the hash-chained DPA 2018 s.62
  log; ``verify_chain`` checks it; ``query_events`` reads it.
* :mod:`.access` - roles, permissions, the signed-in ``Principal``,
  ``visible_compartments`` and the "held elsewhere" deconfliction helper.
* :mod:`.handling` - dissemination checks for 3x5x2 and 5x5x5 handling codes.
* :mod:`.passwords` - argon2 hashing.
* :mod:`.accounts` - users, compartments and memberships (add, disable, grant).
* :mod:`.sessions` - web sessions with CSRF token and idle timeout.
* :mod:`.audited` - ``AuditedStore``: the only way the web reads records, each
  read logged as a consultation in the same transaction.
"""
