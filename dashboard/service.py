"""The data service: what callbacks and the CLI call.

It owns the engine, turns the user's choices (unit code, date, period kind, structure,
filters) into a ``View`` and runs the indicator queries. No Dash here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from . import db, structure
from .attention import attention_rows
from .config import Config
from .indicators import View, summary
from .periods import Period, make_period, previous_period
from .scope import Scope
from .structure import UnitInfo
from .viewstate import Route, ViewState


class UnknownUnit(LookupError):
    """No unit ever had the code asked for."""


@dataclass(frozen=True)
class ResolvedView:
    """A view plus what the page needs to say about it."""

    view: View
    unit: UnitInfo
    unit_valid: bool  # False: the unit did not exist on the structure date


@dataclass(frozen=True)
class PageContext:
    """Everything a unit page needs to know before it draws anything.

    error: None, "empty_database" or "unknown_unit". When the unit exists but not on the
    structure date, ``unit_valid`` is False and ``successors`` says where it went.
    """

    route: Route
    state: ViewState
    period: Period
    previous: Period
    structure_date: date
    is_demo: bool
    view: View | None = None
    unit: UnitInfo | None = None
    unit_valid: bool = False
    breadcrumb: tuple[UnitInfo, ...] = ()
    successors: tuple[tuple[UnitInfo, date, bool], ...] = ()
    village: UnitInfo | None = None
    error: str | None = None


@dataclass(frozen=True)
class OverviewData:
    """The overview of a unit: its children's indicators now and in the previous period."""

    context: PageContext
    summary: pd.DataFrame  # indicators.summary: children rows + total row
    previous: pd.DataFrame  # the same for the previous period, on the same children
    attention: list[dict]


class DataService:
    def __init__(self, config: Config, engine: Engine | None = None):
        self.config = config
        self._engine = engine

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = db.get_engine(self.config.database_url)
        return self._engine

    def today(self) -> date:
        return self.config.current_date()

    def is_demo(self) -> bool:
        try:
            return db.get_meta(self.engine, "dataset") == "demo"
        except Exception:  # no schema yet
            return False

    def scope(self) -> Scope:
        """The scope of the user making the current request. Everything until login and
        roles exist (the deployment issue); every query already takes it."""
        return Scope.everything()

    # -- structure ---------------------------------------------------------------------

    def terms(self) -> list[tuple[str, date, date]]:
        with self.engine.connect() as conn:
            return structure.terms(conn)

    def period(self, kind: str, day: date) -> Period:
        return make_period(kind, day, self.today(), self.terms() if kind == "term" else (),
                           self.data_from())

    def data_from(self) -> date | None:
        """The first day with records (meta ``data_from``, written by imports and the demo)."""
        try:
            value = db.get_meta(self.engine, "data_from")
        except Exception:  # no schema yet
            return None
        return date.fromisoformat(value) if value else None

    def resolve(self, code: str | None, period: Period, structure_kind: str = "as-of",
                scope: Scope | None = None, kinds=(), unit_codes=()) -> ResolvedView:
        """The view for unit ``code`` (the root when None) in ``period``.

        The unit is looked up on the structure date; raises ``UnknownUnit`` when no unit
        ever had the code. Child filters by code are resolved on the structure date; codes
        that match no child leave no child (never "all").
        """
        scope = scope or Scope.everything()
        structure_date = self.today() if structure_kind == "current" else period.as_of
        with self.engine.connect() as conn:
            if code:
                unit = structure.resolve_unit(conn, code, structure_date)
            else:
                unit = structure.root_unit(conn, structure_date)
            if unit is None:
                raise UnknownUnit(code or "(root)")
            unit_ids: tuple[int, ...] = ()
            if unit_codes:
                kids = structure.children(conn, unit.id, structure_date)
                if not kids.empty:
                    unit_ids = tuple(int(i) for i in kids[kids["code"].isin(list(unit_codes))]["id"])
                unit_ids = unit_ids or (-1,)
        view = View(unit.id, period, structure_kind, scope, tuple(kinds), unit_ids)
        return ResolvedView(view, unit, unit.valid_on(structure_date))

    def context(self, route: Route, state: ViewState, scope: Scope | None = None) -> PageContext:
        """Resolve a page's route and URL state into a ``PageContext``."""
        scope = scope or Scope.everything()
        today = self.today()
        day = state.day or today
        terms = self.terms() if state.period == "term" and not db.is_empty(self.engine) else ()
        period = make_period(state.period, day, today, terms, self.data_from())
        previous = previous_period(period, terms)
        structure_date = today if state.structure == "current" else period.as_of
        base = PageContext(route=route, state=state, period=period, previous=previous,
                           structure_date=structure_date, is_demo=self.is_demo())
        if db.is_empty(self.engine):
            return _replace(base, error="empty_database")
        try:
            resolved = self.resolve(route.unit, period, state.structure, scope, state.kinds, state.units)
        except UnknownUnit:
            return _replace(base, error="unknown_unit")
        with self.engine.connect() as conn:
            crumbs = tuple(structure.ancestors(conn, resolved.unit.id, structure_date))
            gone = () if resolved.unit_valid else tuple(structure.successors(conn, resolved.unit.id))
            village = None
            if route.village:
                village = structure.resolve_unit(conn, route.village, structure_date)
        context = _replace(base, view=resolved.view, unit=resolved.unit,
                           unit_valid=resolved.unit_valid, breadcrumb=crumbs, successors=gone,
                           village=village)
        if route.village and village is None:
            return _replace(context, error="unknown_unit")
        return context

    def child_options(self, route: Route, state: ViewState, scope: Scope) -> tuple[list[str], list[dict]]:
        """Kinds and children (code, name, kind) of the route's unit, for the filter bar;
        empty when the unit is unknown."""
        unfiltered = ViewState(state.day, state.period, state.structure, lang=state.lang)
        context = self.context(route, unfiltered, scope)
        if context.view is None:
            return [], []
        with self.engine.connect() as conn:
            kids = structure.children(conn, context.view.unit_id, context.structure_date)
        if kids.empty:
            return [], []
        kinds = list(dict.fromkeys(kids["kind"]))
        units = kids[["code", "name", "kind"]].to_dict("records")
        return kinds, units

    # -- indicators --------------------------------------------------------------------

    def summary(self, view: View) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return summary(conn, view)

    def overview(self, context: PageContext) -> OverviewData:
        """Children's indicators for the context's period, and the same for the previous
        period on the same children (same structure date), for the change shown."""
        view = context.view
        previous_view = _replace(view, period=context.previous, structure_on=view.structure_date)
        with self.engine.connect() as conn:
            current = summary(conn, view)
            previous = summary(conn, previous_view)
        if not context.previous.has_data:
            # before the records begin there is nothing to compare with, not zeros
            numeric = previous.select_dtypes("number").columns.drop("unit_id")
            previous[numeric] = 0
        return OverviewData(context, current, previous, attention_rows(current))

    # -- page: unified positions (/nhat-the-hoa) and village detail (/don-vi/<c>/<v>) ----
    # For callbacks/unified.py and callbacks/village.py. Each takes the PageContext of a
    # page whose unit was found (context.view set), except village_detail, which says
    # itself what went wrong.

    def unified_children(self, context: PageContext):
        """Children and total of the unit, and the previous period's total on the same
        children (None when that period is before the records begin)."""
        from .indicators.unified_detail import UnifiedChildren, unified_by_child, unified_total

        view = context.view
        previous_view = _replace(view, period=context.previous, structure_on=view.structure_date)
        with self.engine.connect() as conn:
            table = unified_by_child(conn, view)
            previous = unified_total(conn, previous_view) if context.previous.has_data else None
        return UnifiedChildren(context, table, previous)

    def unified_history(self, context: PageContext):
        """Coverage at each month end from the first day with records (``data_from``, or
        the first post) to the date, at each term's end in that range, and on the date;
        one query (see ``unified_detail.unified_history``)."""
        from .indicators.unified_detail import (
            HISTORY_COLUMNS, UnifiedHistory, first_post_day, history_points, unified_history)

        as_of = context.period.as_of
        with self.engine.connect() as conn:
            first = self.data_from() or first_post_day(conn)
            if first is None or first > as_of:
                empty = pd.DataFrame({c: pd.Series(dtype="int64") for c in HISTORY_COLUMNS})
                return UnifiedHistory(context, empty, empty.assign(term=None), (), None)
            terms = tuple(t for t in structure.terms(conn) if t[2] >= first and t[1] <= as_of)
            months = history_points(first, as_of)
            ends = [end for _code, _start, end in terms if end < as_of]
            found = unified_history(conn, context.view, months + ends)
        monthly = found[found["day"].isin(months)].reset_index(drop=True)
        by_day = found.set_index("day")
        milestones = pd.DataFrame(
            [{"term": code, "day": end} for code, _start, end in terms if end < as_of]
            + [{"term": None, "day": as_of}])
        milestones["term"] = milestones["term"].astype(object).where(milestones["term"].notna(), None)
        milestones["villages"] = milestones["day"].map(by_day["villages"]).astype("int64")
        milestones["unified"] = milestones["day"].map(by_day["unified"]).astype("int64")
        return UnifiedHistory(context, monthly, milestones, terms, first)

    def unified_villages(self, context: PageContext, limit: int | None = None):
        """The village table of the unit, unless it has more than ``limit`` villages
        (default ``VILLAGE_TABLE_LIMIT``); then its children instead."""
        from .indicators.unified_detail import (
            VILLAGE_TABLE_LIMIT, UnifiedVillages, unified_total, village_table)

        limit = VILLAGE_TABLE_LIMIT if limit is None else limit
        view = context.view
        with self.engine.connect() as conn:
            table = village_table(conn, view, limit)
            too_many = len(table) > limit
            villages = unified_total(conn, view)["villages"] if too_many else len(table)
            kids = structure.children(conn, view.unit_id, view.structure_date, view.kinds,
                                      view.unit_ids) if too_many else pd.DataFrame()
        if too_many:
            table = table.iloc[0:0]
        return UnifiedVillages(context, table, too_many, limit, int(villages), kids)

    def village_detail(self, context: PageContext):
        """The village of a village page's context: its status on the date, its posts,
        its holders' training and the oversight activities about it (see
        ``dashboard.village``); or why it cannot be shown."""
        from .village import (
            VillageDetail, village_activities, village_posts, village_status, village_trainings)

        if context.error == "empty_database":
            return VillageDetail(context, "empty_database")
        if context.unit is None:
            return VillageDetail(context, "unknown_commune")
        village = context.village
        if village is None:
            return VillageDetail(context, "unknown_village")
        if not village.is_village:
            return VillageDetail(context, "not_village")
        day = context.structure_date
        if not village.valid_on(day):
            return VillageDetail(_replace(context, unit=village, successors=()), "not_valid")
        with self.engine.connect() as conn:
            chain = tuple(structure.ancestors(conn, village.id, day))
            page = _replace(context, unit=village, unit_valid=True, breadcrumb=chain, successors=(),
                            view=View(village.id, context.period, context.state.structure,
                                      context.view.scope))
            view = page.view
            parent = chain[-2] if len(chain) > 1 else None
            return VillageDetail(
                page, None, parent, parent is not None and parent.id != context.unit.id,
                village_status(conn, view), village_posts(conn, view),
                village_trainings(conn, view), village_activities(conn, view))



def _replace(obj, **changes):
    from dataclasses import replace

    return replace(obj, **changes)
