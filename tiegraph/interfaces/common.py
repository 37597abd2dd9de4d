"""What every CLI command shares: one-line errors, opening the store, safe terminal text,
and the --json / --csv / table output of a list of rows."""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, TextIO

# C0/C1 controls (ESC, CR, LF, BEL, ...), Unicode line separators, bidi overrides and
# lone surrogates (undecodable bytes of a file name): all shown as escapes, never obeyed.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class CliError(Exception):
    """An error the CLI reports as one line and exit code 2 (bad input, no store...)."""


def safe(text: Any) -> str:
    """Text for the terminal: control characters escaped ('\\n', '\\x1b', '\\udcff')."""
    s = "" if text is None else str(text)

    def esc(m: re.Match) -> str:
        c = m.group(0)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
        )

    return _UNSAFE.sub(esc, s)


def safe_lines(text: str) -> str:
    """Multi-line text for the terminal: line breaks kept, every other control escaped."""
    return "\n".join(safe(line) for line in text.split("\n"))


def err(msg: str) -> None:
    print(f"tiegraph: {safe(msg)}", file=sys.stderr)


class SafeStream:
    """A text stream that escapes control characters in what is written to it, except the
    carriage-return + clear-line prefix of a progress line and bare line ends."""

    CLEAR = "\r\x1b[K"

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, s: str) -> int:
        if s in ("\n", ""):
            return self.stream.write(s)
        head = self.CLEAR if s.startswith(self.CLEAR) else ""
        return self.stream.write(head + safe(s[len(head) :]))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


# -- the store -------------------------------------------------------------------


def store_target(db: str | None) -> tuple[str, str]:
    """(target, how it was chosen): --db, else $TIEGRAPH_DB, else ./tiegraph.db."""
    if db:
        return db, "--db"
    if os.environ.get("TIEGRAPH_DB"):
        return os.environ["TIEGRAPH_DB"], "$TIEGRAPH_DB"
    return "tiegraph.db", "the default ./tiegraph.db"


def _is_url(target: str) -> bool:
    return "://" in target and not target.startswith("sqlite:")


def _sqlite_path(target: str) -> Path:
    return Path(target[len("sqlite:///") :] if target.startswith("sqlite:///") else target)


def open_store(db: str | None, create: bool = False) -> Any:
    """The store named by --db, $TIEGRAPH_DB or ./tiegraph.db.

    A read command (create=False) never creates a store: a missing SQLite file is an
    error naming the file and how to choose another. Any failure to open (not a
    database, a directory, unwritable, an unreachable server) is one CliError line."""
    from tiegraph.store import open_store as _open

    target, how = store_target(db)
    if not _is_url(target):
        path = _sqlite_path(target)
        if path.is_dir():
            raise CliError(f"store {target}: is a directory, not a database file")
        if not create and not path.exists():
            raise CliError(
                f"no store at {path} ({how}); create one with `tiegraph ingest PATH --db FILE`, "
                "then pass --db FILE or set TIEGRAPH_DB"
            )
    try:
        return _open(target)
    except Exception as exc:  # noqa: BLE001 - every driver's open failure becomes one line
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split()) or type(exc).__name__
        reason = re.sub(r"\s*\(Background on this error at: [^)]*\)", "", reason)
        if _is_url(target):
            target = re.sub(r"//[^@/]*@", "//", target)  # never print a password
        raise CliError(f"cannot open store {target}: {reason[:300]}") from exc


# -- output ------------------------------------------------------------------------


def flat(row: dict, prefix: str = "") -> dict:
    """Nested spans and lists -> flat CSV cells (evidence.start -> evidence_start)."""
    out: dict = {}
    for k, v in row.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flat(v, key + "_"))
        elif isinstance(v, list):
            out[key] = "+".join(
                json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else str(x) for x in v
            )
        else:
            out[key] = v
    return out


def write_csv(rows: list[dict], out: TextIO) -> None:
    flat_rows = [flat(r) for r in rows]
    fields = list(dict.fromkeys(k for r in flat_rows for k in r))
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(flat_rows)


def table(rows: list[dict], cols: list[str], widths: list[int]) -> str:
    head = "  ".join(f"{c:<{w}}" for c, w in zip(cols, widths, strict=True))
    lines = [head.rstrip(), "-" * len(head.rstrip())]
    for r in rows:
        cells = []
        for c, w in zip(cols, widths, strict=True):
            s = safe("" if r.get(c) is None else r.get(c))
            cells.append(f"{s[:w]:<{w}}")
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def wants_data(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False) or getattr(args, "csv", False))


def emit(
    rows: list[dict],
    args: argparse.Namespace,
    render: Any = None,
    data: Any = None,
    empty: str = "no rows",
) -> None:
    """--json (`data` if given, else the rows), --csv (the rows), else `render(rows)` or
    `empty`. `render` is a str -> table via (cols, widths) or a function of the rows."""
    if getattr(args, "json", False):
        print(json.dumps(rows if data is None else data, indent=2, ensure_ascii=False))
    elif getattr(args, "csv", False):
        write_csv(rows, sys.stdout)
    elif not rows:
        print(empty)
    elif callable(render):
        print(render(rows))
    else:
        cols, widths = render
        print(table(rows, cols, widths))
