"""The cases: which units, which data-layer functions, and the SQL floor of each.

Units: the root, every level on the way down (the first child by code with children of
its own, so a middle unit at national scale is a province and the leaf a commune whose
children are villages), and a village of that commune for the village page.

Data layer: each page's callbacks call ``DataService.context`` then one service method;
a case times both (what the callback waits for before it draws).

SQL floor: the bare aggregate for the same view, written by hand and run directly: the
children of the unit on the date, then COUNT/SUM over the fact tables the case reads
(posts in office, participations in courses of the period, board activities of the
period, briefings of the period), joined through ``unit_rollup`` and grouped per child
plus the total. It is what any implementation must at least do; the ratio case / floor
says how much the rest costs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import text

from dashboard.scope import Scope
from dashboard.viewstate import Route, ViewState

# -- units ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    name: str  # root | middle | leaf | village
    code: str | None  # None: the root
    unit_code: str  # the unit's own code (the root's too)
    unit_name: str
    level: str  # country | province | district | commune | village
    parent_code: str | None = None  # a village's commune (for its page)


def pick_levels(service, day: date) -> list[Level]:
    """root, middle (a child of the root, when the root's children have children of
    their own below the commune), leaf (a commune: its children are villages) and a
    village of the leaf."""
    from dashboard import structure

    out = []
    with service.engine.connect() as conn:
        root = structure.root_unit(conn, day)
        out.append(Level("root", None, root.code, root.name, root.level))
        unit = root
        chain = []
        while True:
            kids = structure.children(conn, unit.id, day)
            if kids.empty:
                break
            kids = kids.sort_values("code")
            if bool((kids["level"] == "village").all()):
                village = kids.iloc[len(kids) // 2]
                leaf = unit
                break
            unit = structure.unit_by_id(conn, int(kids.iloc[0]["id"]))
            chain.append(unit)
        # the first child of the root is the middle unit; the last unit with village
        # children is the leaf (at town and province scale they are the same commune)
        if len(chain) >= 2:
            out.append(Level("middle", chain[0].code, chain[0].code, chain[0].name, chain[0].level))
        if chain:
            out.append(Level("leaf", leaf.code, leaf.code, leaf.name, leaf.level))
        out.append(Level("village", str(village["code"]), str(village["code"]), str(village["name"]),
                         "village", parent_code=leaf.code))
    return out


def route_for(page: str, level: Level) -> Route:
    if page == "village":
        return Route("village", level.parent_code, level.code)
    return Route(page, level.code)


def page_path(page: str, level: Level) -> str:
    from dashboard.viewstate import page_path as path

    if page == "village":
        return path("village", level.parent_code, level.code)
    return path(page, level.code)


# The pages and which levels they are opened at (the village page: at a village; the
# unit pages: at every level above it).
UNIT_PAGES = ("overview", "unified", "training", "oversight")


def page_levels(page: str, levels: list[Level]) -> list[Level]:
    if page == "village":
        return [lv for lv in levels if lv.name == "village"]
    return [lv for lv in levels if lv.name != "village"]


# -- data-layer cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DataCase:
    page: str
    name: str  # the service method
    floors: tuple[str, ...]  # floor queries that make up its floor
    call: Callable  # (service, context) -> anything


def _commune_extra(service, context):
    if context.error or not context.unit_valid or context.route.village:
        return None
    return service.oversight.commune(context)


def _child_options(service, context):
    return service.child_options(context.route, context.state, context.view.scope)


DATA_CASES = [
    DataCase("overview", "overview", ("children", "posts", "participations", "activities", "briefings"),
             lambda s, c: s.overview.page(c)),
    DataCase("overview", "commune_oversight", ("activities", "briefings"), _commune_extra),
    DataCase("overview", "child_options", ("children",), _child_options),
    DataCase("unified", "unified_children", ("children", "posts"), lambda s, c: s.unified.children(c)),
    DataCase("unified", "unified_history", ("posts",), lambda s, c: s.unified.history(c)),
    DataCase("unified", "unified_villages", ("posts",), lambda s, c: s.unified.villages(c)),
    DataCase("training", "training_summary", ("children", "posts", "participations"),
             lambda s, c: s.training.summary(c)),
    DataCase("training", "training_courses", ("participations",), lambda s, c: s.training.courses(c)),
    DataCase("training", "training_coverage", ("children", "posts", "participations"),
             lambda s, c: s.training.coverage(c)),
    DataCase("training", "training_untrained", ("posts", "participations"), lambda s, c: s.training.untrained(c)),
    DataCase("oversight", "oversight", ("children", "activities"), lambda s, c: s.oversight.page(c)),
    DataCase("oversight", "oversight_activities", ("activities",), lambda s, c: s.oversight.activities(c)),
    DataCase("village", "village_detail", ("posts", "participations", "activities"),
             lambda s, c: s.village.detail(c)),
]

# Which floor queries make up each page's floor (the page's HTTP callbacks together).
PAGE_FLOORS = {
    "overview": ("children", "posts", "participations", "activities", "briefings"),
    "unified": ("children", "posts"),
    "training": ("children", "posts", "participations"),
    "oversight": ("children", "activities"),
    "village": ("posts", "participations", "activities"),
}


def context_for(service, page: str, level: Level, state: ViewState | None = None):
    """The page context as the callbacks build it, for a user who sees everything."""
    return service.context(route_for(page, level), state or ViewState(), Scope.everything())


# -- the SQL floor ------------------------------------------------------------------------------------

# The children of :unit on :d plus the unit itself: (ancestor_id, group_id).
_TARGETS = """
    SELECT m.child_id AS ancestor_id, m.child_id AS group_id
      FROM unit_membership m JOIN unit c ON c.id = m.child_id
     WHERE m.parent_id = :unit AND m.valid_from <= :d AND (m.valid_to IS NULL OR m.valid_to >= :d)
       AND c.valid_from <= :d AND (c.valid_to IS NULL OR c.valid_to >= :d)
    UNION ALL SELECT :unit, :unit
"""
_ROLLUP = "JOIN unit_rollup r ON r.unit_id = {col} AND r.valid_from <= :d AND r.valid_to >= :d " \
          "JOIN targets t ON t.ancestor_id = r.ancestor_id"

FLOOR_SQL = {
    "children": """
        SELECT u.id, u.code, u.name, u.kind, u.level FROM unit_membership m JOIN unit u ON u.id = m.child_id
         WHERE m.parent_id = :unit AND m.valid_from <= :d AND (m.valid_to IS NULL OR m.valid_to >= :d)
           AND u.valid_from <= :d AND (u.valid_to IS NULL OR u.valid_to >= :d)""",
    "posts": f"""
        WITH targets AS ({_TARGETS})
        SELECT t.group_id, COUNT(*), SUM(CASE WHEN p.role = 'secretary' THEN 1 ELSE 0 END)
          FROM post p {_ROLLUP.format(col="p.village_id")}
         WHERE p.start_date <= :d AND (p.end_date IS NULL OR p.end_date >= :d)
         GROUP BY t.group_id""",
    "participations": f"""
        WITH targets AS ({_TARGETS})
        SELECT t.group_id, COUNT(*), SUM(CASE WHEN pa.completed THEN 1 ELSE 0 END), SUM(pa.days_attended)
          FROM participation pa JOIN course c ON c.id = pa.course_id {_ROLLUP.format(col="pa.unit_id")}
         WHERE c.end_date >= :start AND c.end_date <= :d
         GROUP BY t.group_id""",
    "activities": f"""
        WITH targets AS ({_TARGETS})
        SELECT t.group_id, COUNT(*), SUM(a.recommendations_made), SUM(a.recommendations_resolved)
          FROM board_activity a JOIN board b ON b.id = a.board_id {_ROLLUP.format(col="b.unit_id")}
         WHERE a.date >= :start AND a.date <= :d
         GROUP BY t.group_id""",
    "briefings": f"""
        WITH targets AS ({_TARGETS})
        SELECT t.group_id, COUNT(*)
          FROM briefing br {_ROLLUP.format(col="br.unit_id")}
         WHERE br.date >= :start AND br.date <= :d
         GROUP BY t.group_id""",
}


def floor_params(service, context) -> dict:
    """The floor's parameters for a page context: the unit, the structure date and the
    period."""
    view = context.view
    unit_id = view.unit_id
    if context.route.village and context.village is not None:
        unit_id = context.village.id
    return {"unit": unit_id, "d": view.structure_date, "start": view.period.start}


def run_floor(conn, name: str, params: dict) -> int:
    """Run one floor query; returns its row count (rows are fetched, as a caller would)."""
    return len(conn.execute(text(FLOOR_SQL[name]), params).all())
