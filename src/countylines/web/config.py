"""Settings of the web workspace (from ``countylines serve`` flags)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from countylines.security.sessions import SessionPolicy


@dataclass(frozen=True)
class WebConfig:
    """How the web workspace runs.

    Attributes:
        idle_timeout: sign a browser out after this long without a request.
        absolute_timeout: sign it out this long after sign-in, whatever happens.
        secure_cookies: mark cookies ``Secure`` (HTTPS only); needed whenever
            the workspace is reached over a network (behind a TLS proxy).
        sso_header: name of a header set by a trusted single-sign-on reverse
            proxy to the verified user's subject (None: ignored). See
            docs/security.md before using it.
        throttle_storage: where failed sign-ins are counted
            (:class:`countylines.security.throttle.SignInThrottle`): ``memory://`` for one
            process, a shared store (``redis://…``) for several.
    """

    idle_timeout: dt.timedelta = dt.timedelta(minutes=30)
    absolute_timeout: dt.timedelta = dt.timedelta(hours=12)
    secure_cookies: bool = False
    sso_header: str | None = None
    throttle_storage: str = "memory://"

    @property
    def session_policy(self) -> SessionPolicy:
        """The timeouts as the session store reads them."""
        touch = min(dt.timedelta(seconds=60), self.idle_timeout / 4)
        return SessionPolicy(self.idle_timeout, self.absolute_timeout, touch)
