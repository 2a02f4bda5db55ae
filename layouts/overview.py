"""The overview of a unit (Tổng quan, and the unit page /don-vi/<code>).

``skeleton`` is drawn from the URL alone; ``render`` turns the data service's
``OverviewData`` into the contents of each section.
"""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import definitions, fmt
from dashboard.definitions import HEADLINE, INDICATORS, grade
from dashboard.i18n import t, unit_title
from dashboard.profile_figures import headline
from dashboard.viewstate import Route, ViewState, href, view_data

from dashboard.attention import issue_text
from dashboard.definitions import STALE_MONTHS, is_stale

from . import ids
from . import notes as notes_layout
from .components import (
    column_tooltip,
    empty_state,
    figure_text,
    info_button,
    kpi_card,
    loading,
    popover_children,
    section,
)
from .figures import empty_figure, graph_config, ranked_bar
from .filters import filter_bar
from .grid import data_grid, grade_column, int_column, name_column, percent_column
from .labels import change_text, period_label, short_period_label, sibling_titles, titled_records
from .tiles import village_tiles, wants_tiles
from .unit_header import child_href, error_header, header

CHARTS = ("unified", "training", "boards", "resolved")
VILLAGE_HIDDEN = ("boards", "resolved")
CHART_TITLES = {"unified": "chart.unified_by_unit", "training": "chart.training_by_unit",
                "boards": "chart.boards_by_unit", "resolved": "chart.resolved_by_unit"}
# every chart ranks one registry indicator: its info button opens that definition


def chart_anchor(name: str) -> str:
    return f"chart-{name}"


def chart_figure(summary, key: str, unit_label: str, lang: str) -> str:
    """The figure a chart's definition shows: the unit's total (each bar is one child)."""
    indicator = INDICATORS[key]
    total = summary[summary["is_total"]].iloc[0]
    num, den = int(total[indicator.numerator]), int(total[indicator.denominator])
    return t("def.chart_total", lang, unit=unit_label, figure=figure_text(num, den, key, lang))


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang
    charts = []
    for name in CHARTS:
        charts.append(dbc.Col(section(
            t(CHART_TITLES[name], lang),
            loading(dcc.Graph(id=ids.drill_graph(name), config=graph_config(lang),
                              figure=empty_figure(t("loading", lang), lang)), name),
            extra=html.Small(t("chart.click_hint", lang), className="text-muted d-print-none"),
            class_name="chart-card", info=info_button(name, lang, chart_anchor(name)),
        ), xs=12, xl=6, id=ids.chart_wrap(name)))
    reset = href("overview", ViewState(lang=lang), route.unit)
    return html.Div([
        loading(html.Div(id=ids.HEADER, className="page-header"), ids.HEADER),
        filter_bar(state, today, lang, view_data(route, search), reset_href=reset),
        html.Div([  # hidden when there is nothing to show (the header says why)
            html.Div(id=ids.OV_STALE),
            section(None, loading(html.Div(id=ids.OV_KPIS), ids.OV_KPIS)),
            section(t("attention.title", lang), loading(html.Div(id=ids.OV_ATTENTION), ids.OV_ATTENTION),
                    info=info_button("attention", lang, "attention")),
            html.Div(id=ids.OV_TILES),
            html.H2(t("overview.charts", lang), className="h5 visually-hidden"),
            dbc.Row(charts, className="g-3 charts-row"),
            notes_layout.skeleton(lang),  # after the figures it comments on
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
            card_id=f"kpi-{key}", info=info_button(key, lang, f"kpi-{key}", figure_text(num, den, key, lang)),
        ), xs=6, md=4, xl=True))
    return dbc.Row(cards, className="g-3 kpi-row")


def chart_rows(children: list[dict], titles: list[str], hrefs: list[str], key: str) -> list[dict]:
    """The rows of a ranked chart: each child's numerator, denominator and grade for the
    indicator ``key``. ``children``: records; ``titles``, ``hrefs``: theirs, in order
    (made once per page for the four charts)."""
    indicator = INDICATORS[key]
    rows = []
    for row, title, link in zip(children, titles, hrefs):
        num, den = int(row[indicator.numerator]), int(row[indicator.denominator])
        rows.append({"name": title, "numerator": num, "denominator": den,
                     "grade": grade(indicator, num, den), "href": link})
    return rows


ATTENTION_ROWS = 20  # lines at most: a province has 150 communes, the table lists them all


def attention(entries: list[dict], state: ViewState, parent_code: str, lang: str, notes=(),
              titles: dict[str, str] | None = None):
    """One line per unit: its name (a link), what needs attention (most issues first) and
    the leaders' notes on it in the period; at most ``ATTENTION_ROWS`` lines, then how
    many more units there are.

    ``titles``: code -> title of every sibling, so that a name two siblings share reads
    with its code here as in the charts."""
    if not entries:
        return empty_state(t("attention.empty", lang))
    rows = []
    for entry in entries[:ATTENTION_ROWS]:
        target = child_href(entry, state, parent_code)
        issues = [html.Span(issue_text(key, value, lang), className=f"badge attention-badge attention-{key}")
                  for key, value in entry["issues"]]
        own = [n for n in notes if n["unit_id"] == entry["unit_id"]]
        rows.append(html.Tr([
            html.Td(dcc.Link((titles or {}).get(entry["code"]) or unit_title(entry["kind"], entry["name"], lang),
                             href=target, className="fw-semibold")),
            html.Td([html.Div(issues, className="d-flex flex-wrap gap-1"), notes_layout.inline(own, lang)]),
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
            "code": row["code"] if link else "",  # the total is no unit of its own
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
        # the headline profile figures (None where nobody is in post, or has a birth year)
        profile = headline(row)
        out.update(women_rate=profile["women_rate"], theory_rate=profile["theory_rate"], avg_age=profile["avg_age"])
        return out

    children = summary[~summary["is_total"]]
    rows = [record(r, True, title) for title, r in titled_records(children, lang)]
    total = [record(summary[summary["is_total"]].iloc[0], False)]
    return rows, total


def table_columns(lang: str, villages: bool) -> list[dict]:
    """Headers and tooltips from the indicator registry (``dashboard.definitions``)."""
    col, den = definitions.column, definitions.denominator_column

    def explained(column: dict, key: str) -> dict:
        return {**column, "headerTooltip": column_tooltip(key, lang)}

    return [
        name_column("name", t("unit.name", lang)),
        {"field": "code", "headerName": t("unit.code", lang), "minWidth": 110, "flex": 1,
         "filter": "agTextColumnFilter"},
        explained(int_column("unified_den", den("unified", lang), lang), "villages"),
        explained(int_column("unified_num", col("unified", lang), lang), "unified"),
        explained(percent_column("unified_rate", t("col.unified_rate", lang), lang), "unified"),
        explained(grade_column("unified_grade", definitions.name("unified", lang), lang), "unified"),
        explained(int_column("first_time", col("first_time", lang), lang), "first_time"),
        explained(int_column("vacant", col("vacant", lang), lang), "vacant"),
        explained(int_column("training_den", den("training", lang), lang), "cadres"),
        explained(int_column("training_num", col("training", lang), lang), "training"),
        explained(percent_column("training_rate", t("col.trained_rate", lang), lang), "training"),
        explained(int_column("boards_den", den("boards", lang), lang), "boards"),
        explained(int_column("boards_num", col("boards", lang), lang), "boards"),
        explained(int_column("resolved_den", den("resolved", lang), lang), "recommendations"),
        explained(int_column("resolved_num", col("resolved", lang), lang), "resolved"),
        explained(percent_column("resolved_rate", t("col.resolved_rate", lang), lang), "resolved"),
        explained(int_column("briefings_num", col("briefings", lang), lang), "briefings"),
        explained(percent_column("briefings_rate", definitions.name("briefings", lang), lang), "briefings"),
        explained(percent_column("women_rate", t("profile.col.women_share", lang), lang), "women"),
        explained(int_column("avg_age", col("avg_age", lang), lang, decimals=1), "avg_age"),
        explained(percent_column("theory_rate", t("profile.col.theory_share", lang), lang), "theory_plus"),
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
        "header": header(context, lang), "kpis": kpis(total, previous_total, context, lang), "body_style": {},
        "stale": stale_notice(context, data.last_records or {}, lang), "tiles": None}
    if parts != LIST_PARTS:
        for name in CHARTS:
            out[f"{name}_info"] = popover_children(name, lang)
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
    tiles = wants_tiles(list(children["level"]))
    if parts != LIST_PARTS:
        unit_label = unit_title(context.unit.kind, context.unit.name, lang)
        records = children.to_dict("records")
        names = sibling_titles(records, lang)
        hrefs = [child_href(row, state, parent) for row in records]
        for name in CHARTS:
            out[f"{name}_info"] = popover_children(name, lang, chart_figure(summary, name, unit_label, lang))
            # villages (or too few children to compare) are tiles, not bars
            hidden = tiles or (villages and name in VILLAGE_HIDDEN)
            out[name] = empty_figure("", lang, height=40) if hidden else ranked_bar(
                chart_rows(records, names, hrefs, name), lang)
            out[f"{name}_style"] = {"display": "none"} if hidden else {}
        out["tiles"] = village_tiles(records, names, hrefs, lang) if tiles else None
        titles = dict(zip((row["code"] for row in records), names))
        out["attention"] = attention(data.attention, state, parent, lang, data.notes, titles)
    if parts == MAIN_PARTS:
        return out
    rows, total_row = table_rows(summary, state, parent, lang)
    title = f"{t('overview.table', lang)} — {unit_title(context.unit.kind, context.unit.name, lang)} — {period_label(context.period, lang)}"
    out["table"] = data_grid("overview", table_columns(lang, villages), rows, lang, pinned_bottom=total_row,
                             export_title=title, export_name=f"tong-quan-{parent}", row_id_field="code")
    return out


def stale_notice(context, last_records: dict, lang: str):
    """A warning when the unit's own records stopped (``indicators.freshness``): nothing
    new in the ``STALE_MONTHS`` months before the date. Not for villages (no boards or
    briefings of their own)."""
    unit = context.unit
    if unit is None or unit.level == "village" or unit.id not in last_records:
        return None
    last, as_of = last_records[unit.id], context.period.as_of
    if not is_stale(last, as_of):
        return None
    name = unit_title(unit.kind, unit.name, lang)
    if last is None:
        message = t("fresh.stale_unit_never", lang, unit=name, as_of=fmt.day(as_of))
    else:
        message = t("fresh.stale_unit", lang, unit=name, date=fmt.day(last), months=STALE_MONTHS,
                    as_of=fmt.day(as_of))
    return html.Div(empty_state([message, " ", info_button("stale", lang, "stale", fmt.day(last) if last else None)],
                                kind="warning"), id="stale-notice")


def render_error(context, lang: str) -> dict:
    out = {"header": error_header(context, lang), "kpis": None, "attention": None, "table": None,
           "body_style": {"display": "none"}, "stale": None, "tiles": None}
    for name in CHARTS:
        out[f"{name}_info"] = popover_children(name, lang)
        out[name] = empty_figure("", lang, height=40)
        out[f"{name}_style"] = {"display": "none"}
    return out
