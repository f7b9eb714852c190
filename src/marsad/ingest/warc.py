"""WARC archives (warcio): what `marsad watch` fetched, and pages read back from it.

`WarcArchive` writes every response as a `response` record; a page also gets a `metadata`
record (JSON, WARC-Concurrent-To the response) holding the document metadata the watch
gave it (outlet, feed title and date, discovery time). `read_warc` turns the pages of an
archive back into the same `Document`s, so `marsad analyze X.warc.gz` stores the same
articles as the watch that wrote it. A WARC file not written by marsad gives its HTML
responses (status 200), dated by their WARC-Date.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from marsad.ingest.fetch import Fetched
from marsad.ingest.web import HTML_TYPES, media_type, page_document
from marsad.records import Document, Problem

__all__ = ["WarcArchive", "read_warc"]

_META_TYPE = "application/vnd.marsad.page+json"


class WarcArchive:
    """Gzipped WARC files in a folder, one per poll (`start` ... `finish`); each record is
    flushed as written, so a killed watch leaves every record before the kill readable."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path: Path | None = None
        self._fh: IO[bytes] | None = None
        self._writer: Any = None

    def start(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / f"marsad-{stamp}-{os.getpid()}.warc.gz"
        self._fh = open(self.path, "ab")  # noqa: SIM115 (kept open across the poll)
        from warcio.warcwriter import WARCWriter

        self._writer = WARCWriter(self._fh, gzip=True)

    def finish(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = self._writer = None

    def response(self, fetched: Fetched, kind: str) -> None:
        """Archive a response (kind: feed, page, robots)."""
        if self._writer is None:
            self.start()
        from warcio.statusandheaders import StatusAndHeaders

        headers = [*fetched.headers, ("Content-Length", str(len(fetched.body)))]
        http = StatusAndHeaders(f"{fetched.status} {fetched.reason}".rstrip(), headers,
                                protocol=fetched.http_version)
        record = self._writer.create_warc_record(
            fetched.final_url, "response", payload=BytesIO(fetched.body),
            http_headers=http, warc_headers_dict={
                "WARC-Date": fetched.fetched, "X-Marsad-Kind": kind,
                **({"X-Marsad-Requested-URI": fetched.url}
                   if fetched.url != fetched.final_url else {})})
        self._writer.write_record(record)
        fetched.warc_id = record.rec_headers.get_header("WARC-Record-ID")
        self._flush()

    def page_meta(self, fetched: Fetched, meta: dict[str, str]) -> None:
        """The document metadata of an archived page."""
        if self._writer is None or fetched.warc_id is None:
            return
        record = self._writer.create_warc_record(
            fetched.final_url, "metadata",
            payload=BytesIO(json.dumps({"url": fetched.url, "meta": meta},
                                       ensure_ascii=False).encode()),
            warc_content_type=_META_TYPE,
            warc_headers_dict={"WARC-Concurrent-To": fetched.warc_id,
                               "WARC-Date": fetched.fetched})
        self._writer.write_record(record)
        self._flush()

    def _flush(self) -> None:
        assert self._fh is not None
        self._fh.flush()


def _records(path: Path) -> Iterator[Any]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        yield from ArchiveIterator(fh)


def read_warc(path: Path) -> Iterator[Document | Problem]:
    """The pages of a WARC file as Documents, in archive order; a page that cannot be used
    (not HTML, no readable encoding) is a Problem; a truncated archive gives the records
    before the break, then a Problem."""
    from warcio.exceptions import ArchiveLoadFailed

    metas: dict[str, dict[str, Any]] = {}
    ours = False
    broken: Exception | str | None = None
    cut: str | None = None  # the id of the first record cut short
    try:
        for record in _records(path):
            rid = record.rec_headers.get_header("WARC-Record-ID")
            if record.rec_headers.get_header("Content-Type") == _META_TYPE:
                ours = True
                data = record.raw_stream.read()
                if len(data) == record.length:
                    target = record.rec_headers.get_header("WARC-Concurrent-To")
                    metas[target] = json.loads(data)
                    continue
            else:
                head = record.http_headers.total_len if record.http_headers else 0
                if head + len(record.raw_stream.read()) == record.length:
                    continue
            cut, broken = rid, "a record cut short"
            break
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        broken = exc
    count = 0
    try:
        for record in _records(path):
            rid = record.rec_headers.get_header("WARC-Record-ID")
            if rid == cut:
                break
            if record.rec_type != "response" or record.http_headers is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            ctype = record.http_headers.get_header("Content-Type")
            if ours:
                if rid not in metas:
                    continue  # a feed, robots.txt, an error page
                url, meta = metas[rid]["url"], metas[rid]["meta"]
            else:
                status = record.http_headers.get_statuscode()
                if status != "200" or media_type(ctype) not in HTML_TYPES:
                    continue
                meta = {"url": url, "discovered": record.rec_headers.get_header("WARC-Date")}
            body = record.content_stream().read()
            count += 1
            doc, _ = page_document(url, body, ctype, meta)
            yield doc
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        broken = broken or exc
    if broken is not None:
        yield Problem(str(path), f"archive unreadable after {count} pages (truncated or "
                                 f"damaged: {broken})")
