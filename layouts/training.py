"""The training page (Bồi dưỡng): /boi-duong (the root) and /boi-duong/<code> (any unit).

``skeleton`` is drawn from the URL alone; the ``render_*`` functions turn what the data
service hands over (``dashboard.service.Training*``) into the contents of each section.
Pure: no database here.
"""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.definitions import INDICATORS, grade
from dashboard.i18n import course_kind_label, role_label, t, unit_title
from dashboard.viewstate import Route, ViewState, href, view_data

from . import ids
from .components import (
    empty_state,
    figure_text,
    grade_badge,
    info_button,
    kpi_card,
    kpi_popover,
    kpi_title,
    loading,
    popover_children,
    section,
)
from .figures import empty_figure, graph_config
from .filters import filter_bar
from .grid import (
    data_grid,
    date_column,
    grade_column,
    int_column,
    name_column,
    percent_column,
    text_column,
)
from .labels import change_text, period_label, short_period_label, sibling_titles, titled_records
from .tiles import state_tile, tiles_section, wants_tiles
from .training_figures import completion_bar, course_timeline, coverage_heatmap, people_participations_bar
from .unit_header import child_href, error_header, header

PAGE = "training"
# drill-down charts of the page: name -> title key
CHARTS = {ids.TR_COMPLETION: "chart.training_by_unit", ids.TR_PEOPLE: "training.chart.people"}
# the registry entry each chart draws (its info button)
CHART_DEFINITIONS = {ids.TR_COMPLETION: "training", ids.TR_PEOPLE: "participations"}
# the timeline draws at most this many courses (the table lists all it is given)
TIMELINE_LIMIT = 30
HIDDEN = {"display": "none"}
SHOWN: dict = {}


# --- skeleton ------------------------------------------------------------------------------


def chart_anchor(name: str) -> str:
    return f"chart-{name}"


def chart_infos(total, context, lang: str) -> dict:
    """The definition popover of each by-child chart, with the unit's total figure."""
    unit = _unit_label(context, lang)
    figures = {ids.TR_COMPLETION: (int(total["trained"]), int(total["cadres"])),
               ids.TR_PEOPLE: (int(total["participations"]), int(total["people"]))}
    return {f"{name}_info": popover_children(
        CHART_DEFINITIONS[name], lang,
        t("def.chart_total", lang, unit=unit, figure=figure_text(num, den, CHART_DEFINITIONS[name], lang)))
        for name, (num, den) in figures.items()}


def _chart(name: str, title_key: str, lang: str, xl: int = 6) -> dbc.Col:
    return dbc.Col(section(
        t(title_key, lang),
        loading(dcc.Graph(id=ids.drill_graph(name), config=graph_config(lang),
                          figure=empty_figure(t("loading", lang), lang)), name),
        extra=html.Small(t("chart.click_hint", lang), className="text-muted d-print-none"),
        class_name="chart-card", info=info_button(CHART_DEFINITIONS[name], lang, chart_anchor(name)),
    ), xs=12, xl=xl, id=ids.chart_wrap(name))


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang
    reset = href(PAGE, ViewState(lang=lang), route.unit)
    coverage = html.Div(section(
        t("training.chart.coverage", lang),
        html.Div([
            html.P(t("training.coverage.hint", lang), className="small text-muted mb-1"),
            loading(dcc.Graph(id=ids.drill_graph(ids.TR_COVERAGE), config=graph_config(lang),
                              figure=empty_figure(t("loading", lang), lang)), ids.TR_COVERAGE),
            html.Div(id=ids.TR_COVERAGE_NOTE, className="small topic-legend"),
        ]),
        extra=html.Small(t("chart.click_hint", lang), className="text-muted d-print-none"),
        class_name="chart-card", info=info_button("topic_coverage", lang, "chart-tr-coverage"),
    ), id=ids.training_section("coverage"))
    courses = html.Div(section(
        t("training.courses", lang),
        html.Div([
            html.P(t("training.courses.hint", lang), className="small text-muted mb-1"),
            loading(dcc.Graph(id=ids.TR_TIMELINE, config=graph_config(lang),
                              figure=empty_figure(t("loading", lang), lang)), ids.TR_TIMELINE),
            loading(html.Div(id=ids.TR_COURSES), ids.TR_COURSES),
        ]),
        class_name="chart-card",
    ), id=ids.training_section("courses"))
    return html.Div([
        loading(html.Div(id=ids.TR_HEADER, className="page-header"), ids.TR_HEADER),
        filter_bar(state, today, lang, view_data(route, search), reset_href=reset),
        html.H2(t("training.kpis", lang), className="visually-hidden"),
        section(None, loading(html.Div(id=ids.TR_KPIS), ids.TR_KPIS)),
        # a commune's villages: tiles instead of the two charts by child (render_summary)
        html.Div(id=ids.TR_TILES),
        dbc.Row([_chart(name, key, lang) for name, key in CHARTS.items()], className="g-3 charts-row"),
        coverage,
        html.Div(section(t("training.untrained", lang), loading(html.Div(id=ids.TR_UNTRAINED), ids.TR_UNTRAINED)),
                 id=ids.training_section("untrained")),
        courses,
        html.Div(section(t("training.table", lang), loading(html.Div(id=ids.TR_TABLE), ids.TR_TABLE)),
                 id=ids.training_section("table")),
    ], className="page page-training", id=ids.TR_PAGE)


# --- KPIs ------------------------------------------------------------------------------------


def count_change(current: int, previous: int, previous_has_data: bool, lang: str) -> str:
    """"tăng 12", "giảm 3", "không đổi"; "kỳ trước chưa có số liệu" without a previous."""
    if not previous_has_data:
        return t("kpi.change_none", lang)
    delta = current - previous
    if delta == 0:
        return t("kpi.change_same", lang)
    key = "training.change.more" if delta > 0 else "training.change.less"
    return t(key, lang, value=fmt.number(abs(delta), 0, lang))


def stat_card(title: str, value: str, ratio: str, detail: str, grade_key: str | None,
              change: str, lang: str, card_id: str, info=None) -> dbc.Card:
    """A headline figure that is not a graded rate (a count, a pair of counts): the
    value, what it is out of, and its change; a grade only when one applies."""
    footer = [grade_badge(grade_key, lang)] if grade_key else [html.Span()]
    footer.append(html.Span(change, className="kpi-change"))
    body = [
        kpi_title(title, info),
        html.Div([html.Span(value, className="kpi-value"), html.Span(ratio, className="kpi-ratio")],
                 className="d-flex align-items-baseline gap-2 flex-wrap"),
        html.Div(detail, className="kpi-detail"),
        html.Div(footer, className="d-flex justify-content-between align-items-center gap-2 flex-wrap mt-1"),
        kpi_popover(info),
    ]
    return dbc.Card(dbc.CardBody(body), className=f"kpi-card kpi-{grade_key or 'plain'} h-100", id=card_id)


def kpis(total, previous_total, context, lang: str) -> dbc.Row:
    """Cadres trained, first-timers not trained, participations vs people, days attended
    / held, certificates; each with its change against the previous period."""
    has_previous = context.previous.has_data
    compared = t("period.vs_previous", lang, label=short_period_label(context.previous, lang))

    def with_compared(change: str) -> str:
        # "kỳ trước chưa có số liệu" stands alone: there is nothing to be compared with
        return f"{change} {compared}" if change and has_previous and change != t("kpi.change_none", lang) else change

    indicator = INDICATORS["training"]
    cadres, trained = int(total["cadres"]), int(total["trained"])
    trained_change = change_text((trained, cadres), (int(previous_total["trained"]), int(previous_total["cadres"])), lang)
    cards = [kpi_card(t("kpi.training", lang), t("kpi.training.detail", lang), trained, cadres,
                      grade(indicator, trained, cadres), with_compared(trained_change), lang,
                      card_id="kpi-training-trained",
                      info=info_button("training", lang, "kpi-training-trained",
                                       figure_text(trained, cadres, "training", lang)))]

    first_total, first_untrained = int(total["first_time_cadres"]), int(total["first_time_untrained"])
    cards.append(stat_card(
        t("kpi.first_time_untrained", lang), fmt.number(first_untrained, 0, lang),
        t("training.kpi.first_time.ratio", lang, total=fmt.number(first_total, 0, lang)),
        t("kpi.first_time_untrained.detail", lang) if first_untrained else
        (t("training.kpi.first_time.none", lang) if not first_total
         else t("training.kpi.first_time.all_trained", lang)),
        grade(indicator, first_total - first_untrained, first_total),
        with_compared(count_change(first_untrained, int(previous_total["first_time_untrained"]), has_previous, lang)),
        lang, "kpi-training-first-time",
        info_button("first_time_untrained", lang, "kpi-training-first-time",
                    figure_text(first_untrained, first_total, "first_time_untrained", lang))))

    participations, people = int(total["participations"]), int(total["people"])
    cards.append(stat_card(
        t("kpi.participations", lang), t("training.kpi.flow.value", lang, count=fmt.number(participations, 0, lang)),
        t("training.kpi.flow.people", lang, count=fmt.number(people, 0, lang)),
        t("training.kpi.flow.detail", lang, courses=fmt.number(int(total["courses"]), 0, lang)), None,
        with_compared(count_change(participations, int(previous_total["participations"]), has_previous, lang)),
        lang, "kpi-training-flow",
        info_button("participations", lang, "kpi-training-flow", figure_text(participations, people, "participations", lang))))

    attended, held = float(total["days_attended"]), float(total["days_held"])
    days_change = change_text((attended, held), (float(previous_total["days_attended"]),
                                                 float(previous_total["days_held"])), lang)
    cards.append(stat_card(
        t("kpi.days", lang), fmt.percent(attended / held, 1, lang) if held else t("kpi.no_data", lang),
        t("training.kpi.days.ratio", lang, attended=fmt.number(attended, 0, lang), held=fmt.number(held, 0, lang)),
        t("kpi.days.detail", lang), None, with_compared(days_change), lang, "kpi-training-days",
        info_button("days", lang, "kpi-training-days", figure_text(attended, held, "days", lang))))

    certificates, completed = int(total["certificates"]), int(total["completed"])
    cards.append(stat_card(
        t("kpi.certificates", lang), fmt.number(certificates, 0, lang),
        t("training.kpi.certificates.ratio", lang, completed=fmt.number(completed, 0, lang)),
        t("kpi.certificates.detail", lang), None,
        with_compared(count_change(certificates, int(previous_total["certificates"]), has_previous, lang)),
        lang, "kpi-training-certificates",
        info_button("certificates", lang, "kpi-training-certificates",
                    figure_text(certificates, completed, "certificates", lang))))
    return dbc.Row([dbc.Col(card, xs=6, lg=4, xl=True) for card in cards], className="g-3 kpi-row")


# --- by child ------------------------------------------------------------------------------


def _children(frame):
    return frame[~frame["is_total"]]


def completion_rows(table, state: ViewState, parent_code: str, lang: str) -> list[dict]:
    """Rows for ``training_figures.completion_bar``: trained / cadres in post per child, graded."""
    indicator = INDICATORS["training"]
    rows = []
    children = _children(table)
    for title, row in titled_records(children, lang):
        num, den = int(row["trained"]), int(row["cadres"])
        rows.append({"name": title, "numerator": num, "denominator": den,
                     "grade": grade(indicator, num, den), "href": child_href(row, state, parent_code, PAGE)})
    return rows


def people_rows(table, state: ViewState, parent_code: str, lang: str) -> list[dict]:
    children = _children(table)
    return [{"name": title, "people": int(row["people"]),
             "participations": int(row["participations"]), "href": child_href(row, state, parent_code, PAGE)}
            for title, row in titled_records(children, lang)]


def tile_rows(table, state: ViewState, parent_code: str, lang: str) -> list[dict]:
    """The children as tiles read them: name, href, cadres in post, trained, first-timers
    not yet trained, people and participations in the period (what the two charts by
    child draw, and the first-timers the table counts)."""
    keys = ("cadres", "trained", "first_time_untrained", "people", "participations")
    return [{"name": title, "href": child_href(row, state, parent_code, PAGE), **{k: int(row[k]) for k in keys}}
            for title, row in titled_records(_children(table), lang)]


def training_tile(row: dict, lang: str):
    """A village of a commune: its cadres in post trained or not, in words and in the
    colour of the grade; trained/cadres with the share and the grade as its completion bar
    wrote them; the first-timers not yet trained; people and participations in the period
    (its two bars in the second chart). No cadres in post: says so, no figures."""
    cadres, trained = row["cadres"], row["trained"]
    if not cadres:
        return state_tile(row["name"], row["href"], t("tiles.training.none", lang), "none", [])
    tone = grade(INDICATORS["training"], trained, cadres)
    state = "good" if trained == cadres else ("poor" if not trained else "partly")
    figure = f"{fmt.number(trained, 0, lang)}/{fmt.number(cadres, 0, lang)}"
    details = [t("tiles.training.figure", lang, figure=figure, share=fmt.percent(trained / cadres, 1, lang),
                 grade=t(f"grade.{tone}", lang))]
    if row["first_time_untrained"]:
        details.append(t("tiles.training.first_time", lang, count=fmt.number(row["first_time_untrained"], 0, lang)))
    if row["participations"]:
        details.append(t("tiles.training.flow", lang, people=fmt.number(row["people"], 0, lang),
                         participations=fmt.number(row["participations"], 0, lang)))
    else:
        details.append(t("tiles.training.flow.none", lang))
    return state_tile(row["name"], row["href"], t(f"tiles.training.{state}", lang), tone, details)


def table_rows(table, state: ViewState, parent_code: str, lang: str) -> tuple[list[dict], list[dict]]:
    """Grid rows for the children and the pinned total row."""
    indicator = INDICATORS["training"]

    def record(row, link: bool, title: str = "") -> dict:
        cadres, trained = int(row["cadres"]), int(row["trained"])
        attended, held = float(row["days_attended"]), float(row["days_held"])
        return {
            "code": row["code"],
            "name": title if link else t("grid.total", lang),
            "href": child_href(row, state, parent_code, PAGE) if link else None,
            "cadres": cadres, "trained": trained, "trained_rate": trained / cadres if cadres else None,
            "grade": grade(indicator, trained, cadres),
            "first_time_cadres": int(row["first_time_cadres"]),
            "first_time_untrained": int(row["first_time_untrained"]),
            "courses": int(row["courses"]), "participations": int(row["participations"]),
            "people": int(row["people"]), "completed": int(row["completed"]),
            "certificates": int(row["certificates"]), "days_attended": attended, "days_held": held,
            "attendance": attended / held if held else None,
        }

    children = _children(table)
    rows = [record(r, True, title) for title, r in titled_records(children, lang)]
    total = [record(table[table["is_total"]].iloc[0], False)]
    return rows, total


def table_columns(lang: str) -> list[dict]:
    return [
        name_column("name", t("unit.name", lang)),
        {"field": "code", "headerName": t("unit.code", lang), "minWidth": 90, "flex": 1,
         "filter": "agTextColumnFilter"},
        int_column("cadres", t("col.cadres", lang), lang, definition="cadres"),
        int_column("trained", t("col.training", lang), lang, definition="training"),
        percent_column("trained_rate", t("col.trained_rate", lang), lang, definition="training"),
        grade_column("grade", t("training.col.grade", lang), lang),
        int_column("first_time_cadres", t("training.col.first_time_cadres", lang), lang),
        int_column("first_time_untrained", t("col.first_time_untrained", lang), lang,
                   definition="first_time_untrained"),
        int_column("courses", t("training.col.courses", lang), lang),
        int_column("participations", t("col.participations", lang), lang, definition="participations"),
        int_column("people", t("training.col.people", lang), lang, definition="participations"),
        int_column("completed", t("training.col.completed", lang), lang),
        int_column("certificates", t("col.certificates", lang), lang, definition="certificates"),
        int_column("days_attended", t("col.days", lang), lang, definition="days"),
        int_column("days_held", t("training.col.days_held", lang), lang, definition="days"),
        percent_column("attendance", t("training.col.attendance", lang), lang, definition="days"),
    ]


def _unit_label(context, lang: str) -> str:
    return unit_title(context.unit.kind, context.unit.name, lang)


def _export_title(title_key: str, context, lang: str) -> str:
    return f"{t(title_key, lang)} — {_unit_label(context, lang)} — {period_label(context.period, lang)}"


SUMMARY_MAIN = "main"  # header, KPIs, the two charts or the tiles
SUMMARY_TABLE = "table"  # the table (its own callback: a province's table is as large as its charts)


def render_summary(data, lang: str, parts: str | None = None) -> dict:
    """Header, KPIs, the two by-child charts (or, on a commune's page, its villages as
    tiles, the charts hidden) and the table, from a ``TrainingSummary`` (``parts``: all,
    or only ``SUMMARY_MAIN`` or ``SUMMARY_TABLE``)."""
    context = data.context
    state, parent = context.state, context.unit.code
    table, previous = data.current, data.previous
    total = table[table["is_total"]].iloc[0]
    previous_total = previous[previous["is_total"]].iloc[0]
    out = {
        "header": header(context, lang, page=PAGE, subtitle=t("training.kicker", lang)),
        "kpis": kpis(total, previous_total, context, lang),
        **chart_infos(total, context, lang),
        "tiles": None,
    }
    if _children(table).empty:
        message = t("empty.no_children", lang, unit=_unit_label(context, lang), date=fmt.day(context.structure_date))
        for name in CHARTS:
            out[name] = empty_figure(message, lang)
            out[f"{name}_style"] = SHOWN
        out["table"] = empty_state(message)
        return out
    if parts != SUMMARY_TABLE and wants_tiles(_children(table)["level"].tolist()):
        # a commune's villages (or too few children to rank): tiles say all the two charts said
        out["tiles"] = tiles_section([training_tile(row, lang) for row in tile_rows(table, state, parent, lang)],
                                     lang, ids.TR_TILES + "-section", wide=True,
                                     legend=t("tiles.training.legend", lang))
        for name in CHARTS:
            out[name] = empty_figure("", lang, height=40)
            out[f"{name}_style"] = HIDDEN
    elif parts != SUMMARY_TABLE:
        out[ids.TR_COMPLETION] = completion_bar(completion_rows(table, state, parent, lang), lang)
        out[f"{ids.TR_COMPLETION}_style"] = SHOWN
        people = people_rows(table, state, parent, lang)
        if any(r["participations"] for r in people):
            out[ids.TR_PEOPLE] = people_participations_bar(people, lang)
        else:
            out[ids.TR_PEOPLE] = empty_figure(t("training.courses.empty", lang), lang)
        out[f"{ids.TR_PEOPLE}_style"] = SHOWN
    if parts == SUMMARY_MAIN:
        return out
    rows, total_row = table_rows(table, state, parent, lang)
    out["table"] = data_grid("training", table_columns(lang), rows, lang, pinned_bottom=total_row,
                             row_id_field="code", export_title=_export_title("training.table", context, lang),
                             export_name=f"boi-duong-{parent}")
    return out


def render_summary_error(context, lang: str) -> dict:
    out = {"header": error_header(context, lang, page=PAGE), "kpis": None, "table": None, "tiles": None}
    for name in CHARTS:
        out[f"{name}_info"] = popover_children(CHART_DEFINITIONS[name], lang)
        out[name] = empty_figure("", lang, height=40)
        out[f"{name}_style"] = HIDDEN
    return out


# --- courses -------------------------------------------------------------------------------


def course_rows(courses, lang: str) -> list[dict]:
    """Grid rows of the course table (dates as ISO text, formatted by the grid)."""
    rows = []
    for course in courses.to_dict("records"):
        rows.append({
            "code": course["code"], "title": course["title"],
            "kind": course_kind_label(course["kind"], lang),
            "organiser": unit_title(course["organiser_kind"], course["organiser_name"], lang),
            "start": course["start_date"].isoformat(), "end": course["end_date"].isoformat(),
            "days": float(course["days"]), "topics": course["topics"].replace(",", ", "),
            "learners": int(course["learners"]), "completed": int(course["completed"]),
            "certificates": int(course["certificates"]), "days_attended": float(course["days_attended"]),
        })
    return rows


def one_line(column: dict) -> dict:
    """A text column kept on one line, the whole text in a tooltip (rows of wrapped text
    in a grid that fills in after loading get their heights wrong)."""
    return {**column, "wrapText": False, "autoHeight": False, "tooltipField": column["field"]}


def course_columns(lang: str) -> list[dict]:
    return [
        {"field": "code", "headerName": t("training.col.code", lang), "minWidth": 130, "flex": 1,
         "filter": "agTextColumnFilter", "pinned": "left"},
        one_line(text_column("title", t("training.col.title", lang), min_width=280, flex=3)),
        one_line(text_column("kind", t("training.col.kind", lang), min_width=130)),
        one_line(text_column("organiser", t("training.col.organiser", lang), min_width=150)),
        date_column("start", t("training.col.start", lang)),
        date_column("end", t("training.col.end", lang)),
        int_column("days", t("training.col.days", lang), lang),
        one_line(text_column("topics", t("training.col.topics", lang), min_width=150)),
        int_column("learners", t("training.col.learners", lang), lang),
        int_column("completed", t("training.col.completed", lang), lang),
        int_column("certificates", t("col.certificates", lang), lang, definition="certificates"),
        int_column("days_attended", t("col.days", lang), lang, definition="days"),
    ]


def timeline_courses(courses, lang: str) -> list[dict]:
    """The courses the timeline draws: the first ``TIMELINE_LIMIT`` of the list (most
    learners), then in order of start."""
    chosen = courses.head(TIMELINE_LIMIT).sort_values(["start_date", "code"])
    return [{
        "label": c["code"], "title": c["title"], "kind": c["kind"], "start_date": c["start_date"],
        "end_date": c["end_date"], "days": c["days"], "learners": int(c["learners"]),
        "organiser": unit_title(c["organiser_kind"], c["organiser_name"], lang),
    } for c in chosen.to_dict("records")]


def render_courses(data, lang: str) -> dict:
    """The timeline and the course table, from a ``TrainingCourses``."""
    context, courses = data.context, data.courses
    if courses.empty:
        return {"timeline": empty_figure(t("training.courses.empty", lang), lang, height=120),
                "timeline_style": HIDDEN, "courses": empty_state(t("training.courses.empty", lang)),
                "section_style": SHOWN}
    drawn = timeline_courses(courses, lang)
    period = context.period
    start = min([period.start] + [c["start_date"] for c in drawn])
    end = max([period.as_of] + [c["end_date"] for c in drawn])
    notes = []
    if len(courses) > TIMELINE_LIMIT:
        notes.append(html.P(t("training.courses.timeline_capped", lang, shown=fmt.number(TIMELINE_LIMIT, 0, lang)),
                            className="small text-muted mb-1"))
    if data.total > len(courses):
        notes.append(html.P(t("training.courses.capped", lang, shown=fmt.number(len(courses), 0, lang),
                              total=fmt.number(data.total, 0, lang)), className="small text-muted mb-1"))
    by_start = courses.sort_values(["start_date", "code"])
    grid = data_grid("training-courses", course_columns(lang), course_rows(by_start, lang), lang,
                     row_id_field="code", export_title=_export_title("training.courses", context, lang),
                     export_name=f"khoa-hoc-{context.unit.code}")
    return {"timeline": course_timeline(drawn, start, end, lang, getattr(data, "reviews", ())), "timeline_style": SHOWN,
            "courses": html.Div([*notes, grid]), "section_style": SHOWN}


def render_courses_error(context, lang: str) -> dict:
    return {"timeline": empty_figure("", lang, height=40), "timeline_style": HIDDEN, "courses": None,
            "section_style": HIDDEN}


# --- topic coverage --------------------------------------------------------------------------


def render_coverage(data, lang: str) -> dict:
    """The child x topic heatmap (children, then the total) and the topic legend."""
    context = data.context
    state, parent = context.state, context.unit.code
    if data.topics.empty:
        message = t("training.coverage.empty", lang)
        return {"figure": empty_figure(message, lang, height=120), "note": None, "section_style": SHOWN}
    units = []
    records = data.units.to_dict("records")
    titles = sibling_titles([r for r in records if not r["is_total"]], lang)
    titles_by_id = {int(r["unit_id"]): title for r, title in zip([r for r in records if not r["is_total"]], titles)}
    for row in records:
        is_total = bool(row["is_total"])
        units.append({"key": int(row["unit_id"]),
                      "name": t("grid.total", lang) if is_total else titles_by_id[int(row["unit_id"])],
                      "href": "" if is_total else child_href(row, state, parent, PAGE)})
    topics = [{"key": int(r["topic_id"]), "code": r["code"], "name": r["name"]}
              for r in data.topics.to_dict("records")]
    cells = {(int(r["group_id"]), int(r["topic_id"])): (int(r["covered"]), int(r["cadres"]))
             for r in data.coverage.to_dict("records")}
    legend = [html.Li([html.Span(tp["code"], className="fw-semibold"), f": {tp['name']}"]) for tp in topics]
    note = [html.Ul(legend, className="list-unstyled mb-0 topic-list")]
    if data.topic_total > len(topics):
        note.append(html.P(t("training.coverage.more_topics", lang, shown=fmt.number(len(topics), 0, lang),
                             total=fmt.number(data.topic_total, 0, lang)), className="text-muted mb-0"))
    return {"figure": coverage_heatmap(units, topics, cells, lang), "note": note, "section_style": SHOWN}


def render_coverage_error(context, lang: str) -> dict:
    return {"figure": empty_figure("", lang, height=40), "note": None, "section_style": HIDDEN}


# --- cadres not yet trained ----------------------------------------------------------------


def role_text(secretary: bool, head: bool, lang: str) -> str:
    if secretary and head:
        return t("training.role.both", lang)
    return role_label("secretary" if secretary else "head", lang)


def untrained_rows(rows, state: ViewState, lang: str) -> list[dict]:
    """Grid rows; the village links to its page (under its commune on the structure date)."""
    out = []
    for row in rows.to_dict("records"):
        commune = row["commune_code"]
        out.append({
            "person": row["full_name"],
            "village": unit_title(row["village_kind"], row["village_name"], lang),
            "href": href("village", state.for_child(), commune, row["village_code"]) if commune else None,
            "commune": unit_title(row["commune_kind"], row["commune_name"], lang) if commune else "",
            "role": role_text(bool(row["secretary"]), bool(row["head"]), lang),
            "first_time": t("training.yes" if row["first_time"] else "training.no", lang),
            "start": row["start_date"].isoformat(),
            "key": str(len(out)),  # a position, not the person's database id
        })
    return out


def untrained_columns(lang: str) -> list[dict]:
    return [
        name_column("person", t("training.col.name", lang), link=False),
        name_column("village", t("training.col.village", lang), pinned=False),
        one_line(text_column("commune", t("training.col.commune", lang), min_width=140)),
        one_line(text_column("role", t("training.col.role", lang), min_width=220, flex=2)),
        one_line(text_column("first_time", t("training.col.first_time", lang), min_width=110)),
        date_column("start", t("training.col.post_start", lang)),
    ]


def render_untrained(data, lang: str):
    """How many cadres are not yet trained (always), and who (when the unit is small
    enough to list), from an ``UntrainedCadres``."""
    context = data.context
    if data.count == 0:
        return empty_state(t("training.untrained.none", lang))
    summary = html.P(t("training.untrained.count", lang, count=fmt.number(data.count, 0, lang),
                       first=fmt.number(data.first_time_count, 0, lang)),
                     className="fw-semibold mb-1", id="training-untrained-count")
    if not data.listed:
        return html.Div([summary, empty_state(t(
            "training.untrained.too_large", lang, unit=_unit_label(context, lang),
            villages=fmt.number(data.villages, 0, lang), max=fmt.number(data.max_villages, 0, lang)))])
    parts = [summary]
    if data.count > len(data.rows):
        parts.append(html.P(t("training.untrained.capped", lang, shown=fmt.number(len(data.rows), 0, lang)),
                            className="small text-muted mb-1"))
    parts.append(data_grid("training-untrained", untrained_columns(lang), untrained_rows(data.rows, context.state, lang),
                           lang, row_id_field="key",
                           export_title=_export_title("training.untrained", context, lang),
                           export_name=f"chua-boi-duong-{context.unit.code}"))
    return html.Div(parts)
