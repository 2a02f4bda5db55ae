"""The data service: what callbacks and the CLI call.

It owns the engine, turns the user's choices (unit code, date, period kind, structure,
filters) into a ``View`` and runs the indicator queries. No Dash here.
"""
from __future__ import annotations

import functools
from functools import partial

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy.engine import Engine

from . import auth, db, structure
from .attention import attention_rows
from .config import Config
from .indicators import View, summary
from .indicators import oversight_detail
from .indicators.boards import board_activity, last_complete_quarter, silent_boards
from .indicators.freshness import SOURCES, combine_last_records, last_records
from .indicators.summary import HEADLINE_MEASURES, MEASURES, with_children, with_measures
from .periods import Period, make_period, previous_period
from .scope import ABOVE, ALL, INSIDE, NONE, Scope, unit_access, visible_children
from .structure import UnitInfo

if TYPE_CHECKING:
    from .cache import ResultCache
from .viewstate import Route, ViewState


class UnknownUnit(LookupError):
    """No unit ever had the code asked for."""


class ForbiddenUnit(UnknownUnit):
    """The user's scope does not reach the unit. A caller that only knows
    ``UnknownUnit`` says "no such unit", which gives nothing away."""


@dataclass(frozen=True)
class ResolvedView:
    """A view plus what the page needs to say about it."""

    view: View
    unit: UnitInfo
    unit_valid: bool  # False: the unit did not exist on the structure date
    restricted: bool = False  # above the user's scope: only the children they may see


@dataclass(frozen=True)
class PageContext:
    """Everything a unit page needs to know before it draws anything.

    error: None, "empty_database", "unknown_unit" or "forbidden" (the user's scope does
    not reach the unit: nothing about it is shown). When the unit exists but not on the
    structure date, ``unit_valid`` is False and ``successors`` says where it went.
    restricted: the unit is above the user's scope (the town, for a commune's leader):
    only the children the user may see are rows, and the total is theirs alone.
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
    restricted: bool = False


@dataclass(frozen=True)
class OverviewData:
    """The overview of a unit: its children's indicators now and in the previous period."""

    context: PageContext
    summary: pd.DataFrame  # indicators.summary: children rows + total row
    previous: pd.DataFrame  # the total row for the previous period, on the same children
    attention: list[dict]
    last_records: dict = None  # unit id (children and the unit) -> latest record date or None
    notes: list = ()  # notes on the unit and its children in the period (``DataService.notes``)
    may_write_note: bool = False


def page_cached(compute):
    """A page result cached on its context (``DataService._page_cached``) under the
    method's name; further arguments (a list's limit) are part of the key."""
    @functools.wraps(compute)
    def method(self, context, *args, **kwargs):
        extra = (*args, *sorted(kwargs.items()))
        return self._page_cached(compute.__name__, context, lambda: compute(self, context, *args, **kwargs), *extra)
    return method


class DataService:
    """interface: "web" (the dashboard) or "cli" (the command line): who acts, see
    ``acting_user``."""

    def __init__(self, config: Config, engine: Engine | None = None, interface: str = "web",
                 cache: "ResultCache | None | str" = "config"):
        self.config = config
        self._engine = engine
        self.interface = interface
        self._cache = cache  # "config": built from the configuration on first use

    @property
    def cache(self) -> "ResultCache | None":
        """The result cache shared by the workers (``dashboard.cache``); None: off."""
        if isinstance(self._cache, str):
            from .cache import make_cache

            try:
                self._cache = make_cache(self.config.cache_url, self.config.cache_dir)
            except OSError as error:  # a directory this user may not write: no cache, pages still work
                import logging

                logging.getLogger(__name__).warning("result cache unavailable: %s", error)
                self._cache = None
        return self._cache

    def cached(self, name: str, parts: tuple, compute):
        """``compute()``, or its result stored under ``name``, ``parts``, the database
        and its data version. Only for results that ``parts`` determine entirely (they
        carry the scope); nothing is cached while the data has no version token."""
        cache = self.cache
        if cache is None:
            return compute()
        version = db.data_key(self.engine)
        if version is None:
            return compute()
        key = cache.key(self.config.database_url, version, name, code_fingerprint(), *parts)
        return cache.get_or_compute(key, compute)

    def gather(self, tasks, view: View) -> list:
        """``[task(conn) for task in tasks]``: for a large unit (``parallel.is_large``:
        its queries spend their time in the database) side by side on their own
        connections when the worker has threads free (``dashboard.parallel``,
        ``Config.query_threads``); for a small one in this thread, where Python's lock
        would make threads slower than one after another."""
        from .parallel import gatherer, is_large

        threads = self.config.query_threads
        if threads and not is_large(self.engine, view.unit_id):
            threads = 0
        return gatherer(threads).gather(self.engine, tasks)

    def _page_cached(self, name: str, context: "PageContext", compute, *extra):
        """A page result cached on everything its context was made from: the route, the
        URL state (date, period, structure, filters, language), the period and today, and
        the user's scope (``View.cache_key``)."""
        view = context.view
        parts = (repr(context.route), repr(context.state), repr(context.period), repr(context.previous),
                 context.structure_date, self.today(), context.error, context.restricted,
                 view.cache_key() if view is not None else None, repr(view.period) if view is not None else None,
                 *extra)
        return self.cached(name, parts, compute)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = db.get_engine(self.config.database_url)
        return self._engine

    def today(self) -> date:
        return self.config.current_date()

    def is_empty(self) -> bool:
        """No schema yet, or no units in it (``db.is_empty``)."""
        return db.is_empty(self.engine)

    def is_demo(self) -> bool:
        try:
            return db.get_meta(self.engine, "dataset") == "demo"
        except Exception:  # no schema yet
            return False

    # -- who is asking (see dashboard.auth) ---------------------------------------------

    def current_user(self) -> auth.AuthUser | None:
        """The logged-in user of this request (None: nobody, which sees nothing)."""
        return auth.current_user()

    def acting_user(self) -> str:
        """Who to record as having done something (imports, exports): the logged-in
        user's name, or the operating system's user name for a command run on the server."""
        user = auth.current_user()
        return user.username if user is not None else auth.system_user().username

    def may_manage_data(self) -> bool:
        """The one check for admin-only actions (importing, exporting all data, user
        management): True for an admin (and the command line); otherwise the refusal is
        written to the audit log and the answer is False. Call it when the user asks for
        the action, not to decide what to draw."""
        user = auth.current_user()
        if user is not None and user.is_admin:
            return True
        self.audit("refused", {"needs": ["admin"]})
        return False

    def require_role(self, *roles: str) -> auth.AuthUser:
        """The current user if their role is one of ``roles`` (e.g. ``require_role("admin")``
        before an import or user management); otherwise the refusal is written to the
        audit log and ``auth.PermissionDenied`` is raised."""
        try:
            return auth.require_role(*roles)
        except auth.PermissionDenied:
            self.audit("refused", {"needs": list(roles)})
            raise

    def audit(self, event: str, detail: dict | str = "") -> None:
        """Append an event (who and from where: the current user and address)."""
        auth.audit(self.engine, event, detail=detail)

    def policy(self) -> auth.Policy:
        return self.config.auth_policy()

    def scope(self) -> Scope:
        """The scope of the user making the current request: every unit for admin and
        town users; for a unit user, their unit as it is today (and everything that rolls
        up to it); nothing for anyone else (no user, a unit user without a valid unit)."""
        user = auth.current_user()
        if user is None:
            return Scope.nothing()
        if user.sees_everything:
            return Scope.everything()
        if user.role != "unit" or not user.unit_code:
            return Scope.nothing()
        today = self.today()
        try:
            with self.engine.connect() as conn:
                unit = structure.resolve_unit(conn, user.unit_code, today)
        except Exception:  # no schema yet
            return Scope.nothing()
        if unit is None or not unit.valid_on(today):
            return Scope.nothing()
        return Scope.of_units([unit.id], today)

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

    def root_unit(self, conn, day: date) -> UnitInfo | None:
        """``structure.root_unit`` on ``day``, cached with the data version: finding the
        units without a parent reads every unit (50 ms for 110 000 units), and every
        page of the root asks."""
        return self.cached("root_unit", (day,), lambda: structure.root_unit(conn, day))

    def resolve(self, code: str | None, period: Period, structure_kind: str = "as-of",
                scope: Scope | None = None, kinds=(), unit_codes=(),
                audit_refusal: bool = True) -> ResolvedView:
        """The view for unit ``code`` (the root when None) in ``period``.

        The unit is looked up on the structure date; raises ``UnknownUnit`` when no unit
        ever had the code. Child filters by code are resolved on the structure date; codes
        that match no child leave no child (never "all"). ``scope`` None: the current
        user's (``self.scope()``); the CLI acts as the operator, who sees everything.
        A unit outside the scope raises ``ForbiddenUnit`` (audited); a unit above it (the
        town, for a commune's leader) keeps only the children the scope reaches, and its
        total is theirs (``restricted``).
        """
        scope = self.scope() if scope is None else scope
        structure_date = self.today() if structure_kind == "current" else period.as_of
        restricted = False
        with self.engine.connect() as conn:
            if code:
                unit = structure.resolve_unit(conn, code, structure_date)
            else:
                unit = self.root_unit(conn, structure_date)
            if unit is None:
                raise UnknownUnit(code or "(root)")
            access = unit_access(conn, scope, unit.id, structure_date)
            if access == NONE:
                if audit_refusal:
                    self.audit("refused", {"unit": code})
                raise ForbiddenUnit(code or "(root)")
            unit_ids: tuple[int, ...] = ()
            if unit_codes:
                kids = structure.children(conn, unit.id, structure_date)
                if not kids.empty:
                    unit_ids = tuple(int(i) for i in kids[kids["code"].isin(list(unit_codes))]["id"])
                unit_ids = unit_ids or (-1,)
            if access == ABOVE:
                allowed = visible_children(conn, scope, unit.id, structure_date)
                chosen = [i for i in unit_ids if i in allowed] if unit_ids else list(allowed)
                unit_ids = tuple(chosen) or (-1,)
                restricted = True
        view = View(unit.id, period, structure_kind, scope, tuple(kinds), unit_ids)
        return ResolvedView(view, unit, unit.valid_on(structure_date), restricted)

    def context(self, route: Route, state: ViewState, scope: Scope | None = None,
                audit_refusal: bool = True) -> PageContext:
        """Resolve a page's route and URL state into a ``PageContext``.

        The user's scope decides what the page may show (``scope`` None: the current
        user's): a unit outside it gives ``error="forbidden"`` (and an audit entry, every
        time), a unit above it is ``restricted`` to the children the user may see.

        Cached with the data version on the route, the state, the scope and today: every
        callback of a page asks for the same context (about ten small queries)."""
        scope = self.scope() if scope is None else scope
        context = self.cached("context", (repr(route), repr(state), scope.cache_key(), self.today()),
                              lambda: self._context(route, state, scope))
        if context.error == "forbidden" and audit_refusal:
            self.audit("refused", {"unit": route.unit, "village": route.village, "page": route.page})
        return context

    def _context(self, route: Route, state: ViewState, scope: Scope) -> PageContext:
        """``context`` without the cache and without auditing a refusal."""
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
            resolved = self.resolve(route.unit, period, state.structure, scope, state.kinds, state.units,
                                    audit_refusal=False)
        except ForbiddenUnit:
            return _replace(base, error="forbidden")
        except UnknownUnit:
            return _replace(base, error="unknown_unit")
        view, restricted = resolved.view, resolved.restricted
        with self.engine.connect() as conn:
            village = None
            if route.village:
                village = structure.resolve_unit(conn, route.village, structure_date)
            if village is not None and unit_access(conn, scope, village.id, structure_date) not in (INSIDE, ALL):
                return _replace(base, error="forbidden")
            crumbs = tuple(structure.ancestors(conn, resolved.unit.id, structure_date))
            gone = () if resolved.unit_valid else tuple(structure.successors(conn, resolved.unit.id))
        context = _replace(base, view=view, unit=resolved.unit,
                           unit_valid=resolved.unit_valid, breadcrumb=crumbs, successors=gone,
                           village=village, restricted=restricted)
        if route.village and village is None:
            return _replace(context, error="unknown_unit")
        return context

    def child_options(self, route: Route, state: ViewState, scope: Scope) -> tuple[list[str], list[dict]]:
        """Kinds and children (code, name, kind) of the route's unit, for the filter bar;
        empty when the unit is unknown."""
        unfiltered = ViewState(state.day, state.period, state.structure, lang=state.lang)
        # the page's own callback has audited a refusal already
        context = self.context(route, unfiltered, scope, audit_refusal=False)
        if context.view is None:
            return [], []
        return self._page_cached("child_options", context, lambda: self._child_options(context))

    def _child_options(self, context: PageContext) -> tuple[list[str], list[dict]]:
        with self.engine.connect() as conn:
            kids = structure.children(conn, context.view.unit_id, context.structure_date,
                                      unit_ids=context.view.unit_ids if context.restricted else ())
        if kids.empty:
            return [], []
        kinds = list(dict.fromkeys(kids["kind"]))
        units = kids[["code", "name", "kind"]].to_dict("records")
        return kinds, units

    # -- indicators --------------------------------------------------------------------

    def summary(self, view: View) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return summary(conn, view)

    def freshness_applies(self, as_of: date) -> bool:
        """Whether "records stopped" can be judged on ``as_of``: the records (meta
        ``data_from``) began at least ``STALE_MONTHS`` months before it."""
        from .indicators.freshness import stale_since

        data_from = self.data_from()
        return data_from is None or stale_since(as_of) >= data_from

    def last_records(self, view: View) -> dict:
        """Unit id (each child and the unit) -> the date of its latest record up to the
        view's date, or None (``indicators.freshness.last_records``)."""
        from .indicators.freshness import last_records

        with self.engine.connect() as conn:
            latest = last_records(conn, view)["last_record"]
        return {int(k): v for k, v in latest.items()}

    def overview(self, context: PageContext) -> OverviewData:
        """Cached (``_page_cached``); see ``_overview``. Notes are read fresh for each
        request: they change without an import and what the user may do with them is the
        user's own, not the scope's."""
        data = self._page_cached("overview", context, lambda: self._overview(context))
        notes = self.notes(data.summary["unit_id"].tolist(), context.view.period)
        return _replace(data, notes=notes, may_write_note=self.may_write_note(context))

    def _overview(self, context: PageContext) -> OverviewData:
        """Children's indicators for the context's period, and the same for the previous
        period on the same children (same structure date), for the change shown."""
        view = context.view
        previous_view = _replace(view, period=context.previous, structure_on=view.structure_date, total_only=True)
        measures = [partial(MEASURES[name], view=view) for name in MEASURES]
        previous_measures = [partial(MEASURES[name], view=previous_view) for name in HEADLINE_MEASURES]
        latest_tasks = [partial(last_records, view=view, sources=(source,)) for source in SOURCES]
        found = self.gather([*measures, *previous_measures, *latest_tasks,
                             partial(with_children, view=view, measures=[]),
                             partial(with_children, view=previous_view, measures=[])], view)
        blocks = found[:len(measures)]
        previous_blocks = found[len(measures):len(measures) + len(previous_measures)]
        latest = combine_last_records(found[-2 - len(SOURCES):-2])["last_record"]
        current = with_measures(found[-2], blocks)
        previous = with_measures(found[-1], previous_blocks)
        previous = previous[previous["is_total"]].reset_index(drop=True)  # the total alone was computed
        if not context.previous.has_data:
            # before the records begin there is nothing to compare with, not zeros
            numeric = previous.select_dtypes("number").columns.drop("unit_id")
            previous[numeric] = 0
        last = {int(uid): latest.get(int(uid)) for uid in current["unit_id"]}
        if not self.freshness_applies(view.as_of):
            last = None  # the records began less than three months before: nothing can have stopped
        return OverviewData(context, current, previous, attention_rows(current, last, view.as_of), last)

    # -- notes on a unit and a period (dashboard.notes) ----------------------------------

    def notes(self, unit_ids, period: Period) -> list[dict]:
        """Notes on ``unit_ids`` whose period meets ``period`` (its start to its date), in
        the current user's scope, oldest first (``notes.list_notes``), each with
        ``may_change`` for the current user."""
        from . import notes

        if not unit_ids:
            return []
        user = auth.current_user()
        with self.engine.connect() as conn:
            rows = notes.list_notes(conn, unit_ids, period.start, period.as_of, self.scope())
        for row in rows:
            row["may_change"] = notes.may_change(user, row["author"])
        return rows

    def page_notes(self, context: PageContext) -> list[dict]:
        """Notes on the context's unit and its children (on the structure date) in its
        period; [] when the page shows no unit."""
        if context.view is None or not context.unit_valid:
            return []
        with self.engine.connect() as conn:
            kids = structure.children(conn, context.unit.id, context.structure_date)
        ids = [context.unit.id] + ([int(i) for i in kids["id"]] if not kids.empty else [])
        return self.notes(ids, context.period)

    def may_write_note(self, context: PageContext) -> bool:
        """Whether the current user may attach a note to the context's unit (to decide
        what to draw; ``add_note`` checks again)."""
        from . import notes

        if context.view is None or not context.unit_valid:
            return False
        with self.engine.connect() as conn:
            return notes.may_write(conn, auth.current_user(), self.scope(), context.unit.id, context.structure_date)

    def add_note(self, context: PageContext, text: str) -> int:
        """Attach a note to the context's unit and period as the current user; returns its
        id. Raises ``notes.NoteRefused`` (``forbidden`` is audited)."""
        from . import notes

        user = auth.current_user()
        value = notes.clean_text(text)
        if context.view is None or context.unit is None:
            self.audit("refused", {"action": "note_added", "unit": context.route.unit})
            raise notes.NoteRefused("forbidden")
        with self.engine.begin() as conn:
            allowed = notes.may_write(conn, user, self.scope(), context.unit.id, context.structure_date)
            note_id = notes.add_note(conn, user, context.unit.id, context.period, value, auth.utcnow()) \
                if allowed else None
        if not allowed:
            self.audit("refused", {"action": "note_added", "unit": context.unit.code})
            raise notes.NoteRefused("forbidden")
        self.audit("note_added", {"note": note_id, "unit": context.unit.code, "period": context.period.kind,
                                  "text": value})
        return note_id

    def _changeable_note(self, note_id, action: str) -> dict:
        from . import notes

        user = auth.current_user()
        try:
            note_id = int(note_id)
        except (TypeError, ValueError):
            raise notes.NoteRefused("not_found") from None
        with self.engine.connect() as conn:
            note = notes.get_note(conn, note_id, self.scope())
        if note is None:
            raise notes.NoteRefused("not_found")
        if not notes.may_change(user, note["author"]):
            self.audit("refused", {"action": action, "note": note_id})
            raise notes.NoteRefused("forbidden")
        return note

    def note(self, note_id) -> dict:
        """A note the current user may edit (its author, or an admin); raises
        ``NoteRefused``."""
        return self._changeable_note(note_id, "note_read")

    def edit_note(self, note_id, text: str) -> None:
        """Change a note's text (its author, or an admin); audited."""
        from . import notes

        value = notes.clean_text(text)
        note = self._changeable_note(note_id, "note_edited")
        with self.engine.begin() as conn:
            notes.edit_note(conn, note["id"], value, auth.current_user(), auth.utcnow())
        self.audit("note_edited", {"note": note["id"], "before": note["text"], "text": value})

    def delete_note(self, note_id) -> None:
        """Delete a note (its author, or an admin); audited with its text."""
        from . import notes

        note = self._changeable_note(note_id, "note_deleted")
        with self.engine.begin() as conn:
            notes.delete_note(conn, note["id"])
        self.audit("note_deleted", {"note": note["id"], "author": note["author"], "text": note["text"]})

    # -- page: unified positions (/nhat-the-hoa) and village detail (/don-vi/<c>/<v>) ----
    # For callbacks/unified.py and callbacks/village.py. Each takes the PageContext of a
    # page whose unit was found (context.view set), except village_detail, which says
    # itself what went wrong.

    @page_cached
    def unified_children(self, context: PageContext):
        """Children and total of the unit, and the previous period's total on the same
        children (None when that period is before the records begin)."""
        from .indicators.unified_detail import UnifiedChildren, unified_by_child, unified_total

        view = context.view
        previous_view = _replace(view, period=context.previous, structure_on=view.structure_date, total_only=True)
        with self.engine.connect() as conn:
            table = unified_by_child(conn, view)
            previous = unified_total(conn, previous_view) if context.previous.has_data else None
        return UnifiedChildren(context, table, previous)

    @page_cached
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

    @page_cached
    def unified_villages(self, context: PageContext, limit: int | None = None):
        """The village table of the unit, unless it has more than ``limit`` villages
        (default ``VILLAGE_TABLE_LIMIT``); then its children instead."""
        from .indicators.unified_detail import (
            VILLAGE_TABLE_COLUMNS, VILLAGE_TABLE_LIMIT, UnifiedVillages, unified_total, village_table)

        limit = VILLAGE_TABLE_LIMIT if limit is None else limit
        view = context.view
        with self.engine.connect() as conn:
            villages = None
            if context.unit is not None and context.unit.level not in ("commune", "village"):
                # above a commune the count comes first (from the pre-aggregated tables at
                # a country's root: 10 ms, where listing the first villages took 260)
                villages = int(unified_total(conn, view)["villages"])
            if villages is not None and villages > limit:
                table, too_many = None, True
            else:
                table = village_table(conn, view, limit)
                too_many = len(table) > limit
                if villages is None:
                    villages = unified_total(conn, view)["villages"] if too_many else len(table)
            kids = structure.children(conn, view.unit_id, view.structure_date, view.kinds,
                                      view.unit_ids) if too_many else pd.DataFrame()
        if too_many:
            table = pd.DataFrame(columns=VILLAGE_TABLE_COLUMNS) if table is None else table.iloc[0:0]
        return UnifiedVillages(context, table, too_many, limit, int(villages), kids)

    @page_cached
    def village_detail(self, context: PageContext):
        """The village of a village page's context: its status on the date, its posts,
        its holders' training and the oversight activities about it (see
        ``dashboard.village``); or why it cannot be shown."""
        from .village import (
            VillageDetail, village_activities, village_posts, village_status, village_trainings)

        if context.error in ("empty_database", "forbidden"):
            return VillageDetail(context, context.error)
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

    # -- page: training (/boi-duong) -----------------------------------------------------

    @page_cached
    def training_summary(self, context: PageContext) -> "TrainingSummary":
        """Training status and flows per child and total, now and in the previous period
        (on the same children), for the KPIs and the by-child charts and table."""
        from .indicators import training_flow, training_status

        view = context.view
        previous_view = _replace(view, period=context.previous, structure_on=view.structure_date, total_only=True)
        rows, status, flow, previous_rows, previous_status, previous_flow = self.gather([
            partial(with_children, view=view, measures=[]), partial(training_status, view=view),
            partial(training_flow, view=view), partial(with_children, view=previous_view, measures=[]),
            partial(training_status, view=previous_view), partial(training_flow, view=previous_view)], view)
        current = with_measures(rows, [status, flow])
        previous = with_measures(previous_rows, [previous_status, previous_flow])
        previous = previous[previous["is_total"]].reset_index(drop=True)  # the total alone was computed
        if not context.previous.has_data:
            numeric = previous.select_dtypes("number").columns.drop("unit_id")
            previous[numeric] = 0
        return TrainingSummary(context, current, previous)

    @page_cached
    def training_courses(self, context: PageContext) -> "TrainingCourses":
        """The courses of the period that concern the unit (capped) and how many there are."""
        from .indicators import training_detail

        view = context.view
        if context.unit is not None and context.unit.level not in ("commune", "village"):
            # above a commune the list is nearly always full: count side by side with it
            courses, counted = self.gather([partial(training_detail.course_list, view=view),
                                            partial(training_detail.course_count, view=view)], view)
        else:
            with self.engine.connect() as conn:
                courses = training_detail.course_list(conn, view)
                counted = (None if len(courses) < training_detail.COURSE_LIMIT
                           else training_detail.course_count(conn, view))
        total = len(courses) if len(courses) < training_detail.COURSE_LIMIT else counted
        return TrainingCourses(context, courses, total)

    @page_cached
    def training_coverage(self, context: PageContext) -> "TrainingCoverage":
        """Children (and total) x topics: cadres in post and how many covered each topic."""
        from .indicators import training_detail, with_children
        from .indicators.summary import UNIT_COLUMNS

        view = context.view
        with self.engine.connect() as conn:
            topics = training_detail.topic_list(conn)
            all_topics = training_detail.topic_count(conn)
            coverage = training_detail.topic_coverage(conn, view, topics["topic_id"].tolist())
            units = with_children(conn, view, [])[UNIT_COLUMNS]
        return TrainingCoverage(context, units, topics, coverage, all_topics)

    @page_cached
    def training_untrained(self, context: PageContext) -> "UntrainedCadres":
        """The cadres in post not yet trained: how many, and the list when the unit is small
        enough to list (at most ``UNTRAINED_MAX_VILLAGES`` villages)."""
        from .indicators import training_detail, training_status

        view = context.view
        with self.engine.connect() as conn:
            status = training_status(conn, view).loc[view.unit_id]
            villages = structure.count_descendants(conn, view.unit_id, view.structure_date, "village")
            listed = villages <= training_detail.UNTRAINED_MAX_VILLAGES
            rows = training_detail.untrained_cadres(conn, view) if listed else None
        return UntrainedCadres(context, rows, int(status["cadres"] - status["trained"]),
                               int(status["first_time_untrained"]), villages, listed,
                               training_detail.UNTRAINED_LIMIT, training_detail.UNTRAINED_MAX_VILLAGES)
    # -- the Data page: import, export, history, quality, review report ---------------------

    def import_files(self, sources, dry_run: bool = False):
        """Import ``sources`` (``importer.Source``) as the acting user; see
        ``dashboard.importer.run_import``. The caller checks ``may_manage_data`` first."""
        from .importer import Limits, run_import

        limits = Limits(max_bytes=self.config.max_upload_bytes)
        result = run_import(self.engine, list(sources), self.acting_user(), dry_run=dry_run, limits=limits)
        if self.config.warm_pages and not dry_run and getattr(result, "ok", False):
            from .warmup import warm_in_background

            warm_in_background(self)  # the new numbers of the root pages, before anyone asks
        return result

    def import_history(self, limit: int = 200) -> list[dict]:
        """The latest imports, newest first: id, created_at, user_name, file_name,
        checksum, counts (table -> {inserted, updated, unchanged}), result, message."""
        import json

        from sqlalchemy import inspect, select

        from .models import ImportRecord

        if not inspect(self.engine).has_table("import_record"):
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(select(*ImportRecord.__table__.c).order_by(ImportRecord.id.desc()).limit(limit)).all()
        out = []
        for record in rows:
            try:
                counts = json.loads(record.counts or "{}")
            except ValueError:
                counts = {}
            out.append({"id": record.id, "created_at": record.created_at, "user_name": record.user_name,
                        "file_name": record.file_name, "checksum": record.checksum, "counts": counts,
                        "result": record.result, "message": record.message})
        return out

    def template(self) -> bytes:
        from .template import template_bytes

        return template_bytes()

    def export_all(self) -> bytes:
        """Every record in the template's format (admin only: the caller checks)."""
        from .importer.dump import export_workbook

        return export_workbook(self.engine)

    def data_quality(self, scope: Scope | None = None, limit: int = 200):
        """``quality.QualityReport`` on today, in ``scope``."""
        from .quality import quality_report

        scope = scope or self.scope()
        if db.is_empty(self.engine):
            from .quality import QualityReport

            return QualityReport(self.today())
        with self.engine.connect() as conn:
            return quality_report(conn, self.today(), scope, self.data_from(), limit)

    def freshness(self) -> dict:
        """What every page says about how fresh the data is: ``data_through`` (the last
        day with records, or None) and ``last_import`` (when the latest successful import
        or demo load was recorded, naive UTC, or None)."""
        from sqlalchemy import inspect, select

        from .models import ImportRecord

        last_import = None
        try:
            if inspect(self.engine).has_table("import_record"):
                with self.engine.connect() as conn:
                    last_import = conn.execute(select(ImportRecord.created_at).where(ImportRecord.result == "ok")
                                               .order_by(ImportRecord.created_at.desc()).limit(1)).scalar()
        except Exception:  # no schema yet
            last_import = None
        return {"data_through": self.data_through(), "last_import": last_import}

    def data_through(self) -> date | None:
        try:
            value = db.get_meta(self.engine, "data_through")
        except Exception:  # no schema yet
            return None
        return date.fromisoformat(value) if value else None

    def report_units(self) -> list[dict]:
        """Units a review report can be made for (code, name, kind, level): the root and
        its children today for a user who sees everything; otherwise the user's own units."""
        if db.is_empty(self.engine):
            return []
        scope = self.scope()
        with self.engine.connect() as conn:
            if not scope.is_everything:
                units = [structure.unit_by_id(conn, uid) for uid in sorted(scope.unit_ids or ())]
                return [{"code": u.code, "name": u.name, "kind": u.kind, "level": u.level} for u in units if u]
            root = self.root_unit(conn, self.today())
            if root is None:
                return []
            kids = structure.children(conn, root.id, self.today())
        out = [{"code": root.code, "name": root.name, "kind": root.kind, "level": root.level}]
        if not kids.empty:
            out += kids[["code", "name", "kind", "level"]].to_dict("records")
        return out

    def review_report(self, unit_code: str | None, period_kind: str, day: date, structure_kind: str = "as-of",
                      lang: str = "vi") -> tuple[bytes, str]:
        """(xlsx bytes, server-chosen file name) of the review report; raises
        ``UnknownUnit``."""
        from .report import build_report, report_file_name

        period = self.period(period_kind, day)
        content = build_report(self, unit_code, period, structure_kind, lang)
        resolved = self.resolve(unit_code, period, structure_kind, self.scope())
        return content, report_file_name(resolved.unit.code, period)
    # -- page: community oversight (/giam-sat) and a commune's boards and briefings ------

    @page_cached
    def oversight(self, context: PageContext) -> "OversightData":
        """The oversight page of the context's unit: board figures per child and total
        (now and, for the total, in the previous period on the same children), activity
        per child, board kind and month, and the boards silent in the period and in the
        last complete quarter. On a commune's page (children are villages) per-child
        activity counts where it took place (``oversight_detail``)."""
        view = context.view
        previous_view = _replace(view, period=context.previous, structure_on=view.structure_date, total_only=True)
        quarter = last_complete_quarter(view.as_of)
        (rows, activity, silent, previous, months, (silent_period, silent_period_count),
         (silent_quarter, silent_quarter_count)) = self.gather([
            partial(with_children, view=view, measures=[]),
            partial(board_activity, view=view),
            partial(silent_boards, view=view),
            partial(board_activity, view=previous_view),
            partial(oversight_detail.activity_by_month, view=view),
            partial(oversight_detail.board_list, view=view, start=view.period.start, end=view.as_of,
                    silent=True, limit=oversight_detail.SILENT_ROWS),
            partial(oversight_detail.board_list, view=view, start=quarter[0], end=quarter[1], silent=True,
                    whole_window=True, limit=oversight_detail.SILENT_ROWS),
        ], view)
        table = with_measures(rows, [activity, silent])
        previous = previous.loc[view.unit_id]
        children = table[~table["is_total"]]
        by_village = bool(len(children)) and bool((children["level"] == "village").all())
        if by_village:
            with self.engine.connect() as conn:
                places = oversight_detail.activity_by_month(conn, view, by_village=True)
            months = pd.concat([places[places["group_id"] != view.unit_id],
                                months[months["group_id"] == view.unit_id]], ignore_index=True)
        if not context.previous.has_data:
            previous = previous * 0  # before the records begin: nothing to compare with
        return OversightData(context, table, previous, by_village, months, silent_period,
                             silent_period_count, silent_quarter, silent_quarter_count, quarter)

    @page_cached
    def oversight_activities(self, context: PageContext) -> "OversightActivities":
        """The activities of the period under the context's unit, most recent first: at
        most ``ACTIVITY_ROWS``, and none when the unit has more than
        ``ACTIVITY_TABLE_MAX_VILLAGES`` villages (``too_large``)."""
        view = context.view
        with self.engine.connect() as conn:
            villages = structure.count_descendants(conn, view.unit_id, view.structure_date, "village")
            limit = oversight_detail.ACTIVITY_TABLE_MAX_VILLAGES
            if villages > limit:
                kids = structure.children(conn, view.unit_id, view.structure_date, view.kinds, view.unit_ids)
                return OversightActivities(context, None, 0, villages, True, limit, kids)
            rows, count = oversight_detail.activity_list(conn, view, oversight_detail.ACTIVITY_ROWS)
        return OversightActivities(context, rows, count, villages, False, limit)

    @page_cached
    def commune_oversight(self, context: PageContext) -> "CommuneOversight | None":
        """A commune-level unit's boards (term meeting the period, with their activities
        in it) and its briefings month by month; None when the unit's children are not
        villages (or it has none). Child filters do not apply: this is the unit's own."""
        view = _replace(context.view, kinds=(), unit_ids=())
        with self.engine.connect() as conn:
            kids = structure.children(conn, view.unit_id, view.structure_date)
            if kids.empty or not bool((kids["level"] == "village").all()):
                return None
            boards, _count = oversight_detail.board_list(conn, view, view.period.start, view.as_of)
            briefings = oversight_detail.briefing_months(conn, view)
        return CommuneOversight(context, boards, briefings)


@dataclass(frozen=True)
class OversightData:
    """What the oversight page shows (``DataService.oversight``)."""

    context: PageContext
    summary: pd.DataFrame  # with_children(board_activity + silent_boards): children + total
    previous: pd.Series  # board_activity's total row for the previous period
    by_village: bool  # children are villages: per-child activity counts where it took place
    months: pd.DataFrame  # oversight_detail.activity_by_month: children rows and total rows
    silent_period: pd.DataFrame  # oversight_detail.board_list: no activity in the period
    silent_period_count: int
    silent_quarter: pd.DataFrame  # board_list: in office all of ``quarter``, no activity in it
    silent_quarter_count: int
    quarter: tuple[date, date]  # the last complete quarter before the period's date


@dataclass(frozen=True)
class OversightActivities:
    """The activity table (``DataService.oversight_activities``)."""

    context: PageContext
    rows: pd.DataFrame | None  # oversight_detail.activity_list; None when too_large
    count: int  # activities in the period (before the row limit)
    villages: int  # villages under the unit on the structure date
    too_large: bool  # more than ``max_villages`` villages: no table, the children instead
    max_villages: int
    children: pd.DataFrame | None = None  # structure.children, when too_large


@dataclass(frozen=True)
class CommuneOversight:
    """A commune's boards and briefings (``DataService.commune_oversight``)."""

    context: PageContext
    boards: pd.DataFrame  # oversight_detail.board_list over the period
    briefings: pd.DataFrame  # oversight_detail.briefing_months


@functools.lru_cache(maxsize=1)
def _release() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("grassroots-dashboard")
    except PackageNotFoundError:  # running from a checkout that was not installed
        return "checkout"


def code_fingerprint() -> tuple:
    """What, besides the data, decides a cached result: the application's version and
    the size limits of the lists (a list cut at 300 rows is another result at 200). A
    new release, or a limit changed by a deployment or a test, never reads an entry the
    old code wrote."""
    from . import village
    from .indicators import oversight_detail, training_detail, unified_detail

    return (_release(), village.ROW_LIMIT,
            oversight_detail.ACTIVITY_TABLE_MAX_VILLAGES, oversight_detail.ACTIVITY_ROWS,
            oversight_detail.SILENT_ROWS, training_detail.COURSE_LIMIT, training_detail.TOPIC_LIMIT,
            training_detail.UNTRAINED_MAX_VILLAGES, training_detail.UNTRAINED_LIMIT,
            unified_detail.VILLAGE_TABLE_LIMIT)


def _replace(obj, **changes):
    from dataclasses import replace

    return replace(obj, **changes)


# -- page: training (/boi-duong): what the service hands to the page ----------------------


@dataclass(frozen=True)
class TrainingSummary:
    """The training page's figures per child: ``training_status`` + ``training_flow``
    columns (see ``dashboard.indicators.training``) with the unit columns of
    ``indicators.summary.with_children``, now (children and total) and in the previous
    period (the total row alone)."""

    context: PageContext
    current: pd.DataFrame
    previous: pd.DataFrame


@dataclass(frozen=True)
class TrainingCourses:
    """``training_detail.course_list`` (at most ``COURSE_LIMIT`` rows) and the total."""

    context: PageContext
    courses: pd.DataFrame
    total: int


@dataclass(frozen=True)
class TrainingCoverage:
    """Topic coverage: ``units`` (children + total row, columns of ``UNIT_COLUMNS``),
    ``topics`` (``training_detail.topic_list``), ``coverage`` (``topic_coverage``) and
    how many topics the list has in all."""

    context: PageContext
    units: pd.DataFrame
    topics: pd.DataFrame
    coverage: pd.DataFrame
    topic_total: int


@dataclass(frozen=True)
class UntrainedCadres:
    """Cadres in post not yet trained. ``rows`` is ``training_detail.untrained_cadres``
    (at most ``limit``), or None when the unit has more than ``max_villages`` villages."""

    context: PageContext
    rows: pd.DataFrame | None
    count: int
    first_time_count: int
    villages: int
    listed: bool
    limit: int
    max_villages: int
