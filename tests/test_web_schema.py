"""The HTTP API against its own OpenAPI document, driven by schemathesis, on a real server.

Every GET operation and POST /api/articles (with the token and without) get generated
requests, valid and invalid; a response must never be a 5xx and must conform to the schema
(documented status code, content type, body schema). Bounded: a few examples per
operation and a deadline per request. The server has a store of its own, since the POSTs
write to it.

The operations are looped over in one test per kind rather than through schemathesis'
pytest parametrisation, whose lazy (fixture-loaded) schemas do not work with pytest 9.2.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import Served, Stores, build_web_store, serve
from marsad.serve.web import MAX_BODY
from marsad.store import open_store

CONFORMS = [not_a_server_error, status_code_conformance, content_type_conformance,
            response_schema_conformance]
GET_EXAMPLES = 25
POST_EXAMPLES = 12


@pytest.fixture(scope="module")
def api_server(stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("api")
    with serve(build_web_store(stores.new(tmp, "store")), tmp / "serve.log") as served:
        yield served


@pytest.fixture(scope="module")
def api_schema(api_server: Served) -> Any:
    return schemathesis.openapi.from_url(api_server.url + "/openapi.json")


def _operations(schema: Any, method: str) -> list[Any]:
    ops = [r.ok() for r in schema.get_all_operations()]
    return [op for op in ops if op.method.upper() == method]


def _explore(op: Any, examples: int, deadline: timedelta,
             call: Callable[[Any, GenerationMode], None]) -> None:
    """`examples` generated requests of each kind, valid and invalid, for one operation."""
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        try:
            _bounded(op, mode, examples, deadline, call)()
        except Unsatisfiable:
            if mode.is_positive:
                raise
            # Nothing invalid to send: the operation takes only free strings in its path.
        except BaseException as exc:  # schemathesis' FailureGroup is a BaseExceptionGroup
            exc.add_note(f"{op.method.upper()} {op.path} ({mode.value} examples)")
            raise


def _bounded(op: Any, mode: GenerationMode, examples: int, deadline: timedelta,
             call: Callable[[Any, GenerationMode], None]) -> Callable[[], None]:
    @given(case=op.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=deadline, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        call(case, mode)

    return run


def test_schema_lists_the_api(api_schema: Any) -> None:
    paths = {op.path for op in _operations(api_schema, "GET")}
    for path in ["/api/stories", "/api/stories/{id}", "/api/entities/{id}",
                 "/api/outlets/{name}", "/api/articles/{id}", "/api/search"]:
        assert any(p.split("{")[0] == path.split("{")[0] and p.count("{") == path.count("{")
                   for p in paths), (path, paths)
    assert [op.path for op in _operations(api_schema, "POST")] == ["/api/articles"]


def test_get_operations_conform(api_server: Served, api_schema: Any) -> None:
    ops = _operations(api_schema, "GET")
    assert ops

    def call(case: Any, mode: GenerationMode) -> None:
        checks = CONFORMS if mode.is_positive else [not_a_server_error, negative_data_rejection]
        case.call_and_validate(checks=checks, timeout=30)

    for op in ops:
        _explore(op, GET_EXAMPLES, timedelta(seconds=5), call)


def _article_count(served: Served) -> int:
    with open_store(served.db, read_only=True) as store:
        return store.article_count()


def test_post_without_token_is_refused_and_stores_nothing(api_server: Served,
                                                          api_schema: Any) -> None:
    (op,) = _operations(api_schema, "POST")
    before = _article_count(api_server)

    def call(case: Any, mode: GenerationMode) -> None:
        for headers in ({}, {"Authorization": "Bearer wrong-" + api_server.token}):
            case.headers = {k: v for k, v in (case.headers or {}).items()
                            if k.lower() != "authorization"} | headers
            response = case.call(timeout=60)
            assert response.status_code == 401, (headers, response.status_code, response.text)

    _explore(op, POST_EXAMPLES, timedelta(seconds=20), call)
    assert _article_count(api_server) == before


def test_post_with_token_conforms(api_server: Served, api_schema: Any) -> None:
    (op,) = _operations(api_schema, "POST")

    def call(case: Any, mode: GenerationMode) -> None:
        checks = CONFORMS if mode.is_positive else [not_a_server_error, negative_data_rejection]
        case.call_and_validate(headers={"Authorization": f"Bearer {api_server.token}"},
                               checks=checks, timeout=60)

    _explore(op, POST_EXAMPLES, timedelta(seconds=20), call)


# --- explicit bodies ------------------------------------------------------------------------


def _post(served: Served, body: bytes, token: str | None,
          content_type: str = "application/x-ndjson") -> tuple[int, str]:
    headers = {"Content-Type": content_type}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(served.url + "/api/articles", data=body, headers=headers,
                                 method="POST")
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _status(served: Served, path: str) -> int:
    try:
        with urllib.request.urlopen(served.url + path, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def _record(rid: str, injured: int) -> dict[str, str]:
    # The figure differs between records: the same text twice would be stored once.
    text = (f"أعلنت وزارة الصحة يوم الأحد تسجيل {injured} إصابة جديدة في مدينة جدة، وقال "
            "المتحدث باسم الوزارة إن الحالات مستقرة وإن الفرق الطبية تتابعها على مدار الساعة. "
            "وأضاف أن الوزارة ستعلن عن أي تطورات في حينها.")
    return {"id": rid, "title": f"وزارة الصحة تعلن {injured} إصابة جديدة في جدة", "text": text,
            "source": "مصدر الاختبار", "published": "2022-01-12"}


def test_post_stores_good_records_and_names_the_bad(api_server: Served) -> None:
    body = "\n".join([json.dumps(_record("api-good-1", 12), ensure_ascii=False), "{not json",
                      json.dumps({"id": "api-bad-3", "text": 42})])
    assert _status(api_server, "/api/articles/api-good-1") == 404
    status, text = _post(api_server, body.encode("utf-8"), api_server.token)
    assert status == 422, (status, text)
    # Both bad records are named (by line) with a reason; the good one is stored.
    problems = json.loads(text)["problems"]
    assert sorted(p["record"] for p in problems) == [2, 3], problems
    assert all(p["reason"] for p in problems)
    assert _status(api_server, "/api/articles/api-good-1") == 200
    assert _status(api_server, "/api/articles/api-bad-3") == 404


def test_post_refuses_unusable_bodies(api_server: Served) -> None:
    for body, ctype in [(b"", "application/x-ndjson"), (b"\xff\xfe\x00garbage", "application/json"),
                        (b"[1, 2, 3]", "application/json"), (b"null", "application/json")]:
        status, text = _post(api_server, body, api_server.token, ctype)
        assert 400 <= status < 500, (body, status, text)
    # A body announced one byte over the limit is refused before it is sent.
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(api_server.url).netloc, timeout=60)
    conn.putrequest("POST", "/api/articles")
    for name, value in [("Authorization", f"Bearer {api_server.token}"),
                        ("Content-Type", "application/x-ndjson"),
                        ("Content-Length", str(MAX_BODY + 1))]:
        conn.putheader(name, value)
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 413, resp.read()
    conn.close()


def test_post_without_token_stores_nothing(api_server: Served) -> None:
    body = json.dumps(_record("api-unauth-1", 37), ensure_ascii=False).encode("utf-8")
    assert _post(api_server, body, None, "application/json")[0] == 401
    assert _post(api_server, body, "not-the-token", "application/json")[0] == 401
    assert _status(api_server, "/api/articles/api-unauth-1") == 404
    # With the token the same body is stored: the 401s were the token's doing.
    before = _article_count(api_server)
    assert _post(api_server, body, api_server.token, "application/json")[0] in (200, 201)
    assert _status(api_server, "/api/articles/api-unauth-1") == 200
    assert _article_count(api_server) == before + 1

