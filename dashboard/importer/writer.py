"""Writing checked records: insert what is new, update what changed, leave the rest.

Runs inside the caller's transaction. Each table is matched on its natural key, so that
importing the same file twice writes nothing the second time and a corrected row updates
the row it corrects. Rows the file does not mention are never deleted (a commune sends
only its own records).
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, bindparam, delete, insert, select, tuple_, update

from ..models import (
    UNIT_KINDS,
    Board,
    BoardActivity,
    Briefing,
    Review,
    Course,
    CourseTopic,
    Participation,
    Person,
    PersonAttribute,
    Post,
    Term,
    Topic,
    Unit,
    UnitMembership,
    UnitRollup,
    UnitSuccession,
)
from .attributes import rows_of as attribute_rows
from .checks import CHUNK, Record

# What the importer writes, in foreign-key order (the keys of the counts it returns).
TABLES = ("unit", "unit_membership", "unit_succession", "term", "person", "post", "topic", "course",
          "participation", "board", "board_activity", "review", "briefing", "person_attribute")
STRUCTURE_TABLES = ("unit", "unit_membership", "unit_succession")
# Data tables, children first: cleared when real data replaces the demo.
CLEAR_ORDER = (BoardActivity, Board, Participation, CourseTopic, Course, Topic, Post, PersonAttribute, Person, Term,
               Briefing, Review,
               UnitSuccession, UnitMembership)


def _chunks(values):
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    return a == b


class Writer:
    def __init__(self, conn: Connection, records: list[Record]):
        self.conn = conn
        self.by_sheet: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            self.by_sheet[record.sheet.key].append(record)
        self.counts: dict[str, dict[str, int]] = {}
        self.unchanged: dict[str, set] = defaultdict(set)  # table -> natural keys left as they were
        self.unit_ids: dict = {}

    # -- generic upsert ----------------------------------------------------------------

    def upsert(self, table_key: str, model, key_columns: tuple[str, ...], rows: list[dict]) -> None:
        """Insert, update or leave each row, matched on ``key_columns``."""
        counts = {"inserted": 0, "updated": 0, "unchanged": 0}
        self.counts[table_key] = counts
        if not rows:
            return
        table = model.__table__
        value_columns = [c for c in rows[0] if c not in key_columns]
        first = table.c[key_columns[0]]
        existing: dict[tuple, tuple] = {}
        for chunk in _chunks({r[key_columns[0]] for r in rows}):
            query = select(table.c.id, *[table.c[k] for k in key_columns], *[table.c[c] for c in value_columns]) \
                .where(first.in_(chunk))
            for row in self.conn.execute(query):
                key = tuple(row[1 : 1 + len(key_columns)])
                existing[key] = (row[0], row[1 + len(key_columns):])
        inserts, updates = [], []
        for row in rows:
            key = tuple(row[k] for k in key_columns)
            found = existing.get(key)
            if found is None:
                inserts.append(row)
                continue
            row_id, old = found
            if all(_same(row[c], o) for c, o in zip(value_columns, old)):
                counts["unchanged"] += 1
                self.unchanged[table_key].add(key)
            else:
                updates.append({"_id": row_id, **{f"v_{c}": row[c] for c in value_columns}})
        for chunk in _chunks(inserts):
            self.conn.execute(insert(model), chunk)
        if updates:
            statement = update(model).where(table.c.id == bindparam("_id")).values(
                {c: bindparam(f"v_{c}") for c in value_columns})
            for chunk in _chunks(updates):
                self.conn.execute(statement, chunk)
        counts["inserted"] += len(inserts)
        counts["updated"] += len(updates)

    def ids(self, model, column: str, codes) -> dict:
        table = model.__table__
        out = {}
        for chunk in _chunks(set(codes)):
            out.update({r[0]: r[1] for r in self.conn.execute(
                select(table.c[column], table.c.id).where(table.c[column].in_(chunk)))})
        return out

    def load_unit_ids(self) -> None:
        codes = set()
        for records in self.by_sheet.values():
            for record in records:
                codes |= {key[0] for key in record.refs.values()}
        for chunk in _chunks(codes):
            for row in self.conn.execute(select(Unit.code, Unit.valid_from, Unit.id).where(Unit.code.in_(chunk))):
                self.unit_ids[(row[0], row[1])] = row[2]

    def ref(self, record: Record, field_key: str):
        key = record.refs.get(field_key)
        return self.unit_ids[key] if key is not None else None

    # -- tables ------------------------------------------------------------------------

    def write(self) -> dict[str, dict[str, int]]:
        s = self.by_sheet
        self.upsert("unit", Unit, ("code", "valid_from"), [
            {"code": v["code"], "valid_from": v["valid_from"], "name": v["name"], "kind": v["kind"],
             "level": UNIT_KINDS[v["kind"]], "valid_to": v["valid_to"]}
            for v in (r.values for r in s["unit"])])
        self.load_unit_ids()
        self.upsert("unit_membership", UnitMembership, ("child_id", "parent_id", "valid_from"), [
            {"child_id": self.ref(r, "unit"), "parent_id": self.ref(r, "parent"),
             "valid_from": r.values["valid_from"], "valid_to": r.values["valid_to"]} for r in s["unit_membership"]])
        self.upsert("unit_succession", UnitSuccession, ("predecessor_id", "successor_id"), [
            {"predecessor_id": self.ref(r, "predecessor"), "successor_id": self.ref(r, "successor"),
             "date": r.values["date"], "is_primary": bool(r.values["is_primary"])} for r in s["unit_succession"]])
        self.upsert("term", Term, ("code",), [
            {k: r.values[k] for k in ("code", "name", "start_date", "end_date")} for r in s["term"]])
        self.upsert("person", Person, ("key",), [
            {k: r.values[k] for k in ("key", "full_name", "gender", "birth_year")} for r in s["person"]])
        people = self.ids(Person, "key", {r.values["person"] for r in s["post"] + s["participation"]
                                          + s["person_attribute"]})
        self.upsert("person_attribute", PersonAttribute, ("person_id", "attribute", "valid_from"), [
            {"person_id": people[r.values["person"]], "attribute": attribute, "valid_from": valid_from, "value": value}
            for r in s["person_attribute"] for attribute, value, valid_from in attribute_rows(r.values)])
        terms = self.ids(Term, "code", {r.values["term"] for r in s["post"] if r.values.get("term")})
        self.upsert("post", Post, ("village_id", "role", "start_date"), [
            {"village_id": self.ref(r, "village"), "role": r.values["role"], "start_date": r.values["start_date"],
             "person_id": people[r.values["person"]],
             "term_id": terms[r.values["term"]] if r.values.get("term") else None,
             "end_date": r.values["end_date"], "first_time": bool(r.values["first_time"])} for r in s["post"]])
        self.upsert("topic", Topic, ("code",), [{k: r.values[k] for k in ("code", "name")} for r in s["topic"]])
        self.upsert("course", Course, ("code",), [
            {"code": r.values["code"], "title": r.values["title"], "organiser_id": self.ref(r, "organiser"),
             "kind": r.values["kind"], "start_date": r.values["start_date"], "end_date": r.values["end_date"],
             "days": float(r.values["days"])} for r in s["course"]])
        self.course_topics(s["course"])
        courses = self.ids(Course, "code", {r.values["course"] for r in s["participation"]})
        self.upsert("participation", Participation, ("course_id", "person_id"), [
            {"course_id": courses[r.values["course"]], "person_id": people[r.values["person"]],
             "unit_id": self.ref(r, "unit"), "days_attended": float(r.values["days_attended"]),
             "completed": bool(r.values["completed"]), "certificate": bool(r.values["certificate"])}
            for r in s["participation"]])
        self.upsert("board", Board, ("code",), [
            {"code": r.values["code"], "kind": r.values["kind"], "unit_id": self.ref(r, "unit"),
             "name": r.values["name"], "project": r.values["project"], "village_id": self.ref(r, "village"),
             "valid_from": r.values["valid_from"], "valid_to": r.values["valid_to"],
             "members": r.values["members"]} for r in s["board"]])
        boards = self.ids(Board, "code", {r.values["board"] for r in s["board_activity"]})
        numbers = ("violations_found", "recommendations_made", "recommendations_resolved", "money_recovered",
                   "settlement_reduction")
        self.upsert("board_activity", BoardActivity, ("code",), [
            {"code": r.values["code"], "board_id": boards[r.values["board"]], "date": r.values["date"],
             "kind": r.values["kind"], "subject": r.values["subject"], "village_id": self.ref(r, "village"),
             **{n: r.values[n] for n in numbers}, "land_recovered_m2": float(r.values["land_recovered_m2"])}
            for r in s["board_activity"]])
        self.upsert("briefing", Briefing, ("unit_id", "date"), [
            {"unit_id": self.ref(r, "unit"), "date": r.values["date"], "attendees": r.values["attendees"],
             "note": r.values["note"]} for r in s["briefing"]])
        self.upsert("review", Review, ("code",), [
            {"code": r.values["code"], "name": r.values["name"], "kind": r.values["kind"],
             "directive": r.values["directive"], "start_date": r.values["start_date"], "date": r.values["date"],
             "number": r.values["number"], "unit_id": self.ref(r, "unit")} for r in s["review"]])
        return {k: v for k, v in self.counts.items() if k in TABLES}

    def course_topics(self, records: list[Record]) -> None:
        """A course's topics are the list in its row: added and removed to match."""
        if not records:
            return
        courses = self.ids(Course, "code", {r.values["code"] for r in records})
        topics = self.ids(Topic, "code", {c for r in records for c in (r.values.get("topics") or [])})
        wanted = {courses[r.values["code"]]: {topics[c] for c in (r.values.get("topics") or [])} for r in records}
        have: dict[int, set[int]] = defaultdict(set)
        for chunk in _chunks(wanted):
            for course_id, topic_id in self.conn.execute(
                    select(CourseTopic.course_id, CourseTopic.topic_id).where(CourseTopic.course_id.in_(chunk))):
                have[course_id].add(topic_id)
        added, removed, changed = [], [], set()
        for course_id, topic_ids in wanted.items():
            for topic_id in topic_ids - have[course_id]:
                added.append({"course_id": course_id, "topic_id": topic_id})
                changed.add(course_id)
            for topic_id in have[course_id] - topic_ids:
                removed.append((course_id, topic_id))
                changed.add(course_id)
        for chunk in _chunks(removed):
            self.conn.execute(delete(CourseTopic).where(
                tuple_(CourseTopic.course_id, CourseTopic.topic_id).in_(chunk)))
        for chunk in _chunks(added):
            self.conn.execute(insert(CourseTopic), chunk)
        # a course whose row was unchanged but whose topics changed was updated
        codes = {course_id: code for code, course_id in courses.items()}
        moved = sum(1 for cid in changed if (codes[cid],) in self.unchanged["course"])
        self.counts["course"]["unchanged"] -= moved
        self.counts["course"]["updated"] += moved


def clear_data(conn: Connection) -> None:
    """Remove every record (the demo) before real data replaces it; units last."""
    for model in CLEAR_ORDER:
        conn.execute(delete(model))
    conn.execute(delete(UnitRollup))
    conn.execute(delete(Unit))
