"""Who may see what: the scope every data-layer query takes.

A scope is a set of unit ids. A record is visible when its unit belongs, on the
structure of ``today``, to one of them (so a ward's leader also sees the history of the
communes and villages that make up the ward today). ``Scope.everything()`` is for the
CLI and for users entitled to all units; ``Scope.nothing()`` is the default (deny).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select

from .models import UnitRollup
from .structure import children_query


@dataclass(frozen=True)
class Scope:
    unit_ids: frozenset[int] | None  # None: every unit
    today: date | None = None

    @classmethod
    def everything(cls) -> "Scope":
        return cls(None)

    @classmethod
    def nothing(cls) -> "Scope":
        return cls(frozenset())

    @classmethod
    def of_units(cls, unit_ids, today: date) -> "Scope":
        return cls(frozenset(int(u) for u in unit_ids), today)

    @property
    def is_everything(self) -> bool:
        return self.unit_ids is None

    def cache_key(self) -> str:
        if self.unit_ids is None:
            return "*"
        return ",".join(str(u) for u in sorted(self.unit_ids)) + f"@{self.today}"

    def clause(self, unit_column):
        """A WHERE clause restricting ``unit_column`` to the scope (None: no restriction)."""
        if self.unit_ids is None:
            return None
        if not self.unit_ids:
            return unit_column.is_(None) & unit_column.isnot(None)  # always false
        visible = select(UnitRollup.unit_id).where(
            and_(
                UnitRollup.ancestor_id.in_(sorted(self.unit_ids)),
                UnitRollup.valid_from <= self.today,
                UnitRollup.valid_to >= self.today,
            )
        )
        return unit_column.in_(visible)


def restrict(query, unit_column, scope: Scope):
    """``query`` with the scope's WHERE clause added, when there is one."""
    clause = scope.clause(unit_column)
    return query if clause is None else query.where(clause)


# --- what a scope allows on a page -------------------------------------------------------

INSIDE, ABOVE, NONE, ALL = "inside", "above", "none", "all"


def _in_scope_today(scope: Scope, rollup):
    return and_(rollup.c.ancestor_id.in_(sorted(scope.unit_ids)),
                rollup.c.valid_from <= scope.today, rollup.c.valid_to >= scope.today)


def _reaches_scope(scope: Scope, ancestor_column, on: date):
    """Units under ``ancestor_column`` on ``on`` of which one rolls up to the scope today."""
    below = UnitRollup.__table__.alias("below")
    today = UnitRollup.__table__.alias("today")
    return (select(below.c.ancestor_id)
            .join(today, today.c.unit_id == below.c.unit_id)
            .where(below.c.ancestor_id == ancestor_column, below.c.valid_from <= on, below.c.valid_to >= on,
                   _in_scope_today(scope, today))
            .exists())


def unit_access(conn, scope: Scope, unit_id: int, on: date) -> str:
    """How much of unit ``unit_id`` (on structure date ``on``) the scope may see:

    ALL     the scope is everything;
    INSIDE  the unit rolls up today to a scope unit: the page shows it (every figure is
            still restricted to the scope's records);
    ABOVE   the unit is above the scope (the town, for a commune's leader): only the
            children that reach the scope may be shown, and the total is theirs;
    NONE    nothing of it: the page is refused.
    """
    if scope.is_everything:
        return ALL
    if not scope.unit_ids:
        return NONE
    rollup = UnitRollup.__table__.alias("r")
    inside = conn.execute(select(rollup.c.unit_id).where(rollup.c.unit_id == unit_id,
                                                         _in_scope_today(scope, rollup)).limit(1)).first()
    if inside is not None:
        return INSIDE
    from sqlalchemy import literal

    above = conn.execute(select(_reaches_scope(scope, literal(unit_id), on))).scalar()
    return ABOVE if above else NONE


def visible_children(conn, scope: Scope, unit_id: int, on: date) -> tuple[int, ...]:
    """Ids of the children of ``unit_id`` on ``on`` that the scope reaches (for ABOVE)."""
    kids = children_query(unit_id, on).subquery()
    rows = conn.execute(select(kids.c.id).where(_reaches_scope(scope, kids.c.id, on))).all()
    return tuple(sorted(int(r[0]) for r in rows))
