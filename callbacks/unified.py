"""The unified-positions page (/nhat-the-hoa): header, KPIs and charts by child; the
history over the terms; the village table. Three callbacks, so each section appears as
soon as its data is ready."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import route_from_data
from layouts import ids
from layouts import unified as page

MAIN_OUTPUTS = {
    "header": Output(ids.UN_HEADER, "children"),
    "body_style": Output(ids.UN_BODY, "style"),
    "kpis": Output(ids.UN_KPIS, "children"),
    "tiles": Output(ids.UN_TILES, "children"),
    **{name: Output(ids.drill_graph(name), "figure") for name in page.CHARTS},
    **{f"{name}_style": Output(ids.chart_wrap(name), "style") for name in page.CHARTS},
    **{f"{name}_info": Output(ids.info_popover(page.chart_anchor(name)), "children") for name in page.CHARTS},
}


def _context(service, data):
    route, state = route_from_data(data)
    context = service.context(route, state, service.scope())
    return context, state.lang, not (context.error or not context.unit_valid)


def unified_main(service, data) -> dict:
    """Header, KPIs and charts by child (keys: ``layouts.unified.MAIN_SECTIONS``)."""
    context, lang, ok = _context(service, data)
    if not ok:
        return page.render_error(context, lang)
    return page.render_main(service.unified.children(context), lang)


def unified_history(service, data) -> tuple:
    """(history figure, term-end table); nothing when the unit cannot be shown."""
    context, lang, ok = _context(service, data)
    if not ok:
        return page.render_history_error(lang)
    return page.render_history(service.unified.history(context), lang)


def unified_villages(service, data):
    """The village table (or why it is not shown)."""
    context, lang, ok = _context(service, data)
    if not ok:
        return None
    return page.render_villages(service.unified.villages(context), lang)


def register(app, service) -> None:
    @app.callback(*MAIN_OUTPUTS.values(), Input(ids.view("unified"), "data"))
    def fill_main(data):
        sections = unified_main(service, data)
        return tuple(sections[name] for name in page.MAIN_SECTIONS)

    @app.callback(
        Output(ids.UN_HISTORY, "figure"),
        Output(ids.UN_HISTORY_TERMS, "children"),
        Input(ids.view("unified"), "data"),
    )
    def fill_history(data):
        return unified_history(service, data)

    @app.callback(Output(ids.UN_VILLAGES, "children"), Input(ids.view("unified"), "data"))
    def fill_villages(data):
        return unified_villages(service, data)
