"""Small building blocks shared by the pages. Pure: data in, components out."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.i18n import t

GRADE_ICONS = {"good": "bi-check-circle-fill", "fair": "bi-exclamation-circle-fill",
               "poor": "bi-x-circle-fill", "none": "bi-dash-circle"}


def icon(name: str, label: str | None = None) -> html.I:
    """A Bootstrap icon; decorative unless ``label`` is given."""
    if label:
        return html.I(className=f"bi {name}", role="img", **{"aria-label": label})
    return html.I(className=f"bi {name}", **{"aria-hidden": "true"})


def grade_badge(grade: str, lang: str) -> html.Span:
    """The grade as an icon *and* a word (never colour alone)."""
    return html.Span([icon(GRADE_ICONS[grade]), " ", t(f"grade.{grade}", lang)],
                     className=f"grade grade-{grade}")


def loading(component, component_id: str | None = None):
    """Wrap a section that a callback fills, with a spinner while it loads."""
    return dcc.Loading(component, type="default", delay_show=200, overlay_style={
        "visibility": "visible", "opacity": 0.5}, id=f"{component_id}-loading" if component_id else None)


def section(title: str | None, body, extra=None, class_name: str = "") -> html.Section:
    header = None
    if title:
        header = html.Div([html.H2(title, className="h5 mb-0"), extra],
                          className="d-flex justify-content-between align-items-center gap-2 mb-2 flex-wrap")
    return html.Section([header, body] if header else [body], className=f"mb-4 {class_name}".strip())


def empty_state(message: str, hint=None, kind: str = "info") -> html.Div:
    """Says why there is nothing to show (never an empty box)."""
    children = [icon("bi-info-circle" if kind == "info" else "bi-exclamation-triangle"), " ", message]
    if hint is not None:
        children.append(html.Div(hint, className="mt-1 small"))
    return html.Div(children, className=f"empty-state alert alert-{'light' if kind == 'info' else 'warning'}",
                    role="status")


def kpi_card(title: str, detail: str, numerator, denominator, grade: str, change: str | None,
             lang: str, card_id: str | None = None) -> dbc.Card:
    """A headline number: numerator/denominator, the percentage, its grade and change."""
    if denominator:
        value = fmt.percent(numerator / denominator, 1, lang)
        ratio_text = f"{fmt.number(numerator, 0, lang)}/{fmt.number(denominator, 0, lang)}"
    else:
        value = t("kpi.no_data", lang)
        ratio_text = f"{fmt.number(numerator, 0, lang)}/{fmt.number(denominator, 0, lang)}"
    body = [
        html.Div(title, className="kpi-title"),
        html.Div([html.Span(value, className="kpi-value"), html.Span(ratio_text, className="kpi-ratio")],
                 className="d-flex align-items-baseline gap-2 flex-wrap"),
        html.Div(detail, className="kpi-detail"),
        html.Div([grade_badge(grade, lang), html.Span(change or "", className="kpi-change")],
                 className="d-flex justify-content-between align-items-center gap-2 flex-wrap mt-1"),
    ]
    extra = {"id": card_id} if card_id else {}
    return dbc.Card(dbc.CardBody(body), className=f"kpi-card kpi-{grade} h-100", **extra)


def breadcrumb(items: list[tuple[str, str | None]], lang: str) -> html.Nav:
    """(label, href) pairs, the last one current (href None)."""
    entries = []
    for label, target in items:
        if target:
            entries.append(html.Li(dcc.Link(label, href=target), className="breadcrumb-item"))
        else:
            entries.append(html.Li(label, className="breadcrumb-item active", **{"aria-current": "page"}))
    return html.Nav(html.Ol(entries, className="breadcrumb mb-1"), **{"aria-label": t("unit.breadcrumb", lang)})
