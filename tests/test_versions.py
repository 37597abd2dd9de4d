"""Record versions: the data hash follows the user's data, and no spaCy is needed to read them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tiegraph import versions
from tiegraph.distributed.manifest import pack


@pytest.fixture
def user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(versions.USER_DATA_ENV, str(tmp_path))
    versions.clear_cache()
    yield tmp_path
    monkeypatch.delenv(versions.USER_DATA_ENV)
    versions.clear_cache()


def _packaged_only() -> str:
    return versions._data_hash("")


def test_user_data_file_changes_the_data_version(user_dir):
    assert versions.data_version() == _packaged_only()  # empty folder: nothing merged
    (user_dir / "actors.yaml").write_text("actors: []\n", encoding="utf-8")
    versions.clear_cache()
    first = versions.data_version()
    assert first != _packaged_only()
    (user_dir / "actors.yaml").write_text("actors: [{name: Ruritania}]\n", encoding="utf-8")
    versions.clear_cache()
    assert versions.data_version() not in {first, _packaged_only()}


def test_files_the_loader_never_merges_do_not_change_it(user_dir):
    (user_dir / "notes.yaml").write_text("anything: 1\n", encoding="utf-8")
    versions.clear_cache()
    assert versions.data_version() == _packaged_only()


def test_the_data_version_follows_the_environment_without_clearing(tmp_path, monkeypatch):
    """Two user folders in one process (a long-lived worker) get their own hashes."""
    a, b = tmp_path / "a", tmp_path / "b"
    for d, body in ((a, "people: []\n"), (b, "people: [{name: X}]\n")):
        d.mkdir()
        (d / "people.yaml").write_text(body, encoding="utf-8")
    monkeypatch.setenv(versions.USER_DATA_ENV, str(a))
    va = versions.data_version()
    monkeypatch.setenv(versions.USER_DATA_ENV, str(b))
    assert versions.data_version() != va


def test_chunk_ids_change_with_the_users_data(user_dir):
    items = [{"source": "a.txt", "weight": 1}, {"source": "b.txt", "weight": 1}]
    before = [c["chunk_id"] for c in pack(items, 1, versions.versions("m-1"))]
    (user_dir / "measures.yaml").write_text("measures: {}\n", encoding="utf-8")
    versions.clear_cache()
    after = [c["chunk_id"] for c in pack(items, 1, versions.versions("m-1"))]
    assert len(before) == 2 and set(before).isdisjoint(after)


def test_records_carry_these_versions():
    from tiegraph.pipeline import versions as record_versions

    v = record_versions()
    assert v == versions.versions()
    assert {"events", "quotes", "claims", "characterizations", "data"} <= set(v)


def test_extractor_constants_agree_with_the_versions_module():
    """The extractors may keep a VERSION constant; it must be the one records carry."""
    from tiegraph.extract import characterizations, claims, events, quotes

    mods = {"events": events, "quotes": quotes, "claims": claims}
    mods["characterizations"] = characterizations
    for name, mod in mods.items():
        assert mod.VERSION == versions.EXTRACTORS[name], name


def test_reading_versions_does_not_import_spacy():
    code = (
        "import sys, tiegraph.versions as v, tiegraph.resources\n"
        "v.versions(); assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_change_cache_reads_the_claims_version_without_parsing_source():
    from tiegraph.analysis import change_cache

    assert change_cache.claims_extractor_version() == versions.EXTRACTORS["claims"]
    assert "ast" not in vars(change_cache)
