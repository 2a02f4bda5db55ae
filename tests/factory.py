"""Hand-built fixtures: a tiny town whose every number can be counted on paper.

    Town T (thị xã) 2000-01-01 ..
    ├── A  (xã)      2000-01-01 ..        villages A1, A2, A3 (A3 only from 2019-01-01)
    │                                    and B2 from 2019-07-01
    ├── B  (phường)  2000-01-01 .. 2020-12-31, then merged into C (primary successor)
    │                                    villages B1, B2 (B2 moved to A on 2019-07-01)
    ├── C  (phường)  2021-01-01 ..        village B1 from 2021-01-01
    └── D  (xã)      2000-01-01 ..        no villages at all (denominator zero)

Posts (all from 2018-07-01, A3's from 2019-01-01, none ending):
    A1 secretary p1, head p1     (unified, first-time in both)
    A2 secretary p2, head p3     (not unified; p3 first-time)
    A3 secretary p4, head p4     (unified, re-elected)
    B1 secretary p5, head —      (head vacant; p5 first-time)
    B2 secretary p6, head p6     (unified; secretary re-elected, head first-time)

Training, boards and briefings: see ``build_tiny_town``.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert

from dashboard.models import (
    Board,
    BoardActivity,
    Briefing,
    Course,
    CourseTopic,
    Participation,
    Person,
    Post,
    Term,
    Topic,
    Unit,
    UnitMembership,
    UnitSuccession,
)
from dashboard.structure import rebuild_rollup

D0 = date(2000, 1, 1)


class Builder:
    def __init__(self, conn):
        self.conn = conn
        self.ids: dict[str, int] = {}

    def _insert(self, model, **values) -> int:
        result = self.conn.execute(insert(model).values(**values))
        return result.inserted_primary_key[0]

    def unit(self, key, kind, level, valid_from=D0, valid_to=None, name=None, code=None) -> int:
        uid = self._insert(Unit, code=code or key, name=name or key, kind=kind, level=level,
                           valid_from=valid_from, valid_to=valid_to)
        self.ids[key] = uid
        return uid

    def member(self, child, parent, valid_from=D0, valid_to=None):
        self._insert(UnitMembership, child_id=self.ids[child], parent_id=self.ids[parent],
                     valid_from=valid_from, valid_to=valid_to)

    def succession(self, old, new, day, primary=True):
        self._insert(UnitSuccession, predecessor_id=self.ids[old], successor_id=self.ids[new],
                     date=day, is_primary=primary)

    def person(self, key) -> int:
        pid = self._insert(Person, key=key, full_name=f"Người {key}")
        self.ids[key] = pid
        return pid

    def post(self, person, village, role, start, first_time, end=None):
        self._insert(Post, person_id=self.ids[person], village_id=self.ids[village], role=role,
                     start_date=start, end_date=end, first_time=first_time)

    def course(self, key, kind, start, days, organiser="T", topics=()):
        cid = self._insert(Course, code=key, title=f"Lớp {key}", organiser_id=self.ids[organiser],
                           kind=kind, start_date=start, end_date=start + timedelta(days=max(days, 1) - 1),
                           days=float(days))
        self.ids[key] = cid
        for topic in topics:
            self._insert(CourseTopic, course_id=cid, topic_id=self.ids[topic])
        return cid

    def attend(self, course, person, unit, days, completed, certificate=None):
        self._insert(Participation, course_id=self.ids[course], person_id=self.ids[person],
                     unit_id=self.ids[unit], days_attended=float(days), completed=completed,
                     certificate=completed if certificate is None else certificate)

    def board(self, key, kind, unit, valid_from, valid_to=None, village=None):
        bid = self._insert(Board, code=key, kind=kind, unit_id=self.ids[unit], name=f"Ban {key}",
                           valid_from=valid_from, valid_to=valid_to, members=5,
                           village_id=self.ids[village] if village else None)
        self.ids[key] = bid
        return bid

    def activity(self, board, day, kind, made=0, resolved=0, money=0, village=None):
        self._insert(BoardActivity, code=f"{board}-{day.isoformat()}-{kind}", board_id=self.ids[board],
                     date=day, kind=kind, subject=f"{kind} {day}", recommendations_made=made,
                     recommendations_resolved=resolved, money_recovered=money,
                     village_id=self.ids[village] if village else None)

    def briefing(self, unit, day):
        self._insert(Briefing, unit_id=self.ids[unit], date=day, attendees=10)

    def finish(self):
        rebuild_rollup(self.conn)
        return self.ids


def build_tiny_town(engine) -> dict[str, int]:
    """The tiny town above, with training, boards and briefings:

    Courses (posts start 2018-07-01, so training counts from 2017-12-30):
        K1 bồi dưỡng 2018-11-01, 4 days: p1 (A1) 4 days completed, p2 (A2) 2 days not
           completed, p4 (unit A: A3 did not exist yet) 4 days completed
        K2 tọa đàm 2019-02-01, 1 day: p5 (B1) completed (a seminar does not train)
        K3 tập huấn 2015-01-10, 1 day: p6 (B2) completed (too long before the post)
    Boards:
        BA bttnd of A from 2018-01-01: activities 2018-05-10 supervision (2 made, 1
           resolved), 2018-11-20 meeting, 2019-02-10 meeting
        BB bttnd of B 2018-01-01..2020-12-31: one activity 2017-12-01 only
        GB gsdtcd of B 2018-06-01..2018-12-31: 2018-07-15 supervision (1 made, 1
           resolved, 5.000.000 đ recovered)
    Briefings: A every month from 2018-03 to 2019-02 except 2019-01, twice in 2018-06;
        B from 2018-03 to 2018-08; D never.
    """
    with engine.begin() as conn:
        b = Builder(conn)
        b.unit("T", "thi_xa", "district")
        b.unit("A", "xa", "commune")
        b.unit("B", "phuong", "commune", valid_to=date(2020, 12, 31))
        b.unit("C", "phuong", "commune", valid_from=date(2021, 1, 1))
        b.unit("D", "xa", "commune")
        b.member("A", "T")
        b.member("B", "T", valid_to=date(2020, 12, 31))
        b.member("C", "T", valid_from=date(2021, 1, 1))
        b.member("D", "T")
        b.succession("B", "C", date(2021, 1, 1))
        for key in ("A1", "A2"):
            b.unit(key, "thon", "village")
            b.member(key, "A")
        b.unit("A3", "thon", "village", valid_from=date(2019, 1, 1))
        b.member("A3", "A", valid_from=date(2019, 1, 1))
        b.unit("B1", "khu", "village")
        b.member("B1", "B", valid_to=date(2020, 12, 31))
        b.member("B1", "C", valid_from=date(2021, 1, 1))
        b.unit("B2", "khu", "village")
        b.member("B2", "B", valid_to=date(2019, 6, 30))
        b.member("B2", "A", valid_from=date(2019, 7, 1))
        b._insert(Term, code="2017-2020", name="Nhiệm kỳ 2017–2020",
                  start_date=date(2017, 7, 1), end_date=date(2020, 6, 30))
        for key in ("p1", "p2", "p3", "p4", "p5", "p6"):
            b.person(key)
        start = date(2018, 7, 1)
        b.post("p1", "A1", "secretary", start, True)
        b.post("p1", "A1", "head", start, True)
        b.post("p2", "A2", "secretary", start, False)
        b.post("p3", "A2", "head", start, True)
        b.post("p4", "A3", "secretary", date(2019, 1, 1), False)
        b.post("p4", "A3", "head", date(2019, 1, 1), False)
        b.post("p5", "B1", "secretary", start, True)
        b.post("p6", "B2", "secretary", start, False)
        b.post("p6", "B2", "head", start, True)
        b.ids["CD1"] = b._insert(Topic, code="CD1", name="Chuyên đề 1")
        b.ids["CD2"] = b._insert(Topic, code="CD2", name="Chuyên đề 2")
        b.course("K1", "boi_duong", date(2018, 11, 1), 4, topics=("CD1", "CD2"))
        b.course("K2", "toa_dam", date(2019, 2, 1), 1, topics=("CD2",))
        b.course("K3", "tap_huan", date(2015, 1, 10), 1)
        b.attend("K1", "p1", "A1", 4, True)
        b.attend("K1", "p2", "A2", 2, False)
        b.attend("K1", "p4", "A", 4, True)
        b.attend("K2", "p5", "B1", 1, True, certificate=False)
        b.attend("K3", "p6", "B2", 1, True)
        b.board("BA", "bttnd", "A", date(2018, 1, 1))
        b.board("BB", "bttnd", "B", date(2018, 1, 1), date(2020, 12, 31))
        b.board("GB", "gsdtcd", "B", date(2018, 6, 1), date(2018, 12, 31), village="B1")
        b.activity("BA", date(2018, 5, 10), "supervision", made=2, resolved=1)
        b.activity("BA", date(2018, 11, 20), "meeting")
        b.activity("BA", date(2019, 2, 10), "meeting")
        b.activity("BB", date(2017, 12, 1), "supervision", made=1, resolved=1)
        b.activity("GB", date(2018, 7, 15), "supervision", made=1, resolved=1, money=5_000_000)
        month = date(2018, 3, 1)
        while month <= date(2019, 2, 1):
            if month != date(2019, 1, 1):
                b.briefing("A", month + timedelta(days=4))
            if month <= date(2018, 8, 1):
                b.briefing("B", month + timedelta(days=9))
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        b.briefing("A", date(2018, 6, 25))  # a second briefing in June counts once
        return b.finish()


def put_a_province_above_the_town(engine, ids: dict[str, int]) -> None:
    """A province P (from 2000) to which the tiny town T belongs from 01/01/2019 to
    31/12/2020 only; the roll-up and the pre-aggregated tables built again. Adds ``ids["P"]``."""
    from dashboard import preagg

    with engine.begin() as conn:
        ids["P"] = conn.execute(insert(Unit).values(code="P", name="P", kind="tinh", level="province",
                                                    valid_from=D0)).inserted_primary_key[0]
        conn.execute(insert(UnitMembership).values(child_id=ids["T"], parent_id=ids["P"],
                                                   valid_from=date(2019, 1, 1), valid_to=date(2020, 12, 31)))
        rebuild_rollup(conn)
        preagg.rebuild(conn)
