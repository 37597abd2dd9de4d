"""Readers: every input type, and every kind of bad input becomes a named error, never a crash."""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from ingest_builders import article_html, article_text, warc_bytes

from tiegraph.ingest import raw, readers
from tiegraph.ingest.readers import (
    RawInput,
    count_documents,
    decode_bytes,
    kind_of,
    normalise_date,
    read_inputs,
    read_path,
    sniff,
)


def one(path: Path) -> RawInput:
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- formats ---------------------------------------------------------------------------------


def test_txt_file_is_read_as_text(tmp_path):
    item = one(write(tmp_path / "a.txt", article_text()))
    assert item.error is None and item.html is None
    assert item.text.startswith("Norway and Chile")


def test_html_file_is_kept_as_html_for_prepare(tmp_path):
    item = one(write(tmp_path / "a.html", article_html()))
    assert item.error is None and item.text is None
    assert "<article>" in item.html


@pytest.mark.parametrize("name", ["a.txt.gz", "a.html.gz", "a.gz"])
def test_gzip_of_a_document_is_decompressed(tmp_path, name):
    body = article_html() if "html" in name else article_text()
    item = one(write(tmp_path / name, gzip.compress(body.encode())))
    assert item.error is None
    assert (item.html or item.text).strip() == body.strip()
    assert (item.html is not None) == ("html" in name)


def test_unknown_suffix_is_sniffed(tmp_path):
    assert one(write(tmp_path / "page.dat", article_html())).html is not None
    assert one(write(tmp_path / "note.dat", article_text())).text is not None


def test_jsonl_text_html_and_metadata(tmp_path):
    lines = [
        {
            "id": "n1",
            "text": article_text(),
            "url": "https://a.example/1",
            "published": "2019-04-02T10:00:00Z",
        },
        {
            "html": article_html(),
            "title": "Given title",
            "publisher": "Wire",
            "published": "March 2020",
        },
        {"text": article_text(), "published": 2004},
    ]
    path = write(tmp_path / "d.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    items = list(read_path(path))
    assert [i.source for i in items] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    a, b, c = items
    assert a.text and a.meta["id"] == "n1" and a.meta["url"] == "https://a.example/1"
    assert (a.meta["published"], a.meta["published_precision"]) == ("2019-04-02", "day")
    assert b.html and b.meta["title"] == "Given title" and b.meta["publisher"] == "Wire"
    assert (b.meta["published"], b.meta["published_precision"]) == ("2020-03", "month")
    assert (c.meta["published"], c.meta["published_precision"]) == ("2004", "year")


def test_jsonl_bad_lines_are_errors_and_the_rest_goes_on(tmp_path):
    path = write(
        tmp_path / "d.jsonl",
        '{"text": "Fine line about Oslo."}\n'
        "{broken\n"
        "[1, 2]\n"
        '{"title": "no body"}\n'
        '{"text": 42}\n'
        '{"text": "   "}\n'
        '{"text": "Another fine line about Santiago."}\n',
    )
    items = list(read_path(path))
    assert len(items) == 7
    errors = {i.source.rsplit(":", 1)[1]: i.error for i in items}
    assert errors["1"] is None and errors["7"] is None
    assert errors["2"].startswith("broken JSON line")
    assert "not an object" in errors["3"]
    assert "no non-empty 'text' or 'html'" in errors["4"]
    assert "no non-empty 'text' or 'html'" in errors["5"]
    assert "no non-empty" in errors["6"]


def test_jsonl_gz_and_truncated_jsonl_gz(tmp_path):
    body = "".join(
        json.dumps({"text": f"Line {i} about the talks in Oslo."}) + "\n" for i in range(300)
    )
    data = gzip.compress(body.encode(), compresslevel=1)
    assert len(list(read_path(write(tmp_path / "ok.jsonl.gz", data)))) == 300
    items = list(read_path(write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])))
    good, bad = [i for i in items if not i.error], [i for i in items if i.error]
    assert 0 < len(good) < 300
    assert len(bad) == 1 and "truncated or corrupt" in bad[0].error
    assert bad[0].source.endswith(f":{len(good) + 1}")


def test_overlong_jsonl_line_is_refused_without_stopping(tmp_path, monkeypatch):
    monkeypatch.setattr(raw, "MAX_INPUT_BYTES", 1000)
    path = write(
        tmp_path / "d.jsonl",
        json.dumps({"text": "x " * 2000})
        + "\n"
        + json.dumps({"text": "Short line about Oslo."})
        + "\n",
    )
    first, second = read_path(path)
    assert "input too large" in first.error
    assert second.error is None and second.source.endswith(":2")


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_only(tmp_path, gz):
    pages = [
        ("https://www.example.com/a", article_html()),
        ("https://example.com/b", article_html(title="Second story")),
    ]
    path = write(tmp_path / ("c.warc.gz" if gz else "c.warc"), warc_bytes(pages, gz=gz))
    items = list(read_path(path))
    assert [i.meta["url"] for i in items] == ["https://www.example.com/a", "https://example.com/b"]
    assert all(i.error is None and i.html and "@" in i.source for i in items)
    assert all(len(i.meta["crawled"]) == 10 for i in items)
    assert len({i.source for i in items}) == 2


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_earlier_records_and_reports_the_cut(tmp_path, gz):
    pages = [(f"https://example.com/{i}", article_html(title=f"Story {i}")) for i in range(4)]
    data = warc_bytes(pages, gz=gz, with_other_records=False)
    items = list(read_path(write(tmp_path / "c.warc", data[: int(len(data) * 0.6)])))
    good, bad = [i for i in items if not i.error], [i for i in items if i.error]
    assert 1 <= len(good) < 4
    assert len(bad) == 1 and "truncated" in bad[0].error


def test_not_a_warc_and_empty_warc_are_reported(tmp_path):
    assert "not a WARC file" in one(write(tmp_path / "x.warc", b"hello, not an archive\n")).error
    only_images = warc_bytes([], with_other_records=True)
    assert "no HTML or text page records" in one(write(tmp_path / "y.warc", only_images)).error


# --- folders, filters, stdin -----------------------------------------------------------------


def test_folder_is_walked_recursively_in_order_with_globs(tmp_path):
    write(tmp_path / "b.txt", article_text())
    write(tmp_path / "a" / "z.html", article_html())
    write(tmp_path / "a" / "drafts" / "d.txt", article_text())
    write(tmp_path / "notes.docx", b"PK\x03\x04")
    write(tmp_path / "c.jsonl", json.dumps({"text": "A line about Oslo."}) + "\n")
    names = [
        Path(i.source.split(":")[0]).relative_to(tmp_path).as_posix() for i in read_path(tmp_path)
    ]
    assert names == ["b.txt", "c.jsonl", "a/z.html", "a/drafts/d.txt"]
    only_html = [i.source for i in read_inputs([str(tmp_path)], include=["*.html"])]
    assert only_html == [str(tmp_path / "a" / "z.html")]
    no_drafts = [i.source for i in read_inputs([str(tmp_path)], exclude=["*/drafts/*"])]
    assert not any("drafts" in s for s in no_drafts) and len(no_drafts) == 3
    assert count_documents([str(tmp_path)], include=["*.txt", "*.html"]) == 3
    assert count_documents([str(tmp_path)]) is None  # a JSONL file: count unknown


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BufferedReader(io.BytesIO(data))


@pytest.mark.parametrize(
    "data,check",
    [
        (article_text().encode(), lambda items: items[0].text is not None),
        (article_html().encode(), lambda items: items[0].html is not None),
        (
            b'{"text": "One about Oslo."}\n{"text": "Two about Lima."}\n',
            lambda items: len(items) == 2,
        ),
        (
            gzip.compress(warc_bytes([("https://e.org/1", article_html())])),
            lambda items: items[0].html,
        ),
    ],
    ids=["text", "html", "jsonl", "gzipped-warc"],
)
def test_stdin_format_is_sniffed(monkeypatch, data, check):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    items = list(read_inputs(["-"]))
    assert items and all(i.error is None for i in items) and check(items)
    assert all(i.source.startswith("-") for i in items)


def test_sniff_and_kind_of():
    assert sniff(b"\x1f\x8b\x08") == "gzip"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b'  {"text": 1}') == "jsonl"
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b"Plain words.") == "text"
    assert kind_of(Path("a.warc.gz")) == "warc"
    assert kind_of(Path("a.JSONL.gz")) == "jsonl"
    assert kind_of(Path("a.htm")) == "html"
    assert kind_of(Path("a.bin.gz")) == "sniff"


# --- bad input -------------------------------------------------------------------------------


def test_missing_empty_and_whitespace_files(tmp_path):
    assert one(tmp_path / "nope.txt").error == "no such file or directory"
    assert "empty" in one(write(tmp_path / "e.txt", b"")).error
    assert "empty" in one(write(tmp_path / "w.txt", b" \n\t\n")).error
    assert "empty" in one(write(tmp_path / "e.html", b"")).error


@pytest.mark.parametrize(
    "data,what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"abc\x00\x00\x00def\x01\x02", "NUL/control"),
    ],
)
def test_binary_files_are_refused_by_name(tmp_path, data, what):
    assert what in one(write(tmp_path / "b.txt", data)).error


def test_encodings_utf16_cp1252_declared_and_undecodable(tmp_path):
    text = "The café in Malmö hosted talks — “frank and useful”, said the envoy. " * 4
    assert one(write(tmp_path / "u16.txt", text.encode("utf-16"))).text.startswith("The café")
    item = one(write(tmp_path / "w.txt", text.encode("cp1252")))
    assert item.text == text and item.meta["encoding"] == "cp1252"
    page = article_html(paragraphs=[text], charset="windows-1252").encode("cp1252")
    assert "Malmö" in one(write(tmp_path / "w.html", page)).html
    noise = bytes((i * 37 + 128) % 256 for i in range(4000) if (i * 37 + 128) % 256 >= 0x80)
    err = one(write(tmp_path / "n.txt", noise)).error
    assert "not valid UTF-8" in err and "offset 0" in err


def test_decode_bytes_reports_the_first_bad_byte():
    text, how = decode_bytes(b"ok \xff\xfe\xfd\xfc" * 3 + b"\x80" * 50)
    assert text is None and "byte 0xff at offset 3" in how
    assert decode_bytes(b"plain") == ("plain", "utf-8")
    russian = "Министр иностранных дел посетил Сеул во вторник, сообщили официальные лица."
    assert decode_bytes(russian.encode("cp1251")) == (russian, "cp1251")


def test_gigantic_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # 50 MB, sparse
        f.seek(50 * 1024 * 1024 - 1)
        f.write(b"x")
    real_open = builtins.open

    def guarded_open(p, mode="r", *a, **k):
        assert Path(p) != path, "a 50 MB file must not be opened"
        return real_open(p, mode, *a, **k)

    monkeypatch.setattr(readers, "open", guarded_open, raising=False)
    err = one(path).error
    assert "input too large" in err and "52,428,800 bytes" in err


def test_large_gzip_is_cut_off_while_streaming(tmp_path, monkeypatch):
    monkeypatch.setattr(raw, "MAX_INPUT_BYTES", 10_000)
    item = one(write(tmp_path / "big.txt.gz", gzip.compress(b"word " * 100_000)))
    assert "input too large" in item.error


def test_truncated_and_corrupt_gzip(tmp_path):
    data = gzip.compress(article_text().encode() * 50)
    assert "truncated or corrupt" in one(write(tmp_path / "t.txt.gz", data[:200])).error
    assert (
        "corrupt" in one(write(tmp_path / "c.txt.gz", b"\x1f\x8b\x08\x00garbage-not-deflate")).error
    )


def test_unreadable_file_and_folder(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", article_text())

    def denied(p, *a, **k):
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(readers, "open", denied, raising=False)
    assert one(path).error == "unreadable: Permission denied"
    monkeypatch.undo()

    def walk_denied(top, onerror=None, **k):
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))
        yield str(top), [], ["secret.txt"]

    monkeypatch.setattr(readers.os, "walk", walk_denied)
    items = list(read_path(tmp_path))
    assert items[0].error == "unreadable: Permission denied" and items[0].source.endswith("locked")
    assert items[1].error is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_really(tmp_path):
    path = write(tmp_path / "secret.txt", article_text())
    path.chmod(0)
    assert "unreadable" in one(path).error


def test_broken_symlink(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert "not a regular file" in one(link).error


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2006-02-08", ("2006-02-08", "day")),
        ("2006-02-08T10:00:00+09:00", ("2006-02-08", "day")),
        ("2006-02", ("2006-02", "month")),
        ("2006", ("2006", "year")),
        (2006, ("2006", "year")),
        ("February 8, 2006", ("2006-02-08", "day")),
        ("Feb 2006", ("2006-02", "month")),
        ("2006-02-30", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected
