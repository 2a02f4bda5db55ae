"""A commune's boards and monthly briefings, at the bottom of its unit page
(/don-vi/<code>, inside ``ids.OV_UNIT_EXTRA``). Pure: ``CommuneOversight`` in, components
out; nothing for a unit whose children are not villages."""
from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import fmt
from dashboard.i18n import board_kind_label, t, unit_title

from . import ids
from .components import empty_state, icon, section
from .grid import data_grid, date_column, int_column, text_column
from .labels import period_label
from .oversight import term_text


def month_words(day, lang: str) -> str:
    """"tháng 8/2026" / "August 2026"."""
    return t("month.name", lang, month=day.month, year=day.year, name=t(f"month.{day.month}", lang))


def board_columns(lang: str) -> list[dict]:
    return [
        text_column("kind", t("oversight.col.board_kind", lang), min_width=110),
        text_column("name", t("oversight.col.board", lang), min_width=220, flex=3),
        text_column("village", t("oversight.col.village", lang), min_width=100),
        text_column("term", t("oversight.col.term", lang), min_width=150),
        int_column("members", t("oversight.col.members", lang), lang),
        int_column("activities", t("oversight.col.activities", lang), lang, definition="activities"),
        date_column("last", t("oversight.col.last_activity", lang)),
    ]


def board_rows(boards: pd.DataFrame, lang: str) -> list[dict]:
    # row ids for the grid: positions, not database ids (nothing shown needs those)
    return [{
        "id": f"b{i}",
        "kind": board_kind_label(b["kind"], lang, short=True),
        "name": b["project"] or b["name"],
        "village": b["village_name"] or "",
        "term": term_text(b["valid_from"], b["valid_to"], lang),
        "members": int(b["members"]),
        "activities": int(b["activities"]),
        "last": b["last_activity"].isoformat() if b["last_activity"] else None,
    } for i, b in enumerate(boards.to_dict("records"))]


def month_summary(briefings: pd.DataFrame) -> list[dict]:
    """Per month due: month, due (units), held (units with a briefing), dates (first
    briefing of each unit that held one), times (briefings), attendees, missed (names of
    the units that held none: (kind, name))."""
    by_month: dict = {}
    for row in briefings.to_dict("records"):  # a dozen months of a few units: plain Python
        by_month.setdefault(row["month"], []).append(row)
    out = []
    for month in sorted(by_month):
        rows = by_month[month]
        held = [r for r in rows if r["briefings"] > 0]
        out.append({
            "month": month,
            "due": len(rows),
            "held": len(held),
            "dates": sorted(r["first_date"] for r in held if r["first_date"] is not None),
            "times": int(sum(r["briefings"] for r in rows)),
            "attendees": int(sum(r["attendees"] for r in rows)),
            "missed": [(r["unit_kind"], r["unit_name"]) for r in rows if r["briefings"] == 0],
        })
    return out


def briefing_tile(month: dict, lang: str) -> html.Li:
    """One month: its label, held or missed (icon and word), dates and attendees."""
    complete = month["held"] == month["due"]
    label = t("oversight.month_label", lang, month=month["month"].month, year=month["month"].year)
    if complete:
        status = [icon("bi-check-circle-fill"), " ", t("commune.briefings.held", lang)]
    else:
        status = [icon("bi-x-circle-fill"), " ", t("commune.briefings.missed", lang)]
    lines = [html.Div(label, className="briefing-month"), html.Div(status, className="briefing-status")]
    if month["due"] > 1:
        lines.append(html.Div(t("commune.briefings.partial", lang, held=month["held"], due=month["due"]),
                              className="briefing-detail"))
    elif month["dates"]:
        lines.append(html.Div(t("commune.briefings.on", lang, date=fmt.day(month["dates"][0]).rsplit("/", 1)[0]),
                              className="briefing-detail"))
        if month["times"] > 1:
            lines.append(html.Div(t("commune.briefings.times", lang, count=month["times"]),
                                  className="briefing-detail"))
    if month["held"]:
        lines.append(html.Div(t("commune.briefings.attendees", lang, count=fmt.number(month["attendees"], 0, lang)),
                              className="briefing-detail"))
    return html.Li(lines, className=f"briefing-tile {'held' if complete else 'missed'}",
                   title=month_words(month["month"], lang))


def briefings_block(briefings: pd.DataFrame, lang: str) -> html.Div:
    months = month_summary(briefings)
    if not months:
        return empty_state(t("commune.briefings.none_due", lang))
    held = sum(1 for m in months if m["held"] == m["due"])
    missed = []
    for m in months:
        if m["held"] < m["due"]:
            words = month_words(m["month"], lang)
            if m["due"] > 1:
                names = ", ".join(unit_title(kind, name, lang) for kind, name in m["missed"])
                words = t("commune.briefings.missed_unit", lang, month=words, unit=names)
            missed.append(words)
    summary = [t("commune.briefings.summary", lang, held=held, due=len(months)), " "]
    if missed:
        summary.append(html.Strong(t("commune.briefings.missed_list", lang, months="; ".join(missed)),
                                   className="briefing-missed-list"))
    else:
        summary.append(t("commune.briefings.all_held", lang))
    strip = html.Ul([briefing_tile(m, lang) for m in months], className="briefing-strip list-unstyled",
                    **{"aria-label": t("commune.briefings.strip", lang)})
    return html.Div([html.P(summary, className="mb-2"), strip])


def render(data, lang: str):
    """The two sections, or None when ``data`` is None (not a commune-level unit)."""
    if data is None:
        return None
    context = data.context
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    if data.boards.empty:
        boards = empty_state(t("commune.boards.empty", lang, unit=unit))
    else:
        title = f"{t('commune.boards.title', lang, unit=unit)} — {period_label(context.period, lang)}"
        boards = data_grid("commune-boards", board_columns(lang), board_rows(data.boards, lang), lang,
                           row_id_field="id", export_title=title, export_name=f"ban-giam-sat-{context.unit.code}")
    return html.Div([
        html.Div(section(t("commune.boards.title", lang, unit=unit), boards), id=ids.OS_COMMUNE_BOARDS),
        html.Div(section(t("commune.briefings.title", lang, unit=unit), briefings_block(data.briefings, lang)),
                 id=ids.OS_COMMUNE_BRIEFINGS),
    ])
