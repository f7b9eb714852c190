"""Figures in Arabic news text: numbers that count or measure something.

`find_quantities` finds digit numbers (Western or Arabic-Indic, with separators) and
number words ("ثمانية آلاف"، "ست موجات"، duals such as "جنديين"), their hedge
("نحو"، "أكثر من"…) and the thing counted, reduced by `unit_key` to the singular
indefinite lemma ("قتيلاً"/"قتلى" → "قتيل").

Conventions follow eval/figures/GUIDELINES.md: years, dates, clock times, durations and
ages (time spans are the time tagger's), ordinals, identifiers (article, resolution,
phone numbers), match scores and vague numerals ("عشرات"، "آلاف") are not quantities.
Percentages are, with unit "بالمئة". A partitive "8 من القوات الأمنية" takes the
member noun of the group ("عنصر أمن"); an elided noun takes the noun of a preceding
"عدد/حصيلة …" phrase; "آخرين" takes the unit of the previous figure.

Matching runs once over the folded text (`marsad.normalise.fold`), so spelling and
diacritic variants need no special cases; spans are mapped back to the original.
"""

from marsad.extract.quantities.rules import find_quantities, unit_key

__all__ = ["find_quantities", "unit_key"]
