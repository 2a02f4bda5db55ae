"""Indicators: every number of the dashboard is a measure of the registry
(``dashboard.definitions.MEASURES``) over a family of facts (``facts``), computed by one
engine (``engine``) for a unit's children and their total, on any date and either
structure, in one grouped query per family (or from the pre-aggregated tables where they
give the same answer). ``summary`` groups them by page section; ``*_detail`` modules add
the lists the pages show (villages, courses, boards, activities).
"""
from .summary import (BOARD_COLUMNS, BRIEFING_COLUMNS, SILENT_COLUMNS, SUMMARY_COLUMNS, TRAINING_FLOW_COLUMNS,
                      TRAINING_STATUS_COLUMNS, UNIFIED_COLUMNS, board_activity, briefing_regularity, silent_boards,
                      summary, training_flow, training_status, unified_coverage, with_children)
from .view import STRUCTURES, View, ratio

__all__ = [
    "BOARD_COLUMNS", "BRIEFING_COLUMNS", "SILENT_COLUMNS", "silent_boards", "STRUCTURES", "SUMMARY_COLUMNS",
    "TRAINING_FLOW_COLUMNS", "TRAINING_STATUS_COLUMNS", "UNIFIED_COLUMNS", "View",
    "board_activity", "briefing_regularity", "ratio", "summary", "training_flow",
    "training_status", "unified_coverage", "with_children",
]
