"""What the API and the page routes share: parameter types with their bounds, links and
query strings built from paths (never the Host header), CSV answers, and the event
filters checked as the CLI checks them."""

from __future__ import annotations

import io
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from tiegraph.interfaces import params as P
from tiegraph.interfaces.common import write_csv
from tiegraph.web import data

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


def _link(app: FastAPI, name: str, **params: Any) -> str:
    """Path of a named route with each parameter percent-encoded (a '/' or '#' in an
    actor name or id must stay inside its path segment)."""
    return app.url_path_for(name, **{k: quote(str(v), safe="") for k, v in params.items()})


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
