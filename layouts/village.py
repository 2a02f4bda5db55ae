"""The village page (/don-vi/<commune>/<village>): its status on the date, who the current
secretary and head are (their profile on the date), who held its posts across the terms,
their training, the oversight activities that concern it.

``skeleton`` is drawn from the URL alone; ``render`` turns ``dashboard.village.VillageDetail``
into the contents of each section.
"""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import fmt
from dashboard.i18n import activity_kind_label, course_kind_label, role_label, t, unit_title
from dashboard.viewstate import Route, ViewState, href, view_data

from . import ids
from .components import GRADE_ICONS, empty_state, icon, loading, section
from .filters import filter_bar
from .grid import data_grid, date_column, int_column
from .profile_charts import value_label
from .unified import one_line_column
from .unit_header import error_state, header

SECTIONS = ("header", "body_style", "status", "profiles", "holders", "trainings", "activities")


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang
    reset = href("village", ViewState(lang=lang), route.unit, route.village) if route.village else "/"
    body = html.Div([
        section(None, loading(html.Div(id=ids.VL_STATUS), ids.VL_STATUS)),
        section(t("village.profiles.title", lang), loading(html.Div(id=ids.VL_PROFILES), ids.VL_PROFILES)),
        section(t("village.holders.title", lang), loading(html.Div(id=ids.VL_HOLDERS), ids.VL_HOLDERS)),
        section(t("village.trainings.title", lang), loading(html.Div(id=ids.VL_TRAININGS), ids.VL_TRAININGS)),
        section(t("village.activities.title", lang), loading(html.Div(id=ids.VL_ACTIVITIES), ids.VL_ACTIVITIES)),
    ], id=ids.VL_BODY)
    return html.Div([
        loading(html.Div(id=ids.VL_HEADER, className="page-header"), ids.VL_HEADER),
        filter_bar(state, today, lang, view_data(route, search), child_filters=False, reset_href=reset),
        body,
    ], className="page page-village")


def _yes_no(value: bool, lang: str) -> str:
    return t("village.value.yes" if value else "village.value.no", lang)


def _term(code) -> str:
    return (code or "").replace("-", "–")


def _iso(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def status_card(detail, lang: str) -> dbc.Card:
    """Unified or not on the date, and who holds the two posts (or that one is vacant)."""
    status = detail.status
    posts = detail.posts
    current = posts[posts["current"]] if not posts.empty else posts
    unified = bool(status["unified"])
    tone = "good" if unified else "poor"
    verdict = html.Span([icon(GRADE_ICONS[tone]), " ",
                         t("village.status.unified" if unified else "village.status.not_unified", lang)],
                        className=f"grade grade-{tone} fs-5")
    lines = []
    for role in ("secretary", "head"):
        holders = current[current["role"] == role]["person"].tolist() if not current.empty else []
        name = ", ".join(holders) if holders else t("village.status.vacant", lang)
        lines.append(html.Li([html.Span(role_label(role, lang) + ": ", className="text-muted"),
                              html.Span(name, className="fw-semibold" if holders else "text-danger fw-semibold")]))
    extra = None
    if unified:
        holder = current[current["role"] == "secretary"]["person"].iloc[0]
        first = t("unified.value.first_time" if status["first_time"] else "unified.value.reelected", lang).lower()
        extra = html.P(t("village.status.both", lang, name=holder, first=first), className="mb-0 small")
    body = [
        html.Div(t("village.status.title", lang, date=fmt.day(detail.context.period.as_of)), className="kpi-title"),
        html.Div(verdict, className="my-1"),
        html.Ul(lines, className="list-unstyled mb-1"),
        extra,
    ]
    return dbc.Card(dbc.CardBody(body), className=f"kpi-card kpi-{tone} village-status", id="village-status-card")


PROFILE_ATTRIBUTES = (("ethnicity", "profile.col.ethnicity"), ("education", "profile.chart.education"),
                      ("qualification", "profile.chart.qualification"), ("theory", "profile.chart.theory"))


def _profile_people(table: pd.DataFrame) -> list[dict]:
    """The rows of ``village_profiles`` by person (one holding both posts once), in the
    order of their first post: their first row, and ``posts``: (role, first_time) each."""
    people: dict[str, dict] = {}
    for r in table.to_dict("records"):
        person = people.setdefault(r["person"], {**r, "posts": []})
        person["posts"].append((r["role"], bool(r["first_time"])))
    return list(people.values())


def profile_cards(detail, lang: str, village: str):
    """One card per person holding the secretary or the head post on the page's date:
    their posts (first-time or re-elected), gender, birth year and age on the date,
    ethnicity, general education, qualification, political theory and the day they
    joined the Party, each as it stood on that date."""
    as_of = detail.context.period.as_of
    people = _profile_people(detail.profiles)
    if not people:
        return empty_state(t("village.profiles.empty", lang, village=village, date=fmt.day(as_of)))
    missing = t("profile.not_recorded", lang)
    cards = []
    for person in people:
        posts = [html.Li(f"{role_label(role, lang)} ({t('unified.value.first_time' if first else 'unified.value.reelected', lang).lower()})")
                 for role, first in person["posts"]]
        gender = person["gender"]
        born = person["birth_year"]
        party = person["party_since"]
        facts = [
            (t("profile.col.gender", lang),
             t("profile.women" if gender == "nu" else "profile.men", lang) if gender else missing),
            (t("village.profiles.born", lang),
             t("village.profiles.born_age", lang, year=int(born), age=as_of.year - int(born)) if born else missing),
            *[(t(label, lang), value_label(attribute, person[attribute] or "", lang))
              for attribute, label in PROFILE_ATTRIBUTES],
            (t("profile.col.party_since", lang), fmt.day(party) if party else missing),
        ]
        rows = []
        for name, value in facts:
            rows += [html.Dt(name, className="col-6 col-sm-5 text-muted fw-normal"),
                     html.Dd(value, className="col-6 col-sm-7 mb-1" + (" text-muted" if value == missing else ""))]
        cards.append(dbc.Col(dbc.Card(dbc.CardBody([
            html.Div(person["full_name"], className="fw-semibold fs-6"),
            html.Ul(posts, className="list-unstyled small mb-2 text-muted village-profile-posts"),
            html.Dl(rows, className="row mb-0 small"),
        ]), className="h-100 village-profile", id=f"village-profile-{len(cards)}"), xs=12, md=6, className="mb-2"))
    note = html.P(t("village.profiles.hint", lang, date=fmt.day(as_of)), className="small text-muted mb-2")
    return html.Div([note, dbc.Row(cards)])


def holders_grid(detail, lang: str, village: str):
    posts = detail.posts
    if posts.empty:
        return empty_state(t("village.holders.empty", lang, village=village,
                             date=fmt.day(detail.context.period.as_of)))
    rows = [{
        "id": int(r["post_id"]),
        "role": role_label(r["role"], lang),
        "person": r["person"],
        "term": _term(r["term"]),
        "start": _iso(r["start_date"]),
        "end": _iso(r["end_date"]),
        "current": _yes_no(r["current"], lang),
        "first_time": t("unified.value.first_time" if r["first_time"] else "unified.value.reelected", lang),
    } for r in posts.to_dict("records")]
    columns = [
        one_line_column("role", t("village.col.role", lang), 150),
        one_line_column("person", t("village.col.person", lang), 170, 2),
        one_line_column("term", t("village.col.term", lang), 100),
        date_column("start", t("village.col.from", lang)),
        date_column("end", t("village.col.to", lang)),
        one_line_column("current", t("village.col.current", lang), 100),
        one_line_column("first_time", t("village.col.first_time", lang), 110),
    ]
    return _grid("village-holders", columns, rows, lang, t("village.export.holders", lang, village=village),
                 detail, len(posts))


def trainings_grid(detail, lang: str, village: str):
    table = detail.trainings
    if table.empty:
        return empty_state(t("village.trainings.empty", lang, village=village,
                             date=fmt.day(detail.context.period.as_of)))
    rows = [{
        "id": int(r["participation_id"]),
        "person": r["person"],
        "course": r["course"],
        "kind": course_kind_label(r["kind"], lang),
        "start": _iso(r["start_date"]),
        "end": _iso(r["end_date"]),
        "days_held": float(r["days_held"]),
        "days_attended": float(r["days_attended"]),
        "completed": _yes_no(r["completed"], lang),
        "certificate": _yes_no(r["certificate"], lang),
    } for r in table.to_dict("records")]
    columns = [
        one_line_column("person", t("village.col.person", lang), 160),
        one_line_column("course", t("village.col.course", lang), 320, 4),
        one_line_column("kind", t("village.col.kind", lang), 140),
        date_column("start", t("village.col.start", lang)),
        date_column("end", t("village.col.end", lang)),
        int_column("days_held", t("village.col.days_held", lang), lang, decimals=1),
        int_column("days_attended", t("village.col.days_attended", lang), lang, decimals=1),
        one_line_column("completed", t("village.col.completed", lang), 100),
        one_line_column("certificate", t("village.col.certificate", lang), 100),
    ]
    return _grid("village-trainings", columns, rows, lang, t("village.export.trainings", lang, village=village),
                 detail, len(table))


def activities_grid(detail, lang: str, village: str):
    table = detail.activities
    if table.empty:
        return empty_state(t("village.activities.empty", lang, village=village,
                             date=fmt.day(detail.context.period.as_of)))
    rows = [{
        "id": int(r["activity_id"]),
        "date": _iso(r["date"]),
        "board": r["board"],
        "kind": activity_kind_label(r["kind"], lang),
        "subject": r["subject"],
        "made": int(r["recommendations_made"]),
        "resolved": int(r["recommendations_resolved"]),
    } for r in table.to_dict("records")]
    columns = [
        date_column("date", t("village.col.date", lang)),
        one_line_column("board", t("village.col.board", lang), 220, 2),
        one_line_column("kind", t("village.col.activity", lang), 110),
        one_line_column("subject", t("village.col.subject", lang), 240, 3),
        int_column("made", t("village.col.made", lang), lang),
        int_column("resolved", t("village.col.resolved", lang), lang),
    ]
    return _grid("village-activities", columns, rows, lang, t("village.export.activities", lang, village=village),
                 detail, len(table))


def _grid(name, columns, rows, lang, title, detail, count):
    code = detail.context.unit.code
    # no row_id_field: grid.py's getRowId ("String(params.data.x)") gives every row the id
    # "undefined" in the browser (AG Grid warns of duplicate ids); the grids are redrawn
    # whole anyway
    grid = data_grid(name, columns, rows, lang, export_title=title, export_name=f"{name}-{code}")
    if count >= detail.limit:
        return html.Div([html.P(t("village.capped", lang, limit=fmt.number(detail.limit, 0, lang)),
                                className="small text-muted mb-1"), grid])
    return grid


def render(detail, lang: str) -> dict:
    """Contents of every section (keys: ``SECTIONS``)."""
    context = detail.context
    if detail.error:
        return render_error(detail, lang)
    village = unit_title(context.unit.kind, context.unit.name, lang)
    top = [header(context, lang, page="overview", subtitle=t("village.kicker", lang))]
    if detail.moved and detail.parent is not None:
        top.append(html.P([icon("bi-info-circle"), " ", t(
            "village.other_commune", lang, date=fmt.day(context.structure_date), village=village,
            commune=unit_title(detail.parent.kind, detail.parent.name, lang))], className="small text-muted mb-2"))
    return {
        "header": html.Div(top),
        "body_style": {},
        "status": status_card(detail, lang),
        "profiles": profile_cards(detail, lang, village),
        "holders": holders_grid(detail, lang, village),
        "trainings": trainings_grid(detail, lang, village),
        "activities": activities_grid(detail, lang, village),
    }


def render_error(detail, lang: str) -> dict:
    """Why the village cannot be shown, with a way back."""
    context = detail.context
    route = context.route
    home = dcc.Link(t("page.back_home", lang), href="/" + ViewState(lang=lang).to_query())
    if detail.error == "unknown_village":
        message = empty_state(t("village.unknown", lang, code=route.village or ""), _back(context, lang) or home,
                              kind="warning")
    elif detail.error == "not_village":
        unit = context.village
        message = empty_state(t("village.not_village", lang, code=route.village or "",
                                unit=unit_title(unit.kind, unit.name, lang)), home, kind="warning")
    elif detail.error == "unknown_commune":
        message = empty_state(t("empty.unknown_unit", lang, code=route.unit or ""), home, kind="warning")
    elif detail.error == "not_valid":
        message = error_state(context, lang)
    else:
        message = error_state(context, lang)
    return {"header": html.Div(message), "body_style": {"display": "none"}, "status": None, "profiles": None,
            "holders": None, "trainings": None, "activities": None}


def _back(context, lang: str):
    """A link to the commune of the URL, when it is known."""
    if context.unit is None or context.unit.is_village:
        return None
    target = href("overview", context.state.for_child(), context.unit.code)
    return dcc.Link(t("village.back_to", lang, unit=unit_title(context.unit.kind, context.unit.name, lang)),
                    href=target)
