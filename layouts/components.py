"""Small building blocks shared by the pages. Pure: data in, components out."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import definitions, fmt
from dashboard.i18n import t

from . import ids

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


def figure_text(numerator, denominator, key: str, lang: str, decimals: int = 0) -> str:
    """"179 / 179 thôn, khu" (or "12 hoạt động" without a denominator), the unit word
    from the registry."""
    unit = definitions.text(key, "unit", lang)
    num = fmt.number(numerator, decimals, lang)
    if denominator is None:
        return f"{num} {unit}".strip()
    return f"{num} / {fmt.number(denominator, decimals, lang)} {unit}".strip()


def definition_body(key: str, lang: str, figure: str | None = None) -> list:
    """What a definition popover (and the help page) says about ``key``: the number shown,
    then numerator, denominator, period, what counts and the thresholds, all from the
    registry."""
    entry = definitions.get(key)
    rows = []
    if figure:
        rows.append(html.Div(figure, className="def-figure fw-semibold mb-1"))
    rows.append(html.P(definitions.text(key, "detail", lang), className="mb-1"))
    items = [("def.numerator" if entry.denominator_text[0] else "def.counted", "numerator_text")]
    if entry.denominator_text[0]:
        items.append(("def.denominator", "denominator_text"))
    items += [("def.period", "period"), ("def.counts", "counts")]
    terms = []
    for label, field in items:
        terms += [html.Dt(t(label, lang)), html.Dd(definitions.text(key, field, lang))]
    if entry.graded:
        terms += [html.Dt(t("def.thresholds", lang)), html.Dd(fmt.thresholds_text(entry, lang))]
    if entry.attention is not None:
        terms += [html.Dt(t("def.attention", lang)), html.Dd(fmt.attention_text(entry, lang))]
    rows.append(html.Dl(terms, className="def-list mb-0"))
    return rows


def info_parts(key: str, lang: str, anchor: str, figure: str | None = None) -> tuple[html.Button, dbc.Popover]:
    """(button, popover) of ``info_button``, for a card that puts the button in its title
    and the popover (its text) after its own content."""
    button_id = ids.info(anchor)
    title = definitions.name(key, lang)
    label = t("def.open", lang, name=title)
    button = html.Button(icon("bi-info-circle"), id=button_id, type="button", className="info-button d-print-none",
                         title=label, **{"aria-label": label})
    popover = dbc.Popover(popover_children(key, lang, figure), target=button_id, trigger="legacy",
                          placement="auto", className="def-popover", id=ids.info_popover(anchor))
    return button, popover


def popover_children(key: str, lang: str, figure: str | None = None) -> list:
    """What a definition popover holds (a callback may redraw it with the figure)."""
    return [dbc.PopoverHeader(definitions.name(key, lang)), dbc.PopoverBody(definition_body(key, lang, figure))]


def info_button(key: str, lang: str, anchor: str, figure: str | None = None) -> html.Span:
    """An (i) button that opens the definition of ``key`` with the number shown
    (``figure``). A real button: focus it with Tab, open it with Enter; a click elsewhere
    closes it. ``anchor`` makes the id unique on the page."""
    return html.Span(list(info_parts(key, lang, anchor, figure)), className="info-wrap")


def column_tooltip(key: str, lang: str) -> str:
    """One line for a grid header's tooltip (and the export's notes): name, numerator /
    denominator (or what is counted), from the registry."""
    entry = definitions.get(key)
    line = f"{definitions.name(key, lang)}: {definitions.text(key, 'numerator_text', lang)}"
    if entry.denominator_text[0]:
        line += f" / {definitions.text(key, 'denominator_text', lang)}"
    return line + "."


def section(title: str | None, body, extra=None, class_name: str = "", info=None) -> html.Section:
    header = None
    if title:
        header = html.Div([html.H2([title, info] if info is not None else title, className="h5 mb-0"), extra],
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
             lang: str, card_id: str | None = None, info=None) -> dbc.Card:
    """A headline number: numerator/denominator, the percentage, its grade and change."""
    if denominator:
        value = fmt.percent(numerator / denominator, 1, lang)
        ratio_text = f"{fmt.number(numerator, 0, lang)}/{fmt.number(denominator, 0, lang)}"
    else:
        value = t("kpi.no_data", lang)
        ratio_text = f"{fmt.number(numerator, 0, lang)}/{fmt.number(denominator, 0, lang)}"
    body = [
        kpi_title(title, info),
        html.Div([html.Span(value, className="kpi-value"), html.Span(ratio_text, className="kpi-ratio")],
                 className="d-flex align-items-baseline gap-2 flex-wrap"),
        html.Div(detail, className="kpi-detail"),
        html.Div([grade_badge(grade, lang), html.Span(change or "", className="kpi-change")],
                 className="d-flex justify-content-between align-items-center gap-2 flex-wrap mt-1"),
        kpi_popover(info),
    ]
    extra = {"id": card_id} if card_id else {}
    return dbc.Card(dbc.CardBody(body), className=f"kpi-card kpi-{grade} h-100", **extra)


def kpi_title(title: str, info=None) -> html.Div:
    """A card's title, with its info button when there is one (``info``: an
    ``info_button``; its popover, which holds text, is moved to ``kpi_popover``)."""
    if info is None:
        return html.Div(title, className="kpi-title")
    button = info.children[0]
    return html.Div([html.Span(title), html.Span(button, className="info-wrap")],
                    className="kpi-title d-flex justify-content-between align-items-start gap-1")


def kpi_popover(info):
    """The popover of a card's ``info_button``, drawn after the card's content."""
    return None if info is None else info.children[1]


def breadcrumb(items: list[tuple[str, str | None]], lang: str) -> html.Nav:
    """(label, href) pairs, the last one current (href None)."""
    entries = []
    for label, target in items:
        if target:
            entries.append(html.Li(dcc.Link(label, href=target), className="breadcrumb-item"))
        else:
            entries.append(html.Li(label, className="breadcrumb-item active", **{"aria-current": "page"}))
    return html.Nav(html.Ol(entries, className="breadcrumb mb-1"), **{"aria-label": t("unit.breadcrumb", lang)})
