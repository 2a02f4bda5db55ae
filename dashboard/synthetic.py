"""Synthetic datasets at town, province and national scale, for speed measurements.

    grassroots demo --scale town|province|national [--seed N] [--years N]

Consistent data of the requested size (every post in a valid village, every activity in
a board's term, resolved <= made, ...), generated deterministically from the seed and
written with the database's bulk path. The structure is a real hierarchy whose depth
depends on the scale:

    town       district > ~19 communes > ~180 villages
    province   province > ~150 communes > ~1 500 villages
    national   country > 63 provinces > ~10 000 communes > ~100 000 villages

and, as in 2025, about one commune in ten is merged into a neighbour half a year before
the end, its villages re-parented one by one: the figures roll up through successors.
Names are invented and the dataset says so (meta ``dataset`` = ``synthetic-<scale>``).
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Callable

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

from . import db
from .models import (
    Board,
    BoardActivity,
    Briefing,
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

PLACE_SYLLABLES = [
    "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Hưng", "Long", "Phước", "Thịnh", "Đông", "Tây",
    "Nam", "Bắc", "Trung", "Sơn", "Hải", "Giang", "Lâm", "Thủy", "Quang", "Minh", "Đức", "Hiệp",
    "Lợi", "Thuận", "Vĩnh", "Yên", "Phong", "Cẩm", "Mỹ", "Xuân", "Hồng", "Kim", "Ngọc", "Lạc",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Đức", "Minh", "Thị", "Quang", "Hữu", "Ngọc", "Xuân"]
GIVEN = ["Hùng", "Dũng", "Hải", "Long", "Bình", "Lan", "Hương", "Sơn", "Tuấn", "Hòa", "Nam", "Mai",
         "Hà", "Thủy", "Tâm", "Nghĩa", "Thắng", "Hạnh", "Yến", "Cường"]
ACTIVITY_KINDS = ["meeting", "supervision", "supervision", "inspection", "recommendation", "petition"]


@dataclass(frozen=True)
class Scale:
    root_kind: str
    root_level: str
    provinces: int          # 0: communes sit directly under the root
    communes: int           # in all
    villages_per_commune: tuple[int, int]
    participations_per_village: float
    activities_per_commune_year: int


SCALES = {
    "town": Scale("thi_xa", "district", 0, 19, (5, 14), 5.0, 12),
    "province": Scale("tinh", "province", 0, 150, (6, 14), 5.0, 12),
    "national": Scale("quoc_gia", "country", 63, 10_000, (6, 14), 5.0, 12),
}


# Invented names: the banner says the dataset is synthetic.
ROOT_NAMES = {"town": "Yên Bình", "province": "Hải Bình", "national": "Việt Nam"}
ROOT_CODES = {"town": "T01", "province": "P01", "national": "VN"}


class _Rows:
    """Rows per table as tuples, with ids assigned here (bulk inserts need no RETURNING)."""

    def __init__(self):
        self.tables: dict[type, tuple[list[str], list[tuple]]] = {}
        self.next_id: dict[type, int] = {}

    def add(self, model, columns: list[str], values: tuple) -> int:
        cols, rows = self.tables.setdefault(model, (["id", *columns], []))
        new_id = self.next_id.get(model, 0) + 1
        self.next_id[model] = new_id
        rows.append((new_id, *values))
        return new_id

    def add_plain(self, model, columns: list[str], values: tuple) -> None:
        cols, rows = self.tables.setdefault(model, (columns, []))
        rows.append(values)


def generate(scale_name: str, seed: int = 1, years: int = 8, today: date | None = None,
             progress: Callable[[str], None] | None = None) -> _Rows:
    """All rows of a synthetic dataset (nothing is written)."""
    scale = SCALES[scale_name]
    rng = random.Random(seed)
    say = progress or (lambda _message: None)
    today = today or date.today()
    end = today
    start = date(end.year - years, 1, 1)
    merger = date(end.year, 1, 1) if end.month >= 7 else date(end.year - 1, 7, 1)
    before_merger = merger - timedelta(days=1)
    rows = _Rows()
    unit_cols = ["code", "name", "kind", "level", "valid_from", "valid_to"]
    member_cols = ["child_id", "parent_id", "valid_from", "valid_to"]

    def place(index: int) -> str:
        a = PLACE_SYLLABLES[index % len(PLACE_SYLLABLES)]
        b = PLACE_SYLLABLES[(index // len(PLACE_SYLLABLES) * 7 + 3) % len(PLACE_SYLLABLES)]
        suffix = index // (len(PLACE_SYLLABLES) ** 2)
        return f"{a} {b}" + (f" {suffix + 1}" if suffix else "")

    # -- structure --
    origin = date(2000, 1, 1)
    root = rows.add(Unit, unit_cols, (ROOT_CODES[scale_name], ROOT_NAMES[scale_name],
                                      scale.root_kind, scale.root_level, origin, None))
    parents = [root]
    if scale.provinces:
        parents = [rows.add(Unit, unit_cols, (f"P{p + 1:02d}", f"Tỉnh {place(p)}", "tinh", "province", origin, None))
                   for p in range(scale.provinces)]
        for pid in parents:
            rows.add(UnitMembership, member_cols, (pid, root, origin, None))
    communes = []  # (id, parent id, village ids)
    villages_all = []  # (id, commune id, commune index)
    for c in range(scale.communes):
        parent = parents[c * len(parents) // scale.communes]  # contiguous blocks per province
        kind = "phuong" if rng.random() < 0.3 else "xa"
        code = f"{c + 1:05d}"
        cid = rows.add(Unit, unit_cols, (code, place(c + 100), kind, "commune", origin, None))
        rows.add(UnitMembership, member_cols, (cid, parent, origin, None))
        village_ids = []
        for v in range(rng.randint(*scale.villages_per_commune)):
            vid = rows.add(Unit, unit_cols, (f"{code}-{v + 1:02d}", f"{'Khu' if kind == 'phuong' else 'Thôn'} {v + 1}",
                                             "khu" if kind == "phuong" else "thon", "village", origin, None))
            rows.add(UnitMembership, member_cols, (vid, cid, origin, None))
            village_ids.append(vid)
            villages_all.append((vid, cid, c))
        communes.append((cid, parent, village_ids))
    say(f"structure: {len(communes)} communes, {len(villages_all)} villages")

    # -- mergers: one commune in ten joins its neighbour under the same parent --
    ended: dict[int, int] = {}
    unit_rows = rows.tables[Unit][1]
    member_rows = rows.tables[UnitMembership][1]
    membership_of = {r[1]: i for i, r in enumerate(member_rows)}  # child id -> row index
    for index in range(0, len(communes) - 1, 10):
        old, keep = communes[index], communes[index + 1]
        if old[1] != keep[1]:
            continue
        old_id, parent, village_ids = old
        unit_rows[old_id - 1] = (*unit_rows[old_id - 1][:6], before_merger)
        row = member_rows[membership_of[old_id]]
        member_rows[membership_of[old_id]] = (*row[:4], before_merger)
        for vid in village_ids:
            row = member_rows[membership_of[vid]]
            member_rows[membership_of[vid]] = (*row[:4], before_merger)
            rows.add(UnitMembership, member_cols, (vid, keep[0], merger, None))
        rows.add(UnitSuccession, ["predecessor_id", "successor_id", "date", "is_primary"],
                 (old_id, keep[0], merger, True))
        ended[old_id] = keep[0]
    say(f"mergers: {len(ended)} communes merged on {merger.isoformat()}")

    # -- terms, topics --
    term_cols = ["code", "name", "start_date", "end_date"]
    terms = []
    term_start = date(start.year, 7, 1)
    while term_start <= end:
        term_end = date(term_start.year + 5, 6, 30)
        code = f"{term_start.year}-{term_end.year}"
        terms.append((rows.add(Term, term_cols, (code, f"Nhiệm kỳ {term_start.year}–{term_end.year}",
                                                 term_start, term_end)), term_start, term_end))
        term_start = date(term_end.year, 7, 1)
    topic_ids = [rows.add(Topic, ["code", "name"], (f"CD{i}", f"Chuyên đề {i}")) for i in range(1, 7)]

    # -- people and posts --
    person_cols = ["key", "full_name", "gender", "birth_year"]
    post_cols = ["person_id", "village_id", "role", "term_id", "start_date", "end_date", "first_time"]
    holders: dict[int, list[tuple[int, date, date | None, bool]]] = {}  # village -> (person, start, end, first)
    person_count = 0

    def person() -> int:
        nonlocal person_count
        person_count += 1
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        return rows.add(Person, person_cols, (f"S{person_count:07d}", name,
                                              "nu" if rng.random() < 0.15 else "nam", rng.randint(1960, 1990)))

    for vid, _cid, _c in villages_all:
        holder = None
        previous_end = None
        for t_index, (term_id, t_start, t_end) in enumerate(terms):
            post_start = t_start + timedelta(days=rng.randint(0, 60))
            post_end = None if t_end >= end else t_end + timedelta(days=rng.randint(0, 60))
            if previous_end is not None and post_start <= previous_end:
                # one secretary and one head per village on any day (the importer's rule):
                # the new term's holders start the day after the last ones left
                post_start = previous_end + timedelta(days=1)
            previous_end = post_end
            first = holder is None or rng.random() < 0.3
            if first:
                holder = person()
            if rng.random() < 0.03:  # not unified in this term
                rows.add(Post, post_cols, (holder, vid, "secretary", term_id, post_start, post_end, first))
                rows.add(Post, post_cols, (person(), vid, "head", term_id, post_start, post_end, True))
            elif rng.random() < 0.02 and post_end is None:  # the head left: a vacancy
                left = post_start + timedelta(days=rng.randint(100, 700))
                rows.add(Post, post_cols, (holder, vid, "secretary", term_id, post_start, post_end, first))
                rows.add(Post, post_cols, (holder, vid, "head", term_id, post_start, min(left, end), first))
            else:
                rows.add(Post, post_cols, (holder, vid, "secretary", term_id, post_start, post_end, first))
                rows.add(Post, post_cols, (holder, vid, "head", term_id, post_start, post_end, first))
            holders.setdefault(vid, []).append((holder, post_start, post_end, first))
    say(f"people: {person_count}, posts: {len(rows.tables[Post][1])}")
    _add_attributes(rows, random.Random(seed * 31 + 15), end)

    # -- training: per commune a course every year or so, its cadres as learners --
    course_cols = ["code", "title", "organiser_id", "kind", "start_date", "end_date", "days"]
    part_cols = ["course_id", "person_id", "unit_id", "days_attended", "completed", "certificate"]
    target = int(scale.participations_per_village * len(villages_all))
    per_course = max(1, target // max(1, len(communes) * years))
    course_count = 0
    for cid, _parent, village_ids in communes:
        for year in range(start.year, end.year + 1):
            day = date(year, rng.randint(2, 11), rng.randint(1, 28))
            if day > end:
                continue
            course_count += 1
            days = rng.choice([1, 2, 3, 4])
            kind = rng.choice(["boi_duong", "tap_huan", "tap_huan", "toa_dam"])
            course_id = rows.add(Course, course_cols, (f"K{course_count:07d}", f"Lớp {course_count}", cid, kind, day,
                                                       day + timedelta(days=days - 1), float(days)))
            for topic in rng.sample(topic_ids, rng.randint(1, 4)):
                rows.add_plain(CourseTopic, ["course_id", "topic_id"], (course_id, topic))
            seen = set()
            for vid in village_ids:
                for person_id, p_start, p_end, _first in holders.get(vid, []):
                    if p_start <= day and (p_end is None or p_end >= day) and person_id not in seen:
                        seen.add(person_id)
                        if len(seen) > per_course:
                            break
                        attended = days if rng.random() > 0.08 else max(0, days - 2)
                        done = attended >= 0.75 * days
                        rows.add(Participation, part_cols, (course_id, person_id, vid, float(attended), done, done))
    say(f"courses: {course_count}, participations: {len(rows.tables.get(Participation, ([], []))[1])}")

    # -- boards and activities --
    board_cols = ["code", "kind", "unit_id", "name", "project", "village_id", "valid_from", "valid_to", "members"]
    act_cols = ["code", "board_id", "date", "kind", "subject", "village_id", "violations_found",
                "recommendations_made", "recommendations_resolved", "money_recovered", "land_recovered_m2",
                "settlement_reduction"]
    activity_count = 0
    for cid, _parent, village_ids in communes:
        valid_to = before_merger if cid in ended else None
        board_id = rows.add(Board, board_cols, (f"B{cid:07d}", "bttnd", cid, "Ban Thanh tra nhân dân", None, None,
                                                start, valid_to, rng.randint(5, 11)))
        project_board = rows.add(Board, board_cols, (f"G{cid:07d}", "gsdtcd", cid, "Ban Giám sát đầu tư của cộng đồng",
                                                     "Công trình giao thông", village_ids[0], start, valid_to, 5))
        last = valid_to or end
        n = scale.activities_per_commune_year * years
        span = (last - start).days
        for _ in range(n):
            activity_count += 1
            day = start + timedelta(days=rng.randint(0, span))
            made = rng.choice([0, 0, 1, 1, 2, 3])
            resolved = sum(1 for _ in range(made) if rng.random() < 0.8)
            rows.add(BoardActivity, act_cols, (
                f"A{activity_count:08d}", board_id if rng.random() < 0.7 else project_board, day,
                rng.choice(ACTIVITY_KINDS), "Hoạt động giám sát", rng.choice(village_ids) if rng.random() < 0.3 else None,
                0, made, resolved, 0, 0.0, 0))
    say(f"boards: {len(rows.tables[Board][1])}, activities: {activity_count}")

    # -- briefings: monthly, a few missed --
    for cid, _parent, _villages in communes:
        last = before_merger if cid in ended else end
        month = date(start.year, 1, 1)
        while month <= last:
            if rng.random() > 0.03:
                day = month + timedelta(days=rng.randint(2, 12))
                if day <= last:
                    rows.add(Briefing, ["unit_id", "date", "attendees", "note"], (cid, day, rng.randint(8, 20), None))
            month = add_months(month, 1)
    say(f"briefings: {len(rows.tables[Briefing][1])}")
    rows.data_from, rows.data_through = start, end
    return rows


def _add_attributes(rows: _Rows, rng: random.Random, end: date) -> None:
    """Dated attributes of every cadre (``profile_data``) from a generator of their own."""
    _cols, people = rows.tables[Person]
    born = {row[0]: row[4] for row in people}
    first_post: dict[int, date] = {}
    for row in rows.tables[Post][1]:
        pid, start_day = row[1], row[5]
        first_post[pid] = min(first_post.get(pid, start_day), start_day)
    for pid in sorted(first_post):
        for attribute, value, valid_from in attributes_for(rng, born[pid], first_post[pid], end):
            rows.add(PersonAttribute, ["person_id", "attribute", "value", "valid_from"],
                     (pid, attribute, value, valid_from))


_ORDER = [Unit, UnitMembership, UnitSuccession, Term, Person, PersonAttribute, Post, Topic, Course, CourseTopic,
          Participation, Board, BoardActivity, Briefing]


def write(engine: Engine, rows: _Rows, scale_name: str, seed: int,
          progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write ``rows`` into an empty database in one transaction and build the roll-up."""
    say = progress or (lambda _message: None)
    counts = {}
    with engine.begin() as conn:
        for model in _ORDER:
            if model not in rows.tables:
                continue
            columns, values = rows.tables[model]
            started = time.perf_counter()
            _bulk_insert(conn, model.__tablename__, columns, values)
            counts[model.__tablename__] = len(values)
            say(f"wrote {model.__tablename__}: {len(values):,} rows in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        counts["unit_rollup"] = rebuild_rollup(conn)
        say(f"built unit_rollup: {counts['unit_rollup']:,} rows in {time.perf_counter() - started:.1f} s")
        for key, value in (("dataset", f"synthetic-{scale_name}"), ("data_version", "1"),
                           ("data_token", db.new_data_token()),
                           ("data_from", rows.data_from.isoformat()),
                           ("data_through", rows.data_through.isoformat()), ("synthetic_seed", str(seed))):
            conn.execute(insert(Meta).values(key=key, value=value))
        conn.execute(insert(ImportRecord).values(
            created_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0), user_name=f"grassroots demo --scale {scale_name}",
            file_name="(dữ liệu tổng hợp)", checksum=f"seed-{seed}", counts=json.dumps(counts), result="ok",
            message=f"Dữ liệu tổng hợp quy mô {scale_name}"))
        started = time.perf_counter()
        built = preagg.rebuild(conn)
        say(f"built the pre-aggregated tables: {built} in {time.perf_counter() - started:.1f} s")
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for model in _ORDER + [ImportRecord]:
                if "id" in model.__table__.c:
                    table = model.__tablename__
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                      f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
    db.vacuum_after_write(engine)  # the statistics: preagg.rebuild analyzed the tables
    return counts


def _bulk_insert(conn, table: str, columns: list[str], values: list[tuple]) -> None:
    if not values:
        return
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    placeholders = ", ".join("?" for _ in columns)
    cursor = conn.connection.driver_connection.cursor()
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", values)
    cursor.close()


def load_synthetic(engine: Engine, scale_name: str, seed: int = 1, years: int = 8, today: date | None = None,
                   progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Create the schema and fill an empty database with a synthetic dataset."""
    db.create_schema(engine)
    if not db.is_empty(engine):
        raise RuntimeError("the database already holds data; synthetic data loads into an empty one")
    rows = generate(scale_name, seed, years, today, progress)
    return write(engine, rows, scale_name, seed, progress)
