"""Shared fixtures: the spaCy pipeline and the sample records are built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "corpus" / "sample"
DEV_GOLD = SHARED / "eval" / "dev"
DEMO = ROOT / "demo"


@pytest.fixture(scope="session")
def nlp():
    from tiegraph.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def sample_records(nlp):
    """Extraction records for the two shared sample articles, keyed by file name."""
    from tiegraph.ingest.readers import read_path
    from tiegraph.pipeline import process

    if not SAMPLES.exists():
        pytest.skip(f"shared samples not found at {SAMPLES}")
    files = sorted(SAMPLES.glob("*.txt"))
    inputs = [next(read_path(f)) for f in files]
    return {f.name: r for f, r in zip(files, process(inputs, nlp=nlp), strict=True)}


# Whole modules whose tests start processes, clusters, browsers or crash the store:
# marked `slow` here, in one place, so `pytest -m "not slow"` is a quick inner loop.
SLOW_MODULES = {
    "test_store_crash",
    "test_distributed",
    "test_fuzz_inputs",
    "test_web_browser",
    "test_eval_gate",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
