"""``create_app``: the newsdesk web app (HTML pages + JSON API) over one store file.

Everything the app holds lives on ``app.state`` (settings, read-connection pool, ingest jobs,
templates): no module-level state, so two apps over two stores can run in one process.

Safety, in one place:

- every response carries a strict Content-Security-Policy (``default-src 'self'``, no inline
  script or style at all), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``
  and ``frame-ancestors 'none'``; Jinja2 autoescapes every value (article text is never trusted);
- request bodies over ``max_body_bytes`` are refused with 413 before they are read in full;
- a cross-site POST (an ``Origin`` that is not this host) is refused with 403, and the ``Host``
  header can be limited to the names the server is reached by (DNS-rebinding defence);
- static files are served from an allow-list built at start-up: no path from a request ever
  reaches the file system;
- errors under ``/api`` are JSON ``{"error": message, "status": code}``, never a stack trace.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.web.db import KeyedLocks, StorePool
from newsdesk.web.settings import DEFAULT_MAX_BODY_BYTES, WebSettings
from newsdesk.web.tasks import JobManager

log = logging.getLogger("newsdesk.web")

HERE = Path(__file__).parent

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" with the app's
    # own form posts, which the cross-site check below must refuse.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


def create_app(
    db_path: str | Path,
    *,
    allow_private_urls: bool = False,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The web app over the store at ``db_path``.

    ``allow_private_urls`` lets URL ingestion reach loopback, private, link-local and metadata
    addresses (refused by default, see :mod:`newsdesk.web.netguard`). ``allowed_hosts`` limits the
    ``Host`` header (``None``: any host).
    """
    from newsdesk.web import routes_api, routes_html

    settings = WebSettings(
        db_path=Path(db_path), allow_private_urls=allow_private_urls,
        max_body_bytes=max_body_bytes, allowed_hosts=allowed_hosts,
    )  # fmt: skip
    app = FastAPI(
        title="newsdesk",
        summary="Cited cross-source news briefings",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from CDNs and inline: not under our CSP
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.pool = StorePool(settings.db_path, settings.read_connections)
    app.state.locks = KeyedLocks()
    app.state.jobs = JobManager(settings)
    app.state.templates = _templates()
    app.state.static = _static_files()
    app.include_router(routes_api.router)
    app.include_router(routes_html.router)
    app.openapi = lambda: routes_api.openapi_schema(app)  # type: ignore[method-assign]
    _error_handlers(app)
    app.add_middleware(GuardMiddleware, settings=settings)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pool.warm()
    yield
    app.state.jobs.shutdown()
    app.state.pool.close()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsdesk")
    except PackageNotFoundError:
        return "0"


# --- templates and static files ------------------------------------------------------------------


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _static_files() -> dict[str, tuple[bytes, str, str]]:
    """``name → (content, media type, short hash)`` for every file shipped in ``static/``."""
    files = {}
    for path in sorted((HERE / "static").iterdir()):
        if path.is_file() and path.suffix in STATIC_TYPES:
            data = path.read_bytes()
            files[path.name] = (
                data,
                STATIC_TYPES[path.suffix],
                hashlib.sha256(data).hexdigest()[:10],
            )
    return files


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with ``context`` (plus ``static()`` and the request) as an HTML page."""
    static = request.app.state.static

    def static_url(name: str) -> str:
        return f"/static/{name}?v={static[name][2]}"

    page = request.app.state.templates.get_template(template)
    html = page.render(request=request, static=static_url, **context)
    return HTMLResponse(html, status_code=status_code)


# --- errors --------------------------------------------------------------------------------------


def is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    if is_api(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(request, "error.html.j2", status_code=status, status=status, message=message)


def _error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        response = error_response(request, exc.status_code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "; ".join(problems) or "invalid request")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        return error_response(request, 500, "internal server error")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)


# --- middleware ----------------------------------------------------------------------------------


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large (limit {limit / 1e6:g} MB)")


class GuardMiddleware:
    """Security headers on every response; body-size cap; Host allow-list; cross-site POSTs."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.limit = settings.max_body_bytes
        self.hosts = {h.lower() for h in settings.allowed_hosts} if settings.allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal:
            await self._plain_error(scope, send, *refusal)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        started = False

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                known = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in known]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except Exception as exc:
            # Starlette answers an unhandled error from its outermost middleware, outside this one,
            # so that page would go out without the CSP and the other headers: answer it here.
            if started:
                raise
            request = Request(scope, receive)
            log.exception("error serving %s", request.url.path, exc_info=exc)
            response = error_response(request, 500, "internal server error")
            await response(scope, receive, secured_send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if self.hosts is not None and _hostname(host) not in self.hosts:
            return 400, "unknown host"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            return 413, str(BodyTooLarge(self.limit).detail)
        # Browsers send Origin with every cross-site POST; a form on another site must not be able
        # to make this server ingest (and fetch) on the user's behalf.
        origin = headers.get("origin")
        unsafe = scope["method"] not in ("GET", "HEAD", "OPTIONS")
        if (
            unsafe
            and origin is not None
            and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower())
        ):
            return 403, "cross-site request refused"
        return None

    async def _plain_error(self, scope: Scope, send: Send, status: int, message: str) -> None:
        """Errors decided before routing: JSON under /api, a short page elsewhere."""
        if scope["path"].startswith("/api"):
            body, kind = (
                json.dumps({"error": message, "status": status}).encode(),
                b"application/json",
            )
        else:
            body = (
                f"<!doctype html><meta charset=utf-8><title>{status}</title>"
                f"<h1>{status}</h1><p>{escape(message)}</p>"
            ).encode()
            kind = b"text/html; charset=utf-8"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        headers += [(b"connection", b"close")] if status == 413 else []
        await send({"type": "http.response.start", "status": status,
                    "headers": headers + SECURITY_HEADERS})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def _hostname(host: str) -> str:
    host = host.lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
