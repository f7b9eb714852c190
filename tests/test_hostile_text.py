"""No crash on any text: property-based tests (hypothesis) of the public entry points.

Arbitrary Unicode, mixed scripts with bidi and zero-width controls, lone surrogates where a
decoder lets them through (JSON escapes), and real corpus text cut at random points. None
raises; every offset indexes the text; every span's text is `text[start:end]`. Examples
are bounded so that the file runs in well under a minute (MARSAD_HYPOTHESIS_EXAMPLES=N
runs N examples a test instead of 40, for a deeper search)."""

from __future__ import annotations

import gzip
import json
import os
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad import clean
from marsad.clean.page import read_page
from marsad.extract import quantities, quotes, times
from marsad.extract.ner import find_mentions
from marsad.ingest import decode, read_file, read_records
from marsad.ingest.decode import DecodeError
from marsad.normalise import fold_map
from marsad.records import Article, Document, Problem

FIXTURE = Path(__file__).parent / "fixtures" / "corpora" / "ant-slice.jsonl.gz"
EXAMPLES = int(os.environ.get("MARSAD_HYPOTHESIS_EXAMPLES", "40"))
BOUNDED = settings(max_examples=EXAMPLES, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def corpus() -> list[str]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh][:20]


# Characters news text and hostile pages are made of: Arabic letters, harakat, tatweel,
# Arabic and Persian digits, presentation forms, Latin, quotes and punctuation of both
# scripts, bidi and zero-width controls, line breaks.
_PIECES = (
    [chr(c) for c in range(0x0600, 0x0700)] + [chr(c) for c in range(0x06F0, 0x06FA)]
    + [chr(c) for c in (0xFDF2, 0xFDFA, 0xFEFB, 0xFE8D, 0xFB50, 0xFEFF)]
    + list("abcXYZ0123456789 .,:;!?-–—()[]{}'\"«»“”„‹›/\\%$@#&*+=<>\n\t\r")
    + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
           "\u2066\u2067\u2068\u2069\u061c\u00a0\u2028\u2029\x00\x0b\x0c\x85")
    + ["قال", "الرئيس", "إن", "يوم", "الثلاثاء", "مليون", "دولار", "أمس", "2015", "«", "»",
       ": «", "وأضاف", "مقتل", "25", "شخصا", "في", "الرياض", "كانون الثاني", " ـ ",
       "وزير الخارجية", "رئيس كازاخستان", "قاسم جومارت توكاييف", "منظمة معاهدة"]
)
mixed = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)
anything = st.text(max_size=200)  # any code point but lone surrogates


@st.composite
def corpus_cuts(draw: st.DrawFn) -> str:
    """A corpus article cut at random points, pieces spliced back in another order."""
    text = draw(st.sampled_from(corpus()))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=4)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return "".join(draw(st.permutations(pieces)))


texts = st.one_of(anything, mixed, corpus_cuts())


def _spans_hold(text: str, spans: list) -> None:  # type: ignore[type-arg]
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text), s
        assert s.text == text[s.start:s.end], s


def _article_holds(article: Article) -> None:
    for spans in (article.times, article.mentions, article.quantities, article.quotes):
        _spans_hold(article.text, spans)


@BOUNDED
@given(texts, st.sampled_from([None, "2015-08-01", "2022-01-12T10:00:00"]))
def test_times_tag(text: str, dct: str | None) -> None:
    _spans_hold(text, times.tag(text, dct))


@BOUNDED
@given(texts)
def test_mentions_quantities_quotes(text: str) -> None:
    mentions = find_mentions(text)
    _spans_hold(text, mentions)
    _spans_hold(text, quantities.find_quantities(text))
    _spans_hold(text, quotes.find_quotes(text, mentions))


@BOUNDED
@given(st.lists(texts, min_size=1, max_size=3))
def test_linking_any_articles(bodies: list[str]) -> None:
    # The across-articles half (entities, roles and titles) on whatever the per-article
    # half made of any text: no exception, spans still hold.
    from marsad import extract
    from marsad.records import Article

    articles = [extract.annotate(Article(id=f"a{k}", origin="t", text=b))
                for k, b in enumerate(bodies)]
    extract.link(articles)
    for a in articles:
        _spans_hold(a.text, a.mentions)


@BOUNDED
@given(texts, st.booleans())
def test_page_reader_and_clean(text: str, title_known: bool) -> None:
    page = read_page(text, title_known=title_known)
    assert all(isinstance(line, str) and "\n" not in line for line in page.body)
    for fmt in ("text", "jsonl", "html"):
        got = clean.clean(Document(origin="x", format=fmt, content=text))
        assert isinstance(got, Article | Problem)
        if isinstance(got, Article):
            assert got.text.strip()


@BOUNDED
@given(texts)
def test_fold_map_offsets_index_the_text(text: str) -> None:
    folded, omap = fold_map(text)
    for i in range(len(folded)):
        assert 0 <= omap.start(i) < len(text)
    assert omap.end(len(folded), len(text)) == (len(text) if folded else 0)


@BOUNDED
@given(st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8"))
       | texts.map(lambda t: t.encode("utf-16")))
def test_decode_gives_text_or_a_decode_error(data: bytes) -> None:
    try:
        assert isinstance(decode(data), str)
    except DecodeError as exc:
        assert str(exc)


# JSON lines with any value, lone surrogates among them ("\ud800" is valid JSON).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts
    | st.sampled_from(["\ud800", "a\udfffb", "\udc80قال"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "text", "html", "title", "source", "published", "url",
                         "date_extracted", "x"]), inner, max_size=5),
    max_leaves=10)


def _lines(value: object, raw: bytes) -> bytes:
    return json.dumps(value).encode() + b"\n" + raw + b"\n"


@settings(BOUNDED, max_examples=max(1, EXAMPLES * 3 // 4))
@given(json_values, st.binary(max_size=40), st.sampled_from([".txt", ".html", ".jsonl",
                                                            ".jsonl.gz"]))
def test_ingest_and_clean_every_format(tmp_path_factory, value: object, raw: bytes,  # type: ignore[no-untyped-def]
                                       suffix: str) -> None:
    path = tmp_path_factory.mktemp("in") / f"input{suffix}"
    if suffix == ".jsonl.gz":
        path.write_bytes(gzip.compress(_lines(value, raw)))
    elif suffix == ".jsonl":
        path.write_bytes(_lines(value, raw))
    else:
        path.write_bytes(raw + (value if isinstance(value, str) else json.dumps(value))
                         .encode("utf-8", "surrogatepass"))
    for item in read_file(path):
        assert isinstance(item, Document | Problem)
        if isinstance(item, Problem):
            assert item.reason and item.origin.startswith(str(path))
            continue
        # What a decoder let through is text every output can hold.
        item.content.encode("utf-8")
        for v in item.meta.values():
            v.encode("utf-8")
        got = clean.clean(item)
        if isinstance(got, Article):
            got.text.encode("utf-8")


@BOUNDED
@given(json_values)
def test_api_bodies(value: object) -> None:
    for body in (json.dumps(value).encode(), _lines(value, b"{")):
        for item in read_records(body, "POST"):
            assert isinstance(item, Document | Problem)
            if isinstance(item, Document):
                item.content.encode("utf-8")


def test_a_tatweel_used_as_a_dash_links_and_stores(tmp_path: Path) -> None:
    # SaudiNewsNet 2015-07-22 (aljazirah) writes parenthetical dashes as a lone tatweel
    # ("القبض ـ ولله الحمد ـ على", "المليك المفدى ـ أيضاً ـ في"): a token that folds to
    # nothing. It cost the article its mentions and stopped a whole store run in linking.
    from marsad.pipeline import store_into
    from marsad.store import open_store

    src = Path(__file__).parent / "fixtures" / "text" / "tatweel_dash.jsonl"
    problems: list[object] = []
    run = store_into([src], tmp_path / "t.db", workers=1, on_problem=problems.append)
    assert run.added == 1 and problems == []
    with open_store(tmp_path / "t.db") as store:
        [article] = store.articles(["SNN-2015-07-22-00376"])
        assert any("داعش" in m.text for m in article.mentions)
