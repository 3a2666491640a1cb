"""Roles, permissions, the signed-in principal, compartments and deconfliction.

Five roles, each a set of permissions (:data:`ROLE_PERMISSIONS`). The
administrator manages accounts and compartments and sees no intelligence
(separation of duties); only the supervisor queries the s.62 log.

Compartments (need to know): a record in a compartment is shown only to
members of that compartment, whatever their role. Others who reach it (a
search hit, a link) get :class:`HeldElsewhere`: "held elsewhere — contact the
owner", with the owner's name and never the content, so that two teams
working the same line find each other (deconfliction). A record with no
compartment is general material, visible to every role allowed that kind of
record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.security.models import (
    Compartment,
    CompartmentAssignment,
    CompartmentMembership,
    User,
)

ROLES: Mapping[str, str] = MappingProxyType(
    {
        "analyst": "Analyst",
        "investigator": "Investigator",
        "safeguarding_officer": "Safeguarding officer",
        "supervisor": "Supervisor",
        "administrator": "Administrator",
    }
)
"""Role key -> label."""

PERMISSIONS: Mapping[str, str] = MappingProxyType(
    {
        "lines.read": "see the deal lines, their graphs, maps and timelines, the hotspot map",
        "nominals.read": "see nominals (people and phones in a role)",
        "safeguarding.read": "see the safeguarding list (possible victims)",
        "intel.read": "search and read intelligence reports",
        "intel.write": "enter and grade intelligence reports",
        "products.read": "list intelligence products",
        "disclose": "export or download material to a named recipient",
        "imports.read": "see import status and row errors",
        "audit.read": "query the s.62 log",
        "users.manage": "add and disable accounts",
        "compartments.manage": "create compartments, grant membership, place records",
        "operations.read": "see operations, their plans, results, cases and returns",
        "operations.write": "create operations, plan days of action, record results, close lines",
        "triage.read": "see the triage queue of reports from the public",
        "triage.write": "triage reports from the public: THRIVE, accept, reject, mark duplicates",
    }
)
"""Permission key -> what it allows."""

_ALL_READERS = ("analyst", "investigator", "safeguarding_officer", "supervisor")
ROLE_PERMISSIONS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        role: frozenset(
            perm
            for perm, roles in {
                "lines.read": _ALL_READERS,
                "nominals.read": _ALL_READERS,
                "safeguarding.read": _ALL_READERS,
                "intel.read": ("analyst", "investigator", "supervisor"),
                "intel.write": ("analyst", "investigator"),
                "products.read": _ALL_READERS,
                "disclose": _ALL_READERS,
                "imports.read": ("analyst", "supervisor", "administrator"),
                "audit.read": ("supervisor",),
                "users.manage": ("administrator",),
                "compartments.manage": ("administrator", "supervisor"),
                "operations.read": _ALL_READERS,
                "operations.write": _ALL_READERS,
                "triage.read": ("analyst", "investigator", "supervisor"),
                "triage.write": ("analyst", "investigator"),
            }.items()
            if role in roles
        )
        for role in ROLES
    }
)
"""Role -> the permissions it holds."""


class AccessDenied(Exception):
    """The principal's role lacks a permission.

    Attributes:
        permission: the permission that was needed.
    """

    def __init__(self, permission: str, role: str) -> None:
        super().__init__(
            f"the {ROLES.get(role, role)} role may not {PERMISSIONS.get(permission, permission)}"
        )
        self.permission = permission


@dataclass(frozen=True)
class Principal:
    """Who is acting: an account with its role and compartments, for one request.

    Attributes:
        user_id, username, display_name, role: from the account.
        compartment_ids: the compartments the account is a member of.
        purpose: the operation or purpose reference given for this session
            (the justification logged with each action), or None.
        session_id: the web session's id (SHA-256 of its token), if any.
    """

    user_id: int
    username: str
    display_name: str
    role: str
    compartment_ids: frozenset[int]
    purpose: str | None = None
    session_id: str | None = None

    @property
    def role_label(self) -> str:
        """The role in words, e.g. ``Safeguarding officer``."""
        return ROLES.get(self.role, self.role)

    def can(self, permission: str) -> bool:
        """True if the role holds ``permission``."""
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())


def require(principal: Principal, permission: str) -> None:
    """Raise :class:`AccessDenied` unless ``principal`` holds ``permission``.

    Raises:
        KeyError: if ``permission`` is not a known permission (a typo must not
            silently deny or allow).
        AccessDenied: if the role lacks it.
    """
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    if not principal.can(permission):
        raise AccessDenied(permission, principal.role)


def visible_compartments(principal: Principal) -> frozenset[int]:
    """The compartment ids whose material ``principal`` may see (its memberships)."""
    return principal.compartment_ids


def may_see(principal: Principal, compartment_id: int | None) -> bool:
    """True for general material (no compartment) or a compartment the principal is in."""
    return compartment_id is None or compartment_id in principal.compartment_ids


def load_principal(
    session: Session,
    user_id: int,
    *,
    purpose: str | None = None,
    session_id: str | None = None,
) -> Principal | None:
    """The principal of an active account, with its memberships; None if disabled or absent."""
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    compartments = session.scalars(
        select(CompartmentMembership.compartment_id).where(CompartmentMembership.user_id == user_id)
    )
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        compartment_ids=frozenset(compartments),
        purpose=purpose,
        session_id=session_id,
    )


@dataclass(frozen=True)
class HeldElsewhere:
    """Material the principal may not see: only whom to contact is given.

    Attributes:
        owner_name: the compartment owner's display name.
        owner_username: the owner's account name.
    """

    owner_name: str
    owner_username: str

    @property
    def message(self) -> str:
        """The sentence shown in place of the material."""
        return f"Held elsewhere — contact the owner: {self.owner_name} ({self.owner_username})."


class HeldElsewhereError(Exception):
    """Raised in place of a record the principal may not see."""

    def __init__(self, held: HeldElsewhere) -> None:
        super().__init__(held.message)
        self.held = held


def held_elsewhere(
    session: Session, principal: Principal, compartment_id: int | None
) -> HeldElsewhere | None:
    """Deconfliction: None if the principal may see the material, else whom to contact."""
    if may_see(principal, compartment_id):
        return None
    row = session.execute(
        select(User.display_name, User.username)
        .join(Compartment, Compartment.owner_id == User.id)
        .where(Compartment.id == compartment_id)
    ).one()
    return HeldElsewhere(owner_name=row[0], owner_username=row[1])


def assigned_compartments(
    session: Session, record_type: str, keys: Iterable[str] | None = None
) -> dict[str, int]:
    """Compartments of picture records of one type: ``{record_key: compartment_id}``.

    Records without an assignment are general material and are absent.
    """
    query = select(CompartmentAssignment.record_key, CompartmentAssignment.compartment_id).where(
        CompartmentAssignment.record_type == record_type
    )
    if keys is not None:
        wanted = list(keys)
        if not wanted:
            return {}
        query = query.where(CompartmentAssignment.record_key.in_(wanted))
    return {str(key): int(cid) for key, cid in session.execute(query)}
