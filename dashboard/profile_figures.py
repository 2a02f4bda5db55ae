"""The headline figures of the cadre profile as the pages, the review report and the Word
report show them, from rows of the registry's measures (``indicators.summary`` and
``indicators.profile_detail.term_table``). Pure: no database, no Dash."""
from __future__ import annotations

import pandas as pd

from . import definitions


def headline(row) -> dict:
    """Women's share, average age and theory trung cấp or above of one summary row:
    women, posts, women_rate; aged, avg_age (None without anybody with a birth year);
    theory, theory_rate (rates None without posts)."""
    posts = int(row["posts"])
    return {
        "women": int(row["posts_women"]), "posts": posts,
        "women_rate": definitions.watched_figure(definitions.get("women"), row),
        "aged": int(row["aged"]), "avg_age": float(row["avg_age"]) if int(row["aged"]) else None,
        "theory": int(row["theory_intermediate_plus"]),
        "theory_rate": definitions.watched_figure(definitions.get("theory_plus"), row),
    }


def term_rows(table: pd.DataFrame) -> list[dict]:
    """The rows of term against term (``term_table``): term, moment ("start"/"end"), day,
    posts, unified, first_time, term_start, reelected, reelected_share (None for the first
    term on record, which has no term before it, or without a post opening the term),
    women, avg_age (None without a birth year), cadres, trained, theory."""
    records = table.to_dict("records")
    first_term = records[0]["term"] if records else None
    return [{"term": r["term"], "moment": r["moment"], "day": r["day"], "posts": int(r["posts"]),
             "unified": int(r["unified"]), "first_time": int(r["first_time"]),
             "term_start": int(r["term_start_posts"]), "reelected": int(r["reelected"]),
             "reelected_share": r["reelected"] / r["term_start_posts"]
             if r["term_start_posts"] and r["term"] != first_term else None,
             "women": int(r["posts_women"]), "avg_age": float(r["avg_age"]) if r["aged"] else None,
             "cadres": int(r["cadres"]), "trained": int(r["trained"]), "theory": int(r["theory_intermediate_plus"])}
            for r in records]
