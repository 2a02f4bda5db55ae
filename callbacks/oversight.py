"""The community oversight page (/giam-sat) and a commune's boards and briefings on its
unit page (/don-vi/<code>)."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import route_from_data
from layouts import commune_oversight, ids, oversight


def _context(service, data):
    route, state = route_from_data(data)
    return service.context(route, state, service.scope()), state.lang


def oversight_sections(service, data) -> dict:
    """The contents of every section of the page (``oversight.SECTIONS``)."""
    context, lang = _context(service, data)
    if context.error or not context.unit_valid:
        return oversight.render_error(context, lang)
    return oversight.render(service.oversight.page(context), lang)


def activity_table(service, data):
    """The activity table of the page (its own round trip: it is the largest part)."""
    context, lang = _context(service, data)
    if context.error or not context.unit_valid:
        return None
    return oversight.render_activities(service.oversight.activities(context), lang)


def commune_extra(service, data):
    """A commune's boards and briefings under its unit page; nothing for other units."""
    context, lang = _context(service, data)
    if context.error or not context.unit_valid or context.route.village:
        return None
    return commune_oversight.render(service.oversight.commune(context), lang)


def register(app, service) -> None:
    kinds = ids.OS_HEAT_KINDS

    @app.callback(
        Output(ids.OS_HEADER, "children"),
        Output(ids.OS_KPIS, "children"),
        Output(ids.OS_NOTE, "children"),
        *[Output(ids.os_heat_title(k), "children") for k in kinds],
        *[Output(ids.drill_graph(ids.os_heat(k)), "figure") for k in kinds],
        *[Output(ids.os_heat_inner(k), "style") for k in kinds],
        Output(ids.OS_RECS_TITLE, "children"),
        Output(ids.drill_graph(ids.OS_RECS), "figure"),
        Output(ids.chart_wrap(ids.OS_RECS), "style"),
        Output(ids.OS_TILES, "children"),
        Output(ids.OS_SILENT, "children"),
        Input(ids.view("oversight"), "data"),
    )
    def fill(data):
        sections = oversight_sections(service, data)
        return tuple(sections[name] for name in oversight.SECTIONS)

    @app.callback(Output(ids.OS_ACTIVITIES, "children"), Input(ids.view("oversight"), "data"))
    def fill_activities(data):
        return activity_table(service, data)

    @app.callback(Output(ids.OV_UNIT_EXTRA, "children"), Input(ids.view("overview"), "data"))
    def fill_commune(data):
        return commune_extra(service, data)
