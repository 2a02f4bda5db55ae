"""The application shell: URL, navbar, page container. Pure layout."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.i18n import t
from dashboard.viewstate import WORD_PATH, Route, ViewState, href, prefixed

from . import ids
from .components import icon

# (page key, translation key, icon, follows the current unit)
NAV_ITEMS = [
    ("overview", "nav.overview", "bi-speedometer2", True),
    ("unified", "nav.unified", "bi-people", True),
    ("training", "nav.training", "bi-mortarboard", True),
    ("oversight", "nav.oversight", "bi-clipboard-check", True),
    ("profile", "nav.profile", "bi-person-vcard", True),
    ("data", "nav.data", "bi-database", False),
    ("help", "nav.help", "bi-question-circle", False),
]


def app_layout() -> html.Div:
    """The static layout: everything else is drawn by the router from the URL."""
    return html.Div([
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        html.A(t("app.skip"), href=f"#{ids.PAGE}", className="visually-hidden-focusable skip-link"),
        html.Header(id=ids.NAVBAR, className="d-print-none"),
        html.Main(id=ids.PAGE, className="container-xxl py-3", tabIndex="-1", **{"aria-live": "polite"}),
        html.Footer(id=ids.FRESHNESS, className="container-xxl pb-3 small text-muted freshness"),
        html.Div(id=ids.PAGE_TITLE, hidden=True),
    ], id="app-root")


def user_menu(user, lang: str):
    """Who is logged in (a menu: role, the admin's audit log, logout). Logout is a POST
    form: no state change over GET. ``user`` has username, full_name, role; None draws
    nothing."""
    if user is None:
        return None
    items = [dbc.DropdownMenuItem(
        [html.Div(user.full_name or user.username, className="fw-semibold"),
         html.Small(f"{user.username} · {t('auth.role.' + user.role, lang)}", className="text-muted")],
        header=True)]
    if user.role == "admin":
        items.append(dbc.DropdownMenuItem([icon("bi-journal-text"), " ", t("nav.audit", lang)],
                                          href=prefixed("/nhat-ky"), external_link=True, id=ids.AUDIT_LINK))
    items.append(dbc.DropdownMenuItem([icon("bi-key"), " ", t("auth.change_password", lang)],
                                      href=prefixed("/doi-mat-khau"), external_link=True, id=ids.CHANGE_PASSWORD_LINK))
    items.append(dbc.DropdownMenuItem(divider=True))
    items.append(html.Form(
        html.Button([icon("bi-box-arrow-right"), " ", t("auth.logout", lang)], type="submit",
                    className="dropdown-item", id=ids.LOGOUT),
        action=prefixed("/dang-xuat"), method="POST", className="m-0"))
    return dbc.DropdownMenu(
        items, label=html.Span([icon("bi-person-circle"), " ",
                                # the name only where the bar has room (and in the phone menu);
                                # a screen reader always hears who is signed in (link-name)
                                html.Span(user.username, className="d-inline d-lg-none d-xxl-inline",
                                          **{"aria-hidden": "true"}),
                                html.Span(t("auth.signed_in_as", lang, user=user.username), className="visually-hidden")],
                               id=ids.USER_NAME,
                               title=t("auth.signed_in_as", lang, user=user.username)),
        nav=True, align_end=True, className="user-menu ms-lg-2", toggle_class_name="text-white")


def navbar(route: Route | None, state: ViewState, lang: str, user=None) -> dbc.Navbar:
    """The top bar; links keep the current unit and filters, so switching topic stays on
    the same unit and date."""
    unit = route.unit if route else None
    links = []
    for page, key, icon_name, follows_unit in NAV_ITEMS:
        target_state = state if follows_unit else ViewState(lang=state.lang)
        target = href(page, target_state, unit if follows_unit else None)
        active = route is not None and route.page == page
        links.append(dbc.NavItem(dbc.NavLink(
            [icon(icon_name), " ", t(key, lang)], href=target, active=active, className="px-2")))
    other = "en" if lang != "en" else "vi"
    switch_state = state.with_(lang=other)
    path = href(route.page, switch_state, route.unit, route.village) if route else href("overview", switch_state)
    # the Word report of the unit, period and structure in view (``/bao-cao-word``)
    report_unit = (route.village or route.unit) if route else None
    word = prefixed("/" + WORD_PATH + (f"/{report_unit}" if report_unit else "") + state.to_query())
    tools = html.Div([
        dbc.Button([icon("bi-printer"), " ", t("app.print", lang)], id=ids.PRINT, size="sm",
                   color="light", outline=True, className="me-2"),
        html.A([icon("bi-file-earmark-word"), " ", t("app.word", lang)], href=word, id=ids.PRINT_WORD,
               title=t("app.word.title", lang), className="btn btn-sm btn-outline-light me-2", download=""),
        dcc.Link(t("app.language", lang), href=path, className="btn btn-sm btn-outline-light",
                 id="language-switch"),
    ], className="d-flex align-items-center ms-lg-3 mt-2 mt-lg-0")
    return dbc.Navbar(
        dbc.Container([
            dcc.Link([icon("bi-bar-chart-line"), " ", t("app.title", lang)],
                     href=href("overview", ViewState(lang=state.lang)), className="navbar-brand"),
            dbc.NavbarToggler(id=ids.NAVBAR_TOGGLE),
            dbc.Collapse(
                [dbc.Nav(links, navbar=True, className="me-auto"), tools,
                 dbc.Nav([user_menu(user, lang)], navbar=True) if user is not None else None],
                id=ids.NAVBAR_COLLAPSE, is_open=False, navbar=True,
            ),
        ], fluid="xxl"),
        color="primary", dark=True, expand="lg", className="mb-0",
    )


def freshness(info: dict, lang: str):
    """"Số liệu đến ngày 27/11/2026 · Lần nhập dữ liệu gần nhất: 27/11/2026 08:15" (the
    data service's ``freshness()``)."""
    through = info.get("data_through")
    last = info.get("last_import")
    parts = [t("data.through", lang, date=fmt.day(through)) if through else t("fresh.no_data", lang),
             t("fresh.last_import", lang, when=fmt.vietnam_time(last)) if last else t("fresh.no_import", lang)]
    return [icon("bi-clock-history"), " ", html.Span(parts[0], className="fresh-through"), " · ",
            html.Span(parts[1], className="fresh-import")]
