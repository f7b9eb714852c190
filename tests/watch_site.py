"""A news site served for real on 127.0.0.1 for the watch tests and bench: feeds (RSS 0.91,
1.0, 2.0, Atom) and article pages built from corpus records, plus the bad cases a
follower meets (404, a slow answer, a redirect loop, malformed XML, non-HTML, oversized,
Windows-1256 without a declared charset, 503 before success).

Routes are set per path; the server answers conditional GETs (ETag, Last-Modified) with
304 and counts the requests of each path.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import html
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ANT_SLICE = Path(__file__).parent / "fixtures" / "corpora" / "ant-slice.jsonl.gz"


def corpus(path: Path = ANT_SLICE) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering
    location: str | None = None  # a redirect
    fail_first: int = 0  # answer 503 to this many requests first
    validators: bool = True  # ETag and Last-Modified, and 304 to a matching request


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    conditional: Counter[str] = field(default_factory=Counter)  # requests with validators
    not_modified: Counter[str] = field(default_factory=Counter)  # 304s sent
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


_MODIFIED = email.utils.formatdate(1_500_000_000, usegmt=True)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path
            site.hits[path] += 1
            route = site.routes.get(path)
            if route is None:
                return self._send(404, b"not found", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            if site.hits[path] <= route.fail_first:
                return self._send(503, b"busy", "text/plain")
            if route.location is not None:
                return self._send(route.status, b"", "text/plain",
                                  [("Location", route.location)])
            extra: list[tuple[str, str]] = []
            if route.validators and route.status == 200:
                tag = _etag(route.body)
                extra = [("ETag", tag), ("Last-Modified", _MODIFIED)]
                asked = self.headers.get("If-None-Match")
                if asked or self.headers.get("If-Modified-Since"):
                    site.conditional[path] += 1
                if asked == tag:
                    site.not_modified[path] += 1
                    return self._send(304, b"", None, extra)
            self._send(route.status, route.body, route.content_type, extra)

        def _send(self, status: int, body: bytes, ctype: str | None,
                  extra: list[tuple[str, str]] | None = None) -> None:
            try:
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                for k, v in extra or []:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

    return Handler


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout tests) is no server error


def serve(site: Site, host: str = "127.0.0.1") -> Iterator[Site]:
    """Serve `site` on a free port of `host` until the generator is closed."""
    server = _Server((host, 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# --- Pages and feeds ------------------------------------------------------------------------

def page(record: dict[str, str], *, charset: str | None = "utf-8",
         encoding: str = "utf-8") -> bytes:
    """An article page in the usual shape: head metadata, site chrome, the article."""
    meta = f'<meta charset="{charset}">' if charset else ""
    published = record.get("published") or ""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n") if p)
    doc = (f"<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head>{meta}"
           f"<title>{html.escape(record['title'])}</title>"
           f'<meta property="article:published_time" content="{published}">'
           "</head><body><nav><a href=\"/\">الرئيسية</a> <a href=\"/world\">العالم</a></nav>"
           f"<article><h1>{html.escape(record['title'])}</h1>{paras}</article>"
           "<footer>جميع الحقوق محفوظة</footer></body></html>")
    return doc.encode(encoding)


def rss2(title: str, items: list[tuple[str, str, str | None]]) -> bytes:
    """items: (link, title, RFC 822 date or None)."""
    body = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<guid>{html.escape(link)}</guid>"
        + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>"
        for link, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(title)}</title><link>http://example.org/</link>"
            f"<description>x</description>{body}</channel></rss>").encode()


def rss091(title: str, items: list[tuple[str, str, str | None]]) -> bytes:
    body = "".join(f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
                   "</item>" for link, t, _ in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="0.91"><channel>'
            f"<title>{html.escape(title)}</title><link>http://example.org/</link>"
            f"<description>x</description><language>ar</language>{body}"
            "</channel></rss>").encode()


def rdf(title: str, items: list[tuple[str, str, str | None]]) -> bytes:
    """RSS 1.0, dates as dc:date (ISO 8601)."""
    seq = "".join(f'<rdf:li rdf:resource="{html.escape(link)}"/>' for link, _, _ in items)
    body = "".join(
        f'<item rdf:about="{html.escape(link)}"><title>{html.escape(t)}</title>'
        f"<link>{html.escape(link)}</link>" + (f"<dc:date>{d}</dc:date>" if d else "")
        + "</item>" for link, t, d in items)
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel rdf:about="http://example.org/"><title>{html.escape(title)}</title>'
            f"<link>http://example.org/</link><description>x</description>"
            f"<items><rdf:Seq>{seq}</rdf:Seq></items></channel>{body}</rdf:RDF>").encode()


def atom(title: str, items: list[tuple[str, str, str | None]]) -> bytes:
    """Atom, dates as RFC 3339."""
    body = "".join(
        f"<entry><title>{html.escape(t)}</title><link href=\"{html.escape(link)}\"/>"
        f"<id>{html.escape(link)}</id><updated>{d or '2018-01-01T00:00:00Z'}</updated>"
        "</entry>" for link, t, d in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{html.escape(title)}</title><id>urn:x</id>"
            f"<updated>2018-01-01T00:00:00Z</updated>{body}</feed>").encode()
