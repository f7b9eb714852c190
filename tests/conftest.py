from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
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
    db: str | Path
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


def build_web_store(db: str | Path) -> str | Path:
    from marsad.pipeline import store_into

    run = store_into(WEB_INPUTS, db, workers=1)
    assert not run.problems, run.problems
    return db


@contextmanager
def serve(db: str | Path, log: Path, token: str = WEB_TOKEN, timeout: float = 60.0
          ) -> Iterator[Served]:
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
def web_store(stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> str | Path:
    """The example pages and the hostile article in a store of each engine (read by the
    browser tests)."""
    return build_web_store(stores.new(tmp_path_factory.mktemp("web-store"), "store"))


@pytest.fixture(scope="session")
def web_server(web_store: str | Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(web_store, tmp_path_factory.mktemp("web-log") / "serve.log") as served:
        yield served


# --- Both store engines: tests taking `engine` run on SQLite and on PostgreSQL. PostgreSQL
# is a throwaway server in a temporary folder (initdb and pg_ctl as the `postgres` user when
# run as root, which they refuse), or the server of MARSAD_TEST_PG (a URL whose user may
# create databases). Without PostgreSQL binaries the PostgreSQL variants skip, saying why,
# unless MARSAD_REQUIRE_PG=1 (CI), where they fail.

def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return versions[-1].parent if versions else None


def _no_pg(reason: str) -> None:
    if os.environ.get("MARSAD_REQUIRE_PG") == "1":
        pytest.fail(f"MARSAD_REQUIRE_PG=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server (no database part) on which tests create databases."""
    try:
        import psycopg
    except ImportError:
        _no_pg("psycopg is not installed (pip install 'psycopg[binary]')")
    given = os.environ.get("MARSAD_TEST_PG")
    if given:
        yield given.rstrip("/")
        with psycopg.connect(f"{given.rstrip('/')}/postgres", autocommit=True) as conn:
            for db in _made:  # the databases the tests made there
                conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        return
    bin_dir = _pg_bin()
    if bin_dir is None:
        _no_pg("no PostgreSQL server binaries (initdb) found: apt-get install postgresql "
               "postgresql-contrib, or set MARSAD_TEST_PG=postgresql://USER@HOST:PORT")
        return
    # Not under pytest's temporary folder, which only root may enter.
    home = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(home, "postgres")
    data, port = home / "data", free_port()
    log = home / "server.log"
    init = subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U",
                           "postgres", "--auth=trust", "--locale=C.UTF-8", "-E", "UTF8"],
                          capture_output=True, text=True)
    if init.returncode:
        _no_pg(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
    start = subprocess.run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
         "-o", f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off", "start"],
        capture_output=True, text=True)
    if start.returncode:
        text = log.read_text() if log.exists() else ""
        _no_pg(f"the PostgreSQL server did not start: {start.stderr.strip()} {text[-500:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


_databases = itertools.count(1)
_made: list[str] = []


def new_pg_database(server: str, name: str) -> str:
    """The URL of a new, empty database on `server`."""
    import psycopg

    db = f"t{next(_databases)}_{os.getpid()}_" + re.sub(r"\W", "_", name)[:40].lower()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')
    _made.append(db)
    return f"{server}/{db}"


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> str:
    """The store engine a test runs on."""
    if request.param == "postgres":
        request.getfixturevalue("pg_server")
    return str(request.param)


@dataclass(frozen=True)
class Stores:
    """New, empty stores of one engine: a file under a folder, or a PostgreSQL database."""

    engine: str
    server: str | None

    def new(self, folder: Path, name: str) -> str:
        if self.server is None:
            return str(folder / f"{name}.db")
        return new_pg_database(self.server, name)

    def copy(self, source: str, folder: Path, name: str) -> str:
        """A copy of the (closed) store `source`."""
        if self.server is None:
            return str(shutil.copy(source, folder / f"{name}.db"))
        import psycopg

        url = new_pg_database(self.server, name)
        db, template = url.rsplit("/", 1)[1], source.rsplit("/", 1)[1]
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{db}"')
            conn.execute(f'CREATE DATABASE "{db}" TEMPLATE "{template}"')
        return url


@pytest.fixture(scope="session")
def stores(engine: str, request: pytest.FixtureRequest) -> Stores:
    return Stores(engine, request.getfixturevalue("pg_server") if engine == "postgres"
                  else None)
