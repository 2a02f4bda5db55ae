"""The tiny town of ``factory.py`` with a few more facts for the unified-positions page and
the village page (history across terms, terms on posts, an activity about a village):

    Term 2020-2025 (01/07/2020 .. 30/06/2025) besides 2017-2020.
    A1: p1's two posts (from 01/07/2018, first-time) now belong to term 2017-2020 and end
        on 30/06/2020; p1 is re-elected to both from 01/07/2020 (term 2020-2025,
        not first-time): A1 stays unified, its holder is now re-elected.
    A2: p2's secretary post ends on 31/12/2019; from 01/01/2020 p3 (head since
        01/07/2018, first-time) is also secretary, first-time: A2 is unified from then.
    Board BA (bttnd of A) has one more activity, on 05/05/2019 about village A1: a
        supervision with 3 recommendations, 2 resolved.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, update

from dashboard.models import Post, Term
from dashboard.structure import rebuild_rollup

from .factory import Builder, build_tiny_town


def build_unified_town(engine) -> dict[str, int]:
    ids = build_tiny_town(engine)
    with engine.begin() as conn:
        b = Builder(conn)
        b.ids = ids
        first_term = conn.execute(Term.__table__.select().where(Term.code == "2017-2020")).first().id
        ids["2017-2020"] = first_term
        ids["2020-2025"] = b._insert(Term, code="2020-2025", name="Nhiệm kỳ 2020–2025",
                                     start_date=date(2020, 7, 1), end_date=date(2025, 6, 30))
        conn.execute(update(Post).where(and_(Post.person_id == ids["p1"], Post.village_id == ids["A1"]))
                     .values(end_date=date(2020, 6, 30), term_id=first_term))
        for role in ("secretary", "head"):
            b._insert(Post, person_id=ids["p1"], village_id=ids["A1"], role=role, term_id=ids["2020-2025"],
                      start_date=date(2020, 7, 1), end_date=None, first_time=False)
        conn.execute(update(Post).where(and_(Post.person_id == ids["p2"], Post.village_id == ids["A2"]))
                     .values(end_date=date(2019, 12, 31)))
        b.post("p3", "A2", "secretary", date(2020, 1, 1), True)
        b.activity("BA", date(2019, 5, 5), "supervision", made=3, resolved=2, village="A1")
        rebuild_rollup(conn)
    return ids
