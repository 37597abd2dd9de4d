"""Resolve short actor phrases ("an American destroyer") without a whole article.

Batch entry point: one model load, one `nlp.pipe` over all phrases; used by
`tiegraph actor` and by anyone coding a list of actor strings (1,000 phrases
take seconds, not one model load each).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from tiegraph.model import Actor
from tiegraph.nlp.pipeline import load_nlp
from tiegraph.nlp.syntax import doc_text
from tiegraph.resolve.actors import ActorIndex, resolve_actors
from tiegraph.resolve.gazetteer import country_of_place
from tiegraph.resolve.roles import is_generic, role_sector, title_country

# which actor a phrase is about when it names several ("Seoul metropolitan police"
# names KOR and the police: the police)
_RANK = {"person": 0, "group": 1, "organisation": 2, "igo": 3, "state": 4}


def resolve_phrases(
    phrases: Iterable[str],
    context: str | None = None,
    date: str | None = None,
    nlp: Language | None = None,
) -> list[dict]:
    """Code each phrase as {text, country, sector, code, name, kind, role, codes}.

    With `context`, a phrase that occurs in the context sentence is read there
    (so "Seoul" in "Seoul is exploring ..." is the government); `date` dates
    office-holders ("President Bush" in 2003 is George W. Bush).
    """
    return resolve_items(({"text": t, "context": context, "date": date} for t in phrases), nlp)


def resolve_items(items: Iterable[dict], nlp: Language | None = None) -> list[dict]:
    """Code each {"text", "context", "date"} item, each with its own context and date
    (the `tiegraph actor -` batch): one model load, one `nlp.pipe` over all items."""
    nlp = nlp or load_nlp()
    rows = list(items)
    texts = [str(r.get("text") or "") for r in rows]
    contexts = [str(r.get("context") or "") for r in rows]
    sources = [c if c and t and t in c else t for t, c in zip(texts, contexts, strict=True)]
    out: list[dict] = []
    for text, src, row, doc in zip(
        texts, sources, rows, nlp.pipe(sources, batch_size=256), strict=True
    ):
        start = src.find(text) if src is not text else 0
        date = str(row.get("date") or "")[:10] or None
        out.append(_code_phrase(text, doc, resolve_actors(doc, nlp, date), start))
    return out


def _code_phrase(text: str, doc: Doc, idx: ActorIndex, start: int) -> dict:
    end = start + len(text)
    inside: list[Actor] = []
    for m in idx.mentions:
        a = idx.actors.get(m.actor_id)
        if a is not None and a.kind in _RANK and start <= m.span.start and m.span.end <= end:
            if a not in inside:
                inside.append(a)
    if not inside:  # "Defense Minister" inside "German Defense Minister Boris Pistorius"
        for m in idx.mentions:
            a = idx.actors.get(m.actor_id)
            if a is not None and a.kind in {"person", "group", "organisation"}:
                if m.span.start - 60 <= start and end <= m.span.end and a.country:
                    if a not in inside and _title_of(doc, m.span, start, end):
                        inside.append(a)
    inside.sort(key=lambda a: _RANK[a.kind])
    best = inside[0] if inside else None
    span = doc.char_span(start, end, alignment_mode="expand") or doc[:]
    served = None if best is not None else _served_body(idx, span)
    if served is not None:  # "a spokesman for the World Uyghur Congress": its code
        country = served.country
        sector = served.sector if served.country else None
        code = served.code if not served.country else (country or "") + (sector or "")
        return {
            "text": text, "country": country, "sector": sector, "code": code or None,
            "name": None, "kind": None, "role": text, "codes": [code] if code else [],
        }  # fmt: skip
    role_words = [t.text for t in span if not _is_state_token(idx, t.i)]
    country = best.country if best else None
    sector = best.sector if best else None
    if sector is None:
        sector = role_sector(role_words)
    if country is None and best is None:
        country = title_country(role_words)
    # IGOs, international NGOs and the people serving them keep their own code, with no
    # country ("IGOUNO", "NGOHLHIRC" for the Red Cross): docs/actors.md, IGO/NGO conventions
    igo_coded = best is not None and (
        best.kind == "igo" or (not best.country and (best.code or "")[:3] in {"IGO", "NGO"})
    )
    # never a bare sector where a state is stated; but the state a sentence names is the
    # field of experts, not their nationality ("experts said, after ... North Korea")
    if country is None and sector and not igo_coded and not (best is None and sector == "EDU"):
        country = _stated_country(idx, span)
    code = ((country or "") + (sector or "")) or None
    if best is not None and igo_coded:
        code = best.code  # an IGO or NGO, or a person serving one ("the U.N. special envoy")
    same_rank = [a for a in inside if best is not None and a.kind == best.kind]
    codes = [a.code for a in same_rank if a.code]
    if best is not None and best.kind == "state" and sector:
        codes = [f"{a.country}{sector}" for a in same_rank]  # "Hungarian and Romanian ..."
    return {
        "text": text,
        "country": country,
        "sector": sector,
        "code": code,
        "name": best.name if best else None,
        "kind": best.kind if best else None,
        "role": best.role if best else None,
        "codes": codes or ([code] if code else []),
    }


def _served_body(idx: ActorIndex, span) -> Actor | None:
    """The organisation a generic role serves ("a spokesman for X", "the director of X"):
    the role takes the body's country and sector, or its IGO/NGO code."""
    if not len(span):
        return None
    root = span.root
    if not is_generic(root.lemma_.lower()) and not is_generic(root.lower_):
        return None
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"for", "of", "at"}:
            continue
        for obj in prep.children:
            aid = idx.token_actor.get(obj.i) if obj.dep_ == "pobj" else None
            a = idx.actors.get(aid) if aid else None
            if a is not None and a.kind in {"organisation", "igo", "institution"}:
                return a
    return None


def _is_state_token(idx: ActorIndex, i: int) -> bool:
    aid = idx.token_actor.get(i)
    return aid is not None and idx.actors[aid].kind == "state"


RESULT_FIELDS = ("country", "sector", "code", "name", "kind", "role")


def resolve_json_lines(lines: Iterable[str], nlp: Language | None = None) -> list[dict]:
    """`tiegraph actor -`: each line a JSON object {"text", "context", "date"}; one result
    per line, in order, with "" where a field is unknown (so rows stay a fixed shape). A
    line that is not such an object yields a row with an `error` naming its line number."""
    items: list[dict] = []
    errors: dict[int, str] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            obj, errors[len(items)] = None, f"line {n}: not JSON ({exc.msg})"
        if obj is not None and not (isinstance(obj, dict) and isinstance(obj.get("text"), str)):
            errors[len(items)] = f'line {n}: expected an object with a "text" string'
        items.append(obj if len(items) not in errors else {"text": ""})
    coded = resolve_items(items, nlp) if items else []
    out = []
    for k, (item, row) in enumerate(zip(items, coded, strict=True)):
        res = {"text": item.get("text", "")}
        res.update({f: (row.get(f) or "") if k not in errors else "" for f in RESULT_FIELDS})
        res["codes"] = row.get("codes") or [] if k not in errors else []
        if k in errors:
            res["error"] = errors[k]
        out.append(res)
    return out


def _title_of(doc: Doc, mention, start: int, end: int) -> bool:
    """The phrase is the title or role run right before (or inside) a mention."""
    if mention.start <= start:
        return True
    gap = doc_text(doc)[end : mention.start]
    return len(gap) <= 1


def _stated_country(idx: ActorIndex, span) -> str | None:
    """The one state the phrase's sentence names (by name, demonym or place), if only one."""
    sent = span.sent if len(span) else span
    found = set()
    for t in sent:
        aid = idx.token_actor.get(t.i)
        a = idx.actors.get(aid) if aid else None
        if a is not None and a.kind == "state" and a.country:
            found.add(a.country)
        elif t.i in idx.token_place and idx.token_place[t.i]:
            found.add(idx.token_place[t.i])
        elif aid is None and t.pos_ in {"ADJ", "PROPN", "NOUN"}:
            c = country_of_place(t.text)
            if c and t.text[:1].isupper():
                found.add(c)
    return found.pop() if len(found) == 1 else None
