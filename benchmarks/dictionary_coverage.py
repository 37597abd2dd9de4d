"""How much of the PETRARCH2 verb dictionary loads, and how much of it fires on the VOA
development stories (issue 13).

Prints the patterns the reader kept (bare verb readings and phrase patterns) and
skipped, then over the 24 dev stories of eval/voa/split.json: the verbs the layer
reads (a dictionary pattern anchored on them, before any guard), and the events the
layer coded (rule `verb:<lemma>@petrarch:...`), by PLOVER type. `--events` lists the
coded events with their sentence, to read them.

    python benchmarks/dictionary_coverage.py [--events]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from tiegraph.extract.events import rules
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document
from tiegraph.nlp.pipeline import load_nlp
from tiegraph.pipeline import extract_record, prepare

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "voa" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", action="store_true", help="list the events the layer coded")
    args = ap.parse_args()
    lex = rules.lexicon()
    dic = lex.dictionary
    if dic is None:
        print("no dictionary configured (event_patterns.yaml `dictionary.file`)")
        return
    bare = [p for p in dic.patterns if p.size == 0]
    phrase = [p for p in dic.patterns if p.size > 0]
    print(
        f"dictionary: {len(dic.patterns)} patterns loaded "
        f"({len(bare)} bare verb readings over {sum(len(p.verbs) for p in bare)} verb forms, "
        f"{len(phrase)} phrase patterns), {dic.skipped} skipped; "
        f"bare_verbs={lex.dictionary_cfg.get('bare_verbs', True)}"
    )
    nlp = load_nlp()
    layer = lex.layer(nlp.vocab)
    assert layer is not None
    dev = json.loads((CORPUS.parent / "split.json").read_text())["dev"]
    read_bare = read_phrase = events_all = 0
    fired: Counter[str] = Counter()
    types: Counter[str] = Counter()
    listed: list[str] = []
    for story in dev:
        with open(CORPUS / f"{story}.jsonl", encoding="utf-8") as fh:
            raw = json.loads(fh.readline())
        anchor = str(raw.get("published") or "")[:10]
        doc = prepare(RawInput(f"voa-{story}", raw["text"], {"published": anchor}))
        assert isinstance(doc, Document)
        sdoc = nlp(doc.text)
        for tok in sdoc:
            if tok.lemma_.lower() in lex.verbs:
                continue
            p = layer.pattern_at(tok)
            if p is not None:
                read_bare += p.size == 0
                read_phrase += p.size > 0
        for e in extract_record(doc, sdoc, nlp).events:
            events_all += 1
            if "@petrarch" not in e.rule:
                continue
            fired[e.rule.split("@", 1)[1].split("+")[0]] += 1
            types[e.type] += 1
            if args.events:
                src = e.source and (e.source.country or e.source.code)
                tgt = e.target and (e.target.country or e.target.code)
                sent = doc.text[e.evidence.start : e.evidence.end].replace("\n", " ")
                listed.append(
                    f"{story} {e.type} {src}->{tgt} [{e.trigger.text}] {e.polarity} {e.rule}\n"
                    f"    {sent[:220]}"
                )
    print(
        f"VOA dev ({len(dev)} stories): layer reads {read_bare + read_phrase} verb tokens "
        f"the project's patterns do not name ({read_bare} bare, {read_phrase} phrase)"
    )
    print(
        f"  events coded by the layer: {sum(fired.values())} of {events_all} "
        f"from {len(fired)} distinct patterns; by type: {dict(types.most_common())}"
    )
    for line in listed:
        print(line)


if __name__ == "__main__":
    main()
