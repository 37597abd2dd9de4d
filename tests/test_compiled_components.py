"""The pipeline's own versions of spaCy steps give exactly what the stock steps give.

`tiegraph.nlp.compiled` runs spaCy's attribute ruler and rule lemmatizer as table lookups,
and `tiegraph.nlp.pipeline`'s name merger and paragraph breaks visit only the tokens that
can change (issue 16). Each is compared here with the stock component, or with the plain
token-by-token loop it replaced, on real text: the demo articles and all 49 VOA stories.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from real_texts import demo_texts, voa_texts
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from tiegraph.nlp import compiled
from tiegraph.nlp.pipeline import load_nlp, merge_hyphenated_names, paragraph_breaks

ROOT = Path(__file__).resolve().parents[1]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, NORM]


def _texts() -> list[str]:
    return demo_texts() + voa_texts(None)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    got = _texts()
    assert len(got) >= 70
    return got


@pytest.fixture(scope="module")
def stock_nlp(monkeypatch_module):
    monkeypatch_module.setenv("TIEGRAPH_COMPILED_COMPONENTS", "0")
    return load_nlp.__wrapped__()  # a fresh load, the stock components in place


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _same(a: Doc, b: Doc) -> bool:
    return [t.text for t in a] == [t.text for t in b] and (
        a.to_array(ATTRS) == b.to_array(ATTRS)
    ).all()


def test_the_loaded_pipeline_runs_the_compiled_components(nlp, stock_nlp):
    assert "tiegraph_attribute_table" in nlp.pipe_names
    assert "tiegraph_lemma_table" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert "attribute_ruler" in stock_nlp.pipe_names and "lemmatizer" in stock_nlp.pipe_names


def test_compiled_components_annotate_real_text_as_the_stock_ones(nlp, stock_nlp, texts):
    differing = [
        i
        for i, (a, b) in enumerate(zip(stock_nlp.pipe(texts), nlp.pipe(texts), strict=True))
        if not _same(a, b)
    ]
    assert differing == []


# A ruler that uses every kind of test the compiler reads, patterns that write the same
# attribute of one token (the higher number must win), a pattern the compiler leaves to
# the Matcher (an operator), several-token patterns with a first-token gate and a negative
# index, and an attribute (NORM) written token by token.
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": {"IN": ["said", "says"]}}]], "attrs": {"LEMMA": "speak"}},
    {"patterns": [[{"TAG": "VBD", "LOWER": {"REGEX": "^s"}}]], "attrs": {"MORPH": "Mood=Ind"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["nsubj", "ROOT"]}, "TAG": "NN"}]], "attrs": {"TAG": "NNS"}},
    {"patterns": [[{"LOWER": {"REGEX": "^min"}}]], "attrs": {"NORM": "min-word"}},
    {"patterns": [[{"TAG": "NN", "IS_SPACE": False}]], "attrs": {"POS": "NOUN"}},
    {
        "patterns": [[{"LOWER": "united"}, {"LOWER": "states"}]],
        "attrs": {"LEMMA": "USA"},
        "index": -1,
    },
    {"patterns": [[{"LOWER": {"REGEX": "^pres"}}, {"IS_PUNCT": True}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LOWER": "the", "OP": "?"}, {"LOWER": "president"}]], "attrs": {"DEP": "dep"}},
]


def test_a_ruler_with_every_kind_of_test_compiles_to_the_same_annotations(nlp, texts):
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(RULES)
    fast = compiled.CompiledAttributeRuler(ruler)
    assert fast.n_residual == 3 and fast.always_residual and len(fast.unindexed) == 1
    docs = list(nlp.pipe(texts[:30]))
    changed = 0
    for doc in docs:
        a, b = doc.copy(), doc.copy()
        ruler(a)
        fast(b)
        assert _same(a, b), doc.text[:80]
        changed += not _same(a, doc)
    assert changed >= 25  # the rules do fire on these texts


def test_the_lemma_table_keeps_lemmas_the_ruler_set_and_fills_the_rest(nlp, stock_nlp, texts):
    with stock_nlp.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(stock_nlp.pipe(texts[:20]))
    lemmatizer = stock_nlp.get_pipe("lemmatizer")
    table = compiled.CompiledLemmatizer(lemmatizer)
    preset = 0
    for doc in docs:
        a, b = doc.copy(), doc.copy()
        preset += sum(1 for t in doc if t.lemma)
        lemmatizer(a)
        table(b)
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    assert preset > 0  # the attribute ruler sets some lemmas first ("'s" -> "be")


def test_install_leaves_a_pipeline_without_those_components_as_it_is():
    blank = spacy.blank("en")
    assert compiled.install(blank) == []
    assert blank.pipe_names == []


def _merge_reference(doc: Doc) -> Doc:
    """The name merger as it was: every position visited (tiegraph 0.x)."""
    from tiegraph.nlp import pipeline as p

    spans = []
    i = 1
    while i + 2 < len(doc):
        a, h, b = doc[i], doc[i + 1], doc[i + 2]
        prev = doc[i - 1]
        nxt = doc[i + 3] if i + 3 < len(doc) else None
        surname_before = prev.text[:1].isupper() and prev.is_alpha and len(prev.text) <= 5
        surname_after = (
            b.text[:1].islower()
            and len(a.text) <= 4
            and b.lower_ not in p._COMBINING
            and b.whitespace_
            and nxt is not None
            and nxt.is_alpha
            and nxt.text[:1].isupper()
            and len(nxt.text) <= 8
        )
        if (
            h.text == "-"
            and not a.whitespace_
            and not h.whitespace_
            and p._given_name_halves(a.text, b.text)
            and ((surname_before and prev.whitespace_) or surname_after)
        ):
            spans.append(doc[i : i + 3])
            i += 3
            continue
        i += 1
    with doc.retokenize() as rt:
        for sp in spans:
            rt.merge(sp)
    return doc


def test_the_name_merger_visiting_hyphens_only_merges_what_the_full_scan_merges(nlp, texts):
    extra = [
        "President Moon Jae-in met Kim Jong-un. Jae-hoon Baek said Min-seok-ho left.",
        "Kim Min-seok-Lee and Park Ji-Sung-Min; Seoul-based Lee Myung-Bak -",
    ]
    merged = 0
    for text in texts + extra:
        a, b = nlp.make_doc(text), nlp.make_doc(text)
        _merge_reference(a)
        merge_hyphenated_names(b)
        assert [t.text for t in a] == [t.text for t in b]
        merged += len(nlp.make_doc(text)) - len(b)
    assert merged >= 6


def test_paragraph_breaks_from_space_tokens_equal_the_full_scan(nlp, texts):
    for text in [*texts, "Title\n\n\nBody one.\n \nBody two.\n\n"]:
        a, b = nlp.make_doc(text), nlp.make_doc(text)
        for tok in a[1:]:  # the loop it replaced
            prev = a[tok.i - 1]
            if "\n\n" in prev.whitespace_ or (prev.is_space and prev.text.count("\n") >= 2):
                if not tok.is_space:
                    tok.is_sent_start = True
        paragraph_breaks(b)
        assert (a.to_array([SENT_START]) == b.to_array([SENT_START])).all()
