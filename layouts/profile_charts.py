"""Figures of the cadre-profile page (``/co-cau``). Pure: rows in, figure out. Bars by
child carry their unit's link in ``customdata`` on the first trace (a click drills down,
``callbacks/navigation.py``); every colour has a legend entry and its count on the bar."""
from __future__ import annotations

from dashboard import fmt
from dashboard.definitions import AGE_BANDS
from dashboard.i18n import PROFILE_LABELS, t

from .figures import BAR_HEIGHT, BAR_OUTLINE, axis, base_layout, figure

MEN_COLOUR = "#1f5f99"
WOMEN_COLOUR = "#c2185b"
UNKNOWN_COLOUR = "#c9ced4"
# light to dark, one per level (the lowest first)
LEVEL_COLOURS = ("#dbe7f3", "#b4cde6", "#7fa8d1", "#4a7fb5", "#245a92", "#0f3b66")


def _legend() -> dict:
    return {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "xanchor": "left", "font": {"size": 12},
            "itemclick": False, "itemdoubleclick": False}


def band_labels(lang: str) -> list[str]:
    return [t(f"profile.band.{i}", lang) for i in range(len(AGE_BANDS) + 1)]


def pyramid_figure(rows: list[dict], lang: str) -> dict:
    """Men to the left, women to the right, one row per age band (youngest at the
    bottom), people without a birth year on a row of their own. ``rows``: gender, band,
    people (``profile_detail.pyramid``)."""
    labels = band_labels(lang)
    bands = list(range(len(labels)))
    if any(r["band"] == -1 for r in rows):
        bands = [-1] + bands
    names = [t("profile.band.none", lang) if b == -1 else labels[b] for b in bands]

    def count(gender, band):
        return sum(int(r["people"]) for r in rows if r["gender"] == gender and r["band"] == band)

    men = [count("nam", b) for b in bands]
    women = [count("nu", b) for b in bands]
    traces = []
    for legend, values, colour, sign in ((t("profile.men", lang), men, MEN_COLOUR, -1),
                                          (t("profile.women", lang), women, WOMEN_COLOUR, 1)):
        traces.append({
            "type": "bar", "orientation": "h", "name": legend, "y": names, "x": [sign * v for v in values],
            "marker": {"color": colour, "line": BAR_OUTLINE},
            "text": [fmt.number(v, 0, lang) if v else "" for v in values], "textposition": "outside",
            "cliponaxis": False, "hovertext": [f"{legend}: {fmt.number(v, 0, lang)}" for v in values],
            "hovertemplate": "<b>%{y}</b><br>%{hovertext}<extra></extra>",
        })
    top = max(men + women + [1])
    layout = base_layout(lang, 80 + BAR_HEIGHT * len(bands))
    layout.update(barmode="relative", bargap=0.2, showlegend=True, legend=_legend())
    ticks = [-top, -top // 2, 0, top // 2, top]
    layout["xaxis"] = axis(range=[-top * 1.3, top * 1.3], tickvals=ticks,
                           ticktext=[fmt.number(abs(v), 0, lang) for v in ticks], gridcolor="#e6e8eb",
                           fixedrange=True)
    layout["yaxis"] = axis(fixedrange=True, tickfont={"size": 12})
    return figure(traces, layout)


def value_label(attribute: str, value: str, lang: str) -> str:
    if not value:
        return t("profile.not_recorded", lang)
    pair = PROFILE_LABELS.get(attribute, {}).get(value)
    return (pair[1] if lang == "en" else pair[0]) if pair else value


def level_bars(attribute: str, rows: list[dict], values: list[str], lang: str) -> dict:
    """Stacked bars of each child's posts by ``attribute``'s level (shares of its
    posts, the count written on the part), one row per child top down; ``rows``: name,
    href, posts, and the count of each value of ``values`` ("" not recorded, last)."""
    names = [r["name"] for r in reversed(rows)]
    hrefs = [r["href"] for r in reversed(rows)]
    traces = []
    known = [v for v in values if v]
    for index, value in enumerate(values):
        counts = [int(r.get(value, 0)) for r in reversed(rows)]
        totals = [int(r["posts"]) for r in reversed(rows)]
        shares = [c / n if n else 0 for c, n in zip(counts, totals)]
        step = (len(LEVEL_COLOURS) - 1) / max(len(known) - 1, 1)
        colour = UNKNOWN_COLOUR if not value else LEVEL_COLOURS[round(known.index(value) * step)]
        dark = bool(value) and colour in LEVEL_COLOURS[3:]
        label = value_label(attribute, value, lang)
        bar = {
            "type": "bar", "orientation": "h", "name": label, "y": names, "x": shares,
            "marker": {"color": colour, "line": BAR_OUTLINE},
            "text": [fmt.number(c, 0, lang) if c else "" for c in counts], "textposition": "inside",
            "insidetextanchor": "middle", "textangle": 0, "constraintext": "none",
            "textfont": {"color": "#ffffff" if dark else "#1f2328", "size": 12},
            "hovertext": [f"{label}: {fmt.number(c, 0, lang)}/{fmt.number(n, 0, lang)} · {fmt.percent(s, 1, lang)}"
                          for c, n, s in zip(counts, totals, shares)],
            "hovertemplate": "<b>%{y}</b><br>%{hovertext}<extra></extra>",
        }
        if not traces:
            bar["customdata"] = hrefs
        traces.append(bar)
    layout = base_layout(lang, 90 + BAR_HEIGHT * max(len(rows), 1))
    layout.update(barmode="stack", bargap=0.25, showlegend=True, legend=_legend())
    layout["xaxis"] = axis(range=[0, 1], tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1], gridcolor="#e6e8eb",
                           fixedrange=True)
    layout["yaxis"] = axis(fixedrange=True, tickfont={"size": 12})
    return figure(traces, layout)


def terms_figure(rows: list[dict], lang: str) -> dict:
    """Per term: the re-elected share of the posts opening it (bars) and the average age
    at its start and its end (markers). ``rows``: term, moment, avg_age, reelected,
    term_start_posts (``profile_detail.term_table``)."""
    terms = list(dict.fromkeys(r["term"].replace("-", "–") for r in rows))
    starts = [r for r in rows if r["moment"] == "start"]
    shares = [r["reelected"] / r["term_start_posts"] if r["term_start_posts"] else 0 for r in starts]
    traces = [{
        "type": "bar", "name": t("profile.col.reelected", lang), "x": terms, "y": shares,
        "marker": {"color": "#8fb3d9", "line": BAR_OUTLINE},
        # the first term has no term before it: no share to write
        "text": [fmt.percent(s, 1, lang) if i or r["reelected"] else "" for i, (s, r) in enumerate(zip(shares, starts))],
        "textposition": "inside", "insidetextanchor": "start", "cliponaxis": False,
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }]
    for moment, symbol in (("start", "circle"), ("end", "diamond")):
        points = [r for r in rows if r["moment"] == moment]
        traces.append({
            "type": "scatter", "mode": "markers+text", "yaxis": "y2",
            "name": f"{t('kpi.avg_age', lang)} — {t('profile.terms.' + moment, lang).lower()}",
            "x": [r["term"].replace("-", "–") for r in points], "y": [r["avg_age"] for r in points],
            "marker": {"symbol": symbol, "size": 11, "color": "#1f2328" if moment == "end" else "#d9822b"},
            "text": [fmt.number(r["avg_age"], 1, lang) for r in points],
            "textposition": "middle left" if moment == "start" else "middle right",
            "hovertemplate": "%{x}: %{text}<extra></extra>",
        })
    layout = base_layout(lang, 300)
    layout.update(showlegend=True, legend=_legend(), bargap=0.45)
    layout["margin"] = {"l": 8, "r": 48, "t": 40, "b": 32}
    layout["xaxis"] = axis(type="category", fixedrange=True)
    layout["yaxis"] = axis(range=[0, 1.15], tickformat=".0%", gridcolor="#e6e8eb", fixedrange=True)
    layout["yaxis2"] = axis(overlaying="y", side="right", range=[20, 75], tickvals=[20, 30, 40, 50, 60, 70],
                            ticksuffix=" " + t("profile.years", lang), fixedrange=True)
    return figure(traces, layout)
