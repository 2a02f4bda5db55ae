"""The village page (/don-vi/<commune>/<village>): one callback fills every section."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import route_from_data
from layouts import ids
from layouts import village as page

OUTPUTS = {
    "header": Output(ids.VL_HEADER, "children"),
    "body_style": Output(ids.VL_BODY, "style"),
    "status": Output(ids.VL_STATUS, "children"),
    "profiles": Output(ids.VL_PROFILES, "children"),
    "holders": Output(ids.VL_HOLDERS, "children"),
    "trainings": Output(ids.VL_TRAININGS, "children"),
    "activities": Output(ids.VL_ACTIVITIES, "children"),
}


def village_sections(service, data) -> dict:
    """The contents of every section (keys: ``layouts.village.SECTIONS``)."""
    route, state = route_from_data(data)
    context = service.context(route, state, service.scope())
    return page.render(service.village.detail(context), state.lang)


def register(app, service) -> None:
    @app.callback(*OUTPUTS.values(), Input(ids.view("village"), "data"))
    def fill(data):
        sections = village_sections(service, data)
        return tuple(sections[name] for name in page.SECTIONS)
