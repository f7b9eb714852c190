"""A real uvicorn server on 127.0.0.1 over a store built from the example pages and the
hostile fixture, for the web tests (tests/test_web*.py)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from marsad.pipeline import store_into
from marsad.serve.web import create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "kazakhstan-2022"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
HOSTILE_ID = "hostile-xss-1"
TOKEN = "test-token-7f3a"


def build_store(db: str | Path) -> str | Path:
    run = store_into([EXAMPLES, HOSTILE], db, workers=1)
    assert run.added == 6 and not run.problems, run
    return db


@contextmanager
def serve(db: Path, **options: Any) -> Iterator[str]:
    """Serve `db` in a thread on a free loopback port; yields the base url. `options` go
    to `create_app` (default: token TOKEN, messages dropped)."""
    options = {"token": TOKEN, "say": lambda _: None, **options}
    app = create_app(db, **options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", h11_max_incomplete_event_size=256 * 1024)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
