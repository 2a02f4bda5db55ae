"""The attention list: children of a unit that fall short, and why.

Pure functions over the frame ``indicators.summary`` returns (and, for "records
stopped", the latest record per child from ``indicators.freshness.last_records``).
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from . import fmt
from .definitions import is_stale, needs_attention, watched, watched_figure
from .i18n import t

# issue key: how to count it from a summary row
ISSUES = {
    "not_unified": lambda r: int(r["villages"] - r["unified"]),
    "vacant": lambda r: int(r["secretary_vacant"] + r["head_vacant"]),
    "untrained_first_time": lambda r: int(r["first_time_untrained"]),
    "silent_boards": lambda r: int(r["silent_boards"]),
    "missed_briefings": lambda r: int(r["months_due"] - r["months_held"]),
}
# records stopped: flagged for children above the villages (a village has no board or
# briefing of its own, so months without a record say nothing about it)
STALE = "stale"
# and for the units above the villages (a village's two posts make no share), the numbers
# of the registry with an attention threshold (``definitions.watched``: women's share,
# theory trung cấp or above, average age), the issue's value being the figure itself


def attention_rows(summary: pd.DataFrame, last_records: dict[int, date | None] | None = None,
                   as_of: date | None = None) -> list[dict]:
    """One entry per child with at least one issue: unit_id, code, name, kind, level and
    ``issues`` (list of (key, value): a count > 0, for ``stale`` the date of the latest
    record (None when there is none), for a number of ``definitions.watched()`` its
    figure), most shortfalls in the work first (``_rank``).

    ``last_records`` (unit id -> latest record date) and ``as_of`` turn on the
    "records stopped" issue (``definitions.is_stale``)."""
    out = []
    for _, row in summary[~summary["is_total"]].iterrows():
        issues = [(key, count(row)) for key, count in ISSUES.items()]
        issues = [(key, n) for key, n in issues if n > 0]
        if row["level"] != "village":
            for key, entry in watched().items():
                figure = watched_figure(entry, row)
                if needs_attention(entry, figure):
                    issues.append((key, figure))
        if last_records is not None and as_of is not None and row["level"] != "village":
            last = last_records.get(int(row["unit_id"]))
            if is_stale(last, as_of):
                issues.append((STALE, last))
        if issues:
            out.append({
                "unit_id": int(row["unit_id"]), "code": row["code"], "name": row["name"],
                "kind": row["kind"], "level": row["level"], "issues": issues,
            })
    out.sort(key=_rank)
    return out


def _rank(entry: dict) -> tuple:
    """What a leader must act on first: the children with most shortfalls in the work
    itself (posts, training, boards, briefings), then stopped records, then the team's
    make-up against a threshold (a small commune with no woman among six posts is worth
    knowing, not worth putting above an untrained first-timer)."""
    work = [(k, n) for k, n in entry["issues"] if k in ISSUES]
    return (-len(work), -sum(_weight(k, n) for k, n in work), -len(entry["issues"]),
            -sum(_weight(k, n) for k, n in entry["issues"]))


def _weight(key: str, value) -> int:
    return 1 if key == STALE or key in watched() else int(value)


def issue_text(key: str, value, lang: str) -> str:
    """The words for one issue: "2 thôn, khu chưa nhất thể hóa", "số liệu ngừng cập nhật
    từ 10/02/2019"."""
    if key == STALE:
        if value is None:
            return t("attention.stale_never", lang)
        return t("attention.stale", lang, date=fmt.day(value))
    if key in watched():
        entry = watched()[key]
        return t(f"attention.{key}", lang, value=fmt.watched_value(entry, value, lang),
                 threshold=fmt.watched_value(entry, entry.attention, lang))
    return t(f"attention.{key}", lang, count=fmt.number(value, 0, lang))
