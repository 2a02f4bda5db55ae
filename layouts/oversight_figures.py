"""Figures of the community oversight page: activity heatmaps and recommendations made
against resolved. Pure: data in, figure out (plain data, see ``layouts/figures.py``); each unit's link rides in
``customdata`` (bars) or the trace's ``meta`` (heatmaps: one per row) so a click drills
down (``callbacks/navigation.py``)."""
from __future__ import annotations

from dashboard import fmt
from dashboard.i18n import t

from .figures import BAR_OUTLINE, GRADE_COLOURS, axis, base_layout, figure, row_links

HEAT_ROW = 26  # px per heatmap row
HEAT_COLUMN = 44  # px per heatmap column (labels turn when they no longer fit)
HEAT_LABELS = 230  # px for the row labels
# zero has its own pale grey, so a silent month stands apart from a month with one activity
HEAT_SCALE = [[0.0, "#f1f3f5"], [1e-6, "#d6e6f5"], [0.5, "#6aaed6"], [1.0, "#08519c"]]
MADE_COLOUR = "#b8bec6"
REC_ROW = 40  # px per unit in the recommendations chart (two bars)


HEAT_COLUMN_MAX = 110  # px: a quarter's three months do not stretch across the page


def heatmap_box(columns: int) -> dict:
    """Style of the heatmap's box: below its min-width the heatmap scrolls inside its
    box instead of squeezing; above its max-width cells stop growing."""
    columns = max(columns, 1)
    return {"minWidth": f"{HEAT_LABELS + HEAT_COLUMN * columns}px",
            "maxWidth": f"{HEAT_LABELS + HEAT_COLUMN_MAX * columns}px"}


def activity_heatmap(rows: list[str], columns: list[str], values: list[list[int]],
                     hrefs: list[str | None], lang: str) -> dict:
    """Activities per unit (rows, top to bottom in the given order) and month or quarter
    (columns), each count written in its cell. ``hrefs``: one link per row (None: the row
    is not clickable)."""
    values = [[int(v) for v in row] for row in values]
    top = max((max(r) for r in values if r), default=0)
    heatmap = {
        "type": "heatmap", "z": values, "x": list(columns), "y": list(rows), "meta": row_links(hrefs),
        "colorscale": HEAT_SCALE, "zmin": 0, "zmax": max(top, 1), "showscale": False,
        "texttemplate": "%{z}", "textfont": {"size": 12}, "xgap": 2, "ygap": 2,
        "hovertemplate": t("oversight.heatmap.hover", lang),
    }
    layout = base_layout(lang, 56 + HEAT_ROW * max(len(rows), 1))
    layout["margin"] = {"l": 8, "r": 8, "t": 40, "b": 8}
    # the latest month first (at the left): on a phone the box scrolls, and the months a
    # leader asks about were hidden off to the right
    layout["xaxis"] = axis(side="top", type="category", autorange="reversed", fixedrange=True,
                           tickfont={"size": 11})
    layout["yaxis"] = axis(type="category", autorange="reversed", fixedrange=True, tickfont={"size": 12})
    return figure([heatmap], layout)


def recommendations_chart(rows: list[dict], lang: str) -> dict:
    """Recommendations made (grey) and resolved (the grade's colour) per unit, side by
    side, the resolution rate and its grade in words beside the resolved bar; best rate at
    the top, units without recommendations last.

    rows: dicts with name, made, resolved, grade (good | fair | poor | none), href (or
    None)."""
    def rate(row):
        return row["resolved"] / row["made"] if row["made"] else None

    ordered = sorted(rows, key=lambda r: (rate(r) is not None, rate(r) or 0, r["made"]))
    names = [r["name"] for r in ordered]
    # the resolved bars first, so that within each unit the made bar is drawn above them
    traces = []
    for rank, grade in enumerate(("good", "fair", "poor", "none"), start=2):
        chosen = [r for r in ordered if r["grade"] == grade]
        if not chosen:
            continue
        labels = []
        for row in chosen:
            if row["made"]:
                labels.append(f"{fmt.number(row['resolved'], 0, lang)}/{fmt.number(row['made'], 0, lang)}"
                              f" · {fmt.percent(rate(row), 1, lang)} · {t('grade.' + grade, lang)}")
            else:
                labels.append(t("oversight.recs.none", lang))
        traces.append({
            "type": "bar", "name": t("oversight.recs.resolved", lang, grade=t("grade." + grade, lang)),
            "y": [r["name"] for r in chosen], "x": [int(r["resolved"]) for r in chosen], "orientation": "h",
            "marker": {"color": GRADE_COLOURS[grade], "line": BAR_OUTLINE}, "offsetgroup": "resolved",
            "text": labels, "textposition": "outside", "cliponaxis": False,
            "customdata": [r["href"] or "" for r in chosen],
            "hovertemplate": t("oversight.recs.hover_resolved", lang),
            "showlegend": grade != "none", "legendrank": rank,
        })
    traces.append({
        "type": "bar", "name": t("oversight.recs.made", lang), "y": names, "x": [int(r["made"]) for r in ordered],
        "orientation": "h", "marker": {"color": MADE_COLOUR, "line": BAR_OUTLINE}, "offsetgroup": "made",
        "legendrank": 1,
        "customdata": [r["href"] or "" for r in ordered],
        "hovertemplate": t("oversight.recs.hover_made", lang),
    })
    top = int(max((r["made"] for r in ordered), default=0))
    layout = base_layout(lang, 70 + REC_ROW * max(len(ordered), 1))
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                        "font": {"size": 12}, "traceorder": "normal"}
    layout["margin"] = {"l": 8, "r": 16, "t": 36, "b": 32}
    layout["barmode"] = "group"
    layout["bargap"] = 0.3
    layout["bargroupgap"] = 0.05
    layout["xaxis"] = axis(range=[0, max(top, 1) * 1.9], gridcolor="#e6e8eb", fixedrange=True,
                           rangemode="tozero")
    layout["yaxis"] = axis(type="category", categoryorder="array", categoryarray=names, fixedrange=True,
                           tickfont={"size": 12})
    return figure(traces, layout)
