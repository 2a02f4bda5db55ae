"""The engine: any measure of the registry (``definitions.MEASURES``) for a view's
children and total, on any date and either structure, from its declaration alone.

A measure is computed over its family of facts (``indicators.facts.FAMILIES``): the facts
join ``unit_rollup`` on the view's structure date to the output rows (a child, or the
total) and are summed, counted distinct or their latest day taken, in one grouped query
per family. Where the pre-aggregated tables (``dashboard.preagg``, built from the same
facts) give exactly that answer they are read instead; the choice is made here, in
``tables_answer``, and nowhere else. Derived measures are sums of others.

Entry points: ``measures`` (one row per output row), ``by_dim`` (per output row and
dimension value: topics), ``series`` (states on many dates: coverage over time),
``monthly`` (flows per month and dimension).

Every statement is built once per shape (family, measures, which filters the view has)
with bound parameters for the view's unit, dates, filters and scope, and kept: a cold page
pays for running its queries, not for building them again.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import (Connection, Date, Integer, and_, case, cast, distinct, func, literal, or_, select, union_all)
from sqlalchemy import bindparam as _bindparam

from ..db import EARLIEST, as_date, days_after, meta_values, month_start
from ..definitions import MEASURES, YEAR, Measure
from ..models import (AGG_CALENDAR_KEY, AGG_SKIPPED_LEVELS, AGG_TOKEN_KEY, FIRSTS_ALL_DIMS, FIRSTS_KINDS,
                      VALUE_COLUMNS, AggFlow, AggState, AggStateKey, Unit, UnitMembership, UnitRollup, firsts_name,
                      rolling_name)
from ..periods import trailing_start
from .facts import FAMILIES, Family, Narrow, tables_token
from .view import View

# tests set this to "raw" or "tables" to compare both answers; None: the engine decides
FORCE: str | None = None
# A latest day is looked for in this many days before the report date first; only the
# output rows without a fact there are looked up over the whole history (at a country's
# root the last month holds a hundredth of the facts). None: the whole history at once.
RECENT_DAYS: int | None = 31


def dependencies(keys: Iterable[str]) -> list[str]:
    """``keys`` and every measure they are derived from, each once, dependencies first."""
    out: list[str] = []

    def visit(key: str) -> None:
        if key in out:
            return
        for term, _coefficient in MEASURES[key].terms:
            visit(term)
        out.append(key)

    for key in keys:
        visit(key)
    return out


# --- the view as bound parameters ---------------------------------------------------------------


def bindparam(name: str, **kw):
    """A parameter rendered into the SQL text when the statement runs (the statement is
    still built and compiled once): SQLite plans a query with literal dates and unit ids
    well, and the same query with parameters badly (the facts of a province's root took
    20 s instead of 9 ms: it scanned every post by date instead of reaching them from the
    units)."""
    return _bindparam(name, literal_execute=True, **kw)


@dataclass(frozen=True)
class Shape:
    """What decides a statement's text: the view's filters and scope, not their values."""

    kinds: bool
    unit_ids: bool
    total_only: bool
    scope: str  # "all", "none" or "some"


def shape_of(view: View) -> Shape:
    scope = view.scope
    kind = "all" if scope.is_everything else ("none" if not scope.unit_ids else "some")
    return Shape(bool(view.kinds), bool(view.unit_ids), view.total_only, kind)


def params_of(view: View, **extra) -> dict:
    params = {"unit": view.unit_id, "structure": view.structure_date, **extra}
    if view.kinds:
        params["kinds"] = list(view.kinds)
    if view.unit_ids:
        params["unit_ids"] = list(view.unit_ids)
    if view.scope.unit_ids:
        params["scope_units"] = sorted(view.scope.unit_ids)
        params["scope_today"] = view.scope.today
    return params


def _valid_at(valid_from, valid_to, day):
    return and_(valid_from <= day, or_(valid_to.is_(None), valid_to >= day))


@lru_cache(maxsize=128)
def targets(shape: Shape, materialized: bool = False):
    """Subquery (ancestor_id, group_id): each child of :unit on :structure is its own
    group; the total (group :unit) is the unit itself, or the filtered children together
    (``structure.group_targets`` with bound parameters). ``materialized``: a CTE computed
    once, for a statement whose planner might otherwise run it again for every row of the
    other side of a join."""
    unit_param = cast(bindparam("unit", type_=Integer), Integer)
    structure = bindparam("structure", type_=Date)
    unit, member = Unit.__table__, UnitMembership.__table__
    kids = (select(unit.c.id).select_from(unit).join(member, member.c.child_id == unit.c.id)
            .where(member.c.parent_id == unit_param, _valid_at(member.c.valid_from, member.c.valid_to, structure),
                   _valid_at(unit.c.valid_from, unit.c.valid_to, structure)))
    if shape.kinds:
        kids = kids.where(unit.c.kind.in_(bindparam("kinds", expanding=True)))
    if shape.unit_ids:
        kids = kids.where(unit.c.id.in_(bindparam("unit_ids", expanding=True)))
    kids = kids.subquery("kids")
    if shape.kinds or shape.unit_ids:
        total = select(kids.c.id.label("ancestor_id"), unit_param.label("group_id"))
    else:
        total = select(unit_param.label("ancestor_id"), unit_param.label("group_id"))
    rows = total if shape.total_only else union_all(select(kids.c.id.label("ancestor_id"),
                                                          kids.c.id.label("group_id")), total)
    return rows.cte("targets").prefix_with("MATERIALIZED") if materialized else rows.subquery("targets")


@lru_cache(maxsize=64)
def unit_groups(shape: Shape):
    """Subquery (unit_id, group_id): the units that roll up, on :structure, to an output
    row of the view."""
    goal = targets(shape)
    rollup = UnitRollup.__table__.alias("r_units")
    structure = bindparam("structure", type_=Date)
    return (select(rollup.c.unit_id.label("unit_id"), goal.c.group_id.label("group_id"))
            .join(goal, goal.c.ancestor_id == rollup.c.ancestor_id)
            .where(rollup.c.valid_from <= structure, rollup.c.valid_to >= structure).subquery("unit_groups"))


def scope_clause(shape: Shape, column):
    """The scope's restriction of ``column`` (None: everything): its units and what
    rolls up to them on :scope_today."""
    if shape.scope == "all":
        return None
    if shape.scope == "none":
        return literal(False)
    rollup = UnitRollup.__table__
    today = bindparam("scope_today", type_=Date)
    visible = select(rollup.c.unit_id).where(rollup.c.ancestor_id.in_(bindparam("scope_units", expanding=True)),
                                             rollup.c.valid_from <= today, rollup.c.valid_to >= today)
    return column.in_(visible)


# --- aggregates -------------------------------------------------------------------------------------


def _aggregate(measure: Measure, columns, key_column=None):
    """The SQL aggregate of ``measure`` over ``columns`` (a mapping name -> column: the
    facts', or a table's under the family's names); ``key_column``: a table's key."""
    def only_dim(value):
        return value if measure.dim is None else case((columns["dim"] == measure.dim, value))

    if measure.how == "sum":
        return func.coalesce(func.sum(only_dim(columns[measure.column])), 0)
    if measure.how == "distinct":
        return func.count(distinct(only_dim(columns[measure.column] if key_column is None else key_column)))
    if measure.how == "latest":
        return func.max(columns["day"])
    raise ValueError(measure)


class _Named:
    """A table's columns under a family's names (``v0``.. hold the family's columns)."""

    def __init__(self, family: Family, table):
        self._table = table
        self._named = dict(zip(family.columns, VALUE_COLUMNS))

    def __getitem__(self, name):
        return self._table.c[self._named.get(name, name)]


def _facts_columns(facts):
    return {c.name: c for c in facts.c}


def _scoped(query, facts, shape: Shape):
    scope = scope_clause(shape, facts.c.unit_id)
    return query if scope is None else query.where(scope)


# --- when the pre-aggregated tables give the answer ----------------------------------------------



@lru_cache(maxsize=64)
def _low_rows(shape: Shape, levels: tuple[str, ...]):
    goal = targets(shape)
    return select(Unit.id).join(goal, goal.c.ancestor_id == Unit.id).where(Unit.level.in_(levels)).limit(1)


@lru_cache(maxsize=64)
def _rollup_moves(shape: Shape):
    """A roll-up row to an output row begins in (:low, :high] or ends in [:low, :high)."""
    goal = targets(shape)
    ancestors = select(goal.c.ancestor_id).scalar_subquery()
    rollup = UnitRollup.__table__
    low, high = bindparam("low", type_=Date), bindparam("high", type_=Date)
    begins = select(rollup.c.id).where(rollup.c.ancestor_id.in_(ancestors), rollup.c.valid_from > low,
                                       rollup.c.valid_from <= high).limit(1)
    ends = select(rollup.c.id).where(rollup.c.ancestor_id.in_(ancestors), rollup.c.valid_to >= low,
                                     rollup.c.valid_to < high).limit(1)
    return begins, ends


def tables_answer(conn: Connection, view: View, family: Family, days: Sequence[date] = (),
                  window: tuple[date, date] | None = None, _cache: dict | None = None) -> bool:
    """Whether the pre-aggregated tables give ``family``'s raw answer for ``view`` exactly:

    * the scope is everything (the tables hold no scope);
    * the tables were built for the data now in the database;
    * no output row is at a level the tables skip (villages; for flows, communes too);
    * a state read on ``days`` (the tables roll up on each date itself): no ``unit_rollup``
      row to an output row begins or ends between the earliest of those days and the
      structure date, or the structure date and the latest (then every unit rolls up to
      it on each of those dates or on none);
    * a calendar family: ``window`` lies in the calendar the tables laid out.
    """
    if FORCE is not None:
        return FORCE == "tables"
    if not view.scope.is_everything:
        return False
    cache = {} if _cache is None else _cache
    if "meta" not in cache:
        found = meta_values(conn, ("data_token", AGG_TOKEN_KEY, AGG_CALENDAR_KEY))
        token = found.get(AGG_TOKEN_KEY)
        cache["meta"] = found if token is not None and token == tables_token(found.get("data_token")) else None
    meta = cache["meta"]
    if meta is None:
        return False
    shape, params = shape_of(view), params_of(view)
    levels = AGG_SKIPPED_LEVELS[family.kind]
    if ("low", levels) not in cache:
        cache[("low", levels)] = conn.execute(_low_rows(shape, levels), params).first() is not None
    if cache[("low", levels)]:
        return False
    if family.kind == "state" and days:
        structure_day = view.structure_date
        low, high = min(min(days), structure_day), max(max(days), structure_day)
        if low != high:
            if ("moves", low, high) not in cache:
                begins, ends = _rollup_moves(shape)
                moved = {**params, "low": low, "high": high}
                cache[("moves", low, high)] = (conn.execute(begins, moved).first() is not None
                                              or conn.execute(ends, moved).first() is not None)
            if cache[("moves", low, high)]:
                return False
    if family.calendar is not None and window is not None:
        span = meta.get(AGG_CALENDAR_KEY)
        if not span:
            return False
        first, last = (date.fromisoformat(d) for d in span.split("/"))
        if not (first <= window[0] and window[1] <= last):
            return False
    return True


# --- the statements: raw (the facts) and from the tables -----------------------------------------------


def _measures_of(keys: tuple[str, ...]) -> list[Measure]:
    return [MEASURES[k] for k in keys]


@lru_cache(maxsize=512)
def _raw_state(family_key: str, keys: tuple[str, ...], by_dim: bool, shape: Shape):
    family = FAMILIES[family_key]
    day = bindparam("day", type_=Date)
    facts = family.build(Narrow(groups=unit_groups(shape), on=day)).subquery("facts")
    columns = _facts_columns(facts)
    head = [facts.c.group_id] + ([facts.c.dim] if by_dim else [])
    query = (select(*head, *[_aggregate(m, columns) for m in _measures_of(keys)])
             .where(facts.c.valid_from <= day, facts.c.valid_to >= day).group_by(*head))
    return _scoped(query, facts, shape)


@lru_cache(maxsize=512)
def _raw_flow(family_key: str, keys: tuple[str, ...], by_dim: bool, by_month: bool, shape: Shape,
              calendar: tuple[date, date] | None):
    family = FAMILIES[family_key]
    first, last = bindparam("first", type_=Date), bindparam("last", type_=Date)
    narrow = Narrow(groups=unit_groups(shape), first=calendar[0] if calendar else first,
                    last=calendar[1] if calendar else last)
    facts = family.build(narrow).subquery("facts")
    columns = _facts_columns(facts)
    head = ([facts.c.group_id] + ([facts.c.dim] if by_dim else [])
            + ([month_start(facts.c.day)] if by_month else []))
    query = (select(*head, *[_aggregate(m, columns) for m in _measures_of(keys)])
             .where(facts.c.day >= first, facts.c.day <= last).group_by(*head))
    return _scoped(query, facts, shape)


def _state_piece(family: Family, day, ancestor, dim):
    """``agg_state`` aliased and the condition that picks the piece of (ancestor, dim)
    holding ``day``: the latest piece begun by then (one index lookup), if it runs to it."""
    state = AggState.__table__.alias("s")
    inner = AggState.__table__.alias("s_before")
    latest = (select(func.max(inner.c.valid_from))
              .where(inner.c.family == family.key, inner.c.ancestor_id == ancestor, inner.c.dim == dim,
                     inner.c.valid_from <= day).scalar_subquery())
    on = and_(state.c.family == family.key, state.c.ancestor_id == ancestor, state.c.dim == dim,
              state.c.valid_from == latest, state.c.valid_to >= day)
    return state, on


def _state_from(family: Family, goal, day):
    """FROM ``goal`` (targets) joined to the state piece of each of its ancestors (and
    dimension values) on ``day``: (select, state alias)."""
    base = select().select_from(goal)
    if family.dim:
        keys = AggStateKey.__table__.alias("k")
        state, on = _state_piece(family, day, keys.c.ancestor_id, keys.c.dim)
        base = base.join(keys, and_(keys.c.family == family.key, keys.c.ancestor_id == goal.c.ancestor_id))
    else:
        state, on = _state_piece(family, day, goal.c.ancestor_id, literal(""))
    return base.join(state, on), state


@lru_cache(maxsize=512)
def _table_state(family_key: str, keys: tuple[str, ...], by_dim: bool, shape: Shape):
    family = FAMILIES[family_key]
    # materialized: PostgreSQL, misjudging the pieces found on the day as one row, ran the
    # children's subquery again for each of them (a province's topics: 42 -> 145 ms)
    goal = targets(shape, materialized=True)
    base, state = _state_from(family, goal, bindparam("day", type_=Date))
    named = _Named(family, state)
    head = [goal.c.group_id] + ([state.c.dim] if by_dim else [])
    return base.with_only_columns(*head, *[_aggregate(m, named) for m in _measures_of(keys)]).group_by(*head)


@lru_cache(maxsize=512)
def _table_flow(family_key: str, keys: tuple[str, ...], key_name: str, by_dim: bool, by_month: bool, shape: Shape):
    family = FAMILIES[family_key]
    goal = targets(shape)
    flow = AggFlow.__table__.alias("f")
    named = _Named(family, flow)
    aggregates = [_aggregate(m, named, flow.c.key_id if m.how == "distinct" else None) for m in _measures_of(keys)]
    return _flow_window(family, key_name, goal, flow, by_dim, by_month, aggregates)


def _flow_window(family: Family, key_name: str, goal, flow, by_dim: bool, by_month: bool, aggregates, more=()):
    """``aggregates`` over the ``agg_flow`` rows (alias ``flow``) of ``key_name`` dated in
    [:first, :last] and carried on :structure, per output row of ``goal`` (and dimension
    value, month); ``more``: further conditions on those rows."""
    structure = bindparam("structure", type_=Date)
    head = ([goal.c.group_id] + ([flow.c.dim] if by_dim else [])
            + ([month_start(flow.c.day)] if by_month else []))
    on = and_(flow.c.family == family.key, flow.c.key_name == key_name, flow.c.ancestor_id == goal.c.ancestor_id,
              flow.c.day >= bindparam("first", type_=Date), flow.c.day <= bindparam("last", type_=Date),
              flow.c.rollup_from <= structure, flow.c.rollup_to >= structure, *more)
    return select(*head, *aggregates).select_from(goal).join(flow, on).group_by(*head)


ROLLING = "12m"


def firsts_kind(window: tuple[date, date], by_month: bool) -> str | None:
    """How the tables count the distinct values of a key over ``window`` (per month:
    ``by_month``) without reading its values: the kind of calendar period (``FIRSTS_KINDS``)
    whose first days sum to it, ``ROLLING`` for the 12 months up to a day (a day's
    flows), or None: from the key's rows."""
    first, last = window
    if first == last:
        return "day"
    if by_month:
        return "month" if first.day == 1 else None
    if first == trailing_start(last):
        return ROLLING
    if (first.month, first.day) == (1, 1) and last.year == first.year:
        return "year"
    if first.day == 1 and first.month % 3 == 1 and (last.year, (last.month - 1) // 3) == (first.year,
                                                                                     (first.month - 1) // 3):
        return "quarter"
    if first.day == 1 and (last.year, last.month) == (first.year, first.month):
        return "month"
    return None


@lru_cache(maxsize=512)
def _table_firsts(family_key: str, keys: tuple[str, ...], key_name: str, kind: str, by_dim: bool, by_month: bool,
                  shape: Shape):
    """Distinct counts of ``key_name`` from its first days in periods of ``kind``
    (``preagg.build_firsts``): sums, as ``_table_flow`` reads the sums."""
    family = FAMILIES[family_key]
    flow = AggFlow.__table__.alias("f")
    value = flow.c[VALUE_COLUMNS[FIRSTS_KINDS.index(kind)]]
    more = [flow.c.dim != FIRSTS_ALL_DIMS] if family.dim and by_dim else []
    return _flow_window(family, firsts_name(key_name), targets(shape), flow, by_dim, by_month,
                        [_counted(m, family, flow, value, by_dim) for m in _measures_of(keys)], more)


@lru_cache(maxsize=512)
def _table_rolling(family_key: str, keys: tuple[str, ...], key_name: str, by_dim: bool, shape: Shape):
    """Distinct counts of ``key_name`` over the 12 months up to :last
    (``preagg.build_rolling``): per output row's ancestor, epoch and dimension value (each
    series begins with a row on ``EARLIEST``), the count in force on :last: the row of its
    series dated last by then, one index step back from :last."""
    family = FAMILIES[family_key]
    goal = targets(shape)
    series, inner = AggFlow.__table__.alias("f"), AggFlow.__table__.alias("f_before")
    structure, last = bindparam("structure", type_=Date), bindparam("last", type_=Date)
    name = rolling_name(key_name)
    value = (select(inner.c.v0)
             .where(inner.c.family == family.key, inner.c.key_name == name,
                    inner.c.ancestor_id == series.c.ancestor_id, inner.c.day <= last,
                    inner.c.rollup_from == series.c.rollup_from, inner.c.dim == series.c.dim)
             .order_by(inner.c.day.desc()).limit(1).scalar_subquery())
    on = [series.c.family == family.key, series.c.key_name == name, series.c.ancestor_id == goal.c.ancestor_id,
          series.c.day == EARLIEST, series.c.rollup_from <= structure, series.c.rollup_to >= structure]
    if family.dim and by_dim:
        on.append(series.c.dim != FIRSTS_ALL_DIMS)
    counts = (select(goal.c.group_id, series.c.dim, value.label("v0")).select_from(goal)
              .join(series, and_(*on)).subquery("counts"))
    head = [counts.c.group_id] + ([counts.c.dim] if by_dim else [])
    return (select(*head, *[_counted(m, family, counts, counts.c.v0, by_dim) for m in _measures_of(keys)])
            .where(counts.c.v0 > 0)  # none seen: no row, as from the facts
            .group_by(*head))


def _table_read(family_key: str, keys: tuple[str, ...], key_name: str, kind: str | None, by_dim: bool,
                by_month: bool, shape: Shape):
    """The flow tables' statement for ``keys``: sums (``key_name`` ""), or distinct counts of
    ``key_name`` from its first days, its running 12-month count or its rows
    (``firsts_kind``)."""
    if key_name and kind in FIRSTS_KINDS:
        return _table_firsts(family_key, keys, key_name, kind, by_dim, by_month, shape)
    if key_name and kind == ROLLING:
        return _table_rolling(family_key, keys, key_name, by_dim, shape)
    return _table_flow(family_key, keys, key_name, by_dim, by_month, shape)


def _counted(measure: Measure, family: Family, flow, value, by_dim: bool):
    """A distinct count summed from the tables' counting rows: those of the measure's
    dimension value, of all of them together, or (per dimension value) each."""
    if measure.dim is not None:
        return func.coalesce(func.sum(case((flow.c.dim == measure.dim, value))), 0)
    if family.dim and not by_dim:
        return func.coalesce(func.sum(case((flow.c.dim == FIRSTS_ALL_DIMS, value))), 0)
    return func.coalesce(func.sum(value), 0)


# --- one family's measures ---------------------------------------------------------------------------


def _family_rows(conn, view: View, family: Family, measures: list[Measure], *, on: date | None = None,
                 by_dim: bool = False, by_month: bool = False, cache: dict) -> list[tuple]:
    """Rows (group_id, [dim], [month], *values) of ``measures`` (all of ``family``)."""
    shape = shape_of(view)
    keys = tuple(m.key for m in measures)
    if family.kind == "state":
        day = view.as_of if on is None else on
        params = params_of(view, day=day)
        if tables_answer(conn, view, family, [day], _cache=cache):
            return conn.execute(_table_state(family.key, keys, by_dim, shape), params).all()
        return conn.execute(_raw_state(family.key, keys, by_dim, shape), params).all()
    width = 1 + int(by_dim) + int(by_month)
    merged: dict[tuple, dict] = defaultdict(dict)
    latest = tuple(m.key for m in measures if m.how == "latest")
    counted = [m for m in measures if m.how != "latest"]
    windows = []
    if counted:
        windows.append((counted, family.window(view)))
    if latest:
        recent = view.as_of - timedelta(days=RECENT_DAYS) if RECENT_DAYS is not None else EARLIEST
        windows.append(([MEASURES[k] for k in latest], (recent, view.as_of)))
        if recent > EARLIEST:
            windows.append(([MEASURES[k] for k in latest], (EARLIEST, recent - timedelta(days=1))))
    for batch, window in windows:
        if window is None:
            continue
        asked = view
        if batch is not counted and window[0] == EARLIEST and RECENT_DAYS is not None and len(merged):
            missing = _groups_missing(conn, view, merged, width, latest)
            if not missing:
                continue  # every output row has its latest day in the last days: no need to look further
            if view.unit_id not in missing and not view.total_only:
                # the total has its day already: look further back for the children still
                # without one only (a province's commune silent for a month reads that
                # commune's history, not the 150 communes')
                asked = replace(view, unit_ids=tuple(sorted(missing)))
        shape = shape_of(asked)
        params = params_of(asked, first=window[0], last=window[1])
        if tables_answer(conn, asked, family, window=window, _cache=cache):
            sums = tuple(m.key for m in batch if m.how != "distinct")
            distinct: dict[str, tuple[str, ...]] = {}  # key column -> its measures: one read of its rows
            for m in batch:
                if m.how == "distinct":
                    distinct[m.column] = distinct.get(m.column, ()) + (m.key,)
            reads = ([("", sums)] if sums else []) + list(distinct.items())
            # one ancestor per output row (no filter of the children): its first days sum
            kind = None if shape.kinds or shape.unit_ids else firsts_kind(window, by_month)
            statements = [(read, _table_read(family.key, read, key_name, kind, by_dim, by_month, shape))
                          for key_name, read in reads]
        else:
            calendar = window if family.calendar is not None else None
            read = tuple(m.key for m in batch)
            statements = [(read, _raw_flow(family.key, read, by_dim, by_month, shape, calendar))]
        for read, statement in statements:
            for row in conn.execute(statement, params).all():
                values = merged[tuple(row[:width])]
                for key, value in zip(read, row[width:]):
                    if values.get(key) is None:  # a latest day found in the recent days stays
                        values[key] = value
    return [(*head, *[values.get(m.key) for m in measures]) for head, values in merged.items()]


def _groups_missing(conn, view: View, merged: dict, width: int, latest: tuple[str, ...]) -> set[int]:
    """The output rows of ``view`` without every ``latest`` day in ``merged`` (keys start
    with the group id)."""
    wanted = {int(g) for g in conn.execute(select(targets(shape_of(view)).c.group_id).distinct(),
                                           params_of(view)).scalars()}
    found = {int(head[0]) for head, values in merged.items() if all(values.get(k) is not None for k in latest)}
    return wanted - found


def _base_measures(keys: Iterable[str]) -> dict[str, list[Measure]]:
    by_family: dict[str, list[Measure]] = defaultdict(list)
    for key in dependencies(keys):
        measure = MEASURES[key]
        if measure.how != "derived":
            by_family[measure.family].append(measure)
    return by_family


def _column(values: list, measure: Measure):
    """A frame column of ``values`` typed as the measure declares (None: nothing)."""
    if measure.dtype == "date":
        return pd.Series([as_date(v) for v in values], dtype=object)
    numbers = np.array([0.0 if v is None else float(v) for v in values], dtype="float64")
    return numbers if measure.dtype == "float" else np.round(numbers).astype("int64")


def _derived(measure: Measure, data: dict, years):
    """A derived measure from its terms' columns: their sum (a ``YEAR`` coefficient is the
    year read on: ``years``, one or per row), or their ratio (``Measure.ratio``)."""
    if measure.ratio:
        (top, _a), (bottom, _b) = measure.terms
        below = np.asarray(data[bottom], dtype="float64")
        above = np.asarray(data[top], dtype="float64")
        values = np.divide(above, below, out=np.zeros_like(above), where=below != 0)
        return np.round(values, measure.digits) if measure.digits is not None else values
    total = 0
    for term, coefficient in measure.terms:
        if coefficient == YEAR:
            if years is None:
                raise ValueError(f"{measure.key} needs the date it is read on")
            coefficient = years
        total = total + coefficient * data[term]
    return total


def _frame(rows: dict, head: list, keys: Sequence[str], head_columns: list[str], years=None) -> pd.DataFrame:
    """A frame of ``head`` (row keys) x the measures ``keys`` (derived ones summed from
    their terms), each typed as declared; ``years``: the year (or per row, the years)
    the states were read on."""
    names = dependencies(keys)
    data = {}
    for key in names:
        measure = MEASURES[key]
        if measure.how == "derived":
            data[key] = _derived(measure, data, years)
        else:
            data[key] = _column([rows.get(h, {}).get(key) for h in head], measure)
    frame = pd.DataFrame({name: data[name] for name in keys})
    for i, column in enumerate(head_columns):
        frame.insert(i, column, [h[i] for h in head])
    return frame


# --- entry points -------------------------------------------------------------------------------------


def measures(conn: Connection, view: View, keys: Sequence[str], *, on: date | None = None) -> pd.DataFrame:
    """``keys`` (measures) per output row of ``view``: index group_id (each child with a
    fact, and always the total ``view.unit_id``), one column per key typed as declared
    (0, or None for a date, where nothing counts). States are read on ``on`` (default the
    report date). Children without any fact have no row (``summary.with_children`` gives
    them zeros)."""
    keys = list(keys)
    rows: dict[tuple, dict] = defaultdict(dict)
    cache: dict = {}
    for family_key, family_measures in _base_measures(keys).items():
        family = FAMILIES[family_key]
        for row in _family_rows(conn, view, family, family_measures, on=on, cache=cache):
            values = rows[(int(row[0]),)]
            for m, value in zip(family_measures, row[1:]):
                values[m.key] = value
    rows.setdefault((view.unit_id,), {})
    head = sorted(rows)
    frame = _frame(rows, head, keys, ["group_id"], (view.as_of if on is None else on).year).set_index("group_id")
    frame.index = frame.index.astype("int64")
    return frame


def by_dim(conn: Connection, view: View, keys: Sequence[str], *, on: date | None = None) -> pd.DataFrame:
    """``keys`` (measures of one family with a dimension) per output row and dimension
    value: columns group_id, dim (text), then the keys; only combinations with a fact."""
    keys = list(keys)
    (family_key, family_measures), = _base_measures(keys).items()
    found = _family_rows(conn, view, FAMILIES[family_key], family_measures, on=on,
                         by_dim=True, cache={})
    rows = {(int(r[0]), str(r[1])): dict(zip([m.key for m in family_measures], r[2:])) for r in found}
    return _frame(rows, sorted(rows), keys, ["group_id", "dim"], (view.as_of if on is None else on).year)


def monthly(conn: Connection, view: View, keys: Sequence[str]) -> pd.DataFrame:
    """``keys`` (sums of one flow family) per output row, dimension value ("" for a family
    without one) and calendar month of the family's window: columns group_id, dim, month
    (the month's first day), then the keys; only combinations with a fact."""
    keys = list(keys)
    (family_key, family_measures), = _base_measures(keys).items()
    family = FAMILIES[family_key]
    found = _family_rows(conn, view, family, family_measures, by_dim=family.dim, by_month=True, cache={})
    width = 2 + int(family.dim)
    rows = {(int(r[0]), str(r[1]) if family.dim else "", as_date(r[width - 1])):
            dict(zip([m.key for m in family_measures], r[width:])) for r in found}
    return _frame(rows, sorted(rows), keys, ["group_id", "dim", "month"])


def series(conn: Connection, view: View, keys: Sequence[str], days: Sequence[date]) -> pd.DataFrame:
    """``keys`` (sums of states) of the view's total row on each of ``days``, the units
    being those that roll up to it on the structure date (followed back in time):
    columns day, then the keys (zeros on a day with nothing)."""
    keys = list(keys)
    days = sorted(set(days))
    rows: dict[tuple, dict] = {(d,): {} for d in days}
    if days:
        total = view if view.total_only else View(view.unit_id, view.period, view.structure, view.scope, view.kinds,
                                                  view.unit_ids, view.structure_on, True)
        cache: dict = {}
        for family_key, family_measures in _base_measures(keys).items():
            family = FAMILIES[family_key]
            if any(m.how != "sum" for m in family_measures):
                raise ValueError("a series sums states")
            if tables_answer(conn, total, family, days, _cache=cache):
                found = _table_series(conn, total, family, family_measures, days)
            else:
                found = _raw_series(conn, total, family, family_measures, days)
            for day, *values in found:
                rows[(as_date(day),)].update(zip([m.key for m in family_measures], values))
    return _frame(rows, [(d,) for d in days], keys, ["day"], np.array([d.year for d in days], dtype="int64"))


def _changes(facts, values, valid_from, valid_to, where):
    """SELECT of how much ``values`` (sum aggregates over ``facts``) begin on each day and
    end on the day after each last day, among the rows valid at some time in
    [:first, :last] (a row over before :first adds and takes back its values before the
    first point: it is left out)."""
    first, last = bindparam("first", type_=Date), bindparam("last", type_=Date)
    base = select().select_from(facts).where(*where, valid_from <= last, valid_to >= first)
    starts = base.with_only_columns(valid_from.label("day"), *values).group_by(valid_from)
    ends = base.with_only_columns(days_after(valid_to, 1).label("day"), *[-v for v in values]).where(
        valid_to < last).group_by(valid_to)
    return union_all(starts, ends)


@lru_cache(maxsize=128)
def _raw_series_statement(family_key: str, keys: tuple[str, ...], shape: Shape):
    family = FAMILIES[family_key]
    facts = family.build(Narrow(groups=unit_groups(shape))).subquery("facts")
    columns = _facts_columns(facts)
    unit = facts.c.group_id == cast(bindparam("unit", type_=Integer), Integer)
    scope = scope_clause(shape, facts.c.unit_id)
    where = [unit] if scope is None else [unit, scope]
    return _changes(facts, [_aggregate(m, columns) for m in _measures_of(keys)], facts.c.valid_from,
                    facts.c.valid_to, where)


@lru_cache(maxsize=128)
def _table_series_statement(family_key: str, keys: tuple[str, ...], shape: Shape):
    """The same changes read from ``agg_state``: the pieces of the total's ancestors (every
    dimension value) are the facts, already summed per ancestor."""
    family = FAMILIES[family_key]
    goal = targets(shape)
    state = AggState.__table__.alias("s")
    joined = goal.join(state, and_(state.c.family == family.key, state.c.ancestor_id == goal.c.ancestor_id))
    where = [goal.c.group_id == cast(bindparam("unit", type_=Integer), Integer)]
    return _changes(joined, [_aggregate(m, _Named(family, state)) for m in _measures_of(keys)], state.c.valid_from,
                    state.c.valid_to, where)


def _running(found, keys: tuple[str, ...], days: Sequence[date]):
    """Per day of ``days``: the running sums of the changes ``found`` (day, *values) up to
    that day (0 before the first change)."""
    by_day: dict[date, np.ndarray] = {}
    for row in found:
        values = np.array([0.0 if v is None else float(v) for v in tuple(row)[1:]])
        day = as_date(row[0])
        by_day[day] = by_day[day] + values if day in by_day else values
    if not by_day:
        return [(day, *[0] * len(keys)) for day in days]
    steps = sorted(by_day)
    totals = np.cumsum(np.array([by_day[d] for d in steps]), axis=0)
    at = np.searchsorted(np.array(steps, dtype="datetime64[D]"), np.array(days, dtype="datetime64[D]"),
                         side="right") - 1
    return [(day, *(totals[index] if index >= 0 else [0] * len(keys))) for day, index in zip(days, at)]


def _raw_series(conn, view: View, family: Family, measures: list[Measure], days: Sequence[date]):
    """Per day of ``days``: the sums of ``measures`` over the facts valid that day. The
    database returns how much begins and ends on each day something changes (a fact
    counts from its first day and stops the day after its last); the running sums of
    those give every point: a few rows per day of change, however many facts."""
    keys = tuple(m.key for m in measures)
    found = conn.execute(_raw_series_statement(family.key, keys, shape_of(view)),
                         params_of(view, first=min(days), last=max(days))).all()
    return _running(found, keys, days)


def _table_series(conn, view: View, family: Family, measures: list[Measure], days: Sequence[date]):
    """``_raw_series`` from the tables: the same changes, over the pieces of ``agg_state``
    (a few per month of the total's ancestors, instead of a piece looked up per day and
    ancestor: 2-3x faster cold, and one statement text whatever the days)."""
    keys = tuple(m.key for m in measures)
    found = conn.execute(_table_series_statement(family.key, keys, shape_of(view)),
                         params_of(view, first=min(days), last=max(days))).all()
    return _running(found, keys, days)


__all__ = ["FORCE", "by_dim", "dependencies", "measures", "monthly", "series", "tables_answer", "targets",
           "unit_groups"]
