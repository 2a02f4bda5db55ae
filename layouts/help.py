"""The help page (/huong-dan): how to use the dashboard, in the reader's language.

Static text comes from the translation table; the part on reading the indicators is
generated from the registry (``dashboard.definitions``), so it cannot drift from what
the pages compute. Printable like every page.
"""
from __future__ import annotations

from datetime import date

from dash import dcc, html

from dashboard import definitions
from dashboard.i18n import t
from dashboard.viewstate import Route, ViewState, href

from . import ids
from .components import definition_body, icon

# (section key, number of paragraphs "help.<key>.<n>")
SECTIONS = (
    ("pages", 7),
    ("filters", 4),
    ("drill", 4),
    ("export", 4),
    ("notes", 3),
    ("fresh", 2),
    ("import", 4),
    ("roles", 4),
)


def _paragraphs(key: str, count: int, lang: str) -> list:
    return [html.P(t(f"help.{key}.{n}", lang)) for n in range(1, count + 1)]


def indicator_reference(lang: str) -> html.Div:
    """Every definition of the registry: name, then what its popover says."""
    entries = []
    for key, entry in definitions.DEFINITIONS.items():
        entries.append(html.Article([
            html.H3([definitions.name(key, lang),
                     html.Small(f" · {t('help.graded', lang)}", className="text-muted") if entry.graded else None],
                    className="h6 mb-1"),
            *definition_body(key, lang),
        ], className="help-definition mb-3", id=f"dinh-nghia-{key}"))
    return html.Div(entries, className="help-definitions")


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang
    toc = [html.Li(html.A(t(f"help.{key}.title", lang), href=f"#huong-dan-{key}")) for key, _ in SECTIONS]
    toc.insert(1, html.Li(html.A(t("help.indicators.title", lang), href="#huong-dan-indicators")))
    body = []
    for index, (key, count) in enumerate(SECTIONS):
        body.append(html.Section([html.H2(t(f"help.{key}.title", lang), className="h5"),
                                  *_paragraphs(key, count, lang)], id=f"huong-dan-{key}", className="mb-4"))
        if index == 0:
            body.append(html.Section([
                html.H2(t("help.indicators.title", lang), className="h5"),
                html.P(t("help.indicators.1", lang)),
                html.P([icon("bi-info-circle"), " ", t("help.indicators.2", lang)]),
                indicator_reference(lang),
            ], id="huong-dan-indicators", className="mb-4"))
    return html.Div([
        html.H1(t("help.title", lang), className="h3 mb-1"),
        html.P(t("help.lead", lang), className="text-muted"),
        html.Nav([html.H2(t("help.contents", lang), className="h6"), html.Ol(toc, className="mb-0")],
                 className="help-toc mb-4 d-print-none", **{"aria-label": t("help.contents", lang)}),
        *body,
        html.P(dcc.Link(t("page.back_home", lang), href=href("overview", ViewState(lang=lang))),
               className="d-print-none"),
    ], className="page page-help", id=ids.HELP)
