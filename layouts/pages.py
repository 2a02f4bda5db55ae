"""Which skeleton each page draws. The router looks pages up here.

A skeleton is drawn from the route and the URL state alone (no database); its sections
are filled by the page's callbacks, which react to the ``VIEW`` store.
"""
from __future__ import annotations

from datetime import date
from typing import Callable

from dash import dcc, html

from dashboard.i18n import t
from dashboard.viewstate import Route, ViewState, href, view_data

from . import data, ids, overview, oversight, training
from . import help as help_page
from . import profile as profile_page
from . import unified as unified_page
from . import village as village_page
from .components import empty_state
from .shell import navbar

# skeleton(route, state, today, search) -> component tree
Skeleton = Callable[[Route, ViewState, date, str], html.Div]

SKELETONS: dict[str, Skeleton] = {
    "overview": overview.skeleton,
    "unified": unified_page.skeleton,
    "village": village_page.skeleton,
    "training": training.skeleton,
    "oversight": oversight.skeleton,
    "data": data.skeleton,
    "help": help_page.skeleton,
    "profile": profile_page.skeleton,
}

TITLES = {
    "overview": "nav.overview",
    "unified": "nav.unified",
    "training": "nav.training",
    "oversight": "nav.oversight",
    "village": "village.title",
    "data": "nav.data",
    "help": "nav.help",
    "profile": "nav.profile",
}


def view_store(route: Route, search: str) -> dcc.Store:
    """The page's own store (its id names the page, so that only its callbacks fire)."""
    return dcc.Store(id=ids.view(route.page), data=view_data(route, search))


def page(route: Route | None, state: ViewState, search: str, today: date, path: str) -> list:
    """The page for ``route``; a not-found page when the path or the page is unknown."""
    if route is None or route.page not in SKELETONS:
        return [not_found(path, state.lang)]
    return [SKELETONS[route.page](route, state, today, search), view_store(route, search)]


def not_found(path: str, lang: str) -> html.Div:
    return html.Div([
        html.H1(t("page.not_found", lang), className="h3"),
        empty_state(t("page.not_found_hint", lang, path=path),
                    dcc.Link(t("page.back_home", lang), href=href("overview", ViewState(lang=lang))),
                    kind="warning"),
    ], className="page page-not-found")


def title(route: Route | None, lang: str) -> str:
    key = TITLES.get(route.page if route else "", "page.not_found")
    return f"{t(key, lang)} · {t('app.title', lang)}"


def validation_layout(app_shell) -> html.Div:
    """Every component any page can contain, so that Dash checks callback ids up front."""
    state = ViewState()
    today = date(2000, 1, 1)
    pages = []
    for name, skeleton in SKELETONS.items():
        route = Route(name)
        pages += [skeleton(route, state, today, ""), view_store(route, "")]
    return html.Div([app_shell, navbar(Route("overview"), state, "vi"), *pages])
