"""Score the pipeline against gold in the format of shared/eval/FORMAT.md.

Gold is document-level (no offsets), so it survives changes to cleaning. Each
matcher below implements one rule of FORMAT.md; `score_gold` runs the pipeline
on the named documents and returns the per-section and per-document numbers.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiegraph.analysis.changes import compare_claims
from tiegraph.ingest.readers import read_path
from tiegraph.model import ExtractionRecord

PRF_SECTIONS = ["actors", "coref", "events", "quotes", "claims", "characterizations"]
NON_FACTUAL = {"future", "hypothetical"}
QUOTE_MARKS = "\"'“”‘’«»"


class GoldError(ValueError):
    """A gold file that cannot be read; the only reason eval exits non-zero."""


@dataclass
class GoldDoc:
    gold_file: Path
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.data["doc"])

    @property
    def doc_path(self) -> Path:
        base = self.gold_file.parent / self.data.get("corpus_dir", ".")
        return (base / self.data["doc"]).resolve()

    @property
    def exhaustive(self) -> set[str]:
        return set(self.data.get("exhaustive") or [])


def load_gold(path: Path) -> list[GoldDoc]:
    if not path.exists():
        raise GoldError(f"{path}: no such file or directory")
    files = (
        sorted(p for p in path.rglob("*") if p.suffix in {".json", ".jsonl"})
        if path.is_dir()
        else [path]
    )
    if not files:
        raise GoldError(f"{path}: no *.json or *.jsonl gold files")
    out: list[GoldDoc] = []
    for f in files:
        try:
            if f.suffix == ".jsonl":
                for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                    if line.strip():
                        out.append(_check(GoldDoc(f, json.loads(line)), f"{f}:{n}"))
            else:
                out.append(_check(GoldDoc(f, json.loads(f.read_text(encoding="utf-8"))), str(f)))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{f}: malformed gold JSON: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise GoldError(f"{f}: gold file is not UTF-8: {exc}") from exc
    return out


def _check(g: GoldDoc, where: str) -> GoldDoc:
    if not isinstance(g.data, dict) or "doc" not in g.data:
        raise GoldError(f"{where}: gold object needs a 'doc' field")
    for key in [*PRF_SECTIONS, "forbidden_events", "not_quotes", "claim_changes"]:
        if key in g.data and not isinstance(g.data[key], list):
            raise GoldError(f"{where}: section {key!r} must be a list")
    return g


# -- normalisation -----------------------------------------------------------------


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip()


def name_key(s: str | None) -> str:
    return re.sub(r"[\s\-.'’]", "", norm(s))


def contains(hay: str | None, needle: str) -> bool:
    return norm(needle) in norm(hay)


def date_matches(system: str | None, gold: str | None) -> bool:
    """Match at the gold's precision: "1950" matches any day of 1950."""
    if gold is None:
        return True
    return bool(system) and str(system).startswith(str(gold))


def as_set(x: Any) -> set[str]:
    if x is None:
        return set()
    return {x} if isinstance(x, str) else set(x)


# -- per-section matchers: (gold row, system row, record) -> bool ----------------------


def _actor_names(actor: dict) -> set[str]:
    return {name_key(actor.get("name")), *(name_key(a) for a in actor.get("aliases") or [])}


def match_actor(g: dict, a: dict, rec: dict) -> bool:
    if name_key(g["name"]) not in _actor_names(a):
        return False
    if "country" in g and g["country"] != a.get("country"):
        return False
    if "sector" in g and g["sector"] != a.get("sector"):
        return False
    return all(name_key(al) in _actor_names(a) for al in g.get("aliases") or [])


def match_coref(g: dict, m: dict, rec: dict) -> bool:
    if norm(m["span"]["text"]) != norm(g["mention"]):
        return False
    actor = rec["_actors"].get(m["actor_id"])
    if actor is None or name_key(g["actor"]) not in _actor_names(actor):
        return False
    sent = rec["_sentence_of"](m["span"]["start"])
    return contains(sent, g["sentence_contains"])


def _country(ref: dict | None) -> str | None:
    if not ref:
        return None
    return ref.get("country") or ref.get("code")


def match_event(g: dict, e: dict, rec: dict) -> bool:
    if e.get("polarity") != "asserted":
        return False
    if "source" in g and g["source"] != _country(e.get("source")):
        return False
    if "target" in g and g["target"] != _country(e.get("target")):
        return False
    if "type" in g and e.get("type") not in as_set(g["type"]):
        return False
    if not date_matches(e.get("date"), g.get("date")):
        return False
    return "sentence_contains" not in g or contains(e["evidence"]["text"], g["sentence_contains"])


def _speaker_ok(g_name: str | None, speaker: dict | None, rec: dict) -> bool:
    if g_name is None:
        return True
    if not speaker:
        return False
    names = {name_key(speaker.get("name"))}
    actor = rec["_actors"].get(speaker.get("actor_id") or "")
    if actor:
        names |= _actor_names(actor)
    return name_key(g_name) in names


def match_quote(g: dict, q: dict, rec: dict) -> bool:
    if "kind" in g and g["kind"] != q.get("kind"):
        return False
    sp = q.get("speaker") or {}
    if not _speaker_ok(g.get("speaker"), sp, rec):
        return False
    if "speaker_country" in g and g["speaker_country"] != sp.get("country"):
        return False
    return "text_contains" not in g or contains(q.get("text"), g["text_contains"])


def match_claim(g: dict, c: dict, rec: dict) -> bool:
    if g.get("measure") != c.get("measure") or g.get("unit") != c.get("unit"):
        return False
    if as_set(g.get("subject")) != as_set(c.get("subject")):
        return False
    if "location" in g and g["location"] != c.get("location"):
        return False
    gv, cv = float(g["value"]), float(c.get("value") or 0)
    if abs(gv - cv) > 0.01 * abs(gv):
        return False
    return date_matches(c.get("as_of"), g.get("as_of"))


def match_char(g: dict, c: dict, rec: dict) -> bool:
    if "dyad" in g and as_set(g["dyad"]) != as_set(c.get("dyad")):
        return False
    if "phrase_contains" in g and not (
        contains(c.get("phrase"), g["phrase_contains"])
        or contains((c.get("evidence") or {}).get("text"), g["phrase_contains"])
    ):
        return False
    return g.get("speaker") is None or name_key(g["speaker"]) == name_key(c.get("speaker"))


def match_change(g: dict, ch: dict, rec: dict) -> bool:
    if as_set(g.get("subject")) != as_set(ch.get("subject")) or g.get("measure") != ch.get(
        "measure"
    ):
        return False
    if "location" in g and g["location"] != ch.get("location"):
        return False
    for end in ("from", "to"):
        ge, ce = g.get(end) or {}, ch.get(end) or {}
        if "value" in ge and abs(float(ge["value"]) - float(ce.get("value") or 0)) > 0.01 * abs(
            float(ge["value"])
        ):
            return False
        if not date_matches(ce.get("as_of"), ge.get("as_of")):
            return False
    return True


SYSTEM_ROWS: dict[str, Callable[[dict], list[dict]]] = {
    "actors": lambda r: r["actors"],
    "coref": lambda r: [m for m in r["mentions"] if m["via"] in {"coref", "alias", "metonym"}],
    "events": lambda r: r["events"],
    "quotes": lambda r: r["quotes"],
    "claims": lambda r: r["claims"],
    "characterizations": lambda r: r["characterizations"],
}
MATCHERS = {
    "actors": match_actor,
    "coref": match_coref,
    "events": match_event,
    "quotes": match_quote,
    "claims": match_claim,
    "characterizations": match_char,
    "claim_changes": match_change,
}


# -- scoring -----------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, o: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + o.tp, self.fp + o.fp, self.fn + o.fn

    def to_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
        }


def match_rows(gold: list[dict], system: list[dict], matcher, rec: dict, exhaustive: bool):
    """Greedy one-to-one matching: each gold row and each system row is used once."""
    used: set[int] = set()
    misses: list[dict] = []
    for g in gold:
        hit = next((i for i, s in enumerate(system) if i not in used and matcher(g, s, rec)), None)
        if hit is None:
            misses.append(g)
        else:
            used.add(hit)
    extras = [s for i, s in enumerate(system) if i not in used] if exhaustive else []
    return Counts(len(gold) - len(misses), len(extras), len(misses)), misses, extras


def _prepare_record(rec: ExtractionRecord) -> dict:
    d = rec.to_dict()
    d["_actors"] = {a["actor_id"]: a for a in d["actors"]}
    sents = d["sentences"]

    def sentence_of(pos: int) -> str:
        for s in sents:
            if s["start"] <= pos < s["end"]:
                return s["text"]
        return ""

    d["_sentence_of"] = sentence_of
    return d


def score_document(g: GoldDoc, rec: dict) -> tuple[dict, dict]:
    """Per-document section results and the verbose misses/false positives."""
    data = g.data
    sections: dict[str, Any] = {}
    details: dict[str, Any] = {}
    text = rec["doc"]["text"]
    if "clean_text" in data:
        ct = data["clean_text"]
        fails = [f"missing: {s}" for s in ct.get("must_contain") or [] if not contains(text, s)]
        fails += [f"present: {s}" for s in ct.get("must_not_contain") or [] if contains(text, s)]
        n = len(ct.get("must_contain") or []) + len(ct.get("must_not_contain") or [])
        sections["clean_text"] = {"checks": n, "passed": n - len(fails)}
        details["clean_text"] = fails
    if "metadata" in data:
        fails = _metadata_failures(data["metadata"], rec["doc"])
        n = len(data["metadata"])
        sections["metadata"] = {"checks": n, "passed": n - len(fails)}
        details["metadata"] = fails
    for sec in PRF_SECTIONS:
        if sec not in data:
            continue
        counts, misses, extras = match_rows(
            data[sec], SYSTEM_ROWS[sec](rec), MATCHERS[sec], rec, sec in g.exhaustive
        )
        sections[sec] = counts
        details[sec] = {"misses": misses, "false_positives": extras}
    if "forbidden_events" in data:
        # an event the system itself marks as planned or hypothetical does not assert
        # that it happened, so only factual (actual/reported) rows can violate a forbidden row
        factual = [e for e in rec["events"] if e.get("modality") not in NON_FACTUAL]
        bad = [e for e in factual for f in data["forbidden_events"] if match_event(f, e, rec)]
        sections["forbidden_events"] = {"false_positives": len(bad)}
        details["forbidden_events"] = bad
    if "not_quotes" in data:
        banned = {norm(s).strip(QUOTE_MARKS + " ") for s in data["not_quotes"]}
        bad = [q for q in rec["quotes"] if norm(q["text"]).strip(QUOTE_MARKS + " ,.") in banned]
        sections["not_quotes"] = {"false_positives": len(bad)}
        details["not_quotes"] = bad
    return sections, details


def _metadata_failures(meta: dict, doc: dict) -> list[str]:
    fails = []
    for key, want in meta.items():
        if key == "published_year_from_text":
            got = (
                (doc.get("anchor_date") or "")[:4]
                if doc.get("anchor_source") != "published"
                else None
            )
            ok = got == str(want)
        elif key == "published":
            got = doc.get("published")
            ok = got is None if want is None else date_matches(got, want)
        elif key == "title":
            got = doc.get("title")
            ok = norm(got) == norm(want)
        else:
            got = doc.get(key)
            ok = norm(str(got)) == norm(str(want))
        if not ok:
            fails.append(f"{key}: want {want!r}, got {got!r}")
    return fails


def score_gold(path: Path, process: Callable[[Iterable], Iterable[ExtractionRecord]]) -> dict:
    """Run the pipeline over the documents the gold names and score every section."""
    golds = load_gold(path)
    inputs = []
    for g in golds:
        items = list(read_path(g.doc_path))
        inputs.append(items[0])
    records = [_prepare_record(r) for r in process(inputs)]
    totals: dict[str, Any] = {}
    per_doc: dict[str, Any] = {}
    verbose: dict[str, Any] = {}
    for g, rec in zip(golds, records, strict=True):
        sections, details = score_document(g, rec)
        per_doc[g.name] = {"sections": _render(sections), "errors": rec["errors"]}
        verbose[g.name] = details
        for sec, val in sections.items():
            _accumulate(totals, sec, val)
    changes_gold = [(g, c) for g in golds for c in g.data.get("claim_changes") or []]
    if changes_gold:
        claims = [
            dict(c, doc_id=r["doc"]["doc_id"], duplicate_of=r["doc"].get("duplicate_of"))
            for r in records
            for c in r["claims"]
        ]
        system = [c.to_dict() for c in compare_claims(claims)]
        counts, misses, extras = match_rows(
            [c for _, c in changes_gold], system, match_change, {}, False
        )
        totals["claim_changes"] = counts
        verbose["_corpus"] = {"claim_changes": {"misses": misses, "system": system}}
    return {
        "documents": len(golds),
        "sections": _render(totals),
        "per_document": per_doc,
        "_verbose": verbose,
    }


def _accumulate(totals: dict, sec: str, val: Any) -> None:
    if isinstance(val, Counts):
        totals.setdefault(sec, Counts()).add(val)
    elif "checks" in val:
        t = totals.setdefault(sec, {"checks": 0, "passed": 0})
        t["checks"] += val["checks"]
        t["passed"] += val["passed"]
    else:
        t = totals.setdefault(sec, {"false_positives": 0})
        t["false_positives"] += val["false_positives"]


def _render(sections: dict) -> dict:
    out = {}
    order = [
        "clean_text",
        "metadata",
        *PRF_SECTIONS,
        "claim_changes",
        "forbidden_events",
        "not_quotes",
    ]
    for sec in order:
        if sec not in sections:
            continue
        v = sections[sec]
        if isinstance(v, Counts):
            out[sec] = v.to_dict()
        elif "checks" in v:
            out[sec] = {
                **v,
                "pass_rate": round(v["passed"] / v["checks"], 4) if v["checks"] else 1.0,
            }
        else:
            out[sec] = dict(v)
    return out


def format_table(result: dict, verbose: bool = False) -> str:
    lines = [f"tiegraph eval: {result['documents']} document(s)", ""]
    lines.append(f"{'section':<20}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}   checks/FP")
    lines.append("-" * 78)
    for sec, v in result["sections"].items():
        if "f1" in v:
            lines.append(
                f"{sec:<20}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}"
                f"{v['tp']:>6}{v['fp']:>6}{v['fn']:>6}"
            )
        elif "checks" in v:
            lines.append(f"{sec:<20}{'':>42}   {v['passed']}/{v['checks']} passed")
        else:
            lines.append(f"{sec:<20}{'':>42}   {v['false_positives']} false positive(s)")
    if verbose:
        for doc, details in result["_verbose"].items():
            lines.append("")
            lines.append(f"== {doc}")
            for sec, d in details.items():
                if isinstance(d, dict):
                    for miss in d.get("misses") or []:
                        lines.append(f"  [{sec}] MISS {json.dumps(miss, ensure_ascii=False)}")
                    for fp in d.get("false_positives") or []:
                        lines.append(f"  [{sec}] FP   {_short(fp)}")
                else:
                    for item in d:
                        lines.append(f"  [{sec}] {item if isinstance(item, str) else _short(item)}")
    return "\n".join(lines)


def _short(row: dict) -> str:
    keep = {
        k: row[k]
        for k in (
            "source",
            "target",
            "type",
            "date",
            "text",
            "phrase",
            "measure",
            "value",
            "speaker",
            "subject",
        )
        if k in row
    }
    if "evidence" in row and isinstance(row["evidence"], dict):
        keep["evidence"] = row["evidence"].get("text", "")[:100]
    return json.dumps(keep, ensure_ascii=False, default=str)[:400]
