"""The JSON API routes (`/api/...`): each parses its parameters, calls one function of
`tiegraph.web.data` and answers JSON, or CSV with `format=csv`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query

from tiegraph import __version__
from tiegraph.analysis.brief import build_brief
from tiegraph.interfaces import params as P
from tiegraph.web import data
from tiegraph.web.common import (
    BRIEF_CONFIDENCE,
    Code,
    Format,
    Limit,
    MinConfidence,
    Modality,
    Offset,
    Since,
    _changes,
    _csv,
    _event_filters,
    _listing,
)


def api_routes(app: FastAPI, store: Any) -> None:
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
        merged: bool = Query(
            False, description="count occurrences: an event reported by several articles once"
        ),
        format: Format = "json",
    ) -> Any:
        """Per period: events by QuadClass, mean Goldstein, characterisations and their tone
        (the same answer as `tiegraph dyad A B --json`), and the dyad's number series.
        `min_confidence` and `modality` narrow the events counted; `merged` counts each
        occurrence once (with `articles` per period)."""
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
            merged=merged,
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
