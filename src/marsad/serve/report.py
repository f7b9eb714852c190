"""report.html: one self-contained right-to-left page, no external assets."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from importlib import resources
from string import Template

from marsad.records import Article, Dossier
from marsad.serve.wording import ARTICLES, OUTLETS, counted, day_span

__all__ = ["render_report"]

_BASIS = {"metadata": "من بيانات المصدر", "dateline": "من سطر التاريخ",
          "inferred": "مستنتج من النص", "discovered": "تاريخ الرصد: نُشر فيه أو قبله"}


def _article(article: Article) -> str:
    date = escape(article.published or "تاريخ غير معروف")
    basis = article.published_basis
    badge = (f' <span class="badge {basis}">{escape(_BASIS[basis])}</span>'
             if basis in _BASIS else "")
    meta = [
        f"<span><b>المنفذ:</b> {escape(article.outlet or 'غير معروف')}</span>",
        f"<span><b>التاريخ:</b> <bdi>{date}</bdi>{badge}</span>",
    ]
    if article.credits:
        meta.append(f"<span><b>المصادر:</b> {escape('، '.join(article.credits))}</span>")
    if article.author:
        meta.append(f"<span><b>الكاتب:</b> {escape(article.author)}</span>")
    meta.append(f'<span class="origin"><bdi dir="ltr">{escape(article.origin)}</bdi></span>')
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n") if p.strip())
    posts = ""
    if article.embedded_posts:
        items = "".join(
            f'<div class="post" dir="auto">{escape(p.text)} — {escape(p.author or "")} '
            f'<bdi dir="ltr">{escape("@" + p.handle if p.handle else "")} '
            f'{escape(p.date or "")}</bdi></div>'
            for p in article.embedded_posts
        )
        posts = f'<div class="posts"><b>منشورات مضمّنة</b>{items}</div>'
    title = escape(article.title or article.text[:80] + "…")
    return (f'<article class="item" id="a-{escape(article.id)}"><h3>{title}</h3>'
            f'<div class="meta">{"".join(meta)}</div>'
            f'<details><summary>النص الكامل</summary><div class="body">{paragraphs}</div>'
            f"{posts}</details></article>")


def _stories(dossier: Dossier) -> str:
    if not dossier.stories:
        return '<p class="empty">لا قصص بعد.</p>'
    render = _story_renderer()
    articles = {a.id: a for a in dossier.articles}
    entities = {e.id: e for e in dossier.entities}
    return "".join(render(story, articles, dossier.reuse, entities) for story in dossier.stories)


def _story_renderer() -> Callable[..., str]:
    from marsad.serve.story_view import render_story

    return render_story


def render_report(dossier: Dossier, of_stories: int | None = None) -> str:
    """The page; `of_stories`: how many stories the whole result holds, when the report
    shows only some of them (the dossier and `marsad serve` show all)."""
    template = Template(resources.files("marsad.serve").joinpath("report.html")
                        .read_text("utf-8"))
    outlets = sorted({a.outlet for a in dossier.articles if a.outlet})
    dates = sorted(a.published[:10] for a in dossier.articles if a.published)
    subtitle = (f"{escape(counted(len(dossier.articles), ARTICLES))} من "
                f"{escape(counted(len(outlets), OUTLETS))}")
    if dates:
        subtitle += "، " + day_span(dates[0], dates[-1], " — ")
    if of_stories is not None and of_stories > len(dossier.stories):
        subtitle += (f"<br>يعرض هذا التقرير أكبر {len(dossier.stories)} قصة من "
                     f"{of_stories}؛ القصص كلها في dossier.json وفي <bdi dir=\"ltr\">"
                     "marsad serve</bdi>")
    sections = [("stories", "القصص", _stories(dossier)),
                ("articles", "المقالات",
                 "".join(_article(a) for a in dossier.articles)
                 or '<p class="empty">لا مقالات.</p>')]
    if dossier.problems:
        items = "".join(f"<li><bdi>{escape(str(p))}</bdi></li>" for p in dossier.problems)
        sections.append(("problems", "مدخلات تعذّرت قراءتها", f'<ul class="problems">{items}</ul>'))
    toc = "".join(f'<a href="#{key}">{label}</a>' for key, label, _ in sections)
    body = "".join(f'<section id="{key}"><h2>{label}</h2>{html}</section>'
                   for key, label, html in sections)
    title = dossier.stories[0].title if len(dossier.stories) == 1 else "ملف الأحداث"
    return template.substitute(title=escape(title), subtitle=subtitle, toc=toc,
                               sections=body)
