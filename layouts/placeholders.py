"""Placeholders of a page's first view: what the router draws for an SPA navigation when
the page's numbers are not in the result cache yet (``callbacks.router``).

Each has the markup (classes, lines, card count and titles) of what the page's callback
draws next, with the figures left out, so the page keeps its size when they arrive. Drawn
from the route and the URL state alone: no database.
"""
from __future__ import annotations

import json
from functools import lru_cache

import dash_bootstrap_components as dbc
from plotly.utils import PlotlyJSONEncoder
from dash import html

from dashboard import definitions
from dashboard.definitions import HEADLINE, INDICATORS, page_ratios
from dashboard.i18n import t

from .components import GRADE_ICONS, icon, info_button, kpi_title
from .oversight import RATE_CARDS

GAP = "\u00a0"  # a line's height without a figure
PENDING = "…"  # a text to come (same font, same line: the same height)


# the pages whose header has a line above the title (``unit_header.header``'s subtitle)
KICKERS = {"training": "training.kicker", "profile": "profile.kicker", "unified": "nav.unified",
           "oversight": "nav.oversight"}


def header(has_parent: bool, demo: bool, lang: str, kicker: str | None = None) -> html.Div:
    """The unit header's lines (``unit_header.header``): demo notice, breadcrumb when the
    unit has a parent, the page's line above the title (``kicker``, an i18n key), title,
    period."""
    parts = []
    if demo:
        parts.append(dbc.Alert(t("app.demo_banner", lang), color="warning",
                               className="py-1 px-2 small mb-2 demo-banner"))
    if has_parent:
        parts.append(html.Nav(html.Ol(html.Li(PENDING, className="breadcrumb-item active"),
                                      className="breadcrumb mb-1"), **{"aria-label": t("unit.breadcrumb", lang)}))
    if kicker:
        parts.append(html.Div(t(kicker, lang), className="text-uppercase small fw-semibold text-muted page-kicker"))
    parts.append(html.H1(PENDING, className="h3 mb-1"))
    parts.append(html.P(PENDING, className="text-muted mb-2 period-label"))
    return html.Div(parts, className="first-view-pending", role="status", **{"aria-busy": "true"})


def kpi_card(title: str, detail: str, key: str, anchor: str, lang: str) -> dbc.Card:
    """``components.kpi_card``'s lines (title with its info button, value and ratio,
    detail, grade and change) with the figures pending."""
    body = [
        kpi_title(title, info_button(key, lang, anchor)),
        html.Div([html.Span(PENDING, className="kpi-value"), html.Span(GAP, className="kpi-ratio")],
                 className="d-flex align-items-baseline gap-2 flex-wrap"),
        html.Div(detail, className="kpi-detail"),
        html.Div([html.Span([icon(GRADE_ICONS["none"]), " ", PENDING], className="grade grade-none"),
                  # the change (a line under the grade when it wraps, as it does in at least one
                  # card of five at 1 366 px): the row keeps the height it will have
                  html.Span(GAP, className="kpi-change", style={"flexBasis": "100%"})],
                 className="d-flex justify-content-between align-items-center gap-2 flex-wrap mt-1"),
    ]
    return dbc.Card(dbc.CardBody(body), className="kpi-card kpi-plain h-100 first-view-pending")


def overview_kpis(lang: str) -> dbc.Row:
    """The overview's headline cards (``layouts.overview.kpis``), pending."""
    cards = []
    for key in HEADLINE:
        label = INDICATORS[key].label
        cards.append(dbc.Col(kpi_card(t(label, lang), t(label + ".detail", lang), key, f"kpi-{key}", lang),
                             xs=6, md=4, xl=True))
    return dbc.Row(cards, className="g-3 kpi-row")


def kpi_row(cards: list[tuple[str, str, str]], lang: str, class_name: str = "g-3 kpi-row", anchor: str = "kpi",
            **col) -> dbc.Row:
    """A page's cards pending: (title, detail, registry key) each, in columns sized as
    the page's own (``col``: dbc.Col widths)."""
    return dbc.Row([dbc.Col(kpi_card(title, detail, key, f"pending-{anchor}-{index}", lang), **col)
                    for index, (title, detail, key) in enumerate(cards)], className=class_name)


def _card(title_key: str, detail_key: str | None, key: str, lang: str) -> tuple[str, str, str]:
    return t(title_key, lang), t(detail_key, lang) if detail_key else GAP, key


def unified_kpis(lang: str) -> dbc.Row:
    """``layouts.unified.kpis``: coverage, first-time holders, vacant posts, then the
    registry's ratios shown on the page."""
    label = INDICATORS["unified"].label
    cards = [_card(label, label + ".detail", "unified", lang), _card("kpi.first_time", "kpi.first_time.detail",
                                                                   "first_time", lang),
             _card("kpi.vacant", None, "vacant", lang)]
    cards += [(definitions.name(d.key, lang), GAP, d.key) for d in page_ratios("unified")]
    wide = 12 // len(cards) if 12 % len(cards) == 0 else 4
    return kpi_row(cards, lang, xs=6, md=6 if len(cards) > 3 else 4, xl=wide)


def training_kpis(lang: str) -> dbc.Row:
    """``layouts.training.kpis``: five cards."""
    cards = [_card("kpi.training", "kpi.training.detail", "training", lang),
             _card("kpi.first_time_untrained", "kpi.first_time_untrained.detail", "first_time_untrained", lang),
             _card("kpi.participations", None, "participations", lang),
             _card("kpi.days", "kpi.days.detail", "days", lang),
             _card("kpi.certificates", "kpi.certificates.detail", "certificates", lang)]
    return kpi_row(cards, lang, xs=6, lg=4, xl=True)


def oversight_kpis(lang: str) -> html.Div:
    """``layouts.oversight.kpis``: the three rates, then the four counts."""
    rates = [_card(title, title + ".detail", indicator, lang) for _key, title, _num, _den, indicator in RATE_CARDS]
    counts = [_card("kpi.activities", None, "activities", lang), _card("kpi.money", "kpi.money.detail", "money", lang),
              _card("kpi.land", "kpi.land.detail", "land", lang),
              _card("kpi.settlement", "kpi.settlement.detail", "settlement", lang)]
    return html.Div([kpi_row(rates, lang, "g-3 kpi-row mb-3", "rate", xs=6, md=4),
                     kpi_row(counts, lang, anchor="count", xs=6, xl=3)])


def attention(lang: str) -> html.Div:
    """The attention list pending: the box of its shortest answer (``components.empty_state``,
    "nothing needs attention"); a list with lines grows below it, the cards above stay."""
    return html.Div([icon("bi-info-circle"), " ", PENDING], className="empty-state alert alert-light first-view-pending",
                    role="status", **{"aria-busy": "true"})


@lru_cache(maxsize=64)
def sections(page: str, has_parent: bool, demo: bool, lang: str) -> dict:
    """The pending first view of ``page`` (the section names of ``callbacks.router.FIRST_VIEW``),
    drawn once per (page, parent, demo, language) and kept as the JSON Dash sends (plain
    dicts, which Dash's renderer draws as it draws components): every cold SPA navigation
    asks for it, and building and encoding its ~140 components cost a town's router 2-3 ms.
    Callers must not change what it returns (it is shared)."""
    return {name: None if value is None else json.loads(json.dumps(value, cls=PlotlyJSONEncoder))
            for name, value in _sections(page, has_parent, demo, lang).items()}


def _sections(page: str, has_parent: bool, demo: bool, lang: str) -> dict:
    out = {"header": header(has_parent, demo, lang, KICKERS.get(page))}
    if page == "overview":
        out.update(kpis=overview_kpis(lang), attention=attention(lang), stale=None, tiles=None)
    elif page == "unified":
        out["kpis"] = unified_kpis(lang)
    elif page == "training":
        out["kpis"] = training_kpis(lang)
    elif page == "oversight":
        out["kpis"] = oversight_kpis(lang)
    return out


__all__ = ["attention", "header", "kpi_card", "kpi_row", "overview_kpis", "oversight_kpis", "sections",
           "training_kpis", "unified_kpis"]
