"""The FastAPI app: pages, their JSON twins under /api, feeds, downloads and writes.

Reads go through one read-only store handle per server thread, opened on first use, so
the app keeps serving while `marsad analyze` (or a POST) writes the same store: SQLite's
WAL lets readers read the last committed batch. Writes (POST /api/articles) take a lock,
open a writing handle and run the records through the same pipeline as `marsad analyze`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad import ingest
from marsad.extract.ner import Tagger, load_tagger
from marsad.records import Document, Problem
from marsad.serve.web import charts, i18n
from marsad.serve.web.feeds import FeedEntry, atom, csv_text
from marsad.serve.web.text import highlight, number, safe_url, show
from marsad.serve.web.views import (
    ClaimRow,
    FeedsPage,
    HomePage,
    StoryPage,
    citation_numbers,
    claim_rows,
    feeds_page,
    home_page,
    story_page,
)
from marsad.store import SearchQuery, SearchResult, Store, StoreError, open_store
from marsad.store.reads import MENTION_TYPES, ArticleView, EntityView, OutletView

__all__ = ["MAX_BODY", "MAX_QUERY", "PostProblem", "PostResult", "create_app"]

MAX_BODY = 20 * 1024 * 1024  # bytes of a request body
# Bytes of a query string: room for a 10,000-character Arabic query, percent-encoded.
MAX_QUERY = 128 * 1024
TOKEN_KEY = "web_token_sha256"  # Store.meta key of the API token's hash

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
_HEADERS = [(b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY")]

_T = TypeVar("_T")


class BadRequest(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(400, detail)


class NotFound(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(404, detail)


def _found(view: _T | None, what: str, key: str) -> _T:
    """A record the store found, or the 404 naming what was asked for."""
    if view is None:
        raise NotFound(f"no {what} {key[:80]!r}")
    return view


# Request limits and security headers ---------------------------------------------------

class _TooLarge(Exception):
    pass


class _Guard:
    """Pure ASGI middleware: security headers on every response, body and query limits."""

    def __init__(self, app: ASGIApp, max_body: int, max_query: int) -> None:
        self.app, self.max_body, self.max_query = app, max_body, max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        if len(scope.get("query_string", b"")) > self.max_query:
            await _plain(send_with_headers, 414,
                         f"query string longer than {self.max_query} bytes")
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send_with_headers, 413, f"body larger than {self.max_body} bytes")
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except _TooLarge:
            if not started:
                await _plain(send_with_headers, 413, f"body larger than {self.max_body} bytes")


async def _plain(send: Callable[[Message], Any], status: int, detail: str) -> None:
    body = JSONResponse({"detail": detail}).body
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# Store handles and writes ---------------------------------------------------------------

class _Readers:
    """One read-only store handle per thread, opened on first use."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.local = threading.local()

    def get(self) -> Store:
        store: Store | None = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.db, read_only=True)
            self.local.store = store
        return store


@dataclass(slots=True)
class PostProblem:
    record: int | None  # line of a JSONL body, or place (from 1) in a JSON array
    origin: str
    reason: str


@dataclass(slots=True)
class PostResult:
    added: int  # articles stored by this request
    seen: int  # articles read (stored before or not)
    stories: list[str]  # stories created or changed
    problems: list[PostProblem] = field(default_factory=list)
    detail: str | None = None


class _Writer:
    """POST /api/articles: one write at a time, through `pipeline.store_documents`."""

    def __init__(self, db: str, ner: str | Path | Tagger | None) -> None:
        self.db, self.ner = db, ner
        self.lock = threading.Lock()
        self.tagger: Tagger | None = None

    def write(self, body: bytes) -> PostResult:
        from marsad.pipeline import store_documents

        origin = f"api-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}.jsonl"
        docs: list[Document] = []
        problems: list[Problem] = []
        for item in ingest.read_records(body, origin):
            (docs if isinstance(item, Document) else problems).append(item)  # type: ignore[arg-type]
        result = PostResult(0, 0, [])
        if docs:
            with self.lock:
                if self.tagger is None:
                    self.tagger = (self.ner if isinstance(self.ner, Tagger)
                                   else load_tagger(self.ner))
                with open_store(self.db) as store:
                    run = store_documents(store, docs, ner=self.tagger)
            result = PostResult(run.added, run.seen, run.stories)
            problems += run.problems
        result.problems = sorted((_post_problem(p) for p in problems),
                                 key=lambda p: (p.record or 0, p.origin))
        if result.problems:
            result.detail = (f"{len(result.problems)} record(s) not used or kept with a "
                             f"problem; {result.added} article(s) stored")
        return result


def _post_problem(problem: Problem) -> PostProblem:
    _, _, tail = problem.origin.rpartition(":")
    return PostProblem(int(tail) if tail.isdigit() else None, problem.origin, problem.reason)


class _Auth:
    def __init__(self, digest: str) -> None:
        self.digest = digest

    def allows(self, header: str | None) -> bool:
        scheme, _, given = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return False
        return hmac.compare_digest(_hash(given.strip()), self.digest)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token_digest(db: str, token: str | None, say: Callable[[str], None]) -> str:
    """The hash of the API token: of `token`, else of MARSAD_TOKEN, else the one kept in
    the store, else of a new token, printed once and kept (hashed) in the store."""
    token = token or os.environ.get("MARSAD_TOKEN") or None
    if token:
        return _hash(token)
    with open_store(db) as store:
        kept = store.meta(TOKEN_KEY)
        if kept:
            say("POST /api/articles takes the token printed when this store was first "
                "served (or set MARSAD_TOKEN)")
            return kept
        new = secrets.token_urlsafe(32)
        store.set_meta(TOKEN_KEY, _hash(new))
    say(f"API token for POST /api/articles (shown once, kept hashed in the store): {new}")
    return _hash(new)


# Parameters --------------------------------------------------------------------------

def _day(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}: not a date (YYYY-MM-DD): {value[:40]!r}") from None


def _blank(value: str | None) -> str | None:
    return value if value else None


def _lang(request: Request) -> i18n.Lang:
    asked = request.query_params.get("lang")
    if asked in i18n.LANGS:
        return asked  # type: ignore[return-value]
    kept = request.cookies.get("lang")
    return kept if kept in i18n.LANGS else "ar"  # type: ignore[return-value]


Limit = Annotated[int, Query(ge=1, le=100, description="items per page")]
Q = Annotated[str, Query(description="free text; any string is accepted")]
Cursor = Annotated[str | None, Query(description="the `next` of the previous page")]


# The app -------------------------------------------------------------------------------

def create_app(db: str | Path, token: str | None = None, *, max_body: int = MAX_BODY,
               max_query: int = MAX_QUERY, ner: str | Path | Tagger | None = None,
               say: Callable[[str], None] | None = None) -> FastAPI:
    """The web app over the store at `db` (which must exist: StoreError otherwise; a store
    of an older schema is upgraded first).

    `token`: the bearer token of POST /api/articles (default: MARSAD_TOKEN, else the one
    generated at the first start and kept hashed in the store); `say` receives the messages
    for the operator (default: stderr). `ner`: the tagger for posted articles."""
    db = str(db)
    tell = say or (lambda text: print(f"marsad: {text}", file=sys.stderr))
    try:
        open_store(db, read_only=True).close()  # a missing or unreadable store fails here
    except StoreError:
        if not Path(db).is_file():
            raise
        open_store(db).close()  # an older store is upgraded in place, as analyze does
    auth = _Auth(_token_digest(db, token, tell))
    readers, writer = _Readers(db), _Writer(db, ner)

    app = FastAPI(title="marsad", version=_version(),
                  description="Arabic news observatory: stories, entities, outlets, articles "
                              "and search of a marsad store.",
                  docs_url=None, redoc_url=None)
    app.add_middleware(_Guard, max_body=max_body, max_query=max_query)
    static = resources.files("marsad.serve.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    env = Environment(loader=PackageLoader("marsad.serve.web", "templates"), autoescape=True,
                      finalize=show, trim_blocks=True, lstrip_blocks=True)
    env.filters["u"] = lambda v: quote(str(v), safe="")
    env.filters["url"] = safe_url
    env.filters["num"] = number
    env.globals.update(bars=charts.bars, timeline_chart=charts.timeline, highlight=highlight,
                       citation_numbers=citation_numbers, MENTION_TYPES=MENTION_TYPES)
    templates = Jinja2Templates(env=env)

    def store() -> Store:
        return readers.get()

    def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        lang = _lang(request)
        other = "en" if lang == "ar" else "ar"
        params = dict(request.query_params)
        params["lang"] = other
        t, count = i18n.translator(lang)
        response = templates.TemplateResponse(request, name, {
            "lang": lang, "dir": i18n.direction(lang), "rtl": lang == "ar", "t": t,
            "count": count, "switch_href": f"{request.url.path}?{urlencode(params)}",
            "other_lang": other, "qs": _query_string, **context}, status_code=status)
        if request.query_params.get("lang") == lang:
            response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax",
                                httponly=True)
        return response

    def wants_json(request: Request) -> bool:
        path = request.url.path
        return path.startswith("/api/") or path == "/api" or path.endswith((".csv", ".atom"))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = str(exc.detail)
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=exc.status_code,
                                headers=exc.headers)
        return render(request, "error.html", exc.status_code, code=exc.status_code,
                      detail=detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
                  for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        return render(request, "error.html", 422, code=422, detail="; ".join(errors))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        detail = f"the store cannot be read: {exc}"
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=503)
        return render(request, "error.html", 503, code=503, detail=detail)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # The server logs the traceback; the reader gets a page, not a stack. This response
        # is sent outside the middleware, so it carries the security headers itself.
        if wants_json(request):
            response: Response = JSONResponse({"detail": "internal error"}, status_code=500)
        else:
            response = render(request, "error.html", 500, code=500, detail="internal error")
        for name, value in _HEADERS:
            response.headers[name.decode()] = value.decode()
        return response

    # Home and story lists -----------------------------------------------------------

    def home(day: str | None, outlet: str | None, cursor: str | None, limit: int
             ) -> HomePage:
        try:
            return home_page(store(), day=_day("day", day), outlet=_blank(outlet),
                             cursor=_blank(cursor), limit=limit)
        except ValueError as exc:  # what the store raises for a cursor it did not make
            raise BadRequest(f"cursor: {exc}") from None

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home_html(request: Request, day: str | None = None, outlet: str | None = None,
                  cursor: Cursor = None, limit: Limit = 20) -> Response:
        return render(request, "home.html", page=home(day, outlet, cursor, limit))

    @app.get("/api/stories", response_model=HomePage, tags=["stories"],
             summary="Stories, latest first, with a `next` cursor")
    @app.get("/api", response_model=HomePage, include_in_schema=False)
    def home_api(day: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
                 outlet: str | None = None, cursor: Cursor = None,
                 limit: Limit = 20) -> HomePage:
        return home(day, outlet, cursor, limit)

    # Stories ----------------------------------------------------------------------------

    def story(story_id: str) -> StoryPage:
        return _found(story_page(store(), story_id), "story", story_id)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_html(request: Request, story_id: str) -> Response:
        return render(request, "story.html", page=story(story_id))

    @app.get("/api/stories/{story_id}", response_model=StoryPage, tags=["stories"],
             responses={404: {"description": "no such story"}})
    def story_api(story_id: str) -> StoryPage:
        return story(story_id)

    @app.get("/api/stories/{story_id}/claims", response_model=list[ClaimRow],
             tags=["stories"], summary="A story's claims, one row per value")
    def claims_api(story_id: str) -> list[ClaimRow]:
        return claim_rows(story(story_id))

    @app.get("/stories/{story_id}/claims.csv", tags=["downloads"],
             response_class=Response, summary="A story's claims as CSV")
    def claims_csv(story_id: str) -> Response:
        rows = claim_rows(story(story_id))
        return _csv(csv_text(rows, ClaimRow), f"{story_id}-claims.csv")

    @app.get("/stories/{story_id}/feed.atom", tags=["feeds"], response_class=Response,
             summary="Atom feed of a story's articles")
    def story_feed(request: Request, story_id: str) -> Response:
        page = story(story_id)
        base = str(request.base_url).rstrip("/")
        entries = [FeedEntry(f"{base}/articles/{quote(a.id, safe='')}", a.title or a.id,
                             a.published, a.outlet or "", a.outlet)
                   for a in sorted(page.articles, key=lambda a: a.published or "",
                                   reverse=True)]
        return _atom(atom(f"{base}/stories/{quote(story_id, safe='')}/feed.atom",
                          page.story.title, _lang(request), entries))

    # Entities ---------------------------------------------------------------------------

    def entity(entity_id: str) -> EntityView:
        return _found(store().entity_view(entity_id), "entity", entity_id)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_html(request: Request, entity_id: str) -> Response:
        return render(request, "entity.html", view=entity(entity_id))

    @app.get("/api/entities/{entity_id}", response_model=EntityView, tags=["entities"],
             responses={404: {"description": "no such entity"}})
    def entity_api(entity_id: str) -> EntityView:
        return entity(entity_id)

    @app.get("/entities/{entity_id}/feed.atom", tags=["feeds"], response_class=Response,
             summary="Atom feed of the stories an entity is in")
    def entity_feed(request: Request, entity_id: str) -> Response:
        view = entity(entity_id)
        base = str(request.base_url).rstrip("/")
        entries = [FeedEntry(f"{base}/stories/{quote(s.id, safe='')}", s.title, s.updated,
                             f"{s.articles} / {s.outlets}")
                   for s in view.stories]
        return _atom(atom(f"{base}/entities/{quote(view.entity.id, safe='')}/feed.atom",
                          view.entity.name, _lang(request), entries))

    # Outlets and articles ---------------------------------------------------------------

    def outlet(name: str) -> OutletView:
        return _found(store().outlet_view(name), "outlet", name)

    @app.get("/outlets/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_html(request: Request, name: str) -> Response:
        return render(request, "outlet.html", view=outlet(name))

    @app.get("/api/outlets/{name:path}", response_model=OutletView, tags=["outlets"],
             responses={404: {"description": "no such outlet"}})
    def outlet_api(name: str) -> OutletView:
        return outlet(name)

    def article(article_id: str) -> ArticleView:
        return _found(store().article_view(article_id), "article", article_id)

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse,
             include_in_schema=False)
    def article_html(request: Request, article_id: str) -> Response:
        return render(request, "article.html", view=article(article_id))

    @app.get("/api/articles/{article_id:path}", response_model=ArticleView,
             tags=["articles"], responses={404: {"description": "no such article"}})
    def article_api(article_id: str) -> ArticleView:
        return article(article_id)

    # Feeds followed (marsad watch) -----------------------------------------------------

    @app.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_html(request: Request) -> Response:
        return render(request, "feeds.html", view=feeds_page(store(), datetime.now(UTC)))

    @app.get("/api/feeds", response_model=FeedsPage, tags=["watch"],
             summary="The feeds followed, their health and flags")
    def feeds_api() -> FeedsPage:
        return feeds_page(store(), datetime.now(UTC))

    # Search -----------------------------------------------------------------------------

    def search(q: str, outlet: str | None, since: str | None, until: str | None,
               entity: str | None, story: str | None, type: str | None,
               cursor: str | None, limit: int) -> tuple[SearchQuery, SearchResult]:
        first, last = _day("since", since), _day("until", until)
        if first and last and first > last:
            raise BadRequest(f"since {first} is after until {last}")
        kind = (type or "").strip().upper() or None
        if kind is not None and kind not in MENTION_TYPES:
            raise BadRequest(f"type: one of {', '.join(MENTION_TYPES)}, not {(type or '')[:20]!r}")
        query = SearchQuery(q=q, outlet=_blank(outlet), since=first, until=last,
                            entity=_blank(entity), story=_blank(story), type=kind,
                            limit=limit, cursor=_blank(cursor))
        try:
            return query, store().search(query)
        except ValueError as exc:
            raise BadRequest(str(exc)) from None

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_html(request: Request, q: Q = "", outlet: str | None = None,
                    since: str | None = None, until: str | None = None,
                    entity: str | None = None, story: str | None = None,
                    type: str | None = None, cursor: Cursor = None,
                    limit: Limit = 20) -> Response:
        query, result = search(q, outlet, since, until, entity, story, type, cursor, limit)
        return render(request, "search.html", query=query, result=result, q=q)

    @app.get("/api/search", response_model=SearchResult, tags=["search"],
             summary="Full-text search with facets and a `next` cursor")
    def search_api(q: Q = "", outlet: str | None = None, since: str | None = None,
                   until: str | None = None, entity: str | None = None,
                   story: str | None = None,
                   type: Annotated[str | None, Query(description="PER, LOC, ORG or MISC")]
                   = None,
                   cursor: Cursor = None, limit: Limit = 20) -> SearchResult:
        return search(q, outlet, since, until, entity, story, type, cursor, limit)[1]

    @app.get("/search.csv", tags=["downloads"], response_class=Response,
             summary="Search results as CSV (one page: `limit` up to 1000, `cursor`)")
    def search_csv(q: Q = "", outlet: str | None = None, since: str | None = None,
                   until: str | None = None, entity: str | None = None,
                   story: str | None = None, type: str | None = None,
                   cursor: Cursor = None,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> Response:
        _, result = search(q, outlet, since, until, entity, story, type, cursor, limit)
        rows = [SearchRow(h.article, h.title, h.outlet, h.published, h.story, h.score,
                          "".join(text for text, _ in h.snippet)) for h in result.hits]
        return _csv(csv_text(rows, SearchRow), "search.csv")

    @app.get("/search/feed.atom", tags=["feeds"], response_class=Response,
             summary="Atom feed of a search")
    def search_feed(request: Request, q: Q = "", outlet: str | None = None,
                    since: str | None = None, until: str | None = None,
                    entity: str | None = None, story: str | None = None,
                    type: str | None = None) -> Response:
        _, result = search(q, outlet, since, until, entity, story, type, None, 50)
        base = str(request.base_url).rstrip("/")
        entries = [FeedEntry(f"{base}/articles/{quote(h.article, safe='')}",
                             h.title or h.article, h.published,
                             "".join(text for text, _ in h.snippet), h.outlet)
                   for h in result.hits]
        self_url = f"{base}/search/feed.atom?{request.url.query}"
        return _atom(atom(self_url, f"marsad: {q}", _lang(request), entries))

    # Writes -----------------------------------------------------------------------------

    @app.post("/api/articles", response_model=PostResult, tags=["articles"],
              summary="Add articles (bearer token)",
              description="A JSON object, a JSON array of objects, or JSONL, each record in "
                          "the input format of `marsad analyze` (`id`, `text` or `html`, "
                          "`title`, `source`, `url`, `published`, `author`, `lead`). "
                          "200: all stored; 422: the records named in `problems` (by line "
                          "or place from 1) were not used, the others were stored.",
              responses={401: {"description": "missing or wrong token; nothing stored"},
                         413: {"description": "body too large"},
                         422: {"model": PostResult,
                               "description": "some records bad; the good ones stored"}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"oneOf": [
                      {"$ref": "#/components/schemas/ArticleInput"},
                      {"type": "array",
                       "items": {"$ref": "#/components/schemas/ArticleInput"}}]}},
                  "application/x-ndjson": {"schema": {"type": "string"}}}}})
    async def post_articles(request: Request) -> Response:
        if not auth.allows(request.headers.get("authorization")):
            return JSONResponse({"detail": "a bearer token is needed (Authorization: Bearer "
                                           "TOKEN); nothing was stored"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        body = await request.body()
        try:
            result = await run_in_threadpool(writer.write, body)
        except StoreError as exc:  # e.g. StoreBusy: locked by a long run of analyze
            return JSONResponse({"detail": f"the store cannot be written now: {exc}; "
                                           "nothing of this request was stored past the "
                                           "last whole batch, send it again"},
                                status_code=503, headers={"Retry-After": "30"})
        return JSONResponse(jsonable_encoder(result),
                            status_code=422 if result.problems else 200)

    # API documentation, without script --------------------------------------------------

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Response:
        schema = app.openapi()
        operations = [(method.upper(), path, op) for path, item in schema["paths"].items()
                      for method, op in item.items()]
        return render(request, "docs.html", operations=operations, schema=schema)

    _document_input(app)
    return app


@dataclass(slots=True)
class SearchRow:
    article: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    score: float
    snippet: str


def _query_string(**params: object) -> str:
    """`?a=1&b=2` of the params that have a value."""
    kept = {k: str(v) for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


def _csv(text: str, filename: str) -> Response:
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in filename)
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{safe}"'})


def _atom(data: bytes) -> Response:
    return Response(data, media_type="application/atom+xml; charset=utf-8")


def _version() -> str:
    from marsad import __version__

    return __version__


def _document_input(app: FastAPI) -> None:
    """Complete the OpenAPI document: the schema of a posted record (the body is read raw)
    and the error responses every operation can give (400, 404, 413, 414, 503)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        text = {"type": "string"}
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ArticleInput"] = {
            "type": "object", "title": "ArticleInput",
            "description": "One article in the JSONL input format of `marsad analyze`; "
                           "`text`, `html` or `title` must hold content.",
            "properties": {k: text for k in ("id", "text", "html", "title", "source", "url",
                                             "published", "author", "lead")},
            "additionalProperties": True}
        schemas["Error"] = {"type": "object", "title": "Error", "required": ["detail"],
                            "properties": {"detail": {}}}
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, item in schema["paths"].items():
            for method, op in item.items():
                names = {p["name"] for p in op.get("parameters", [])}
                extra = {414: "query string too long"}
                if "{" in path:
                    extra[404] = "no such id"
                if names & {"cursor", "day", "since", "until", "type"}:
                    extra[400] = "a bad date, type or cursor (the detail says which)"
                if method == "post":
                    extra |= {413: "body too large", 503: "the store cannot be written now"}
                for suffix, media in ((".csv", "text/csv"), (".atom", "application/atom+xml")):
                    if path.endswith(suffix):
                        op["responses"]["200"]["content"] = {media: {"schema": text}}
                for code, why in extra.items():
                    op["responses"].setdefault(str(code), {"description": why,
                                                           "content": error})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
