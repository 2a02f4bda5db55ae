"""The filter bar: date, period, structure, kinds and units of the children.

Values come from the URL; options that need the database (kinds, units) are filled by a
callback. Changing a filter rewrites the URL, which redraws the page (Back undoes it).
"""
from __future__ import annotations

import json
from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.i18n import kind_label, t
from dashboard.periods import PERIOD_KINDS
from dashboard.viewstate import FIRST_DAY, LAST_DAY, ViewState

from . import ids
from .components import icon


# the English labels Dash gives the date picker's buttons (assets/a11y.js puts these in place)
PICKER_LABELS = ("Previous month", "Next month", "Decrease value", "Increase value", "Close calendar",
                 "Clear date", "Clear Dates")


def picker_labels(lang: str) -> str:
    """{Dash's English label: the label in ``lang``} as JSON, for assets/a11y.js."""
    return json.dumps({label: t(f"picker.{label}", lang) for label in PICKER_LABELS}, ensure_ascii=False)


def filter_bar(state: ViewState, today: date, lang: str, view_data: dict, child_filters: bool = True,
               reset_href: str = "/") -> html.Div:
    """The filters of a unit page. ``view_data`` (route and query) goes into the bar's own
    store, from which a callback fills the options that need the database."""
    day = (state.day or today).isoformat()
    controls = [
        dbc.Col([
            dbc.Label(t("filter.date", lang), html_for=ids.F_DATE, className="small mb-0"),
            html.Div(**{"data-picker-labels": picker_labels(lang)}, children=dcc.DatePickerSingle(
                id=ids.F_DATE, date=day, display_format="DD/MM/YYYY", month_format="MMMM YYYY", placeholder=t("filter.pick_date", lang),
                first_day_of_week=1, max_date_allowed=today.isoformat(),
                min_date_allowed=FIRST_DAY.isoformat(), clearable=False, className="w-100",
            )),
        ], xs=12, sm=6, md=4, lg=2),
        dbc.Col([
            dbc.Label(t("filter.period", lang), html_for=ids.F_PERIOD, className="small mb-0"),
            dcc.Dropdown(
                id=ids.F_PERIOD, value=state.period, clearable=False, searchable=False,
                options=[{"label": t(f"period.{k}", lang), "value": k} for k in PERIOD_KINDS],
            ),
        ], xs=12, sm=6, md=4, lg=3),
        dbc.Col([
            dbc.Label(t("filter.structure", lang), html_for=ids.F_STRUCTURE, className="small mb-0"),
            dbc.RadioItems(
                id=ids.F_STRUCTURE, value=state.structure, inline=True, className="pt-1",
                options=[{"label": t(f"filter.structure.{k}", lang), "value": k} for k in ("as-of", "current")],
            ),
        ], xs=12, md=4, lg=3),
    ]
    if child_filters:
        controls += [
            dbc.Col([
                dbc.Label(t("filter.kind", lang), html_for=ids.F_KIND, className="small mb-0"),
                dcc.Dropdown(id=ids.F_KIND, value=list(state.kinds), multi=True, options=[],
                             placeholder=t("filter.all", lang)),
            ], xs=12, sm=6, lg=2),
            dbc.Col([
                dbc.Label(t("filter.units", lang), html_for=ids.F_UNITS, className="small mb-0"),
                dcc.Dropdown(id=ids.F_UNITS, value=list(state.units), multi=True, options=[],
                             placeholder=t("filter.all", lang)),
            ], xs=12, sm=6, lg=2),
        ]
    else:
        # keep the ids in the page so that the filter callback always has its inputs
        controls.append(html.Div([
            dcc.Dropdown(id=ids.F_KIND, value=list(state.kinds), multi=True, options=[]),
            dcc.Dropdown(id=ids.F_UNITS, value=list(state.units), multi=True, options=[]),
        ], hidden=True))
    actions = html.Div([
        dcc.Link([icon("bi-arrow-counterclockwise"), " ", t("filter.reset", lang)], href=reset_href,
                 className="btn btn-sm btn-outline-secondary"),
        html.Span([
            dcc.Clipboard(id=ids.F_COPY, title=t("filter.copy_link", lang), className="btn btn-sm btn-outline-secondary copy-link"),
            html.Span(t("filter.copy_link", lang), className="small ms-1"),
        ], className="d-inline-flex align-items-center"),
    ], className="d-flex gap-2 justify-content-end align-items-center mt-2")
    # On a phone the filters fold under one button that says what they are set to.
    summary = " · ".join(part for part in (
        fmt.day(state.day or today), t(f"period.{state.period}", lang),
        t(f"filter.structure.{state.structure}", lang),
        ", ".join(kind_label(k, lang) for k in state.kinds), ", ".join(state.units)) if part)
    toggle = html.Button([icon("bi-sliders"), " ", t("filter.title", lang), ": ", html.Span(summary, className="fw-normal")],
                         id=ids.FILTER_TOGGLE, n_clicks=0, type="button",
                         className="btn btn-sm btn-outline-secondary w-100 text-start d-md-none filter-toggle",
                         **{"aria-controls": ids.FILTER_BODY})
    body = html.Div([dbc.Row(controls, className="g-2"), actions], id=ids.FILTER_BODY, className="filter-body")
    moved = []
    if state.day_asked:
        moved = [html.P(t("filter.day_moved", lang, asked=state.day_asked, first=fmt.day(FIRST_DAY),
                          last=fmt.day(LAST_DAY), shown=fmt.day(state.day)),
                        className="alert alert-warning small py-1 px-2 mb-2", role="status", id=ids.FILTER_DAY_MOVED)]
    return html.Div([dcc.Store(id=ids.FILTER_STATE, data=view_data), *moved, toggle, body],
                    className="filter-bar d-print-none card card-body py-2 mb-3", id=ids.FILTER_BAR)
