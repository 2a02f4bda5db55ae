"""What every indicator query is asked: which unit, which period, which structure, whose
scope, which children. One frozen object, so it can key a cache."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Connection, and_, select

from ..periods import Period
from ..scope import Scope
from ..models import UnitRollup
from ..structure import group_targets

STRUCTURES = ("as-of", "current")


@dataclass(frozen=True)
class View:
    """A unit and its children for a period.

    unit_id: the unit whose children are the rows (the total row has this id).
    period: the reporting period; states are read on ``period.as_of``.
    structure: "as-of" (children as they were on ``period.as_of``) or "current"
        (children as they are on ``period.today``, history rolled up onto them).
    scope: records outside it are left out of every number.
    kinds, unit_ids: keep only children of these kinds / ids (empty: all).
    structure_on: when set, children are taken on this date whatever the structure
        (to compare a previous period on the same children).
    """

    unit_id: int
    period: Period
    structure: str = "as-of"
    scope: Scope = field(default_factory=Scope.everything)
    kinds: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()
    structure_on: date | None = None  # overrides the structure date (comparisons)
    total_only: bool = False  # only the total row is computed (children get zeros)

    @property
    def as_of(self) -> date:
        return self.period.as_of

    @property
    def structure_date(self) -> date:
        if self.structure_on is not None:
            return self.structure_on
        return self.period.today if self.structure == "current" else self.period.as_of

    def targets(self):
        return group_targets(self.unit_id, self.structure_date, self.kinds, self.unit_ids, self.total_only)

    def cache_key(self) -> str:
        p = self.period
        return (
            f"u{self.unit_id}|{p.kind}:{p.start}:{p.end}:{p.today}|{self.structure}"
            f"|{self.structure_on}|{self.scope.cache_key()}|{','.join(self.kinds)}"
            f"|{','.join(map(str, self.unit_ids))}|{'total' if self.total_only else 'all'}"
        )


def join_groups(query, unit_column, view: View):
    """``query`` joined from a fact's unit, through the roll-up, to its output group.

    Returns (query, group_id column). Group by that column: one row per child of
    ``view.unit_id`` plus the total row (see ``structure.group_targets``).
    """
    targets = view.targets()
    rollup = UnitRollup.__table__.alias("r")
    day = view.structure_date
    query = query.join(
        rollup,
        and_(rollup.c.unit_id == unit_column, rollup.c.valid_from <= day, rollup.c.valid_to >= day),
    ).join(targets, targets.c.ancestor_id == rollup.c.ancestor_id)
    return query, targets.c.group_id


def unit_groups(view: View):
    """Subquery (unit_id, group_id): the units that roll up, on the structure date, to an
    output row of ``view`` (a child, or the total). Units, not records: small enough to
    narrow a fact table by an indexed ``IN`` before anything is joined."""
    targets = view.targets()
    rollup = UnitRollup.__table__.alias("r_units")
    day = view.structure_date
    return (
        select(rollup.c.unit_id.label("unit_id"), targets.c.group_id.label("group_id"))
        .join(targets, targets.c.ancestor_id == rollup.c.ancestor_id)
        .where(rollup.c.valid_from <= day, rollup.c.valid_to >= day)
        .subquery("unit_groups")
    )


def frame(conn: Connection, query, columns: list[str]) -> pd.DataFrame:
    """Run ``query`` and return its rows as a frame with ``columns`` (ints stay ints)."""
    rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=columns)


def ratio(numerator, denominator):
    """numerator / denominator, or None when the denominator is 0 ("no data")."""
    if denominator in (None, 0) or pd.isna(denominator):
        return None
    return numerator / denominator


def by_group(result: pd.DataFrame, view: View, columns: list[str]) -> pd.DataFrame:
    """``result`` (with a group_id column) indexed by group_id, numeric, and always with a
    total row (id ``view.unit_id``, zeros when nothing was found). Children with no
    records have no row: ``summary.with_children`` fills them in."""
    out = result.set_index("group_id")[columns] if not result.empty else pd.DataFrame(
        {c: pd.Series(dtype="int64") for c in columns}, index=pd.Index([], name="group_id"))
    if view.unit_id not in out.index:
        out.loc[view.unit_id] = 0
    out = out.fillna(0)
    # SQLite gives ints and floats; PostgreSQL gives Decimal for SUMs (object columns)
    objects = [column for column in columns if out[column].dtype == object]
    if objects:
        out[objects] = out[objects].apply(pd.to_numeric)
    out.index = out.index.astype("int64")
    out.index.name = "group_id"
    return out


__all__ = ["STRUCTURES", "View", "by_group", "frame", "join_groups", "ratio", "select", "unit_groups"]
