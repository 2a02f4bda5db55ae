"""All headline indicators for a unit's children in one small frame."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from ..structure import children, unit_by_id
from .boards import BOARD_COLUMNS, SILENT_COLUMNS, board_activity, silent_boards
from .briefings import BRIEFING_COLUMNS, briefing_regularity
from .training import TRAINING_FLOW_COLUMNS, TRAINING_STATUS_COLUMNS, training_flow, training_status
from .unified import UNIFIED_COLUMNS, unified_coverage
from .view import View

SUMMARY_COLUMNS = (
    UNIFIED_COLUMNS + TRAINING_STATUS_COLUMNS + TRAINING_FLOW_COLUMNS + BOARD_COLUMNS
    + SILENT_COLUMNS + BRIEFING_COLUMNS
)
UNIT_COLUMNS = ["unit_id", "code", "name", "kind", "level", "is_total"]


def with_children(conn: Connection, view: View, measures: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per child of ``view.unit_id`` (Vietnamese name order) and a last total row.

    Columns: unit_id, code, name, kind, level, is_total, then the measures' columns;
    children without records get zeros.
    """
    kids = children(conn, view.unit_id, view.structure_date, view.kinds, view.unit_ids)
    unit = unit_by_id(conn, view.unit_id)
    rows = kids.rename(columns={"id": "unit_id"})[["unit_id", "code", "name", "kind", "level"]].copy()
    rows["is_total"] = False
    total = pd.DataFrame([{
        "unit_id": view.unit_id, "code": unit.code if unit else "", "name": unit.name if unit else "",
        "kind": unit.kind if unit else "", "level": unit.level if unit else "", "is_total": True,
    }])
    table = pd.concat([rows, total], ignore_index=True) if not rows.empty else total
    return with_measures(table, measures)


def with_measures(table: pd.DataFrame, measures: list[pd.DataFrame]) -> pd.DataFrame:
    """``table`` (the rows of ``with_children`` without measures) with the measures'
    columns: each measure's frame (index group_id) aligned on the rows' unit ids, zeros
    for rows without records. For measures computed apart from the rows (side by side,
    ``DataService.gather``)."""
    if not measures:
        return table.astype({"unit_id": "int64"})
    # one block for every measure, aligned on the rows' unit ids (a left join of each),
    # zeros for children without records; whole-number columns as int64. Column by
    # column this was ~40 pandas operations per call, the largest cost of a cold page.
    block = pd.concat(measures, axis=1).reindex(table["unit_id"].astype("int64").to_numpy())
    values = block.to_numpy(dtype="float64", na_value=0.0)
    whole = (np.round(values) == values).all(axis=0)
    columns = {column: (values[:, i].astype("int64") if whole[i] else values[:, i])
               for i, column in enumerate(block.columns)}
    table = pd.concat([table.reset_index(drop=True).astype({"unit_id": "int64"}),
                       pd.DataFrame(columns, index=pd.RangeIndex(len(table)))], axis=1)
    return table


MEASURES = {
    "unified": unified_coverage,
    "training_status": training_status,
    "training_flow": training_flow,
    "boards": board_activity,
    "silent": silent_boards,
    "briefings": briefing_regularity,
}
# What the headline cards compare with the previous period (``definitions.HEADLINE``):
# coverage, trained cadres, active boards and recommendations, briefings.
HEADLINE_MEASURES = ("unified", "training_status", "boards", "briefings")


def summary(conn: Connection, view: View, only: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every headline indicator per child and total (columns: ``UNIT_COLUMNS`` +
    ``SUMMARY_COLUMNS``), or only the measures named in ``only`` (keys of ``MEASURES``)."""
    names = tuple(MEASURES) if only is None else only
    return with_children(conn, view, [MEASURES[name](conn, view) for name in names])
