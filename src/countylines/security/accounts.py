"""Accounts, compartments and memberships: add, disable, grant, place records.

Every change is logged in the s.62 log in the same transaction (account
records are personal data of staff: ``collection`` when created,
``alteration`` when changed). Functions take an open session and never
commit: the caller commits (``with ws.session() as s, s.begin(): ...``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.security.access import ROLES, Principal, load_principal
from countylines.security.audit import record_event
from countylines.security.models import (
    Compartment,
    CompartmentAssignment,
    CompartmentMembership,
    User,
    WebSession,
)
from countylines.security.passwords import hash_password, needs_rehash, verify_password

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")
PICTURE_RECORD_TYPES = ("line", "nominal", "location", "safeguarding", "product")
"""Records kept outside SQL (analysis picture, products) that can be placed in a compartment."""


class AccountError(ValueError):
    """A change to accounts or compartments that cannot be made, with the reason."""


@dataclass(frozen=True)
class UserInfo:
    """An account as listed (no password hash)."""

    username: str
    display_name: str
    role: str
    active: bool
    sso: bool
    created_at: dt.datetime
    created_by: str
    disabled_at: dt.datetime | None
    disabled_reason: str | None
    compartments: list[str]


@dataclass(frozen=True)
class CompartmentInfo:
    """A compartment as listed."""

    id: int
    name: str
    description: str | None
    owner: str
    members: list[str]


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise AccountError(f"no account {username!r}")
    return user


def _compartment(session: Session, name: str) -> Compartment:
    compartment = session.scalar(select(Compartment).where(Compartment.name == name))
    if compartment is None:
        raise AccountError(f"no compartment {name!r}")
    return compartment


def add_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: str,
    password: str | None,
    by: str,
    external_subject: str | None = None,
) -> UserInfo:
    """Create an account.

    Args:
        username: lower-case letters, digits, ``.``, ``_``, ``-`` (2-100).
        display_name: the name others see (e.g. ``DS Jane Smith``).
        role: a key of :data:`~countylines.security.access.ROLES`.
        password: at least 12 characters; None for a single-sign-on-only
            account (then ``external_subject`` is required).
        by: who creates it.
        external_subject: the identity provider's subject for this person.

    Raises:
        AccountError: bad user name or role, name taken, or no way to sign in.
        PasswordError: password too short.
    """
    if not USERNAME_PATTERN.match(username):
        raise AccountError(
            f"user name {username!r}: use 2-100 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    if role not in ROLES:
        raise AccountError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if not display_name.strip():
        raise AccountError("give the person's name as others should see it")
    if password is None and not external_subject:
        raise AccountError("give a password, or an external subject for single sign-on")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"an account {username!r} already exists")
    user = User(
        username=username,
        display_name=display_name.strip(),
        role=role,
        password_hash=hash_password(password) if password is not None else None,
        external_subject=external_subject or None,
        active=True,
        created_by=by,
    )
    session.add(user)
    session.flush()
    record_event(
        session,
        actor=by,
        action="collection",
        record_type="user",
        record_id=username,
        summary=f"account created: {display_name.strip()}, role {ROLES[role]}",
    )
    return user_info(session, user)


def disable_user(session: Session, *, username: str, reason: str, by: str) -> UserInfo:
    """Disable an account and end its sessions (the account row stays).

    Raises:
        AccountError: no such account, already disabled, or no reason.
    """
    if not reason.strip():
        raise AccountError("give a reason for disabling an account")
    user = _user(session, username)
    if not user.active:
        raise AccountError(f"account {username!r} is already disabled")
    now = dt.datetime.now(dt.UTC)
    user.active = False
    user.disabled_at = now
    user.disabled_by = by
    user.disabled_reason = reason.strip()
    for web_session in session.scalars(
        select(WebSession).where(WebSession.user_id == user.id, WebSession.ended_at.is_(None))
    ):
        web_session.ended_at = now
        web_session.ended_reason = "account disabled"
    record_event(
        session,
        actor=by,
        action="alteration",
        record_type="user",
        record_id=username,
        summary=f"account disabled: {reason.strip()}",
    )
    return user_info(session, user)


def user_info(session: Session, user: User) -> UserInfo:
    """An account's listing."""
    names = session.scalars(
        select(Compartment.name)
        .join(CompartmentMembership, CompartmentMembership.compartment_id == Compartment.id)
        .where(CompartmentMembership.user_id == user.id)
        .order_by(Compartment.name)
    )
    return UserInfo(
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        active=user.active,
        sso=user.external_subject is not None,
        created_at=user.created_at,
        created_by=user.created_by,
        disabled_at=user.disabled_at,
        disabled_reason=user.disabled_reason,
        compartments=list(names),
    )


def list_users(session: Session) -> list[UserInfo]:
    """Every account, by user name."""
    return [user_info(session, u) for u in session.scalars(select(User).order_by(User.username))]


def authenticate(session: Session, username: str, password: str) -> Principal | None:
    """The principal for a correct user name and password of an active account, else None.

    Takes the same time whether or not the account exists (a dummy hash is
    checked). Re-hashes the password if today's parameters are stronger.
    """
    user = session.scalar(select(User).where(User.username == username))
    stored = user.password_hash if user is not None and user.active else None
    if not verify_password(stored, password) or user is None:
        return None
    if stored is not None and needs_rehash(stored):
        user.password_hash = hash_password(password)
    user.last_login_at = dt.datetime.now(dt.UTC)
    return load_principal(session, user.id)


def principal_for_subject(session: Session, external_subject: str) -> Principal | None:
    """The principal of the active account with this single-sign-on subject, else None."""
    user = session.scalar(select(User).where(User.external_subject == external_subject))
    if user is None or not user.active:
        return None
    user.last_login_at = dt.datetime.now(dt.UTC)
    return load_principal(session, user.id)


def add_compartment(
    session: Session, *, name: str, owner: str, by: str, description: str | None = None
) -> CompartmentInfo:
    """Create a compartment owned by account ``owner``, who becomes its first member.

    Raises:
        AccountError: name taken or empty, or no such owner.
    """
    name = name.strip()
    if not name:
        raise AccountError("give the compartment a name (e.g. the operation's name)")
    if session.scalar(select(Compartment.id).where(Compartment.name == name)) is not None:
        raise AccountError(f"a compartment {name!r} already exists")
    owner_user = _user(session, owner)
    compartment = Compartment(
        name=name, description=description, owner_id=owner_user.id, created_by=by
    )
    session.add(compartment)
    session.flush()
    session.add(
        CompartmentMembership(user_id=owner_user.id, compartment_id=compartment.id, granted_by=by)
    )
    record_event(
        session,
        actor=by,
        action="collection",
        record_type="compartment",
        record_id=str(compartment.id),
        summary=f"compartment {name!r} created, owner {owner}",
    )
    return compartment_info(session, compartment)


def grant(session: Session, *, username: str, compartment: str, by: str) -> None:
    """Make ``username`` a member of ``compartment``.

    Raises:
        AccountError: no such account or compartment, or already a member.
    """
    user = _user(session, username)
    comp = _compartment(session, compartment)
    exists = session.scalar(
        select(CompartmentMembership.id).where(
            CompartmentMembership.user_id == user.id,
            CompartmentMembership.compartment_id == comp.id,
        )
    )
    if exists is not None:
        raise AccountError(f"{username} is already a member of {compartment!r}")
    session.add(CompartmentMembership(user_id=user.id, compartment_id=comp.id, granted_by=by))
    record_event(
        session,
        actor=by,
        action="alteration",
        record_type="compartment",
        record_id=str(comp.id),
        summary=f"{username} granted membership of {compartment!r}",
    )


def revoke(session: Session, *, username: str, compartment: str, by: str) -> None:
    """End ``username``'s membership of ``compartment`` (not the owner's).

    Raises:
        AccountError: not a member, or the owner.
    """
    user = _user(session, username)
    comp = _compartment(session, compartment)
    if comp.owner_id == user.id:
        raise AccountError(f"{username} owns {compartment!r}: give it another owner first")
    membership = session.scalar(
        select(CompartmentMembership).where(
            CompartmentMembership.user_id == user.id,
            CompartmentMembership.compartment_id == comp.id,
        )
    )
    if membership is None:
        raise AccountError(f"{username} is not a member of {compartment!r}")
    session.delete(membership)
    record_event(
        session,
        actor=by,
        action="alteration",
        record_type="compartment",
        record_id=str(comp.id),
        summary=f"{username}'s membership of {compartment!r} ended",
    )


def place_record(
    session: Session, *, record_type: str, record_key: str, compartment: str | None, by: str
) -> None:
    """Place a record in a compartment (None: make it general material).

    ``record_type`` is ``intel_report`` (``record_key`` its URN) or one of
    :data:`PICTURE_RECORD_TYPES` (its id in the analysis picture).

    Raises:
        AccountError: unknown record type, URN or compartment.
    """
    from countylines.store.models import IntelReport

    comp = _compartment(session, compartment) if compartment is not None else None
    if record_type == "intel_report":
        report = session.scalar(select(IntelReport).where(IntelReport.urn == record_key))
        if report is None:
            raise AccountError(f"no intelligence report {record_key!r}")
        report.compartment_id = comp.id if comp else None
    elif record_type in PICTURE_RECORD_TYPES:
        existing = session.scalar(
            select(CompartmentAssignment).where(
                CompartmentAssignment.record_type == record_type,
                CompartmentAssignment.record_key == record_key,
            )
        )
        if existing is not None:
            session.delete(existing)
            session.flush()
        if comp is not None:
            session.add(
                CompartmentAssignment(
                    record_type=record_type,
                    record_key=record_key,
                    compartment_id=comp.id,
                    assigned_by=by,
                )
            )
    else:
        kinds = ", ".join(("intel_report", *PICTURE_RECORD_TYPES))
        raise AccountError(f"record type {record_type!r} is not one of {kinds}")
    where = f"compartment {compartment!r}" if compartment else "general material"
    record_event(
        session,
        actor=by,
        action="alteration",
        record_type=record_type,
        record_id=record_key,
        summary=f"placed in {where}",
    )


def compartment_info(session: Session, compartment: Compartment) -> CompartmentInfo:
    """A compartment's listing."""
    owner = session.get(User, compartment.owner_id)
    members = session.scalars(
        select(User.username)
        .join(CompartmentMembership, CompartmentMembership.user_id == User.id)
        .where(CompartmentMembership.compartment_id == compartment.id)
        .order_by(User.username)
    )
    return CompartmentInfo(
        id=compartment.id,
        name=compartment.name,
        description=compartment.description,
        owner=owner.username if owner else "?",
        members=list(members),
    )


def list_compartments(session: Session) -> list[CompartmentInfo]:
    """Every compartment, by name."""
    return [
        compartment_info(session, c)
        for c in session.scalars(select(Compartment).order_by(Compartment.name))
    ]
