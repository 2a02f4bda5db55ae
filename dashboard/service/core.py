"""The data service: what callbacks and the command line call.

``DataService`` is the core: it owns the engine and the result cache, knows who is
asking (the user's scope) and turns the user's choices (unit code, date, period kind,
structure, filters) into a ``PageContext`` and its ``View``. What each page shows, the
notes, imports and reports are its parts, one concern each:

    service.overview   the overview and unit page (``service.overview``)
    service.unified    unified positions (``service.unified``)
    service.village    one village (``service.village``)
    service.training   training (``service.training``)
    service.oversight  community oversight (``service.oversight``)
    service.notes      notes on a unit and a period (``service.notes``)
    service.imports    import, export, history, template, data quality (``service.imports``)
    service.reports    the review report (``service.reports``)

No Dash or Flask here.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine

from .. import auth, db, structure
from ..cache import MISSING, ResultCache, make_cache
from ..config import Config
from ..indicators.view import View
from ..models import ImportRecord
from ..parallel import gatherer, is_large
from ..periods import Period, make_period, previous_period
from ..scope import ABOVE, ALL, INSIDE, NONE, Scope, unit_access, visible_children
from ..structure import UnitInfo
from ..viewstate import Route, ViewState
from .context import ForbiddenUnit, PageContext, ResolvedView, UnknownUnit, code_fingerprint, with_changes
from .imports import Imports
from .notes import Notes
from .overview import Overview
from .oversight import Oversight
from .reports import Reports
from .training import Training
from .unified import Unified
from .profile import Profile
from .village import Village

log = logging.getLogger(__name__)

__all__ = ["DataService", "ForbiddenUnit", "NotCached", "PageContext", "ResolvedView", "UnknownUnit"]

# set by ``DataService.cache_only``: cached results are read, never computed
_CACHE_ONLY: ContextVar[bool] = ContextVar("grassroots_cache_only", default=False)


class NotCached(LookupError):
    """Raised inside ``DataService.cache_only`` by a result that is not in the result
    cache (or when there is no cache, or the data has no version): the caller draws
    without it instead of computing it."""


class DataService:
    """interface: "web" (the dashboard) or "cli" (the command line): who acts, see
    ``acting_user``."""

    def __init__(self, config: Config, engine: Engine | None = None, interface: str = "web",
                 cache: "ResultCache | None | str" = "config"):
        self.config = config
        self._engine = engine
        self.interface = interface
        self._cache = cache  # "config": built from the configuration on first use
        self.overview = Overview(self)
        self.unified = Unified(self)
        self.profile = Profile(self)
        self.village = Village(self)
        self.training = Training(self)
        self.oversight = Oversight(self)
        self.notes = Notes(self)
        self.imports = Imports(self)
        self.reports = Reports(self)

    @property
    def cache(self) -> "ResultCache | None":
        """The result cache shared by the workers (``dashboard.cache``); None: off."""
        if isinstance(self._cache, str):
            try:
                self._cache = make_cache(self.config.cache_url, self.config.cache_dir)
            except OSError as error:  # a directory this user may not write: no cache, pages still work
                log.warning("result cache unavailable: %s", error)
                self._cache = None
        return self._cache

    def cached(self, name: str, parts: tuple, compute):
        """``compute()``, or its result stored under ``name``, ``parts``, the database
        and its data version. Only for results that ``parts`` determine entirely (they
        carry the scope); nothing is cached while the data has no version token.
        Inside ``cache_only``: the stored result, or ``NotCached``."""
        cache = self.cache
        only = _CACHE_ONLY.get()
        if cache is None:
            if only:
                raise NotCached(name)
            return compute()
        version = db.data_key(self.engine)
        if version is None:
            if only:
                raise NotCached(name)
            return compute()
        key = cache.key(self.config.database_url, version, name, code_fingerprint(), *parts)
        if only:
            found = cache.get(key)
            if found is MISSING:
                raise NotCached(name)
            return found
        return cache.get_or_compute(key, compute)

    @contextmanager
    def cache_only(self):
        """Within it, every cached result (``cached``: contexts, page results) is read
        from the result cache and never computed: a missing one raises ``NotCached``. The
        router draws an SPA navigation's first view this way (what the warm-up or an
        earlier visit computed), so that a cold page's queries run in its own callbacks
        and not in front of every navigation."""
        token = _CACHE_ONLY.set(True)
        try:
            yield
        finally:
            _CACHE_ONLY.reset(token)

    def gather(self, tasks, view: View) -> list:
        """``[task(conn) for task in tasks]``: for a large unit (``parallel.is_large``:
        its queries spend their time in the database) side by side on their own
        connections when the worker has threads free (``dashboard.parallel``,
        ``Config.query_threads``); for a small one in this thread, where Python's lock
        would make threads slower than one after another."""
        threads = self.config.query_threads
        if threads and not is_large(self.engine, view.unit_id):
            threads = 0
        return gatherer(threads).gather(self.engine, tasks)

    def page_cached(self, name: str, context: PageContext, compute, *extra):
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

    def manages_data(self) -> bool:
        """Whether to offer admin-only actions (the upload zone, the full export) at all:
        the same rule as ``may_manage_data``, asked when drawing, so nothing is audited."""
        user = auth.current_user()
        return user is None or user.is_admin

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
            return with_changes(base, error="empty_database")
        try:
            resolved = self.resolve(route.unit, period, state.structure, scope, state.kinds, state.units,
                                    audit_refusal=False)
        except ForbiddenUnit:
            return with_changes(base, error="forbidden")
        except UnknownUnit:
            return with_changes(base, error="unknown_unit")
        view, restricted = resolved.view, resolved.restricted
        with self.engine.connect() as conn:
            village = None
            if route.village:
                village = structure.resolve_unit(conn, route.village, structure_date)
            if village is not None and unit_access(conn, scope, village.id, structure_date) not in (INSIDE, ALL):
                return with_changes(base, error="forbidden")
            crumbs = tuple(structure.ancestors(conn, resolved.unit.id, structure_date))
            gone = () if resolved.unit_valid else tuple(structure.successors(conn, resolved.unit.id))
        context = with_changes(base, view=view, unit=resolved.unit,
                           unit_valid=resolved.unit_valid, breadcrumb=crumbs, successors=gone,
                           village=village, restricted=restricted)
        if route.village and village is None:
            return with_changes(context, error="unknown_unit")
        return context

    def child_options(self, route: Route, state: ViewState, scope: Scope) -> tuple[list[str], list[dict]]:
        """Kinds and children (code, name, kind) of the route's unit, for the filter bar;
        empty when the unit is unknown."""
        unfiltered = ViewState(state.day, state.period, state.structure, lang=state.lang)
        # the page's own callback has audited a refusal already
        context = self.context(route, unfiltered, scope, audit_refusal=False)
        if context.view is None:
            return [], []
        return self.page_cached("child_options", context, lambda: self._child_options(context))

    def _child_options(self, context: PageContext) -> tuple[list[str], list[dict]]:
        with self.engine.connect() as conn:
            kids = structure.children(conn, context.view.unit_id, context.structure_date,
                                      unit_ids=context.view.unit_ids if context.restricted else ())
        if kids.empty:
            return [], []
        kinds = list(dict.fromkeys(kids["kind"]))
        units = kids[["code", "name", "kind"]].to_dict("records")
        return kinds, units

    def freshness(self) -> dict:
        """What every page says about how fresh the data is: ``data_through`` (the last
        day with records, or None) and ``last_import`` (when the latest successful import
        or demo load was recorded, naive UTC, or None)."""
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
