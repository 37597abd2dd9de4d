"""The HTTP API (JSON, OpenAPI at /docs) and the server-rendered web UI over one store.

Interfaces are thin: every route parses its parameters, calls one function of
``tiegraph.web.data`` and renders JSON or a Jinja2 template. Article text is
untrusted, so templates autoescape everything, highlighted text is built from
escaped segments (``highlight.py``), the static folder is served by Starlette's
``StaticFiles`` (which refuses paths outside it), and every response carries a
Content-Security-Policy that allows scripts from this server only, also on errors.

Parameters are checked by ``tiegraph.interfaces.params``, as in the CLI: codes are
case-insensitive, unknown codes and malformed dates answer 422 with what is valid.
Every list answers ``?format=csv`` too. Links are paths, never built from the
Host header.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from tiegraph import __version__
from tiegraph.interfaces import params as P
from tiegraph.interfaces.formatting import change_delta, figure
from tiegraph.web import data
from tiegraph.web.api import api_routes
from tiegraph.web.common import _link
from tiegraph.web.pages import page_routes

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def templates_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["quads"] = data.ui()["quad_classes"]
    env.globals["kind_labels"] = data.ui()["kinds"]
    env.filters["num"] = _num
    env.filters["figure"] = figure
    env.filters["change_delta"] = change_delta
    return env


def _num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        return f"{int(v):,}"
    if isinstance(v, (int, float)):
        return f"{v:,}"
    return str(v)


def create_app(db: str | Path | None = None, store: Any = None) -> FastAPI:
    """The app over the store at ``db`` (a path or URL; created empty if missing)."""
    if store is None:
        store = data.open_store(db)
    app = FastAPI(
        title="tiegraph",
        version=__version__,
        description="Events, quotes, numeric claims and characterisations extracted from "
        "international-relations articles, each linked to its evidence span "
        "(character offsets into the document's clean text). List endpoints page with "
        "`limit` and `offset` and answer `{items, limit, offset, next_offset}`.",
        docs_url=None,  # served below from the package's own copy of Swagger UI (no CDN)
        redoc_url=None,
    )
    app.state.store = store
    env = templates_env()
    env.globals["link"] = lambda name, **params: _link(app, name, **params)
    env.globals["static"] = lambda path: app.url_path_for("static", path=path)
    env.globals["actor_key"] = data.actor_key
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        """A 500 still carries the security headers (this handler runs outside middleware)."""
        return PlainTextResponse("Internal Server Error", 500, headers=SECURITY_HEADERS)

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, **ctx)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not _wants_html(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(
            request,
            "error.html",
            status=exc.status_code,
            detail=exc.detail,
            title="Not found" if exc.status_code == 404 else f"Error {exc.status_code}",
        )

    @app.exception_handler(P.ParamError)
    async def param_error(request: Request, exc: P.ParamError) -> Response:
        if not _wants_html(request):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return page(request, "error.html", status=422, detail=str(exc), title="Invalid filter")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if not _wants_html(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        detail = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', [])[1:])}: {e.get('msg')}"
            for e in exc.errors()
        )
        return page(request, "error.html", status=422, detail=detail, title="Invalid filter")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return page(request, "apidocs.html", openapi_url=app.openapi_url)

    api_routes(app, store)
    page_routes(app, store, page)
    return HeadAsGet(app)  # type: ignore[return-value]


class HeadAsGet:
    """HEAD on any GET route: answered as the GET, headers only. Attribute access (state,
    url_path_for, openapi) goes to the FastAPI app, so callers can treat it as one."""

    def __init__(self, app: FastAPI):
        self.app = app

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path in ("/docs", "/openapi.json", "/redoc"):
        return False
    return True
