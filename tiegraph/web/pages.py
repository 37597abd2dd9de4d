"""The server-rendered pages: each parses its parameters (as the API does), calls
`tiegraph.web.data` and renders a Jinja2 template; the brief page serves the printable
brief of `analysis.brief_render`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from tiegraph.analysis.brief import build_brief
from tiegraph.analysis.brief_render import to_html as brief_html
from tiegraph.interfaces import params as P
from tiegraph.web import data
from tiegraph.web.common import (
    BRIEF_CONFIDENCE,
    Code,
    MinConfidence,
    Modality,
    Offset,
    Since,
    _changes,
    _event_filters,
    _filter_params,
    _link,
    _shown_filters,
    _url,
)
from tiegraph.web.highlight import Mark, document_marks, segments


def _hl(value: str | None) -> tuple[int, int] | None:
    """'120-180' -> (120, 180): a span to highlight, e.g. a search hit."""
    if not value:
        return None
    a, _, b = value.partition("-")
    if a.isdigit() and b.isdigit() and int(a) < int(b):
        return int(a), int(b)
    return None


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


def page_routes(app: FastAPI, store: Any, page) -> None:
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
        merged: bool = False,
    ):
        x, y = P.dyad([a, b], store)  # type: ignore[misc]
        s, u = P.date_range(since, until)
        mods = data.modalities(modality)
        tl = data.dyad_timeline(
            store,
            x,
            y,
            since=s,
            until=u,
            min_confidence=min_confidence,
            modality=mods,
            merged=merged,
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
            api=_url(
                _link(app, "api_dyad_timeline", a=x, b=y), merged="true" if merged else None, **fp
            ),
            brief=_url(
                _link(app, "dyad_brief_page", a=x, b=y),
                since=s,
                until=u,
                min_confidence=fp["min_confidence"],
            ),
            events=_url(_link(app, "events_page"), dyad=f"{x},{y}", **fp),
            filters={"since": s or "", "until": u or "", "merged": merged}
            | _shown_filters(min_confidence, mods),
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
