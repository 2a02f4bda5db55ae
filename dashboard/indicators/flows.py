"""Reading the flow tables of ``dashboard.preagg`` (``activity_flow``,
``briefing_flow``): when they answer a view, and their sums per output row."""
from __future__ import annotations

from sqlalchemy import Connection, and_, func, select

from ..models import Unit
from .view import View


def flow_meta(conn: Connection, view: View) -> dict[str, str] | None:
    """The flow tables' meta (``preagg.flow_meta``) when they can answer ``view``: the
    scope is everything, no output row is at the commune or village level (the tables
    hold ancestors above it) and the tables were built for the data now there. None
    otherwise. Any structure date: the rows carry their roll-up validity."""
    from .. import preagg

    if not view.scope.is_everything:
        return None
    targets = view.targets()
    low = conn.execute(
        select(Unit.id).join(targets, targets.c.ancestor_id == Unit.id)
        .where(Unit.level.in_(preagg.FLOW_SKIPPED_LEVELS)).limit(1)
    ).first()
    return None if low is not None else preagg.flow_meta(conn)


def flow_sums(view: View, table, time_column: str, first, last, columns: list[str]):
    """Subquery (group_id, *columns): per output row of ``view``, the sums of
    ``columns`` of a flow table over its rows with ``time_column`` in [first, last]
    whose roll-up row is valid on the structure date (one index range per ancestor on
    the table's key (ancestor_id, time, rollup_from, rollup_to))."""
    targets = view.targets()
    day = view.structure_date
    return (
        select(targets.c.group_id.label("group_id"), *(func.sum(table.c[c]).label(c) for c in columns))
        .select_from(targets)
        .join(table, and_(table.c.ancestor_id == targets.c.ancestor_id,
                          table.c[time_column] >= first, table.c[time_column] <= last,
                          table.c.rollup_from <= day, table.c.rollup_to >= day))
        .group_by(targets.c.group_id)
        .subquery("flow_sums")
    )
