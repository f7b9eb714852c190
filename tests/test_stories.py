"""Story clustering, timelines, claims and summaries on the example pages and SNN."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "stories"))
from stories_fixtures import kazakhstan, snn

from marsad.records import Article, Entity, Quantity, Story
from marsad.stories import StoryIndex, build, cluster, find_reuse
from marsad.stories.claims import build_claims


@pytest.fixture(scope="module")
def example() -> tuple[list[Article], list[Entity]]:
    return kazakhstan()


@pytest.fixture(scope="module")
def built(example: tuple[list[Article], list[Entity]]) -> Story:
    stories, _ = build(*example)
    assert len(stories) == 1
    return stories[0]


def test_five_pages_one_story(built: Story, example: tuple[list[Article], list[Entity]]) -> None:
    assert sorted(built.articles) == sorted(a.id for a in example[0])
    assert built.title
    assert (built.start, built.end) == ("2022-01-02", "2022-01-12")


def test_timeline_runs_from_protests_to_arrival(built: Story) -> None:
    tl = built.timeline
    dates = [e["date"] for e in tl]
    assert dates == sorted(dates)
    assert dates[0] == "2022-01-02" and "مظاهرات" in tl[0]["text"]
    assert dates[-1] == "2022-01-12" and "وصل" in tl[-1]["text"]
    by_day = defaultdict(str)
    for e in tl:
        by_day[e["date"]] += e["text"]
        assert e["articles"] and set(e["articles"]) <= set(built.articles)
    assert "معاهدة الأمن الجماعي" in by_day["2022-01-05"]  # the appeal to the CSTO
    assert "إرسال قوات" in by_day["2022-01-06"] or "نشر" in by_day["2022-01-06"]
    assert "انقلاب" in by_day["2022-01-10"]  # the "coup attempt" statement
    # Background (1992, 2002) and deadlines after the last report (19 Jan) stay out.
    assert all("2022-01-02" <= d <= "2022-01-12" for d in dates)


def test_same_event_told_twice_is_merged(built: Story) -> None:
    cited = [e for e in built.timeline if len(e["articles"]) > 1]
    assert cited, "an event reported by two outlets cites both"


def test_security_force_deaths_changed_over_time(built: Story) -> None:
    deaths = [c for c in built.claims if {v["value"] for v in c["values"]} == {8.0, 16.0}]
    assert len(deaths) == 1
    claim = deaths[0]
    assert claim["disagree"] is True and claim["kind"] == "changed"
    series = [(v["as_of"], v["value"]) for v in claim["values"]]
    assert series[0] == ("2022-01-05", 8.0)
    assert all(value == 16.0 for _, value in series[1:])
    # Unrelated figures (troops, vehicles, arrests) are not mixed into it.
    assert not any(c["disagree"] for c in built.claims if c is not claim)


def test_each_value_names_who_reported_it(built: Story) -> None:
    deaths = next(c for c in built.claims if {v["value"] for v in c["values"]} == {8.0, 16.0})
    sources = {v["value"]: v["source"] for v in deaths["values"]}
    # "أعلنت وكالة الأنباء الفرنسية عن مقتل 8": who said 8, who said 16.
    assert sources[8.0] and "الفرنسية" in sources[8.0]["text"]
    assert all(v["source"] for v in deaths["values"])


def test_same_day_different_figures_conflict(example: tuple[list[Article], list[Entity]]) -> None:
    pages = {a.id[:3]: a for a in example[0]}
    # Dated the same day as 004, the report of 8 deaths now contradicts 16.
    early = dataclasses.replace(pages["002"], published="2022-01-10", times=[])
    claims = build_claims([early, pages["004"]])
    assert len(claims) == 1
    assert claims[0]["disagree"] is True and claims[0]["kind"] == "conflict"


def test_agreeing_figures_are_no_disagreement(example: tuple[list[Article], list[Entity]]) -> None:
    pages = {a.id[:3]: a for a in example[0]}
    claims = build_claims([pages["004"], pages["001"]])
    deaths = [c for c in claims if {v["value"] for v in c["values"]} == {16.0}]
    assert deaths and deaths[0]["disagree"] is False


def test_count_of_unrelated_nouns_not_grouped() -> None:
    text_a = "نشرت السلطات نحو 50 مركبة في شوارع المدينة الرئيسية."
    text_b = "اشترت الشركة 250 مركبة جديدة لأسطولها التجاري هذا العام."
    a = Article("a", "", text_a, quantities=[Quantity("50 مركبة", text_a.index("50"),
                                                      text_a.index("50") + 8, 50, True, None,
                                                      "مركبة")])
    b = Article("b", "", text_b, quantities=[Quantity("250 مركبة", text_b.index("250"),
                                                      text_b.index("250") + 9, 250, False, None,
                                                      "مركبة")])
    assert build_claims([a, b]) == []


def test_measures_never_mix_with_counts() -> None:
    text_a = "أعلنت الشرطة مقتل 12 شخصا في الهجوم على السوق."
    text_b = "أعلنت الشرطة أن الهجوم على السوق خلف خسائر بقيمة 12 مليون دولار وقتلى."
    qa = Quantity("12 شخصا", text_a.index("12"), text_a.index("12") + 7, 12, False, None, "شخص")
    qb = Quantity("12 مليون دولار", text_b.index("12"), text_b.index("12") + 14, 12e6, False,
                  None, "دولار")
    assert build_claims([Article("a", "", text_a, quantities=[qa]),
                         Article("b", "", text_b, quantities=[qb])]) == []


def test_summary_cites_and_does_not_repeat(built: Story) -> None:
    summary = built.summary
    assert 3 <= len(summary) <= 8
    texts = [s["text"] for s in summary]
    assert len(set(texts)) == len(texts)
    assert all(s["articles"] and set(s["articles"]) <= set(built.articles) for s in summary)
    # More than one outlet is drawn on, and some sentence is backed by several.
    assert len({i for s in summary for i in s["articles"]}) >= 3
    assert any(len(s["articles"]) > 1 for s in summary)


def test_incremental_join_keeps_story(example: tuple[list[Article], list[Entity]]) -> None:
    articles = sorted(example[0], key=lambda a: a.published or "")
    first, later = articles[:3], articles[3:]
    index = StoryIndex()
    stories, _ = build(first, [], index=index)
    assert len(stories) == 1
    story_id = stories[0].id
    # The index goes through JSON, as it would through the store.
    restored = StoryIndex.from_dict(json.loads(json.dumps(index.to_dict())))
    more, _ = build(later, [], stories=stories, index=restored,
                    known={a.id: a for a in first})
    assert [s.id for s in more] == [story_id]
    assert sorted(more[0].articles) == sorted(a.id for a in articles)
    assert more[0].timeline[-1]["date"] == "2022-01-12"


def test_incremental_from_stored_stories_alone(
        example: tuple[list[Article], list[Entity]]) -> None:
    articles = sorted(example[0], key=lambda a: a.published or "")
    stories, _ = build(articles[:4], [])
    # No index kept: rebuilt from the stories' title, summary and timeline.
    more = cluster(articles[4:], stories)
    assert len(more) == 1 and articles[4].id in more[0].articles


def test_story_spans_days_not_years(example: tuple[list[Article], list[Entity]]) -> None:
    pages = {a.id[:3]: a for a in example[0]}
    later = dataclasses.replace(pages["004"], id="004-next-year", published="2023-01-10")
    stories = cluster([pages["001"], pages["000"], pages["004"], later])
    where = {a: s.id for s in stories for a in s.articles}
    assert where[pages["004"].id] == where[pages["001"].id]
    assert where["004-next-year"] != where[pages["004"].id]


def _bcubed(pred: dict[str, str], gold: dict[str, str]) -> float:
    groups_p: dict[str, set[str]] = defaultdict(set)
    groups_g: dict[str, set[str]] = defaultdict(set)
    for a in gold:
        groups_p[pred[a]].add(a)
        groups_g[gold[a]].add(a)
    p = sum(len(groups_p[pred[a]] & groups_g[gold[a]]) / len(groups_p[pred[a]]) for a in gold)
    r = sum(len(groups_p[pred[a]] & groups_g[gold[a]]) / len(groups_g[gold[a]]) for a in gold)
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r)


def test_snn_sample_clusters_events_not_topics() -> None:
    articles, labels, _ = snn()
    stories = cluster(articles, reuse=find_reuse(articles))
    pred = {a: s.id for s in stories for a in s.articles}
    assert sorted(pred) == sorted(labels)
    assert _bcubed(pred, labels) >= 0.9
    # The MH370 debris story holds together across outlets.
    mh370 = {pred[a] for a, g in labels.items() if g.startswith("mh370")}
    assert len(mh370) <= 2


_ROUNDUP = """
import sys
sys.path.insert(0, {fixtures!r})
from stories_fixtures import snn_cases
from marsad.stories import cluster, find_reuse
c = snn_cases()
articles = [c["00829"], c["00835"], c["00140"]]
stories = cluster(articles, reuse=find_reuse(articles))
print(next(s.articles for s in stories if c["00140"].id in s.articles))
"""


def test_roundup_joins_the_story_of_its_lead_whatever_the_hash_seed() -> None:
    # Asharq Al-Awsat's roundup (00140) copies both Al-Watan previews, the French
    # (00829) and the German Super Cup (00835); its title and lead are the German one.
    # Ties between linked stories were broken in the hash order of a set of ids.
    fixtures = str(Path(__file__).parent / "fixtures" / "stories")
    code = _ROUNDUP.format(fixtures=fixtures)
    for seed in ("0", "1", "2", "3"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
        assert "SNN-2015-08-01-00835" in out and "SNN-2015-08-01-00829" not in out, seed


def test_build_on_snn_sample_describes_every_story() -> None:
    articles, _, _ = snn()
    stories, reuse = build(articles, [])
    assert reuse
    for s in stories:
        assert s.title and s.start and s.end and s.start <= s.end
        assert 1 <= len(s.summary) <= 8
        assert all(set(x["articles"]) <= set(s.articles) for x in s.summary)


def test_with_the_extraction_stages(example: tuple[list[Article], list[Entity]]) -> None:
    """The same acceptance on times and figures from the real taggers, when present."""
    times = pytest.importorskip("marsad.extract.times")
    quantities = pytest.importorskip("marsad.extract.quantities")
    if not (hasattr(times, "tag") and hasattr(quantities, "find_quantities")):
        pytest.skip("extraction stages not available")
    articles = [dataclasses.replace(a) for a in example[0]]
    for a in articles:
        a.times = times.tag(a.text, a.published)
        a.quantities = quantities.find_quantities(a.text)
    stories, _ = build(articles, example[1])
    assert len(stories) == 1
    story = stories[0]
    dates = [e["date"] for e in story.timeline]
    assert dates[0] == "2022-01-02" and dates[-1] == "2022-01-12"
    changed = [c for c in story.claims if c["kind"] == "changed"]
    assert any({v["value"] for v in c["values"]} == {8.0, 16.0} for c in changed)


def test_timex_day_reads_dates_times_and_ranges() -> None:
    from marsad.records import TimeExpr
    from marsad.stories.text import timex_day

    def t(kind: str, value: str) -> TimeExpr:
        return TimeExpr("x", 0, 1, kind, value)

    assert timex_day(t("DATE", "2022-01-05")) == "2022-01-05"
    assert timex_day(t("TIME", "2022-01-05TEV")) == "2022-01-05"
    assert timex_day(t("TIME", "2022-01-12T14:15")) == "2022-01-12"
    assert timex_day(t("DATE", "2022-01-05/2022-01-19")) == "2022-01-05"
    assert timex_day(t("DATE", "2022-01")) is None
    assert timex_day(t("DURATION", "P2D")) is None
    assert timex_day(t("DATE", "FUTURE_REF")) is None


def test_output_matches_the_dossier_schema(built: Story,
                                           example: tuple[list[Article], list[Entity]]) -> None:
    from dataclasses import asdict
    from importlib import resources

    jsonschema = pytest.importorskip("jsonschema")
    path = resources.files("marsad.serve").joinpath("dossier.schema.json")
    if not path.is_file():
        pytest.skip("no dossier schema")
    schema = json.loads(path.read_text(encoding="utf-8"))
    defs = schema.get("$defs", {})
    if "story" not in defs or "reuse" not in defs:
        pytest.skip("schema has no story/reuse definitions")
    _, reuse = build(*example)
    jsonschema.validate(json.loads(json.dumps(asdict(built))),
                        {"$defs": defs, "$ref": "#/$defs/story"})
    for r in reuse:
        jsonschema.validate(r.to_dict(), {"$defs": defs, "$ref": "#/$defs/reuse"})


def test_example_pages_through_the_whole_pipeline() -> None:
    """The issue's acceptance on the example pages, from raw files through `analyze`."""
    import marsad

    pages = Path(__file__).resolve().parents[1] / "examples" / "kazakhstan-2022"
    try:
        dossier = marsad.analyze([str(pages)])
    except (ImportError, AttributeError, NotImplementedError) as exc:
        pytest.skip(f"pipeline not assembled yet: {exc}")
    assert len(dossier.articles) == 5 and len(dossier.stories) == 1
    story = dossier.stories[0]
    ids = {a.id[:3]: a.id for a in dossier.articles}
    assert [(r.articles, r.source) for r in dossier.reuse] == [
        ([ids["002"], ids["003"]], ids["002"])]
    assert any("عصابات إرهابية دولية" in p for p in dossier.reuse[0].passages)
    dates = [e["date"] for e in story.timeline]
    assert dates[0] == "2022-01-02" and dates[-1] == "2022-01-12"
    assert {"2022-01-05", "2022-01-06", "2022-01-10"} <= set(dates)
    deaths = [c for c in story.claims if {v["value"] for v in c["values"]} == {8.0, 16.0}]
    assert deaths and deaths[0]["kind"] == "changed"
    assert 3 <= len(story.summary) <= 8
    assert all(s["articles"] for s in story.summary)
