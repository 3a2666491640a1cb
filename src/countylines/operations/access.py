"""Who may do what with operations: the security package's rules, applied to operations.

No access control is written here: roles and permissions come from
:mod:`countylines.security.access` and compartments from its deconfliction
helper. An operation lives in one compartment: a principal outside it gets
:class:`~countylines.security.access.HeldElsewhereError` ("held elsewhere —
contact the owner"), never the content.

Permissions used: ``operations.read`` (see operations and their results)
and ``operations.write`` (create them, plan, record results, close lines).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from countylines.operations.models import Operation
from countylines.security.access import (
    HeldElsewhereError,
    Principal,
    held_elsewhere,
    require,
)

READ = "operations.read"
WRITE = "operations.write"


def check_visible(session: Session, principal: Principal, operation: Operation) -> None:
    """Raise unless ``principal`` may see ``operation`` (role, then compartment).

    Raises:
        countylines.security.access.AccessDenied: the role may not read operations.
        HeldElsewhereError: the operation is in a compartment the principal lacks.
    """
    require(principal, READ)
    held = held_elsewhere(session, principal, operation.compartment_id)
    if held is not None:
        raise HeldElsewhereError(held)


def check_writable(session: Session, principal: Principal, operation: Operation) -> None:
    """Raise unless ``principal`` may change ``operation``.

    Raises:
        countylines.security.access.AccessDenied: the role may not change operations.
        HeldElsewhereError: the operation is in a compartment the principal lacks.
    """
    require(principal, WRITE)
    check_visible(session, principal, operation)
