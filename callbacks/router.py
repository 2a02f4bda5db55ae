"""The router: the URL decides the navbar and the page skeleton."""
from __future__ import annotations

from dash import Input, Output

from dashboard.service.core import NotCached
from dashboard.web.response_cache import keep_out
from dashboard.viewstate import ViewState, home_route, parse_path, view_data
from layouts import ids, pages, placeholders
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


# How ``render_route`` draws a page's first view: two callers, two rules.
FULL = "full"  # the initial HTML of a page load (``dashboard.web.first_view``): computed
# if need be; the browser's first and largest paint and its layout shift depend on it
FROM_CACHE = "from-cache"  # an SPA navigation (the router callback): only from the
# result cache, else placeholders of the same size; the page's callbacks compute it


def render_route(app, service, pathname: str | None, search: str | None, first_view: str):
    """(navbar, page, title) for a URL. A unit's page comes with its first view (header,
    KPI cards; on the overview the attention list and village tiles) in its skeleton:
    the same contents its own callback then draws again, so nothing moves.

    ``first_view``: ``FULL`` computes what is not cached (the initial HTML);
    ``FROM_CACHE`` draws only what the result cache holds (the warm-up, an earlier
    visit) and otherwise the page's placeholders (``layouts.placeholders``), so that an
    SPA navigation answers at once and the cold queries run in the page's callbacks."""
    if first_view not in (FULL, FROM_CACHE):
        raise ValueError(f"first_view: {first_view!r}")
    path = "/" + (app.strip_relative_path(pathname or "/") or "")
    user = service.current_user()
    # a one-unit user's root pages are their own unit's (not the town titled with one ward)
    route = home_route(parse_path(path), user.unit_code if user is not None and user.role == "unit" else None)
    state = ViewState.from_query(search)
    page = pages.page(route, state, search or "", service.today(), path)
    if route is not None and route.page in FIRST_VIEW:
        sections_of, places = FIRST_VIEW[route.page]
        data = view_data(route, search or "")
        if first_view == FULL:
            sections = sections_of(service, data)
        else:
            try:
                with service.cache_only():
                    sections = sections_of(service, data)
            except NotCached:
                keep_out()  # once the numbers are computed, the same URL draws them
                sections = placeholders.sections(route.page, route.unit is not None, service.is_demo(), state.lang)
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
        return render_route(app, service, pathname, search, FROM_CACHE)

    @app.callback(Output(ids.FRESHNESS, "children"), Input(ids.URL, "pathname"), Input(ids.URL, "search"))
    def fresh(_pathname, search):
        """Every page says up to which date the data goes and when it was last imported."""
        return freshness(service.freshness(), ViewState.from_query(search).lang)

    app.clientside_callback(
        "function (title) { if (title) { document.title = title; } return window.dash_clientside.no_update; }",
        Output(ids.PAGE_TITLE, "hidden"),
        Input(ids.PAGE_TITLE, "children"),
    )
