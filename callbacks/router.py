"""The router: the URL decides the navbar and the page skeleton."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import ViewState, home_route, parse_path
from layouts import ids, pages
from layouts.shell import freshness, navbar


def render_route(app, service, pathname: str | None, search: str | None):
    """(navbar, page, title) for a URL; pure apart from ``service.today()``."""
    path = "/" + (app.strip_relative_path(pathname or "/") or "")
    user = service.current_user()
    # a one-unit user's root pages are their own unit's (not the town titled with one ward)
    route = home_route(parse_path(path), user.unit_code if user is not None and user.role == "unit" else None)
    state = ViewState.from_query(search)
    return (navbar(route, state, state.lang, user),
            pages.page(route, state, search or "", service.today(), path),
            pages.title(route, state.lang))


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
