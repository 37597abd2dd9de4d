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

import io
import math
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from tiegraph import __version__
from tiegraph.analysis.brief import build_brief
from tiegraph.analysis.brief_render import to_html as brief_html
from tiegraph.interfaces import params as P
from tiegraph.interfaces.common import write_csv
from tiegraph.interfaces.formatting import change_delta, figure
from tiegraph.web import data
from tiegraph.web.highlight import Mark, document_marks, segments

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

MAX_OFFSET = data.ui()["page_size"]["max_offset"]
BRIEF_CONFIDENCE = 0.6  # build_brief's default: the brief states facts
Code = Annotated[str, PathParam(min_length=1, max_length=200)]
Limit = Annotated[int | None, Query(ge=1, le=500, description="rows per page (max 500)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Format = Annotated[str, Query(pattern="^(json|csv)$", description="json (default) or csv")]
Since = Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]], inclusive")]
MinConfidence = Annotated[
    float, Query(ge=0, le=1, description="keep events coded with at least this confidence")
]
Modality = Annotated[
    str | None,
    Query(
        max_length=80,
        description="keep these event modalities, comma-separated (actual, future, "
        "hypothetical, reported); `actual` is what happened: asserted only",
    ),
]


def _hl(value: str | None) -> tuple[int, int] | None:
    """'120-180' -> (120, 180): a span to highlight, e.g. a search hit."""
    if not value:
        return None
    a, _, b = value.partition("-")
    if a.isdigit() and b.isdigit() and int(a) < int(b):
        return int(a), int(b)
    return None


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


def _link(app: FastAPI, name: str, **params: Any) -> str:
    """Path of a named route with each parameter percent-encoded (a '/' or '#' in an
    actor name or id must stay inside its path segment)."""
    return app.url_path_for(name, **{k: quote(str(v), safe="") for k, v in params.items()})


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

    _api_routes(app, store)
    _page_routes(app, store, page)
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


def _csv(rows: list[dict[str, Any]], name: str) -> Response:
    buf = io.StringIO()
    write_csv(rows, buf)
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _listing(result: Any, fmt: str, name: str) -> Any:
    """A list answer as JSON, or its rows as CSV (`?format=csv`)."""
    if fmt != "csv":
        return result
    rows = result["items"] if isinstance(result, dict) else result
    return _csv(rows, name)


def _api_routes(app: FastAPI, store: Any) -> None:
    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}

    @app.get("/api/overview", tags=["meta"])
    def api_overview() -> dict[str, Any]:
        """Row counts and the most active dyads (both directions counted together)."""
        return data.overview(store)

    @app.get("/api/documents", tags=["documents"])
    def api_documents(
        q: str | None = Query(None, max_length=200, description="substring of title or source"),
        limit: Limit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Documents, newest first."""
        return _listing(
            data.list_documents(store, q=q, limit=limit, offset=offset), format, "documents"
        )

    @app.get("/api/documents/{doc_id:path}", tags=["documents"])
    def api_document(doc_id: Code) -> dict[str, Any]:
        """A document's clean text and every extraction with its span (ids may hold '/')."""
        doc = data.get_document(store, doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        return doc

    @app.get("/api/actors", tags=["actors"])
    def api_actors(
        q: str | None = Query(None, max_length=200, description="substring of the name, or a code"),
        country: str | None = Query(None, max_length=8),
        kind: str | None = Query(None, max_length=32),
        limit: Limit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Actors across the corpus, most documents first; a person is keyed by name."""
        result = data.list_actors(
            store,
            q=q,
            country=P.country(country, store),
            kind=P.choice(kind, P.ACTOR_KINDS, "kind"),
            limit=limit,
            offset=offset,
        )
        return _listing(result, format, "actors")

    @app.get("/api/actors/{key:path}", tags=["actors"])
    def api_actor(key: Code) -> dict[str, Any]:
        """One actor: a person by name, else by code (or name when uncoded)."""
        actor = data.get_actor(store, key)
        if actor is None:
            raise HTTPException(404, "no such actor")
        return actor

    @app.get("/api/events", tags=["events"])
    def api_events(
        dyad: str | None = Query(
            None, max_length=80, description="two countries, either direction: KOR,USA"
        ),
        actor: str | None = Query(
            None, max_length=32, description="country or code on either side"
        ),
        type: str | None = Query(None, max_length=32, description="PLOVER type, e.g. ASSAULT"),
        polarity: str | None = Query(None, pattern="^(asserted|negated)$"),
        quad_class: int | None = Query(None, ge=1, le=4),
        since: Since = None,
        until: Since = None,
        min_confidence: MinConfidence = 0.0,
        modality: Modality = None,
        merged: bool = Query(
            False,
            description="one row per occurrence: the same event reported by several "
            "articles merged, with its article count (as `tiegraph events --merged`)",
        ),
        limit: Limit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Coded events in date order. Codes are case-insensitive."""
        filters = _event_filters(store, dyad, actor, type, quad_class, since, until)
        filters.update(
            min_confidence=min_confidence, polarity=polarity, modality=data.modalities(modality)
        )
        if merged:
            result = data.list_occurrences(store, limit=limit, offset=offset, **filters)
        else:
            result = data.list_events(store, limit=limit, offset=offset, **filters)
        return _listing(result, format, "events-merged" if merged else "events")

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(
        speaker: str | None = Query(
            None, max_length=200, description="substring of the name, or a code"
        ),
        about: str | None = Query(None, max_length=32, description="a country code"),
        since: Since = None,
        until: Since = None,
        limit: Limit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Who said what, in document-date order."""
        s, u = P.date_range(since, until)
        result = data.list_quotes(
            store,
            speaker=speaker,
            about=P.country(about, store, "about"),
            since=s,
            until=u,
            limit=limit,
            offset=offset,
        )
        return _listing(result, format, "quotes")

    @app.get("/api/claims", tags=["claims"])
    def api_claims(
        measure: str | None = Query(None, max_length=64),
        subject: str | None = Query(None, max_length=32),
        location: str | None = Query(None, max_length=32),
        since: Since = None,
        until: Since = None,
        limit: Limit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Numeric claims by measure and as-of date (`since`/`until` bound the as-of date)."""
        s, u = P.date_range(since, until)
        result = data.list_claims(
            store,
            measure=P.measure(measure),
            subject=P.country(subject, store, "subject"),
            location=P.country(location, store, "location"),
            since=s,
            until=u,
            limit=limit,
            offset=offset,
        )
        return _listing(result, format, "claims")

    @app.get("/api/changes", tags=["claims"])
    def api_changes(
        measure: str | None = Query(None, max_length=64),
        subject: str | None = Query(None, max_length=32),
        kind: str | None = Query(None, pattern="^(change|conflict)$"),
        since: Since = None,
        until: Since = None,
        limit: Limit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """Claims that changed or conflict across documents, with both evidence sentences,
        ordered by measure, subject and date (as `tiegraph changes`)."""
        rows = _changes(store, measure, subject, kind, since, until)
        result = data.paged(lambda limit, offset: rows[offset : offset + limit], limit, offset)
        return _listing(result, format, "changes")

    @app.get("/api/characterizations", tags=["characterizations"])
    def api_characterizations(
        dyad: str | None = Query(None, max_length=80, description="two codes: KOR,USA"),
        doc_id: str | None = Query(None, max_length=200),
        since: Since = None,
        until: Since = None,
        limit: Limit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        """How relationships are described (phrase, tone, speaker, spans)."""
        s, u = P.date_range(since, until)
        result = data.list_characterizations(
            store,
            dyad=P.dyad(dyad, store),
            doc_id=doc_id,
            since=s,
            until=u,
            limit=limit,
            offset=offset,
        )
        return _listing(result, format, "characterizations")

    @app.get("/api/dyads", tags=["dyads"])
    def api_dyads(limit: Annotated[int, Query(ge=1, le=500)] = 100, format: Format = "json") -> Any:
        """Country pairs with asserted events, both directions counted together, most active
        first (as the `summary` command counts them)."""
        return _listing(data.list_dyads(store, limit=limit), format, "dyads")

    @app.get("/api/dyads/{a}/{b}/timeline", tags=["dyads"])
    def api_dyad_timeline(
        a: Code,
        b: Code,
        by: str = Query("year", pattern="^(year|month)$"),
        since: Since = None,
        until: Since = None,
        min_confidence: MinConfidence = 0.0,
        modality: Modality = None,
        format: Format = "json",
    ) -> Any:
        """Per period: events by QuadClass, mean Goldstein, characterisations and their tone
        (the same answer as `tiegraph dyad A B --json`), and the dyad's number series.
        `min_confidence` and `modality` narrow the events counted."""
        x, y = P.dyad([a, b], store)  # type: ignore[misc]
        s, u = P.date_range(since, until)
        tl = data.dyad_timeline(
            store,
            x,
            y,
            by=by,
            since=s,
            until=u,
            min_confidence=min_confidence,
            modality=data.modalities(modality),
        )
        return _csv(tl["periods"], f"dyad-{x}-{y}") if format == "csv" else tl

    @app.get("/api/network", tags=["network"])
    def api_network(
        level: str = Query("country", pattern="^(country|code)$"),
        min_events: int = Query(1, ge=1, le=100000),
        min_confidence: MinConfidence = 0.0,
        modality: Modality = None,
        since: Since = None,
        until: Since = None,
    ) -> dict[str, Any]:
        """The directed actor network of asserted events (nodes, edges with mean Goldstein,
        its legend band and colour; the legend)."""
        s, u = P.date_range(since, until)
        return data.actor_network(
            store,
            level=level,
            min_events=min_events,
            min_confidence=min_confidence,
            modality=data.modalities(modality),
            since=s,
            until=u,
        )

    @app.get("/api/dyads/{a}/{b}/brief", tags=["dyads"])
    def api_dyad_brief(
        a: Code,
        b: Code,
        since: Since = None,
        until: Since = None,
        min_confidence: MinConfidence = BRIEF_CONFIDENCE,
    ) -> dict[str, Any]:
        """The relationship brief (as `tiegraph brief A B --format json`): sections of
        sentences, each citing numbered evidence spans, and the references."""
        x, y = P.dyad([a, b], store)  # type: ignore[misc]
        s, u = P.date_range(since, until)
        return build_brief(store, x, y, since=s, until=u, min_confidence=min_confidence).to_dict()

    @app.get("/api/search", tags=["search"])
    def api_search(
        q: str = Query(..., min_length=1, max_length=200),
        since: Since = None,
        until: Since = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> dict[str, Any]:
        """Sentences containing every word, plus matching actors and document titles."""
        s, u = P.date_range(since, until)
        return data.search(store, q, limit=limit, since=s, until=u)


def _event_filters(
    store: Any,
    dyad: str | None,
    actor: str | None,
    type: str | None,  # noqa: A002 - the record's field name
    quad_class: int | None,
    since: str | None,
    until: str | None,
) -> dict[str, Any]:
    """Event filters checked and normalised as the CLI does (codes upper-cased)."""
    s, u = P.date_range(since, until)
    return {
        "dyad": P.dyad(dyad, store),
        "actor": P.actor_code(actor, store),
        "type": P.event_type(type),
        "quad_class": quad_class,
        "since": s,
        "until": u,
    }


def _changes(store: Any, measure, subject, kind, since, until) -> list[dict[str, Any]]:
    s, u = P.date_range(since, until)
    return data.list_changes(
        store,
        measure=P.measure(measure),
        subject=P.country(subject, store, "subject"),
        kind=kind,
        since=s,
        until=u,
    )


def _query(**params: Any) -> str:
    """key=value pairs, percent-encoded, leaving out empty ones."""
    return "&".join(
        f"{quote(k, safe='')}={quote(str(v), safe='')}"
        for k, v in params.items()
        if v not in (None, "")
    )


def _url(path: str, **params: Any) -> str:
    """A path with the query of the parameters that are set."""
    q = _query(**params)
    return path + ("?" + q if q else "")


def _filter_params(
    since: str | None, until: str | None, min_confidence: float | None, modality: list[str] | None
) -> dict[str, Any]:
    """The event filters that are set, as query parameters: what a page passes on to its API
    call and its links."""
    return {
        "since": since,
        "until": until,
        "min_confidence": f"{min_confidence:g}" if min_confidence else None,
        "modality": ",".join(modality) if modality else None,
    }


def _shown_filters(min_confidence: float, modality: list[str] | None) -> dict[str, Any]:
    """The confidence and "asserted only" controls of a filter form, as set."""
    return {
        "min_confidence": f"{min_confidence:g}" if min_confidence else "",
        "actual_only": modality == ["actual"],
        "modality": ",".join(modality) if modality and modality != ["actual"] else "",
    }


def _relative(request: Request, **params: Any) -> str:
    """This page's path and query with `params` replaced: a relative link, so nothing of the
    Host header ever reaches a page."""
    query = request.url.include_query_params(**params).query
    return request.url.path + (f"?{query}" if query else "")


def _pager(request: Request, result: dict[str, Any]) -> dict[str, Any]:
    lim, off, nxt = result["limit"], result["offset"], result["next_offset"]
    n = len(result["items"])
    return {
        "first": off + 1 if n else 0,
        "last": off + n,
        "prev": _relative(request, offset=max(0, off - lim)) if off else None,
        "next": _relative(request, offset=nxt) if nxt is not None else None,
    }


def _csv_link(app: FastAPI, request: Request, api: str, **path: Any) -> str:
    """The API list behind a page, as CSV, with the page's filters (relative)."""
    params = dict(request.query_params)
    params.update(format="csv")
    params.setdefault("limit", "500")
    q = "&".join(f"{quote(k, safe='')}={quote(str(v), safe='')}" for k, v in params.items())
    return _link(app, api, **path) + "?" + q


def _page_routes(app: FastAPI, store: Any, page) -> None:
    def csv_link(request: Request, api: str, **path: Any) -> str:
        return _csv_link(app, request, api, **path)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return page(
            request,
            "index.html",
            overview=data.overview(store),
            csv=csv_link(request, "api_dyads"),
            title="Overview",
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=200)):
        result = data.search(store, q) if q.strip() else None
        hits = []
        if result:
            terms = {t.lower() for t in result["terms"]}
            for s in result["sentences"]:
                text = s["span"]["text"] or ""
                hits.append({**s, "segments": segments(text, _term_marks(text, terms))})
        return page(request, "search.html", q=q, result=result, hits=hits, title="Search")

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(
        request: Request, q: str | None = Query(None, max_length=200), offset: Offset = 0
    ):
        result = data.list_documents(store, q=q, offset=offset)
        return page(
            request,
            "documents.html",
            result=result,
            pager=_pager(request, result),
            csv=csv_link(request, "api_documents"),
            q=q or "",
            title="Documents",
        )

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: Code, hl: str | None = Query(None, max_length=40)):
        doc = data.get_document(store, doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        marks, items = document_marks(doc)
        hit = _hl(hl)
        if hit:
            marks.append(Mark(hit[0], hit[1], "hit", "hit"))
        segs = segments(doc["text"] or "", marks)
        groups: dict[str, list[tuple[str, dict]]] = {k: [] for k in data.ui()["kinds"]}
        for key, (kind, item) in items.items():
            groups[kind].append((key, item))
        return page(
            request,
            "document.html",
            doc=doc,
            segments=segs,
            groups=groups,
            title=doc.get("title") or doc["doc_id"],
        )

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        dyad: str | None = Query(None, max_length=80),
        actor: str | None = Query(None, max_length=32),
        type: str | None = Query(None, max_length=32),
        quad_class: str | None = Query(None, pattern="^[1-4]?$"),
        since: Since = None,
        until: Since = None,
        min_confidence: MinConfidence = 0.0,
        modality: Modality = None,
        offset: Offset = 0,
    ):
        quad = int(quad_class) if quad_class else None
        filters = _event_filters(store, dyad, actor, type, quad, since, until)
        mods = data.modalities(modality)
        result = data.list_events(
            store, offset=offset, min_confidence=min_confidence, modality=mods, **filters
        )
        shown: dict[str, Any] = {"dyad": dyad or "", "actor": actor or "", "type": type or ""}
        shown.update(since=since or "", until=until or "", quad_class=quad)
        shown.update(_shown_filters(min_confidence, mods))
        return page(
            request,
            "events.html",
            result=result,
            pager=_pager(request, result),
            csv=csv_link(request, "api_events"),
            filters=shown,
            title="Events",
        )

    @app.get("/dyads", response_class=HTMLResponse, include_in_schema=False)
    def dyads_page(request: Request):
        return page(
            request,
            "dyads.html",
            dyads=data.list_dyads(store, limit=500),
            csv=csv_link(request, "api_dyads"),
            title="Dyads",
        )

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(
        request: Request,
        a: Code,
        b: Code,
        since: Since = None,
        until: Since = None,
        min_confidence: MinConfidence = 0.0,
        modality: Modality = None,
    ):
        x, y = P.dyad([a, b], store)  # type: ignore[misc]
        s, u = P.date_range(since, until)
        mods = data.modalities(modality)
        tl = data.dyad_timeline(
            store, x, y, since=s, until=u, min_confidence=min_confidence, modality=mods
        )
        title = f"{tl['names'][0]} – {tl['names'][1]}"
        fp = _filter_params(s, u, min_confidence, mods)
        return page(
            request,
            "dyad.html",
            a=x,
            b=y,
            tl=tl,
            csv=csv_link(request, "api_dyad_timeline", a=x, b=y),
            api=_url(_link(app, "api_dyad_timeline", a=x, b=y), **fp),
            brief=_url(
                _link(app, "dyad_brief_page", a=x, b=y),
                since=s,
                until=u,
                min_confidence=fp["min_confidence"],
            ),
            events=_url(_link(app, "events_page"), dyad=f"{x},{y}", **fp),
            filters={"since": s or "", "until": u or ""} | _shown_filters(min_confidence, mods),
            title=title,
        )

    @app.get("/dyads/{a}/{b}/brief", response_class=HTMLResponse, include_in_schema=False)
    def dyad_brief_page(
        request: Request,
        a: Code,
        b: Code,
        since: Since = None,
        until: Since = None,
        min_confidence: MinConfidence = BRIEF_CONFIDENCE,
    ):
        """The printable brief of `tiegraph brief A B --format html`; its links are paths on
        this server, and a bar back to the dyad page that printing hides."""
        x, y = P.dyad([a, b], store)  # type: ignore[misc]
        s, u = P.date_range(since, until)
        brief = build_brief(store, x, y, since=s, until=u, min_confidence=min_confidence)
        back = _link(app, "dyad_page", a=x, b=y)
        nav = (
            f'<nav class="brief-nav" style="font:13px sans-serif;margin-bottom:1rem">'
            f'<a href="{back}">← {x}–{y} dyad page</a> · '
            f'<a href="{_url(_link(app, "api_dyad_brief", a=x, b=y), **request.query_params)}">'
            "JSON</a> · print or save as PDF from the browser</nav>"
        )
        return HTMLResponse(brief_html(brief, base="", nav=nav))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(
        request: Request,
        level: str = Query("country", pattern="^(country|code)$"),
        since: Since = None,
        until: Since = None,
        min_confidence: MinConfidence = 0.0,
        modality: Modality = None,
    ):
        s, u = P.date_range(since, until)
        mods = data.modalities(modality)
        net = data.actor_network(
            store, level=level, min_confidence=min_confidence, modality=mods, since=s, until=u
        )
        fp = _filter_params(s, u, min_confidence, mods)
        return page(
            request,
            "network.html",
            level=level,
            net=net,
            api=_url(_link(app, "api_network"), level=level, **fp),
            filters={"since": s or "", "until": u or ""} | _shown_filters(min_confidence, mods),
            title="Actor network",
        )

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(
        request: Request, q: str | None = Query(None, max_length=200), offset: Offset = 0
    ):
        result = data.list_actors(store, q=q, offset=offset)
        return page(
            request,
            "actors.html",
            result=result,
            pager=_pager(request, result),
            csv=csv_link(request, "api_actors"),
            q=q or "",
            title="Actors",
        )

    @app.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, key: Code):
        actor = data.get_actor(store, key)
        if actor is None:
            raise HTTPException(404, "no such actor")
        events: dict[str, Any] | None
        if actor["kind"] == "person":  # their own events and words, not their whole office's
            events = data.list_events(store, actor_ids=actor["actor_ids"], limit=200)
            quotes = data.list_quotes(store, speaker_ids=actor["actor_ids"], limit=200)
        else:
            code = actor["code"]
            events = data.list_events(store, actor=code, limit=200) if code else None
            quotes = data.list_quotes(store, speaker=code or actor["name"], limit=200)
        return page(
            request, "actor.html", actor=actor, events=events, quotes=quotes, title=actor["name"]
        )

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request,
        speaker: str | None = Query(None, max_length=200),
        about: str | None = Query(None, max_length=32),
        since: Since = None,
        until: Since = None,
        offset: Offset = 0,
    ):
        s, u = P.date_range(since, until)
        result = data.list_quotes(
            store,
            speaker=speaker,
            about=P.country(about, store, "about"),
            since=s,
            until=u,
            offset=offset,
        )
        return page(
            request,
            "quotes.html",
            result=result,
            pager=_pager(request, result),
            csv=csv_link(request, "api_quotes"),
            filters={"speaker": speaker or "", "about": about or ""},
            title="Quotes",
        )

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(
        request: Request,
        measure: str | None = Query(None, max_length=64),
        subject: str | None = Query(None, max_length=32),
        offset: Offset = 0,
    ):
        result = data.list_claims(
            store,
            measure=P.measure(measure),
            subject=P.country(subject, store, "subject"),
            offset=offset,
        )
        return page(
            request,
            "claims.html",
            result=result,
            pager=_pager(request, result),
            csv=csv_link(request, "api_claims"),
            filters={"measure": measure or "", "subject": subject or ""},
            title="Claims",
        )

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes_page(
        request: Request,
        measure: str | None = Query(None, max_length=64),
        subject: str | None = Query(None, max_length=32),
        kind: str | None = Query(None, pattern="^(change|conflict)?$"),
    ):
        rows = _changes(store, measure, subject, kind or None, None, None)
        return page(
            request,
            "changes.html",
            rows=rows,
            csv=csv_link(request, "api_changes"),
            filters={"measure": measure or "", "subject": subject or ""},
            title="Claim changes",
        )


def _term_marks(text: str, terms: set[str]) -> list[Mark]:
    """Marks on whole-word occurrences of the search terms (case-insensitive)."""
    return [
        Mark(m.start(), m.end(), "term", "hit")
        for m in data.WORD.finditer(text)
        if m.group(0).lower() in terms
    ]
