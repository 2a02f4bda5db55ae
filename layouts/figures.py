"""Figure builders: small pure functions, data in, Plotly figure out.

Every figure uses the Vietnamese number format (``separators``), says its grade in words
beside the colour, and carries each unit's link in ``customdata`` so a click drills down.
"""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard import fmt
from dashboard.i18n import t

GRADE_COLOURS = {"good": "#1e7b34", "fair": "#b45f06", "poor": "#b3261e", "none": "#8a9096"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
BAR_HEIGHT = 26


def graph_config(lang: str) -> dict:
    """``config`` for dcc.Graph: the Vietnamese locale, no logo, image export kept."""
    return {
        "locale": "vi" if lang != "en" else "en",
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d"],
        "toImageButtonOptions": {"format": "png", "scale": 2},
    }


def base_layout(lang: str, height: int) -> dict:
    return {
        "separators": ",." if lang != "en" else ".,",
        "font": {"family": FONT, "size": 13, "color": "#1f2328"},
        "margin": {"l": 8, "r": 16, "t": 8, "b": 32},
        "height": height,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "showlegend": False,
        "hoverlabel": {"font": {"family": FONT}},
    }


def ranked_bar(rows: list[dict], lang: str) -> go.Figure:
    """Horizontal bars of a rate per unit, best at the top.

    rows: dicts with name, numerator, denominator, grade, href. A unit with denominator 0
    gets an empty bar labelled "no data" and sorts last.
    """
    def rate(row):
        return row["numerator"] / row["denominator"] if row["denominator"] else None

    ordered = sorted(rows, key=lambda r: (rate(r) is not None, rate(r) or 0, r["numerator"]))
    names = [r["name"] for r in ordered]
    values = [rate(r) or 0 for r in ordered]
    labels = []
    for row in ordered:
        share = rate(row)
        if share is None:
            labels.append(t("chart.no_data_bar", lang))
        else:
            labels.append(
                f"{fmt.number(row['numerator'], 0, lang)}/{fmt.number(row['denominator'], 0, lang)}"
                f" · {fmt.percent(share, 1, lang)} · {t('grade.' + row['grade'], lang)}"
            )
    figure = go.Figure(go.Bar(
        x=values, y=names, orientation="h",
        marker={"color": [GRADE_COLOURS[r["grade"]] for r in ordered]},
        text=labels, textposition="outside", cliponaxis=False,
        customdata=[r["href"] for r in ordered],
        hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
    ))
    layout = base_layout(lang, 40 + BAR_HEIGHT * max(len(ordered), 1))
    layout["xaxis"] = {"range": [0, 1.6], "tickformat": ".0%", "tickvals": [0, 0.25, 0.5, 0.75, 1],
                       "gridcolor": "#e6e8eb", "fixedrange": True, "zeroline": False}
    layout["yaxis"] = {"automargin": True, "fixedrange": True, "tickfont": {"size": 12}}
    layout["bargap"] = 0.25
    figure.update_layout(**layout)
    return figure


def empty_figure(message: str, lang: str, height: int = 160) -> dict:
    """A figure that says why it is empty, as plain data: every page skeleton draws a few
    of them, and a plotly ``go.Figure`` (validation, the default template shipped in each
    one) cost ~9 ms and ~10 KB of JSON apiece for a grey sentence."""
    layout = base_layout(lang, height)
    layout["xaxis"] = {"visible": False}
    layout["yaxis"] = {"visible": False}
    layout["annotations"] = [{"text": message, "showarrow": False, "x": 0.5, "y": 0.5,
                              "xref": "paper", "yref": "paper", "font": {"size": 14, "color": "#57606a"}}]
    return {"data": [], "layout": layout}


def row_links(hrefs) -> dict:
    """A heatmap's links, one per row (not one per cell: a province's heatmap would
    repeat each link twelve times), in the trace's ``meta``: the drill-down callback
    (``callbacks/navigation.py``) finds the clicked row's link by its label."""
    return {"row_links": [href or "" for href in hrefs]}
