"""Failed sign-ins slowed down: per user name and per client, in a moving window.

Password guessing against the analysts' app is refused once a user name has had
:data:`PER_USER` failed sign-ins within the window, or a client address
:data:`PER_CLIENT` (a higher figure: several analysts may sit behind one proxy). While a
limit holds, the password is not even checked, so a guess cannot succeed and the answer
says only when to try again. A successful sign-in clears its user name's failures.
Throttling, not a lock that stays until an administrator acts: the National Cyber Security
Centre's password guidance recommends limiting guesses in a way that does not let an
attacker lock users out for long.

Counting is done by the ``limits`` library (moving-window strategy). Its storage is
per process by default (``memory://``); a deployment with several worker processes gives
one shared store (``redis://host:6379``) through ``countylines serve --throttle-storage``,
or the limits multiply by the number of workers.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

PER_USER = "5 per 15 minutes"
"""Failed sign-ins allowed per user name in the window."""

PER_CLIENT = "50 per 15 minutes"
"""Failed sign-ins allowed per client address in the window."""


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is refused before its password is checked.

    Attributes:
        retry_after_seconds: when the oldest counted failure leaves the window.
        by: ``user name`` or ``client address``: which limit holds.
    """

    retry_after_seconds: int
    by: str


class SignInThrottle:
    """Counts failed sign-ins and says when one must wait (see the module doc).

    Args:
        per_user, per_client: limits in the ``limits`` notation ("5 per 15 minutes").
        storage_uri: where the counts live (``memory://``, ``redis://…``).

    Raises:
        ValueError: for a limit or storage the ``limits`` library cannot read.
    """

    def __init__(
        self,
        per_user: str = PER_USER,
        per_client: str = PER_CLIENT,
        storage_uri: str = "memory://",
    ) -> None:
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._per_user: RateLimitItem = parse(per_user)
        self._per_client: RateLimitItem = parse(per_client)

    @staticmethod
    def _user_key(username: str) -> str:
        return username.strip().casefold()

    def refusal(self, username: str, client: str) -> Refusal | None:
        """None when a sign-in may be tried now, else how long to wait and why."""
        for item, key, by in (
            (self._per_user, self._user_key(username), "user name"),
            (self._per_client, client, "client address"),
        ):
            if not self._limiter.test(item, "sign-in", by, key):
                reset_at, _remaining = self._limiter.get_window_stats(item, "sign-in", by, key)
                return Refusal(max(1, math.ceil(reset_at - time.time())), by)
        return None

    def failed(self, username: str, client: str) -> None:
        """Count one failed sign-in against the user name and the client."""
        self._limiter.hit(self._per_user, "sign-in", "user name", self._user_key(username))
        self._limiter.hit(self._per_client, "sign-in", "client address", client)

    def succeeded(self, username: str) -> None:
        """Forget the user name's failures (the client's stay counted)."""
        self._limiter.clear(self._per_user, "sign-in", "user name", self._user_key(username))
