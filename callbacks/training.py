"""The training page (Bồi dưỡng): four callbacks on the page's store, so that each
response stays small and the sections fill in as their queries finish."""
from __future__ import annotations

from dash import Input, Output

from dashboard.viewstate import route_from_data
from layouts import ids, training

STORE = Input(ids.view(training.PAGE), "data")
SUMMARY_MAIN_SECTIONS = ["header", "kpis", "tiles", *training.CHARTS, *[f"{n}_style" for n in training.CHARTS],
                         *[f"{n}_info" for n in training.CHARTS]]
SUMMARY_TABLE_SECTIONS = ["table"]  # its own callback, so that each response stays small
SUMMARY_SECTIONS = SUMMARY_MAIN_SECTIONS + SUMMARY_TABLE_SECTIONS
COURSE_SECTIONS = ["timeline", "timeline_style", "courses", "section_style"]
COVERAGE_SECTIONS = ["figure", "note", "section_style"]


def _context(service, data):
    route, state = route_from_data(data)
    context = service.context(route, state, service.scope())
    ok = not context.error and context.unit_valid
    return context, state.lang, ok


def summary_sections(service, data, parts: str | None = None) -> dict:
    """All summary sections, or only ``training.SUMMARY_MAIN`` / ``SUMMARY_TABLE``."""
    context, lang, ok = _context(service, data)
    if not ok:
        return training.render_summary_error(context, lang)
    return training.render_summary(service.training.summary(context), lang, parts)


def course_sections(service, data) -> dict:
    context, lang, ok = _context(service, data)
    if not ok:
        return training.render_courses_error(context, lang)
    return training.render_courses(service.training.courses(context), lang)


def coverage_sections(service, data) -> dict:
    context, lang, ok = _context(service, data)
    if not ok:
        return training.render_coverage_error(context, lang)
    return training.render_coverage(service.training.coverage(context), lang)


def untrained_section(service, data):
    context, lang, ok = _context(service, data)
    if not ok:
        return None, training.HIDDEN
    return training.render_untrained(service.training.untrained(context), lang), training.SHOWN


def register(app, service) -> None:
    @app.callback(
        Output(ids.TR_HEADER, "children"),
        Output(ids.TR_KPIS, "children"),
        Output(ids.TR_TILES, "children"),
        *[Output(ids.drill_graph(name), "figure") for name in training.CHARTS],
        *[Output(ids.chart_wrap(name), "style") for name in training.CHARTS],
        *[Output(ids.info_popover(training.chart_anchor(name)), "children") for name in training.CHARTS],
        STORE,
    )
    def fill_summary(data):
        sections = summary_sections(service, data, training.SUMMARY_MAIN)
        return tuple(sections[name] for name in SUMMARY_MAIN_SECTIONS)

    @app.callback(Output(ids.TR_TABLE, "children"), STORE)
    def fill_table(data):
        return summary_sections(service, data, training.SUMMARY_TABLE)["table"]

    @app.callback(
        Output(ids.TR_TIMELINE, "figure"),
        Output(ids.TR_TIMELINE, "style"),
        Output(ids.TR_COURSES, "children"),
        Output(ids.training_section("courses"), "style"),
        STORE,
    )
    def fill_courses(data):
        sections = course_sections(service, data)
        return tuple(sections[name] for name in COURSE_SECTIONS)

    @app.callback(
        Output(ids.drill_graph(ids.TR_COVERAGE), "figure"),
        Output(ids.TR_COVERAGE_NOTE, "children"),
        Output(ids.training_section("coverage"), "style"),
        STORE,
    )
    def fill_coverage(data):
        sections = coverage_sections(service, data)
        return tuple(sections[name] for name in COVERAGE_SECTIONS)

    @app.callback(
        Output(ids.TR_UNTRAINED, "children"),
        Output(ids.training_section("untrained"), "style"),
        STORE,
    )
    def fill_untrained(data):
        return untrained_section(service, data)
