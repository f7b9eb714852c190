"""Polite, bounded HTTP GETs for `marsad watch` (httpx).

Per request: robots.txt of the host honoured (read once per host; one that cannot be read
allows everything), a delay between two requests to the same host, a timeout, retries
with exponential backoff on timeouts, connection errors, 429 and 5xx (never on other
4xx), redirects followed up to a limit, a cap on the body size. Every complete response,
robots.txt included, goes to `on_response` (the WARC archive).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from marsad import __version__

__all__ = ["USER_AGENT", "FetchError", "Fetched", "Fetcher"]

USER_AGENT = f"marsad/{__version__} (Arabic news observatory)"
# Hop-by-hop and encoding headers do not describe the body as kept (decoded, whole).
_DROP = {"content-encoding", "transfer-encoding", "content-length", "connection"}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class Fetched:
    """A complete response: the URL asked for, the one answered (after redirects)."""

    url: str
    final_url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]  # as received, less encoding and hop-by-hop headers
    body: bytes
    fetched: str  # UTC ISO datetime
    http_version: str = "HTTP/1.1"
    warc_id: str | None = field(default=None)  # set once archived

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


class FetchError(Exception):
    """Why a URL could not be fetched; `transient` ones are worth another try later."""

    def __init__(self, url: str, reason: str, *, transient: bool = False,
                 response: Fetched | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient
        self.response = response


class Fetcher:
    def __init__(self, *, timeout: float = 20.0, retries: int = 2, backoff: float = 1.0,
                 delay: float = 1.0, max_bytes: int = 5 * 1024 * 1024,
                 max_redirects: int = 5, robots: bool = True,
                 on_response: Callable[[Fetched, str], None] | None = None,
                 stop: threading.Event | None = None) -> None:
        self.retries = retries
        self.backoff = backoff
        self.delay = delay
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.robots = robots
        self.on_response = on_response
        self.stop = stop or threading.Event()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True,
            max_redirects=max_redirects, headers={"User-Agent": USER_AGENT})
        self._last: dict[str, float] = {}
        self._rules: dict[str, RobotFileParser | None] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, headers: dict[str, str] | None = None, kind: str = "page"
            ) -> Fetched:
        """The response to a GET of `url` (status below 400: 200, or 304 to a conditional
        request); FetchError otherwise."""
        if self.robots and not self._allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        return self._get(url, headers or {}, kind)

    def _get(self, url: str, headers: dict[str, str], kind: str) -> Fetched:
        attempt = 0
        while True:
            try:
                fetched = self._once(url, headers)
            except FetchError as exc:
                if not exc.transient or attempt >= self.retries or self.stop.is_set():
                    raise
            else:
                if self.on_response:
                    self.on_response(fetched, kind)
                status = fetched.status
                if status < 400:
                    return fetched
                transient = status >= 500 or status == 429
                if not transient or attempt >= self.retries or self.stop.is_set():
                    raise FetchError(url, f"HTTP {status} {fetched.reason}".rstrip(),
                                     transient=transient, response=fetched)
            time.sleep(self.backoff * 2 ** attempt)
            attempt += 1

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None and self.delay > 0:
            left = self.delay - (time.monotonic() - last)
            if left > 0:
                time.sleep(left)
        self._last[host] = time.monotonic()

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        self._wait(urlsplit(url).netloc.lower())
        fetched = _now()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                size = response.headers.get("content-length")
                if size and size.isdigit() and int(size) > self.max_bytes:
                    raise FetchError(url, f"page over the size cap ({size} bytes > "
                                          f"{self.max_bytes})")
                chunks: list[bytes] = []
                total = 0
                for chunk in response.iter_bytes():
                    total += len(chunk)
                    if total > self.max_bytes:
                        raise FetchError(url, f"page over the size cap (more than "
                                              f"{self.max_bytes} bytes)")
                    chunks.append(chunk)
                return Fetched(
                    url=url, final_url=str(response.url), status=response.status_code,
                    reason=response.reason_phrase,
                    headers=[(k, v) for k, v in response.headers.multi_items()
                             if k.lower() not in _DROP],
                    body=b"".join(chunks), fetched=fetched,
                    http_version=response.http_version)
        except httpx.TooManyRedirects:
            raise FetchError(url, f"redirect loop or more than {self.max_redirects} "
                                  "redirects") from None
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({type(exc).__name__})",
                             transient=True) from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection failed: {exc or type(exc).__name__}",
                             transient=True) from None
        except httpx.HTTPError as exc:  # a malformed URL or response
            raise FetchError(url, f"bad request or response: {exc}") from None

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}".lower()
        if host not in self._rules:
            self._rules[host] = self._read_robots(f"{host}/robots.txt")
        rules = self._rules[host]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def _read_robots(self, url: str) -> RobotFileParser | None:
        try:
            fetched = self._get(url, {}, "robots")
        except FetchError:
            return None  # no robots.txt (4xx) or none readable: nothing is forbidden
        parser = RobotFileParser(url)
        parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return parser
