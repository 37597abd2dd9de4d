"""A document's tokens and their most-read attributes, read from spaCy once.

The actor passes scan every token several times. In spaCy each `doc[i]` builds a new
`Token` object and each `t.text`/`t.pos_` decodes a string from the vocabulary, so
reading them afresh on every scan made resolution cost several times the document's
length. One `TokenTable` per document (held on the pass state, never shared between
documents) keeps the Token objects and plain lists of the attributes the scans test.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token


class TokenTable:
    """Token objects and per-token attribute lists, indexed by token position."""

    __slots__ = (
        "toks",
        "text",
        "lower",
        "pos",
        "dep",
        "ent",
        "ws",
        "is_alpha",
        "is_lower",
        "sent_start",
        "sents",
        "sent_chars",
    )

    def __init__(self, doc: Doc) -> None:
        toks = list(doc)
        self.toks: list[Token] = toks
        self.text: list[str] = [t.text for t in toks]
        self.lower: list[str] = [t.lower_ for t in toks]
        self.pos: list[str] = [t.pos_ for t in toks]
        self.dep: list[str] = [t.dep_ for t in toks]
        self.ent: list[str] = [t.ent_type_ for t in toks]
        self.ws: list[bool] = [bool(t.whitespace_) for t in toks]
        self.is_alpha: list[bool] = [t.is_alpha for t in toks]
        self.is_lower: list[bool] = [t.is_lower for t in toks]
        self.sent_start: list[bool] = [bool(t.is_sent_start) for t in toks]
        # (start, end) of every sentence, in order
        self.sents: list[tuple[int, int]] = [(s.start, s.end) for s in doc.sents]
        # their (start_char, end_char), as Span.start_char/end_char give them
        self.sent_chars: list[tuple[int, int]] = [
            (toks[a].idx, toks[b - 1].idx + len(self.text[b - 1])) for a, b in self.sents
        ]

    def __len__(self) -> int:
        return len(self.toks)
