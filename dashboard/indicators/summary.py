"""The headline indicators of a unit's children, by page section, and all of them in one
small frame. Every column is a measure of the registry (``definitions.MEASURES``),
computed by ``indicators.engine``; the sections are ``definitions.GROUPS``."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from ..definitions import GROUPS
from ..structure import children, unit_by_id
from .engine import measures as compute
from .view import View

UNIFIED_COLUMNS = list(GROUPS["unified"])
TRAINING_STATUS_COLUMNS = list(GROUPS["training_status"])
TRAINING_FLOW_COLUMNS = list(GROUPS["training_flow"])
BOARD_COLUMNS = list(GROUPS["boards"])
SILENT_COLUMNS = list(GROUPS["silent"])
BRIEFING_COLUMNS = list(GROUPS["briefings"])
PROFILE_COLUMNS = list(GROUPS["profile"])
SUMMARY_COLUMNS = (
    UNIFIED_COLUMNS + TRAINING_STATUS_COLUMNS + TRAINING_FLOW_COLUMNS + BOARD_COLUMNS
    + SILENT_COLUMNS + BRIEFING_COLUMNS + PROFILE_COLUMNS
)
UNIT_COLUMNS = ["unit_id", "code", "name", "kind", "level", "is_total"]


def unified_coverage(conn: Connection, view: View) -> pd.DataFrame:
    """Villages on the report date, unified, first-time holders, vacant secretary and
    head posts (index group_id)."""
    return compute(conn, view, UNIFIED_COLUMNS)


def training_status(conn: Connection, view: View) -> pd.DataFrame:
    """Cadres in post on the report date, trained, first-time, first-time untrained."""
    return compute(conn, view, TRAINING_STATUS_COLUMNS)


def training_flow(conn: Connection, view: View) -> pd.DataFrame:
    """Courses that ended in the period, participations, people, completed, certificates,
    days attended and held, counted where the learners came from."""
    return compute(conn, view, TRAINING_FLOW_COLUMNS)


def board_activity(conn: Connection, view: View) -> pd.DataFrame:
    """Boards whose term meets the period (by kind), active boards, and what they did."""
    return compute(conn, view, BOARD_COLUMNS)


def silent_boards(conn: Connection, view: View) -> pd.DataFrame:
    """Boards in office for the whole last complete quarter with no activity in it."""
    return compute(conn, view, SILENT_COLUMNS)


def briefing_regularity(conn: Connection, view: View) -> pd.DataFrame:
    """Months due and months with a briefing among the period's complete months."""
    return compute(conn, view, BRIEFING_COLUMNS)


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


def cadre_profile(conn: Connection, view: View) -> pd.DataFrame:
    """Who the cadres in post are on the report date: people with a birth year, their
    average age, posts whose holder has theory, qualification trung cấp or above, general
    education 12/12, an ethnic minority; posts opening the term in force and re-elected."""
    return compute(conn, view, PROFILE_COLUMNS)


MEASURES = {
    "unified": unified_coverage,
    "training_status": training_status,
    "training_flow": training_flow,
    "boards": board_activity,
    "silent": silent_boards,
    "briefings": briefing_regularity,
    "profile": cadre_profile,
}
# What the headline cards compare with the previous period (``definitions.HEADLINE``):
# coverage, trained cadres, active boards and recommendations, briefings.
HEADLINE_MEASURES = ("unified", "training_status", "boards", "briefings")


def summary(conn: Connection, view: View, only: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every headline indicator per child and total (columns: ``UNIT_COLUMNS`` +
    ``SUMMARY_COLUMNS``), or only the sections named in ``only`` (keys of ``MEASURES``)."""
    names = tuple(MEASURES) if only is None else only
    return with_children(conn, view, [MEASURES[name](conn, view) for name in names])
