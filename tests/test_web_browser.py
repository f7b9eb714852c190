"""The web app end to end in a real browser: Debian's Chromium driven by Playwright.

A store is built from the example pages and the hostile article (tests/fixtures/hostile/),
`marsad serve` runs on a free loopback port (conftest.web_server), and each test reads the
rendered pages the way a reader's browser does. Without chromium or playwright the tests
skip, unless MARSAD_REQUIRE_BROWSER=1 (as in .ci/run): then they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import Served
from marsad.records import Article, Story
from marsad.store import open_store

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
HOSTILE_ID = "hostile-xss-1"
TOKAYEV = "توكاييف"
# ألما آتا in two words, as the example pages write it (آتا, أتا or اتا; a space or a hyphen).
ALMA_ATA = re.compile(r"ألما\s*-?\s*[آأا]تا")
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _unavailable(reason: str) -> None:
    if os.environ.get("MARSAD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (MARSAD_REQUIRE_BROWSER=1): {reason}")
    pytest.skip(reason)


def _chromium() -> str:
    found = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        _unavailable("no chromium executable (apt-get install chromium)")
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        # Playwright gives each launch a new empty user-data-dir; its own browser download
        # cannot work offline, so the system executable is used.
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@dataclass
class Watched:
    """A page with the dialogs it opened and the script errors it raised."""

    page: Any
    dialogs: list[str]
    errors: list[str]


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(viewport: dict[str, int] = DESKTOP, phone: bool = False) -> Watched:
        ctx = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                  device_scale_factor=2 if phone else 1)
        contexts.append(ctx)
        page = ctx.new_page()
        watched = Watched(page, [], [])

        def on_dialog(dialog: Any) -> None:
            watched.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
        return watched

    yield make
    for ctx in contexts:
        ctx.close()


@dataclass(frozen=True)
class Facts:
    """What the store holds, read through its interface, to check the pages against."""

    story: Story  # the Kazakhstan story
    hostile_story: str
    articles: dict[str, Article]


@pytest.fixture(scope="session")
def facts(web_store: str | Path) -> Facts:
    with open_store(web_store, read_only=True) as store:
        kaz = store.articles(["003_532da77875c1d980"])[0]
        stories = store.stories_of([kaz.id, HOSTILE_ID])
        kaz_story = store.stories([stories[kaz.id]])[0]
        articles = {a.id: a for a in store.articles([*kaz_story.articles, HOSTILE_ID])}
    return Facts(kaz_story, stories[HOSTILE_ID], articles)


def _get_json(served: Served, path: str) -> Any:
    with urllib.request.urlopen(served.url + path, timeout=30) as resp:
        return json.load(resp)


def _numbers(text: str) -> list[float]:
    plain = text.translate(DIGITS).replace("٫", ".").replace(",", "")
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", plain)]


# --- pages ----------------------------------------------------------------------------------


def test_home_lists_the_kazakhstan_story(web_server: Served, facts: Facts, open_page: Any) -> None:
    w = open_page()
    w.page.goto(web_server.url + "/")
    item = w.page.locator(f'ul#stories > li.story[data-id="{facts.story.id}"]')
    assert item.count() == 1
    link = item.locator("a.story-link")
    assert link.get_attribute("href") == f"/stories/{facts.story.id}"
    assert facts.story.title in link.inner_text()
    # The filters are there, and following the story's link opens its page.
    assert w.page.locator("form#filters select[name=outlet]").count() == 1
    assert w.page.locator("form#filters input[name=day]").count() == 1
    link.click()
    w.page.wait_for_url(f"**/stories/{facts.story.id}")
    assert facts.story.title in w.page.locator("h1").first.inner_text()


def test_search_for_one_spelling_finds_the_other(web_server: Served, facts: Facts,
                                                 open_page: Any) -> None:
    other = [a.id for a in facts.articles.values() if ALMA_ATA.search(a.text)]
    only_other = [i for i in other if "ألماتي" not in facts.articles[i].text]
    assert only_other, "the fixture must hold an article spelling it only ألما آتا"
    w = open_page()
    w.page.goto(web_server.url + "/")
    w.page.fill("form#search input[name=q]", "ألماتي")
    w.page.press("form#search input[name=q]", "Enter")
    w.page.wait_for_url("**/search?**")
    hits = w.page.locator("ol#hits > li.hit a.hit-link")
    hit_ids = [h.get_attribute("href").removeprefix("/articles/") for h in hits.all()]
    assert set(other) <= set(hit_ids), (other, hit_ids)
    assert w.page.locator("ol#hits > li.hit p.snippet mark").count() > 0
    # The hit's own page really holds that spelling.
    w.page.locator(f'a.hit-link[href="/articles/{only_other[0]}"]').click()
    w.page.wait_for_url(f"**/articles/{only_other[0]}")
    text = w.page.locator("div#text").inner_text()
    assert ALMA_ATA.search(text) and "ألماتي" not in text


def test_story_page_shows_timeline_and_the_8_to_16_claim(web_server: Served, facts: Facts,
                                                         open_page: Any) -> None:
    w = open_page()
    w.page.goto(f"{web_server.url}/stories/{facts.story.id}")
    assert facts.story.title in w.page.locator("h1").first.inner_text()
    svg = w.page.locator("svg#timeline")
    assert svg.is_visible()
    # One g.event per dated entry, or one circle.event where there are no groups.
    events = svg.locator("g.event").count() or svg.locator("circle.event").count()
    dated = [e for e in facts.story.timeline if e.get("date")]
    assert 1 <= events <= len(dated)
    assert svg.locator("text").count() >= 1 and svg.locator("title").count() >= events
    assert w.page.locator("ol#timeline-list > li").count() >= 1
    # A cited summary: each citation links an article of the story.
    cites = w.page.locator("ol#summary > li sup a.cite")
    assert cites.count() >= 1
    for href in {c.get_attribute("href") for c in cites.all()}:
        assert href.removeprefix("/articles/") in facts.story.articles
    rising = []
    for row in w.page.locator("table#claims > tbody > tr.claim").all():
        values = [_numbers(v.inner_text()) for v in row.locator("td.value").all()]
        firsts = [v[0] for v in values if v]
        if firsts and firsts[0] == 8 and 16 in firsts[1:]:
            rising.append(row)
    assert rising, "no claim row going 8 -> 16"
    assert "disagree" in (rising[0].get_attribute("class") or "").split()
    assert w.page.locator("table#outlets tr.outlet").count() >= 2


def test_entity_page_lists_tokayev_quotes(web_server: Served, facts: Facts,
                                          open_page: Any) -> None:
    ids = _tokayev_ids(web_server, facts, open_page)
    assert len(ids) == 1, ids
    (entity,) = ids
    said = {q.text for a in facts.articles.values() for q in a.quotes if q.speaker == entity}
    assert said
    w = open_page()
    w.page.goto(f"{web_server.url}/entities/{urllib.parse.quote(entity)}")
    assert TOKAYEV in w.page.locator("h1").first.inner_text()
    variants = {v.inner_text().strip() for v in w.page.locator("ul#variants > li.variant").all()}
    assert TOKAYEV in " ".join(variants)
    quotes = w.page.locator("ol#quotes > li.quote")
    shown = [q.locator("blockquote").inner_text().strip() for q in quotes.all()]
    assert shown and all(q.locator('a[href^="/articles/"]').count() for q in quotes.all())
    assert any(s.strip("«»\"' ") in said or any(s in t or t in s for t in said) for s in shown)
    assert w.page.locator("svg#mentions-chart rect").count() >= 1


def _tokayev_ids(served: Served, facts: Facts, open_page: Any) -> set[str]:
    """Tokayev's entity id as the app gives it: the search API's entities, or the links."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            blob = json.dumps(node, ensure_ascii=False)
            if str(node.get("id", "")).startswith("per-") and TOKAYEV in blob and (
                    TOKAYEV in str(node.get("name", "")) or "variants" in node):
                found.add(node["id"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    result = _get_json(served, "/api/search?q=" + urllib.parse.quote(TOKAYEV))
    walk(result.get("entities", []))
    if not found:
        w = open_page()
        w.page.goto(f"{served.url}/stories/{facts.story.id}")
        for a in w.page.locator('a[href^="/entities/"]').all():
            if TOKAYEV in a.inner_text():
                found.add(urllib.parse.unquote(a.get_attribute("href").split("/")[2]))
    return found


# --- hostile input --------------------------------------------------------------------------

# Every element's event-handler attributes, javascript: URLs and inline scripts in the page.
_INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const at of el.attributes) {
      if (at.name.startsWith('on')) bad.push(el.tagName + '[' + at.name + ']');
      if (/^\\s*javascript:/i.test(at.value)) bad.push(el.tagName + '[' + at.name + '=js]');
    }
  }
  for (const s of document.querySelectorAll('script:not([src])')) bad.push('inline script');
  for (const s of document.querySelectorAll('img[src="x"], svg[onload]')) bad.push(s.tagName);
  return bad;
}"""


def _assert_inert(w: Watched) -> None:
    assert w.page.evaluate("() => typeof window.__xss") == "undefined"
    assert w.page.evaluate(_INJECTED) == []
    assert w.dialogs == [] and w.errors == []


def test_hostile_article_renders_as_text_and_runs_nothing(web_server: Served, facts: Facts,
                                                          open_page: Any) -> None:
    w = open_page()
    resp = w.page.goto(f"{web_server.url}/articles/{HOSTILE_ID}")
    assert resp is not None and resp.status == 200
    csp = resp.headers.get("content-security-policy", "")
    assert "script-src" in csp or "default-src" in csp, csp
    assert "'unsafe-inline'" not in csp.split("style-src")[0], csp
    w.page.wait_for_load_state("load")
    text = w.page.locator("div#text").inner_text()
    assert "<script>window.__xss=1</script>" in text
    assert '"><img src=x onerror="window.__xss=2">' in text
    assert '<a href="javascript:window.__xss=3">' in text
    heading = w.page.locator("h1").first.inner_text()
    assert "<script>" in heading
    # The javascript: origin url is shown as text, never as a link.
    origin = w.page.locator("#origin")
    assert "javascript:window.__xss=5" in origin.inner_text()
    assert origin.locator("a").count() == 0 or all(
        (a.get_attribute("href") or "").startswith(("http://", "https://", "/"))
        for a in origin.locator("a").all())
    _assert_inert(w)
    # Clicking the would-be link does nothing either.
    w.page.get_by_text("اضغط هنا").first.click()
    _assert_inert(w)


def test_hostile_text_is_inert_on_every_page(web_server: Served, facts: Facts,
                                             open_page: Any) -> None:
    w = open_page()
    outlet = facts.articles[HOSTILE_ID].outlet or ""
    for path in ["/", f"/stories/{facts.hostile_story}", "/search?q=" + urllib.parse.quote(
            "رسالة غريبة"), f"/outlets/{urllib.parse.quote(outlet, safe='')}",
            "/search?q=" + urllib.parse.quote("<script>window.__xss=1</script>")]:
        resp = w.page.goto(web_server.url + path)
        assert resp is not None and resp.status < 500, path
        assert resp.headers.get("content-security-policy"), path
        _assert_inert(w)
    # The search page found it and shows the title as text.
    w.page.goto(web_server.url + "/search?q=" + urllib.parse.quote("رسالة غريبة"))
    hit = w.page.locator(f'ol#hits a.hit-link[href="/articles/{HOSTILE_ID}"]')
    assert hit.count() == 1 and "<script>" in hit.inner_text()


# --- language -------------------------------------------------------------------------------


def _lang(w: Watched) -> tuple[str, str]:
    return (w.page.evaluate("() => document.documentElement.lang"),
            w.page.evaluate("() => document.documentElement.dir"))


def test_english_switch_is_remembered(web_server: Served, facts: Facts, open_page: Any) -> None:
    w = open_page()
    w.page.goto(web_server.url + "/")
    assert _lang(w) == ("ar", "rtl")
    arabic_header = w.page.locator("header").first.inner_text()
    w.page.goto(web_server.url + "/?lang=en")
    assert _lang(w) == ("en", "ltr")
    english_header = w.page.locator("header").first.inner_text()
    assert english_header != arabic_header and re.search("[A-Za-z]{3}", english_header)
    # Remembered on the next page, with no parameter.
    w.page.goto(f"{web_server.url}/stories/{facts.story.id}")
    assert _lang(w) == ("en", "ltr")
    assert any(c["name"] == "lang" and c["value"] == "en" for c in w.page.context.cookies())
    # The switch leads back to Arabic, and that too is remembered.
    switch = w.page.locator("a#lang-switch")
    assert "lang=ar" in (switch.get_attribute("href") or "")
    switch.click()
    w.page.wait_for_load_state("load")
    assert _lang(w) == ("ar", "rtl")
    w.page.goto(web_server.url + "/")
    assert _lang(w) == ("ar", "rtl")


# --- layout ---------------------------------------------------------------------------------

# The bottom line of the main heading's text: where a wrapped heading's last line starts
# shows the paragraph direction (a full first line fills the width either way).
_HEADING_LINE = """() => {
  const h = document.querySelector('main h1') || document.querySelector('h1');
  const r = document.createRange();
  r.selectNodeContents(h);
  const rects = [...r.getClientRects()].filter(x => x.width > 0);
  const bottom = Math.max(...rects.map(x => x.bottom));
  const line = rects.filter(x => x.bottom > bottom - 2);
  return {left: Math.min(...line.map(x => x.left)), right: Math.max(...line.map(x => x.right)),
          width: document.documentElement.clientWidth};
}"""


# Visible elements that stick out of the screen sideways (those in a box that scrolls or clips
# its own overflow, such as a wide table's wrapper, excepted), and the page's scroll width.
_OVERFLOW = """(width) => {
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || clipped(el)) continue;
    if (r.left < -1 || r.right > width + 1)
      out.push(`${el.tagName}#${el.id} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, outside: out.slice(0, 10)};
}"""


def _assert_fits_phone(w: Watched, name: str) -> None:
    # Against the device width: on a phone, window.innerWidth grows with a too-wide page.
    fit = w.page.evaluate(_OVERFLOW, PHONE["width"])
    assert fit["scrollWidth"] <= PHONE["width"] + 1 and not fit["outside"], (name, fit)


def _pages(facts: Facts, entity: str) -> dict[str, str]:
    return {"home": "/", "story": f"/stories/{facts.story.id}",
            "entity": f"/entities/{urllib.parse.quote(entity)}",
            "search": "/search?q=" + urllib.parse.quote("كازاخستان"),
            "article": f"/articles/{facts.story.articles[0]}"}


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_are_right_to_left(web_server: Served, facts: Facts, open_page: Any,
                                       tmp_path_factory: pytest.TempPathFactory,
                                       device: str) -> None:
    (entity,) = _tokayev_ids(web_server, facts, open_page)
    # MARSAD_SCREENSHOTS keeps them for a look; by default they go to pytest's tmp dir.
    keep = os.environ.get("MARSAD_SCREENSHOTS")
    shots = Path(keep) / device if keep else tmp_path_factory.mktemp(f"screens-{device}")
    shots.mkdir(parents=True, exist_ok=True)
    w = open_page(PHONE if device == "phone" else DESKTOP, phone=device == "phone")
    for name, path in _pages(facts, entity).items():
        w.page.goto(web_server.url + path)
        shot = shots / f"{name}-ar.png"
        w.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5000, name
        assert _lang(w) == ("ar", "rtl"), name
        assert w.page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
        line = w.page.evaluate(_HEADING_LINE)
        assert line["width"] - line["right"] < line["left"], (name, line)
        if device == "phone":
            _assert_fits_phone(w, name)
        _assert_inert(w)
    # English: left to right; the home and search headings (labels, not article text) on
    # the left.
    w.page.goto(web_server.url + "/?lang=en")
    for name in ("home", "search"):
        w.page.goto(web_server.url + _pages(facts, entity)[name])
        w.page.screenshot(path=str(shots / f"{name}-en.png"), full_page=True)
        assert _lang(w) == ("en", "ltr")
        assert w.page.evaluate("() => getComputedStyle(document.body).direction") == "ltr"
        line = w.page.evaluate(_HEADING_LINE)
        assert line["left"] < line["width"] - line["right"], (name, line)
    for name, path in _pages(facts, entity).items():
        w.page.goto(web_server.url + path)
        assert _lang(w) == ("en", "ltr"), name
        if device == "phone":
            _assert_fits_phone(w, f"{name} (en)")
    if device == "phone":
        # Hostile text holds long unbroken tokens: they must wrap, not widen the page.
        w.page.goto(f"{web_server.url}/articles/{HOSTILE_ID}")
        _assert_fits_phone(w, "hostile article")
