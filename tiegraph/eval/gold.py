"""Reading gold files in the format of shared/eval/FORMAT.md.

A malformed gold file is the only reason `tiegraph eval` exits non-zero, so every
structural problem is reported here with the file (and line) it is in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRF_SECTIONS = ["actors", "coref", "events", "quotes", "claims", "characterizations"]
LIST_SECTIONS = [*PRF_SECTIONS, "forbidden_events", "not_quotes", "claim_changes"]


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
        """Sections whose every unmatched system row is a false positive."""
        ex = self.data.get("exhaustive") or []
        if ex is True:  # `"exhaustive": true` marks every section present
            return {s for s in PRF_SECTIONS if s in self.data}
        return set(ex)


def load_gold(path: Path) -> list[GoldDoc]:
    if not path.exists():
        raise GoldError(f"{path}: no such file or directory")
    files = (
        sorted(
            p
            for p in path.rglob("*")
            if p.suffix in {".json", ".jsonl"} and _is_gold(p.relative_to(path))
        )
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


def _is_gold(rel: Path) -> bool:
    """A folder of gold may hold its corpus too: skip files under a `corpus` folder
    and the split list beside the gold."""
    return "corpus" not in rel.parts[:-1] and rel.name != "split.json"


def _check(g: GoldDoc, where: str) -> GoldDoc:
    if not isinstance(g.data, dict) or "doc" not in g.data:
        raise GoldError(f"{where}: gold object needs a 'doc' field")
    for key in LIST_SECTIONS:
        if key in g.data and not isinstance(g.data[key], list):
            raise GoldError(f"{where}: section {key!r} must be a list")
    ex = g.data.get("exhaustive")
    if ex is not None and ex is not True and not isinstance(ex, list):
        raise GoldError(f"{where}: 'exhaustive' must be a list of section names or true")
    for sec in ex if isinstance(ex, list) else []:
        if sec not in PRF_SECTIONS:
            raise GoldError(f"{where}: 'exhaustive' names unknown section {sec!r}")
    return g
