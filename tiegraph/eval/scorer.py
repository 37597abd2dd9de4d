"""Score the pipeline against gold in the format of shared/eval/FORMAT.md.

Gold is document-level (no offsets), so it survives changes to cleaning. The
matching rules live in `matchers`, gold reading in `gold`; this module runs the
pipeline on the named documents, pairs gold and system rows one-to-one and
returns per-section and per-document numbers. Precision is only *measured* on
sections a gold file marks exhaustive; elsewhere unmatched system rows are not
counted and the report says precision was not measured.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiegraph.analysis.changes import compare_claims
from tiegraph.eval.gold import PRF_SECTIONS, GoldDoc, GoldError, load_gold
from tiegraph.eval.matchers import (
    MATCHERS,
    NON_FACTUAL,
    contains,
    date_matches,
    match_change,
    match_event,
    norm,
)
from tiegraph.ingest.readers import read_path
from tiegraph.model import ExtractionRecord

__all__ = [
    "GoldDoc",
    "GoldError",
    "load_gold",
    "date_matches",
    "score_document",
    "score_gold",
    "format_table",
]

QUOTE_MARKS = "\"'“”‘’«»"


def _system_events(r: dict) -> list[dict]:
    """Events a reader takes as having happened: asserted and not planned or
    hypothetical (those are marked as such and never count against precision)."""
    return [
        e
        for e in r["events"]
        if e.get("polarity") == "asserted" and e.get("modality") not in NON_FACTUAL
    ]


SYSTEM_ROWS: dict[str, Callable[[dict], list[dict]]] = {
    "actors": lambda r: r["actors"],
    "coref": lambda r: [m for m in r["mentions"] if m["via"] in {"coref", "alias", "metonym"}],
    "events": _system_events,
    "quotes": lambda r: r["quotes"],
    "claims": lambda r: r["claims"],
    "characterizations": lambda r: r["characterizations"],
}


# -- scoring -----------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    measured: bool = False  # some document marks this section exhaustive

    def add(self, o: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + o.tp, self.fp + o.fp, self.fn + o.fn
        self.measured = self.measured or o.measured

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
            "precision_measured": self.measured,
        }


def _occurrence(row: dict) -> str | None:
    return row.get("occurrence_id")


def match_rows(gold: list[dict], system: list[dict], matcher, rec: dict, exhaustive: bool):
    """Greedy one-to-one matching: each gold row and each system occurrence is used
    once. System rows that share an `occurrence_id` (dyad rows of one event) are one
    occurrence: it matches when any of its rows does and is one false positive at most."""
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(system):
        groups.setdefault(_occurrence(s) or f"#{i}", []).append(i)
    key_of = {i: k for k, idx in groups.items() for i in idx}
    used: set[str] = set()
    misses: list[dict] = []
    for g in gold:
        hit = next(
            (i for i, s in enumerate(system) if key_of[i] not in used and matcher(g, s, rec)),
            None,
        )
        if hit is None:
            misses.append(g)
        else:
            used.add(key_of[hit])
    extras = [system[idx[0]] for k, idx in groups.items() if k not in used] if exhaustive else []
    return Counts(len(gold) - len(misses), len(extras), len(misses), exhaustive), misses, extras


def _prepare_record(rec: ExtractionRecord) -> dict:
    d = rec.to_dict()
    d["_actors"] = {a["actor_id"]: a for a in d["actors"]}
    sents = d["sentences"]
    starts = [s["start"] for s in sents]

    def sentence_of(pos: int) -> str:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and sents[i]["start"] <= pos < sents[i]["end"]:
            return str(sents[i]["text"])
        return ""

    d["_sentence_of"] = sentence_of
    return d


GOLD_TEXT_KEYS = ("sentence_contains", "text_contains", "phrase_contains")


def _gold_sentence(g: dict, rec: dict) -> str:
    """The document sentence a missed gold row points at, for the verbose report."""
    needle = next((g[k] for k in GOLD_TEXT_KEYS if k in g), None)
    if not needle:
        return ""
    for s in rec["sentences"]:
        if contains(s["text"], needle):
            return str(s["text"])
    return f"(not in the cleaned text: {needle!r})"


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
        details[sec] = {
            "misses": [dict(m, _sentence=_gold_sentence(m, rec)) for m in misses],
            "false_positives": extras,
        }
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
    unmeasured = False
    for sec, v in result["sections"].items():
        if "f1" in v:
            measured = v.get("precision_measured", True)
            unmeasured |= not measured
            p = f"{v['precision']:>8.3f}" if measured else f"{'n/a':>8}"
            lines.append(
                f"{sec:<20}{p}{v['recall']:>8.3f}{v['f1']:>8.3f}{v['tp']:>6}{v['fp']:>6}{v['fn']:>6}"
            )
        elif "checks" in v:
            lines.append(f"{sec:<20}{'':>42}   {v['passed']}/{v['checks']} passed")
        else:
            lines.append(f"{sec:<20}{'':>42}   {v['false_positives']} false positive(s)")
    if unmeasured:
        lines.append("")
        lines.append(
            "n/a: precision not measured (no gold file marks the section exhaustive); "
            "F1 then equals the F1 of recall with precision 1."
        )
    if verbose:
        lines += _verbose_lines(result["_verbose"])
    return "\n".join(lines)


def _verbose_lines(verbose: dict) -> list[str]:
    lines: list[str] = []
    for doc, details in verbose.items():
        lines.append("")
        lines.append(f"== {doc}")
        for sec, d in details.items():
            if isinstance(d, dict):
                for miss in d.get("misses") or []:
                    row = {k: v for k, v in miss.items() if not k.startswith("_")}
                    lines.append(f"  [{sec}] MISS {json.dumps(row, ensure_ascii=False)}")
                    if miss.get("_sentence"):
                        lines.append(f"         in: {miss['_sentence']}")
                for fp in d.get("false_positives") or []:
                    lines.append(f"  [{sec}] FP   {_short(fp)}")
                    ev = _evidence(fp)
                    if ev:
                        lines.append(f"         in: {ev}")
            else:
                for item in d:
                    lines.append(f"  [{sec}] {item if isinstance(item, str) else _short(item)}")
    return lines


def _evidence(row: dict) -> str:
    ev = row.get("evidence") or row.get("span")
    return str(ev.get("text", "")) if isinstance(ev, dict) else ""


def _code(ref: Any) -> Any:
    if isinstance(ref, dict):
        return ref.get("code") or ref.get("country") or ref.get("name")
    return ref


def _short(row: dict) -> str:
    """One row of system output in a line: the fields gold matches on."""
    keys = (
        "source",
        "target",
        "type",
        "modality",
        "date",
        "kind",
        "text",
        "phrase",
        "dyad",
        "measure",
        "value",
        "unit",
        "as_of",
        "speaker",
        "subject",
        "name",
        "country",
        "sector",
    )
    keep = {k: _code(row[k]) for k in keys if k in row}
    if row.get("also_sources"):
        keep["also_sources"] = [_code(r) for r in row["also_sources"]]
    if row.get("also_targets"):
        keep["also_targets"] = [_code(r) for r in row["also_targets"]]
    if isinstance(keep.get("text"), str) and len(keep["text"]) > 160:
        keep["text"] = keep["text"][:160] + "…"
    return json.dumps(keep, ensure_ascii=False, default=str)
