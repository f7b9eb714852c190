"""The day-scale evaluation's sampler and scorer (eval/busyday), on tiny hand-made dossiers.

The article sentences are from SaudiNewsNet 2015-08-04 (SNN-2015-08-04-00662 and -00113,
CC BY-NC-SA 4.0), a development day, not the test day.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval" / "busyday"))

from score import (  # noqa: E402
    check_label,
    names_match,
    score_claims,
    score_entities,
    score_quotes,
    score_timeline,
)
from tasks import Item, bottom, locate, sample, text_hash  # noqa: E402

KERRY = ("ووصل كيري الى الدوحة الاحد وافدا من القاهرة بعد زيارة مصر في نهاية الاسبوع ليؤكد "
         "لنظيره المصري سامح شكري والرئيس عبد الفتاح السيسي ان الاتفاق التاريخي مع ايران "
         "سيعزز الامن في الشرق الاوسط.")
GULF = ("أعلن وزير الخارجية الأميركية جون كيري أن بلاده ودول الخليج اتفقوا بعد جولة محادثات "
        "في الدوحة أمس على تطوير التعاون الاستراتيجي بين الطرفين.\n"
        "وقال كيري: \"نقف اليوم متحدين في جهودنا\".")


def _mention(text: str, word: str, etype: str, entity: str) -> dict[str, Any]:
    at = text.index(word)
    return {"text": word, "start": at, "end": at + len(word), "type": etype, "entity": entity}


def _dossier() -> dict[str, Any]:
    a1 = {"id": "A1", "title": "كيري في الدوحة", "outlet": "alarabiya", "text": KERRY,
          "mentions": [_mention(KERRY, "كيري", "PER", "per-kerry"),
                       _mention(KERRY, "الدوحة", "LOC", "loc-doha")],
          "quotes": [], "quantities": []}
    quote = GULF.index("نقف")
    a2 = {"id": "A2", "title": "كيري ودول الخليج", "outlet": "alyaum", "text": GULF,
          "mentions": [_mention(GULF, "جون كيري", "PER", "per-kerry"),
                       _mention(GULF, "الدوحة", "LOC", "loc-doha")],
          "quotes": [{"text": "نقف اليوم متحدين في جهودنا", "start": quote,
                      "end": quote + 26, "speaker": "per-kerry", "speaker_text": "كيري",
                      "direct": True}],
          "quantities": []}
    entities = [{"id": "per-kerry", "name": "جون كيري", "type": "PER",
                 "variants": ["جون كيري", "كيري"], "articles": ["A1", "A2"]},
                {"id": "loc-doha", "name": "الدوحة", "type": "LOC", "variants": ["الدوحة"],
                 "articles": ["A1", "A2"]}]
    story = {"id": "s1", "title": "t", "articles": ["A1", "A2"],
             "timeline": [{"date": "2015-08-02", "text": KERRY[:60] + "…", "articles": ["A1"]}],
             "claims": [], "summary": [{"text": GULF.split("\n")[0], "articles": ["A2"]}]}
    return {"articles": [a1, a2], "entities": entities, "stories": [story], "reuse": []}


RECORDS = {"A1": {"date_extracted": "2015-08-04 10:00:00"},
           "A2": {"date_extracted": "2015-08-04 11:00:00"}}


def test_task_lines_never_show_marsads_answer() -> None:
    items = sample(_dossier(), RECORDS)
    assert [len(items[n]) for n in ("entities", "quotes", "timeline", "summaries")] == [4, 1, 1, 1]
    for rows in items.values():
        for it in rows:
            line = json.dumps(it.task, ensure_ascii=False)
            assert "per-kerry" not in line and "loc-doha" not in line  # no entity ids
            assert "speaker" not in it.task and "type" not in it.task
            assert "2015-08-02" not in line  # the timeline entry's date
            assert it.task["key"] == it.key
    (entry,) = items["timeline"]
    assert entry.key == f"A1:{text_hash(KERRY[:60] + '…')}"
    assert entry.task["text"].startswith("⟦ووصل كيري")  # the shortened sentence was found
    assert {it.task["article"] for it in items["entities"] if it.group == "per-kerry"} == {
        "A1", "A2"}


def test_draw_of_a_grown_set_keeps_the_old_picks_that_still_rank() -> None:
    old = [(f"k{i}", f"k{i}") for i in range(50)]
    new = old + [(f"n{i}", f"n{i}") for i in range(5)]
    picked_old, picked_new = set(bottom(17, old, 10)), set(bottom(17, new, 10))
    assert picked_new - picked_old <= {f"n{i}" for i in range(5)}
    assert len(picked_new & picked_old) >= 5


def test_locate_finds_a_shortened_sentence() -> None:
    assert locate(GULF, GULF[:90] + "…") == (0, 90)
    assert locate(GULF, "جملة ليست في المقال على الإطلاق ولا يوجد منها شيء هنا") is None


def test_names_match_needs_a_name_not_a_title() -> None:
    assert not names_match(["الرئيس"], ["باراك أوباما", "أوباما"])
    assert names_match(["اوباما"], ["باراك أوباما", "أوباما"])  # folded alef
    assert names_match(["الرئيس باراك أوباما"], ["باراك أوباما"])
    assert not names_match(["محمد"], ["محمد بن سلمان"])


def _items(groups: dict[str, list[str]]) -> list[Item]:
    return [Item(k, {"key": k}, {"entity": g}, group=g) for g, keys in groups.items()
            for k in keys]


def test_entity_score_counts_merges_of_two_people() -> None:
    items = _items({"e1": ["a", "b"], "e2": ["c", "d"], "e3": ["e", "f"], "e4": ["g", "h"],
                    "e5": ["i", "j"]})
    labels = {
        "a": {"status": "NAME", "referent": "Salman bin Abdulaziz (King)", "type": "PER"},
        "b": {"status": "NAME", "referent": "Mohammed bin Salman", "type": "PER"},
        "c": {"status": "NAME", "referent": "Yemen", "type": "LOC"},
        "d": {"status": "NAME", "referent": "yemen ", "type": "LOC"},
        "e": {"status": "NAME", "referent": "Riyadh", "type": "LOC"},
        "f": {"status": "NOT_A_NAME", "referent": None, "type": None},
        "g": {"status": "NAME", "referent": "Riyadh", "type": "LOC"},
        "h": {"status": "NAME", "referent": "Riyadh", "type": "LOC"},
        "i": {"status": "NAME", "referent": "Jeddah", "type": "LOC"},
    }  # j unlabelled: e5 is left out
    links, merges, split = score_entities(items, labels)
    assert (links.right, links.n) == (5, 8)
    assert (merges.right, merges.n) == (3, 4) and "people: 1" in merges.note
    assert (split.right, split.n) == (3, 4)  # Riyadh is split over e3 and e4


def test_quote_timeline_and_claim_scores() -> None:
    quotes = [Item("q1", {}, {"speaker": "per-1", "names": ["جون كيري", "كيري"]}),
              Item("q2", {}, {"speaker": "per-2", "names": ["الرئيس"]}),
              Item("q3", {}, {"speaker": None, "names": []})]
    gold = {"q1": {"status": "NAMED", "names": ["كيري"]},
            "q2": {"status": "NAMED", "names": ["باراك أوباما"]},
            "q3": {"status": "ROLE_ONLY", "names": [], "role": "مصدر أمني"}}
    (fig,) = score_quotes(quotes, gold)
    assert (fig.right, fig.n) == (2, 3)
    dates = [Item("t1", {}, {"date": "2015-07-30"}), Item("t2", {}, {"date": "2015-07-31"}),
             Item("t3", {}, {"date": "2015-07-31"})]
    (fig,) = score_timeline(dates, {"t1": {"date": "2015-07-30"}, "t2": {"date": "2015-07-30"},
                                    "t3": {"date": "UNKNOWN"}})
    assert (fig.right, fig.n) == (1, 2)
    pairs = [Item("p1", {}, group="c1"), Item("p2", {}, group="c1"), Item("p3", {}, group="c2")]
    real = {"same_measure": "yes", "differ": "yes"}
    pair_fig, claim_fig = score_claims(pairs, {"p1": real, "p3": real, "p2": {
        "same_measure": "no", "differ": None}})
    assert (pair_fig.right, pair_fig.n) == (2, 3) and (claim_fig.right, claim_fig.n) == (1, 2)


def test_bad_labels_are_refused() -> None:
    assert check_label("timeline", {"key": "k", "date": "30/07/2015"})
    assert check_label("claims", {"key": "k", "same_measure": "maybe"})
    assert check_label("quotes", {"key": "k", "status": "NAMED", "names": []})
    assert check_label("entities", {"key": "k", "status": "NAME", "referent": "Yemen",
                                    "type": "LOC"}) is None
