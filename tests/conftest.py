from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples" / "kazakhstan-2022"


@pytest.fixture
def example_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


# --- The web app served for real: a store built from the committed fixtures, `marsad serve`
# as a subprocess on a free loopback port (tests/test_web_browser.py, tests/test_web_schema.py).

WEB_INPUTS = (EXAMPLES, FIXTURES / "hostile")
WEB_TOKEN = "test-token-0123456789"


@dataclass(frozen=True)
class Served:
    url: str  # http://127.0.0.1:PORT, no trailing slash
    db: Path
    token: str
    log: Path  # the server's stdout and stderr


def marsad_command() -> list[str]:
    """The `marsad` console script of this interpreter (CI's venv), else the module's main."""
    script = Path(sys.executable).with_name("marsad")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from marsad.cli import main; sys.exit(main())"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_web_store(db: Path) -> Path:
    from marsad.pipeline import store_into

    run = store_into(WEB_INPUTS, db, workers=1)
    assert not run.problems, run.problems
    return db


@contextmanager
def serve(db: Path, log: Path, token: str = WEB_TOKEN, timeout: float = 60.0) -> Iterator[Served]:
    """Run `marsad serve --db DB` until the block ends; ready once GET / answers 200."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [*marsad_command(), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "MARSAD_TOKEN": token}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                pytest.fail(f"marsad serve exited with {proc.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"marsad serve did not answer on {url} in {timeout:.0f} s:\n"
                            f"{log.read_text()}")
            time.sleep(0.2)
        yield Served(url=url, db=db, token=token, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example pages and the hostile article in a store (read by the browser tests)."""
    return build_web_store(tmp_path_factory.mktemp("web-store") / "store.db")


@pytest.fixture(scope="session")
def web_server(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(web_store, tmp_path_factory.mktemp("web-log") / "serve.log") as served:
        yield served
