"""The administrative structure over time: which unit is where on a date.

The hierarchy's depth is data. The root on a date is the top unit valid that day (the
town until 30/06/2025 and the Quảng Yên area after, in the demo; a country in a national
dataset). Every page shows one unit and its children on a *structure date*: the date of
the figures ("as it was") or today ("today's structure", history rolled up).
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, delete, func, insert, literal, select, union_all

from .db import valid_on
from .models import OPEN_END, Term, Unit, UnitMembership, UnitRollup, UnitSuccession
from .text import vi_sort_key


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    level: str
    valid_from: date
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_village(self) -> bool:
        return self.level == "village"


def _unit_info(row) -> UnitInfo:
    return UnitInfo(row.id, row.code, row.name, row.kind, row.level, row.valid_from, row.valid_to)


_UNIT_COLUMNS = (Unit.id, Unit.code, Unit.name, Unit.kind, Unit.level, Unit.valid_from, Unit.valid_to)


# --- the derived roll-up table ---------------------------------------------------------


def compute_rollup(units, memberships, successions) -> list[tuple[int, int, date, date]]:
    """Rows (unit, ancestor, from, to) of the roll-up table.

    units: iterable of (id, valid_from, valid_to); memberships: (child, parent, from, to);
    successions: (predecessor, successor, is_primary). On a structure date ``s`` a unit's
    records count toward every ancestor it has on ``s``; after the unit ended they count
    toward its primary successor's ancestors (or, lacking one, its last parent's).
    """
    validity = {uid: (vf, vt or OPEN_END) for uid, vf, vt in units}
    parents: dict[int, list[tuple[int, date, date]]] = defaultdict(list)
    for child, parent, vf, vt in memberships:
        parents[child].append((parent, vf, vt or OPEN_END))
    heirs: dict[int, int] = {}
    for predecessor, successor, is_primary in successions:
        if is_primary or predecessor not in heirs:
            heirs[predecessor] = successor

    memo: dict[int, list[tuple[int, date, date]]] = {}
    visiting: set[int] = set()

    def rollup(uid: int) -> list[tuple[int, date, date]]:
        if uid in memo:
            return memo[uid]
        if uid in visiting:
            raise ValueError(f"the unit hierarchy has a cycle through unit id {uid}")
        visiting.add(uid)
        vf, vt = validity[uid]
        rows = [(uid, vf, vt)]
        for parent, mf, mt in parents.get(uid, ()):
            for ancestor, af, at in rollup(parent):
                lo, hi = max(af, mf), min(at, mt)
                if lo <= hi:
                    rows.append((ancestor, lo, hi))
        if vt != OPEN_END:
            heir = heirs.get(uid)
            if heir is None and parents.get(uid):
                heir = max(parents[uid], key=lambda p: p[2])[0]  # the last parent
            if heir is not None and heir != uid:
                after = vt + timedelta(days=1)
                for ancestor, af, at in rollup(heir):
                    lo = max(af, after)
                    if lo <= at:
                        rows.append((ancestor, lo, at))
        visiting.discard(uid)
        memo[uid] = _merge_intervals(rows)
        return memo[uid]

    out = []
    for uid in validity:
        out.extend((uid, ancestor, lo, hi) for ancestor, lo, hi in rollup(uid))
    return out


def _merge_intervals(rows):
    by_ancestor: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for ancestor, lo, hi in rows:
        by_ancestor[ancestor].append((lo, hi))
    merged = []
    for ancestor, spans in by_ancestor.items():
        spans.sort()
        cur_lo, cur_hi = spans[0]
        for lo, hi in spans[1:]:
            adjacent = cur_hi == OPEN_END or lo <= cur_hi + timedelta(days=1)
            if adjacent:
                cur_hi = max(cur_hi, hi)
            else:
                merged.append((ancestor, cur_lo, cur_hi))
                cur_lo, cur_hi = lo, hi
        merged.append((ancestor, cur_lo, cur_hi))
    return merged


def rebuild_rollup(conn: Connection) -> int:
    """Recompute ``unit_rollup`` from units, memberships and successions; returns rows."""
    units = conn.execute(select(Unit.id, Unit.valid_from, Unit.valid_to)).all()
    memberships = conn.execute(
        select(UnitMembership.child_id, UnitMembership.parent_id,
               UnitMembership.valid_from, UnitMembership.valid_to)
    ).all()
    successions = conn.execute(
        select(UnitSuccession.predecessor_id, UnitSuccession.successor_id, UnitSuccession.is_primary)
    ).all()
    rows = compute_rollup(units, memberships, successions)
    conn.execute(delete(UnitRollup))
    batch = 20_000
    for i in range(0, len(rows), batch):
        conn.execute(
            insert(UnitRollup),
            [
                {"unit_id": u, "ancestor_id": a, "valid_from": lo, "valid_to": hi}
                for u, a, lo, hi in rows[i : i + batch]
            ],
        )
    return len(rows)


# --- looking units up ------------------------------------------------------------------


def unit_by_id(conn: Connection, unit_id: int) -> UnitInfo | None:
    row = conn.execute(select(*_UNIT_COLUMNS).where(Unit.id == unit_id)).first()
    return _unit_info(row) if row else None


def resolve_unit(conn: Connection, code: str, on: date) -> UnitInfo | None:
    """The unit with ``code`` valid on ``on``; failing that, the last one with that code
    that started before ``on``, or the first one after it (the caller can then say
    "not valid on this date"). None when no unit ever had the code."""
    rows = [_unit_info(r) for r in conn.execute(
        select(*_UNIT_COLUMNS).where(Unit.code == code).order_by(Unit.valid_from)
    )]
    if not rows:
        return None
    for unit in rows:
        if unit.valid_on(on):
            return unit
    before = [u for u in rows if u.valid_from <= on]
    return before[-1] if before else rows[0]


def root_units(conn: Connection, on: date) -> list[UnitInfo]:
    """Units valid on ``on`` that have no parent on that date, highest level first."""
    # NOT EXISTS by the (child_id, valid_from) index: NOT IN built the set of every
    # child of the date first (100 000 villages in a national dataset)
    has_parent = select(UnitMembership.id).where(
        UnitMembership.child_id == Unit.id,
        valid_on(UnitMembership.valid_from, UnitMembership.valid_to, on),
    ).exists()
    rows = conn.execute(
        select(*_UNIT_COLUMNS).where(
            valid_on(Unit.valid_from, Unit.valid_to, on), ~has_parent,
            Unit.level != "village",
        )
    ).all()
    order = {"country": 0, "province": 1, "district": 2, "commune": 3, "village": 4}
    return sorted((_unit_info(r) for r in rows), key=lambda u: (order.get(u.level, 9), u.code))


ROOT_LEVELS = ("country", "province", "district", "commune")


def _parentless(conn: Connection, on: date, level: str) -> list[UnitInfo]:
    has_parent = select(UnitMembership.id).where(
        UnitMembership.child_id == Unit.id,
        valid_on(UnitMembership.valid_from, UnitMembership.valid_to, on),
    ).exists()
    rows = conn.execute(select(*_UNIT_COLUMNS).where(
        Unit.level == level, valid_on(Unit.valid_from, Unit.valid_to, on), ~has_parent)).all()
    return sorted((_unit_info(r) for r in rows), key=lambda u: u.code)


def root_unit(conn: Connection, on: date) -> UnitInfo | None:
    """The root of the dashboard on ``on``: the top unit valid that day. When several
    top units exist, the highest-level one with the most descendants.

    Level by level from the top (by the (level, valid_from) index): a country's root is
    found among the country-level units alone, not by checking every commune for a
    parent (~50 ms for 10 000 communes)."""
    candidates: list[UnitInfo] = []
    for level in ROOT_LEVELS:
        candidates = _parentless(conn, on, level)
        if candidates:
            break
    else:
        roots = root_units(conn, on)  # units of a level this code does not name
        if not roots:
            return None
        candidates = [u for u in roots if u.level == roots[0].level]
    if len(candidates) == 1:
        return candidates[0]
    counts = dict(conn.execute(
        select(UnitRollup.ancestor_id, func.count())
        .where(UnitRollup.ancestor_id.in_([u.id for u in candidates]),
               UnitRollup.valid_from <= on, UnitRollup.valid_to >= on)
        .group_by(UnitRollup.ancestor_id)
    ).all())
    return max(candidates, key=lambda u: (counts.get(u.id, 0), u.code))


def children_query(unit_id: int, on: date, kinds=(), unit_ids=()):
    """SELECT of the children of ``unit_id`` on ``on`` (id, code, name, kind, level)."""
    query = (
        select(*_UNIT_COLUMNS)
        .join(UnitMembership, UnitMembership.child_id == Unit.id)
        .where(
            UnitMembership.parent_id == unit_id,
            valid_on(UnitMembership.valid_from, UnitMembership.valid_to, on),
            valid_on(Unit.valid_from, Unit.valid_to, on),
        )
    )
    if kinds:
        query = query.where(Unit.kind.in_(list(kinds)))
    if unit_ids:
        query = query.where(Unit.id.in_(list(unit_ids)))
    return query


def children(conn: Connection, unit_id: int, on: date, kinds=(), unit_ids=()) -> pd.DataFrame:
    """Children of ``unit_id`` on ``on``, sorted by Vietnamese collation of the name.

    Columns: id, code, name, kind, level, valid_from, valid_to.
    """
    rows = conn.execute(children_query(unit_id, on, kinds, unit_ids)).all()
    frame = pd.DataFrame(rows, columns=["id", "code", "name", "kind", "level", "valid_from", "valid_to"])
    if frame.empty:
        return frame
    frame["_key"] = frame["name"].map(vi_sort_key)
    return frame.sort_values(["_key", "code"]).drop(columns="_key").reset_index(drop=True)


@lru_cache(maxsize=512)
def group_targets(unit_id: int, on: date, kinds=(), unit_ids=(), total_only: bool = False):
    """A subquery (ancestor_id, group_id) that maps roll-up ancestors to output rows.

    Each child of ``unit_id`` on ``on`` is its own group; the total row (group_id =
    ``unit_id``) is the unit itself when no filter is set, and the filtered children
    together otherwise. Join facts through ``unit_rollup`` to ``ancestor_id`` and GROUP BY
    ``group_id``: one query gives every child and the total. ``total_only``: the total
    row alone (half the work at the root, where every record counts twice otherwise).
    Pure (no database): the same arguments give the same construct, kept (an indicator
    page asks for it a dozen times).
    """
    kids = children_query(unit_id, on, kinds, unit_ids).subquery()
    per_child = select(kids.c.id.label("ancestor_id"), kids.c.id.label("group_id"))
    if kinds or unit_ids:
        total = select(kids.c.id.label("ancestor_id"), literal(unit_id).label("group_id"))
    else:
        total = select(literal(unit_id).label("ancestor_id"), literal(unit_id).label("group_id"))
    if total_only:
        return total.subquery("targets")
    return union_all(per_child, total).subquery("targets")


def rollup_unchanged(conn: Connection, targets, first: date, second: date) -> bool:
    """Whether every unit rolls up to each ancestor of ``targets`` (a subquery with an
    ``ancestor_id`` column, ``group_targets``) on ``first`` exactly when it does on
    ``second``: no ``unit_rollup`` row to one of them begins after the earlier date and
    on or before the later, or ends on or after the earlier and before the later (a row
    valid on one date only does one of the two). Two range reads per ancestor
    (``ix_rollup_ancestor``, ``ix_rollup_ancestor_to``)."""
    if first == second:
        return True
    lo, hi = min(first, second), max(first, second)
    ancestors = select(targets.c.ancestor_id).scalar_subquery()
    begins = select(UnitRollup.id).where(UnitRollup.ancestor_id.in_(ancestors), UnitRollup.valid_from > lo,
                                         UnitRollup.valid_from <= hi).limit(1)
    ends = select(UnitRollup.id).where(UnitRollup.ancestor_id.in_(ancestors), UnitRollup.valid_to >= lo,
                                       UnitRollup.valid_to < hi).limit(1)
    return conn.execute(begins).first() is None and conn.execute(ends).first() is None


def ancestors(conn: Connection, unit_id: int, on: date) -> list[UnitInfo]:
    """The chain from the root down to the unit itself on ``on`` (for breadcrumbs)."""
    chain = []
    seen = set()
    current = unit_by_id(conn, unit_id)
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        parent = conn.execute(
            select(UnitMembership.parent_id).where(
                UnitMembership.child_id == current.id,
                valid_on(UnitMembership.valid_from, UnitMembership.valid_to, on),
            )
        ).scalar()
        current = unit_by_id(conn, parent) if parent is not None else None
    return list(reversed(chain))


def successors(conn: Connection, unit_id: int) -> list[tuple[UnitInfo, date, bool]]:
    """Where a unit went when it ended: (successor, date, primary)."""
    rows = conn.execute(
        select(*_UNIT_COLUMNS, UnitSuccession.date, UnitSuccession.is_primary)
        .join(UnitSuccession, UnitSuccession.successor_id == Unit.id)
        .where(UnitSuccession.predecessor_id == unit_id)
    ).all()
    return [(_unit_info(r), r.date, bool(r.is_primary)) for r in rows]


def predecessors(conn: Connection, unit_id: int) -> list[tuple[UnitInfo, date, bool]]:
    """The units a unit was formed from: (predecessor, date, primary)."""
    rows = conn.execute(
        select(*_UNIT_COLUMNS, UnitSuccession.date, UnitSuccession.is_primary)
        .join(UnitSuccession, UnitSuccession.predecessor_id == Unit.id)
        .where(UnitSuccession.successor_id == unit_id)
    ).all()
    return sorted(((_unit_info(r), r.date, bool(r.is_primary)) for r in rows),
                  key=lambda t: vi_sort_key(t[0].name))


def terms(conn: Connection) -> list[tuple[str, date, date]]:
    """All terms as (code, start, end), oldest first."""
    return [tuple(r) for r in conn.execute(
        select(Term.code, Term.start_date, Term.end_date).order_by(Term.start_date)
    )]


def count_descendants(conn: Connection, unit_id: int, on: date, level: str) -> int:
    """How many units of ``level`` roll up to ``unit_id`` on ``on`` and are valid then."""
    return conn.execute(
        select(func.count())
        .select_from(UnitRollup)
        .join(Unit, Unit.id == UnitRollup.unit_id)
        .where(
            UnitRollup.ancestor_id == unit_id,
            UnitRollup.valid_from <= on,
            UnitRollup.valid_to >= on,
            Unit.level == level,
            valid_on(Unit.valid_from, Unit.valid_to, on),
        )
    ).scalar_one()
