"""Abuse control without identity: single-use form tokens and a global rate limit.

Nothing here knows who is sending. Instead:

* **Form tokens** (:class:`FormTokens`). Each time the form page is served it
  carries a token ``nonce.issued.mac`` where ``mac = HMAC-SHA256(secret,
  nonce || issued)`` (RFC 2104, :mod:`hmac`). The secret lives only in memory
  and is replaced every :attr:`TokenPolicy.rotate_after` (the previous one is
  kept until its tokens expire), so a token cannot outlive the process or be
  forged. A submission needs a token that is genuine, not older than
  :attr:`TokenPolicy.lifetime`, not younger than
  :attr:`TokenPolicy.min_fill` (scripts post at once; people take seconds),
  and **not used before**: each token is good for one submission. Used nonces
  are remembered in memory only until they would have expired anyway.
* **A global rate limit** (:class:`TokenBucket`): at most ``burst`` reports at
  once and ``per_hour`` sustained, for everyone together (a per-address limit
  would need the address). When it is empty the page says so and asks the
  person to try again later or to call Crimestoppers.

Size limits and the honeypot field are in :mod:`countylines.public.form`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


class TokenRefused(Exception):
    """A form token that cannot be used; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class TokenPolicy:
    """How form tokens behave.

    Attributes:
        lifetime: a token older than this is refused (the page asks to send again).
        rotate_after: the in-memory secret is replaced this often (must be at
            least ``lifetime``, so two secrets cover every live token).
        min_fill: a token used sooner than this after the page was served is
            refused (0 turns the check off).
    """

    lifetime: dt.timedelta = dt.timedelta(hours=1)
    rotate_after: dt.timedelta = dt.timedelta(hours=1)
    min_fill: dt.timedelta = dt.timedelta(seconds=3)

    def __post_init__(self) -> None:
        if self.rotate_after < self.lifetime:
            raise ValueError("rotate_after must be at least the token lifetime")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class FormTokens:
    """Issue and redeem single-use form tokens (see the module doc). Thread-safe.

    Args:
        policy: lifetimes.
        clock: seconds since the epoch (``time.time``); tests pass their own.
    """

    NONCE_BYTES = 16

    def __init__(
        self, policy: TokenPolicy | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self._policy = policy or TokenPolicy()
        self._clock = clock
        self._lock = threading.Lock()
        self._secret = secrets.token_bytes(32)
        self._previous: bytes | None = None
        self._rotated_at = clock()
        self._used: dict[bytes, float] = {}

    @property
    def policy(self) -> TokenPolicy:
        """The lifetimes in force."""
        return self._policy

    def _rotate(self, now: float) -> None:
        period = self._policy.rotate_after.total_seconds()
        elapsed = now - self._rotated_at
        if elapsed >= 2 * period:  # both secrets are older than a token can live: drop both
            self._previous, self._secret = None, secrets.token_bytes(32)
            self._rotated_at = now
        elif elapsed >= period:
            self._previous, self._secret = self._secret, secrets.token_bytes(32)
            self._rotated_at = now

    @staticmethod
    def _mac(secret: bytes, nonce: bytes, issued: int) -> bytes:
        return hmac.new(secret, nonce + issued.to_bytes(8, "big"), hashlib.sha256).digest()

    def issue(self) -> str:
        """A new token for one form page."""
        now = self._clock()
        nonce = secrets.token_bytes(self.NONCE_BYTES)
        issued = int(now)
        with self._lock:
            self._rotate(now)
            mac = self._mac(self._secret, nonce, issued)
        return f"{_b64(nonce)}.{issued}.{_b64(mac)}"

    def redeem(self, token: str) -> None:
        """Use ``token`` for one submission.

        Raises:
            TokenRefused: malformed or forged, expired, sent too quickly after
                the page was served, or used before.
        """
        try:
            nonce_text, issued_text, mac_text = token.split(".")
            nonce, mac = _unb64(nonce_text), _unb64(mac_text)
            issued = int(issued_text)
        except (ValueError, TypeError) as exc:
            raise TokenRefused("the form was not sent from this page") from exc
        if len(nonce) != self.NONCE_BYTES or not 0 <= issued < 2**63:
            raise TokenRefused("the form was not sent from this page")
        now = self._clock()
        with self._lock:
            self._rotate(now)
            genuine = any(
                secret is not None and hmac.compare_digest(self._mac(secret, nonce, issued), mac)
                for secret in (self._secret, self._previous)
            )
            if not genuine:
                raise TokenRefused("the form was not sent from this page, or has expired")
            age = now - issued
            if age > self._policy.lifetime.total_seconds():
                raise TokenRefused("the form has expired")
            if age < self._policy.min_fill.total_seconds():
                raise TokenRefused(
                    "the form was sent too quickly after the page opened, as automatic "
                    f"programs do; wait {self._policy.min_fill.total_seconds():.0f} seconds "
                    "before pressing \u201cSend report\u201d"
                )
            self._used = {n: until for n, until in self._used.items() if until > now}
            if nonce in self._used:
                raise TokenRefused("this form has already been sent")
            self._used[nonce] = issued + self._policy.lifetime.total_seconds()

    def used_count(self) -> int:
        """How many used tokens are remembered now (bounded by the rate limit x lifetime)."""
        with self._lock:
            return len(self._used)


class TokenBucket:
    """A global rate limit: ``burst`` at once, refilled at ``per_hour`` (thread-safe).

    The classic token bucket (e.g. Tanenbaum, *Computer Networks*, "the
    token bucket algorithm"): each report takes one token; tokens come back
    at a steady rate up to the bucket's size.
    """

    def __init__(
        self, burst: int, per_hour: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if burst < 1 or per_hour <= 0:
            raise ValueError("a rate limit needs burst >= 1 and per_hour > 0")
        self.burst = burst
        self.per_hour = per_hour
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = float(burst)
        self._at = clock()

    def take(self) -> bool:
        """Take one token: True if the report may go ahead, False if the limit is reached."""
        with self._lock:
            now = self._clock()
            rate = self.per_hour / 3600.0
            self._tokens = min(float(self.burst), self._tokens + (now - self._at) * rate)
            self._at = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return True
            return False
