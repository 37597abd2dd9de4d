"""Real texts the exactness tests run on: the bundled demo articles, the VOA stories
(the 24 of the dev split, or all 49) and the held-out scraped pages (with their chrome).

One place for the corpus paths, so every speed test compares on the same texts."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "eval" / "voa"


def demo_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "demo" / "corpus").glob("*.txt"))]


def voa_texts(split: str | None = "dev") -> list[str]:
    """The VOA stories of `split` ("dev", "test") in split order, or all 49 (None)."""
    if split is None:
        paths = sorted((VOA / "corpus").glob("*.jsonl"))
    else:
        ids = json.loads((VOA / "split.json").read_text())[split]
        paths = [VOA / "corpus" / f"{i}.jsonl" for i in ids]
    return [json.loads(p.read_text(encoding="utf-8").splitlines()[0])["text"] for p in paths]


def heldout_pages() -> list[str]:
    return [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((ROOT / "eval").glob("heldout*/corpus/*"))
    ]
