"""Password hashing with argon2id (argon2-cffi, RFC 9106 parameters).

Verification is constant-time in the hash and, for unknown accounts,
:func:`verify_password` is still run against a fixed dummy hash so that the
time taken does not tell whether a user name exists.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 12
"""Shorter passwords are refused (NCSC guidance favours length over complexity)."""

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (64 MiB, t=3, p=4)
_DUMMY_HASH = _hasher.hash("countylines-dummy-password-for-timing")


class PasswordError(ValueError):
    """A password that may not be set (too short, or blank)."""


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (salted; encodes its own parameters).

    Raises:
        PasswordError: if it is shorter than :data:`MIN_PASSWORD_LENGTH`.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True if ``password`` matches ``stored_hash``; a None hash still costs one check."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True if the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(stored_hash)
