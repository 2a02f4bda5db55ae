"""The pre-aggregated tables, built by the database from the fact families of the
indicator registry (``indicators.facts.FAMILIES``), never restated in Python.

``agg_state`` (state families): for each family, roll-up ancestor (above the villages) and
dimension value, the sums of the family's measure columns over the facts valid on a date
whose unit rolls up to the ancestor *on that date*, as constant pieces of time. Built in
one ``INSERT ... SELECT``: every fact row meets every ``unit_rollup`` row of its unit that
overlaps it; the overlap adds its measures on its first day and takes them away the day
after its last; the running sums of those changes per (ancestor, dimension) in day order
(a window function) are the pieces.

``agg_flow`` (flow families): per ancestor above the commune level, day, the validity of
the roll-up row that carries the facts there and dimension value, the sums of the measure
columns (``key_name`` ""), and for each of the family's keys one row per key value (for
distinct counts). A view on structure date D sums the rows with ``rollup_from <= D <=
rollup_to``, whatever the dates of the facts. A calendar family (months, quarters) is laid
out over ``facts.record_span``, written in meta ``agg_calendar``.

The tables hold one state of the data: ``rebuild`` records the data token it was built
for (meta ``preagg_token``); the engine (``indicators.engine``) reads them only while that
token is the data's, and only where they give the raw query's answer exactly (one place:
``engine.tables_answer``). Every write of records goes through ``new_data_version`` (or
the demo and synthetic loaders), which rebuilds them in the same transaction.
"""
from __future__ import annotations

import time

from sqlalchemy import Connection, Float, Integer, String, and_, cast, delete, func, insert, literal, or_, select, union_all
from sqlalchemy.orm import Session

from .db import analyze, days_after, days_before, greatest, least, new_data_token, put_meta, set_meta
from .indicators.facts import FAMILIES, Family, Narrow, record_span, tables_token
from .models import (AGG_CALENDAR_KEY, AGG_SKIPPED_LEVELS, AGG_TOKEN_KEY, OPEN_END, VALUE_COLUMNS, AggFlow, AggState,
                     AggStateKey, Meta, Unit, UnitRollup)

TOKEN_KEY, CALENDAR_KEY, SKIPPED_LEVELS = AGG_TOKEN_KEY, AGG_CALENDAR_KEY, AGG_SKIPPED_LEVELS


def _values(family: Family, columns) -> list:
    """The family's measure columns as v0.. (NULL for the unused ones)."""
    named = dict(zip(VALUE_COLUMNS, columns))
    return [named[v].label(v) if v in named else cast(literal(None), Float).label(v)
            for v in VALUE_COLUMNS]


def _rollup_pieces(facts, family: Family):
    """(rollup alias, condition on the ancestor): the ``unit_rollup`` rows from a fact's
    unit to the ancestors the tables keep."""
    rollup = UnitRollup.__table__.alias("r")
    ancestor = Unit.__table__.alias("a")
    on_ancestor = and_(ancestor.c.id == rollup.c.ancestor_id, ancestor.c.level.notin_(SKIPPED_LEVELS[family.kind]))
    return rollup, ancestor, on_ancestor


def build_state(conn: Connection, family: Family) -> int:
    """Fill ``agg_state`` (and ``agg_state_key``) for a state family; returns the rows."""
    facts = family.build(Narrow()).subquery("facts")
    rollup, ancestor, on_ancestor = _rollup_pieces(facts, family)
    dim = facts.c.dim if family.dim else literal("", String)
    low = greatest(facts.c.valid_from, rollup.c.valid_from)
    high = least(facts.c.valid_to, rollup.c.valid_to)
    measures = [facts.c[c] for c in family.columns]
    pieces = (select(rollup.c.ancestor_id.label("ancestor_id"), dim.label("dim"), low.label("low"),
                     high.label("high"), *[m.label(c) for m, c in zip(measures, family.columns)])
              .select_from(facts)
              .join(rollup, and_(rollup.c.unit_id == facts.c.unit_id, rollup.c.valid_from <= facts.c.valid_to,
                                 rollup.c.valid_to >= facts.c.valid_from))
              .join(ancestor, on_ancestor).where(low <= high).subquery("pieces"))
    key = (pieces.c.ancestor_id, pieces.c.dim)
    starts = select(*key, pieces.c.low.label("day"), *[func.sum(pieces.c[c]).label(c) for c in family.columns]) \
        .group_by(*key, pieces.c.low)
    ends = select(*key, days_after(pieces.c.high, 1).label("day"),
                  *[(-func.sum(pieces.c[c])).label(c) for c in family.columns]) \
        .where(pieces.c.high < OPEN_END).group_by(*key, pieces.c.high)
    changes = union_all(starts, ends).subquery("changes")
    net = (select(changes.c.ancestor_id, changes.c.dim, changes.c.day,
                  *[func.sum(changes.c[c]).label(c) for c in family.columns])
           .group_by(changes.c.ancestor_id, changes.c.dim, changes.c.day).subquery("net"))
    order = dict(partition_by=[net.c.ancestor_id, net.c.dim], order_by=net.c.day)
    running = select(net.c.ancestor_id, net.c.dim, net.c.day.label("valid_from"),
                     func.coalesce(days_before(func.lead(net.c.day).over(**order), 1), OPEN_END).label("valid_to"),
                     *[func.sum(net.c[c]).over(**order).label(c) for c in family.columns]).subquery("running")
    rows = (select(literal(family.key, String).label("family"), running.c.ancestor_id, running.c.dim,
                   running.c.valid_from, running.c.valid_to, *_values(family, [running.c[c] for c in family.columns]))
            .where(or_(*[running.c[c] != 0 for c in family.columns])))
    conn.execute(insert(AggState).from_select(
        ["family", "ancestor_id", "dim", "valid_from", "valid_to", *VALUE_COLUMNS], rows))
    state = AggState.__table__
    conn.execute(insert(AggStateKey).from_select(
        ["family", "ancestor_id", "dim"],
        select(state.c.family, state.c.ancestor_id, state.c.dim).where(state.c.family == family.key).distinct()))
    return conn.execute(select(func.count()).select_from(state).where(state.c.family == family.key)).scalar_one()


def build_flow(conn: Connection, family: Family, calendar=None) -> int:
    """Fill ``agg_flow`` for a flow family (``calendar``: the (first, last) days a calendar
    family lays out); returns the rows."""
    narrow = Narrow(first=calendar[0], last=calendar[1]) if calendar else Narrow()
    facts = family.build(narrow).subquery("facts")
    rollup, ancestor, on_ancestor = _rollup_pieces(facts, family)
    dim = facts.c.dim if family.dim else literal("", String)
    base = (select().select_from(facts).join(rollup, rollup.c.unit_id == facts.c.unit_id)
            .join(ancestor, on_ancestor))
    key = (rollup.c.ancestor_id, facts.c.day, rollup.c.valid_from, rollup.c.valid_to, dim)
    names = ["family", "key_name", "ancestor_id", "day", "rollup_from", "rollup_to", "dim", "key_id"]
    sums = base.with_only_columns(
        literal(family.key, String), literal("", String), *key, literal(0, Integer),
        *_values(family, [func.sum(facts.c[c]) for c in family.columns])).group_by(*key)
    conn.execute(insert(AggFlow).from_select([*names, *VALUE_COLUMNS], sums))
    for key_name in family.keys:
        keyed = base.with_only_columns(literal(family.key, String), literal(key_name, String), *key,
                                       facts.c[key_name]).group_by(*key, facts.c[key_name])
        conn.execute(insert(AggFlow).from_select(names, keyed))
    flow = AggFlow.__table__
    return conn.execute(select(func.count()).select_from(flow).where(flow.c.family == family.key)).scalar_one()


def rebuild(conn: Connection) -> dict[str, float]:
    """Recompute every pre-aggregated table from the records (call it after the records
    and ``unit_rollup`` are written, in the same transaction) and mark them valid for the
    data token now in meta; the planner's statistics are refreshed (``db.analyze``).
    Returns rows written per family and the seconds it took."""
    started = time.perf_counter()
    tables = [model.__tablename__ for model in (AggStateKey, AggState, AggFlow)]
    for model in (AggStateKey, AggState, AggFlow):
        conn.execute(delete(model))
    analyze(conn)  # the records just written: the build and the raw queries plan on them
    span = record_span(conn)
    put_meta(conn, CALENDAR_KEY, "" if span is None else f"{span[0].isoformat()}/{span[1].isoformat()}")
    out: dict[str, float] = {}
    for family in FAMILIES.values():
        if family.kind == "state":
            out[family.key] = build_state(conn, family)
        elif family.calendar is None:
            out[family.key] = build_flow(conn, family)
        elif span is not None:
            out[family.key] = build_flow(conn, family, span)
        else:
            out[family.key] = 0
    analyze(conn, tables)
    mark_valid(conn)
    out["seconds"] = round(time.perf_counter() - started, 2)
    return out


def table_meta(conn: Connection) -> dict[str, str] | None:
    """The tables' meta (the tokens, ``CALENDAR_KEY``) when they were built for the data
    now in the database by the families of this code (meta ``preagg_token`` is
    ``facts.tables_token`` of the data token), otherwise None."""
    found = dict(conn.execute(select(Meta.key, Meta.value).where(
        Meta.key.in_(("data_token", TOKEN_KEY, CALENDAR_KEY)))).all())
    if found.get(TOKEN_KEY) is None or found.get(TOKEN_KEY) != tables_token(found.get("data_token")):
        return None
    return found


def mark_valid(conn: Connection) -> None:
    """The tables now match the data token in meta (a token is drawn when there is none)
    and these families (``facts.tables_token``)."""
    token = conn.execute(select(Meta.value).where(Meta.key == "data_token")).scalar()
    if token is None:
        token = new_data_token()
        put_meta(conn, "data_token", token)
    put_meta(conn, TOKEN_KEY, tables_token(token))


def usable(conn: Connection) -> bool:
    """The pre-aggregated tables were built for the data now in the database."""
    return table_meta(conn) is not None


def new_data_version(session: Session, records_changed: bool = True) -> int:
    """Increase the data version and draw a new data token (caches are keyed on both);
    returns the new version. Every write of records calls it (imports; the demo and
    synthetic loaders write a first token themselves), and it rebuilds the pre-aggregated
    tables for the new token in the same transaction.

    ``records_changed`` False (the benchmark's cold runs: every cache must miss, no record
    was written): tables that matched the data before are marked as matching the new
    token instead of being built again, since their content cannot have changed."""
    still_valid = not records_changed and usable(session.connection())
    row = session.get(Meta, "data_version")
    version = (int(row.value) if row else 0) + 1
    set_meta(session, "data_version", str(version))
    set_meta(session, "data_token", new_data_token())
    session.flush()
    if still_valid:
        mark_valid(session.connection())
    elif records_changed:
        rebuild(session.connection())
    return version
