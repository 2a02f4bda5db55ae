"""Figures of the unified-positions page. Pure: rows in, figure out (plain data, see
``layouts/figures.py``).

Every bar carries its unit's link in ``customdata`` (a click drills down, see
``callbacks/navigation.py``); every colour has a legend entry and its count written on
or beside the bar, so nothing relies on colour alone.
"""
from __future__ import annotations

import math
from datetime import date, datetime

from dashboard import fmt
from dashboard.i18n import t
from dashboard.text import vi_sort_key

from .figures import BAR_OUTLINE, GRADE_COLOURS, axis, base_layout, figure

UNIFIED_COLOUR = GRADE_COLOURS["good"]
NOT_UNIFIED_COLOUR = GRADE_COLOURS["poor"]
FIRST_TIME_COLOUR = "#1f5f99"
REELECTED_COLOUR = "#8fb3d9"
SECRETARY_VACANT_COLOUR = "#b3261e"
HEAD_VACANT_COLOUR = "#d9822b"
LINE_COLOUR = "#1f5f99"
TERM_FILLS = ("#eef2f7", "#ffffff")
ROW_HEIGHT = 28
LABEL_FONT = 12
CHAR_WIDTH = 7  # px per character of a label, a little more than the average at LABEL_FONT


def _legend() -> dict:
    return {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "xanchor": "left", "traceorder": "normal",
            "font": {"size": 12}, "itemclick": False, "itemdoubleclick": False}


def _top_down(rows: list[dict]) -> list[dict]:
    """Plotly draws the first category at the bottom: reverse so the list reads top down."""
    return list(reversed(rows))


def _plain(value):
    """A count or a share as a Python int or float (numpy's int64 is not JSON)."""
    return float(value) if isinstance(value, float) else int(value)


def _date(day) -> date:
    """A date, also from a datetime or a pandas Timestamp (at midnight)."""
    return day.date() if isinstance(day, datetime) else day


def _count(value: int, lang: str) -> str:
    return fmt.number(value, 0, lang) if value else ""


def _stacked(names, hrefs, segments, hover, labels, label_x, margin_labels, xaxis, lang) -> dict:
    """Horizontal stacked bars, one row per unit, top down as given.

    segments: (legend name, x values, texts, colour, text colour) per stacked part.
    labels, label_x: the text beside each bar and where it starts. The right margin is
    wide enough for ``margin_labels`` (the labels that start at the axis's end), so the
    text never gets cut off however narrow the screen: the bars shrink instead.
    """
    names, hrefs, hover = _top_down(names), _top_down(hrefs), _top_down(hover)
    traces = []
    for legend, values, texts, colour, text_colour in segments:
        bar = {
            "type": "bar", "name": legend, "x": [_plain(v) for v in _top_down(values)], "y": names,
            "orientation": "h", "marker": {"color": colour, "line": BAR_OUTLINE},
            "text": _top_down(texts), "textposition": "inside", "insidetextanchor": "middle", "textangle": 0,
            "textfont": {"color": text_colour, "size": 12}, "constraintext": "none",
            "hovertext": hover, "hovertemplate": "<b>%{y}</b><br>%{hovertext}<extra></extra>",
        }
        if not traces:
            # the links once, on the first segment: a click on another finds its row's link
            # there (callbacks/navigation.py), so a province's chart does not carry them thrice
            bar["customdata"] = hrefs
        traces.append(bar)
    traces.append({
        "type": "scatter", "x": [_plain(v) for v in _top_down(label_x)], "y": names, "mode": "text",
        "text": [f" {label}" for label in _top_down(labels)],
        "textposition": "middle right", "showlegend": False, "hoverinfo": "skip",
        "textfont": {"size": LABEL_FONT, "color": "#1f2328"}, "cliponaxis": False,
    })
    right = 16 + CHAR_WIDTH * max([len(label) for label in margin_labels] + [0])
    layout = base_layout(lang, 70 + ROW_HEIGHT * max(len(names), 1))
    layout.update(
        barmode="stack", bargap=0.3, showlegend=True, legend=_legend(),
        margin={"l": 8, "r": right, "t": 30, "b": 32},
        xaxis=axis(gridcolor="#e6e8eb", fixedrange=True, **xaxis),
        yaxis=axis(fixedrange=True, tickfont={"size": 12}),
    )
    return figure(traces, layout)


SHARE_AXIS = {"range": [0, 1], "tickformat": ".0%", "tickvals": [0, 0.5, 1]}


def coverage_bars(rows: list[dict], lang: str) -> dict:
    """Unified and not unified villages per unit, as shares of its villages (100 % bars
    with the counts written on them), the lowest share at the top; beside each bar
    "unified/villages · share".

    rows: dicts with name, villages, unified, href. A unit without villages gets no bar
    and the words "no villages", at the bottom.
    """
    def rate(row):
        return row["unified"] / row["villages"] if row["villages"] else None

    # top down: lowest share first, then by name; units without villages last
    ordered = sorted(rows, key=lambda r: vi_sort_key(r["name"]))
    ordered.sort(key=lambda r: (rate(r) is None, rate(r) if rate(r) is not None else 0))
    unified_x, missing_x, labels, label_x, hover = [], [], [], [], []
    for row in ordered:
        villages, unified = row["villages"], row["unified"]
        missing = villages - unified
        share = rate(row)
        unified_x.append(unified / villages if villages else 0)
        missing_x.append(missing / villages if villages else 0)
        if share is None:
            labels.append(t("unified.bar.no_villages", lang))
            label_x.append(0)
            hover.append(t("unified.bar.no_villages", lang))
            continue
        labels.append(f"{fmt.number(unified, 0, lang)}/{fmt.number(villages, 0, lang)} · "
                      f"{fmt.percent(share, 1, lang)}")
        label_x.append(1)
        hover.append(t("unified.hover.coverage", lang, unified=fmt.number(unified, 0, lang),
                       villages=fmt.number(villages, 0, lang), share=fmt.percent(share, 1, lang),
                       missing=fmt.number(missing, 0, lang)))
    segments = [
        (t("unified.legend.unified", lang), unified_x, [_count(r["unified"], lang) for r in ordered],
         UNIFIED_COLOUR, "#ffffff"),
        (t("unified.legend.not_unified", lang), missing_x,
         [_count(r["villages"] - r["unified"], lang) for r in ordered], NOT_UNIFIED_COLOUR, "#ffffff"),
    ]
    return _stacked([r["name"] for r in ordered], [r["href"] for r in ordered], segments, hover, labels,
                    label_x, [label for label, x in zip(labels, label_x) if x], SHARE_AXIS, lang)


def first_time_bars(rows: list[dict], lang: str) -> dict:
    """First-time and re-elected unified holders per unit, as shares of its unified
    villages (100 % bars with the counts written on them), in the order given (top down);
    beside each bar "first-time/unified · share".

    rows: dicts with name, unified, first_time, href. A unit with no unified village gets
    no bar and says so.
    """
    first_x, again_x, labels, label_x, hover = [], [], [], [], []
    for row in rows:
        unified, first = row["unified"], row["first_time"]
        again = unified - first
        first_x.append(first / unified if unified else 0)
        again_x.append(again / unified if unified else 0)
        hover.append(t("unified.hover.first_time", lang, first=fmt.number(first, 0, lang),
                       again=fmt.number(again, 0, lang)))
        if unified:
            labels.append(f"{fmt.number(first, 0, lang)}/{fmt.number(unified, 0, lang)} · "
                          f"{fmt.percent(first / unified, 1, lang)}")
            label_x.append(1)
        else:
            labels.append(t("unified.bar.no_unified", lang))
            label_x.append(0)
    segments = [
        (t("unified.legend.first_time", lang), first_x, [_count(r["first_time"], lang) for r in rows],
         FIRST_TIME_COLOUR, "#ffffff"),
        (t("unified.legend.reelected", lang), again_x,
         [_count(r["unified"] - r["first_time"], lang) for r in rows], REELECTED_COLOUR, "#1f2328"),
    ]
    return _stacked([r["name"] for r in rows], [r["href"] for r in rows], segments, hover, labels, label_x,
                    [label for label, x in zip(labels, label_x) if x], SHARE_AXIS, lang)


def vacancy_bars(rows: list[dict], lang: str) -> dict:
    """Vacant secretary and head posts per unit (counts), in the order given (top down);
    beside each bar the number of vacant posts.

    rows: dicts with name, secretary_vacant, head_vacant, href (only units with a
    vacancy, the caller's choice).
    """
    secretary = [int(r["secretary_vacant"]) for r in rows]
    head = [int(r["head_vacant"]) for r in rows]
    totals = [a + b for a, b in zip(secretary, head)]
    hover = [t("unified.hover.vacant", lang, secretary=fmt.number(a, 0, lang), head=fmt.number(b, 0, lang))
             for a, b in zip(secretary, head)]
    labels = [t("unified.bar.vacant", lang, count=fmt.number(n, 0, lang)) for n in totals]
    widest = max(totals + [1])
    segments = [
        (t("unified.legend.secretary_vacant", lang), secretary, [_count(v, lang) for v in secretary],
         SECRETARY_VACANT_COLOUR, "#ffffff"),
        (t("unified.legend.head_vacant", lang), head, [_count(v, lang) for v in head], HEAD_VACANT_COLOUR,
         "#1f2328"),
    ]
    axis = {"range": [0, widest], "tickformat": ",d", "dtick": max(1, math.ceil(widest / 4)), "rangemode": "tozero"}
    return _stacked([r["name"] for r in rows], [r["href"] for r in rows], segments, hover, labels, totals,
                    [label for label, n in zip(labels, totals) if n == widest], axis, lang)




def _floor(shares: list[float]) -> tuple[float, float | None]:
    """The bottom of the y axis, and the lowest share it leaves out (always None now).

    On a 5-point grid, never below 0, a little under the lowest share: every point of the
    line is on the chart (an axis fitted to the later shares hid the first term's climb
    from 30 %, which a leader asked about).
    """
    if not shares:
        return 0.0, None
    return max(0.0, math.floor((min(shares) - 0.02) * 20) / 20), None


def history_line(points: list[dict], terms: list[tuple[str, date, date]], lang: str) -> dict:
    """The unified share at each point (month ends, then the date asked for), with the
    terms as shaded bands labelled with their years, and a note when the first months lie
    below the axis (see ``_floor``).

    points: dicts with day (date), villages, unified; a point without villages is a gap.
    terms: (code, start, end) to draw.
    """
    days = [_date(p["day"]).isoformat() for p in points]
    shares = [float(p["unified"] / p["villages"]) if p["villages"] else None for p in points]
    hover = [f"{fmt.day(p['day'])}: {fmt.number(p['unified'], 0, lang)}/{fmt.number(p['villages'], 0, lang)}"
             f" · {fmt.percent(s, 1, lang)}" for p, s in zip(points, shares)]
    line = {
        "type": "scatter", "x": days, "y": shares, "mode": "lines+markers",
        "line": {"color": LINE_COLOUR, "width": 2, "shape": "hv"},
        "marker": {"size": 4, "color": LINE_COLOUR}, "connectgaps": False, "name": t("unified.history.rate", lang),
        "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>",
    }
    known = [s for s in shares if s is not None]
    floor, below = _floor(known)
    layout = base_layout(lang, 300)
    layout.update(
        margin={"l": 8, "r": 16, "t": 56, "b": 32},  # room for two rows of term labels below the modebar
        xaxis=axis(type="date", tickformat="%m/%Y", gridcolor="#e6e8eb", fixedrange=True,
                   **({"range": [days[0], days[-1]]} if days else {})),
        yaxis=axis(range=[floor, 1.005], tickformat=".0%", gridcolor="#e6e8eb", fixedrange=True),
    )
    shapes, annotations = [], []
    first_day = _date(points[0]["day"]) if points else None
    last_day = _date(points[-1]["day"]) if points else None
    for index, (code, start, end) in enumerate(terms):
        lo = max(start, first_day) if first_day else start
        hi = min(end, last_day) if last_day else end
        if lo > hi:
            continue
        lo, hi = lo.isoformat(), hi.isoformat()
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": lo, "x1": hi, "y0": 0, "y1": 1,
                       "fillcolor": TERM_FILLS[index % 2], "line": {"width": 0}, "layer": "below"})
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": lo, "x1": lo, "y0": 0, "y1": 1,
                       "line": {"width": 1, "color": "#c4ccd6", "dash": "dot"}, "layer": "below"})
        # labels alternate between two heights so that short terms do not overlap
        annotations.append({"x": lo, "xref": "x", "y": 1.0 if index % 2 == 0 else 1.07, "yref": "paper",
                            "yanchor": "bottom", "xanchor": "left", "showarrow": False,
                            "font": {"size": 10, "color": "#57606a"},
                            "text": code.replace("-", "–")})
    if below is not None:
        annotations.append({"x": 0.99, "xref": "paper", "y": 0.02, "yref": "paper", "xanchor": "right",
                            "yanchor": "bottom", "showarrow": False, "align": "left",
                            "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 11, "color": "#57606a"},
                            "text": t("unified.history.below_axis", lang, share=fmt.percent(below, 1, lang))})
    layout["shapes"] = shapes
    layout["annotations"] = annotations
    return figure([line], layout)
