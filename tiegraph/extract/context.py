"""What every extractor receives: the parse, the actors, the time expressions.

Extractors are pure functions `extract_x(ctx) -> list[Row]`; they never touch
the store, the CLI or the file system, so they run unchanged in a Dask worker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tiegraph.model import Document, Span
from tiegraph.nlp.syntax import doc_text
from tiegraph.nlp.timex import Timex
from tiegraph.resolve.actors import ActorIndex


@dataclass
class DocContext:
    doc: Doc
    document: Document
    anchor: str | None  # ISO date relative expressions are resolved against
    anchor_precision: str
    actors: ActorIndex
    timexes: list[Timex] = field(default_factory=list)
    per_doc: dict[str, tuple[Doc, Any]] = field(default_factory=dict, repr=False, compare=False)
    # answers that depend on the time expressions: one table per context object, never
    # shared with a view (`replace` builds init=False fields afresh)
    per_view: dict[str, dict] = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._tx_starts = [t.start for t in self.timexes]

    def span(self, start_char: int, end_char: int) -> Span:
        return Span(start_char, end_char, doc_text(self.doc)[start_char:end_char])

    def sent_span(self, obj: Token | SpacySpan) -> Span:
        sent = self.sent_of(obj.i) if isinstance(obj, Token) else obj.sent
        return self.span(sent.start_char, sent.end_char)  # Span.text re-joins the tokens

    # spaCy builds a new Token on every `doc[i]`, step of `for t in doc` and `.sent` (which
    # scans the token array), and `Doc.sents` rebuilds every sentence: read once per doc,
    # in `per_doc`, which a view (`dataclasses.replace(ctx, timexes=...)`) shares.
    def memo(self, key: str) -> dict:
        """This context's own table `key` (dates, governing expressions: they depend on
        `timexes`, which a view replaces)."""
        return self.per_view.setdefault(key, {})

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        got = self.per_doc.get(key)
        if got is None or got[0] is not self.doc:
            got = self.per_doc[key] = (self.doc, build())
        return got[1]

    @property
    def tokens(self) -> list[Token]:
        return self.cached("tokens", lambda: list(self.doc))

    @property
    def sents(self) -> list[SpacySpan]:
        return self.cached("sents", lambda: list(self.doc.sents))

    @property
    def sent_starts(self) -> list[int]:
        return self.cached("sent_starts", lambda: [s.start for s in self.sents])

    def sent_of(self, i: int) -> SpacySpan:
        """The sentence of token `i` (what `doc[i].sent` gives), by bisection."""
        return self.sents[bisect_right(self.sent_starts, i) - 1]

    def window_start(self, i: int, sentences: int) -> int:
        """The first token of the `sentences` sentences that end with token `i`'s."""
        n = bisect_right(self.sent_starts, i)
        return self.sent_starts[max(0, n - sentences)] if n else 0

    def tok_span(self, tok: Token | SpacySpan) -> Span:
        if isinstance(tok, Token):
            return Span(tok.idx, tok.idx + len(tok.text), tok.text)
        return self.span(tok.start_char, tok.end_char)

    def timexes_between(self, start_char: int, end_char: int) -> list[Timex]:
        i = bisect_left(self._tx_starts, start_char)
        out = []
        while i < len(self.timexes) and self.timexes[i].start < end_char:
            if self.timexes[i].end <= end_char:
                out.append(self.timexes[i])
            i += 1
        return out

    def publication_date(self) -> tuple[str | None, str]:
        return self.anchor, self.anchor_precision
