"""Indicator definitions: what each headline number divides by what, and when it is good.

One registry; pages, tables, exports and the CLI read it. (Issue 7 extends each entry with
the full Vietnamese and English definition text.)
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """``numerator / denominator`` over columns of ``indicators.summary``.

    good, fair: thresholds on the ratio (>= good: "Đạt"; >= fair: "Gần đạt"; below:
    "Chưa đạt"). ``label`` is a key of the translation table.
    """

    key: str
    label: str
    numerator: str
    denominator: str
    good: float
    fair: float
    state: bool  # True: read on the date; False: counted over the period


INDICATORS: dict[str, Indicator] = {
    "unified": Indicator("unified", "kpi.unified", "unified", "villages", 1.0, 0.95, True),
    "training": Indicator("training", "kpi.training", "trained", "cadres", 0.95, 0.8, True),
    "boards": Indicator("boards", "kpi.boards", "active_boards", "boards", 0.9, 0.7, False),
    "resolved": Indicator("resolved", "kpi.resolved", "resolved", "recommendations", 0.8, 0.6, False),
    "briefings": Indicator("briefings", "kpi.briefings", "months_held", "months_due", 1.0, 0.9, False),
}
HEADLINE = ("unified", "training", "boards", "resolved", "briefings")


def grade(indicator: Indicator, numerator, denominator) -> str:
    """"good", "fair", "poor", or "none" when the denominator is 0."""
    if not denominator:
        return "none"
    value = numerator / denominator
    if value >= indicator.good - 1e-12:
        return "good"
    if value >= indicator.fair - 1e-12:
        return "fair"
    return "poor"
