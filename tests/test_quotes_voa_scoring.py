"""Loading and scoring of the VOA development sentence sets (quotes, claims); no tests here.

The sets in tests/data/ were written from the story texts before tiegraph ran on
them; the tests score the whole set and pin the measured score so it can only rise.
Scoring runs the full pipeline over each story (speakers resolve through the
story's context), then looks at the rows that overlap each listed sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tiegraph.eval.matchers import alternatives, contains, date_matches, name_key
from tiegraph.eval.scorer import _prepare_record
from tiegraph.extract.claims import measure_covers
from tiegraph.ingest.readers import read_path
from tiegraph.pipeline import process

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "voa" / "corpus"
DATA = Path(__file__).parent / "data"


def load_set(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["sentences"]


def dev_ids() -> list[str]:
    return json.loads((ROOT / "eval" / "voa" / "split.json").read_text())["dev"]


_CACHE: dict[tuple[str, ...], dict[str, dict]] = {}


def records(nlp, ids: list[str]) -> dict[str, dict]:
    """Prepared records of the stories, processed once per test session."""
    key = tuple(ids)
    if key not in _CACHE:
        _CACHE[key] = _records(nlp, ids)
        lemma = {"lemmatizer", "tiegraph_lemma_table"} & set(nlp.pipe_names)
        for rec in _CACHE[key].values():
            for q in rec["quotes"]:
                q["_cue_lemma"] = _lemma(nlp, q.get("cue")) if lemma else q.get("cue")
    return _CACHE[key]


def _lemma(nlp, cue: str | None) -> str | None:
    if not cue:
        return None
    if cue.lower().startswith("according"):
        return cue.lower()
    doc = nlp(f"They {cue} it.")
    return " ".join(t.lemma_.lower() for t in doc[1:-2])


def _records(nlp, ids: list[str]) -> dict[str, dict]:
    inputs = [next(iter(read_path(CORPUS / f"{i}.jsonl"))) for i in ids]
    out = {i: _prepare_record(r) for i, r in zip(ids, process(inputs, nlp=nlp), strict=True)}
    failed = {i: r["errors"] for i, r in out.items() if r["errors"]}
    assert not failed, f"pipeline errors on the dev stories: {failed}"
    return out


def sentence_span(rec: dict, sentence: str) -> tuple[int, int]:
    text = rec["doc"]["text"]
    start = text.find(sentence)
    if start < 0:  # cleaning changed the sentence: anchor on its opening words
        start = text.find(sentence[:40])
    return (start, start + len(sentence)) if start >= 0 else (-1, -1)


def overlapping(rows: list[dict], span: tuple[int, int], key: str) -> list[dict]:
    a, b = span
    return [r for r in rows if r[key]["start"] < b and r[key]["end"] > a]


def _speaker_names(q: dict, rec: dict) -> set[str]:
    sp = q.get("speaker") or {}
    names = {name_key(sp.get("name"))} if sp.get("name") else set()
    actor = rec["_actors"].get(sp.get("actor_id") or "")
    if actor:
        names |= {name_key(actor.get("name"))} | {name_key(a) for a in actor.get("aliases") or []}
    return names


def _cue_ok(want: str, got: str | None) -> bool:
    """The cue's lemma against the expected one ("said" is "say"; "point out" is "point")."""
    if not got:
        return False
    got, want = got.lower().strip(), want.lower().strip()
    return got == want or got.split()[0] == want.split()[0]


def score_quotes(items: list[dict], recs: dict[str, dict]) -> tuple[dict[str, float], list[str]]:
    """Per-field accuracy over the attribution set and the failing items."""
    n = dict(found=0, speaker=0, cue=0, kind=0, full=0, negative=0)
    d = dict(found=0, speaker=0, cue=0, kind=0, full=0, negative=0)
    misses: list[str] = []
    for it in items:
        rec = recs[it["doc"]]
        cands = overlapping(rec["quotes"], sentence_span(rec, it["sentence"]), "span")
        if it.get("quote") is False:
            d["negative"] += 1
            n["negative"] += not cands
            if cands:
                misses.append(f"NOT A QUOTE {it['sentence'][:70]!r}: got {cands[0]['text'][:60]!r}")
            continue
        d["found"] += 1
        d["full"] += 1
        hits = [q for q in cands if contains(q["text"], it["content"])]
        if not hits:
            misses.append(f"MISSED {it['doc']} {it['content']!r} in {it['sentence'][:90]!r}")
            continue
        n["found"] += 1
        q = hits[0]
        ok = True
        if "speaker" in it:
            d["speaker"] += 1
            good = any(name_key(a) in _speaker_names(q, rec) for a in alternatives(it["speaker"]))
            n["speaker"] += good
            ok &= good
            if not good:
                misses.append(
                    f"SPEAKER {it['content']!r}: want {it['speaker']} got {(q.get('speaker') or {}).get('name')}"
                )
        if "cue" in it:
            d["cue"] += 1
            good = _cue_ok(it["cue"], q.get("_cue_lemma"))
            n["cue"] += good
            ok &= good
            if not good:
                misses.append(f"CUE {it['content']!r}: want {it['cue']} got {q.get('cue')}")
        if "kind" in it:
            d["kind"] += 1
            good = q.get("kind") == it["kind"]
            n["kind"] += good
            if not good:
                misses.append(f"KIND {it['content']!r}: want {it['kind']} got {q.get('kind')}")
        n["full"] += ok
    return {k: n[k] / d[k] if d[k] else 1.0 for k in n}, misses


def _claim_ok(want: dict, got: dict) -> bool:
    if not measure_covers(want["measure"], got.get("measure")) or want["unit"] != got.get("unit"):
        return False
    gv, sv = float(want["value"]), float(got.get("value") or 0)
    return abs(gv - sv) <= 0.01 * abs(gv) and date_matches(got.get("as_of"), str(want["as_of"]))


def score_claims(items: list[dict], recs: dict[str, dict]) -> tuple[dict[str, float], list[str]]:
    """Precision, recall and F1 of claims on the listed sentences (one match per row)."""
    tp = fp = fn = 0
    misses: list[str] = []
    for it in items:
        rec = recs[it["doc"]]
        got = overlapping(rec["claims"], sentence_span(rec, it["sentence"]), "evidence")
        free = list(got)
        for want in it["claims"]:
            hit = next((c for c in free if _claim_ok(want, c)), None)
            if hit is None:
                fn += 1
                misses.append(f"MISSED {want} in {it['sentence'][:90]!r}")
            else:
                tp += 1
                free.remove(hit)
        fp += len(free)
        for c in free:
            misses.append(
                f"EXTRA {c['measure']} {c['value']} {c['unit']} {c.get('as_of')} in {it['sentence'][:90]!r}"
            )
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}, misses


def first_run(scores: dict[str, Any]) -> str:
    return " ".join(f"{k}={v:.3f}" for k, v in scores.items())
