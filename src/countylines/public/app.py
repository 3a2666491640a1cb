"""The public reporting page: a separate application, with no login and no identity.

``create_public_app(ws, config)`` returns an ASGI application (the FastAPI
app inside :class:`countylines.public.anonymity.Anonymise`), served by
``countylines serve-public``. It shares nothing with the analysts' web
workspace: no session, no cookie, no account. Routes:

=========================  ===================================================
``GET /``                  the form, with a fresh single-use token
``POST /report``           a report: checked, its mentions found, stored
``GET /map/area.geojson``  the LSOA boundaries for the optional map
``/static/public/...``     the page's own CSS and script
``/static/vendor/leaflet`` Leaflet (from npm, served here: no CDN)
=========================  ===================================================

A submission goes: size and content type (413 / 415, before the body is
read) -> form fields checked (400, the form back with each problem) ->
honeypot (filled: thanked, not stored) -> token (400: expired, used or
forged) -> global rate limit (429) -> mentions found and stored. The
background task :func:`countylines.public.intake.release_due` releases due
reports to the analysts' queue every ``release_every`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from countylines.public.abuse import FormTokens, TokenBucket, TokenPolicy, TokenRefused
from countylines.public.anonymity import Anonymise, ASGIApp
from countylines.public.form import (
    CHILDREN_CHOICES,
    FIELDS,
    HONEYPOT,
    MAX_BODY_BYTES,
    MAX_TOTAL_CHARS,
    Submission,
    SubmissionRefused,
    check_submission,
    parse_form_body,
)
from countylines.public.intake import (
    DEFAULT_PERIOD_MINUTES,
    mentions_or_none,
    new_reference,
    period_of,
    release_due,
    store_report,
)
from countylines.public.places import PlaceLookup
from countylines.workspace import Workspace

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static" / "public"
LEAFLET_DIR = WEB_DIR / "node_modules" / "leaflet" / "dist"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class PublicConfig:
    """How the public page runs (``countylines serve-public`` flags).

    Attributes:
        period_minutes: arrival times are kept to this period (it must divide
            a day), and reports reach the analysts when it ends. Default 60.
        burst, per_hour: the global rate limit (all senders together): at
            most ``burst`` reports at once, ``per_hour`` sustained.
        tokens: form-token lifetimes (:class:`~countylines.public.abuse.TokenPolicy`).
        release_every: seconds between releases of due reports (0: none; the
            triage queue releases them too when read).
        clock: the current time (UTC); tests pass their own.
    """

    period_minutes: int = DEFAULT_PERIOD_MINUTES
    burst: int = 30
    per_hour: float = 600.0
    tokens: TokenPolicy = field(default_factory=TokenPolicy)
    release_every: float = 60.0
    clock: Callable[[], dt.datetime] = _utcnow

    def __post_init__(self) -> None:
        period_of(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), self.period_minutes)  # validates


def _period_text(minutes: int) -> str:
    """``hour``, ``3 hours``, ``15 minutes``; ``minute`` for 1 (the page then says the time
    is kept to the minute, not that it is not)."""
    if minutes == 1:
        return "minute"
    if minutes == 60:
        return "hour"
    if minutes % 60 == 0:
        return f"{minutes // 60} hours"
    return f"{minutes} minutes"


class _Pages:
    """The public page's templates (autoescaped: every value is text)."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(template).render(context), status_code=status)


LABELS = {f.name: f.question.rstrip("?") for f in FIELDS} | {
    "children": "Children involved",
    "map": "Place on the map",
    "form": "The form",
}
ANCHORS = {f.name: f.name for f in FIELDS} | {
    "children": "children-1",
    "map": "map-show",
    "form": "what",
}


def create_public_app(ws: Workspace, config: PublicConfig | None = None) -> ASGIApp:
    """The public reporting page over ``ws`` (see the module doc).

    Raises:
        ValueError: on a period that does not divide a day.
    """
    config = config or PublicConfig()
    tokens = FormTokens(config.tokens)
    bucket = TokenBucket(config.burst, config.per_hour)
    places = PlaceLookup(ws)
    pages = _Pages()
    leaflet = LEAFLET_DIR.is_dir()

    def release() -> None:
        with ws.session() as session, session.begin():
            release_due(session, config.clock())

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async def loop() -> None:
            while True:
                try:
                    await run_in_threadpool(release)
                except Exception:  # keep serving; say nothing about any report
                    log.warning("releasing due public reports failed; will try again")
                await asyncio.sleep(config.release_every)

        task = asyncio.create_task(loop()) if config.release_every > 0 else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(
        title="Report drug dealing anonymously",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.mount("/static/public", StaticFiles(directory=STATIC_DIR), name="public-static")
    if leaflet:
        app.mount("/static/vendor/leaflet", StaticFiles(directory=LEAFLET_DIR), name="leaflet")

    def form_page(
        values: dict[str, str],
        errors: dict[str, str],
        status: int = 200,
        message: dict[str, str] | None = None,
    ) -> HTMLResponse:
        return pages.render(
            "public/form.html",
            {
                "fields": FIELDS,
                "values": values,
                "errors": errors,
                "labels": LABELS,
                "anchors": ANCHORS,
                "token": tokens.issue(),
                "honeypot": HONEYPOT,
                "children_choices": CHILDREN_CHOICES,
                "map_available": leaflet and places.available(),
                "max_total": MAX_TOTAL_CHARS,
                "period_text": _period_text(config.period_minutes),
                "period_minutes": config.period_minutes,
                "min_fill_seconds": round(config.tokens.min_fill.total_seconds()),
                "message": message,
            },
            status,
        )

    def refused(status: int, title: str, text: str) -> HTMLResponse:
        return pages.render("public/refused.html", {"title": title, "text": text}, status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return refused(404, "Page not found", "There is no such page here.")
        if exc.status_code == 405:
            return refused(405, "Not allowed", "This page cannot be used that way.")
        return refused(exc.status_code, "Something went wrong", "Please try again.")

    @app.get("/", response_class=HTMLResponse)
    def form() -> HTMLResponse:
        """The reporting form."""
        return form_page({}, {})

    @app.get("/map/area.geojson")
    def area() -> Response:
        """LSOA boundaries (public ONS data) for the optional map."""
        if not places.available():
            return Response(b'{"type":"FeatureCollection","features":[]}', 404)
        return Response(places.boundaries_document(), media_type="application/geo+json")

    def save(submission: Submission) -> str:
        mentions = mentions_or_none(submission.texts)
        places.place_mentions(mentions)
        where_lsoa = None
        if submission.latitude is not None and submission.longitude is not None:
            found = places.lsoa_at(submission.latitude, submission.longitude)
            where_lsoa = found[0] if found else None
        with ws.session() as session, session.begin():
            return store_report(
                session,
                submission,
                mentions,
                now=config.clock(),
                period_minutes=config.period_minutes,
                where_lsoa=where_lsoa,
            )

    @app.post("/report", response_class=HTMLResponse)
    async def report(request: Request) -> HTMLResponse:
        """Receive one report (see the module doc for the order of checks)."""
        body = await request.body()
        try:
            fields = parse_form_body(body, request.headers.get("content-type", ""))
        except SubmissionRefused as exc:
            titles = {413: "Your report is too large", 415: "This page takes the form only"}
            return refused(
                exc.status,
                titles.get(exc.status, "Your report could not be read"),
                exc.errors["form"][:1].upper() + exc.errors["form"][1:] + ".",
            )
        values = {k: v for k, v in fields.items() if k != "token" and k != HONEYPOT}
        try:
            submission = check_submission(fields)
        except SubmissionRefused as exc:
            return form_page(values, exc.errors, exc.status)
        if submission.honeypot_filled:
            return pages.render("public/thanks.html", {"reference": new_reference()})
        try:
            tokens.redeem(submission.token)
        except TokenRefused as exc:
            message = {
                "title": "Please send your report again",
                "text": f"It has not been sent: {exc.reason}. Your words are still below; "
                "check them and press \u201cSend report\u201d.",
            }
            return form_page(values, {}, 400, message)
        if not bucket.take():
            message = {
                "title": "Very many reports are arriving at the moment",
                "text": "Your report has not been sent yet. Please try again in a few minutes; "
                "your words are still below. You can also call Crimestoppers on 0800 555 111.",
            }
            return form_page(values, {}, 429, message)
        reference = await run_in_threadpool(save, submission)
        return pages.render("public/thanks.html", {"reference": reference})

    return Anonymise(app, MAX_BODY_BYTES)
