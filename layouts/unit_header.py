"""The header every unit page shares: demo notice, breadcrumb, title, period; and the
message shown instead of figures when there is nothing to show (and why)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.i18n import t, unit_title
from dashboard.viewstate import ViewState, href

from .components import breadcrumb, empty_state
from .labels import period_label


def child_href(row, state: ViewState, parent_code: str | None, page: str = "overview") -> str:
    """Where a click on a child goes: one level down on the same page, or the village
    page when the child is a village. ``row`` has ``level`` and ``code``."""
    if row["level"] == "village":
        return href("village", state.for_child(), parent_code, row["code"])
    return href(page, state.for_child(), row["code"])


def header(context, lang: str, page: str = "overview", subtitle: str | None = None) -> html.Div:
    """Demo notice, breadcrumb (links stay on ``page``), unit title, period."""
    state = context.state
    crumbs = []
    for index, unit in enumerate(context.breadcrumb):
        last = index == len(context.breadcrumb) - 1
        target = None if last else (href(page, state.for_child()) if index == 0
                                    else href(page, state.for_child(), unit.code))
        crumbs.append((unit_title(unit.kind, unit.name, lang), target))
    parts = []
    if context.is_demo:
        parts.append(dbc.Alert(t("app.demo_banner", lang), color="warning",
                               className="py-1 px-2 small mb-2 demo-banner"))
    if len(crumbs) > 1:
        parts.append(breadcrumb(crumbs, lang))
    title = unit_title(context.unit.kind, context.unit.name, lang) if context.unit else ""
    if subtitle:
        parts.append(html.Div(subtitle, className="text-uppercase small fw-semibold text-muted page-kicker"))
    parts.append(html.H1(title, className="h3 mb-1"))
    parts.append(html.P(period_label(context.period, lang), className="text-muted mb-2 period-label"))
    if getattr(context, "restricted", False):
        parts.append(html.P(t("auth.restricted", lang), className="small mb-2 scope-note"))
    return html.Div(parts)


def error_state(context, lang: str, page: str = "overview") -> html.Div:
    """Why nothing is shown: empty database, unknown code, unit not valid on the date."""
    if context.error == "empty_database":
        return empty_state(t("empty.database", lang), kind="warning")
    if context.error == "forbidden":
        return empty_state(t("auth.forbidden", lang), dcc.Link(
            t("page.back_home", lang), href=href("overview", ViewState(lang=lang))), kind="warning")
    if context.error == "unknown_unit":
        code = context.route.village or context.route.unit or ""
        return empty_state(t("empty.unknown_unit", lang, code=code), dcc.Link(
            t("page.back_home", lang), href=href("overview", ViewState(lang=lang))), kind="warning")
    unit = context.unit
    valid = (t("unit.valid_from_to", lang, start=fmt.day(unit.valid_from), end=fmt.day(unit.valid_to))
             if unit.valid_to else t("unit.valid_open", lang, start=fmt.day(unit.valid_from)))
    hint = None
    if context.successors:
        first_date = context.successors[0][1]
        links = []
        for successor, _day, _primary in context.successors:
            target = href(page, context.state.for_child(), successor.code)
            if links:
                links.append(", ")
            links.append(dcc.Link(unit_title(successor.kind, successor.name, lang), href=target))
        hint = html.Span([t("empty.unit_successors", lang, date=fmt.day(first_date)), *links])
    return empty_state(t("empty.unit_not_valid", lang, unit=unit_title(unit.kind, unit.name, lang),
                         date=fmt.day(context.structure_date), valid=valid), hint, kind="warning")


def error_header(context, lang: str, page: str = "overview") -> html.Div:
    """Header plus the reason, for a page that has nothing else to show."""
    return html.Div([header(context, lang, page) if context.unit else None, error_state(context, lang, page)])
