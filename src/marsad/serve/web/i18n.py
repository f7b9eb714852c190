"""Every label of the web app in Arabic (the default, right to left) and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from marsad.serve.wording import ARTICLES, OUTLETS, counted

__all__ = ["LANGS", "Lang", "direction", "label", "translator"]

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")

# key: (Arabic, English)
_LABELS: dict[str, tuple[str, str]] = {
    "site": ("مرصد", "marsad"),
    "tagline": ("مرصد الأخبار العربية", "Arabic news observatory"),
    "other_lang": ("English", "العربية"),
    "search": ("بحث", "Search"),
    "search_placeholder": ("ابحث في العناوين والنصوص", "Search titles and texts"),
    "home": ("الرئيسية", "Home"),
    "latest": ("أحدث القصص", "Latest stories"),
    "breaking": ("عاجل", "Breaking"),
    "breaking_rule": ("عاجل: قصة نُشرت ثلاثة من مقالاتها على الأقل، ونصف مقالاتها على الأقل، "
                      "في آخر يومين مخزّنين",
                      "Breaking: a story with at least three of its articles, and at least "
                      "half of them, published on the last two days stored"),
    "filters": ("تصفية", "Filters"),
    "outlet": ("المنفذ", "Outlet"),
    "all_outlets": ("كل المنافذ", "All outlets"),
    "unknown_outlet": ("منفذ غير معروف", "Outlet not known"),
    "day": ("اليوم", "Day"),
    "apply": ("تطبيق", "Apply"),
    "more": ("المزيد", "More"),
    "no_stories": ("لا قصص تطابق التصفية.", "No story matches the filters."),
    "stories_total": ("عدد القصص", "Stories"),
    "updated": ("آخر تحديث", "Last update"),
    "span": ("المدة", "Span"),
    "summary": ("الملخص", "Summary"),
    "timeline": ("الخط الزمني", "Timeline"),
    "claims": ("الأرقام المتداولة", "Figures reported"),
    "about": ("ماذا يُعدّ", "What is counted"),
    "unit": ("الوحدة", "Unit"),
    "values": ("القيم", "Values"),
    "verdict": ("الحكم", "Verdict"),
    "conflict": ("تضارب بين المصادر", "Sources disagree"),
    "changed": ("تغيّر مع الوقت", "Changed over time"),
    "agree": ("متفق", "Agree"),
    "as_of": ("حتى", "as of"),
    "according_to": ("بحسب", "according to"),
    "quotes_by_speaker": ("الاقتباسات حسب المتحدث", "Quotes by speaker"),
    "unknown_speaker": ("متحدث غير محدد", "Unidentified speaker"),
    "copies": ("النقل بين المنافذ", "Copying between outlets"),
    "copied_from_text": ("نقل عن", "copied from"),
    "shared_text": ("نص مشترك، المصدر غير محدد", "shared text, source unknown"),
    "via": ("عبر", "via"),
    "copied_share": ("من نصه منقول", "of its text copied"),
    "outlet_comparison": ("مقارنة المنافذ", "Outlets compared"),
    "first_report": ("أول تقرير", "First report"),
    "figures_given": ("الأرقام التي ذكرها", "Figures it gave"),
    "copied_from": ("نقل عن", "Copied from"),
    "credited": ("نسب إلى", "Credited"),
    "sources": ("المصادر", "Sources"),
    "downloads": ("تنزيل", "Download"),
    "claims_csv": ("الأرقام (CSV)", "Figures (CSV)"),
    "claims_json": ("الأرقام (JSON)", "Figures (JSON)"),
    "feed": ("خلاصة Atom", "Atom feed"),
    "entity": ("الكيان", "Entity"),
    "spellings": ("كل التهجئات المدمجة", "Every spelling merged"),
    "titles": ("الألقاب والمناصب", "Titles and roles"),
    "type": ("النوع", "Type"),
    "type_PER": ("شخص", "Person"),
    "type_LOC": ("مكان", "Place"),
    "type_ORG": ("منظمة", "Organisation"),
    "type_MISC": ("أخرى", "Other"),
    "any_type": ("أي نوع", "Any type"),
    "mentions": ("الإشارات", "Mentions"),
    "mentions_per_day": ("الإشارات في اليوم", "Mentions per day"),
    "stories": ("القصص", "Stories"),
    "quotes": ("أقواله", "Quotes"),
    "no_quotes": ("لا اقتباسات.", "No quotes."),
    "merged_from": ("معرّفات مدمجة فيه", "Ids merged into it"),
    "volume_per_day": ("المقالات في اليوم", "Articles per day"),
    "copies_from": ("ينقل عن", "Copies from"),
    "copied_by": ("ينقل عنه", "Copied by"),
    "shares_with": ("يشارك نصاً مع", "Shares text with"),
    "links": ("روابط", "links"),
    "disagreements": ("أرقامه المخالفة لمنافذ أخرى", "Its figures other outlets gave differently"),
    "its_value": ("قيمته", "Its value"),
    "others": ("قيم الآخرين", "Others' values"),
    "story": ("القصة", "Story"),
    "none": ("لا شيء.", "None."),
    "articles": ("المقالات", "Articles"),
    "text": ("النص", "Text"),
    "published": ("تاريخ النشر", "Published"),
    "discovered": ("تاريخ الرصد", "Discovered"),
    "unknown_date": ("تاريخ غير معروف", "date unknown"),
    "author": ("الكاتب", "Author"),
    "credits": ("المصادر المذكورة", "Credits"),
    "posts": ("منشورات مضمّنة", "Embedded posts"),
    "origin": ("الأصل", "Origin"),
    "reuse": ("نص مشترك مع مقالات أخرى", "Text shared with other articles"),
    "legend": ("المفتاح", "Key"),
    "legend_time": ("زمن", "time"),
    "legend_mention": ("اسم", "name"),
    "legend_figure": ("رقم", "figure"),
    "legend_quote": ("اقتباس", "quote"),
    "basis_metadata": ("من بيانات المصدر", "from the source's metadata"),
    "basis_dateline": ("من سطر التاريخ", "from the dateline"),
    "basis_inferred": ("مستنتج من النص", "inferred from the text"),
    "basis_discovered": ("تاريخ الرصد: نُشر فيه أو قبله", "crawl date: published on or before"),
    "results": ("النتائج", "Results"),
    "hits_total": ("مقالات مطابقة", "matching articles"),
    "no_hits": ("لا نتائج.", "No results."),
    "next_page": ("الصفحة التالية", "Next page"),
    "facet_outlet": ("حسب المنفذ", "By outlet"),
    "facet_day": ("حسب اليوم", "By day"),
    "spellings_searched": ("تهجئات أخرى بُحث عنها", "Other spellings searched"),
    "since": ("من", "Since"),
    "until": ("إلى", "Until"),
    "results_csv": ("النتائج (CSV)", "Results (CSV)"),
    "results_json": ("النتائج (JSON)", "Results (JSON)"),
    "empty_query": ("اكتب كلمة أو اسماً للبحث.", "Type a word or a name to search."),
    "not_found": ("غير موجود", "Not found"),
    "bad_request": ("طلب غير صالح", "Bad request"),
    "error": ("خطأ", "Error"),
    "back_home": ("العودة إلى الرئيسية", "Back to the home page"),
    "copy_link": ("رابط دائم", "Permalink"),
    "api": ("الواجهة البرمجية", "API"),
    "feeds": ("الخلاصات المتابَعة", "Feeds followed"),
    "followed_feed": ("الخلاصة", "Feed"),
    "feeds_none": ("لا خلاصات بعد (marsad watch يتابعها).",
                   "No feed yet (marsad watch follows them)."),
    "feeds_flagged": ("خلاصات تحتاج نظراً", "Feeds needing a look"),
    "last_poll": ("آخر جلب", "Last poll"),
    "last_success": ("آخر نجاح", "Last success"),
    "last_error": ("آخر خطأ", "Last error"),
    "last_item": ("آخر مادة جديدة", "Last new item"),
    "items_per_day": ("مواد في اليوم", "Items a day"),
    "failed_items": ("مواد تعذّر جلبها", "Items not read"),
    "flags": ("تنبيهات", "Flags"),
    "never": ("أبداً", "never"),
    "flags_rule": ("تنبيه: فشل ثلاث مرات متتالية أو أكثر، أو لا مواد جديدة منذ يومين، أو حجم "
                   "آخر يوم دون ربع المعتاد",
                   "Flagged: three failed polls in a row or more, no new item for two days, "
                   "or the last day's items below a quarter of the usual"),
}


def label(key: str, lang: Lang) -> str:
    ar, en = _LABELS[key]
    return ar if lang == "ar" else en


def direction(lang: Lang) -> str:
    return "rtl" if lang == "ar" else "ltr"


def _count(n: int, what: str, lang: Lang) -> str:
    if lang == "ar":
        return counted(n, ARTICLES if what == "articles" else OUTLETS)
    noun = "article" if what == "articles" else "outlet"
    return f"{n} {noun}" + ("" if n == 1 else "s")


def translator(lang: Lang) -> tuple[Callable[[str], str], Callable[[int, str], str]]:
    """(label of a key, count of articles/outlets) in `lang`."""
    return (lambda key: label(key, lang)), (lambda n, what: _count(n, what, lang))
