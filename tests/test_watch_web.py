"""The feeds followed, in the web app: /feeds (both languages) and its /api/feeds twin, from
a store that `marsad watch` filled from a real site on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import lxml.html
import pytest

from marsad.cli import main
from watch_site import Route, Site, corpus, page, rss2, serve
from web_server import serve as serve_web

RECORDS = corpus()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("watchweb")
    for site in serve(Site()):
        items = []
        for k, r in enumerate(RECORDS[54:56]):
            site.routes[f"/n/{k}.html"] = Route(page(r))
            items.append((site.url(f"/n/{k}.html"), r["title"], None))
        site.routes["/n.xml"] = Route(rss2("n", items), "application/rss+xml")
        site.routes["/gone.xml"] = Route(b"", status=410)
        feeds = tmp / "feeds.txt"
        feeds.write_text(f"{site.url('/n.xml')} سكاي نيوز\n{site.url('/gone.xml')} <b>x</b>\n",
                         encoding="utf-8")
        db = tmp / "w.db"
        for _ in range(3):
            main(["watch", "--db", str(db), "--feeds", str(feeds), "--once", "--delay", "0",
                  "--retries", "0", "--workers", "1"])
    with serve_web(db) as url:
        yield url


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_feeds_page_and_api(base: str, lang: str) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        r = client.get(f"/feeds?lang={lang}")
        api = client.get("/api/feeds").json()
        home = client.get(f"/?lang={lang}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    doc = lxml.html.fromstring(r.text)
    assert doc.getroottree().getroot().get("dir") == ("rtl" if lang == "ar" else "ltr")
    assert not doc.cssselect("script") and not doc.cssselect("b b")  # names escaped
    rows = doc.cssselect("table#feeds tr.feed")
    assert [row.get("data-url") for row in rows] == [f["url"] for f in api["feeds"]]
    assert api["flagged"] == 1 and doc.cssselect("#flagged")[0].text_content() == "1"
    gone, good = api["feeds"]  # flagged first
    assert gone["url"].endswith("/gone.xml") and gone["failures"] == 3
    assert gone["flags"] == ["failing: 3 polls in a row (HTTP 410 Gone)"]
    assert good["name"] == "سكاي نيوز" and good["items"] == 2 and good["flags"] == []
    assert good["polls"] == 3 and good["backlog"] == 2
    assert good["items_per_day"] is None  # followed for less than a day
    assert "flagged" in rows[0].get("class") and "flagged" not in rows[1].get("class")
    assert "HTTP 410 Gone" in rows[0].cssselect("td.flags")[0].text_content()
    assert "<b>x</b>" in rows[0].text_content()
    assert 'href="/feeds"' in home.text  # linked from every page
