"""Figure builders: small pure functions, data in, figure out.

A figure is plain data, ``{"data": [trace dicts with "type"], "layout": {...}}``, made of
str, int, float, bool, None, lists and dicts only (dates as ISO strings): dcc.Graph takes
it as is. Not plotly's ``go.Figure``: its validation, and the default template it ships in
every figure (~10 KB of JSON), cost most of a chart callback's time. Without that template
plotly.js applies its own defaults, so ``base_layout`` and ``axis`` set the few settings of
plotly.py's "plotly" template that show: margins grown to fit tick labels (automargin),
no grid or zero line unless asked for, left-aligned hover labels, closest-point hover.

Every figure uses the Vietnamese number format (``separators``), says its grade in words
beside the colour, and carries each unit's link in ``customdata`` so a click drills down.
"""
from __future__ import annotations

from dashboard import fmt
from dashboard.i18n import t

GRADE_COLOURS = {"good": "#1e7b34", "fair": "#b45f06", "poor": "#b3261e", "none": "#8a9096"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
BAR_HEIGHT = 26
RANKED_ROW_HEIGHT = 36  # a ranked bar's row: the name, and its figure on a second line
# the hairline plotly.py's default template drew around every bar (and between stacked parts)
BAR_OUTLINE = {"color": "#E5ECF6", "width": 0.5}


def graph_config(lang: str) -> dict:
    """``config`` for dcc.Graph: the Vietnamese locale, no logo, no toolbar (on a phone it
    stayed over the first row's label; printing and the grids' exports give the figures)."""
    return {
        "locale": "vi" if lang != "en" else "en",
        "displaylogo": False,
        "displayModeBar": False,
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
        "hovermode": "closest",
        # labels made of digits stay categories (plotly.py's template did the same)
        "autotypenumbers": "strict",
        "hoverlabel": {"font": {"family": FONT}, "align": "left"},
    }


def axis(**props) -> dict:
    """An axis as plotly.py's default template drew it: the margin grows to fit the tick
    labels; no tick marks (plotly.js draws them outside on a heatmap's or a bar chart's
    axes); grid and zero lines only where ``props`` give them a colour (the template's
    were white, i.e. invisible on the white card)."""
    out = {"automargin": True, "ticks": "", "zeroline": False}
    if "gridcolor" not in props:
        out["showgrid"] = False
    out.update(props)
    return out


def figure(traces: list[dict], layout: dict) -> dict:
    """The figure as dcc.Graph takes it: trace dicts (each with its "type") and a layout."""
    return {"data": traces, "layout": layout}


# A ranked chart shows at most this many units (the lowest): 150 bars answer nothing at a
# glance, and their labels alone would pass the callback's 200 KB.
MAX_BARS = 40


def ranked_bar(rows: list[dict], lang: str) -> dict:
    """Horizontal bars of a rate per unit, best at the top.

    rows: dicts with name, numerator, denominator, grade, href. A unit with denominator 0
    gets an empty bar labelled "no data" and sorts last. Each row's figure ("12/12 ·
    100,0 % · Đạt") is written under its name, left of the bars: a label at the bar's end
    ran off the card on a phone.
    """
    def rate(row):
        return row["numerator"] / row["denominator"] if row["denominator"] else None

    ordered = sorted(rows, key=lambda r: (rate(r) is not None, rate(r) or 0, r["numerator"]))
    hidden = max(len(ordered) - MAX_BARS, 0)
    if hidden:  # the question is who is behind: the lowest, the rest are in the table
        ordered = sorted(ordered[:MAX_BARS], key=lambda r: (rate(r) is not None, rate(r) or 0, r["numerator"]))
    names = [r["name"] for r in ordered]
    values = [float(rate(r) or 0) for r in ordered]
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
    bar = {
        "type": "bar", "x": values, "y": names, "orientation": "h",
        "marker": {"color": [GRADE_COLOURS[r["grade"]] for r in ordered], "line": BAR_OUTLINE},
        "text": labels, "textposition": "none",
        "customdata": [r["href"] for r in ordered],
        "hovertemplate": "<b>%{y}</b><br>%{text}<extra></extra>",
    }
    layout = base_layout(lang, 40 + RANKED_ROW_HEIGHT * max(len(ordered), 1))
    layout["xaxis"] = axis(range=[0, 1.0], tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1],
                           gridcolor="#e6e8eb", fixedrange=True)
    layout["yaxis"] = axis(fixedrange=True, tickfont={"size": 12}, tickmode="array", tickvals=names,
                           ticktext=[f"{name}<br><span style='font-size:11px;color:#3d4650'>{label}</span>"
                                     for name, label in zip(names, labels)])
    layout["bargap"] = 0.25
    if hidden:
        layout["margin"] = {**layout.get("margin", {}), "b": 56}
        layout["annotations"] = [{"xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -44,
                                  "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
                                  "font": {"size": 12, "color": "#3d4650"},
                                  "text": t("chart.lowest_only", lang, shown=fmt.number(MAX_BARS, 0, lang),
                                            total=fmt.number(MAX_BARS + hidden, 0, lang))}]
    return figure([bar], layout)


def empty_figure(message: str, lang: str, height: int = 160) -> dict:
    """A figure that says why it is empty, as plain data: every page skeleton draws a few
    of them (a plotly ``go.Figure`` cost ~9 ms and ~10 KB of JSON apiece for a grey sentence)."""
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
