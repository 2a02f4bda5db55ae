"""Figures of the training page (bồi dưỡng): pure functions, plain data in, figure out
(plain data too, see ``layouts/figures.py``).

Each figure writes its numbers on the marks (never colour alone) and, where a mark is a
unit, carries the unit's link in ``customdata`` so that a click drills down.
"""
from __future__ import annotations

from datetime import date, timedelta

from dashboard import fmt
from dashboard.i18n import course_kind_label, t
from dashboard.vocabulary import COURSE_KINDS

from .figures import BAR_HEIGHT, BAR_OUTLINE, FONT, GRADE_COLOURS, axis, base_layout, figure, row_links

KIND_COLOURS = {"boi_duong": "#1f5fa8", "tap_huan": "#2a8c82", "toa_dam": "#8a5cb8"}
PEOPLE_COLOUR = "#7fa7d6"
PARTICIPATIONS_COLOUR = "#1f5fa8"
# light to dark green: a share of the cadres, 0 .. 100 %
COVERAGE_SCALE = [[0.0, "#fbf3e4"], [0.5, "#a8d5a2"], [1.0, "#1e7b34"]]
TIMELINE_ROW = 30
HEATMAP_ROW = 30
COMPLETION_ROW = 42


def completion_bar(rows: list[dict], lang: str) -> dict:
    """Trained / cadres in post per unit, best at the top, its figures and grade word
    written under the unit's name (left of the bar), so that nothing is cut off on a
    phone, where a label to the right of a full bar has no room.

    rows: dicts with name, numerator, denominator, grade, href. A unit with denominator 0
    gets no bar, says "no data" and sorts last.
    """
    def rate(row):
        return row["numerator"] / row["denominator"] if row["denominator"] else None

    ordered = sorted(rows, key=lambda r: (rate(r) is not None, rate(r) or 0, r["numerator"]))
    ticks = []
    for row in ordered:
        share = rate(row)
        if share is None:
            figures = t("chart.no_data_bar", lang)
        else:
            figures = (f"{fmt.number(row['numerator'], 0, lang)}/{fmt.number(row['denominator'], 0, lang)}"
                       f" · {fmt.percent(share, 1, lang)} · "
                       f"<span style='color:{GRADE_COLOURS[row['grade']]}'><b>{t('grade.' + row['grade'], lang)}</b></span>")
        ticks.append(f"{row['name']}<br><span style='font-size:11px;color:#57606a'>{figures}</span>")
    positions = list(range(len(ordered)))
    bar = {
        "type": "bar", "x": [float(rate(r) or 0) for r in ordered], "y": positions, "orientation": "h",
        "marker": {"color": [GRADE_COLOURS[r["grade"]] for r in ordered], "line": BAR_OUTLINE},
        "customdata": [r["href"] for r in ordered], "hovertext": ticks, "hoverinfo": "text",
    }
    layout = base_layout(lang, 40 + COMPLETION_ROW * max(len(ordered), 1))
    layout["xaxis"] = axis(range=[0, 1.03], tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1],
                           gridcolor="#e6e8eb", fixedrange=True)
    layout["yaxis"] = axis(fixedrange=True, tickvals=positions, ticktext=ticks, tickfont={"size": 12},
                           range=[-0.6, len(ordered) - 0.4])
    layout["margin"] = {"l": 8, "r": 24, "t": 8, "b": 32}
    layout["bargap"] = 0.35
    return figure([bar], layout)


def people_participations_bar(rows: list[dict], lang: str) -> dict:
    """Per unit: people (số người) and participations (số lượt) side by side, most
    participations at the top.

    rows: dicts with name, people, participations, href.
    """
    ordered = sorted(rows, key=lambda r: (r["participations"], r["people"]))
    names = [r["name"] for r in ordered]
    links = [r["href"] for r in ordered]
    traces = []
    for key, colour in (("people", PEOPLE_COLOUR), ("participations", PARTICIPATIONS_COLOUR)):
        label = t(f"training.legend.{key}", lang)
        values = [int(r[key]) for r in ordered]
        traces.append({
            "type": "bar", "x": values, "y": names, "orientation": "h", "name": label,
            "marker": {"color": colour, "line": BAR_OUTLINE},
            "text": [fmt.number(v, 0, lang) for v in values], "textposition": "outside", "cliponaxis": False,
            "customdata": links, "hovertemplate": f"<b>%{{y}}</b><br>{label}: %{{text}}<extra></extra>",
        })
    top = int(max([r["participations"] for r in rows] + [r["people"] for r in rows] + [1]))
    layout = base_layout(lang, 70 + 2 * BAR_HEIGHT * max(len(ordered), 1) * 0.75)
    layout.update(
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0,
                "traceorder": "reversed"},
        barmode="group", bargap=0.25, bargroupgap=0.05,
        margin={"l": 8, "r": 16, "t": 28, "b": 32},
        xaxis=axis(range=[0, top * 1.18], gridcolor="#e6e8eb", fixedrange=True, tickformat=",d",
                   **({"dtick": 1} if top < 6 else {})),
        yaxis=axis(fixedrange=True, tickfont={"size": 12}),
    )
    return figure(traces, layout)


def short_lines(text: str, width: int, lines: int = 2) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters (broken between
    words, "…" when cut), joined with <br> for a plotly tick label."""
    out, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
            if len(out) == lines:
                break
        else:
            current = f"{current} {word}".strip()
    else:
        out.append(current)
        return "<br>".join(out)
    return "<br>".join(out[:lines - 1] + [out[lines - 1].rstrip(",;:") + " …"])


def course_timeline(courses: list[dict], start: date, end: date, lang: str, reviews: tuple = ()) -> dict:
    """The courses on a time axis from ``start`` to ``end``: one thick segment per course
    (start to end of its last day), coloured by kind with the kind named in the legend,
    the number of learners from the unit written beside it.

    courses: dicts with label (the row's name), title, kind, start_date, end_date, days,
    organiser, learners; drawn top to bottom in the order given.
    """
    traces = []
    labels = [c["label"] for c in courses]
    gap = timedelta(days=max(1, (end - start).days // 100))  # between a segment and its label
    for kind in COURSE_KINDS:
        mine = [c for c in courses if c["kind"] == kind]
        if not mine:
            continue
        xs, ys, hover = [], [], []
        for course in mine:
            last = course["end_date"] + timedelta(days=1)
            text = t("training.timeline.hover", lang, start=fmt.day(course["start_date"]),
                     end=fmt.day(course["end_date"]), days=fmt.number(course["days"], 0, lang),
                     organiser=course["organiser"], learners=fmt.number(course["learners"], 0, lang))
            tip = f"<b>{course['title']}</b><br>{text}"
            xs += [course["start_date"].isoformat(), last.isoformat(), None]
            ys += [course["label"], course["label"], None]
            hover += [tip, tip, None]
        name = course_kind_label(kind, lang)
        traces.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines+markers", "name": name, "connectgaps": False,
            "line": {"color": KIND_COLOURS[kind], "width": 12},
            "marker": {"color": KIND_COLOURS[kind], "size": 12, "symbol": "line-ns",
                       "line": {"width": 2, "color": KIND_COLOURS[kind]}},
            "hovertext": hover, "hoverinfo": "text",
        })
        traces.append({
            "type": "scatter", "x": [(c["end_date"] + timedelta(days=1) + gap).isoformat() for c in mine],
            "y": [c["label"] for c in mine], "mode": "text", "showlegend": False, "hoverinfo": "skip",
            "text": [t("training.timeline.learners", lang, count=fmt.number(c["learners"], 0, lang))
                     for c in mine],
            "textposition": "middle right", "textfont": {"size": 12, "color": "#1f2328"},
        })
    layout = base_layout(lang, 90 + TIMELINE_ROW * max(len(courses), 1))
    span = max((end - start).days, 1)
    layout.update(
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        margin={"l": 8, "r": 16, "t": 28, "b": 40},
        xaxis=axis(type="date", range=[(start - timedelta(days=1)).isoformat(),
                                       (end + timedelta(days=max(2, span // 5))).isoformat()],
                   gridcolor="#e6e8eb", fixedrange=True, tickformat="%d/%m/%Y"),
        # the course's name, not its code, beside its segment
        yaxis=axis(fixedrange=True, categoryorder="array", categoryarray=list(reversed(labels)),
                   tickfont={"size": 11}, tickmode="array", tickvals=labels,
                   ticktext=[short_lines(c["title"], 30) for c in courses]),
        hoverlabel={"font": {"family": FONT}, "align": "left"},
    )
    # the reviews (sơ kết, tổng kết) held in the period: a dashed line on their day
    if reviews:
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "paper", "x0": r["date"].isoformat(),
                             "x1": r["date"].isoformat(), "y0": 0, "y1": 1,
                             "line": {"color": "#6e7781", "width": 1, "dash": "dash"}} for r in reviews]
        layout["annotations"] = [{"xref": "x", "yref": "paper", "x": r["date"].isoformat(), "y": 1, "yanchor": "top", "xanchor": "left",
                                  "showarrow": False, "font": {"size": 11, "color": "#57606a"},
                                  "text": t("review.timeline", lang, kind=t(f"review.kind.{r['kind']}", lang),
                                            directive=r["directive"], date=fmt.day(r["date"]))} for r in reviews]
    return figure(traces, layout)


def coverage_heatmap(units: list[dict], topics: list[dict], cells: dict, lang: str) -> dict:
    """Units (rows) x topics (columns): the share of each unit's cadres in post who
    covered the topic, written in the cell; "—" where the unit has no cadres.

    units: dicts with key, name, href ("" for the total row, which does not drill);
    topics: dicts with key, code, name; cells: {(unit key, topic key): (covered, cadres)}.
    """
    z, text, hover = [], [], []
    for unit in units:
        row_z, row_text, row_hover = [], [], []
        for topic in topics:
            covered, cadres = cells.get((unit["key"], topic["key"]), (0, 0))
            share = float(covered / cadres) if cadres else None
            row_z.append(share)
            # the share in per cent, without the sign (the section says so): fits a phone
            row_text.append(fmt.number(100 * share, 0, lang) if share is not None else "—")
            detail = (t("training.coverage.hover", lang, covered=fmt.number(covered, 0, lang),
                        cadres=fmt.number(cadres, 0, lang), share=fmt.percent(share, 1, lang))
                      if cadres else t("training.coverage.no_cadres", lang))
            # the unit's name comes from the row (%{y}): not repeated in every cell
            row_hover.append(f"{topic['code']}: {topic['name']}<br>{detail}")
        z.append(row_z)
        text.append(row_text)
        hover.append(row_hover)
    heatmap = {
        "type": "heatmap", "z": z, "x": [tp["code"] for tp in topics], "y": [u["name"] for u in units],
        "zmin": 0, "zmax": 1, "colorscale": COVERAGE_SCALE, "showscale": False,
        "text": text, "texttemplate": "%{text}", "textfont": {"size": 12},
        "hovertext": hover, "hovertemplate": "<b>%{y}</b><br>%{hovertext}<extra></extra>",
        "meta": row_links([u["href"] for u in units]), "xgap": 2, "ygap": 2,
    }
    layout = base_layout(lang, 90 + HEATMAP_ROW * max(len(units), 1))
    layout.update(
        margin={"l": 8, "r": 8, "t": 50, "b": 8},
        # each topic named (its first words) above its column, not only its code
        xaxis=axis(side="top", fixedrange=True, tickfont={"size": 10}, type="category", tickmode="array",
                   tickvals=[tp["code"] for tp in topics],
                   ticktext=[short_lines(tp["name"], 12) for tp in topics]),
        yaxis=axis(fixedrange=True, autorange="reversed", tickfont={"size": 12}, type="category"),
    )
    return figure([heatmap], layout)
