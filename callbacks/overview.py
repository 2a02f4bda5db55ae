"""The overview (Tổng quan) and unit page: header, KPIs, ranked charts, attention, table."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import route_from_data
from layouts import ids, overview

SECTIONS = ["header", "kpis", *overview.CHARTS, *[f"{n}_style" for n in overview.CHARTS],
            "attention", "table", "body_style", "stale", *[f"{n}_info" for n in overview.CHARTS]]


def overview_sections(service, data) -> dict:
    """The contents of every section for the page's store data."""
    route, state = route_from_data(data)
    context = service.context(route, state, service.scope())
    if context.error or not context.unit_valid:
        return overview.render_error(context, state.lang)
    return overview.render(service.overview(context), state.lang)


def register(app, service) -> None:
    @app.callback(
        Output(ids.HEADER, "children"),
        Output(ids.OV_KPIS, "children"),
        *[Output(ids.drill_graph(name), "figure") for name in overview.CHARTS],
        *[Output(ids.chart_wrap(name), "style") for name in overview.CHARTS],
        Output(ids.OV_ATTENTION, "children"),
        Output(ids.OV_TABLE, "children"),
        Output(ids.OV_BODY, "style"),
        Output(ids.OV_STALE, "children"),
        *[Output(ids.info_popover(overview.chart_anchor(name)), "children") for name in overview.CHARTS],
        Input(ids.view("overview"), "data"),
    )
    def fill(data):
        sections = overview_sections(service, data)
        return tuple(sections[name] for name in SECTIONS)
