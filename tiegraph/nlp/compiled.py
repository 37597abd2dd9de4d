"""spaCy's attribute ruler and rule lemmatizer, run as table lookups with the same output.

Profiling the pipeline (issue 16) found these two stock components taking about a fifth of
spaCy's time on news text: the attribute ruler runs a `Matcher` with ~180 patterns over
every token to map tags to POS and morphology, and the lemmatizer builds a `Token` per
word and sets its lemma one at a time. Both are deterministic functions of a few token
attributes, so:

- `CompiledAttributeRuler` compiles each one-token pattern into tests on the token's
  `to_array` values (`TAG`, `LOWER`, `DEP`, `ORTH`, `POS`, `NORM`, `IS_SPACE`; plain
  values, `IN`, `NOT_IN`, `REGEX`), indexed by a value one of its `IN` tests needs, and
  remembers what they write for each distinct row of values. Patterns of several tokens
  stay in a small `Matcher`, run only on a document holding a token that passes one's
  first-token tests. Every match is found before any is applied, and each attribute of a
  token takes the value of its highest-numbered pattern, which is what the ruler's
  sequential application in pattern order leaves; the values are written in one
  `Doc.from_array` (POS, TAG, DEP, LEMMA, MORPH are token attributes: nothing is written
  to the lexeme, as `set_token_attrs` writes nothing there for them).
- `CompiledLemmatizer` reads (ORTH, POS, MORPH) for all tokens at once and asks the stock
  lemmatizer only for combinations it has not seen (its rule lemma depends on nothing
  else), then writes the lemmas back in one `Doc.from_array`.

`tests/test_compiled_components.py` compares every token's TAG, POS, MORPH, LEMMA and DEP
with the stock pipeline's on the demo articles and VOA stories. `load_nlp` installs them
unless `TIEGRAPH_COMPILED_COMPONENTS=0`; a pipeline without these components (another
model) is left as it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# attributes a pattern may test that `Doc.to_array` reads as the Matcher does
_READABLE = ("TAG", "LOWER", "DEP", "ORTH", "POS", "NORM", "IS_SPACE")
_MEMO_LIMIT = 50_000  # memo entries (token rows, lemma keys) before a memo is cleared


@dataclass(frozen=True)
class _Test:
    """One attribute test of a token pattern, on a row of `to_array` values: the value is
    (not) among `values`, or its string matches `regex` (the Matcher's IN, NOT_IN, REGEX
    and plain-value predicates)."""

    col: int
    kind: str  # "in", "not_in", "regex"
    values: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None

    def passes(self, row: list[int], strings: StringStore) -> bool:
        v = row[self.col]
        if self.kind == "in":
            return v in self.values
        if self.kind == "not_in":
            return v not in self.values
        assert self.regex is not None
        return self.regex.search(strings[v]) is not None


def _ids(vocab: Vocab, values: Any) -> frozenset[int] | None:
    if not isinstance(values, list) or not all(isinstance(v, (str, int)) for v in values):
        return None
    return frozenset(vocab.strings.add(v) if isinstance(v, str) else v for v in values)


class CompiledAttributeRuler:
    """The attribute ruler's patterns as lookups (see the module docstring)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        vocab = ruler.vocab
        self.strings = vocab.strings
        self.columns: list[str] = []  # attributes read with to_array, in this order
        # one-token patterns by a value one of their IN tests needs: (column, value) ->
        # [(pattern number, tests)]; those without an IN test are tried on every row
        self.index: dict[tuple[int, int], list[tuple[int, list[_Test]]]] = defaultdict(list)
        self.unindexed: list[tuple[int, list[_Test]]] = []
        self.residual = Matcher(vocab, validate=False)
        self.n_residual = 0
        # the residual patterns' first-token tests (a match needs a token passing one):
        # the Matcher runs only on a document with such a token
        self.gates: list[list[_Test]] = []
        self.always_residual = False
        # token attributes written through Doc.from_array, in one pass; any other is set
        # token by token with spaCy's set_token_attrs
        written = {a for attrs in ruler.attrs for a in attrs}
        self.array_attrs = [a for a in (POS, TAG, DEP, LEMMA, MORPH) if a in written]
        self.array_col = {a: k for k, a in enumerate(self.array_attrs)}
        self.memo: dict[tuple[int, ...], tuple[dict[int, tuple[int, int]], bool]] = {}
        for number, entry in enumerate(ruler.patterns):
            rest: list[list[dict[str, Any]]] = []
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                tests = self._compile(vocab, pattern[0]) if len(pattern) == 1 else None
                if tests is None:
                    rest.append(pattern)
                    continue
                key = next((t for t in tests if t.kind == "in"), None)
                if key is None:
                    self.unindexed.append((number, tests))
                else:
                    for value in key.values:
                        self.index[(key.col, value)].append((number, tests))
            if rest:
                self.residual.add(str(number), rest)
                self.n_residual += len(rest)
                for pattern in rest:
                    gate = self._compile(vocab, pattern[0]) if pattern else None
                    if gate is None:
                        self.always_residual = True
                    else:
                        self.gates.append(gate)

    def _column(self, key: str) -> int:
        if key not in self.columns:
            self.columns.append(key)
        return self.columns.index(key)

    def _compile(self, vocab: Vocab, token: dict) -> list[_Test] | None:
        """A token pattern's tests, or None when it holds anything else (an operator, an
        extension, a comparison, an attribute `to_array` does not read as the Matcher)."""
        if not token:
            return None
        tests = []
        for key, value in token.items():
            key = key.upper()
            if key not in _READABLE:
                return None
            col = self._column(key)
            if key == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                tests.append(_Test(col, "in", frozenset({int(value)})))
            elif isinstance(value, (str, int)):
                tests.append(_Test(col, "in", _ids(vocab, [value]) or frozenset()))
            elif isinstance(value, dict) and len(value) == 1:
                (op, arg) = next(iter(value.items()))
                if op in ("IN", "NOT_IN") and (ids := _ids(vocab, arg)) is not None:
                    tests.append(_Test(col, op.lower(), ids))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append(_Test(col, "regex", regex=re.compile(arg)))
                else:
                    return None
            else:
                return None
        return tests

    def _row_writes(self, row: list[int]) -> dict[int, tuple[int, int]]:
        """attribute -> (pattern number, value) the one-token patterns write on a token
        with these values: the highest-numbered writer of each attribute wins, as when
        the ruler applies its matches in pattern order."""
        writes: dict[int, tuple[int, int]] = {}
        strings = self.strings
        candidates = [c for col, v in enumerate(row) for c in self.index.get((col, v), ())]
        for number, tests in candidates + self.unindexed:
            if all(t.passes(row, strings) for t in tests):
                for attr, val in self.ruler.attrs[number].items():
                    old = writes.get(attr)
                    if old is None or old[0] <= number:
                        writes[attr] = (number, val)
        return writes

    def _opens_residual(self, row: list[int]) -> bool:
        return any(all(t.passes(row, self.strings) for t in g) for g in self.gates)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        rows = doc.to_array([IDS[c] for c in self.columns]).tolist()
        memo = self.memo
        found: dict[int, dict[int, tuple[int, int]]] = {}
        gated = self.always_residual
        for i, row in enumerate(rows):
            key = tuple(row)
            got = memo.get(key)
            if got is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                got = memo[key] = (self._row_writes(row), self._opens_residual(row))
            if got[0]:
                found[i] = got[0]
            gated = gated or got[1]
        if self.n_residual and gated:  # all matched on the tokens as they were, as the ruler does
            attrs, indices, strings = self.ruler.attrs, self.ruler.indices, doc.vocab.strings
            for m, start, end in sorted(
                self.residual(doc, allow_missing=True), key=lambda x: (int(strings[x[0]]), x[1])
            ):
                number = int(strings[m])
                at = indices[number]
                if not -(end - start) <= at < end - start:  # as the ruler refuses it
                    raise ValueError(
                        Errors.E1001.format(patterns="", span=doc[start:end], index=at)
                    )
                i = start + at if at >= 0 else end + at
                writes = dict(found.get(i, {}))  # memo entries are shared: copy
                for attr, val in attrs[number].items():
                    old = writes.get(attr)
                    if old is None or old[0] <= number:
                        writes[attr] = (number, val)
                found[i] = writes
        arr = doc.to_array(self.array_attrs)
        col_of = self.array_col
        other: list[tuple[int, int, int, int]] = []
        for i, writes in found.items():
            for attr, (number, val) in writes.items():
                c = col_of.get(attr)
                if c is None:
                    other.append((number, i, attr, val))
                else:
                    arr[i, c] = val
        doc.from_array(self.array_attrs, arr)  # type: ignore[arg-type]
        for _number, i, attr, val in sorted(other):
            set_token_attrs(doc[i], {attr: val})
        return doc


class CompiledLemmatizer:
    """The rule lemmatizer's answers by (ORTH, POS, MORPH), asked once per combination."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lem = self.lemmatizer
        if not lem._validated:  # the stock component's first-call check of its tables
            lem._validate_tables(Errors.E1004)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = arr.tolist()
        memo, strings = self.memo, doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not lem.overwrite:
                continue
            key = (orth, pos, morph)
            got = memo.get(key)
            if got is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                got = memo[key] = strings.add(lem.lemmatize(doc[i])[0])
            if got != lemma:
                arr[i, 3] = got
                changed = True
        if changed:
            doc.from_array([LEMMA], arr[:, 3:4].copy())
        return doc


@Language.factory("tiegraph_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> CompiledAttributeRuler:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return CompiledAttributeRuler(ruler)


@Language.factory("tiegraph_lemma_table")
def make_lemma_table(nlp: Language, name: str) -> CompiledLemmatizer:
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    return CompiledLemmatizer(lemmatizer)


def install(nlp: Language) -> list[str]:
    """Run the compiled components in place of the stock ones (kept, disabled); the names
    of the components replaced. A rule lemmatizer only: lookup tables are fast already."""
    replaced = []
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler):
        nlp.add_pipe("tiegraph_attribute_table", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
        replaced.append("attribute_ruler")
    lem = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lem, Lemmatizer) and lem.mode == "rule":
        nlp.add_pipe("tiegraph_lemma_table", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
        replaced.append("lemmatizer")
    return replaced
