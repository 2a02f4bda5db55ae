"""The data service: what callbacks and the CLI call.

It owns the engine, turns the user's choices (unit code, date, period kind, structure,
filters) into a ``View`` and runs the indicator queries. No Dash here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from . import auth, db, structure
from .attention import attention_rows
from .config import Config
from .indicators import View, summary
from .periods import Period, make_period, previous_period
from .scope import ABOVE, ALL, INSIDE, NONE, Scope, unit_access, visible_children
from .structure import UnitInfo
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
                unit = structure.root_unit(conn, structure_date)
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
        user's): a unit outside it gives ``error="forbidden"`` (and an audit entry), a unit
        above it is ``restricted`` to the children the user may see."""
        scope = self.scope() if scope is None else scope
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
        refusal = {"unit": route.unit, "village": route.village, "page": route.page}
        try:
            resolved = self.resolve(route.unit, period, state.structure, scope, state.kinds, state.units,
                                    audit_refusal=False)
        except ForbiddenUnit:
            if audit_refusal:
                self.audit("refused", refusal)
            return _replace(base, error="forbidden")
        except UnknownUnit:
            return _replace(base, error="unknown_unit")
        view, restricted = resolved.view, resolved.restricted
        with self.engine.connect() as conn:
            village = None
            if route.village:
                village = structure.resolve_unit(conn, route.village, structure_date)
            if village is not None and unit_access(conn, scope, village.id, structure_date) not in (INSIDE, ALL):
                if audit_refusal:
                    self.audit("refused", refusal)
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


def _replace(obj, **changes):
    from dataclasses import replace

    return replace(obj, **changes)
