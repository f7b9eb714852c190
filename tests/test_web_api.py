"""The JSON API over a real server: lists and cursors, the OpenAPI document, writes with a
bearer token (401, 200, 422 with the good records stored), size limits, any query string
without a server error, and serving while another process writes the store."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import Stores
from marsad.pipeline import store_into
from marsad.serve.web.app import TOKEN_KEY
from marsad.store import open_store
from web_server import HOSTILE_ID, ROOT, TOKEN, build_store, serve

MAX_BODY = 256 * 1024
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HELD_OUT = ("2015-07-31", "2015-08-06", "2015-08-10", "2015-08-11")


@pytest.fixture(scope="module")
def db(stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(stores.new(tmp_path_factory.mktemp("api"), "api"))


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[httpx.Client]:
    with serve(db, max_body=MAX_BODY) as url, httpx.Client(base_url=url, timeout=120) as c:
        yield c


def snn_records(n: int, skip: int = 0) -> list[dict[str, Any]]:
    """Real SaudiNewsNet records of the committed slice, development days only."""
    path = ROOT / "tests" / "fixtures" / "corpora" / "snn-slice.jsonl.gz"
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    records = [json.loads(line) for line in lines]
    usable = [r for r in records if r.get("date_extracted", "")[:10] not in HELD_OUT]
    return usable[skip:skip + n]


def test_story_list_is_paged_by_cursor(client: httpx.Client) -> None:
    whole = client.get("/api/stories", params={"limit": 100}).json()
    assert whole["total"] == len(whole["stories"]) >= 2 and whole["next"] is None
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 1}
    while True:
        r = client.get("/api/stories", params=params)
        assert r.status_code == 200
        data = r.json()
        seen += [card["story"]["id"] for card in data["stories"]]
        if data["next"] is None:
            break
        params["cursor"] = data["next"]
    assert seen == [card["story"]["id"] for card in whole["stories"]]
    assert {type(card["breaking"]) for card in whole["stories"]} == {bool}


@pytest.mark.parametrize(("params", "status", "says"), [
    ({"cursor": "not-a-cursor"}, 400, "cursor"),
    ({"day": "2022-02-30"}, 400, "not a date"),
    ({"day": "yesterday"}, 400, "not a date"),
    ({"limit": "0"}, 422, "limit"),
    ({"limit": "many"}, 422, "limit"),
])
def test_bad_parameters_are_client_errors(client: httpx.Client, params: dict[str, str],
                                          status: int, says: str) -> None:
    r = client.get("/api/stories", params=params)
    assert r.status_code == status
    assert says in json.dumps(r.json())
    page = client.get("/", params=params)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("params", [{"since": "2022-01-10", "until": "2022-01-01"},
                                    {"since": "soon"}, {"type": "ANIMAL"}])
def test_bad_search_filters_are_400(client: httpx.Client, params: dict[str, str]) -> None:
    r = client.get("/api/search", params={"q": "كازاخستان", **params})
    assert r.status_code == 400 and r.json()["detail"]


def test_openapi_document_and_docs(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/entities/{entity_id}",
                 "/api/outlets/{name}", "/api/articles/{article_id}", "/api/search",
                 "/api/stories/{story_id}/claims"):
        assert "get" in paths[path], path
    assert "post" in paths["/api/articles"]
    names = schema["components"]["schemas"]
    assert {"StoryPage", "HomePage", "EntityView", "OutletView", "ArticleView",
            "SearchResult", "ArticleInput", "PostResult"} <= set(names)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text and "<script" not in docs.text


def test_json_twins_match_the_pages(client: httpx.Client) -> None:
    home = client.get("/api/stories").json()
    sid = home["stories"][0]["story"]["id"]
    story = client.get(f"/api/stories/{sid}").json()
    assert story["story"]["id"] == sid and story["articles"]
    aid = story["articles"][0]["id"]
    article = client.get(f"/api/articles/{aid}").json()
    assert article["article"]["id"] == aid and article["story"]["id"] == sid
    assert client.get("/api").json() == home


def _post(client: httpx.Client, body: str | bytes, headers: dict[str, str] | None = None,
          ) -> httpx.Response:
    return client.post("/api/articles", content=body,
                       headers={"Content-Type": "application/x-ndjson", **(headers or {})})


def test_writes_need_the_token(client: httpx.Client) -> None:
    record = snn_records(1)[0] | {"id": "web-unauthorised"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                    {"Authorization": "Basic " + TOKEN}):
        r = _post(client, json.dumps(record), headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/articles/web-unauthorised").status_code == 404


def test_mixed_jsonl_stores_the_good_records_and_names_the_bad(client: httpx.Client) -> None:
    good = snn_records(2, skip=1)
    before = client.get("/api/stories").json()["total"]
    lines = [json.dumps(good[0] | {"id": "web-good-1"}, ensure_ascii=False),
             '{"id": "broken", "text": ',
             json.dumps({"id": "web-empty", "title": "  "}),
             "",
             json.dumps(good[1] | {"id": "web-good-2"}, ensure_ascii=False)]
    r = _post(client, "\n".join(lines).encode(), AUTH)
    assert r.status_code == 422, r.text
    data = r.json()
    assert [(p["record"], p["reason"][:14]) for p in data["problems"]] == [
        (2, "malformed JSON"), (3, "no 'text', 'ht")]
    assert data["added"] == 2 and data["stories"]
    for aid in ("web-good-1", "web-good-2"):
        view = client.get(f"/api/articles/{aid}")
        assert view.status_code == 200
        assert view.json()["article"]["title"] == good[int(aid[-1]) - 1]["title"].strip()
    assert client.get("/api/articles/web-empty").status_code == 404
    assert client.get("/api/stories").json()["total"] > before
    page = client.get("/articles/web-good-1")
    assert page.status_code == 200 and "api-" in page.text  # its origin: the request


def test_json_array_and_object_bodies(client: httpx.Client) -> None:
    record = snn_records(1, skip=3)[0] | {"id": "web-array-1"}
    r = client.post("/api/articles", json=[record, 5, {"text": ""}], headers=AUTH)
    assert r.status_code == 422
    assert [p["record"] for p in r.json()["problems"]] == [2, 3]
    assert r.json()["added"] == 1
    again = client.post("/api/articles", json=record, headers=AUTH)
    assert again.status_code == 200
    assert again.json() | {"stories": []} == {"added": 0, "seen": 1, "stories": [],
                                              "problems": [], "detail": None}
    for body in (b"", b"[]", b"   ", b"\xff\xfe\x00garbage"):
        bad = client.post("/api/articles", content=body, headers=AUTH)
        assert bad.status_code == 422 and bad.json()["problems"], body


def test_bodies_over_the_limit_are_413(client: httpx.Client) -> None:
    record = {"id": "web-huge", "title": "كبير", "text": "كلمة " * (MAX_BODY // 4)}
    body = json.dumps(record, ensure_ascii=False).encode()
    assert len(body) > MAX_BODY
    r = client.post("/api/articles", content=body, headers=AUTH)
    assert r.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for lo in range(0, len(body), 16384):
            yield body[lo:lo + 16384]

    r = client.post("/api/articles", content=chunks(), headers=AUTH)
    assert r.status_code == 413
    assert client.get("/api/articles/web-huge").status_code == 404


QUERIES = ['"', '""', "(", ")", "((ألماتي", 'ألماتي"', "AND", "OR NOT", "NEAR(a b)", "*",
           "ألما*", "-", "^", ":", "title:x", "a:b:c", "'; DROP TABLE articles; --", "\\",
           "%", "_", "\x00", "\u202eعكس", "😀", "  ", "ـــ", "ٱ", "كازاخستان" * 3,
           "{}[]<>", "<script>alert(1)</script>", "1e309", "NULL",
           "ألماتي " * 1400, "س" * 10000]


@pytest.mark.parametrize("q", QUERIES, ids=range(len(QUERIES)))
def test_any_query_gets_results_or_a_message(client: httpx.Client, q: str) -> None:
    for path in ("/search", "/api/search", "/search.csv", "/search/feed.atom"):
        r = client.get(path, params={"q": q})
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
    data = client.get("/api/search", params={"q": q, "limit": 5}).json()
    assert data["hits"] or data["message"] or data["total"] == 0
    if data["next"]:
        more = client.get("/api/search", params={"q": q, "limit": 5, "cursor": data["next"]})
        assert more.status_code == 200


def test_search_cursor_and_filters_never_500(client: httpx.Client) -> None:
    for params in ({"q": "كازاخستان", "cursor": "garbage"}, {"q": "x", "entity": "per-none"},
                   {"q": "x", "story": "' OR 1=1"}, {"q": "x", "outlet": "\x00"},
                   {"q": "كازاخستان", "type": "per"}, {"q": "x", "limit": "100"}):
        r = client.get("/api/search", params=params)
        assert r.status_code in (200, 400), (params, r.status_code)
        assert client.get("/search", params=params).status_code == r.status_code


def test_query_strings_over_the_limit_are_414(client: httpx.Client) -> None:
    # httpx refuses such a url itself: sent with the standard library instead.
    conn = http.client.HTTPConnection(client.base_url.host, client.base_url.port, timeout=60)
    conn.request("GET", "/api/search?q=" + "x" * (200 * 1024))
    r = conn.getresponse()
    assert r.status == 414 and b"query string" in r.read()
    conn.close()


@pytest.mark.parametrize("path", ["/articles/%00", "/articles/..%2F..%2Fetc%2Fpasswd",
                                  "/articles/../../etc/passwd", "/entities/' OR 1=1 --",
                                  "/stories/%E2%80%AE", "/outlets/%00%ff",
                                  "/api/articles/%00", "/static/../pyproject.toml",
                                  "/stories/" + "x" * 5000])
def test_strange_ids_are_404(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "[tool.ruff]" not in r.text


def test_hostile_article_json_is_raw_data(client: httpx.Client) -> None:
    view = client.get(f"/api/articles/{HOSTILE_ID}").json()
    assert "<script>" in view["article"]["title"] and view["article"]["url"].startswith(
        "javascript:")


def test_serving_while_another_process_writes(client: httpx.Client, db: str,
                                              tmp_path: Path) -> None:
    records = snn_records(12, skip=6)
    feed = tmp_path / "more.jsonl"
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    sid = client.get("/api/stories").json()["stories"][0]["story"]["id"]
    paths = ["/", "/api/stories", f"/stories/{sid}", "/search?q=كازاخستان",
             f"/articles/{HOSTILE_ID}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    writer = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "analyze", str(feed), "--db", str(db),
         "--workers", "1", "--batch", "2"], env=env, stderr=subprocess.PIPE, text=True)
    statuses: list[int] = []
    errors: list[str] = []
    during: list[str] = []  # requests answered while the writer was still running

    def read() -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=120) as c:
            while writer.poll() is None or len(statuses) < 20:
                for path in paths:
                    try:
                        statuses.append(c.get(path).status_code)
                    except httpx.HTTPError as exc:
                        errors.append(repr(exc))
                    if writer.poll() is None:
                        during.append(path)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    _, err = writer.communicate(timeout=600)
    for t in readers:
        t.join(120)
    assert writer.returncode == 0, err
    assert not errors and set(statuses) == {200}, (errors, set(statuses))
    assert len(during) >= 10
    for r in records:
        assert client.get(f"/api/articles/{r['id']}").status_code == 200


def test_a_generated_token_is_printed_once_and_kept_hashed(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    fresh = tmp_path / "fresh.db"
    store_into([ROOT / "tests" / "fixtures" / "hostile"], fresh, workers=1)
    record = snn_records(1, skip=20)[0]
    said: list[str] = []
    with serve(fresh, token=None, say=said.append) as url, httpx.Client(base_url=url) as c:
        assert len(said) == 1 and "shown once" in said[0]
        token = said[0].rsplit(" ", 1)[1]
        assert _post(c, json.dumps(record), {"Authorization": "Bearer x"}).status_code == 401
        ok = _post(c, json.dumps(record), {"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200 and ok.json()["added"] == 1
    with open_store(fresh, read_only=True) as store:
        assert store.meta(TOKEN_KEY) == hashlib.sha256(token.encode()).hexdigest()
    assert token.encode() not in b"".join(p.read_bytes() for p in tmp_path.glob("fresh.db*"))
    again: list[str] = []
    with serve(fresh, token=None, say=again.append) as url, httpx.Client(base_url=url) as c:
        assert token not in " ".join(again)
        assert _post(c, "{}", {"Authorization": f"Bearer {token}"}).status_code == 422
    monkeypatch.setenv("MARSAD_TOKEN", "from-the-environment")
    with serve(fresh, token=None) as url, httpx.Client(base_url=url) as c:
        assert _post(c, "{}", {"Authorization": f"Bearer {token}"}).status_code == 401
        assert _post(c, "{}", {"Authorization": "Bearer from-the-environment"}
                     ).status_code == 422
