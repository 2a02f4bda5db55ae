"""The Quảng Yên demo dataset, generated deterministically from a fixed seed.

It reproduces the public facts of DOMAIN.md (19 units, 179 villages and quarters, 179/179
unified on 13/04/2018, Hoàng Tân 5/5 with 4 first-time, the town's two 4-day classes at the
end of 2017 with their six topics, two seminars, the concrete roads of Thôn 4 Hoàng Tân,
the 2025 merger into 6 wards with Liên Hòa split village by village) and invents the rest:
people's names, the split of villages between units, later terms, and the imperfections a
real committee sees (a vacancy, a village not unified, untrained first-timers, a board
silent for a quarter, a missed briefing). Everything here is demo data and says so.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, insert
from sqlalchemy.engine import Engine

from . import db
from .models import (
    Board,
    BoardActivity,
    Briefing,
    Review,
    Course,
    CourseTopic,
    ImportRecord,
    Meta,
    Participation,
    Person,
    Post,
    PersonAttribute,
    Term,
    Topic,
    Unit,
    UnitMembership,
    UnitSuccession,
)
from .periods import add_months
from .profile_data import attributes_for
from . import preagg
from .structure import rebuild_rollup

DEMO_SEED = 2018
DEMO_DATA_FROM = date(2017, 7, 1)  # the first day with records
DEMO_DATA_END = date(2026, 11, 20)  # the last day with records
TOWN_START = date(2011, 11, 25)  # Resolution 100/NQ-CP: Yên Hưng district becomes Quảng Yên town
MERGER_DATE = date(2025, 7, 1)
BEFORE_MERGER = MERGER_DATE - timedelta(days=1)
ROOT_CODE = "206"

# The 19 commune-level units of 2018 (DOMAIN.md) and how many villages each has. Only
# Hoàng Tân's 5 is public; the others are invented and add up to 179.
UNITS_2018 = [
    ("07132", "Quảng Yên", "phuong", 12),
    ("07135", "Đông Mai", "phuong", 10),
    ("07138", "Minh Thành", "phuong", 14),
    ("07150", "Cộng Hòa", "phuong", 9),
    ("07159", "Tân An", "phuong", 11),
    ("07162", "Yên Giang", "phuong", 10),
    ("07165", "Nam Hòa", "phuong", 8),
    ("07168", "Hà An", "phuong", 12),
    ("07174", "Phong Hải", "phuong", 9),
    ("07177", "Yên Hải", "phuong", 8),
    ("07183", "Phong Cốc", "phuong", 9),
    ("07144", "Sông Khoai", "xa", 13),
    ("07147", "Hiệp Hòa", "xa", 12),
    ("07153", "Tiền An", "xa", 9),
    ("07156", "Hoàng Tân", "xa", 5),
    ("07171", "Cẩm La", "xa", 6),
    ("07180", "Liên Hòa", "xa", 10),
    ("07186", "Liên Vị", "xa", 7),
    ("07189", "Tiền Phong", "xa", 5),
]

# The 6 wards from 01/07/2025 (Resolution 1679/NQ-UBTVQH15): new code and name, and the
# old units that formed each one; the first is the primary predecessor.
WARDS_2025 = [
    ("07135", "Đông Mai", ["07135", "07138"]),
    ("07147", "Hiệp Hòa", ["07147", "07150", "07144"]),
    ("07132", "Quảng Yên", ["07132", "07162", "07153"]),
    ("07168", "Hà An", ["07168", "07159", "07156"]),
    ("07183", "Phong Cốc", ["07183", "07165", "07177", "07171"]),
    ("07180", "Liên Hòa", ["07180", "07174", "07186", "07189"]),
]
# Liên Hòa was split: these of its villages went to Hà An, the rest to the new Liên Hòa.
LIEN_HOA_TO_HA_AN = (1, 2, 3)

TERMS = [
    ("2017-2020", "Nhiệm kỳ 2017–2020", date(2017, 7, 1), date(2020, 6, 30)),
    ("2020-2022", "Nhiệm kỳ 2020–2022", date(2020, 7, 1), date(2022, 12, 31)),
    ("2022-2025", "Nhiệm kỳ 2022–2025", date(2023, 1, 1), date(2025, 6, 30)),
    ("2025-2027", "Nhiệm kỳ 2025–2027", date(2025, 7, 1), date(2027, 12, 31)),
]

TOPICS = [
    ("CD1", "Tổ chức cơ sở đảng; chức năng, nhiệm vụ của chi ủy và bí thư chi bộ"),
    ("CD2", "Chức năng, nhiệm vụ, chế độ phụ cấp của trưởng thôn, trưởng khu"),
    ("CD3", "Công tác tư tưởng của chi bộ và đảng bộ cơ sở"),
    ("CD4", "Công tác dân vận của bí thư chi bộ, trưởng thôn, khu"),
    ("CD5", "Quy chế dân chủ ở cơ sở, giám sát của cộng đồng, thanh tra nhân dân, hòa giải ở cơ sở"),
    ("CD6", "Kiểm tra, giám sát, khen thưởng, kỷ luật trong chi bộ"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô",
          "Dương", "Lương", "Đinh", "Phan", "Trịnh", "Đoàn", "Lại", "Tô", "Mạc", "Hà"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thế", "Xuân", "Công", "Ngọc", "Đình"]
MIDDLE_F = ["Thị", "Thị", "Thu", "Thanh", "Ngọc", "Hồng"]
GIVEN_M = ["Hùng", "Dũng", "Thắng", "Hải", "Long", "Quý", "Toàn", "Bình", "Cường", "Sơn",
           "Tuấn", "Khải", "Hòa", "Thủy", "Lâm", "Phong", "Tiến", "Chiến", "Nam", "Trung",
           "Hưng", "Đạt", "Luân", "Thịnh", "Vinh", "Nghĩa", "Thành", "Hiếu", "Tâm", "Kiên"]
GIVEN_F = ["Hoa", "Lan", "Hương", "Nga", "Thủy", "Hạnh", "Yến", "Mai", "Loan", "Huệ",
           "Hằng", "Liên", "Nhung", "Thoa", "Hà"]

BTTND_SUBJECTS = [
    ("supervision", "Giám sát việc thực hiện quy chế dân chủ ở cơ sở"),
    ("supervision", "Giám sát việc giải quyết khiếu nại, tố cáo của công dân"),
    ("supervision", "Giám sát thu, chi các khoản đóng góp của nhân dân"),
    ("supervision", "Giám sát việc thực hiện chính sách an sinh xã hội"),
    ("inspection", "Kiểm tra việc công khai tài chính của ủy ban nhân dân"),
    ("petition", "Tiếp nhận, xác minh đơn thư của công dân"),
    ("recommendation", "Kiến nghị khắc phục thiếu sót trong quản lý đất đai"),
]
PROJECTS = [
    "Bê tông hóa đường liên thôn",
    "Xây dựng nhà văn hóa",
    "Cải tạo kênh mương nội đồng",
    "Nâng cấp trường mầm non",
    "Lắp đặt đèn chiếu sáng công cộng",
    "Nạo vét hệ thống thoát nước",
    "Xây dựng sân thể thao",
]
GSDTCD_SUBJECTS = [
    ("supervision", "Giám sát chủng loại, khối lượng vật liệu đưa vào công trình"),
    ("supervision", "Giám sát tiến độ thi công"),
    ("supervision", "Giám sát công tác đền bù, giải phóng mặt bằng"),
    ("inspection", "Tham gia nghiệm thu công trình"),
    ("recommendation", "Kiến nghị chủ đầu tư khắc phục sai sót trong thi công"),
]

# The imperfections of the present term, by (commune code in 2018, village number).
VACANT_HEAD_VILLAGE = ("07177", 5)        # Khu 5, Yên Hải (ward Phong Cốc after 2025)
VACANT_HEAD_FROM = date(2026, 8, 15)
NOT_UNIFIED_VILLAGE = ("07186", 7)        # Thôn 7, Liên Vị (ward Liên Hòa after 2025)
SILENT_BOARD_WARD = "07135"               # the BTTND of ward Đông Mai, silent in Q3/2026
SILENT_QUARTER = (date(2026, 7, 1), date(2026, 9, 30))
MISSED_BRIEFING = ("07147", date(2026, 8, 1))  # ward Hiệp Hòa, August 2026
UNTRAINED_FIRST_TIMERS = 7                # first-timers of 2025–2027 who missed the classes


@dataclass
class _Ids:
    counters: dict = field(default_factory=dict)

    def next(self, table: str) -> int:
        self.counters[table] = self.counters.get(table, 0) + 1
        return self.counters[table]


@dataclass
class _Village:
    id: int
    code: str
    name: str
    commune_code: str
    number: int


class DemoBuilder:
    """Builds the rows of the demo dataset in memory, then writes them in one go."""

    def __init__(self, seed: int = DEMO_SEED):
        self.rng = random.Random(seed)
        self.seed = seed
        self.ids = _Ids()
        self.rows: dict[type, list[dict]] = {}
        self.unit_ids: dict[tuple[str, date], int] = {}
        self.villages: list[_Village] = []
        self.old_units: dict[str, int] = {}
        self.new_wards: dict[str, int] = {}
        self.village_ward: dict[int, str] = {}
        self.term_ids: dict[str, int] = {}
        self.topic_ids: dict[str, int] = {}
        # (village id, term code) -> list of (person id, role, start, end, first_time)
        self.holders: dict[tuple[int, str], list[tuple[int, str, date, date | None, bool]]] = {}
        self.person_count = 0

    # -- helpers ---------------------------------------------------------------------

    def add(self, model, **values) -> int:
        table = model.__tablename__
        if "id" not in values and "id" in model.__table__.c:
            values["id"] = self.ids.next(table)
        self.rows.setdefault(model, []).append(values)
        return values.get("id")

    def unit(self, code, name, kind, level, valid_from, valid_to=None) -> int:
        uid = self.add(Unit, code=code, name=name, kind=kind, level=level,
                       valid_from=valid_from, valid_to=valid_to)
        self.unit_ids[(code, valid_from)] = uid
        return uid

    def member(self, child, parent, valid_from, valid_to=None):
        self.add(UnitMembership, child_id=child, parent_id=parent,
                 valid_from=valid_from, valid_to=valid_to)

    def person(self) -> int:
        self.person_count += 1
        female = self.rng.random() < 0.14
        name = " ".join([
            self.rng.choice(FAMILY),
            self.rng.choice(MIDDLE_F if female else MIDDLE_M),
            self.rng.choice(GIVEN_F if female else GIVEN_M),
        ])
        return self.add(Person, key=f"QY{self.person_count:05d}", full_name=name,
                        gender="nu" if female else "nam",
                        birth_year=self.rng.randint(1956, 1988))

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    # -- structure -------------------------------------------------------------------

    def build_structure(self):
        town = self.unit(ROOT_CODE, "Quảng Yên", "thi_xa", "district", TOWN_START, BEFORE_MERGER)
        area = self.unit(ROOT_CODE, "Quảng Yên", "khu_vuc", "district", MERGER_DATE)
        self.add(UnitSuccession, predecessor_id=town, successor_id=area, date=MERGER_DATE, is_primary=True)
        self.town_id, self.area_id = town, area
        for code, name, kind, count in UNITS_2018:
            uid = self.unit(code, name, kind, "commune", TOWN_START, BEFORE_MERGER)
            self.member(uid, town, TOWN_START, BEFORE_MERGER)
            self.old_units[code] = uid
            village_kind = "khu" if kind == "phuong" else "thon"
            label = "Khu" if kind == "phuong" else "Thôn"
            for number in range(1, count + 1):
                vcode = f"{code}-{number:02d}"
                vid = self.unit(vcode, f"{label} {number}", village_kind, "village", TOWN_START)
                self.member(vid, uid, TOWN_START, BEFORE_MERGER)
                self.villages.append(_Village(vid, vcode, f"{label} {number}", code, number))
        for code, name, parts in WARDS_2025:
            wid = self.unit(code, name, "phuong", "commune", MERGER_DATE)
            self.member(wid, area, MERGER_DATE)
            self.new_wards[code] = wid
            for old in parts:
                self.add(UnitSuccession, predecessor_id=self.old_units[old], successor_id=wid,
                         date=MERGER_DATE, is_primary=True)
        # Liên Hòa's split: part of it also went to Hà An (not its primary successor).
        self.add(UnitSuccession, predecessor_id=self.old_units["07180"],
                 successor_id=self.new_wards["07168"], date=MERGER_DATE, is_primary=False)
        ward_of = {old: new for new, _, parts in WARDS_2025 for old in parts}
        for village in self.villages:
            ward = ward_of[village.commune_code]
            if village.commune_code == "07180" and village.number in LIEN_HOA_TO_HA_AN:
                ward = "07168"
            self.village_ward[village.id] = ward
            self.member(village.id, self.new_wards[ward], MERGER_DATE)

    def commune_of(self, village: _Village, day: date) -> int:
        if day < MERGER_DATE:
            return self.old_units[village.commune_code]
        return self.new_wards[self.village_ward[village.id]]

    # -- posts -----------------------------------------------------------------------

    def post(self, person, village, role, term, start, end, first_time):
        self.add(Post, person_id=person, village_id=village.id, role=role,
                 term_id=self.term_ids[term], start_date=start, end_date=end, first_time=first_time)
        self.holders.setdefault((village.id, term), []).append((person, role, start, end, first_time))

    def build_terms_and_posts(self):
        for code, name, start, end in TERMS:
            self.term_ids[code] = self.add(Term, code=code, name=name, start_date=start, end_date=end)
        rng = self.rng
        # Term 2017–2020: everyone unified by the end of March 2018; some villages got
        # there through a by-election of the head after the autumn 2017 congresses.
        late = set(rng.sample([v.id for v in self.villages if v.commune_code != "07156"], 9))
        hoang_tan_reelected = 4  # Thôn 4 of Hoàng Tân: the one re-elected holder there
        current: dict[int, tuple[int, bool]] = {}
        starts = {}
        for village in self.villages:
            start = self.day_between(date(2017, 7, 3), date(2017, 10, 16))
            if village.commune_code == "07156":
                first = village.number != hoang_tan_reelected
            else:
                first = rng.random() < 0.55
            holder = self.person()
            starts[village.id] = start
            current[village.id] = (holder, first)
            if village.id in late:
                previous_head = self.person()
                switch = self.day_between(date(2017, 11, 1), date(2018, 3, 20))
                self._open_post(previous_head, village, "head", "2017-2020", start, False,
                                end=switch - timedelta(days=1))
                self._open_post(holder, village, "secretary", "2017-2020", start, first)
                self._open_post(holder, village, "head", "2017-2020", switch, True)
            else:
                self._open_post(holder, village, "secretary", "2017-2020", start, first)
                self._open_post(holder, village, "head", "2017-2020", start, first)
        self._next_terms(current)

    def _open_post(self, person, village, role, term, start, first, end=None):
        self.post(person, village, role, term, start, end, first)

    def _close_open_posts(self, village, term, day):
        """End the village's open posts of ``term`` on ``day``."""
        rows = self.rows[Post]
        for row in rows:
            if row["village_id"] == village.id and row["term_id"] == self.term_ids[term] and row["end_date"] is None:
                row["end_date"] = day

    def _next_terms(self, current):
        rng = self.rng
        plan = [
            ("2020-2022", "2017-2020", date(2020, 7, 1), date(2020, 8, 31), 0.72),
            ("2022-2025", "2020-2022", date(2023, 1, 3), date(2023, 2, 28), 0.70),
            ("2025-2027", "2022-2025", date(2025, 7, 14), date(2025, 9, 15), 0.66),
        ]
        for term, previous, first_day, last_day, keep in plan:
            split = set()
            if term == "2020-2022":
                split = set(rng.sample([v.id for v in self.villages], 2))
            for village in self.villages:
                start = self.day_between(first_day, last_day)
                self._close_open_posts(village, previous, start - timedelta(days=1))
                holder, _ = current[village.id]
                if rng.random() < keep:
                    first = False
                else:
                    holder, first = self.person(), True
                current[village.id] = (holder, first)
                key = (village.commune_code, village.number)
                if term == "2025-2027" and key == NOT_UNIFIED_VILLAGE:
                    self._open_post(holder, village, "secretary", term, start, first)
                    self._open_post(self.person(), village, "head", term, start, True)
                    continue
                if village.id in split:
                    # not unified for the first half of the term, then unified
                    other = self.person()
                    joined = self.day_between(date(2021, 3, 1), date(2021, 9, 30))
                    self._open_post(holder, village, "secretary", term, start, first)
                    self._open_post(other, village, "head", term, start, True,
                                    end=joined - timedelta(days=1))
                    self._open_post(holder, village, "head", term, joined, True)
                    continue
                self._open_post(holder, village, "secretary", term, start, first)
                if term == "2025-2027" and key == VACANT_HEAD_VILLAGE:
                    self._open_post(holder, village, "head", term, start, first,
                                    end=VACANT_HEAD_FROM - timedelta(days=1))
                    continue
                self._open_post(holder, village, "head", term, start, first)

    # -- training --------------------------------------------------------------------

    def course(self, code, title, organiser, kind, start, days, topics) -> int:
        end = start + timedelta(days=max(int(round(days)), 1) - 1)
        cid = self.add(Course, code=code, title=title, organiser_id=organiser, kind=kind,
                       start_date=start, end_date=end, days=float(days))
        for topic in topics:
            self.add(CourseTopic, course_id=cid, topic_id=self.topic_ids[topic])
        return cid

    def learners(self, term, day, villages=None):
        """(person, village) of the secretaries and heads in post on ``day`` for ``term``."""
        seen = set()
        out = []
        for village in villages or self.villages:
            for person, role, start, end, first in self.holders.get((village.id, term), []):
                if role in ("secretary", "head") and start <= day and (end is None or end >= day) \
                        and person not in seen:
                    seen.add(person)
                    out.append((person, village, first))
        return out

    def attend(self, course_id, person, village, day, days_held, days_attended=None):
        if days_attended is None:
            days_attended = days_held
        completed = days_attended >= 0.75 * days_held
        self.add(Participation, course_id=course_id, person_id=person,
                 unit_id=village.id, days_attended=float(days_attended),
                 completed=completed, certificate=completed and days_held >= 2)

    def build_training(self):
        rng = self.rng
        for code, name in TOPICS:
            self.topic_ids[code] = self.add(Topic, code=code, name=name)
        all_topics = [c for c, _ in TOPICS]
        town = self.town_id
        # The town's two 4-day classes at the end of 2017, for the unified cadres.
        title = "Lớp bồi dưỡng bí thư chi bộ đồng thời là trưởng thôn, khu (lớp {})"
        class_1 = self.course("TX-2017-L1", title.format(1), town, "boi_duong", date(2017, 11, 21), 4, all_topics)
        class_2 = self.course("TX-2017-L2", title.format(2), town, "boi_duong", date(2017, 12, 5), 4, all_topics)
        first_half = {code for code, *_ in UNITS_2018[:10]}
        unified_holders = []
        for village in self.villages:
            secretary = [h for h in self.holders[(village.id, "2017-2020")] if h[1] == "secretary"][0]
            unified_holders.append((secretary[0], village))
        incomplete = set(rng.sample(range(len(unified_holders)), 3))
        three_days = set(rng.sample(range(len(unified_holders)), 8)) - incomplete
        for index, (person, village) in enumerate(unified_holders):
            course_id = class_1 if village.commune_code in first_half else class_2
            attended = 2 if index in incomplete else 3 if index in three_days else 4
            self.attend(course_id, person, village, date(2017, 11, 21), 4, attended)
        # Two seminars on the two oversight boards (2018).
        seminars = [
            ("TX-2018-TD1", "Tọa đàm nâng cao vai trò Ban Thanh tra nhân dân", date(2018, 5, 17)),
            ("TX-2018-TD2", "Tọa đàm về vai trò Ban Giám sát đầu tư của cộng đồng", date(2018, 6, 14)),
        ]
        for code, seminar_title, day in seminars:
            cid = self.course(code, seminar_title, town, "toa_dam", day, 1, ["CD5"])
            for commune_code, *_ in UNITS_2018:
                local = [v for v in self.villages if v.commune_code == commune_code]
                for person, village, _ in self.learners("2017-2020", day, local)[:2]:
                    self.attend(cid, person, village, day, 1)
        # Shorter commune sessions in 2018 (Hoàng Tân among them).
        for commune_code, name, kind, _ in UNITS_2018:
            if rng.random() < 0.6 or commune_code == "07156":
                day = self.day_between(date(2018, 2, 26), date(2018, 10, 26))
                days = rng.choice([1, 1, 2])
                cid = self.course(
                    f"{commune_code}-2018-TH", f"Tập huấn công tác dân vận và hòa giải ở cơ sở — "
                    f"{'phường' if kind == 'phuong' else 'xã'} {name}",
                    self.old_units[commune_code], "tap_huan", day, days, ["CD4", "CD5"])
                local = [v for v in self.villages if v.commune_code == commune_code]
                for person, village, _ in self.learners("2017-2020", day, local):
                    self.attend(cid, person, village, day, days, days if rng.random() > 0.05 else 0)
        # One class per later term for the cadres of that term, run by the town.
        for term, day in (("2020-2022", date(2020, 10, 13)), ("2022-2025", date(2023, 3, 14))):
            people = self.learners(term, day)
            half = len(people) // 2
            for n, chunk in enumerate((people[:half], people[half:]), start=1):
                start = day + timedelta(days=14 * (n - 1))
                cid = self.course(f"TX-{day.year}-L{n}", f"Lớp bồi dưỡng bí thư chi bộ, trưởng thôn, khu "
                                  f"{TERMS_BY_CODE[term]} (lớp {n})", town, "boi_duong", start, 3,
                                  ["CD1", "CD2", "CD4", "CD5", "CD6"])
                for person, village, first in chunk:
                    if rng.random() < 0.04:
                        continue  # absent
                    self.attend(cid, person, village, start, 3, 3 if rng.random() > 0.06 else 2)
        # After the merger each ward trains its own cadres; some first-timers miss it.
        day0 = date(2025, 10, 14)
        term_people = self.learners("2025-2027", date(2025, 10, 1))
        first_timers = [p for p in term_people if p[2]]
        missing = set(p[0] for p in rng.sample(first_timers, UNTRAINED_FIRST_TIMERS))
        for n, (code, name, _) in enumerate(WARDS_2025):
            start = day0 + timedelta(days=7 * n)
            cid = self.course(f"{code}-2025-BD", f"Lớp bồi dưỡng cán bộ thôn, khu nhiệm kỳ 2025–2027 — phường {name}",
                              self.new_wards[code], "boi_duong", start, 2, ["CD1", "CD2", "CD4", "CD5"])
            local = [v for v in self.villages if self.village_ward[v.id] == code]
            for person, village, first in self.learners("2025-2027", start, local):
                if person in missing:
                    if rng.random() < 0.5:
                        self.attend(cid, person, village, start, 2, 1)  # left after one day
                    continue
                self.attend(cid, person, village, start, 2)
        # 2026 ward sessions; one planned for November has no participants recorded yet.
        for code, name, _ in WARDS_2025[:3]:
            day = self.day_between(date(2026, 3, 2), date(2026, 5, 29))
            cid = self.course(f"{code}-2026-TH", f"Tập huấn kỹ năng giám sát cộng đồng — phường {name}",
                              self.new_wards[code], "tap_huan", day, 1, ["CD5"])
            local = [v for v in self.villages if self.village_ward[v.id] == code]
            for person, village, first in self.learners("2025-2027", day, local):
                if person not in missing and rng.random() < 0.8:
                    self.attend(cid, person, village, day, 1)
        self.course("07132-2026-CDS", "Tập huấn chuyển đổi số cho cán bộ khu — phường Quảng Yên",
                    self.new_wards["07132"], "tap_huan", date(2026, 11, 12), 1, ["CD2"])

    # -- boards ----------------------------------------------------------------------

    def board(self, code, kind, unit, name, start, end, members, project=None, village=None) -> int:
        return self.add(Board, code=code, kind=kind, unit_id=unit, name=name, project=project,
                        village_id=village, valid_from=start, valid_to=end, members=members)

    def activity(self, board_code, board_id, day, kind, subject, village=None, made=0,
                 resolved=None, money=0, land=0.0, reduction=0, violations=0):
        if resolved is None:
            resolved = made
        index = self.ids.counters.get("activity_code", 0) + 1
        self.ids.counters["activity_code"] = index
        self.add(BoardActivity, code=f"{board_code}-{index:05d}", board_id=board_id, date=day,
                 kind=kind, subject=subject, village_id=village, violations_found=violations,
                 recommendations_made=made, recommendations_resolved=min(resolved, made),
                 money_recovered=money, land_recovered_m2=land, settlement_reduction=reduction)

    def resolved_share(self, day: date, made: int) -> int:
        """Older recommendations are mostly resolved; recent ones still open."""
        if made == 0:
            return 0
        age = (DEMO_DATA_END - day).days
        if age < 90:
            share = 0.3
        elif age < 365:
            share = 0.75
        else:
            share = 0.92
        return sum(1 for _ in range(made) if self.rng.random() < share)

    def bttnd_activities(self, code, board_id, start, end, villages, silent=None):
        rng = self.rng
        quarter = date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
        while quarter <= end and quarter <= DEMO_DATA_END:
            q_end = add_months(quarter, 3) - timedelta(days=1)
            lo, hi = max(quarter, start), min(q_end, end, DEMO_DATA_END)
            if lo <= hi and not (silent and silent[0] <= lo and hi <= silent[1]):
                self.activity(code, board_id, self.day_between(lo, hi), "meeting",
                              "Họp định kỳ, triển khai kế hoạch giám sát quý")
                for _ in range(rng.choice([1, 1, 2, 2, 3])):
                    kind, subject = rng.choice(BTTND_SUBJECTS)
                    day = self.day_between(lo, hi)
                    made = rng.choice([0, 0, 1, 1, 2, 3]) if kind != "meeting" else 0
                    village = rng.choice(villages).id if villages and rng.random() < 0.4 else None
                    self.activity(code, board_id, day, kind, subject, village, made,
                                  self.resolved_share(day, made), violations=min(made, rng.choice([0, 1])))
            quarter = add_months(quarter, 3)

    def build_boards(self):
        rng = self.rng
        bttnd_terms = [
            (date(2016, 7, 1), date(2018, 6, 30)),
            (date(2018, 7, 1), date(2020, 6, 30)),
            (date(2020, 7, 1), date(2022, 6, 30)),
            (date(2022, 7, 1), BEFORE_MERGER),
        ]
        activity_start = date(2017, 7, 1)
        for code, name, kind, count in UNITS_2018:
            uid = self.old_units[code]
            villages = [v for v in self.villages if v.commune_code == code]
            label = "phường" if kind == "phuong" else "xã"
            for start, end in bttnd_terms:
                bcode = f"TTND-{code}-{start.year}"
                bid = self.board(bcode, "bttnd", uid, f"Ban Thanh tra nhân dân {label} {name}",
                                 start, end, rng.randint(5, 11 if kind == "phuong" else 9))
                self.bttnd_activities(bcode, bid, max(start, activity_start), end, villages)
            # Investment supervision boards, one per project.
            projects = 1 + (count >= 9) + (rng.random() < 0.5)
            for n in range(projects):
                if code == "07156" and n == 0:
                    village = next(v for v in villages if v.number == 4)
                    project = "Bê tông hóa đường Thôn 4 (nhân dân đóng góp)"
                    start, end = date(2018, 3, 1), date(2018, 12, 31)
                else:
                    village = rng.choice(villages)
                    project = f"{rng.choice(PROJECTS)} {village.name}"
                    start = self.day_between(date(2017, 9, 1), date(2024, 6, 30))
                    end = min(start + timedelta(days=rng.randint(180, 540)), BEFORE_MERGER)
                bcode = f"GSDT-{code}-{n + 1:02d}"
                bid = self.board(bcode, "gsdtcd", uid, f"Ban Giám sát đầu tư của cộng đồng — {project}",
                                 start, end, 5, project=project, village=village.id)
                self.gsdtcd_activities(bcode, bid, start, end, village)
        # After the merger: one People's Inspection Board per ward, elected in August.
        for code, name, _ in WARDS_2025:
            wid = self.new_wards[code]
            villages = [v for v in self.villages if self.village_ward[v.id] == code]
            start = date(2025, 8, 20) + timedelta(days=rng.randint(0, 20))
            bcode = f"TTND-{code}-2025"
            bid = self.board(bcode, "bttnd", wid, f"Ban Thanh tra nhân dân phường {name}", start, None,
                             rng.randint(9, 11))
            silent = SILENT_QUARTER if code == SILENT_BOARD_WARD else None
            self.bttnd_activities(bcode, bid, start, DEMO_DATA_END, villages, silent)
            for n in range(2):
                village = rng.choice(villages)
                project = f"{rng.choice(PROJECTS)} {village.name} ({village.code})"
                pstart = self.day_between(date(2025, 9, 15), date(2026, 6, 30))
                pend = pstart + timedelta(days=rng.randint(240, 420))
                bcode = f"GSDT-{code}-25{n + 1:02d}"
                bid = self.board(bcode, "gsdtcd", wid, f"Ban Giám sát đầu tư của cộng đồng — {project}",
                                 pstart, pend, 5, project=project, village=village.id)
                self.gsdtcd_activities(bcode, bid, pstart, min(pend, DEMO_DATA_END), village)

    def gsdtcd_activities(self, code, board_id, start, end, village):
        """Supervision through the project's life: something every 30 to 75 days."""
        rng = self.rng
        day = start + timedelta(days=rng.randint(5, 30))
        while day <= end:
            kind, subject = rng.choice(GSDTCD_SUBJECTS)
            made = rng.choice([0, 1, 1, 2]) if kind in ("supervision", "recommendation") else 0
            reduction = rng.choice([0, 0, 0, 8_500_000, 12_400_000, 23_000_000]) if made else 0
            self.activity(code, board_id, day, kind, subject, village.id, made,
                          self.resolved_share(day, made), reduction=reduction,
                          money=rng.choice([0, 0, 0, 4_200_000]) if made else 0,
                          violations=1 if reduction else 0)
            day += timedelta(days=rng.randint(30, 75))

    # -- briefings -------------------------------------------------------------------

    def build_briefings(self):
        rng = self.rng
        month = date(2017, 7, 1)
        while month <= DEMO_DATA_END:
            units = self.old_units if month < MERGER_DATE else self.new_wards
            for code, uid in units.items():
                if month >= MERGER_DATE and (code, month) == MISSED_BRIEFING:
                    continue
                if month < MERGER_DATE and rng.random() < 0.012:
                    continue  # an occasional missed month before the merger
                day = month + timedelta(days=rng.randint(3, 9))
                if day > DEMO_DATA_END:
                    continue
                villages = sum(1 for v in self.villages
                               if (v.commune_code == code if month < MERGER_DATE else self.village_ward[v.id] == code))
                self.add(Briefing, unit_id=uid, date=day, attendees=villages + rng.randint(4, 9))
            month = add_months(month, 1)

    def build(self):
        self.build_structure()
        self.build_terms_and_posts()
        add_attributes(self)
        self.build_training()
        self.build_boards()
        self.build_briefings()
        add_reviews(self)
        return self.rows


def add_reviews(builder: DemoBuilder) -> None:
    """The Q4 2018 sơ kết of Directive 12-CT/TU (28/12/2016) held by the town (the day
    and number are demo values)."""
    builder.add(Review, code="SK-12CT-2018", name="Sơ kết 2 năm thực hiện Chỉ thị số 12-CT/TU ngày 28/12/2016 "
                "của Ban Thường vụ Tỉnh ủy", kind="so_ket", directive="Chỉ thị 12-CT/TU", start_date=date(2016, 12, 28),
                date=date(2018, 12, 14), number="215-BC/TU", unit_id=builder.town_id)


def add_attributes(builder: DemoBuilder) -> None:
    """Dated attributes of every cadre of the demo (``profile_data``), drawn from a
    generator of their own so that every other record stays as the seed made it; a few of
    the 2025–2027 first-timers are young (born 1990–1997)."""
    rng = random.Random(builder.seed * 31 + 15)
    people = {row["id"]: row for row in builder.rows[Person]}
    first_post: dict[int, date] = {}
    for row in builder.rows[Post]:
        pid = row["person_id"]
        first_post[pid] = min(first_post.get(pid, row["start_date"]), row["start_date"])
    latest_term = builder.term_ids["2025-2027"]
    for row in builder.rows[Post]:
        if row["term_id"] == latest_term and row["first_time"] and rng.random() < 0.12:
            people[row["person_id"]]["birth_year"] = rng.randint(1990, 1997)
    for pid in sorted(first_post):
        for attribute, value, valid_from in attributes_for(rng, people[pid]["birth_year"], first_post[pid],
                                                           DEMO_DATA_END):
            builder.add(PersonAttribute, person_id=pid, attribute=attribute, value=value, valid_from=valid_from)


TERMS_BY_CODE = {code: name.replace("Nhiệm kỳ", "nhiệm kỳ") for code, name, *_ in TERMS}

# Order of inserts that respects foreign keys.
_INSERT_ORDER = [Unit, UnitMembership, UnitSuccession, Term, Person, PersonAttribute, Post, Topic, Course,
                 CourseTopic, Participation, Board, BoardActivity, Briefing, Review]


def write_rows(conn: Connection, rows: dict) -> dict[str, int]:
    counts = {}
    for model in _INSERT_ORDER:
        batch = rows.get(model, [])
        for i in range(0, len(batch), 5000):
            conn.execute(insert(model), batch[i : i + 5000])
        counts[model.__tablename__] = len(batch)
    return counts


def load_demo(engine: Engine, seed: int = DEMO_SEED) -> dict[str, int]:
    """Create the schema if needed and fill an empty database with the demo dataset,
    in one transaction. Returns rows written per table."""
    db.create_schema(engine)
    if not db.is_empty(engine):
        raise RuntimeError("the database already holds data; the demo loads into an empty one")
    rows = DemoBuilder(seed).build()
    with engine.begin() as conn:
        counts = write_rows(conn, rows)
        counts["unit_rollup"] = rebuild_rollup(conn)
        for key, value in (("dataset", "demo"), ("data_through", DEMO_DATA_END.isoformat()),
                           ("data_from", DEMO_DATA_FROM.isoformat()),
                           ("data_version", "1"), ("data_token", db.new_data_token()),
                           ("demo_seed", str(seed))):
            conn.execute(insert(Meta).values(key=key, value=value))
        conn.execute(insert(ImportRecord).values(
            created_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0), user_name="grassroots db init --demo",
            file_name="(dữ liệu mẫu)", checksum=f"seed-{seed}", counts=json.dumps(counts),
            result="ok", message="Dữ liệu mẫu Quảng Yên"))
        preagg.rebuild(conn)
    if engine.dialect.name == "postgresql":
        _reset_sequences(engine)
    db.vacuum_after_write(engine)
    return counts


def _reset_sequences(engine: Engine) -> None:
    """Explicit ids were written: move PostgreSQL's sequences past them."""
    from sqlalchemy import text

    with engine.begin() as conn:
        for model in _INSERT_ORDER + [ImportRecord]:
            table = model.__tablename__
            if "id" not in model.__table__.c:
                continue
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
