"""Texts built from data: period labels, unit titles, changes. Pure functions."""
from __future__ import annotations

from dashboard import fmt
from dashboard.i18n import t, unit_title
from dashboard.periods import Period


def period_label(period: Period, lang: str) -> str:
    """"Quý 2/2018", "Nhiệm kỳ 2017–2020", "Tính đến ngày 13/04/2018; ..."."""
    if period.kind == "month":
        return t("period.label.month", lang, month=period.start.month, year=period.start.year)
    if period.kind == "quarter":
        return t("period.label.quarter", lang, quarter=(period.start.month - 1) // 3 + 1, year=period.start.year)
    if period.kind == "year":
        return t("period.label.year", lang, year=period.start.year)
    if period.kind == "term":
        term = (period.term_code or f"{period.start.year}-{period.end.year}").replace("-", "–")
        return t("period.label.term", lang, term=term)
    return t("period.label.day", lang, end=fmt.day(period.end), start=fmt.day(period.start))


def short_period_label(period: Period, lang: str) -> str:
    """Like ``period_label`` but a day is just the date (for "compared with ...")."""
    if period.kind == "day":
        return fmt.day(period.end)
    return period_label(period, lang)


def change_text(current: tuple[int, int], previous: tuple[int, int], lang: str) -> str:
    """The change of a rate in percentage points: "tăng 2,3 điểm %"."""
    (num, den), (pnum, pden) = current, previous
    if not den:
        return ""
    if not pden:
        return t("kpi.change_none", lang)
    delta = 100 * (num / den - pnum / pden)
    if abs(delta) < 0.05:
        return t("kpi.change_same", lang)
    key = "kpi.change_up" if delta > 0 else "kpi.change_down"
    return t(key, lang, value=fmt.number(abs(delta), 1, lang))


def unit_name(unit, lang: str) -> str:
    """"Phường Đông Mai" for a UnitInfo or a summary row (dict-like with kind, name)."""
    kind = unit["kind"] if isinstance(unit, dict) else getattr(unit, "kind", None)
    if kind is None and hasattr(unit, "get"):
        kind = unit.get("kind")
    name = unit["name"] if isinstance(unit, dict) else getattr(unit, "name", None)
    if name is None and hasattr(unit, "get"):
        name = unit.get("name")
    return unit_title(kind, name, lang)
