"""Validation of parsed rows against each other and against what the database holds.

Everything is checked before anything is written, and every problem is collected (never
only the first). Identities are natural keys, the same in the file and in the database:
a unit is (code, valid_from), a person their key, a course, board or term its code. A
row that refers to a unit by code gets the unit with that code valid on the row's date.

Only the records a file touches are read from the database (units with the codes it
names, posts of its villages and people ...), in chunks, so a file from one commune does
not load a national database.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from ..fmt import day as fmt_day
from ..i18n import kind_label, role_label, t
from ..models import (
    LEVELS,
    OPEN_END,
    UNIT_KINDS,
    Board,
    Course,
    Person,
    Post,
    Term,
    Topic,
    Unit,
    UnitMembership,
)
from ..template import SHEETS, Sheet
from .board_places import check_activity_villages
from .attributes import check as check_attributes
from .problems import Problem
from .suggest import Suggester

CHUNK = 500
# Roles a village has at most one holder of on any date.
SINGLE_HOLDER_ROLES = ("secretary", "head")


@dataclass
class Record:
    """One parsed row. ``values``: field key -> typed value; ``ok``: every cell parsed;
    ``refs``: resolved references (field key -> unit key (code, valid_from))."""

    sheet: Sheet
    file: str
    label: str
    row: int
    values: dict
    ok: bool = True
    refs: dict = field(default_factory=dict)

    def problem(self, column_key: str | None, message_key: str, /, **values) -> Problem:
        header = self.sheet.field(column_key).header if column_key else None
        return Problem(self.file, self.label, self.row, header, message_key, values)


@dataclass(frozen=True)
class UnitFact:
    code: str
    valid_from: date
    valid_to: date | None
    kind: str
    name: str
    origin: object  # a Record (from the file) or "db"

    @property
    def key(self) -> tuple[str, date]:
        return (self.code, self.valid_from)

    @property
    def level(self) -> str:
        return UNIT_KINDS[self.kind] if self.kind in UNIT_KINDS else "commune"

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def span(self) -> str:
        end = fmt_day(self.valid_to) if self.valid_to else t("imp.where.open")
        return f"{fmt_day(self.valid_from)} – {end}"

    def title(self) -> str:
        return f"{kind_label(self.kind)} {self.name}"


def _chunks(values):
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _end(value: date | None) -> date:
    return value or OPEN_END


def _overlap(a_from, a_to, b_from, b_to) -> date | None:
    """The first common day of two closed intervals (None: they do not meet)."""
    lo, hi = max(a_from, b_from), min(_end(a_to), _end(b_to))
    return lo if lo <= hi else None


def natural_key(record: Record):
    """The natural key of a record as typed in the file (for duplicates within the file),
    with the field keys it is made of."""
    v = record.values
    sheet = record.sheet.key
    fields = {
        "unit": ("code", "valid_from"),
        "unit_membership": ("unit", "parent", "valid_from"),
        "unit_succession": ("predecessor", "successor"),
        "term": ("code",),
        "person": ("key",),
        "post": ("village", "role", "start_date"),
        "topic": ("code",),
        "course": ("code",),
        "participation": ("course", "person"),
        "board": ("code",),
        "board_activity": ("code",),
        "briefing": ("unit", "date"),
        "review": ("code",),
        "person_attribute": ("person", "valid_from"),
    }[sheet]
    key = tuple(v.get(f) for f in fields)
    return (key if all(k is not None for k in key) else None), fields


class Checker:
    """Checks parsed records; after ``check()`` every ok record carries its resolved
    unit references in ``refs``."""

    def __init__(self, conn: Connection, records: list[Record], ignore_database: bool = False):
        self.conn = conn
        self.records = records
        self.ignore_db = ignore_database
        self.problems: list[Problem] = []
        self.by_sheet: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            self.by_sheet[record.sheet.key].append(record)
        self.units: dict[tuple[str, date], UnitFact] = {}
        self.units_by_code: dict[str, list[UnitFact]] = defaultdict(list)
        self.soft_codes: set[str] = set()  # codes of unit rows that failed to parse
        self.suggest = Suggester(self)

    # -- helpers -------------------------------------------------------------------------

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def ok(self, sheet: str) -> list[Record]:
        return [r for r in self.by_sheet.get(sheet, []) if r.ok]

    def _db_rows(self, query_for_chunk, values):
        if self.ignore_db or not values:
            return []
        rows = []
        for chunk in _chunks(sorted(set(values), key=str)):
            rows.extend(self.conn.execute(query_for_chunk(chunk)).all())
        return rows

    def _file_codes(self, sheet: str, field_key: str, soft: bool = False) -> set:
        records = self.by_sheet.get(sheet, []) if soft else self.ok(sheet)
        return {r.values.get(field_key) for r in records if r.values.get(field_key) is not None}

    def _known(self, sheet: str, field_key: str, model_column, referenced: set) -> tuple[set, set]:
        """(known codes, codes of rows that failed to parse) for a keyed table."""
        known = self._file_codes(sheet, field_key)
        soft = self._file_codes(sheet, field_key, soft=True) - known
        missing = referenced - known
        known |= {r[0] for r in self._db_rows(lambda c: select(model_column).where(model_column.in_(c)), missing)}
        return known, soft

    def dates_in_order(self, record: Record, start_key: str, end_key: str) -> bool:
        start, end = record.values.get(start_key), record.values.get(end_key)
        if start is not None and end is not None and end < start:
            spec = record.sheet
            self.add(record.problem(end_key, "imp.row.dates_order",
                                    end_column=spec.field(end_key).header, end=fmt_day(end),
                                    start_column=spec.field(start_key).header, start=fmt_day(start)))
            record.ok = False
            return False
        return True

    # -- units ---------------------------------------------------------------------------

    UNIT_REFERENCES = {
        "unit": ("code",),
        "unit_membership": ("unit", "parent"),
        "unit_succession": ("predecessor", "successor"),
        "post": ("village",),
        "course": ("organiser",),
        "participation": ("unit",),
        "board": ("unit", "village"),
        "board_activity": ("village",),
        "briefing": ("unit",),
        "review": ("unit",),
    }

    def load_units(self) -> None:
        codes = set()
        for sheet, keys in self.UNIT_REFERENCES.items():
            for record in self.by_sheet.get(sheet, []):
                codes |= {record.values.get(k) for k in keys if record.values.get(k)}
        for row in self._db_rows(lambda c: select(Unit.code, Unit.valid_from, Unit.valid_to, Unit.kind, Unit.name)
                                 .where(Unit.code.in_(c)), codes):
            fact = UnitFact(row.code, row.valid_from, row.valid_to, row.kind, row.name, "db")
            self.units[fact.key] = fact
        for record in self.by_sheet.get("unit", []):
            if not record.ok:
                if record.values.get("code"):
                    self.soft_codes.add(record.values["code"])
                continue
            if not self.dates_in_order(record, "valid_from", "valid_to"):
                self.soft_codes.add(record.values["code"])
                continue
            v = record.values
            fact = UnitFact(v["code"], v["valid_from"], v["valid_to"], v["kind"], v["name"], record)
            self.units[fact.key] = fact
        for fact in self.units.values():
            self.units_by_code[fact.code].append(fact)
        for facts in self.units_by_code.values():
            facts.sort(key=lambda f: f.valid_from)
            for i, a in enumerate(facts):
                for b in facts[i + 1 :]:
                    if a.origin == "db" and b.origin == "db":
                        continue
                    if _overlap(a.valid_from, a.valid_to, b.valid_from, b.valid_to) is None:
                        continue
                    mine, other = (b, a) if b.origin != "db" else (a, b)
                    where = t("imp.place.row", row=other.origin.row) if other.origin != "db" else t("imp.where.existing")
                    self.add(mine.origin.problem("valid_from", "imp.unit.code_overlap", code=mine.code,
                                                 other=f"{other.title()}, {other.span()}, {where}"))
                    mine.origin.ok = False

    def unknown(self, record: Record, field_key: str, message_key: str, typed: str) -> None:
        """The problem for a person, term, topic, course or board code that names nothing,
        with a suggestion when there is one (``importer.suggest``)."""
        suggestions = self.suggest.keys(message_key, typed)
        if suggestions:
            self.add(record.problem(field_key, message_key + "_suggest", code=typed,
                                    suggestion=t("imp.ref.or").join(suggestions)))
        else:
            self.add(record.problem(field_key, message_key, code=typed))

    def resolve(self, record: Record, field_key: str, day: date | None, need: str | None = None) -> UnitFact | None:
        """The unit named by ``record.values[field_key]`` on ``day``; a problem when there
        is none. need: "village" or "above_village" for the level the column expects."""
        code = record.values.get(field_key)
        if code is None or day is None:
            return None
        facts = self.units_by_code.get(code, [])
        if not facts:
            if code not in self.soft_codes:
                suggestions = self.suggest.units(code)
                if suggestions:
                    self.add(record.problem(field_key, "imp.ref.unknown_unit_suggest", code=code,
                                            suggestion=t("imp.ref.or").join(suggestions)))
                else:
                    self.add(record.problem(field_key, "imp.ref.unknown_unit", code=code))
                record.ok = False
            return None
        fact = next((f for f in facts if f.valid_on(day)), None)
        if fact is None:
            valid = "; ".join(f"{f.title()}: {f.span()}" for f in facts[:3])
            self.add(record.problem(field_key, "imp.ref.unit_not_valid", code=code, date=fmt_day(day), valid=valid))
            record.ok = False
            return None
        if need == "village" and fact.level != "village":
            self.add(record.problem(field_key, "imp.ref.not_village", code=code, unit=fact.title()))
            record.ok = False
            return None
        if need == "above_village" and fact.level == "village":
            self.add(record.problem(field_key, "imp.ref.is_village", code=code, unit=fact.title()))
            record.ok = False
            return None
        record.refs[field_key] = fact.key
        return fact

    # -- the checks, sheet by sheet -----------------------------------------------------

    def check(self) -> list[Problem]:
        self.duplicates()
        self.load_units()
        self.memberships()
        self.successions()
        terms, soft_terms = self._known("term", "code", Term.code, self._file_codes("post", "term"))
        for record in self.ok("term"):
            self.dates_in_order(record, "start_date", "end_date")
        people_refs = (self._file_codes("post", "person") | self._file_codes("participation", "person")
                       | self._file_codes("person_attribute", "person"))
        people, soft_people = self._known("person", "key", Person.key, people_refs)
        check_attributes(self, people, soft_people)
        self.posts(people, soft_people, terms, soft_terms)
        topic_refs = {code for r in self.ok("course") for code in (r.values.get("topics") or [])}
        topics, soft_topics = self._known("topic", "code", Topic.code, topic_refs)
        courses = self.courses(topics, soft_topics)
        self.participations(courses, people, soft_people)
        boards = self.boards()
        self.activities(boards)
        self.briefings()
        self.reviews()
        return self.problems

    def duplicates(self) -> None:
        for sheet in SHEETS:
            first: dict = {}
            for record in self.by_sheet.get(sheet.key, []):
                key, fields = natural_key(record)
                if key is None:
                    continue
                if key in first:
                    self.add(record.problem(fields[0], "imp.row.duplicate", other=first[key].row,
                                            columns=", ".join(sheet.field(f).header for f in fields)))
                    record.ok = False
                else:
                    first[key] = record

    def memberships(self) -> None:
        records = self.ok("unit_membership")
        spans: dict[tuple, list] = defaultdict(list)  # child key -> [(from, to, parent key, origin)]
        for record in records:
            if not self.dates_in_order(record, "valid_from", "valid_to"):
                continue
            v = record.values
            child = self.resolve(record, "unit", v["valid_from"])
            parent = self.resolve(record, "parent", v["valid_from"])
            if child is None or parent is None:
                continue
            if child.key == parent.key:
                self.add(record.problem("parent", "imp.membership.self"))
                record.ok = False
                continue
            if LEVELS.index(parent.level) >= LEVELS.index(child.level):
                self.add(record.problem("parent", "imp.membership.level", child=child.title(), parent=parent.title()))
                record.ok = False
                continue
            for fact, column in ((child, "unit"), (parent, "parent")):
                if _end(v["valid_to"]) > _end(fact.valid_to):
                    self.add(record.problem("valid_to", "imp.membership.beyond_unit", unit=fact.title(),
                                            valid=fact.span()))
                    record.ok = False
                    break
            if record.ok:
                spans[child.key].append((v["valid_from"], v["valid_to"], parent.key, record))
        if not spans:
            return
        child_unit, parent_unit = aliased(Unit), aliased(Unit)
        codes = {key[0] for key in spans}
        query = lambda c: (select(child_unit.code, child_unit.valid_from, parent_unit.code, parent_unit.valid_from,
                                  UnitMembership.valid_from, UnitMembership.valid_to)
                           .join(child_unit, child_unit.id == UnitMembership.child_id)
                           .join(parent_unit, parent_unit.id == UnitMembership.parent_id)
                           .where(child_unit.code.in_(c)))
        in_file = {(child, entry[2], entry[0]) for child, entries in spans.items() for entry in entries}
        for row in self._db_rows(query, codes):
            child = (row[0], row[1])
            if child in spans and (child, (row[2], row[3]), row[4]) not in in_file:
                spans[child].append((row[4], row[5], (row[2], row[3]), "db"))
        for child, entries in spans.items():
            entries.sort(key=lambda e: (e[0], str(e[3])))
            for i, a in enumerate(entries):
                for b in entries[i + 1 :]:
                    if a[3] == "db" and b[3] == "db":
                        continue
                    common = _overlap(a[0], a[1], b[0], b[1])
                    if common is None:
                        continue
                    mine, other = (b, a) if b[3] != "db" else (a, b)
                    other_unit = self.units.get(other[2])
                    where = t("imp.place.row", row=other[3].row) if other[3] != "db" else t("imp.where.existing")
                    self.add(mine[3].problem("valid_from", "imp.membership.overlap", code=child[0],
                                             other=other_unit.title() if other_unit else other[2][0],
                                             date=fmt_day(common), where=where))
                    mine[3].ok = False

    def successions(self) -> None:
        for record in self.ok("unit_succession"):
            day = record.values["date"]
            old = self.resolve(record, "predecessor", day - timedelta(days=1))
            new = self.resolve(record, "successor", day)
            if old is not None and new is not None and old.key == new.key:
                self.add(record.problem("successor", "imp.succession.self"))
                record.ok = False

    def posts(self, people: set, soft_people: set, terms: set, soft_terms: set) -> None:
        spans = []  # (village key, role, person, start, end, origin)
        for record in self.ok("post"):
            v = record.values
            if v["person"] not in people:
                if v["person"] not in soft_people:
                    self.unknown(record, "person", "imp.ref.unknown_person", v["person"])
                record.ok = False
            if v.get("term") and v["term"] not in terms:
                if v["term"] not in soft_terms:
                    self.unknown(record, "term", "imp.ref.unknown_term", v["term"])
                record.ok = False
            self.dates_in_order(record, "start_date", "end_date")
            village = self.resolve(record, "village", v["start_date"], need="village")
            if village is not None and record.ok:
                spans.append((village.key, v["role"], v["person"], v["start_date"], v["end_date"], record))
        if not spans:
            return
        villages = {s[0][0] for s in spans}
        persons = {s[2] for s in spans}
        in_file = {(s[0], s[1], s[3]) for s in spans}
        columns = (Unit.code, Unit.valid_from, Post.role, Person.key, Post.start_date, Post.end_date)
        base = select(*columns).join(Unit, Unit.id == Post.village_id).join(Person, Person.id == Post.person_id)
        seen = set()
        for rows in (self._db_rows(lambda c: base.where(Unit.code.in_(c)), villages),
                     self._db_rows(lambda c: base.where(Person.key.in_(c)), persons)):
            for row in rows:
                key = ((row[0], row[1]), row[2], row[4])
                if key in in_file or key in seen:
                    continue
                seen.add(key)
                spans.append(((row[0], row[1]), row[2], row[3], row[4], row[5], "db"))
        by_post = defaultdict(list)
        by_person = defaultdict(list)
        for span in spans:
            if span[1] in SINGLE_HOLDER_ROLES:
                by_post[(span[0], span[1])].append(span)
            by_person[span[2]].append(span)
        reported: set[int] = set()

        def clashes(groups, same_group_ok):
            for entries in groups.values():
                if all(e[5] == "db" for e in entries):
                    continue
                entries.sort(key=lambda e: (e[3], str(e[5])))
                for i, a in enumerate(entries):
                    for b in entries[i + 1 :]:
                        if b[3] > _end(a[4]):
                            break
                        if a[5] == "db" and b[5] == "db":
                            continue
                        if same_group_ok(a, b):
                            continue
                        common = _overlap(a[3], a[4], b[3], b[4])
                        if common is None:
                            continue
                        yield (b, a) if b[5] != "db" else (a, b), common

        for (mine, other), common in clashes(by_post, lambda a, b: False):
            if id(mine[5]) in reported:
                continue
            reported.add(id(mine[5]))
            where = t("imp.place.row", row=other[5].row) if other[5] != "db" else t("imp.where.existing")
            self.add(mine[5].problem("start_date", "imp.post.two_holders", code=mine[0][0],
                                     role=role_label(mine[1]).lower(), date=fmt_day(common), where=where))
            mine[5].ok = False
        for (mine, other), common in clashes(by_person, lambda a, b: a[0] == b[0]):
            if id(mine[5]) in reported:
                continue
            reported.add(id(mine[5]))
            where = t("imp.place.row", row=other[5].row) if other[5] != "db" else t("imp.where.existing")
            self.add(mine[5].problem("village", "imp.post.two_villages", person=mine[2], village=mine[0][0],
                                     other=other[0][0], date=fmt_day(common), where=where))
            mine[5].ok = False

    def courses(self, topics: set, soft_topics: set) -> dict:
        """Known courses: code -> (start date, days held); None for rows that failed."""
        courses: dict = {}
        for record in self.by_sheet.get("course", []):
            v = record.values
            if not record.ok:
                if v.get("code"):
                    courses[v["code"]] = None
                continue
            self.dates_in_order(record, "start_date", "end_date")
            self.resolve(record, "organiser", v["start_date"])
            for code in v.get("topics") or []:
                if code not in topics:
                    if code not in soft_topics:
                        self.unknown(record, "topics", "imp.ref.unknown_topic", code)
                    record.ok = False
            courses[v["code"]] = (v["start_date"], v["days"]) if record.ok else None
        referenced = self._file_codes("participation", "course") - set(courses)
        for row in self._db_rows(lambda c: select(Course.code, Course.start_date, Course.days)
                                 .where(Course.code.in_(c)), referenced):
            courses[row[0]] = (row[1], row[2])
        return courses

    def participations(self, courses: dict, people: set, soft_people: set) -> None:
        for record in self.ok("participation"):
            v = record.values
            if v["person"] not in people:
                if v["person"] not in soft_people:
                    self.unknown(record, "person", "imp.ref.unknown_person", v["person"])
                record.ok = False
            if v["course"] not in courses:
                self.unknown(record, "course", "imp.ref.unknown_course", v["course"])
                record.ok = False
                continue
            course = courses[v["course"]]
            if course is None:
                record.ok = False
                continue
            start, days = course
            self.resolve(record, "unit", start)
            if v["days_attended"] > days + 1e-9:
                self.add(record.problem("days_attended", "imp.participation.days",
                                        attended=_num(v["days_attended"]), held=_num(days)))
                record.ok = False

    def boards(self) -> dict:
        boards: dict = {}
        for record in self.by_sheet.get("board", []):
            v = record.values
            if not record.ok:
                if v.get("code"):
                    boards[v["code"]] = None
                continue
            self.dates_in_order(record, "valid_from", "valid_to")
            self.resolve(record, "unit", v["valid_from"], need="above_village")
            if v.get("village"):
                self.resolve(record, "village", v["valid_from"], need="village")
            boards[v["code"]] = (v["valid_from"], v["valid_to"]) if record.ok else None
        referenced = self._file_codes("board_activity", "board") - set(boards)
        for row in self._db_rows(lambda c: select(Board.code, Board.valid_from, Board.valid_to)
                                 .where(Board.code.in_(c)), referenced):
            boards[row[0]] = (row[1], row[2])
        return boards

    def activities(self, boards: dict) -> None:
        for record in self.ok("board_activity"):
            v = record.values
            if v["recommendations_resolved"] > v["recommendations_made"]:
                self.add(record.problem("recommendations_resolved", "imp.activity.resolved",
                                        resolved=v["recommendations_resolved"], made=v["recommendations_made"]))
                record.ok = False
            if v["board"] not in boards:
                self.unknown(record, "board", "imp.ref.unknown_board", v["board"])
                record.ok = False
            elif boards[v["board"]] is None:
                record.ok = False
            else:
                start, end = boards[v["board"]]
                if not (start <= v["date"] <= _end(end)):
                    span = f"{fmt_day(start)} – {fmt_day(end) if end else t('imp.where.open')}"
                    self.add(record.problem("date", "imp.activity.board_not_valid", code=v["board"],
                                            date=fmt_day(v["date"]), valid=span))
                    record.ok = False
            if v.get("village"):
                self.resolve(record, "village", v["date"], need="village")
        check_activity_villages(self, self.by_sheet.get("board_activity", []))

    def briefings(self) -> None:
        for record in self.ok("briefing"):
            self.resolve(record, "unit", record.values["date"], need="above_village")

    def reviews(self) -> None:
        for record in self.ok("review"):
            if self.dates_in_order(record, "start_date", "date"):
                self.resolve(record, "unit", record.values["date"], need="above_village")


def _num(value) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:g}".replace(".", ",")
