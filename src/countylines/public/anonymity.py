"""Anonymity by design: the public app never learns who is asking.

:class:`Anonymise` is the outermost layer of the public app (ASGI middleware).
Before the application sees a request it

* removes the client's address and port from the request (``scope["client"]``);
* keeps only the headers the page needs (:data:`KEPT_HEADERS`: ``host``,
  ``content-type``, ``content-length``), so the user agent, cookies,
  ``X-Forwarded-For``, ``Forwarded``, ``X-Real-IP``, ``Referer`` and every
  other header are gone before any code could read, store or log them;
* refuses a body over the size limit with 413, without reading it when its
  ``Content-Length`` says so, and otherwise stops reading at the limit;
* refuses WebSocket connections;

and on the way out it removes any ``Set-Cookie`` and adds the security
headers (:data:`SECURITY_HEADERS`: ``Content-Security-Policy:
default-src 'self'`` and no third-party resource at all).

The server is run with no access log, no proxy-header handling and no
WebSocket support, and a logging configuration whose formats hold no client
address (:func:`uvicorn_options`, :data:`LOG_CONFIG`). The app itself logs no
event per request (the time of a log line would be a timestamp of a report).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KEPT_HEADERS = frozenset({b"host", b"content-type", b"content-length"})
"""Request headers the public app may see; every other header is removed."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=(), interest-cohort=()"),
    (b"cache-control", b"no-store"),
)
"""Added to every response of the public app (replacing any the app set)."""

TOO_LARGE_PAGE = (
    b'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
    b"<title>Report too large</title></head><body><main><h1>Your report is too large</h1>"
    b"<p>A report can be up to 20,000 characters (about 3,000 words) in all. "
    b'Please go back, shorten it and send it again.</p><p><a href="/">Back to the form</a>'
    b"</p></main></body></html>"
)


class Anonymise:
    """ASGI middleware that strips every identifier from requests (see the module doc).

    Args:
        app: the application to protect.
        max_body_bytes: the largest request body passed on; more is refused with 413.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one connection event (HTTP, lifespan; WebSocket refused)."""
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1008})
            return
        clean = dict(scope)
        clean["client"] = None
        clean["headers"] = [(k, v) for k, v in scope.get("headers", []) if k in KEPT_HEADERS]

        async def send_clean(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"set-cookie" and k.lower() not in names
                ]
                static = clean.get("path", "").startswith("/static/")
                headers += [
                    (k, v) for k, v in SECURITY_HEADERS if not (static and k == b"cache-control")
                ]
                message = {**message, "headers": headers}
            await send(message)

        declared = dict(clean["headers"]).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_body_bytes
            except ValueError:
                too_large = True
            if too_large:
                await _refuse(send_clean)
                return
        body, state = await _read_body(receive, self.max_body_bytes)
        if state == "too large":
            await _refuse(send_clean)
            return
        if state == "gone":
            return  # the client left before sending the whole body: nothing to answer
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # http.disconnect, when the client goes

        await self.app(clean, replay, send_clean)


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, str]:
    """(the whole body, ``complete``); or (b"", ``too large``) once it passes ``limit``; or
    (b"", ``gone``) if the client disconnects first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"", "gone"
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", "too large"
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), "complete"


async def _refuse(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(TOO_LARGE_PAGE)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": TOO_LARGE_PAGE})


LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "countylines": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}
"""Logging of the public server: startup and errors only; no format holds a client address,
and the access logger is silenced (as well as switched off)."""


def uvicorn_options() -> dict[str, Any]:
    """Keyword arguments of ``uvicorn.run`` / ``uvicorn.Config`` for the public app.

    No access log; proxy headers (``X-Forwarded-For``, ``X-Forwarded-Proto``)
    not read; no WebSocket support; no ``Server`` header; the logging above.
    """
    return {
        "access_log": False,
        "proxy_headers": False,
        "forwarded_allow_ips": "",
        "server_header": False,
        "ws": "none",
        "log_config": LOG_CONFIG,
        "log_level": "info",
    }
