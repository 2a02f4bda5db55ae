"""The unified-positions page (Nhất thể hóa): /nhat-the-hoa and /nhat-the-hoa/<code>.

``skeleton`` is drawn from the URL alone; the ``render_*`` functions turn what the data
service returns (``dashboard.indicators.unified_detail``) into each section's contents.
"""
from __future__ import annotations

import textwrap
from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import fmt
from dashboard.definitions import GROUPS, INDICATORS, grade, page_ratios
from dashboard.i18n import role_label, t, unit_title
from dashboard.viewstate import Route, ViewState, href, view_data

from . import ids
from .components import (
    GRADE_ICONS,
    column_tooltip,
    empty_state,
    figure_text,
    icon,
    info_button,
    kpi_card,
    kpi_popover,
    kpi_title,
    loading,
    popover_children,
    section,
)
from .figures import empty_figure, graph_config
from .filters import filter_bar
from .grid import data_grid, date_column, int_column, name_column, percent_column, text_column
from .labels import change_text, period_label, short_period_label, titled_records
from .unified_charts import coverage_bars, first_time_bars, history_line, vacancy_bars
from .tiles import state_tile, tiles_section, wants_tiles
from .unit_header import child_href, error_header, header

PAGE = "unified"
CHARTS = (ids.UN_COVERAGE, ids.UN_FIRST_TIME, ids.UN_VACANT)
CHART_TITLES = {ids.UN_COVERAGE: "unified.chart.coverage", ids.UN_FIRST_TIME: "unified.chart.first_time",
                ids.UN_VACANT: "unified.chart.vacant"}
# the registry entry each chart draws (its info button)
CHART_DEFINITIONS = {ids.UN_COVERAGE: "unified", ids.UN_FIRST_TIME: "first_time", ids.UN_VACANT: "vacant"}
CHART_HINTS = {ids.UN_COVERAGE: "unified.chart.coverage.hint", ids.UN_FIRST_TIME: "chart.click_hint",
               ids.UN_VACANT: "unified.chart.vacant.only"}
# keys of the dict ``render_main`` returns, in the order of the main callback's outputs
MAIN_SECTIONS = ("header", "body_style", "kpis", "tiles", *CHARTS, *[f"{name}_style" for name in CHARTS],
                 *[f"{name}_info" for name in CHARTS])
HIDDEN = {"display": "none"}


def chart_anchor(name: str) -> str:
    return f"chart-{name}"


def chart_infos(total: dict, context, lang: str) -> dict:
    """The definition popover of each chart, with the unit's total figure."""
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    villages, unified = total["villages"], total["unified"]
    figures = {ids.UN_COVERAGE: (unified, villages), ids.UN_FIRST_TIME: (total["first_time"], unified),
               ids.UN_VACANT: (total["secretary_vacant"] + total["head_vacant"], 2 * villages)}
    out = {}
    for name, (num, den) in figures.items():
        key = CHART_DEFINITIONS[name]
        out[f"{name}_info"] = popover_children(
            key, lang, t("def.chart_total", lang, unit=unit, figure=figure_text(num, den, key, lang)))
    return out


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang

    def chart(name: str, width: int = 6, natural: bool = False):
        graph = dcc.Graph(id=ids.drill_graph(name), config=graph_config(lang),
                          figure=empty_figure(t("loading", lang), lang))
        return dbc.Col(section(
            t(CHART_TITLES[name], lang), loading(graph, name),
            extra=html.Small(t(CHART_HINTS[name], lang), className="text-muted d-print-none"),
            class_name="chart-card" + (" chart-card-natural" if natural else ""),
            info=info_button(CHART_DEFINITIONS[name], lang, chart_anchor(name)),
        ), xs=12, xl=width, id=ids.chart_wrap(name))

    history = dbc.Col(section(
        t("unified.chart.history", lang),
        loading(html.Div([
            dcc.Graph(id=ids.UN_HISTORY, config=graph_config(lang),
                      figure=empty_figure(t("loading", lang), lang)),
            html.Div(id=ids.UN_HISTORY_TERMS),
        ]), ids.UN_HISTORY),
        class_name="chart-card", info=info_button("unified", lang, "chart-un-history"),
    ), xs=12, xl=8, id=ids.chart_wrap(ids.UN_HISTORY))
    reset = href(PAGE, ViewState(lang=lang), route.unit)
    body = html.Div([
        section(None, loading(html.Div(id=ids.UN_KPIS), ids.UN_KPIS)),
        # a commune's villages: tiles instead of the three charts by child (render_main)
        html.Div(id=ids.UN_TILES),
        dbc.Row([chart(ids.UN_COVERAGE), chart(ids.UN_FIRST_TIME)], className="g-3 charts-row"),
        # vacancies are few: that card keeps its own height beside the taller history
        dbc.Row([history, chart(ids.UN_VACANT, width=4, natural=True)], className="g-3 charts-row"),
        section(t("unified.villages.title", lang), loading(html.Div(id=ids.UN_VILLAGES), ids.UN_VILLAGES)),
    ], id=ids.UN_BODY)
    return html.Div([
        loading(html.Div(id=ids.UN_HEADER, className="page-header"), ids.UN_HEADER),
        filter_bar(state, today, lang, view_data(route, search), reset_href=reset),
        body,
    ], className="page page-unified")


# --- KPIs -----------------------------------------------------------------------------------


def stat_card(title: str, value: str, ratio_text: str, detail: str, badge, change: str,
              tone: str, card_id: str, info=None) -> dbc.Card:
    """A headline card like ``components.kpi_card`` whose badge is given (a count has
    no grade thresholds of the kind ``definitions`` holds)."""
    body = [
        kpi_title(title, info),
        html.Div([html.Span(value, className="kpi-value"), html.Span(ratio_text, className="kpi-ratio")],
                 className="d-flex align-items-baseline gap-2 flex-wrap"),
        html.Div(detail, className="kpi-detail"),
        html.Div([badge, html.Span(change, className="kpi-change")],
                 className="d-flex justify-content-between align-items-center gap-2 flex-wrap mt-1"),
        kpi_popover(info),
    ]
    return dbc.Card(dbc.CardBody(body), className=f"kpi-card kpi-{tone} h-100", id=card_id)


def count_change(current: int, previous: int | None, lang: str) -> str:
    """"tăng 2" / "giảm 1" / "không đổi"; "kỳ trước chưa có số liệu" when ``previous`` is
    None."""
    if previous is None:
        return t("kpi.change_none", lang)
    delta = current - previous
    if delta == 0:
        return t("kpi.change_same", lang)
    key = "unified.change.more" if delta > 0 else "unified.change.fewer"
    return t(key, lang, value=fmt.number(abs(delta), 0, lang))


def kpis(total: dict, previous: dict | None, context, lang: str) -> dbc.Row:
    """Unified x/y %, the share of first-time holders among them, the vacant posts; each
    with its change against the previous period."""
    compared = t("period.vs_previous", lang, label=short_period_label(context.previous, lang))
    before = previous or {key: 0 for key in total}

    def with_label(change: str, had_data: bool) -> str:
        return f"{change} {compared}" if change and had_data else change

    villages, unified, first = total["villages"], total["unified"], total["first_time"]
    indicator = INDICATORS["unified"]
    coverage = kpi_card(
        t(indicator.label, lang), t(indicator.label + ".detail", lang), unified, villages,
        grade(indicator, unified, villages),
        with_label(change_text((unified, villages), (before["unified"], before["villages"]), lang),
                   bool(before["villages"])),
        lang, card_id="un-kpi-unified",
        info=info_button("unified", lang, "un-kpi-unified", figure_text(unified, villages, "unified", lang)))

    first_change = change_text((first, unified), (before["first_time"], before["unified"]), lang)
    first_card = stat_card(
        t("kpi.first_time", lang),
        fmt.percent(first / unified, 1, lang) if unified else t("kpi.no_data", lang),
        f"{fmt.number(first, 0, lang)}/{fmt.number(unified, 0, lang)}",
        t("kpi.first_time.detail", lang),
        html.Span(t("unified.kpi.first_time.split", lang, first=fmt.number(first, 0, lang),
                    again=fmt.number(unified - first, 0, lang)), className="kpi-detail fw-semibold"),
        with_label(first_change, bool(before["unified"])), "none", "un-kpi-first-time",
        info_button("first_time", lang, "un-kpi-first-time", figure_text(first, unified, "first_time", lang)))

    vacant = total["secretary_vacant"] + total["head_vacant"]
    vacant_before = None if previous is None else previous["secretary_vacant"] + previous["head_vacant"]
    tone = "none" if not villages else ("good" if vacant == 0 else "poor")
    badge_key = "unified.kpi.vacant.none" if vacant == 0 else "unified.kpi.vacant.some"
    badge = html.Span([icon(GRADE_ICONS[tone]), " ", t(badge_key, lang)], className=f"grade grade-{tone}") \
        if villages else html.Span()
    change = count_change(vacant, vacant_before, lang) if villages else ""
    vacant_card = stat_card(
        t("kpi.vacant", lang), fmt.number(vacant, 0, lang),
        t("unified.kpi.vacant.of", lang, posts=fmt.number(2 * villages, 0, lang)),
        t("unified.kpi.vacant.detail", lang, secretary=fmt.number(total["secretary_vacant"], 0, lang),
          head=fmt.number(total["head_vacant"], 0, lang)),
        badge, with_label(change, vacant_before is not None and bool(change)), tone, "un-kpi-vacant",
        info_button("vacant", lang, "un-kpi-vacant", figure_text(vacant, 2 * villages, "vacant", lang)))
    cards = [coverage, first_card, vacant_card] + [
        ratio_card(definition, total, previous, with_label, lang) for definition in page_ratios(PAGE)]
    wide = 12 // len(cards) if 12 % len(cards) == 0 else 4
    # two a row on a phone: a compact strip (issue 13)
    return dbc.Row([dbc.Col(card, xs=6, md=6 if len(cards) > 3 else 4, xl=wide) for card in cards],
                   className="g-3 kpi-row")


def ratio_card(definition, total: dict, previous: dict | None, with_label, lang: str) -> dbc.Card:
    """An ungraded ratio of the registry that this page shows (``Definition.shown_on``):
    numerator/denominator, the percentage, its change against the previous period."""
    key = definition.key
    num, den = total[definition.numerator], total[definition.denominator]
    change = ""
    if previous is not None:
        change = with_label(change_text((num, den), (previous[definition.numerator],
                                                     previous[definition.denominator]), lang),
                            bool(previous[definition.denominator]))
    anchor = f"un-kpi-{key.replace('_', '-')}"
    return stat_card(
        t(definition.label, lang),
        fmt.percent(num / den, 1, lang) if den else t("kpi.no_data", lang),
        f"{fmt.number(num, 0, lang)}/{fmt.number(den, 0, lang)}",
        t(definition.label + ".detail", lang), html.Span(), change, "none", anchor,
        info_button(key, lang, anchor, figure_text(num, den, key, lang)))


# --- charts by child ------------------------------------------------------------------------


def child_rows(table, state: ViewState, parent_code: str, lang: str) -> list[dict]:
    """The children of ``unified_by_child`` as chart rows (name, code, counts, href), in
    the table's order (Vietnamese name order). Names shared by several children (after a
    merger a ward has two "Khu 1") get their code, since a chart's rows are its names."""
    children = table[~table["is_total"]]
    rows = []
    for title, row in titled_records(children, lang):
        rows.append({
            "name": title,
            "code": row["code"],
            "href": child_href(row, state, parent_code, PAGE),
            **{key: int(row[key]) for key in ("villages", "unified", "first_time", "secretary_vacant",
                                             "head_vacant", "vacant")},
        })
    return rows


def unified_tile(row: dict, lang: str):
    """A village of a commune: unified or not (in words and colour), whether its holder is
    there for the first time or re-elected, and which post is vacant: what the three bars
    by child said of it (each 0 or 1 for a village)."""
    villages, unified = row["villages"], row["unified"]
    if not villages:
        return state_tile(row["name"], row["href"], t("tiles.unified.none", lang), "none", [])
    details = []
    if unified:
        details.append(t("unified.value.first_time" if row["first_time"] else "unified.value.reelected", lang))
    for role in ("secretary", "head"):
        if row[f"{role}_vacant"]:
            details.append(t("tiles.vacant", lang, post=role_label(role, lang)))
    full = unified == villages
    return state_tile(row["name"], row["href"], t("tiles.unified.good" if full else "tiles.unified.poor", lang),
                      "good" if full else "poor", details)


def _message_figure(message: str, lang: str, height: int = 160):
    """An empty figure whose message wraps (a Plotly annotation does not wrap itself,
    and would be cut off at phone width)."""
    return empty_figure(textwrap.fill(message, 38).replace("\n", "<br>"), lang, height=height)


def render_main(data, lang: str) -> dict:
    """Header, KPIs and the three charts by child, keyed as ``MAIN_SECTIONS``."""
    context = data.context
    table = data.table
    total_row = table[table["is_total"]].iloc[0]
    total = {key: int(total_row[key]) for key in GROUPS["unified"]}
    out = {
        "header": header(context, lang, page=PAGE, subtitle=t("nav.unified", lang)),
        "body_style": {},
        "kpis": kpis(total, data.previous, context, lang),
        **chart_infos(total, context, lang),
    }
    rows = child_rows(table, context.state, context.unit.code, lang)
    day = fmt.day(context.period.as_of)
    levels = table[~table["is_total"]]["level"].tolist()
    out["tiles"] = tiles_section([unified_tile(row, lang) for row in rows], lang, ids.UN_TILES + "-section") \
        if rows and wants_tiles(levels) else None
    for name in CHARTS:
        out[f"{name}_style"] = HIDDEN if out["tiles"] is not None else {}
    if out["tiles"] is not None:  # the tiles say all the bars said
        for name in CHARTS:
            out[name] = empty_figure("", lang, height=40)
        return out
    if not rows:
        message = t("empty.no_children", lang, unit=unit_title(context.unit.kind, context.unit.name, lang),
                    date=fmt.day(context.structure_date))
        for name in CHARTS:
            out[name] = _message_figure(message, lang)
        return out
    out[ids.UN_COVERAGE] = coverage_bars(rows, lang)
    with_unified = [r for r in rows if r["villages"]]
    out[ids.UN_FIRST_TIME] = (first_time_bars(with_unified, lang) if any(r["unified"] for r in rows)
                              else _message_figure(t("unified.empty.no_unified", lang, date=day), lang))
    vacant = [r for r in rows if r["vacant"]]
    out[ids.UN_VACANT] = (vacancy_bars(vacant, lang) if vacant
                          else _message_figure(t("unified.empty.no_vacancies", lang, date=day), lang, height=120))
    return out


def render_error(context, lang: str) -> dict:
    """The reason instead of figures (unknown code, unit not valid on the date ...)."""
    out = {"header": error_header(context, lang, PAGE), "body_style": {"display": "none"}, "kpis": None,
           "tiles": None}
    for name in CHARTS:
        out[f"{name}_style"] = {}
        out[name] = empty_figure("", lang, height=40)
        out[f"{name}_info"] = popover_children(CHART_DEFINITIONS[name], lang)
    return out


# --- history --------------------------------------------------------------------------------


def render_history_error(lang: str) -> tuple:
    """Nothing to draw: the unit cannot be shown (the header says why)."""
    return empty_figure("", lang, height=40), None


def render_history(data, lang: str) -> tuple:
    """(figure, the table at each term's end and on the date)."""
    context = data.context
    if data.first_day is None or data.monthly.empty:
        message = t("unified.history.empty", lang, date=fmt.day(context.period.as_of))
        return _message_figure(message, lang), None
    if not data.monthly["villages"].any():  # e.g. a filter that keeps no child with villages
        message = t("unified.villages.empty", lang, unit=unit_title(context.unit.kind, context.unit.name, lang),
                    date=fmt.day(context.period.as_of))
        return _message_figure(message, lang), None
    figure = history_line(data.monthly.to_dict("records"), list(data.terms), lang)
    rows = []
    for record in data.milestones.to_dict("records"):
        term = record["term"]
        when = (t("unified.history.end_of", lang, term=term.replace("-", "–")) if isinstance(term, str)
                else t("unified.history.now", lang))
        villages, unified = int(record["villages"]), int(record["unified"])
        rows.append({"when": when, "day": record["day"].isoformat(), "unified": unified, "villages": villages,
                     "rate": unified / villages if villages else None})
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    columns = [
        one_line_column("when", t("unified.history.col.when", lang), 190, 2),
        date_column("day", t("unified.history.col.date", lang)),
        int_column("unified", t("col.unified", lang), lang, definition="unified"),
        int_column("villages", t("col.villages", lang), lang, definition="villages"),
        percent_column("rate", t("unified.col.rate", lang), lang, definition="unified"),
    ]
    hint = html.P(t("unified.history.hint", lang, unit=unit, date=fmt.day(context.structure_date)),
                  className="small text-muted mb-2")
    grid = data_grid("unified-terms", columns, rows, lang, export_name=f"nhat-the-hoa-nhiem-ky-{context.unit.code}",
                     export_title=t("unified.export.terms", lang, unit=unit))
    return figure, html.Div([hint, html.H3(t("unified.history.term_ends", lang), className="h6 mt-2"), grid])


# --- villages -------------------------------------------------------------------------------


def village_rows(table, state: ViewState, lang: str) -> list[dict]:
    """Grid rows of ``village_table``: names are links to the village page."""
    vacant = t("unified.value.vacant", lang)
    rows = []
    for record in table.to_dict("records"):
        first = record["first_time"]
        rows.append({
            "code": record["code"],
            "name": unit_title(record["kind"], record["name"], lang),
            "href": child_href({"level": "village", "code": record["code"]}, state, record["commune_code"], PAGE),
            "commune": unit_title(record["commune_kind"], record["commune_name"], lang)
            if record["commune_name"] else "",
            "secretary": record["secretary"] or vacant,
            "head": record["head"] or vacant,
            "unified": t("unified.value.yes" if record["unified"] else "unified.value.no", lang),
            "first_time": "" if pd.isna(first) else
            t("unified.value.first_time" if first else "unified.value.reelected", lang),
            "term": (record["term"] or "").replace("-", "–"),
        })
    return rows


def one_line_column(field: str, header: str, min_width: int, flex: int = 1) -> dict:
    """A text column kept on one line, the whole text in a tooltip: rows keep one height
    (rows that grow to fit wrapped text leave gaps while the grid measures them)."""
    return {**text_column(field, header, min_width=min_width, flex=flex), "wrapText": False, "autoHeight": False,
            "tooltipField": field}


def village_columns(lang: str) -> list[dict]:
    no = t("unified.value.no", lang)
    vacant = t("unified.value.vacant", lang)
    flagged = {"unified-no": f"params.value === {no!r}"}
    missing = {"unified-vacant": f"params.value === {vacant!r}"}
    return [
        name_column("name", t("unified.col.village", lang)),
        {"field": "code", "headerName": t("unit.code", lang), "minWidth": 100, "flex": 1,
         "filter": "agTextColumnFilter"},
        one_line_column("commune", t("unified.col.commune", lang), 160),
        {**one_line_column("secretary", t("unified.col.secretary", lang), 180, 2), "cellClassRules": missing},
        {**one_line_column("head", t("unified.col.head", lang), 180, 2), "cellClassRules": missing},
        {**one_line_column("unified", t("unified.col.unified", lang), 110), "cellClassRules": flagged,
         "headerTooltip": column_tooltip("unified", lang)},
        {**one_line_column("first_time", t("unified.col.first_time", lang), 120),
         "headerTooltip": column_tooltip("first_time", lang)},
        one_line_column("term", t("unified.col.term", lang), 110),
    ]


def render_villages(data, lang: str):
    """The village table; or, for a unit with too many villages, why not and its
    children instead; or why it is empty."""
    context = data.context
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    state = context.state
    if data.too_many:
        links = [dcc.Link(unit_title(row["kind"], row["name"], lang),
                          href=child_href(row, state, context.unit.code, PAGE), className="me-3 d-inline-block")
                 for row in data.children.to_dict("records")]
        return empty_state(t("unified.villages.too_many", lang, unit=unit, count=fmt.number(data.villages, 0, lang),
                             limit=fmt.number(data.limit, 0, lang)), html.Div(links, className="child-links"))
    if data.table.empty:
        return empty_state(t("unified.villages.empty", lang, unit=unit, date=fmt.day(context.period.as_of)))
    title = t("unified.export.villages", lang, unit=unit, period=period_label(context.period, lang))
    return data_grid("unified-villages", village_columns(lang), village_rows(data.table, state, lang), lang,
                     export_title=title, export_name=f"nhat-the-hoa-thon-khu-{context.unit.code}")
