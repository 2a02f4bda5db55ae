"""Numbers and dates the Vietnamese way: 1.234,5 · 99,4 % · 13/04/2018.

English uses 1,234.5 · 99.4% and the same dd/mm/yyyy dates (the committee's documents).
"""
from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from . import definitions
from .i18n import t
from .periods import Period


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int = 0, lang: str = "vi") -> str:
    """``1234.5`` -> ``"1.234,5"`` (vi) or ``"1,234.5"`` (en); None -> ``"—"``."""
    if _is_missing(value):
        return t("number.none", lang)
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value, decimals: int = 1, lang: str = "vi") -> str:
    """A share (0..1) as ``"99,4 %"`` (vi) or ``"99.4%"`` (en); None -> ``"—"``."""
    if _is_missing(value):
        return t("number.none", lang)
    text = number(100 * value, decimals, lang)
    return f"{text} %" if lang != "en" else f"{text}%"


def fraction(numerator, denominator, lang: str = "vi") -> str:
    """``"178/179 · 99,4 %"``; ``"0/0 · —"`` when the denominator is 0."""
    share = None if not denominator else numerator / denominator
    return f"{number(numerator, 0, lang)}/{number(denominator, 0, lang)} · {percent(share, 1, lang)}"


def day(value) -> str:
    """``date(2018, 4, 13)`` -> ``"13/04/2018"``; None -> ``"—"``."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def timestamp(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y %H:%M")


def money(value, lang: str = "vi") -> str:
    """Đồng, with thousands separators: ``"12.400.000 đ"``."""
    if _is_missing(value):
        return t("number.none", lang)
    return f"{number(value, 0, lang)} đ"


def period_label(period: Period, lang: str = "vi") -> str:
    """"Quý 2/2018", "Năm 2026", "Nhiệm kỳ 2017–2020", or the date and its 12 months."""
    if period.kind == "month":
        return t("period.label.month", lang, month=period.start.month, year=period.start.year)
    if period.kind == "quarter":
        return t("period.label.quarter", lang, quarter=(period.start.month - 1) // 3 + 1, year=period.start.year)
    if period.kind == "year":
        return t("period.label.year", lang, year=period.start.year)
    if period.kind == "term":
        term = (period.term_code or f"{period.start.year}-{period.end.year}").replace("-", "–")
        return t("period.label.term", lang, term=term)
    return t("period.label.day", lang, end=day(period.end), start=day(period.start))


def short_period_label(period: Period, lang: str = "vi") -> str:
    """Like ``period_label`` but a day is just the date (for "compared with ...")."""
    if period.kind == "day":
        return day(period.end)
    return period_label(period, lang)


def note_period_label(kind: str, start: date, end: date, lang: str = "vi") -> str:
    """The period a note is about: "ngày 27/11/2026" for a single date, "Quý 3/2025",
    "Nhiệm kỳ 2025–2027" ... (see ``period_label``)."""
    if kind == "day" or start == end:
        return t("notes.on_day", lang, date=day(end))
    return period_label(Period(kind, start, end, end), lang)


def vietnam_time(value: datetime | None) -> str:
    """A naive UTC timestamp (notes, the audit log) as Vietnam time, dd/mm/yyyy hh:mm."""
    return timestamp(value + timedelta(hours=7)) if value is not None else "—"


def watched_value(entry: "definitions.Definition", value, lang: str = "vi") -> str:
    """A figure read against an attention threshold: a share as a percentage, else a
    number with one decimal and the definition's unit ("55,0 tuổi")."""
    if entry.denominator is not None:
        return percent(value, 1, lang)
    unit = entry.unit[1] if lang == "en" else entry.unit[0]
    return f"{number(value, 1, lang)} {unit}".strip()


def attention_text(entry: "definitions.Definition", lang: str = "vi") -> str:
    """"Cần chú ý khi dưới 10,0 %." for a number with an attention threshold, ""
    otherwise."""
    if entry.attention is None:
        return ""
    return t("def.attention_above" if entry.attention_above else "def.attention_below", lang,
             value=watched_value(entry, entry.attention, lang))


def thresholds_text(indicator: "definitions.Definition", lang: str = "vi") -> str:
    """"Đạt từ 95 %; gần đạt từ 80 %; dưới 80 %: chưa đạt." for a graded indicator, ""
    otherwise."""
    if not indicator.graded:
        return ""
    return t("def.thresholds_text", lang, good=percent(indicator.good, 0, lang),
             fair=percent(indicator.fair, 0, lang))
