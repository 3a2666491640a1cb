"""Every route and page refuses anonymous and under-privileged users.

The routes are enumerated from the app itself: a new route without an
``Allow`` dependency fails ``test_every_route_declares_who_may_use_it``, and
every declared permission is exercised against every role that lacks it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from countylines.security.access import ROLE_PERMISSIONS
from countylines.web.app import served_routes
from countylines.web.deps import Allow
from countylines.web.views.auth import PUBLIC_ROUTES
from tests.web.conftest import ROLE_USER, Client, WebEnv


def _allow(route: APIRoute) -> Allow | None:
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, Allow):
            return dep.call
        stack.extend(dep.dependencies)
    return None


def _routes(app: Any) -> list[tuple[str, str, Allow | None]]:
    return [
        (method, path, _allow(route))
        for path, route in served_routes(app)
        for method in sorted(route.methods)
    ]


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_route_declares_who_may_use_it(web_app: Any) -> None:
    routes = _routes(web_app)
    assert len(routes) > 30
    undeclared = [(m, p) for m, p, allow in routes if allow is None and (m, p) not in PUBLIC_ROUTES]
    assert undeclared == []
    mounts = sorted(r.path for r in web_app.routes if isinstance(r, Mount))
    assert mounts == [
        "/static/app",
        "/static/vendor/cytoscape",
        "/static/vendor/leaflet",
        "/static/vendor/swagger-ui",
    ]


def test_anonymous_requests_are_refused_everywhere(web_app: Any) -> None:
    from fastapi.testclient import TestClient

    http = TestClient(web_app, follow_redirects=False)
    checked = 0
    for method, path, _ in _routes(web_app):
        if (method, path) in PUBLIC_ROUTES:
            continue
        response = http.request(method, _fill(path))
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path, response.status_code)
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/login?next=")
        checked += 1
    assert checked > 30


def test_a_forged_session_cookie_is_refused(web_app: Any) -> None:
    from fastapi.testclient import TestClient

    http = TestClient(web_app, follow_redirects=False, cookies={"countylines_session": "x" * 43})
    assert http.get("/api/lines").status_code == 401


@pytest.mark.parametrize("role", sorted(ROLE_USER))
def test_roles_without_the_permission_are_refused(web_env: WebEnv, web_app: Any, role: str) -> None:
    client = Client(web_app, ROLE_USER[role])
    held = ROLE_PERMISSIONS[role]
    refused = 0
    for method, path, allow in _routes(web_app):
        if allow is None or allow.permission is None or allow.permission in held:
            continue
        if method == "GET":
            response = client.get(_fill(path))
        else:
            response = client.http.request(
                method, _fill(path), headers={"X-CSRF-Token": client.csrf}
            )
        assert response.status_code == 403, (role, method, path, response.status_code)
        refused += 1
    # the administrator lacks every read of intelligence; everyone lacks something
    assert refused >= (20 if role == "administrator" else 1)


def test_state_changing_requests_need_the_csrf_token(web_env: WebEnv, web_app: Any) -> None:
    client = Client(web_app, "ann")
    for method, path, _ in _routes(web_app):
        if method in ("GET", "HEAD") or (method, path) in PUBLIC_ROUTES:
            continue
        bare = client.http.request(method, _fill(path), data={"csrf_token": "forged"})
        assert bare.status_code == 403, (method, path, bare.status_code)
        assert "did not come from this workspace" in bare.text or "expired" in bare.text


def test_login_form_needs_its_csrf_cookie(web_app: Any) -> None:
    from fastapi.testclient import TestClient

    http = TestClient(web_app, follow_redirects=False)
    response = http.post("/login", data={"username": "ann", "password": "x", "csrf_token": "y"})
    assert response.status_code == 403
    assert "countylines_session" not in response.cookies


def _try_sign_in(http: Any, username: str, password: str) -> Any:
    page = http.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    return http.post(
        "/login", data={"username": username, "password": password, "csrf_token": token.group(1)}
    )


def test_password_guessing_is_throttled_per_user_name(web_env: WebEnv) -> None:
    from fastapi.testclient import TestClient

    from countylines.security.throttle import PER_USER
    from tests.web.conftest import PASSWORD

    allowed = int(PER_USER.split()[0])
    http = TestClient(web_env.app(), follow_redirects=False)  # a fresh app: fresh counts
    for _ in range(allowed):
        assert _try_sign_in(http, "alex", "wrong guess").status_code == 401
    # the right password now is refused too, without being checked, and says when to retry
    refused = _try_sign_in(http, " ALEX ", PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed sign-ins for this user name" in refused.text
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert "countylines_session" not in refused.cookies
    # another user is not held up by alex's failures
    assert _try_sign_in(http, "ann", PASSWORD).status_code == 303


def test_a_successful_sign_in_clears_the_user_names_failures() -> None:
    from countylines.security.throttle import SignInThrottle

    throttle = SignInThrottle(per_user="2 per 15 minutes", per_client="3 per 15 minutes")
    throttle.failed("ann", "10.0.0.1")
    assert throttle.refusal("ann", "10.0.0.1") is None
    throttle.succeeded("Ann")
    throttle.failed("ann", "10.0.0.1")
    assert throttle.refusal("ann", "10.0.0.1") is None  # one failure since the success
    throttle.failed("ann", "10.0.0.1")
    refusal = throttle.refusal("ann", "10.0.0.2")  # 2 for this user name since the success
    assert refusal is not None and refusal.by == "user name"
    refusal = throttle.refusal("bob", "10.0.0.1")  # 3 from this client in all
    assert refusal is not None and refusal.by == "client address"
    assert throttle.refusal("bob", "10.0.0.2") is None
