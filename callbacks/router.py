"""The router: the URL decides the navbar and the page skeleton."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import ViewState, home_route, parse_path, view_data
from layouts import ids, pages
from layouts.overview import MAIN_PARTS
from layouts.training import SUMMARY_MAIN
from layouts.shell import freshness, navbar

from .overview import overview_sections
from .oversight import oversight_sections
from .training import summary_sections
from .unified import unified_main

# Each page's first view, drawn with its skeleton: the page then appears at once, at
# its final size, instead of growing as its callbacks answer. page -> (its sections from
# the same function its main callback calls, {component id: section name}).
FIRST_VIEW = {
    "overview": (lambda service, data: overview_sections(service, data, MAIN_PARTS),
                 {ids.HEADER: "header", ids.OV_KPIS: "kpis", ids.OV_ATTENTION: "attention",
                  ids.OV_STALE: "stale", ids.OV_TILES: "tiles"}),
    "unified": (unified_main, {ids.UN_HEADER: "header", ids.UN_KPIS: "kpis"}),
    "training": (lambda service, data: summary_sections(service, data, SUMMARY_MAIN),
                 {ids.TR_HEADER: "header", ids.TR_KPIS: "kpis"}),
    "oversight": (oversight_sections, {ids.OS_HEADER: "header", ids.OS_KPIS: "kpis"}),
}


def fill(tree, contents: dict) -> None:
    """Put ``contents`` (component id -> children) into the components of those ids."""
    if tree is None or isinstance(tree, (str, int, float)):
        return
    if isinstance(tree, (list, tuple)):
        for item in tree:
            fill(item, contents)
        return
    identifier = getattr(tree, "id", None)
    if isinstance(identifier, str) and identifier in contents:
        tree.children = contents[identifier]
        return
    fill(getattr(tree, "children", None), contents)


def render_route(app, service, pathname: str | None, search: str | None):
    """(navbar, page, title) for a URL. A unit's page comes with its first view (header,
    KPI cards; on the overview the attention list and village tiles) in its skeleton:
    the same contents its own callback then draws again, so nothing moves."""
    path = "/" + (app.strip_relative_path(pathname or "/") or "")
    user = service.current_user()
    # a one-unit user's root pages are their own unit's (not the town titled with one ward)
    route = home_route(parse_path(path), user.unit_code if user is not None and user.role == "unit" else None)
    state = ViewState.from_query(search)
    page = pages.page(route, state, search or "", service.today(), path)
    if route is not None and route.page in FIRST_VIEW:
        sections_of, places = FIRST_VIEW[route.page]
        sections = sections_of(service, view_data(route, search or ""))
        fill(page, {key: sections.get(name) for key, name in places.items()})
    return navbar(route, state, state.lang, user), page, pages.title(route, state.lang)


def register(app, service) -> None:
    @app.callback(
        Output(ids.NAVBAR, "children"),
        Output(ids.PAGE, "children"),
        Output(ids.PAGE_TITLE, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
    )
    def route(pathname, search):
        return render_route(app, service, pathname, search)

    @app.callback(Output(ids.FRESHNESS, "children"), Input(ids.URL, "pathname"), Input(ids.URL, "search"))
    def fresh(_pathname, search):
        """Every page says up to which date the data goes and when it was last imported."""
        return freshness(service.freshness(), ViewState.from_query(search).lang)

    app.clientside_callback(
        "function (title) { if (title) { document.title = title; } return window.dash_clientside.no_update; }",
        Output(ids.PAGE_TITLE, "hidden"),
        Input(ids.PAGE_TITLE, "children"),
    )
