"""The CLI as an analyst meets it (issues 18 and 19): the default store, validated
case-insensitive codes and dates, one-line errors, escaped control characters, and the
same flags and shapes on every query command. The store is built by the real pipeline
from two short articles written for these tests (one with a '/' in its id and terminal
escape sequences and a forged summary line in its title)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tiegraph.interfaces.cli import main

ROOT = Path(__file__).resolve().parents[1]
EVIL_TITLE = "Evil \x1b[31mred\x1b[0m title\nstored 99, already present 0"
ARTICLES = [
    {
        "id": "rank/2004",
        "title": "Seoul sends troops",
        "published": "2004-10-07",
        "text": "South Korea, the world's 11th-largest economy, has itself sent some 3,000 "
        "troops to the northern Iraqi city of Irbil.\n\nPresident Moon Jae-in of South Korea "
        "met President George W. Bush in Washington on Monday. North Korean troops fired "
        "artillery shells at a South Korean island on Tuesday.",
    },
    {
        "id": "rank-2017",
        "title": EVIL_TITLE,
        "published": "2017-11-30",
        "text": "South Korea, now the world's 12th-largest economy, hosts about 28,500 American "
        'troops.\n\n"Our alliance is stronger than ever," said South Korean President Moon '
        "Jae-in. Foreign Minister Kang Kyung-wha said the talks were useful. South Korea "
        "rebuffed a North Korean offer of talks on Friday.",
    },
]


def build_store(folder: Path) -> Path:
    """ARTICLES through the real pipeline into a new SQLite store."""
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.pipeline import process
    from tiegraph.store import open_store

    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "iface.db"
    with open_store(db) as store:
        assert store.add_records(process(read_inputs([str(src)])))["stored"] == 2
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return str(build_store(tmp_path_factory.mktemp("iface")))


def run(capsys, *argv: str, code: int = 0) -> tuple[str, str]:
    assert main(list(argv)) == code
    got = capsys.readouterr()
    return got.out, got.err


def tiegraph(*args: str, cwd: Path | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "tiegraph.interfaces.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


# -- (1) the default store --------------------------------------------------------------

READ_COMMANDS = [
    ["quotes", "--about", "PRK"],
    ["events"],
    ["claims"],
    ["changes"],
    ["dyad", "KOR", "USA"],
    ["actors"],
    ["search", "troops"],
    ["doc", "x"],
    ["summary"],
    ["failures"],
    ["export", "out.csv", "--format", "csv"],
]


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=lambda a: a[0])
def test_read_commands_never_create_a_missing_store(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIEGRAPH_DB", raising=False)
    _, err = run(capsys, *argv, code=2)
    assert err.count("\n") == 1 and "no store at tiegraph.db" in err
    assert "--db" in err and "TIEGRAPH_DB" in err
    assert not (tmp_path / "tiegraph.db").exists()
    monkeypatch.setenv("TIEGRAPH_DB", str(tmp_path / "elsewhere.db"))
    _, err = run(capsys, *argv, code=2)
    assert "elsewhere.db ($TIEGRAPH_DB)" in err and not (tmp_path / "elsewhere.db").exists()


def test_readme_example_fails_in_one_line_without_a_store(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TIEGRAPH_DB"}
    p = subprocess.run(
        [sys.executable, "-m", "tiegraph.interfaces.cli", "quotes", "--about", "PRK"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith("tiegraph: no store at tiegraph.db") and p.stderr.count("\n") == 1


# -- (2) codes and dates ------------------------------------------------------------------


def test_codes_are_case_insensitive_and_dyads_take_both_forms(db, capsys):
    def events(*extra: str) -> list[dict]:
        return json.loads(run(capsys, "events", "--db", db, "--json", *extra)[0])

    upper = events("--dyad", "KOR", "PRK")
    assert upper and events("--dyad", "kor", "prk") == upper
    assert events("--dyad", "KOR,PRK") == upper == events("--dyad", "prk,kor")
    assault = events("--type", "assault")
    assert assault and {e["type"] for e in assault} == {"ASSAULT"}
    assert events("--actor", "korgov") == events("--actor", "KORGOV") != []
    quotes = json.loads(run(capsys, "quotes", "--db", db, "--about", "usa", "--json")[0])
    assert quotes == json.loads(run(capsys, "quotes", "--db", db, "--about", "USA", "--json")[0])
    out, _ = run(capsys, "dyad", "kor,prk", "--db", db)
    assert "KOR>PRK" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["events", "--dyad", "KOR", "XXX"], ["'XXX'", "KOR", "PRK", "USA"]),
        (["events", "--dyad", "KOR"], ["two country codes"]),
        (["events", "--type", "bogus"], ["'bogus'", "ASSAULT", "REJECT"]),
        (["events", "--actor", "NOPE"], ["'NOPE'", "KORGOV"]),
        (["events", "--since", "abc"], ["since", "'abc'", "YYYY-MM-DD"]),
        (["events", "--since", "2016-13"], ["'2016-13'"]),
        (["quotes", "--until", "2021-02-30"], ["'2021-02-30'"]),
        (["claims", "--measure", "troops"], ["'troops'", "troops_stationed"]),
        (["changes", "--subject", "ZZZ"], ["'ZZZ'"]),
        (["dyad", "KOR", "XXX"], ["'XXX'"]),
        (["search", "troops", "--since", "20-1"], ["'20-1'"]),
        (["actors", "--kind", "robot"], ["'robot'", "person"]),
        (["events", "--min-confidence", "5"], ["min-confidence", "0..1"]),
        (["events", "--since", "2020", "--until", "2010"], ["after"]),
    ],
)
def test_unknown_codes_and_bad_dates_say_what_is_valid(db, capsys, argv, words):
    out, err = run(capsys, *argv, "--db", db, code=2)
    assert out == "" and err.count("\n") == 1 and err.startswith("tiegraph: ")
    for w in words:
        assert w in err


# -- (3) one-line errors, escaped names, invalid values --------------------------------------


def test_errors_are_one_line_and_debug_shows_the_traceback(tmp_path, db):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database\n" * 100)
    cases = [
        (["events", "--db", str(garbage)], {}, "not a database"),
        (["events", "--db", str(tmp_path)], {}, "is a directory"),
        (["ingest", str(garbage), "--db", "/proc/nope/x.db"], {}, "cannot open store"),
        (["events", "--db", "postgresql://u:secret@127.0.0.1:1/x"], {}, "cannot open store"),
        (["actor", "--file", str(tmp_path / "missing.txt")], {}, "missing.txt"),
        (["serve", "--db", db, "--port", "99999"], {}, "65535"),
        (
            ["export", "/proc/tiegraph-test/e.csv", "--format", "csv", "--db", db],
            {},
            "/proc/tiegraph-test",
        ),
        (["summary", "--db", db], {"TIEGRAPH_MAX_DOC_CHARS": "lots"}, "TIEGRAPH_MAX_DOC_CHARS"),
        (["summary", "--db", db], {"TIEGRAPH_BATCH_SIZE": "-3"}, "TIEGRAPH_BATCH_SIZE"),
        (["dates", "in May", "--anchor", "notadate"], {}, "anchor"),
        (["extract", "-", "--min-confidence", "5"], {}, "0..1"),
    ]
    for argv, env, word in cases:
        p = tiegraph(*argv, env=env)
        assert p.returncode != 0, argv
        assert "Traceback" not in p.stderr, argv
        assert p.stderr.count("\n") == 1 and p.stderr.startswith("tiegraph: "), (argv, p.stderr)
        assert word in p.stderr, (argv, p.stderr)
    assert "secret" not in tiegraph("events", "--db", "postgresql://u:secret@127.0.0.1:1/x").stderr
    p = tiegraph("--debug", "actor", "--file", str(tmp_path / "missing.txt"))
    assert "Traceback" in p.stderr and "FileNotFoundError" in p.stderr
    p = tiegraph("events", "--db", str(garbage), "--debug")
    assert "Traceback" in p.stderr


def test_a_full_device_is_one_line(db):
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "tiegraph.interfaces.cli", "events", "--db", db],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "No space left on device" in p.stderr


def test_control_characters_in_names_are_escaped(db, capsys, tmp_path):
    # (ingest may already drop the escape characters of a title; the newline stays)
    out, _ = run(capsys, "search", "economy", "--db", db)
    assert "\x1b" not in out
    assert "title\\nstored 99" in out and "\nstored 99" not in out
    out, _ = run(capsys, "doc", "rank-2017", "--db", db, "--no-color")
    assert "\x1b" not in out and "title\\nstored 99" in out.splitlines()[0]
    # a file name with a newline and an escape sequence, reported by ingest on stderr
    bad = tmp_path / "evil\x1b[2J\nstored 99, failed 0.txt"
    bad.write_bytes(b"")
    p = tiegraph("ingest", str(bad), "--db", str(tmp_path / "s.db"))
    lines = p.stderr.splitlines()
    assert "\x1b" not in p.stderr and "\x1b" not in p.stdout
    assert any("evil\\x1b[2J\\nstored 99, failed 0.txt" in line for line in lines), p.stderr
    assert not any(line.startswith("stored 99") for line in lines + p.stdout.splitlines())


# -- (5) same flags, same shapes ------------------------------------------------------------

QUERY_COMMANDS = [
    ["events"],
    ["quotes"],
    ["claims"],
    ["changes"],
    ["dyad", "KOR", "PRK"],
    ["actors"],
    ["search", "troops"],
    ["doc", "rank-2017"],
    ["summary"],
    ["failures"],
]


@pytest.mark.parametrize("argv", QUERY_COMMANDS, ids=lambda a: a[0])
def test_every_query_command_prints_json_and_csv(db, capsys, argv):
    data = json.loads(run(capsys, *argv, "--db", db, "--json")[0])
    assert isinstance(data, (list, dict))
    out, _ = run(capsys, *argv, "--db", db, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    if argv[0] != "failures":
        assert rows and len(rows[0]) > 2, out[:200]


@pytest.mark.parametrize(
    "argv, key",
    [
        (["events"], "date"),
        (["quotes"], "date"),
        (["claims"], "as_of"),
        (["search", "troops"], "date"),
        (["changes"], None),
        (["dyad", "KOR", "PRK"], "period"),
    ],
)
def test_dated_lists_take_since_and_until(db, capsys, argv, key):
    def rows(*extra: str) -> list[dict]:
        got = json.loads(run(capsys, *argv, "--db", db, "--json", *extra)[0])
        return got["periods"] if isinstance(got, dict) else got

    everything, late = rows(), rows("--since", "2017")
    early = rows("--until", "2004-12")
    assert everything and (late or early)
    if key:
        assert all(r[key] >= "2017" for r in late) and all(r[key] < "2005" for r in early)
    else:  # a change is kept when either side is in range
        assert all(r["from"]["as_of"] >= "2017" or r["to"]["as_of"] >= "2017" for r in late)
    assert rows("--since", "2030") == []


def test_dyad_json_is_the_api_answer_and_summary_counts_both_ways(db, capsys):
    from starlette.testclient import TestClient

    from tiegraph.web.app import create_app

    app = create_app(db)
    try:
        with TestClient(app) as client:
            api = client.get("/api/dyads/kor/prk/timeline").json()
            dyads = client.get("/api/dyads").json()
    finally:
        app.state.store.close()
    assert json.loads(run(capsys, "dyad", "KOR", "PRK", "--db", db, "--json")[0]) == api
    summary = json.loads(run(capsys, "summary", "--db", db, "--json")[0])
    by_pair = {r["dyad"]: r["events"] for r in summary["events_by_dyad"]}
    assert by_pair == {f"{d['a']}-{d['b']}": d["events"] for d in dyads}
    kor_prk = next(d for d in dyads if (d["a"], d["b"]) == ("KOR", "PRK"))
    assert kor_prk["a_to_b"] >= 1 and kor_prk["b_to_a"] >= 1  # both directions in one row
    out, _ = run(capsys, "summary", "--db", db)
    assert "both ways" in out


def test_rank_changes_are_worded_as_a_fall(db, capsys):
    out, _ = run(capsys, "changes", "--db", db, "--measure", "Economy_Rank")
    assert "#11 (as of 2004-10-07) -> #12 (as of 2017-11-30); fell 1 place" in out
    assert "+1 places" not in out


def test_readme_command_table_matches_help():
    """Every command of `tiegraph --help` has a row in the README table, and no more."""
    help_text = tiegraph("--help").stdout
    listing = help_text.split("\n  COMMAND\n", 1)[1].split("\noptions:", 1)[0]
    commands = {
        line.split()[0]
        for line in listing.splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What each command does", 1)[1].split("\n\n", 2)[1]
    documented = {
        cell.split()[1].strip("`")
        for line in table.splitlines()
        if line.startswith("| `tiegraph")
        for cell in line.split("|")[1].split(" / ")
    }
    assert commands == documented
