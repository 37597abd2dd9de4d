"""The project's gold sets, named once for the evaluation report and the gate test.

Each entry: a key, a description, the gold path (relative to the project root, or
to the shared folder beside it) and the data-extension folder it runs with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@dataclass(frozen=True)
class GoldSet:
    key: str
    name: str
    path: Path
    data_dir: Path | None = None


GOLD_SETS = [
    GoldSet(
        "voa",
        "real news: 25 VOA stories, exhaustive, annotated blind (never tuned on)",
        ROOT / "eval" / "voa" / "gold",
    ),
    GoldSet("dev", "dev: 2 shared samples (tuned on)", SHARED / "eval" / "dev"),
    GoldSet(
        "demo",
        "demo: 24 synthetic articles (tuned on)",
        ROOT / "demo" / "gold",
        ROOT / "demo" / "data",
    ),
    GoldSet(
        "heldout1", "team-written 1: 10 articles (tuned on)", ROOT / "eval" / "heldout" / "gold"
    ),
    GoldSet(
        "heldout2", "team-written 2: 8 articles (tuned on)", ROOT / "eval" / "heldout2" / "gold"
    ),
    GoldSet("heldout3", "team-written 3: 6 articles", ROOT / "eval" / "heldout3" / "gold"),
]


def score_set(gs: GoldSet) -> dict:
    """`tiegraph eval --json` in a fresh interpreter: data extensions are read once per
    process, so a set with its own data folder cannot share one with the others."""
    env = dict(os.environ)
    env.pop("TIEGRAPH_DATA_DIR", None)
    if gs.data_dir is not None:
        env["TIEGRAPH_DATA_DIR"] = str(gs.data_dir)
    out = subprocess.run(
        [sys.executable, "-m", "tiegraph.interfaces.cli", "eval", str(gs.path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return dict(json.loads(out.stdout))
