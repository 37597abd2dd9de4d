"""The compiled characterisation lexicon: the literal filter finds exactly what a plain
scan of every entry finds, and the rules object is built from data alone."""

from __future__ import annotations

import json
from pathlib import Path

from tiegraph.extract.characterizations import lexicon, matches, rules_from
from tiegraph.extract.characterizations.rules import keys_of, resolve

ROOT = Path(__file__).resolve().parents[1]


def _plain(text: str):
    """The scan the filter replaced: every entry's expression over the whole text."""
    found = [(m.start(), m.end(), e) for e in lexicon().entries for m in e.pattern.finditer(text)]
    return resolve(found)


def test_keys_are_literals_every_match_contains():
    assert keys_of("ironclad|iron-clad|rock[- ]solid") == ("iron-clad", "ironclad", "solid")
    # the parser factors a shared prefix out of an alternation ("sta"): still one key a branch
    keys = keys_of("(stalwart|staunch) (treaty )?all(y|ies)")
    assert len(keys) == 2 and all(any(k in w for k in keys) for w in ("stalwart", "staunch"))
    assert keys_of("rival(s|ry|ries)?") == ("rival",)
    assert keys_of("(very|extremely)? good") == (" good",)
    assert keys_of("(a )?b") == ("b",)
    assert keys_of("(a|b)?[\\w-]+") == ()  # no literal every match contains: always tried


def test_filter_finds_what_the_plain_scan_finds_on_real_text():
    ids = json.loads((ROOT / "eval" / "voa" / "split.json").read_text())["dev"]
    texts = [
        json.loads((ROOT / "eval" / "voa" / "corpus" / f"{i}.jsonl").read_text().splitlines()[0])[
            "text"
        ]
        for i in ids
    ]
    texts += [p.read_text() for p in sorted((ROOT / "demo" / "corpus").glob("*.txt"))]
    n = 0
    for text in texts:
        for para in text.split("\n"):
            got, want = matches(para), _plain(para)
            assert [(s, e) for s, e, _ in got] == [(s, e) for s, e, _ in want], para[:80]
            n += len(got)
    assert n > 50


def test_rules_object_from_data_alone():
    lex = rules_from({"phrases": [{"phrase": "sworn friends?", "tone": 0.7}]})
    assert [(s, e) for s, e, _ in matches("They are sworn friends now.", lex)] == [(9, 22)]
    assert matches("They are friends now.", lex) == []
