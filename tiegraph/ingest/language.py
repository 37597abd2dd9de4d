"""Language identification with py3langid's model, its byte walk done by numpy.

py3langid scores a text by walking its UTF-8 bytes through an Aho-Corasick automaton of
byte n-grams, one Python step per byte (most of its time). The automaton's state after
a byte is the longest suffix of the text read so far that is a prefix of some n-gram,
so it depends only on the last `depth` bytes (`depth`: the deepest state, 6 for the
bundled model). Walking every window of `depth` bytes from the root, all windows at
once, gives the same state at every position, hence the same n-gram counts; they are
handed to py3langid's own scoring in its own order (first occurrence), so scores are
bit-identical. tests/test_speed_prepare.py compares it with py3langid on every story.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts


def automaton_depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """Length of the longest string that leads from the root to a state first (BFS)."""
    depth = {0: 0}
    queue = deque([0])
    while queue:
        state = queue.popleft()
        for nxt in np.unique(nextmove[rowbase[state] : rowbase[state] + 256]).tolist():
            if nxt not in depth:
                depth[nxt] = depth[state] + 1
                queue.append(nxt)
    return max(depth.values())


class WindowedIdentifier(LanguageIdentifier):
    """py3langid's identifier whose feature counts come from the windowed walk."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._moves = np.asarray(self.tk_nextmove, dtype=np.int64)
        self._rows = np.asarray(self._rowbase, dtype=np.int64)
        self._outputs = np.asarray(self.tk_output, dtype=np.int64)
        self.depth = automaton_depth(self._moves, self._rows)

    def visits(self, data: bytes) -> dict[int, int] | None:
        """{feature: count} in order of first occurrence, as py3langid's `visit_counts`."""
        depth = self.depth
        if len(data) < 2 * depth:
            return visit_counts(self.tk_nextmove, self._rowbase, self.tk_output, data)
        raw = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
        n = len(raw)
        # positions before `depth - 1` have a shorter history: walk them one by one
        head, state = [], 0
        for byte in data[: depth - 1]:
            state = self.tk_nextmove[self._rowbase[state] + byte]
            head.append(state)
        states = np.zeros(n - depth + 1, dtype=np.int64)
        for k in range(depth):
            states = self._moves[self._rows[states] + raw[k : n - depth + 1 + k]]
        feats = self._outputs[np.concatenate([np.asarray(head, dtype=np.int64), states])]
        feats = feats[feats >= 0]
        if not len(feats):
            return None
        uniq, first, counts = np.unique(feats, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return dict(zip(uniq[order].tolist(), counts[order].tolist(), strict=True))

    def _raw_score(self, text: bytes) -> np.ndarray:
        visits = self.visits(text)
        if visits:
            return self._sparse_score(visits, self.nb_ptc)
        return super()._raw_score(b"")  # py3langid's score of a featureless text


def load_identifier() -> WindowedIdentifier:
    return WindowedIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
