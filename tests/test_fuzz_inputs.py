"""Fuzz: hundreds of generated malformed inputs; no crash, and every input accounted for.

Each generated file is one of the supported formats (text, HTML, JSONL, WARC, each maybe
gzipped), damaged in a seeded random way: truncated, bytes flipped or zeroed, re-encoded,
replaced by noise, emptied, oversized, mis-named, copied. The readers and `prepare` run
over all of them without spaCy; every file must come out as at least one record (exactly
one for single-document formats, one per non-blank line for plain JSONL), each with an
outcome — processed, duplicate, skipped, truncated or failed. A small slice then runs end
to end through `process` with spaCy.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
from ingest_builders import PARAGRAPHS, article_html, article_text, warc_bytes

from tiegraph import pipeline
from tiegraph.ingest import raw as raw_input
from tiegraph.ingest.dedup import Deduper
from tiegraph.ingest.progress import OUTCOMES, RunStats, outcome
from tiegraph.ingest.readers import read_path
from tiegraph.model import Document, ExtractionRecord
from tiegraph.pipeline import mark_duplicate, safe_prepare

N_FILES = 240
SINGLE = {"txt", "html", "txt.gz", "html.gz"}


def _jsonl(rng: random.Random) -> bytes:
    values = [
        {
            "text": article_text(rng.randint(1, 4)),
            "url": "https://x.example/1",
            "published": "2020-02-02",
        },
        {"html": article_html()},
        {"text": None},
        {"text": ["a", "list"]},
        {"text": "lone \ud800 surrogate and nul \u0000 in text about Oslo and Lima talks."},
        {"title": "\udfff", "text": "Short note."},
        {"published": {"nested": 1}, "text": "A line about the Geneva talks on trade."},
        "just a string",
        12345,
    ]
    lines = [json.dumps(rng.choice(values)) for _ in range(rng.randint(1, 6))]
    if rng.random() < 0.5:
        lines.insert(rng.randrange(len(lines) + 1), "{broken json")
    if rng.random() < 0.2:
        lines.append("[" * 100_000 + "]" * 100_000)  # deep nesting
    return ("\n".join(lines) + "\n").encode("utf-8")


def _html_variant(rng: random.Random) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:
        return ("<div>" * 3000 + "<p>" + PARAGRAPHS[0] + "</p>" + "</div>" * 3000).encode()
    if choice == 1:
        return b"<html><head><script>var a = 1;</script></head><body><script>x()</script></body>"
    if choice == 2:
        return ("<html><body><p>" + PARAGRAPHS[1] + "<p><b><i>unclosed " * 50).encode()
    if choice == 3:
        links = "".join(f"<a href='/{i}'>Link {i}</a>" for i in range(3000))
        return f"<html><body><nav>{links}</nav></body></html>".encode()
    if choice == 4:
        return f"<html><body><p title='{'x' * 100_000}'>{PARAGRAPHS[2]}</p></body></html>".encode()
    return article_html(paragraphs=rng.sample(PARAGRAPHS, 3)).encode()


def base(kind: str, rng: random.Random) -> bytes:
    if kind.startswith("txt"):
        return article_text(rng.randint(1, 4)).encode()
    if kind.startswith("html"):
        return _html_variant(rng)
    if kind.startswith("jsonl"):
        return _jsonl(rng)
    pages = [(f"https://w.example/{i}", article_html(title=f"Story {i}")) for i in range(2)]
    return warc_bytes(pages, gz=kind == "warc.gz")


def mutate(data: bytes, rng: random.Random, kind: str) -> bytes:
    m = rng.randrange(11)
    if m == 0:
        return data[: rng.randrange(len(data) + 1)]
    if m == 1:
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if m == 2:
        at = rng.randrange(len(data) + 1)
        return data[:at] + b"\x00" * rng.randint(1, 64) + data[at:]
    if m == 3 and kind in {"txt", "html"}:
        text = data.decode("utf-8", "replace") + " Café déjà vu — “quoted”."
        enc = rng.choice(["cp1252", "utf-16", "shift_jis", "koi8-r", "latin-1"])
        return text.encode(enc, "replace")
    if m == 4:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 3000)))
    if m == 5:
        return rng.choice([b"", b" ", b"\n\n\t", b"\xef\xbb\xbf"])
    if m == 6:
        return data.replace(b"\n", b"\r\n") if rng.random() < 0.5 else b"\xef\xbb\xbf" + data
    if m == 7:
        return data * rng.randint(60, 120)  # oversized (limits are lowered for the fuzz run)
    return data  # intact: the control group, and material for duplicates


def generate(root: Path, n: int, seed: int = 20240611) -> list[tuple[Path, str, bytes]]:
    rng = random.Random(seed)
    kinds = ["txt", "html", "jsonl", "warc", "warc.gz", "jsonl.gz", "txt.gz", "html.gz"]
    made: list[tuple[Path, str, bytes]] = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        if made and rng.random() < 0.08:  # an exact copy of an earlier file, under a new name
            prev_path, kind, data = rng.choice(made)
        else:
            raw = base(kind, rng)
            if kind.endswith(".gz") and kind != "warc.gz":
                data = gzip.compress(mutate(raw, rng, kind[:-3]))
                if rng.random() < 0.3:
                    data = data[: rng.randrange(len(data) + 1)]  # truncated gzip
            else:
                data = mutate(raw, rng, kind)
        if rng.random() < 0.05:  # misnamed: content sniffing or a clean error must follow
            kind = rng.choice(["txt", "html"]) if kind in {"jsonl", "warc"} else kind
        path = root / f"f{i:03d}.{kind}"
        path.write_bytes(data)
        made.append((path, kind, data))
    return made


def expected_records(kind: str, data: bytes) -> int | None:
    """Exact record count when it is knowable from the bytes; None means "at least one"."""
    if kind in SINGLE:
        return 1
    if (
        kind == "jsonl"
        and not data.startswith(b"\x1f\x8b")
        and not data.lstrip().startswith(b"WARC/")
    ):
        return max(1, sum(1 for line in data.split(b"\n") if line.strip())) if data.strip() else 1
    return None


def _belongs(source: str, path: Path) -> bool:
    s = str(path)
    return source == s or source.startswith((s + ":", s + "@"))


@pytest.fixture()
def small_limits(monkeypatch):
    monkeypatch.setattr(raw_input, "MAX_INPUT_BYTES", 150_000)
    monkeypatch.setattr(pipeline, "MAX_DOC_CHARS", 20_000)


def test_fuzz_readers_and_prepare(tmp_path, small_limits):
    made = generate(tmp_path, N_FILES)
    assert len(made) >= 200
    dedup, stats = Deduper(), RunStats()
    by_file: dict[Path, int] = {p: 0 for p, _, _ in made}
    for raw in read_path(tmp_path):  # a crash anywhere here fails the test
        rec_or_doc, notes = safe_prepare(raw)
        if isinstance(rec_or_doc, Document):
            mark_duplicate(rec_or_doc, dedup)
            rec = ExtractionRecord(doc=rec_or_doc, errors=notes)
        else:
            rec = rec_or_doc
        json.dumps(rec.to_dict(), ensure_ascii=False).encode("utf-8")  # printable as the CLI does
        assert outcome(rec) in OUTCOMES
        if outcome(rec) == "failed":
            assert rec.errors and all(e["error"] and e["source"] for e in rec.errors)
        stats.add(rec)
        owners = [p for p in by_file if _belongs(raw.source, p)]
        assert len(owners) == 1, raw.source
        by_file[owners[0]] += 1
    lost = [p.name for p, n in by_file.items() if n == 0]
    assert lost == []
    for path, kind, data in made:
        want = expected_records(kind, data)
        if want is not None:
            assert by_file[path] == want, (path.name, kind)
    counts = stats.counts
    assert stats.total == sum(by_file.values())
    # the generator really produced every outcome
    assert counts["processed"] and counts["failed"] and counts["duplicate"] and counts["truncated"]


def test_fuzz_end_to_end_slice(tmp_path, small_limits):
    from tiegraph.nlp.pipeline import load_nlp

    made = generate(tmp_path, 24, seed=99)
    stats = RunStats()
    records = list(pipeline.process(read_path(tmp_path), nlp=load_nlp(), batch_size=8))
    for rec in records:
        stats.add(rec)
        json.dumps(rec.to_dict(), ensure_ascii=False).encode("utf-8")
    for path, _, _ in made:
        assert any(_belongs(r.doc.source, path) for r in records), path.name
    assert stats.total == len(records) and stats.counts["processed"] > 0
