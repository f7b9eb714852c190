"""One story as a self-contained HTML fragment for report.html.

Right-to-left, inline CSS and SVG only (no external assets), every text escaped. Shows the
cited summary, a timeline graphic, the claims table with disagreements highlighted, the
quotes grouped by speaker and the copy links between outlets.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from html import escape

from marsad.normalise import key
from marsad.records import Article, Entity, Reuse, Story
from marsad.serve.wording import ARTICLES, OUTLETS, counted, day_span, ltr

_CSS = """
.mr-story{direction:rtl;font-family:'Noto Naskh Arabic','Amiri',Tahoma,sans-serif;
 line-height:1.7;color:#1d2430;border:1px solid #d5dbe3;border-radius:8px;padding:1rem 1.25rem;
 margin:1rem 0;background:#fff}
.mr-story h2{font-size:1.35rem;margin:.2rem 0 .4rem}
.mr-story h3{font-size:1.05rem;margin:1.1rem 0 .4rem;color:#34506b;border-bottom:1px solid #e6eaf0}
.mr-story .mr-meta{color:#5f6b7a;font-size:.9rem}
.mr-story sup a{text-decoration:none;color:#2864a8;font-size:.75rem;margin:0 .1rem}
.mr-story ol.mr-sum{padding-inline-start:1.4rem}
.mr-story table{border-collapse:collapse;width:100%;font-size:.92rem}
.mr-story th,.mr-story td{border:1px solid #e1e6ed;padding:.3rem .5rem;text-align:right;
 vertical-align:top}
.mr-story tr.mr-conflict td{background:#fde8e8}
.mr-story tr.mr-changed td{background:#fff6dd}
.mr-story .mr-tag{display:inline-block;border-radius:4px;padding:0 .35rem;font-size:.8rem}
.mr-story .mr-tag.conflict{background:#c62828;color:#fff}
.mr-story .mr-tag.changed{background:#e0a100;color:#fff}
.mr-story .mr-tag.same{background:#e6eaf0;color:#34506b}
.mr-story blockquote{margin:.3rem 0;padding:.2rem .7rem;border-inline-start:3px solid #9fb4cc;
 background:#f6f8fb}
.mr-story .mr-tl{overflow-x:auto}
.mr-story ul.mr-events{list-style:none;padding:0;margin:.4rem 0}
.mr-story ul.mr-events li{margin:.25rem 0}
.mr-story .mr-date{font-weight:bold;color:#34506b;margin-inline-end:.6rem}
.mr-story .mr-copy{font-size:.9rem}
.mr-story details{margin:.2rem 0}
"""


def _ref(article_id: str, numbers: dict[str, int], articles: dict[str, Article]) -> str:
    a = articles.get(article_id)
    label = (a.outlet if a and a.outlet else article_id)
    n = numbers.get(article_id, 0)
    return (f'<a href="#art-{escape(article_id, quote=True)}" title="{escape(label, quote=True)}">'
            f"[{n}]</a>")


def _cite(ids: list[str], numbers: dict[str, int], articles: dict[str, Article]) -> str:
    if not ids:
        return ""
    return "<sup>" + "".join(_ref(i, numbers, articles) for i in ids) + "</sup>"


def _summary(story: Story, numbers: dict[str, int], articles: dict[str, Article]) -> str:
    if not story.summary:
        return ""
    items = "".join(
        f"<li>{escape(str(s.get('text', '')))}"
        f"{_cite(list(s.get('articles', [])), numbers, articles)}</li>"
        for s in story.summary
    )
    return f'<h3>الملخص</h3><ol class="mr-sum">{items}</ol>'


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None


def _timeline(story: Story, numbers: dict[str, int], articles: dict[str, Article]) -> str:
    events = [e for e in story.timeline if _parse(str(e.get("date", "")))]
    if not events:
        return ""
    counts: dict[date, int] = defaultdict(int)
    for e in events:
        d = _parse(str(e["date"]))
        if d:
            counts[d] += 1
    days = sorted(counts)
    first, last = days[0], days[-1]
    span = max(1, (last - first).days)
    width, pad, height = 640, 30, 70
    marks = []
    for d in days:
        # Right to left: the earliest day sits at the right end of the axis.
        x = width - pad - (width - 2 * pad) * (d - first).days / span
        r = 4 + 2 * min(counts[d], 4)
        label = escape(d.isoformat()[5:])
        marks.append(
            f'<circle cx="{x:.1f}" cy="30" r="{r}" fill="#2864a8" fill-opacity=".8">'
            f"<title>{escape(d.isoformat())}: {counts[d]}</title></circle>"
            f'<text x="{x:.1f}" y="58" font-size="11" text-anchor="middle" fill="#34506b">'
            f"{label}</text>"
        )
    svg = (
        f'<svg class="mr-tl" role="img" aria-label="الخط الزمني" width="100%" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="{pad}" y1="30" x2="{width - pad}" y2="30" stroke="#9fb4cc" stroke-width="2"/>'
        + "".join(marks) + "</svg>"
    )
    rows = "".join(
        f'<li><span class="mr-date">{ltr(str(e["date"]))}</span>{escape(str(e.get("text", "")))}'
        f"{_cite(list(e.get('articles', [])), numbers, articles)}</li>"
        for e in events
    )
    return f'<h3>الخط الزمني</h3>{svg}<ul class="mr-events">{rows}</ul>'


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return escape(str(value))


def _source(source: object) -> str:
    """ "بحسب X": who the article attributes the figure to."""
    if isinstance(source, dict) and source.get("text"):
        return f' <span class="mr-meta">بحسب {escape(str(source["text"]))}</span>'
    return ""


def _claims(story: Story, numbers: dict[str, int], articles: dict[str, Article]) -> str:
    if not story.claims:
        return ""
    rows = []
    for c in story.claims:
        kind = c.get("kind")
        if c.get("disagree") and kind == "changed":
            cls, tag = "mr-changed", '<span class="mr-tag changed">تغيّر مع الوقت</span>'
        elif c.get("disagree"):
            cls, tag = "mr-conflict", '<span class="mr-tag conflict">تضارب بين المصادر</span>'
        else:
            cls, tag = "", '<span class="mr-tag same">متفق</span>'
        values = "<br>".join(
            f"{'~' if v.get('approx') else ''}{_number(v.get('value'))}"
            f"{' — ' + escape(str(v['text'])) if v.get('text') else ''}"
            f"{_source(v.get('source'))}"
            f" <span class=\"mr-meta\">({escape(str(v.get('as_of') or '؟'))})</span>"
            f"{_cite([str(v.get('article'))], numbers, articles)}"
            for v in c.get("values", [])
        )
        unit = escape(str(c.get("unit") or ""))
        rows.append(f'<tr class="{cls}"><td>{escape(str(c.get("about", "")))}</td>'
                    f"<td>{unit}</td><td>{values}</td><td>{tag}</td></tr>")
    return ('<h3>الأرقام المتداولة</h3><table><thead><tr><th>ماذا يُعدّ</th><th>الوحدة</th>'
            "<th>القيم (حتى تاريخ)</th><th>الحكم</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def quotes_by_speaker(story: Story, articles: dict[str, Article], entities: dict[str, Entity]
                      ) -> list[tuple[str, str | None, list[tuple[str, list[str]]]]]:
    """The story's quotes grouped by speaker, most quoted first: (speaker name, entity id,
    [(quote as first seen, articles quoting it)]); the same quote in two articles once."""
    # speaker -> quote key -> (text as first seen, articles quoting it)
    by_speaker: dict[tuple[str, str | None], dict[str, tuple[str, list[str]]]] = (
        defaultdict(dict))
    for aid in story.articles:
        a = articles.get(aid)
        if not a:
            continue
        for q in a.quotes:
            ent = entities.get(q.speaker) if q.speaker else None
            name = ent.name if ent else (q.speaker_text or "")
            group = by_speaker[(name, ent.id if ent else None)]
            cited = group.setdefault(key(q.text), (q.text, []))[1]
            if aid not in cited:
                cited.append(aid)
    ranked = sorted(by_speaker.items(), key=lambda kv: -len(kv[1]))
    return [(name, eid, list(quotes.values())) for (name, eid), quotes in ranked]


def _quotes(story: Story, numbers: dict[str, int], articles: dict[str, Article],
            entities: dict[str, Entity]) -> str:
    groups = quotes_by_speaker(story, articles, entities)
    if not groups:
        return ""
    parts = []
    for name, _, quotes in groups:
        body = "".join(f"<blockquote>{escape(t)}{_cite(aids, numbers, articles)}</blockquote>"
                       for t, aids in quotes)
        parts.append(f"<details open><summary><b>{escape(name or 'متحدث غير محدد')}</b> "
                     f"({len(quotes)})</summary>{body}</details>")
    return "<h3>الاقتباسات حسب المتحدث</h3>" + "".join(parts)


def _copies(story: Story, reuse: list[Reuse], numbers: dict[str, int],
            articles: dict[str, Article]) -> str:
    members = set(story.articles)
    links = [r for r in reuse if members & set(r.articles)]
    if not links:
        return ""
    rows = []
    for r in links:
        a, b = r.articles
        pct = round(100 * r.share)
        if r.source:
            copier = b if r.source == a else a
            head = (f"{_outlet(copier, articles)} نقل عن {_outlet(r.source, articles)}"
                    f"{_cite([r.source, copier], numbers, articles)} — {pct}٪ من نص"
                    f" {_outlet(copier, articles)} منقول")
        else:
            head = (f"{_outlet(a, articles)} ↔ {_outlet(b, articles)} (نص مشترك، المصدر غير محدد)"
                    f"{_cite([a, b], numbers, articles)} — {pct}٪ من أحد النصين مشترك")
        passages = "".join(f"<blockquote>{escape(p)}</blockquote>" for p in r.passages)
        rows.append(f'<details class="mr-copy"><summary>{head}</summary>{passages}</details>')
    return "<h3>النقل بين المنافذ</h3>" + "".join(rows)


def _outlet(article_id: str, articles: dict[str, Article]) -> str:
    a = articles.get(article_id)
    return escape(a.outlet if a and a.outlet else article_id)


def _sources(story: Story, numbers: dict[str, int], articles: dict[str, Article]) -> str:
    items = []
    for aid in story.articles:
        a = articles.get(aid)
        title = escape(a.title or aid) if a else escape(aid)
        meta = escape(" · ".join(x for x in (a.outlet, (a.published or "")[:10]) if x)) if a else ""
        link = (f'<a href="{escape(a.url, quote=True)}" rel="noopener">{title}</a>'
                if a and a.url and a.url.startswith(("http://", "https://")) else title)
        items.append(f'<li id="art-{escape(aid, quote=True)}">[{numbers[aid]}] {link} '
                     f'<span class="mr-meta">{meta}</span></li>')
    return f'<h3>المصادر</h3><ul class="mr-events">{"".join(items)}</ul>'


def render_story(story: Story, articles: dict[str, Article], reuse: list[Reuse],
                 entities: dict[str, Entity]) -> str:
    """HTML fragment (a <section>) for one story; `articles` and `entities` by id."""
    numbers = {aid: n for n, aid in enumerate(story.articles, 1)}
    outlets = {a.outlet for i in story.articles if (a := articles.get(i)) and a.outlet}
    meta = (f"{escape(counted(len(story.articles), ARTICLES))} · "
            f"{escape(counted(len(outlets), OUTLETS))}")
    if story.start or story.end:
        meta += " · " + day_span(story.start, story.end)
    return (
        f'<section class="mr-story" dir="rtl" lang="ar" id="story-{escape(story.id, quote=True)}">'
        f"<style>{_CSS}</style>"
        f"<h2>{escape(story.title or story.id)}</h2>"
        f'<div class="mr-meta">{meta}</div>'
        + _summary(story, numbers, articles)
        + _timeline(story, numbers, articles)
        + _claims(story, numbers, articles)
        + _quotes(story, numbers, articles, entities)
        + _copies(story, reuse, numbers, articles)
        + _sources(story, numbers, articles)
        + "</section>"
    )
