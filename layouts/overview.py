"""The overview of a unit (Tổng quan, and the unit page /don-vi/<code>).

``skeleton`` is drawn from the URL alone; ``render`` turns the data service's
``OverviewData`` into the contents of each section.
"""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.definitions import HEADLINE, INDICATORS, grade
from dashboard.i18n import t, unit_title
from dashboard.viewstate import Route, ViewState, href, view_data

from . import ids
from .components import empty_state, kpi_card, loading, section
from .figures import empty_figure, graph_config, ranked_bar
from .filters import filter_bar
from .grid import data_grid, grade_column, int_column, name_column, percent_column
from .labels import change_text, period_label, short_period_label, sibling_titles
from .unit_header import child_href, error_header, header

CHARTS = ("unified", "training", "boards", "resolved")
VILLAGE_HIDDEN = ("boards", "resolved")
CHART_TITLES = {"unified": "chart.unified_by_unit", "training": "chart.training_by_unit",
                "boards": "chart.boards_by_unit", "resolved": "chart.resolved_by_unit"}


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang
    charts = []
    for name in CHARTS:
        charts.append(dbc.Col(section(
            t(CHART_TITLES[name], lang),
            loading(dcc.Graph(id=ids.drill_graph(name), config=graph_config(lang),
                              figure=empty_figure(t("loading", lang), lang)), name),
            extra=html.Small(t("chart.click_hint", lang), className="text-muted d-print-none"),
            class_name="chart-card",
        ), xs=12, xl=6, id=ids.chart_wrap(name)))
    reset = href("overview", ViewState(lang=lang), route.unit)
    return html.Div([
        loading(html.Div(id=ids.HEADER, className="page-header"), ids.HEADER),
        filter_bar(state, today, lang, view_data(route, search), reset_href=reset),
        html.Div([  # hidden when there is nothing to show (the header says why)
            section(None, loading(html.Div(id=ids.OV_KPIS), ids.OV_KPIS)),
            section(t("attention.title", lang), loading(html.Div(id=ids.OV_ATTENTION), ids.OV_ATTENTION)),
            html.H2(t("overview.charts", lang), className="h5 visually-hidden"),
            dbc.Row(charts, className="g-3 charts-row"),
            section(t("overview.table", lang), loading(html.Div(id=ids.OV_TABLE), ids.OV_TABLE)),
            loading(html.Div(id=ids.OV_UNIT_EXTRA), ids.OV_UNIT_EXTRA),
        ], id=ids.OV_BODY),
    ], className="page page-overview")


# --- rendering ---------------------------------------------------------------------------


def kpis(total, previous_total, context, lang: str) -> dbc.Row:
    cards = []
    compared = t("period.vs_previous", lang, label=short_period_label(context.previous, lang))
    for key in HEADLINE:
        indicator = INDICATORS[key]
        num, den = int(total[indicator.numerator]), int(total[indicator.denominator])
        pnum, pden = int(previous_total[indicator.numerator]), int(previous_total[indicator.denominator])
        change = change_text((num, den), (pnum, pden), lang)
        cards.append(dbc.Col(kpi_card(
            t(indicator.label, lang), t(indicator.label + ".detail", lang), num, den,
            grade(indicator, num, den), f"{change} {compared}" if change and pden else change, lang,
            card_id=f"kpi-{key}",
        ), xs=12, sm=6, md=4, xl=True))
    return dbc.Row(cards, className="g-3 kpi-row")


def chart_rows(summary, key: str, state: ViewState, parent_code: str, lang: str) -> list[dict]:
    indicator = INDICATORS[key]
    rows = []
    children = summary[~summary["is_total"]]
    for title, (_, row) in zip(sibling_titles(children, lang), children.iterrows()):
        num, den = int(row[indicator.numerator]), int(row[indicator.denominator])
        rows.append({"name": title, "numerator": num, "denominator": den,
                     "grade": grade(indicator, num, den), "href": child_href(row, state, parent_code)})
    return rows


ATTENTION_ROWS = 20  # lines at most: a province has 150 communes, the table lists them all


def attention(entries: list[dict], state: ViewState, parent_code: str, lang: str):
    """One line per unit: its name (a link) and what needs attention, most issues first;
    at most ``ATTENTION_ROWS`` lines, then how many more units there are."""
    if not entries:
        return empty_state(t("attention.empty", lang))
    rows = []
    for entry in entries[:ATTENTION_ROWS]:
        target = child_href(entry, state, parent_code)
        issues = [html.Span(t(f"attention.{key}", lang, count=fmt.number(count, 0, lang)),
                            className=f"badge attention-badge attention-{key}") for key, count in entry["issues"]]
        rows.append(html.Tr([
            html.Td(dcc.Link(unit_title(entry["kind"], entry["name"], lang), href=target, className="fw-semibold")),
            html.Td(html.Div(issues, className="d-flex flex-wrap gap-1")),
        ]))
    head = html.Thead(html.Tr([html.Th(t("attention.unit", lang), scope="col"),
                               html.Th(t("attention.issue", lang), scope="col")]))
    table = html.Table([head, html.Tbody(rows)], className="table table-sm align-middle mb-0 attention-table")
    more = len(entries) - ATTENTION_ROWS
    if more <= 0:
        return html.Div(table, className="table-responsive attention-wrap")
    note = html.P(t("attention.more", lang, count=fmt.number(more, 0, lang)),
                  className="text-muted small mt-2 mb-0 attention-more")
    return html.Div([table, note], className="table-responsive attention-wrap")


def table_rows(summary, state: ViewState, parent_code: str, lang: str) -> tuple[list[dict], list[dict]]:
    """Grid rows for the children and the pinned total row."""
    def record(row, link: bool, title: str = ""):
        out = {
            "code": row["code"],
            "name": title if link else t("grid.total", lang),
            "href": child_href(row, state, parent_code) if link else None,
        }
        for key in HEADLINE:
            indicator = INDICATORS[key]
            num, den = int(row[indicator.numerator]), int(row[indicator.denominator])
            out[f"{key}_num"], out[f"{key}_den"] = num, den
            out[f"{key}_rate"] = num / den if den else None
        out["first_time"] = int(row["first_time"])
        out["vacant"] = int(row["secretary_vacant"] + row["head_vacant"])
        out["unified_grade"] = grade(INDICATORS["unified"], out["unified_num"], out["unified_den"])
        return out

    children = summary[~summary["is_total"]]
    rows = [record(r, True, title) for title, (_, r) in zip(sibling_titles(children, lang), children.iterrows())]
    total = [record(summary[summary["is_total"]].iloc[0], False)]
    return rows, total


def table_columns(lang: str, villages: bool) -> list[dict]:
    return [
        name_column("name", t("unit.name", lang)),
        {"field": "code", "headerName": t("unit.code", lang), "minWidth": 110, "flex": 1,
         "filter": "agTextColumnFilter"},
        int_column("unified_den", t("col.villages", lang), lang),
        int_column("unified_num", t("col.unified", lang), lang),
        percent_column("unified_rate", t("col.unified_rate", lang), lang),
        grade_column("unified_grade", t("kpi.unified", lang), lang),
        int_column("first_time", t("col.first_time", lang), lang),
        int_column("vacant", t("col.vacant", lang), lang),
        int_column("training_den", t("col.cadres", lang), lang),
        int_column("training_num", t("col.trained", lang), lang),
        percent_column("training_rate", t("col.trained_rate", lang), lang),
        int_column("boards_den", t("col.boards", lang), lang),
        int_column("boards_num", t("col.active_boards", lang), lang),
        int_column("resolved_den", t("col.recommendations", lang), lang),
        int_column("resolved_num", t("col.resolved", lang), lang),
        percent_column("resolved_rate", t("col.resolved_rate", lang), lang),
        int_column("briefings_num", t("col.briefings", lang), lang),
        percent_column("briefings_rate", t("kpi.briefings", lang), lang),
    ]


MAIN_PARTS = "main"  # header, KPIs, attention list, charts
LIST_PARTS = "lists"  # the table, below them all (its own callback: a province's table is large)


def render(data, lang: str, parts: str | None = None) -> dict:
    """Contents of the sections of the overview, keyed by section name: all of them, or
    only ``MAIN_PARTS`` (header, kpis, body_style, attention, charts and their styles) or
    ``LIST_PARTS`` (table)."""
    context = data.context
    state = context.state
    parent = context.unit.code
    summary = data.summary
    total = summary[summary["is_total"]].iloc[0]
    previous_total = data.previous[data.previous["is_total"]].iloc[0]
    children = summary[~summary["is_total"]]
    out = {} if parts == LIST_PARTS else {
        "header": header(context, lang), "kpis": kpis(total, previous_total, context, lang), "body_style": {}}
    if children.empty:
        message = t("empty.no_children", lang, unit=unit_title(context.unit.kind, context.unit.name, lang),
                    date=fmt.day(context.structure_date))
        for name in CHARTS:
            out[name] = empty_figure(message, lang)
            out[f"{name}_style"] = {}
        out["attention"] = empty_state(message)
        out["table"] = empty_state(message)
        return out
    villages = bool((children["level"] == "village").all())
    if parts != LIST_PARTS:
        for name in CHARTS:
            out[name] = ranked_bar(chart_rows(summary, name, state, parent, lang), lang)
            # boards belong to communes: by village there is nothing to rank
            out[f"{name}_style"] = {"display": "none"} if villages and name in VILLAGE_HIDDEN else {}
        out["attention"] = attention(data.attention, state, parent, lang)
    if parts == MAIN_PARTS:
        return out
    rows, total_row = table_rows(summary, state, parent, lang)
    title = f"{t('overview.table', lang)} — {unit_title(context.unit.kind, context.unit.name, lang)} — {period_label(context.period, lang)}"
    out["table"] = data_grid("overview", table_columns(lang, villages), rows, lang, pinned_bottom=total_row,
                             export_title=title, export_name=f"tong-quan-{parent}", row_id_field="code")
    return out


def render_error(context, lang: str) -> dict:
    out = {"header": error_header(context, lang), "kpis": None, "attention": None, "table": None,
           "body_style": {"display": "none"}}
    for name in CHARTS:
        out[name] = empty_figure("", lang, height=40)
        out[f"{name}_style"] = {"display": "none"}
    return out
