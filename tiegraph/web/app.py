"""The HTTP API (JSON, OpenAPI at /docs) and the server-rendered web UI over one store.

Interfaces are thin: every route parses its parameters, calls one function of
``tiegraph.web.data`` and renders JSON or a Jinja2 template. Article text is
untrusted, so templates autoescape everything, highlighted text is built from
escaped segments (``highlight.py``), the static folder is served by Starlette's
``StaticFiles`` (which refuses paths outside it), and every response carries a
Content-Security-Policy that allows scripts from this server only.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from tiegraph import __version__
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

Code = Annotated[str, PathParam(min_length=1, max_length=200)]
Limit = Annotated[int | None, Query(ge=1, le=500, description="rows per page (max 500)")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


def _dyad(value: str | None) -> tuple[str, str] | None:
    """'KOR,USA' -> ('KOR', 'USA'); anything else is a 422."""
    if not value:
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) != 2:
        raise HTTPException(422, "dyad must be two codes separated by a comma, e.g. KOR,USA")
    return parts[0], parts[1]


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
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

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

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return page(request, "apidocs.html", openapi_url=app.openapi_url)

    _api_routes(app, store)
    _page_routes(app, store, page)
    return app


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path in ("/docs", "/openapi.json", "/redoc"):
        return False
    return True


Since = Annotated[
    str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}){0,2}$", description="YYYY[-MM[-DD]]")
]


def _api_routes(app: FastAPI, store: Any) -> None:
    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}

    @app.get("/api/overview", tags=["meta"])
    def api_overview() -> dict[str, Any]:
        """Row counts and the most active dyads."""
        return data.overview(store)

    @app.get("/api/documents", tags=["documents"])
    def api_documents(
        q: str | None = Query(None, max_length=200, description="substring of title or source"),
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Documents, newest first."""
        return data.list_documents(store, q=q, limit=limit, offset=offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def api_document(doc_id: Code) -> dict[str, Any]:
        """A document's clean text and every extraction with its span."""
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
    ) -> dict[str, Any]:
        """Actors across the corpus, most documents first."""
        return data.list_actors(store, q=q, country=country, kind=kind, limit=limit, offset=offset)

    @app.get("/api/actors/{key:path}", tags=["actors"])
    def api_actor(key: Code) -> dict[str, Any]:
        """One actor by code (or name when uncoded): names, aliases, roles, documents."""
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
        since: Since = None,
        until: Since = None,
        min_confidence: float = Query(0.0, ge=0, le=1),
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Coded events in date order."""
        return data.list_events(
            store,
            limit=limit,
            offset=offset,
            dyad=_dyad(dyad),
            actor=actor,
            type=type,
            polarity=polarity,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )

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
    ) -> dict[str, Any]:
        """Who said what, in document-date order."""
        return data.list_quotes(
            store,
            speaker=speaker,
            about=about,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )

    @app.get("/api/claims", tags=["claims"])
    def api_claims(
        measure: str | None = Query(None, max_length=64),
        subject: str | None = Query(None, max_length=32),
        location: str | None = Query(None, max_length=32),
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Numeric claims by measure and as-of date."""
        return data.list_claims(
            store, measure=measure, subject=subject, location=location, limit=limit, offset=offset
        )

    @app.get("/api/changes", tags=["claims"])
    def api_changes(
        measure: str | None = Query(None, max_length=64),
        subject: str | None = Query(None, max_length=32),
        kind: str | None = Query(None, pattern="^(change|conflict)$"),
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Claims that changed or conflict across documents, with both evidence sentences."""
        rows = data.list_changes(store, measure=measure, subject=subject, kind=kind)
        return data.paged(lambda limit, offset: rows[offset : offset + limit], limit, offset)

    @app.get("/api/characterizations", tags=["characterizations"])
    def api_characterizations(
        dyad: str | None = Query(None, max_length=80, description="two codes: KOR,USA"),
        doc_id: str | None = Query(None, max_length=64),
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """How relationships are described (phrase, tone, speaker, spans)."""
        return data.list_characterizations(
            store, dyad=_dyad(dyad), doc_id=doc_id, limit=limit, offset=offset
        )

    @app.get("/api/dyads", tags=["dyads"])
    def api_dyads(limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[dict[str, Any]]:
        """Country pairs with asserted events (both directions), most active first."""
        return data.list_dyads(store, limit=limit)

    @app.get("/api/dyads/{a}/{b}/timeline", tags=["dyads"])
    def api_dyad_timeline(
        a: Code, b: Code, by: str = Query("year", pattern="^(year|month)$")
    ) -> dict[str, Any]:
        """Per period: events by QuadClass, mean Goldstein, characterisations and their tone."""
        return data.dyad_timeline(store, a, b, by=by)

    @app.get("/api/network", tags=["network"])
    def api_network(
        level: str = Query("country", pattern="^(country|code)$"),
        min_events: int = Query(1, ge=1, le=100000),
    ) -> dict[str, Any]:
        """The directed actor network of asserted events (nodes, edges with mean Goldstein)."""
        return data.actor_network(store, level=level, min_events=min_events)

    @app.get("/api/search", tags=["search"])
    def api_search(
        q: str = Query(..., min_length=1, max_length=200),
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> dict[str, Any]:
        """Sentences containing every word, plus matching actors and document titles."""
        return data.search(store, q, limit=limit)


def _pager(request: Request, result: dict[str, Any]) -> dict[str, Any]:
    lim, off, nxt = result["limit"], result["offset"], result["next_offset"]
    n = len(result["items"])
    return {
        "first": off + 1 if n else 0,
        "last": off + n,
        "prev": str(request.url.include_query_params(offset=max(0, off - lim))) if off else None,
        "next": str(request.url.include_query_params(offset=nxt)) if nxt is not None else None,
    }


def _page_routes(app: FastAPI, store: Any, page) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return page(request, "index.html", overview=data.overview(store), title="Overview")

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
            q=q or "",
            title="Documents",
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
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
        since: str | None = Query(None, max_length=10),
        until: str | None = Query(None, max_length=10),
        offset: Offset = 0,
    ):
        filters = {"actor": actor, "type": type, "since": since, "until": until}
        result = data.list_events(store, offset=offset, dyad=_dyad(dyad), **filters)
        return page(
            request,
            "events.html",
            result=result,
            pager=_pager(request, result),
            filters={"dyad": dyad or "", **{k: v or "" for k, v in filters.items()}},
            title="Events",
        )

    @app.get("/dyads", response_class=HTMLResponse, include_in_schema=False)
    def dyads_page(request: Request):
        return page(request, "dyads.html", dyads=data.list_dyads(store, limit=500), title="Dyads")

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: Code, b: Code):
        tl = data.dyad_timeline(store, a, b)
        title = f"{tl['names'][0]} – {tl['names'][1]}"
        return page(request, "dyad.html", a=a, b=b, tl=tl, title=title)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, level: str = Query("country", pattern="^(country|code)$")):
        net = data.actor_network(store, level=level)
        return page(request, "network.html", level=level, net=net, title="Actor network")

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
            q=q or "",
            title="Actors",
        )

    @app.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, key: Code):
        actor = data.get_actor(store, key)
        if actor is None:
            raise HTTPException(404, "no such actor")
        events = data.list_events(store, actor=actor["code"], limit=200) if actor["code"] else None
        quotes = data.list_quotes(store, speaker=actor["code"] or actor["name"], limit=200)
        return page(
            request, "actor.html", actor=actor, events=events, quotes=quotes, title=actor["name"]
        )

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request,
        speaker: str | None = Query(None, max_length=200),
        about: str | None = Query(None, max_length=32),
        offset: Offset = 0,
    ):
        result = data.list_quotes(store, speaker=speaker, about=about, offset=offset)
        return page(
            request,
            "quotes.html",
            result=result,
            pager=_pager(request, result),
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
        result = data.list_claims(store, measure=measure, subject=subject, offset=offset)
        return page(
            request,
            "claims.html",
            result=result,
            pager=_pager(request, result),
            filters={"measure": measure or "", "subject": subject or ""},
            title="Claims",
        )

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes_page(
        request: Request,
        measure: str | None = Query(None, max_length=64),
        subject: str | None = Query(None, max_length=32),
    ):
        rows = data.list_changes(store, measure=measure, subject=subject)
        return page(
            request,
            "changes.html",
            rows=rows,
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
