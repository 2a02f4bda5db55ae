"""The cadre-profile page (/co-cau): header, cards, pyramid, levels by child and the
table; term against term; the holders of a commune's villages. Three callbacks, so each
section appears as soon as its data is ready."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import route_from_data
from layouts import ids
from layouts import profile as page

MAIN_OUTPUTS = {
    "header": Output(ids.PR_HEADER, "children"),
    "body_style": Output(ids.PR_BODY, "style"),
    "kpis": Output(ids.PR_KPIS, "children"),
    ids.PR_PYRAMID: Output(ids.PR_PYRAMID, "figure"),
    **{name: Output(ids.drill_graph(name), "figure") for name in page.CHARTS},
    "table": Output(ids.PR_TABLE, "children"),
}


def _context(service, data):
    route, state = route_from_data(data)
    context = service.context(route, state, service.scope())
    return context, state.lang, not (context.error or not context.unit_valid)


def profile_main(service, data) -> dict:
    context, lang, ok = _context(service, data)
    if not ok:
        return page.render_error(context, lang)
    return page.render_main(service.profile.main(context), lang)


def profile_terms(service, data) -> tuple:
    context, lang, ok = _context(service, data)
    if not ok:
        return page.empty_figure("", lang, height=40), None
    return page.render_terms(service.profile.terms(context), lang)


def profile_holders(service, data):
    context, lang, ok = _context(service, data)
    if not ok:
        return None
    return page.render_holders(service.profile.holders(context), lang)


def register(app, service) -> None:
    @app.callback(*MAIN_OUTPUTS.values(), Input(ids.view("profile"), "data"))
    def fill_main(data):
        sections = profile_main(service, data)
        return tuple(sections[name] for name in MAIN_OUTPUTS)

    @app.callback(Output(ids.PR_TERMS_CHART, "figure"), Output(ids.PR_TERMS, "children"),
                  Input(ids.view("profile"), "data"))
    def fill_terms(data):
        return profile_terms(service, data)

    @app.callback(Output(ids.PR_HOLDERS, "children"), Input(ids.view("profile"), "data"))
    def fill_holders(data):
        return profile_holders(service, data)
