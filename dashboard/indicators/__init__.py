"""Indicators: SQL aggregates over a unit's children, each returning a small frame.

Every function takes a connection and a ``View`` (unit, period, structure, scope,
filters) and groups in the database: one round trip per indicator, whatever the size of
the hierarchy below the unit.
"""
from .boards import BOARD_COLUMNS, SILENT_COLUMNS, board_activity, silent_boards
from .briefings import BRIEFING_COLUMNS, briefing_regularity
from .summary import SUMMARY_COLUMNS, summary, with_children
from .training import TRAINING_FLOW_COLUMNS, TRAINING_STATUS_COLUMNS, training_flow, training_status
from .unified import UNIFIED_COLUMNS, unified_coverage
from .view import STRUCTURES, View, ratio

__all__ = [
    "BOARD_COLUMNS", "BRIEFING_COLUMNS", "SILENT_COLUMNS", "silent_boards", "STRUCTURES", "SUMMARY_COLUMNS",
    "TRAINING_FLOW_COLUMNS", "TRAINING_STATUS_COLUMNS", "UNIFIED_COLUMNS", "View",
    "board_activity", "briefing_regularity", "ratio", "summary", "training_flow",
    "training_status", "unified_coverage", "with_children",
]
