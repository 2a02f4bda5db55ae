"""A small commune for the cadre profile (issue 15), every number counted by hand:

    Town T (thị xã) ── commune X (xã) ── villages V1, V2
                    └─ commune Y (xã), no village (a leader of Y sees nothing of X)
    Terms K1 01/07/2015–30/06/2020, K2 01/07/2020–30/06/2025.

    People (gender, birth year; dated attributes):
      a  nam 1960  theory sơ cấp from 01/01/2010, trung cấp from 01/03/2022;
                   qualification trung cấp from 01/01/2000; party member since 19/05/1985
      b  nữ  1975  theory trung cấp from 01/01/2015; qualification đại học from 2012;
                   ethnicity Tày; education 12/12; party member since 01/03/2014
      c  nam 1985  nothing recorded
      d  nam  —    theory cao cấp from 01/01/2018; party member since 02/09/2008

    Posts:  K1  V1 secretary a, head a   01/08/2015–31/07/2020
                V2 secretary b           01/08/2015–31/07/2020
                V2 head c 01/08/2015–31/12/2018 (leaves), d 01/01/2019–31/07/2020
            K2  V1 secretary a, head c (c comes back, in V1, recorded as his first
                time as head there)                              from 01/08/2020
                V2 secretary b, head d                          from 01/08/2020
            (every other post is recorded as re-elected, not first-time)

On 01/01/2020 (K1): 4 posts, 1 held by a woman (b); people with a birth year once per
village: a (60), b (45): average 52,5; theory trung cấp or above: b, d = 2 posts;
qualification trung cấp or above: a twice, b = 3; an ethnic minority: b = 1; K1 opened
with V1 a, a, V2 b, c = 4 posts, none re-elected (no term before). Party membership of
10 years or more (2020 - join year): a (35) twice, d (12) = 3 posts; b (6) not.

On 01/01/2023 (K2): 4 posts, 1 by a woman; a (63) and c (38) in V1, b (48) in V2:
average 149/3 = 49,7; theory: a (trung cấp since 01/03/2022: not on 01/01/2022), b, d = 3
(2 on 01/01/2022); qualification: a (now secretary only) and b = 2; K2 opened with 4
posts, 3 re-elected (V1 secretary a, V2 secretary b, V2 head d: the last head of V2 in
K1; c is not, he held V1's head post in K1 no more). Party membership of 10 years or
more: a, d = 2 posts (b: 2023 - 2014 = 9); on 01/01/2024 a, b, d = 3.
"""
from __future__ import annotations

from datetime import date

from dashboard import preagg
from dashboard.models import Person, PersonAttribute, Post, Term

from .factory import Builder


def build_profile_commune(engine) -> dict[str, int]:
    with engine.begin() as conn:
        b = Builder(conn)
        b.unit("T", "thi_xa", "district")
        b.unit("X", "xa", "commune")
        b.member("X", "T")
        b.unit("Y", "xa", "commune")
        b.member("Y", "T")
        for key in ("V1", "V2"):
            b.unit(key, "thon", "village")
            b.member(key, "X")
        k1 = b._insert(Term, code="K1", name="K1", start_date=date(2015, 7, 1), end_date=date(2020, 6, 30))
        k2 = b._insert(Term, code="K2", name="K2", start_date=date(2020, 7, 1), end_date=date(2025, 6, 30))
        for key, gender, born in (("a", "nam", 1960), ("b", "nu", 1975), ("c", "nam", 1985), ("d", "nam", None)):
            b.ids[key] = b._insert(Person, key=key, full_name=key, gender=gender, birth_year=born)
        for person, attribute, value, day in (
                ("a", "theory", "so_cap", date(2010, 1, 1)), ("a", "theory", "trung_cap", date(2022, 3, 1)),
                ("a", "qualification", "trung_cap", date(2000, 1, 1)),
                ("a", "party_since", "1985-05-19", date(1985, 5, 19)),
                ("b", "theory", "trung_cap", date(2015, 1, 1)), ("b", "qualification", "dai_hoc", date(2012, 6, 1)),
                ("b", "ethnicity", "tay", date(1975, 1, 1)), ("b", "education", "12/12", date(1993, 6, 30)),
                ("b", "party_since", "2014-03-01", date(2014, 3, 1)),
                ("d", "theory", "cao_cap", date(2018, 1, 1)), ("d", "party_since", "2008-09-02", date(2008, 9, 2))):
            b._insert(PersonAttribute, person_id=b.ids[person], attribute=attribute, value=value, valid_from=day)

        def post(person, village, role, term, start, end=None, first_time=False):
            b._insert(Post, person_id=b.ids[person], village_id=b.ids[village], role=role, term_id=term,
                      start_date=start, end_date=end, first_time=first_time)

        s1, e1, s2 = date(2015, 8, 1), date(2020, 7, 31), date(2020, 8, 1)
        post("a", "V1", "secretary", k1, s1, e1)
        post("a", "V1", "head", k1, s1, e1)
        post("b", "V2", "secretary", k1, s1, e1)
        post("c", "V2", "head", k1, s1, date(2018, 12, 31))
        post("d", "V2", "head", k1, date(2019, 1, 1), e1)
        post("a", "V1", "secretary", k2, s2)
        post("c", "V1", "head", k2, s2, first_time=True)
        post("b", "V2", "secretary", k2, s2)
        post("d", "V2", "head", k2, s2)
        ids = b.finish()
        preagg.rebuild(conn)
    return ids
