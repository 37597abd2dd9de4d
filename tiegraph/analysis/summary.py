"""Corpus summary over the store: documents, actors, events by dyad, quotes, claims."""

from __future__ import annotations

from typing import Any

from tiegraph.store.protocol import Store

# Rows of duplicate documents (documents.duplicate_of set) are recorded but never counted.
ORIGINALS = "doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)"


def _counts_without_duplicates(store: Store) -> dict[str, Any]:
    one = lambda sql: store.query(sql)[0]["n"]  # noqa: E731
    out = {
        "documents": one("SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NULL"),
        "duplicates": one("SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL"),
        "actors": one(
            f"SELECT COUNT(DISTINCT COALESCE(code, name)) AS n FROM actors WHERE {ORIGINALS}"
        ),
    }
    for table in ("events", "quotes", "claims", "characterizations"):
        out[table] = one(f"SELECT COUNT(*) AS n FROM {table} WHERE {ORIGINALS}")
    return out


def corpus_summary(store: Store, top: int = 10) -> dict[str, Any]:
    s = store.summary()
    s.update(_counts_without_duplicates(store))
    from tiegraph.store.queries import list_dyads  # the web overview counts dyads the same way

    s["events_by_dyad"] = [
        {"dyad": f"{r['a']}-{r['b']}", **r} for r in list_dyads(store, limit=top)
    ]
    s["top_actors"] = store.query(
        "SELECT name, code, COUNT(DISTINCT doc_id) AS documents FROM actors "
        f"WHERE kind IN ('state','person','igo') AND {ORIGINALS} "
        "GROUP BY name, code ORDER BY documents DESC LIMIT ?",
        (top,),
    )
    s["top_speakers"] = store.query(
        "SELECT speaker, MAX(speaker_code) AS speaker_code, COUNT(*) AS quotes FROM quotes WHERE speaker IS NOT NULL "
        f"AND {ORIGINALS} "
        "GROUP BY speaker ORDER BY quotes DESC LIMIT ?",
        (top,),
    )
    s["claims_by_measure"] = store.query(
        f"SELECT measure, COUNT(*) AS claims FROM claims WHERE {ORIGINALS} "
        "GROUP BY measure ORDER BY claims DESC"
    )
    return s


def format_summary(s: dict[str, Any]) -> str:
    lines = [
        f"documents {s['documents']} (+{s.get('duplicates', 0)} duplicates)   "
        f"failures {s['failures']}   actors {s['actors']}   "
        f"events {s['events']}   quotes {s['quotes']}   claims {s['claims']}   "
        f"characterisations {s['characterizations']}",
        "",
        "asserted events by dyad, both ways n   mean Goldstein   first       last",
    ]
    for r in s["events_by_dyad"]:
        lines.append(
            f"  {r['dyad']:<30}{r['events']:>4}   {r['mean_goldstein'] if r['mean_goldstein'] is not None else '':>14}   "
            f"{r['first'] or '':<10}  {r['last'] or ''}"
        )
    lines += ["", "most quoted speakers"]
    for r in s["top_speakers"]:
        lines.append(f"  {r['speaker']:<40}{r['speaker_code'] or '':<8}{r['quotes']:>4}")
    lines += ["", "claims by measure"]
    for r in s["claims_by_measure"]:
        lines.append(f"  {r['measure']:<30}{r['claims']:>4}")
    lines += ["", "actors in most documents"]
    for r in s["top_actors"]:
        lines.append(f"  {r['name']:<40}{r['code'] or '':<10}{r['documents']:>4}")
    return "\n".join(lines)
