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
