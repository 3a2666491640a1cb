"""What the browser tests share: Debian's chromium, a uvicorn server in a thread, sign-in.

Playwright drives ``/usr/bin/chromium`` (never ``playwright install``: it
downloads). In CI a missing chromium is an error, not a skip.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.web.conftest import PASSWORD

CHROMIUM = Path(os.environ.get("COUNTYLINES_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists() and os.environ.get("CI") == "true":
    raise RuntimeError(f"CI needs chromium at {CHROMIUM}: scripts/test-services.sh installs it")

#: Mark for a browser test module: ``pytestmark = needs_chromium``.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no chromium at {CHROMIUM} (scripts/test-services.sh installs it)",
)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: Any, **options: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on loopback in a thread; yield its base URL, then stop it.

    ``options`` go to ``uvicorn.Config`` (default ``log_level="warning"``).
    """
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, **{"log_level": "warning", **options})
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def launch() -> Iterator[Any]:
    """A headless Debian chromium through Playwright (for a module-scoped fixture)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def sign_in(page: Any, base: str, username: str, purpose: str | None = "Op TEST") -> None:
    """Sign in through the login form and, if given, set the session's purpose."""
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    if purpose:
        page.goto(f"{base}/purpose")
        page.fill("#purpose", purpose)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{base}/")
