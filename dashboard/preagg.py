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
from datetime import timedelta

from sqlalchemy import (Column, Connection, Date, Float, Integer, MetaData, String, Table, and_, case, cast, delete, func,
                        insert, literal, or_, select, union, union_all)
from sqlalchemy.orm import Session

from .db import (EARLIEST, analyze, as_date, calendar_period, days_after, days_before, greatest, least, new_data_token, put_meta,
                 set_meta)
from .indicators.facts import FAMILIES, Family, Narrow, record_span, tables_token
from .models import (AGG_CALENDAR_KEY, AGG_SKIPPED_LEVELS, AGG_TOKEN_KEY, FIRSTS_ALL_DIMS, FIRSTS_KINDS, OPEN_END,
                     VALUE_COLUMNS, AggFlow, AggState, AggStateKey, Meta, Unit, UnitRollup, firsts_name, rolling_name)
from .periods import trailing_end

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
        build_firsts(conn, family, key_name)
        build_rolling(conn, family, key_name)
    flow = AggFlow.__table__
    return conn.execute(select(func.count()).select_from(flow).where(flow.c.family == family.key)).scalar_one()


def _seen(family: Family, key_name: str):
    """The days each value of the key is seen, per ancestor, *epoch* and dimension value:
    (ancestor_id, e_from, e_to, dim, key_id, day), each once.

    An epoch ([e_from, e_to]) is a stretch of time over which the same key rows of the
    ancestor are read on every structure date (the ancestor's roll-up validities neither
    begin nor end inside it), so that a value read from two roll-up rows on a date counts
    once. Dimension ``FIRSTS_ALL_DIMS`` (families with a dimension): over all the
    dimension values together."""
    flow = AggFlow.__table__
    keyed = flow.alias("k")
    spans = (select(flow.c.ancestor_id, flow.c.rollup_from, flow.c.rollup_to)
             .where(flow.c.family == family.key, flow.c.key_name == key_name).distinct().subquery("spans"))
    bounds = union(select(spans.c.ancestor_id, spans.c.rollup_from.label("b")),
                   select(spans.c.ancestor_id, days_after(spans.c.rollup_to, 1))
                   .where(spans.c.rollup_to < OPEN_END)).subquery("bounds")
    following = func.lead(bounds.c.b).over(partition_by=bounds.c.ancestor_id, order_by=bounds.c.b)
    epochs = select(bounds.c.ancestor_id, bounds.c.b.label("e_from"),
                    func.coalesce(days_before(following, 1), OPEN_END).label("e_to")).subquery("epochs")
    on_epoch = and_(epochs.c.ancestor_id == keyed.c.ancestor_id, keyed.c.rollup_from <= epochs.c.e_from,
                    epochs.c.e_to <= keyed.c.rollup_to)
    mine = and_(keyed.c.family == family.key, keyed.c.key_name == key_name)
    dims = [keyed.c.dim] + ([literal(FIRSTS_ALL_DIMS, String)] if family.dim else [])
    reads = [select(epochs.c.ancestor_id, epochs.c.e_from, epochs.c.e_to, dim.label("dim"),
                    keyed.c.key_id, keyed.c.day).select_from(keyed).join(epochs, on_epoch).where(mine)
             for dim in dims]
    return (union(*reads) if len(reads) > 1 else reads[0].distinct()).subquery("seen")


_FLOW_NAMES = ["family", "key_name", "ancestor_id", "day", "rollup_from", "rollup_to", "dim", "key_id"]


def build_firsts(conn: Connection, family: Family, key_name: str) -> None:
    """Rows (``key_name`` ``firsts_name(key_name)``) that make a distinct count of the key
    over a window opening a calendar period a sum: per ancestor, epoch (``_seen``; its
    bounds in ``rollup_from`` and ``rollup_to``), dimension value and day, how many of the
    key's values appear that day for the first time in their calendar year (``v0``),
    quarter (``v1``), month (``v2``), and how many appear that day (``v3``). Over [a, b]
    inside one year (quarter, month) beginning on a, the distinct count is the sum of
    ``v0`` (``v1``, ``v2``); over one day, ``v3``."""
    seen = _seen(family, key_name)
    whose = [seen.c.ancestor_id, seen.c.e_from, seen.c.dim, seen.c.key_id]
    flags = [case((seen.c.day == func.min(seen.c.day).over(partition_by=[*whose, calendar_period(seen.c.day, kind)]),
                   1), else_=0).label(kind) for kind in FIRSTS_KINDS[:3]]
    flagged = select(seen.c.ancestor_id, seen.c.e_from, seen.c.e_to, seen.c.dim, seen.c.day, *flags).subquery("f")
    head = [flagged.c.ancestor_id, flagged.c.day, flagged.c.e_from, flagged.c.e_to, flagged.c.dim]
    rows = select(literal(family.key, String), literal(firsts_name(key_name), String), *head, literal(0, Integer),
                  *[func.sum(flagged.c[kind]) for kind in FIRSTS_KINDS[:3]], func.count()).group_by(*head)
    conn.execute(insert(AggFlow).from_select([*_FLOW_NAMES, *VALUE_COLUMNS[:len(FIRSTS_KINDS)]], rows))


def build_rolling(conn: Connection, family: Family, key_name: str) -> None:
    """Rows (``key_name`` ``rolling_name(key_name)``) holding the distinct count of the key
    over the 12 months up to each report date (a day's flows, ``periods.trailing_start``):
    per ancestor, epoch and dimension value (as ``build_firsts``), from ``day`` on until
    the next row's day, ``v0`` values were seen in the 12 months up to the date (each
    such series begins with 0 on ``db.EARLIEST``, where a reader finds it).

    A value seen on day t counts on the report dates [t, ``periods.trailing_end(t)``];
    its days seen, in order, add one where a stretch of such dates begins and take it
    away the day after it ends; the running sum per ancestor, epoch and dimension value
    is the count."""
    flow = AggFlow.__table__
    span = conn.execute(select(func.min(flow.c.day), func.max(flow.c.day))
                        .where(flow.c.family == family.key, flow.c.key_name == key_name)).one()
    if span[0] is None:
        return
    first, last = as_date(span[0]), as_date(span[1])
    seen = _seen(family, key_name)
    ends = Table("rolling_end", MetaData(), Column("day", Date, primary_key=True), Column("until", Date),
                 prefixes=["TEMPORARY"])
    ends.create(conn)
    try:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        conn.execute(insert(ends), [{"day": d, "until": trailing_end(d)} for d in days])
        whose = [seen.c.ancestor_id, seen.c.e_from, seen.c.dim, seen.c.key_id]
        order = dict(partition_by=whose, order_by=seen.c.day)
        spells = (select(seen.c.ancestor_id, seen.c.e_from, seen.c.e_to, seen.c.dim, seen.c.day,
                         ends.c.until, func.lag(ends.c.until).over(**order).label("before_until"),
                         func.lead(seen.c.day).over(**order).label("next_day"))
                  .select_from(seen).join(ends, ends.c.day == seen.c.day).subquery("spells"))
        head = [spells.c.ancestor_id, spells.c.e_from, spells.c.e_to, spells.c.dim]
        begins = (select(*head, spells.c.day.label("day"), func.count().label("change"))
                  .where(or_(spells.c.before_until.is_(None), spells.c.day > spells.c.before_until))
                  .group_by(*head, spells.c.day))
        stops = (select(*head, days_after(spells.c.until, 1).label("day"), (-func.count()).label("change"))
                 .where(or_(spells.c.next_day.is_(None), spells.c.next_day > spells.c.until))
                 .group_by(*head, spells.c.until))
        changes = union_all(begins, stops).subquery("changes")
        at = [changes.c.ancestor_id, changes.c.e_from, changes.c.e_to, changes.c.dim]
        net = select(*at, changes.c.day, func.sum(changes.c.change).label("change")).group_by(
            *at, changes.c.day).subquery("net")
        running = func.sum(net.c.change).over(partition_by=[net.c.ancestor_id, net.c.e_from, net.c.dim],
                                              order_by=net.c.day)
        name = literal(rolling_name(key_name), String)
        rows = select(literal(family.key, String), name, net.c.ancestor_id, net.c.day, net.c.e_from, net.c.e_to,
                      net.c.dim, literal(0, Integer), running)
        conn.execute(insert(AggFlow).from_select([*_FLOW_NAMES, "v0"], rows))
    finally:
        ends.drop(conn)
    # each series begins with nothing on EARLIEST: a reader finds the series there
    mine = and_(flow.c.family == family.key, flow.c.key_name == rolling_name(key_name))
    starts = select(flow.c.family, flow.c.key_name, flow.c.ancestor_id, literal(EARLIEST, Date), flow.c.rollup_from,
                    flow.c.rollup_to, flow.c.dim, literal(0, Integer), literal(0, Float)).where(mine).distinct()
    conn.execute(insert(AggFlow).from_select([*_FLOW_NAMES, "v0"], starts))


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
