"""The router: the URL decides the navbar and the page skeleton."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import ViewState, parse_path, view_data
from layouts import ids, pages
from layouts.overview import MAIN_PARTS
from layouts.shell import freshness, navbar

from .overview import overview_sections

# the sections of an overview page drawn with its skeleton (its first view): the page
# then appears at once, at its final size, instead of growing as its callbacks answer
FIRST_VIEW = {ids.HEADER: "header", ids.OV_KPIS: "kpis", ids.OV_ATTENTION: "attention",
              ids.OV_STALE: "stale", ids.OV_TILES: "tiles"}


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
    """(navbar, page, title) for a URL. An overview or unit page comes with its first
    view (header, KPI cards, attention list, village tiles) already in its skeleton:
    the same contents its own callback then draws again, so nothing moves."""
    path = "/" + (app.strip_relative_path(pathname or "/") or "")
    route = parse_path(path)
    state = ViewState.from_query(search)
    page = pages.page(route, state, search or "", service.today(), path)
    if route is not None and route.page == "overview":
        sections = overview_sections(service, view_data(route, search or ""), MAIN_PARTS)
        fill(page, {key: sections.get(name) for key, name in FIRST_VIEW.items()})
    return (navbar(route, state, state.lang, service.current_user()), page, pages.title(route, state.lang))


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
