"""The attention list: children of a unit that fall short, and why.

Pure functions over the frame ``indicators.summary`` returns.
"""
from __future__ import annotations

import pandas as pd

# issue key: how to count it from a summary row
ISSUES = {
    "not_unified": lambda r: int(r["villages"] - r["unified"]),
    "vacant": lambda r: int(r["secretary_vacant"] + r["head_vacant"]),
    "untrained_first_time": lambda r: int(r["first_time_untrained"]),
    "silent_boards": lambda r: int(r["silent_boards"]),
    "missed_briefings": lambda r: int(r["months_due"] - r["months_held"]),
}


def attention_rows(summary: pd.DataFrame) -> list[dict]:
    """One entry per child with at least one issue: unit_id, code, name, kind, level and
    ``issues`` (list of (key, count) with count > 0), most issues first."""
    out = []
    for _, row in summary[~summary["is_total"]].iterrows():
        issues = [(key, count(row)) for key, count in ISSUES.items()]
        issues = [(key, n) for key, n in issues if n > 0]
        if issues:
            out.append({
                "unit_id": int(row["unit_id"]), "code": row["code"], "name": row["name"],
                "kind": row["kind"], "level": row["level"], "issues": issues,
            })
    out.sort(key=lambda e: (-len(e["issues"]), -sum(n for _, n in e["issues"])))
    return out
