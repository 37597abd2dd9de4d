"""Share of named quote speakers coded with a country or an IGO/NGO code (VOA stories).

Runs `tiegraph extract` over eval/voa/corpus and counts, per quote, whether a named
speaker (a proper name in the speaker phrase, or a person/organisation actor) got a
country or an IGO/NGO code. Prints aggregates for all stories and for the dev split;
`--misses` lists the misses of *dev* stories only (gold stories stay held out).

    python benchmarks/speaker_coverage.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "voa" / "corpus"
NAMED_KINDS = {"person", "organisation", "institution", "igo", "ngo"}
LOWER_LEADS = {"he", "she", "it", "they", "we", "i", "the", "a", "an", "his", "her", "their"}


def named(speaker: dict, kind: str | None) -> bool:
    """A speaker phrase that names someone: a person/organisation actor or a proper name."""
    if kind in NAMED_KINDS:
        return True
    words = (speaker.get("name") or "").split()
    if not words:
        return False
    if words[0][:1].isupper() and words[0].lower() not in LOWER_LEADS:
        return True
    return any(w[:1].isupper() for w in words[1:])


def coded(speaker: dict) -> bool:
    code = speaker.get("code") or ""
    return bool(speaker.get("country")) or code[:3] in {"IGO", "NGO"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list misses of dev stories")
    ap.add_argument(
        "--breakdown", action="store_true", help="count all misses by kind (aggregates only)"
    )
    args = ap.parse_args()
    dev = set(json.loads((CORPUS.parent / "split.json").read_text())["dev"])
    # this checkout's code (PYTHONPATH), so a copy of the tree measures its own version
    cli = "from tiegraph.interfaces.cli import main; main()"
    out = subprocess.run(
        [sys.executable, "-c", cli, "extract", "-q", str(CORPUS)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout
    tot = {"all": [0, 0], "dev": [0, 0]}
    kinds_of_miss: dict[str, int] = {}
    for line in out.splitlines():
        rec = json.loads(line)
        story = rec["doc"]["doc_id"].rsplit("-", 1)[-1]
        kinds = {a["actor_id"]: a["kind"] for a in rec.get("actors", [])}
        for q in rec.get("quotes", []):
            sp = q.get("speaker") or {}
            if not named(sp, kinds.get(sp.get("actor_id") or "")):
                continue
            ok = coded(sp)
            for key in ("all", "dev") if story in dev else ("all",):
                tot[key][0] += ok
                tot[key][1] += 1
            if not ok:
                kind = kinds.get(sp.get("actor_id") or "") or "no actor"
                what = "bare sector" if sp.get("code") else "no code"
                kinds_of_miss[f"{what}, {kind}"] = kinds_of_miss.get(f"{what}, {kind}", 0) + 1
            if args.misses and story in dev and not ok:
                print(f"MISS {story}: {sp.get('name')!r} code={sp.get('code')!r}")
    if args.breakdown:
        for k, v in sorted(kinds_of_miss.items(), key=lambda kv: -kv[1]):
            print(f"miss {k}: {v}")
    for key, (ok, n) in tot.items():
        print(f"{key}: {ok}/{n} = {ok / max(n, 1):.3f}")


if __name__ == "__main__":
    sys.exit(main())
