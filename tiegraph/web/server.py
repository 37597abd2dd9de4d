"""Running the app: `tiegraph serve`, and a background server for tests and benchmarks.

The server binds to 127.0.0.1 unless told otherwise: the UI has no login, so
putting it on a network is a deliberate choice, and we say so on stderr.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from tiegraph.web.app import create_app

LOCAL_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True for localhost and any 127.0.0.0/8 or ::1 address."""
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def serve(
    db: str | Path | None, host: str = "127.0.0.1", port: int = 8000, reload: bool = False
) -> int:
    """Serve the API and UI over the store until interrupted."""
    if not is_loopback(host):
        print(
            f"tiegraph: warning: serving on {host}, reachable from other machines; "
            "the UI has no authentication",
            file=sys.stderr,
        )
    app = create_app(db)
    print(
        f"tiegraph: serving {app.state.store!r} at http://{host}:{port}/ (API docs at /docs)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    return 0


class BackgroundServer:
    """A real uvicorn server in a daemon thread on 127.0.0.1 (for tests and benchmarks)."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int | None = None):
        if not is_loopback(host):
            raise ValueError("the background server binds to a loopback address only")
        self.host, self.port = host, port or free_port(host)
        config = uvicorn.Config(app, host=self.host, port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
