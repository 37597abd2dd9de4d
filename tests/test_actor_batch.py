"""`tiegraph actor -`: JSON lines in, one fixed-shape JSON result per line out; bare roles
take the country their context states."""

from __future__ import annotations

import io
import json
import sys

from tiegraph.interfaces import cli
from tiegraph.resolve.phrase import RESULT_FIELDS, resolve_json_lines


def test_json_lines_each_with_its_own_context_and_date(nlp):
    lines = [
        json.dumps({"text": "Defense Minister", "context": "The German Defense Minister said."}),
        json.dumps({"text": "President Bush", "date": "1990-06-01"}),
        json.dumps({"text": "President Bush", "date": "2003-06-01"}),
        json.dumps({"text": "a sudden storm"}),
    ]
    rows = resolve_json_lines(lines, nlp)
    assert [r["code"] for r in rows] == ["DEUGOV", "USAGOV", "USAGOV", ""]
    assert rows[1]["name"] == "George H. W. Bush" and rows[2]["name"] == "George W. Bush"
    assert all(isinstance(r[f], str) for r in rows for f in RESULT_FIELDS)


def test_bad_line_keeps_its_place_and_names_its_number(nlp):
    rows = resolve_json_lines(['{"text": "NATO"}', "not json", '{"txt": 1}'], nlp)
    assert rows[0]["code"] == "IGONATO"
    assert rows[1]["error"].startswith("line 2: not JSON") and rows[1]["code"] == ""
    assert rows[2]["error"].startswith("line 3: expected an object")


def test_cli_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(
        sys, "stdin", io.StringIO('{"text": "Seoul", "context": "Seoul is exploring ties."}\n')
    )
    assert cli.main(["actor", "-"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(out) == 1 and out[0]["country"] == "KOR" and out[0]["sector"] == ""
