"""Texts built from data: period labels, unit titles, changes. Pure functions."""
from __future__ import annotations

from dashboard import fmt
from dashboard.fmt import period_label, short_period_label  # noqa: F401 (re-exported for layouts)
from dashboard.i18n import t, unit_title


def change_text(current: tuple[int, int], previous: tuple[int, int], lang: str) -> str:
    """The change of a rate in percentage points: "tăng 2,3 điểm phần trăm"."""
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


def sibling_titles(rows, lang: str) -> list[str]:
    """Titles of sibling units in order ("Phường Đông Mai", "Thôn 4"). A name shared by
    several siblings (after a merger a ward has two "Thôn 1") gets its code, "Thôn 1
    (07144-01)", so that no two rows of a chart or table read the same.

    ``rows``: a frame (or list of dicts) with kind, name and code."""
    records = rows.to_dict("records") if hasattr(rows, "to_dict") else list(rows)
    titles = [unit_title(r["kind"], r["name"], lang) for r in records]
    counts: dict[str, int] = {}
    for title in titles:
        counts[title] = counts.get(title, 0) + 1
    return [f"{title} ({r['code']})" if counts[title] > 1 else title for title, r in zip(titles, records)]


def titled_records(frame, lang: str) -> list[tuple[str, dict]]:
    """(title, record) for each row of ``frame``, titles as ``sibling_titles``: the
    rows as plain dicts, made once (``iterrows`` made a Series per row, per chart)."""
    records = frame.to_dict("records")
    return list(zip(sibling_titles(records, lang), records))
