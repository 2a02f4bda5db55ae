"""The overview (Tổng quan) and unit page: header, KPIs, ranked charts, attention, table."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import route_from_data
from layouts import ids, overview

# Two callbacks, so that each response stays small (a province's table is as large as
# its charts) and the charts appear without waiting for the table, which comes last on
# the page (nothing above the charts moves when it arrives).
MAIN_SECTIONS = ["header", "kpis", "attention", *overview.CHARTS, *[f"{n}_style" for n in overview.CHARTS],
                 "body_style", "stale", *[f"{n}_info" for n in overview.CHARTS], "tiles"]
LIST_SECTIONS = ["table"]
SECTIONS = MAIN_SECTIONS + LIST_SECTIONS


def overview_sections(service, data, parts: str | None = None) -> dict:
    """The contents of the sections for the page's store data: all of them, or only
    ``layouts.overview.MAIN_PARTS`` / ``LIST_PARTS``."""
    route, state = route_from_data(data)
    context = service.context(route, state, service.scope())
    if context.error or not context.unit_valid:
        return overview.render_error(context, state.lang)
    return overview.render(service.overview.page(context), state.lang, parts)


def register(app, service) -> None:
    @app.callback(
        Output(ids.HEADER, "children"),
        Output(ids.OV_KPIS, "children"),
        Output(ids.OV_ATTENTION, "children"),
        *[Output(ids.drill_graph(name), "figure") for name in overview.CHARTS],
        *[Output(ids.chart_wrap(name), "style") for name in overview.CHARTS],
        Output(ids.OV_BODY, "style"),
        Output(ids.OV_STALE, "children"),
        *[Output(ids.info_popover(overview.chart_anchor(name)), "children") for name in overview.CHARTS],
        Output(ids.OV_TILES, "children"),
        Input(ids.view("overview"), "data"),
    )
    def fill(data):
        sections = overview_sections(service, data, overview.MAIN_PARTS)
        return tuple(sections[name] for name in MAIN_SECTIONS)

    @app.callback(
        Output(ids.OV_TABLE, "children"),
        Input(ids.view("overview"), "data"),
    )
    def fill_lists(data):
        sections = overview_sections(service, data, overview.LIST_PARTS)
        return sections["table"]
