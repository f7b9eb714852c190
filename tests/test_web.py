"""The web pages over a real server: conventions of notes/web.md, both languages, escaping
of hostile text, security headers, feeds and downloads."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import lxml.html
import pytest

from conftest import Stores
from marsad.serve.web.app import CSP
from web_server import HOSTILE_ID, build_store, serve

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def base(stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(stores.new(tmp_path_factory.mktemp("web"), "web"))
    with serve(db) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


def page(client: httpx.Client, path: str, lang: str = "ar", status: int = 200
         ) -> lxml.html.HtmlElement:
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}lang={lang}")
    assert r.status_code == status, (path, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    doc = lxml.html.fromstring(r.text)
    root = doc.getroottree().getroot()
    assert root.get("lang") == lang
    assert root.get("dir") == ("rtl" if lang == "ar" else "ltr")
    switch = doc.cssselect("a#lang-switch")
    assert len(switch) == 1
    assert f"lang={'en' if lang == 'ar' else 'ar'}" in switch[0].get("href")
    assert doc.cssselect("main#content")
    assert doc.cssselect("form#search input[name=q]")
    assert not doc.cssselect("script"), "no script anywhere"
    assert not doc.xpath("//@style"), "no inline style"
    assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")]
    links = [e.get("href") for e in doc.cssselect("link[rel=stylesheet]")]
    assert links == ["/static/marsad.css"]
    return doc


@pytest.fixture(scope="module")
def story(client: httpx.Client) -> dict[str, Any]:
    found = client.get("/api/stories").json()["stories"]
    ka = [s["story"] for s in found if "كازاخستان" in s["story"]["title"]]
    assert ka, found
    data: dict[str, Any] = client.get(f"/api/stories/{ka[0]['id']}").json()
    return data


@pytest.fixture(scope="module")
def tokayev(story: dict[str, Any]) -> str:
    ids = [e["id"] for e in story["entities"] if "توكاييف" in e["name"]]
    assert ids, story["entities"]
    return str(ids[0])


def text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_home_lists_the_stories_with_filters(client: httpx.Client, story: dict[str, Any],
                                             lang: str) -> None:
    doc = page(client, "/", lang)
    items = doc.cssselect("ul#stories > li.story")
    sid = story["story"]["id"]
    mine = [li for li in items if li.get("data-id") == sid]
    assert len(mine) == 1
    assert mine[0].cssselect("a.story-link")[0].get("href") == f"/stories/{sid}"
    assert doc.cssselect("form#filters select[name=outlet]")
    assert doc.cssselect("form#filters input[name=day]")
    outlets = [o.get("value") for o in doc.cssselect("select[name=outlet] option")]
    assert "الميادين" in outlets
    heading = text(doc.cssselect("h1")[0])
    assert heading == ("أحدث القصص" if lang == "ar" else "Latest stories")


def test_language_is_remembered_in_a_cookie(base: str) -> None:
    with httpx.Client(base_url=base) as c:
        first = c.get("/?lang=en")
        assert "lang=en" in first.headers["set-cookie"]
        again = lxml.html.fromstring(c.get("/search?q=x").text)
        assert again.getroottree().getroot().get("lang") == "en"
        back = lxml.html.fromstring(c.get("/?lang=ar").text)
        assert back.getroottree().getroot().get("dir") == "rtl"
        assert lxml.html.fromstring(c.get("/").text).get("lang") == "ar"


def test_home_filters_by_outlet_and_day(client: httpx.Client, story: dict[str, Any]) -> None:
    sid = story["story"]["id"]
    doc = page(client, "/?outlet=الميادين")
    assert [li.get("data-id") for li in doc.cssselect("li.story")] == [sid]
    doc = page(client, "/?day=2000-01-01")
    assert not doc.cssselect("li.story")
    page(client, "/?day=2022-13-45", status=400)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_story_page(client: httpx.Client, story: dict[str, Any], lang: str) -> None:
    sid = story["story"]["id"]
    doc = page(client, f"/stories/{sid}", lang)
    assert text(doc.cssselect("h1")[0]) == " ".join(story["story"]["title"].split())
    cites = doc.cssselect("ol#summary > li sup a.cite")
    assert cites and all(a.get("href").startswith("/articles/") for a in cites)
    dated = [e for e in story["story"]["timeline"] if e.get("date")]
    events = doc.cssselect("svg#timeline g.event")
    assert len(events) == len(dated) > 0
    assert all(e.cssselect("title") for e in events)
    assert doc.cssselect("svg#timeline text")
    assert len(doc.cssselect("ol#timeline-list > li")) == len(story["story"]["timeline"])
    claims = doc.cssselect("table#claims > tbody > tr.claim")
    assert len(claims) == len(story["story"]["claims"])
    moved = [tr for tr in claims if "disagree" in tr.get("class").split()
             and tr.get("data-kind") == "changed"]
    assert moved
    numbers = [text(td.cssselect("b.number")[0]) for td in moved[0].cssselect("td.value")]
    assert numbers[:2] == ["8", "16"]  # the 8 → 16 claim
    assert all(td.cssselect("a.cite") for td in moved[0].cssselect("td.value"))
    speakers = doc.cssselect("section#quotes div.speaker")
    assert speakers and all(s.cssselect("h3") and s.cssselect("blockquote.quote")
                            for s in speakers)
    assert any("توكاييف" in text(s.cssselect("h3")[0]) for s in speakers)
    assert len(doc.cssselect("section#copies li.copy")) == len(story["copies"]) > 0
    rows = doc.cssselect("table#outlets tr.outlet")
    outlets = {a["outlet"] for a in story["articles"]}
    assert {r.get("data-outlet") for r in rows} == outlets
    mayadeen = next(r for r in rows if r.get("data-outlet") == "الميادين")
    assert "2022-01-05" in text(mayadeen.cssselect("td.first-report")[0])
    assert "8" in text(mayadeen.cssselect("td.figures")[0])
    copier = [r for r in rows if text(r.cssselect("td.copied-from")[0]).count("الميادين")]
    assert copier, "an outlet copied from al-Mayadeen"


def test_story_comparison_table_data(story: dict[str, Any]) -> None:
    rows = {r["outlet"]: r for r in story["outlets"]}
    assert len(rows) == 5
    mayadeen = rows["الميادين"]
    assert mayadeen["first_report"].startswith("2022-01-05")
    assert [f["value"] for f in mayadeen["figures"]] == [8.0]
    assert "وكالة الأنباء الفرنسية" in mayadeen["credited"]
    sixteen = [o for o, r in rows.items() if any(f["value"] == 16.0 for f in r["figures"])]
    assert len(sixteen) == 2
    copied = [o for o, r in rows.items() if "الميادين" in r["copied_from"]]
    assert copied and all(o in mayadeen["copied_by"] for o in copied)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_entity_page(client: httpx.Client, tokayev: str, lang: str) -> None:
    doc = page(client, f"/entities/{tokayev}", lang)
    view = client.get(f"/api/entities/{tokayev}").json()
    assert "توكاييف" in text(doc.cssselect("h1")[0])
    variants = [text(li.cssselect(".spelling")[0])
                for li in doc.cssselect("ul#variants > li.variant")]
    assert variants == [v for v, _ in view["variant_counts"]]
    # The roles the pages write next to his name, stored with the entity (issue 14).
    titles = [text(li) for li in doc.cssselect("ul#titles > li.title")]
    assert "رئيس كازاخستان" in titles and titles == view["entity"]["titles"]
    assert doc.cssselect("span#entity-type")[0].get("data-type") == "PER"
    assert doc.cssselect("ul#entity-stories a[href^='/stories/']")
    quotes = doc.cssselect("ol#quotes > li.quote")
    assert len(quotes) == len(view["quotes"]) > 0
    assert all(q.cssselect("blockquote") and q.cssselect("a[href^='/articles/']") for q in quotes)
    bars = doc.cssselect("svg#mentions-chart rect")
    assert len(bars) == len(view["mentions_per_day"]) > 0


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_outlet_page(client: httpx.Client, lang: str) -> None:
    doc = page(client, "/outlets/الميادين", lang)
    view = client.get("/api/outlets/الميادين").json()
    assert len(doc.cssselect("svg#volume-chart rect")) == len(view["per_day"]) > 0
    for list_id in ("copies-from", "copied-by", "shares-with"):
        assert doc.cssselect(f"ul#{list_id}")
    copied_by = [text(a) for a in doc.cssselect("ul#copied-by a")]
    assert copied_by == [link["outlet"] for link in view["copied_by"]]
    assert doc.cssselect("table#disagreements")
    assert len(doc.cssselect("table#disagreements tr.disagreement")) == len(view["disagreements"])


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_article_page_highlights(client: httpx.Client, story: dict[str, Any], lang: str) -> None:
    aid = next(a["id"] for a in story["articles"] if a["outlet"] == "الميادين")
    view = client.get(f"/api/articles/{aid}").json()
    doc = page(client, f"/articles/{aid}", lang)
    body = doc.cssselect("div#text")[0]
    assert text(body) == " ".join(view["article"]["text"].split())
    linked = body.cssselect("a.mention")
    assert linked and all(a.get("href").startswith("/entities/") and a.get("data-type")
                          for a in linked)
    assert body.cssselect("mark.time") and body.cssselect("mark.figure")
    assert body.cssselect("q.quote")
    assert any("8 من القوات" in text(m) for m in body.cssselect("mark.figure"))
    credits = [text(li) for li in doc.cssselect("ul#credits > li")]
    assert credits == view["article"]["credits"]
    assert doc.cssselect("section#posts")
    assert view["article"]["origin"] in text(doc.cssselect("#origin")[0])
    assert doc.cssselect("a#story-link")[0].get("href") == f"/stories/{story['story']['id']}"


def test_hostile_article_renders_as_text(client: httpx.Client) -> None:
    r = client.get(f"/articles/{HOSTILE_ID}")
    assert r.status_code == 200
    raw = r.text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in raw
    assert "<script" not in raw.lower()
    assert "<img" not in raw.lower() and "<svg onload" not in raw.lower()
    assert 'href="javascript' not in raw.lower()
    assert "\u202e" not in raw and "[U+202E]" in raw
    doc = lxml.html.fromstring(raw)
    origin = doc.cssselect("#origin")[0]
    assert "javascript:window.__xss=5" in text(origin) and not origin.cssselect("a")
    assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")]
    author = text(doc.cssselect(".author")[0])
    assert author == "<script>window.__xss=6</script>"


@pytest.mark.parametrize("path", ["/", "/search?q=رسالة",
                                  '/outlets/"><svg onload="window.__xss=7">'])
def test_hostile_text_is_escaped_everywhere(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code)
    low = r.text.lower()
    assert "<script" not in low and "<img" not in low and "<svg onload" not in low
    assert "\u202e" not in r.text


def test_security_headers_on_every_response(client: httpx.Client, story: dict[str, Any]) -> None:
    for path in ("/", f"/stories/{story['story']['id']}", "/api/stories", "/nowhere",
                 "/static/marsad.css", "/search.csv?q=x"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    css = client.get("/static/marsad.css")
    assert css.status_code == 200
    assert "url(" not in css.text and "@import" not in css.text  # no external assets


@pytest.mark.parametrize("path", ["/stories/story-nope", "/entities/per-nope",
                                  "/outlets/no such outlet", "/articles/nope", "/nowhere"])
def test_unknown_ids_are_404_pages(client: httpx.Client, path: str) -> None:
    doc = page(client, path, "en", status=404)
    assert "404" in text(doc.cssselect("h1")[0])
    api = client.get("/api" + path)
    assert api.status_code == 404 and "detail" in api.json()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_search_page(client: httpx.Client, lang: str) -> None:
    doc = page(client, "/search?q=ألماتي", lang)
    hits = doc.cssselect("ol#hits > li.hit")
    assert hits
    assert all(h.cssselect("a.hit-link")[0].get("href").startswith("/articles/") for h in hits)
    assert any(h.cssselect("p.snippet mark") for h in hits)
    assert doc.cssselect("ul#facet-outlet > li") and doc.cssselect("ul#facet-day > li")
    facet = doc.cssselect("ul#facet-outlet > li a")[0].get("href")
    assert "outlet=" in facet and "q=" in facet
    texts = [client.get(h.cssselect("a.hit-link")[0].get("href")).text for h in hits]
    assert any("ألما آتا" in t or "ألما أتا" in t for t in texts)
    empty = page(client, "/search?q=", lang)
    assert text(empty.cssselect("p#search-message")[0])
    assert not empty.cssselect("li.hit")


def test_search_pages_with_next(client: httpx.Client) -> None:
    first = page(client, "/search?q=كازاخستان&limit=1")
    nxt = first.cssselect("a#next")
    assert len(first.cssselect("li.hit")) == 1 and nxt
    second = page(client, nxt[0].get("href"))
    ids = [d.cssselect("li.hit")[0].get("data-id") for d in (first, second)]
    assert ids[0] != ids[1]


def _atom_entries(client: httpx.Client, path: str) -> list[ET.Element]:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(r.content)
    assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}title") is not None
    return root.findall(f"{ATOM}entry")


def test_atom_feeds(client: httpx.Client, story: dict[str, Any], tokayev: str) -> None:
    entries = _atom_entries(client, f"/stories/{story['story']['id']}/feed.atom")
    assert len(entries) == len(story["articles"])
    link = entries[0].find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
    assert "/articles/" in link and link.startswith("http://127.0.0.1:")
    assert _atom_entries(client, f"/entities/{tokayev}/feed.atom")
    assert _atom_entries(client, "/search/feed.atom?q=كازاخستان")
    hostile = _atom_entries(client, "/search/feed.atom?q=رسالة غريبة")
    assert any("<script>" in (e.findtext(f"{ATOM}title") or "") for e in hostile)


def test_csv_downloads(client: httpx.Client, story: dict[str, Any]) -> None:
    r = client.get(f"/stories/{story['story']['id']}/claims.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    values = sum(len(c["values"]) for c in story["story"]["claims"])
    assert len(rows) == values
    assert {"8.0", "16.0"} <= {row["value"] for row in rows}
    json_rows = client.get(f"/api/stories/{story['story']['id']}/claims").json()
    assert [row["article"] for row in rows] == [row["article"] for row in json_rows]
    r = client.get("/search.csv?q=كازاخستان&limit=100")
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    api = client.get("/api/search?q=كازاخستان&limit=100").json()
    assert [row["article"] for row in rows] == [h["article"] for h in api["hits"]]


def test_serve_refuses_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    from marsad.cli import main

    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert "no such store" in err and "Traceback" not in err
    assert not (tmp_path / "none.db").exists()


def test_highlight_nests_overlapping_spans_and_escapes_every_piece() -> None:
    from marsad.records import Article, Mention, Quantity, Quote, TimeExpr
    from marsad.serve.web.text import highlight

    line = (Path(__file__).parent / "fixtures" / "hostile" / "xss.jsonl").read_text("utf-8")
    body = json.loads(line)["text"]
    said = body.index("قال مسؤول")
    ministry = body.index("وزارة الداخلية")
    script = body.index("<script>")
    article = Article(
        id="a", origin="o", text=body,
        quotes=[Quote(body[said:script + 20], said, script + 20, "per-x", "مسؤول", False)],
        mentions=[Mention("وزارة الداخلية", ministry, ministry + 14, "ORG", "org-1"),
                  Mention("الداخلية", ministry + 6, ministry + 14, "ORG", "org-2"),
                  Mention("خارج", len(body) - 5, len(body) + 50, "LOC", None)],
        # A time that starts inside the quote and ends after it: closes and reopens.
        times=[TimeExpr("يوم الثلاثاء", script + 10, script + 40, "DATE", "2022-01-11")],
        quantities=[Quantity("x", ministry + 3, ministry + 3, 1.0, False, None, None)])
    html = str(highlight(article, {"org-1": "وزارة <b>الداخلية</b>"}))
    assert "<script" not in html and "&lt;script&gt;" in html
    doc = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    shown = body.replace("\u202e", "[U+202E]").replace("\u202c", "[U+202C]")
    assert doc.text_content() == shown  # every character once, in order
    assert len(doc.cssselect("q.quote")) == 1
    outer = doc.cssselect("a.mention")
    assert [a.get("href") for a in outer] == ["/entities/org-1"]
    assert outer[0].get("title") == "وزارة <b>الداخلية</b>"  # an attribute, escaped
    assert not outer[0].xpath(".//a") and outer[0].xpath(".//span[@class='mention']")
    pieces = doc.cssselect("mark.time")
    assert len(pieces) == 2 and "".join(p.text_content() for p in pieces) == body[
        script + 10:script + 40]
    assert not doc.cssselect("mark.figure")  # an empty span is dropped
    assert doc.cssselect("span.mention")[-1].text_content() == body[-5:]  # clipped
