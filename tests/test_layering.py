"""Layering between the packages, read from the import statements (issue 16).

The store keeps rows and imports nothing of `analysis` (which computes claim changes and
caches them through the store's interface); the readers and the WARC reader both build
on `ingest/raw.py` and the WARC reader does not import the readers back."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "tiegraph"


def imports_of(path: Path) -> set[str]:
    """Every tiegraph module a file imports, at any depth (lazy imports included)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m.startswith("tiegraph")}


def test_the_store_imports_nothing_of_analysis():
    files = sorted((PKG / "store").rglob("*.py"))
    assert len(files) > 5
    offending = {
        str(p.relative_to(PKG)): sorted(
            m for m in imports_of(p) if m.startswith("tiegraph.analysis")
        )
        for p in files
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_the_raw_input_module_breaks_the_readers_warc_cycle():
    ingest = PKG / "ingest"
    assert not {
        m for m in imports_of(ingest / "warc.py") if m.startswith("tiegraph.ingest.readers")
    }
    assert not {m for m in imports_of(ingest / "raw.py") if m.startswith("tiegraph.ingest")}
    assert "tiegraph.ingest.raw" in imports_of(ingest / "readers.py")


def test_the_check_sees_lazy_imports(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("def f():\n    from tiegraph.analysis import changes\n")
    assert "tiegraph.analysis.changes" in imports_of(f)
