"""The `marsad` command line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from marsad import __version__

if TYPE_CHECKING:
    from marsad.records import Problem
    from marsad.store import Store

__all__ = ["main"]

_DESCRIPTION = """\
marsad (مرصد) reads Arabic news from many outlets and turns it into a sourced account of
each event: clean dated articles, the people, places and organisations in them, a
timeline, the figures each outlet reports, who said what, and who copied whom."""

_ANALYZE_EPILOG = """\
inputs:
  .txt             a page copied as text, site chrome and all
  .html, .htm      a saved web page
  .jsonl[.gz]      one article per line: {"id", "text" or "html", "title", "source",
                   "url", "published", "author", "lead"}; a crawl date ("date_extracted",
                   "crawled_at", ...) is the discovery time, not the publication date
  .warc[.gz]       a web archive: the pages marsad watch archived (the same articles it
                   stored), or the HTML responses of any other WARC file
  folders          searched recursively for the formats above

Inputs that cannot be read are reported on stderr with the reason; the others are still
analysed and written. The exit status is 1 when any input failed.

limits (each also set by an environment variable; 0: no limit):
  --max-article-mb      MARSAD_MAX_ARTICLE_MB     20   a .txt/.html file, a record's text
  --max-line-mb         MARSAD_MAX_LINE_MB        64   one JSONL line
  --max-html-elements   MARSAD_MAX_HTML_ELEMENTS  100000  elements of one HTML page
  --article-seconds     MARSAD_ARTICLE_SECONDS    300  per-article stages; past it the
                                                      article keeps what was extracted
HTML nested 256 elements deep or more is refused (the HTML parser stops there).
An input beyond a limit is reported with its size and the limit; the rest goes on.

With --db, the articles are added to the store (an article stored before is skipped),
linked batch by batch to what it holds, and the dossier and report cover the stories
this run created or changed (the report shows the largest 150 when there are more; the
dossier holds all). `marsad export` writes any other slice of the store.

examples:
  marsad analyze examples/kazakhstan-2022 --out marsad-out
  marsad analyze feeds/ --db marsad.db --workers 2
  marsad analyze feeds/ --db postgresql://marsad@db.example/marsad
"""

_EXPORT_EPILOG = """\
A story is exported, whole, when one of its articles matches every filter given; with no
filter, the stories of the last 7 days stored (by publication day).

examples:
  marsad export --db marsad.db --out week
  marsad export --db marsad.db --since 2015-08-01 --until 2015-08-04 --outlet sabq --out aug
"""


def _analyze(args: argparse.Namespace) -> int:
    from marsad.extract.ner import TaggerError
    from marsad.limits import Limits, LimitsError
    from marsad.pipeline import analyze, store_into
    from marsad.store import StoreError, open_store

    def say(problem: object) -> None:
        print(f"marsad: {problem}", file=sys.stderr)

    try:
        limits = Limits.from_env(article_mb=args.max_article_mb, line_mb=args.max_line_mb,
                                 html_elements=args.max_html_elements,
                                 article_seconds=args.article_seconds)
    except LimitsError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2

    progress = sys.stderr.isatty()
    out = Path(args.out)
    try:
        if args.db is None:
            dossier = analyze(args.inputs, progress=progress, on_problem=say, ner=args.ner,
                              workers=args.workers, limits=limits)
            written = _write(dossier, out)
            counts = [_plural(len(dossier.articles), "article"),
                      _plural(len(dossier.stories), "story"),
                      _plural(len(dossier.entities), "entity")]
            failed = len(dossier.problems)
        else:
            run = store_into(args.inputs, args.db, progress=progress, on_problem=say,
                             ner=args.ner, workers=args.workers, batch=args.batch,
                             limits=limits)
            with open_store(args.db) as store:
                written = _write_stored(store, run.stories, out, run.problems)
                total = store.article_count()
            counts = [f"store {args.db}: {_plural(run.added, 'new article')} "
                      f"({run.seen - run.added} stored before), {total} in all; the dossier "
                      f"holds the {_plural(len(run.stories), 'story')} this run created or "
                      "changed"]
            failed = len(run.problems)
    except (StoreError, TaggerError) as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    if written is None:
        return 2
    if failed:  # a problem is a whole input or one line of a JSONL file
        counts.append(f"{_plural(failed, 'input')} not read (see above)")
    print(", ".join(counts) + written, file=sys.stderr)
    return 1 if failed else 0


def _write(dossier: object, out: Path) -> str | None:
    from marsad.records import Dossier
    from marsad.serve import write_dossier, write_report

    assert isinstance(dossier, Dossier)
    try:
        dossier_path = write_dossier(dossier, out / "dossier.json")
        report_path = write_report(dossier, out / "report.html")
    except OSError as exc:
        print(f"marsad: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return None
    return f"\ndossier: {dossier_path}\nreport:  {report_path}"


def _write_stored(store: Store, stories: list[str], out: Path,
                  problems: list[Problem] | None = None) -> str | None:
    """dossier.json and report.html of stored stories, streamed from the store."""
    from marsad.serve.stream import write_store_dossier, write_store_report

    try:
        dossier_path = write_store_dossier(store, stories, out / "dossier.json", problems)
        report_path, shown = write_store_report(store, stories, out / "report.html",
                                                problems)
    except OSError as exc:
        print(f"marsad: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return None
    note = (f" (the {shown} largest of {len(stories)} stories)" if shown < len(stories)
            else "")
    return f"\ndossier: {dossier_path}\nreport:  {report_path}{note}"


def _day(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number, 1 or more: {text!r}")
    return int(text)


def _export(args: argparse.Namespace) -> int:
    from marsad.pipeline import open_existing, selected_stories
    from marsad.store import Selection, StoreError

    if args.since and args.until and args.since > args.until:
        print(f"marsad: --since {args.since} is after --until {args.until}", file=sys.stderr)
        return 2
    selection = Selection(story=args.story, since=args.since, until=args.until,
                          outlet=args.outlet, entity=args.entity)
    try:
        with open_existing(args.db) as store:
            stories = selected_stories(store, selection)
            written = _write_stored(store, stories, Path(args.out))
    except StoreError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    if written is None:
        return 2
    print(_plural(len(stories), "story") + written, file=sys.stderr)
    return 0


_SERVE_EPILOG = """\
Pages (right to left Arabic; ?lang=en for English, remembered): / (latest stories),
/stories/ID, /entities/ID, /outlets/NAME, /articles/ID, /search?q=..., /feeds (the
feeds marsad watch follows, and their health); each also as JSON
under /api (schema at /openapi.json, described at /docs), Atom feeds (.../feed.atom),
CSV downloads (/search.csv, /stories/ID/claims.csv).

POST /api/articles adds articles (JSON object, array or JSONL in the input format of
marsad analyze) with "Authorization: Bearer TOKEN": TOKEN is $MARSAD_TOKEN, or the one
printed at the first start (kept hashed in the store). The store can be written by
marsad analyze while it is served.

examples:
  marsad analyze examples/kazakhstan-2022 --db marsad.db && marsad serve --db marsad.db
  MARSAD_TOKEN=secret marsad serve --db marsad.db --host 0.0.0.0 --port 8080
"""


def _serve(args: argparse.Namespace) -> int:
    from marsad.limits import Limits, LimitsError
    from marsad.store import StoreError

    try:
        Limits.from_env()  # the API reads them for each request: refuse bad ones now
    except LimitsError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2

    if not str(args.db).startswith(("sqlite:", "postgres")) and not Path(args.db).is_file():
        print(f"marsad: {args.db}: no such store (make one with marsad analyze ... --db "
              f"{args.db})", file=sys.stderr)
        return 2
    import uvicorn

    from marsad.serve.web import create_app

    try:
        app = create_app(args.db, token=os.environ.get("MARSAD_TOKEN") or None,
                         max_body=args.max_body * 1024 * 1024)
    except StoreError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"marsad: serving {args.db} at http://{host}:{args.port}/ (Ctrl-C stops)",
          file=sys.stderr)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                            h11_max_incomplete_event_size=256 * 1024)
    try:
        uvicorn.Server(config).run()
    except OSError as exc:
        print(f"marsad: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    return 0


_WATCH_EPILOG = """\
FILE lists the feeds: one URL a line, optionally followed by the outlet's name (blank lines
and # comments skipped), or an OPML file. RSS 0.9x, 1.0, 2.0 and Atom.

Each poll reads every feed (conditional GET), fetches the page of each item not seen
before (robots.txt honoured, a delay between requests to one host, retries on timeouts
and 5xx), archives every response to DIR/*.warc.gz, and adds the pages to the store batch
by batch, as marsad analyze --db does. Each article keeps its discovery time apart from
its publication date (the feed's, the page's metadata, or its text; never after the
discovery). Feeds and items that cannot be used are reported on stderr and recorded in
the store (see marsad feeds); the others are still read. Ctrl-C or SIGTERM finishes the
current batch and exits (status 0). With --once the status is 1 when a feed failed.

`marsad analyze DIR/*.warc.gz --db NEW.db` rebuilds the same articles from the archive.

examples:
  marsad watch --db marsad.db --feeds feeds.txt --once
  marsad watch --db marsad.db --feeds outlets.opml --every 15m --archive /data/warc
"""


def _watch(args: argparse.Namespace) -> int:
    import threading

    from marsad.ingest.feeds import read_feed_list
    from marsad.ingest.fetch import Fetcher
    from marsad.ingest.warc import WarcArchive
    from marsad.store import StoreBusy, StoreError, open_store
    from marsad.watch import Watcher, default_archive, stop_on_signals

    def say(problem: object) -> None:
        print(f"marsad: {problem}", file=sys.stderr)

    feeds, problems = read_feed_list(args.feeds)
    for p in problems:
        say(p)
    if not feeds:
        return 2
    stop = threading.Event()
    stop_on_signals(stop)
    archive = WarcArchive(args.archive or default_archive(args.db))
    failed = False
    try:
        with open_store(args.db) as store, Fetcher(
                timeout=args.timeout, delay=args.delay, max_bytes=args.max_size * 1024,
                retries=args.retries) as fetcher:
            watcher = Watcher(store, feeds, fetcher, archive, on_problem=say,
                              workers=args.workers, ner=args.ner, batch=args.batch,
                              stop=stop)
            while True:
                try:
                    s = watcher.poll()
                except StoreBusy as exc:
                    if args.once:
                        raise
                    print(f"marsad: {exc}; trying again at the next poll", file=sys.stderr)
                    if stop.wait(args.every):
                        break
                    continue
                failed = failed or s.failed > 0
                print(f"marsad: polled {_plural(s.feeds, 'feed')} ({s.read} read, "
                      f"{s.not_modified} not modified, {s.failed} failed): "
                      f"{_plural(s.new, 'new item')}, {s.stored} stored, "
                      f"{s.item_failures} not; {_plural(len(s.stories), 'story')} "
                      f"created or changed; {store.article_count()} articles in {args.db}"
                      + ("; stopped early" if s.interrupted else ""), file=sys.stderr)
                if args.once or stop.is_set() or stop.wait(args.every):
                    break
    except StoreError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    return 1 if args.once and failed else 0


def _feeds(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from marsad.pipeline import open_existing
    from marsad.store import StoreError
    from marsad.store.reads import feed_flags, items_per_day

    try:
        with open_existing(args.db) as store:
            found = store.feeds()
    except StoreError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    if not found:
        print(f"marsad: {args.db}: no feed polled yet (see marsad watch)", file=sys.stderr)
        return 0
    now = datetime.now(UTC)
    flagged = 0
    for f in found:
        rate = items_per_day(f)
        flags = feed_flags(f, now)
        flagged += bool(flags)
        print(f"{'!' if flags else ' '} {f.name or '-'}  {f.url}")
        per_day = f" ({rate:.1f} a day)" if rate is not None else ""
        print(f"    polls {f.polls}, last {f.last_poll or '-'}, last success "
              f"{f.last_success or 'never'}; new items {f.items}{per_day}, last "
              f"{f.last_item or 'never'}; failed items {f.item_errors}")
        if f.failures and f.last_error:
            print(f"    last error: {f.last_error}")
        if f.last_item_error:
            print(f"    last failed item: {f.last_item_error}")
        for flag in flags:
            print(f"    FLAG {flag}")
    print(f"{_plural(len(found), 'feed')}, {flagged} flagged", file=sys.stderr)
    return 0


def _duration(text: str) -> float:
    from marsad.watch import duration

    try:
        return duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _amount(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"not a number, 0 or more: {text!r}")
    return value


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"not a port (1-65535): {text!r}")
    return int(text)


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def build_parser() -> argparse.ArgumentParser:
    from marsad.extract.ner.cli import add_parser as add_ner
    from marsad.extract.times.cli import add_parser as add_times
    from marsad.pipeline import BATCH
    from marsad.spark.cli import add_parser as add_spark

    parser = argparse.ArgumentParser(
        prog="marsad", description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    analyze = sub.add_parser(
        "analyze", help="analyse news files into dossier.json and report.html",
        description="Analyse Arabic news files and folders into DIR/dossier.json and "
                    "DIR/report.html.",
        epilog=_ANALYZE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    analyze.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    analyze.add_argument("--out", default="marsad-out", metavar="DIR",
                         help="output folder (default: ./marsad-out)")
    analyze.add_argument("--db", metavar="PATH|URL",
                         help="store to add the articles to: a SQLite file, or a "
                              "PostgreSQL database (postgresql://USER@HOST/NAME, made if "
                              "missing; several runs may write it at once); the same article "
                              "is stored once, and the dossier covers the stories this run "
                              "created or changed")
    analyze.add_argument("--workers", type=_workers, default=os.cpu_count() or 1, metavar="N",
                         help="processes for the per-article stages (default: one per core, "
                              f"{os.cpu_count() or 1} here)")
    analyze.add_argument("--batch", type=_workers, default=BATCH, metavar="N",
                         help=f"with --db: articles per transaction (default: {BATCH}); a "
                              "killed run keeps its committed batches, a rerun adds the rest")
    analyze.add_argument("--ner", metavar="SPEC",
                         help="NER tagger: neural (the shipped neural model), a .crfsuite or "
                              ".npz file, a model folder, or transformers:DIR "
                              "(default: the shipped CRF)")
    analyze.add_argument("--max-article-mb", type=_amount, metavar="MB",
                         help="largest article: a .txt/.html file, a JSONL record's text or "
                              "html (default: 20, or $MARSAD_MAX_ARTICLE_MB; 0: no limit)")
    analyze.add_argument("--max-line-mb", type=_amount, metavar="MB",
                         help="longest JSONL line (default: 64, or $MARSAD_MAX_LINE_MB)")
    analyze.add_argument("--max-html-elements", type=_amount, metavar="N",
                         help="most elements in one HTML page (default: 100000, or "
                              "$MARSAD_MAX_HTML_ELEMENTS)")
    analyze.add_argument("--article-seconds", type=_amount, metavar="S",
                         help="time budget of one article's stages; past it the article is "
                              "kept with what was extracted and reported (default: 300, or "
                              "$MARSAD_ARTICLE_SECONDS; 0: none)")
    analyze.set_defaults(func=_analyze)

    export = sub.add_parser(
        "export", help="write dossier.json and report.html for a slice of a store",
        description="Write DIR/dossier.json and DIR/report.html for stories of a store.",
        epilog=_EXPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("--db", required=True, metavar="PATH|URL",
                        help="the store (a SQLite file or a postgresql:// URL)")
    export.add_argument("--story", metavar="ID", help="this story")
    export.add_argument("--since", type=_day, metavar="DATE",
                        help="stories with an article published on or after DATE")
    export.add_argument("--until", type=_day, metavar="DATE",
                        help="stories with an article published on or before DATE")
    export.add_argument("--outlet", metavar="NAME", help="stories with an article of NAME")
    export.add_argument("--entity", metavar="ID",
                        help="stories with an article mentioning entity ID")
    export.add_argument("--out", required=True, metavar="DIR", help="output folder")
    export.set_defaults(func=_export)

    serve = sub.add_parser(
        "serve", help="serve a store as a web app and HTTP API",
        description="Serve the store at PATH: web pages, JSON API, feeds and downloads.",
        epilog=_SERVE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--db", required=True, metavar="PATH|URL",
                       help="the store to serve (a SQLite file or a postgresql:// URL)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    serve.add_argument("--max-body", type=_workers, default=20, metavar="MB",
                       help="largest request body accepted, in MB (default: 20)")
    serve.set_defaults(func=_serve)

    watch = sub.add_parser(
        "watch", help="follow news feeds into a store, archiving every page",
        description="Poll the feeds listed in FILE, fetch each new item's page and add it to "
                    "the store at PATH.",
        epilog=_WATCH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    watch.add_argument("--db", required=True, metavar="PATH", help="the store (made if new)")
    watch.add_argument("--feeds", required=True, metavar="FILE",
                       help="feed list: URL [outlet name] a line, or OPML")
    watch.add_argument("--every", type=_duration, default=600.0, metavar="DURATION",
                       help="time between polls: 90s, 10m, 2h (default: 10m)")
    watch.add_argument("--once", action="store_true", help="poll every feed once and exit")
    watch.add_argument("--archive", metavar="DIR",
                       help="WARC folder (default: beside the store, STORE-archive/)")
    watch.add_argument("--delay", type=_seconds, default=1.0, metavar="SECONDS",
                       help="least time between two requests to one host (default: 1)")
    watch.add_argument("--timeout", type=_seconds, default=20.0, metavar="SECONDS",
                       help="per request (default: 20)")
    watch.add_argument("--retries", type=int, default=2, metavar="N",
                       help="retries after a timeout or 5xx, with backoff (default: 2)")
    watch.add_argument("--max-size", type=_workers, default=5120, metavar="KB",
                       help="largest page or feed read, in KB (default: 5120)")
    watch.add_argument("--workers", type=_workers, default=1, metavar="N",
                       help="processes for the per-article stages (default: 1)")
    watch.add_argument("--batch", type=_workers, default=BATCH, metavar="N",
                       help=f"articles per transaction (default: {BATCH})")
    watch.add_argument("--ner", metavar="SPEC", help="NER tagger, as for analyze")
    watch.set_defaults(func=_watch)

    feeds = sub.add_parser(
        "feeds", help="the health of the feeds a store follows",
        description="Print each feed polled into PATH: last poll, last success, last error, "
                    "items a day; flag (!) feeds failing repeatedly, silent, or far below "
                    "their usual volume.")
    feeds.add_argument("--db", required=True, metavar="PATH", help="the store")
    feeds.set_defaults(func=_feeds)

    add_spark(sub)
    add_times(sub)
    add_ner(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
