"""Arabic wording shared by the report's pages."""

from __future__ import annotations

from html import escape

ARTICLES = ("مقال واحد", "مقالان", "مقالات", "مقالاً")
OUTLETS = ("منفذ واحد", "منفذان", "منافذ", "منفذاً")


def counted(n: int, forms: tuple[str, str, str, str]) -> str:
    """`n` things in Arabic number agreement: forms are (one, two, 3–10 plural, 11+ accusative)."""
    one, two, few, many = forms
    if n == 1:
        return one
    if n == 2:
        return two
    # 3–10, and 103–110 etc., take the plural; 11–99 of each hundred the accusative singular.
    return f"{n} {few if 3 <= n % 100 <= 10 else many}"


def ltr(text: str) -> str:
    """Escaped left-to-right isolate, so that dates and ranges keep their order in RTL text."""
    return f'<bdi dir="ltr">{escape(text)}</bdi>'


def day_span(first: str | None, last: str | None, dash: str = " – ") -> str:
    """First and last day as left-to-right isolates, one day when they are the same."""
    days = list(dict.fromkeys(d for d in (first, last) if d))
    return dash.join(ltr(d) for d in days)
