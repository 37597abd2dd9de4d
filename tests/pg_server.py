"""A throw-away PostgreSQL server for the store tests, started once per test session.

The server runs from Debian's binaries (`make pg` installs postgresql-15) in a
temporary folder, listening on a Unix socket in that folder and on 127.0.0.1 at
a free port. `initdb` refuses root, so as root it runs as the `postgres` user.
It is stopped (and its folder removed) when the Python process exits. Tests
that need it call `pg_admin_url()`, which skips them with the reason when no
server can be had.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

_STATE: dict[str, object] = {}


def _bindir() -> Path | None:
    env = os.environ.get("TIEGRAPH_PG_BINDIR")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(found[0]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _start() -> str:
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found (run `make pg`)")
    root = Path(tempfile.mkdtemp(prefix="tgpg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    os.chmod(root, 0o755)
    run = dict(check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    subprocess.run(
        _as_postgres(
            [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
        ),
        **run,
    )
    port = _free_port()
    opts = (
        f"-k {root} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    subprocess.run(
        _as_postgres(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(root / "log"),
                "-w",
                "start",
            ]
        ),
        **run,
    )

    def stop() -> None:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql://postgres@/postgres?host={root}&port={port}"


def pg_admin_url() -> str:
    """URL of the session's server (its `postgres` database); skips the test if there is none."""
    if "url" not in _STATE and "error" not in _STATE:
        try:
            _STATE["url"] = _start()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            out = getattr(exc, "stdout", b"") or b""
            _STATE["error"] = f"{exc} {out.decode(errors='replace')[-500:]}".strip()
    if "error" in _STATE:
        pytest.skip(f"no PostgreSQL server for the store tests: {_STATE['error']}")
    return str(_STATE["url"])


def new_database() -> str:
    """A fresh empty database on the session's server; returns its URL."""
    import psycopg

    admin = pg_admin_url()
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(_conninfo(admin), autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return admin.replace("/postgres?", f"/{name}?")


def _conninfo(url: str) -> str:
    """postgresql://postgres@/db?host=H&port=P -> a libpq conninfo string."""
    from urllib.parse import parse_qs, urlparse

    u = urlparse(url)
    q = {k: v[0] for k, v in parse_qs(u.query).items()}
    return f"dbname={u.path.lstrip('/')} user={u.username} host={q['host']} port={q['port']}"
