"""The whole database in the template's format (``grassroots export``).

Importing the workbook into an empty database gives the same figures: every reference is
written as the code the importer resolves on the row's date, so the round trip is exact.
Text cells are written as text (never formulas), so nothing in the file can run.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased

from ..models import (
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
    UnitSuccession,
)
from ..i18n import unit_title
from ..scope import Scope, restrict
from ..template import template_bytes


CATALOG_LIMIT = 50_000  # rows per list: a national database lists its communes' codes, not more


def catalog(conn: Connection, scope: Scope, today: date) -> dict[str, list[tuple[str, str]]]:
    """The codes a user may use in a file, for the template's "Danh mục" sheet: units
    valid ``today`` in ``scope`` ("Phường Hiệp Hòa", "Thôn 4"), people holding or having
    held a post in a village of the scope, boards of the scope's units, and every topic
    and term (they belong to no unit). Sorted by code."""
    open_today = (Unit.valid_from <= today) & ((Unit.valid_to.is_(None)) | (Unit.valid_to >= today))
    units = conn.execute(restrict(select(Unit.code, Unit.kind, Unit.name).where(open_today), Unit.id, scope)
                         .order_by(Unit.code).limit(CATALOG_LIMIT)).all()
    people = conn.execute(restrict(select(Person.key, Person.full_name).join(Post, Post.person_id == Person.id),
                                   Post.village_id, scope)
                          .distinct().order_by(Person.key).limit(CATALOG_LIMIT)).all()
    boards = conn.execute(restrict(select(Board.code, Board.name), Board.unit_id, scope)
                          .order_by(Board.code).limit(CATALOG_LIMIT)).all()
    return {
        "units": [(code, unit_title(kind, name)) for code, kind, name in units],
        "people": [tuple(r) for r in people],
        "boards": [tuple(r) for r in boards],
        "topics": [tuple(r) for r in conn.execute(select(Topic.code, Topic.name).order_by(Topic.code))],
        "terms": [tuple(r) for r in conn.execute(select(Term.code, Term.name).order_by(Term.start_date, Term.code))],
    }


def dump_rows(conn: Connection) -> dict[str, list[dict]]:
    """Sheet key -> records keyed by the template's field keys, in a stable order."""
    out: dict[str, list[dict]] = {}
    u1, u2 = aliased(Unit), aliased(Unit)

    def rows(query, keys):
        return [dict(zip(keys, r)) for r in conn.execute(query)]

    out["unit"] = rows(select(Unit.code, Unit.name, Unit.kind, Unit.valid_from, Unit.valid_to)
                       .order_by(Unit.valid_from, Unit.code), ("code", "name", "kind", "valid_from", "valid_to"))
    out["unit_membership"] = rows(
        select(u1.code, u2.code, UnitMembership.valid_from, UnitMembership.valid_to)
        .join(u1, u1.id == UnitMembership.child_id).join(u2, u2.id == UnitMembership.parent_id)
        .order_by(UnitMembership.valid_from, u2.code, u1.code), ("unit", "parent", "valid_from", "valid_to"))
    out["unit_succession"] = rows(
        select(u1.code, u2.code, UnitSuccession.date, UnitSuccession.is_primary)
        .join(u1, u1.id == UnitSuccession.predecessor_id).join(u2, u2.id == UnitSuccession.successor_id)
        .order_by(UnitSuccession.date, u1.code, u2.code), ("predecessor", "successor", "date", "is_primary"))
    out["term"] = rows(select(Term.code, Term.name, Term.start_date, Term.end_date).order_by(Term.start_date, Term.code),
                       ("code", "name", "start_date", "end_date"))
    out["person"] = rows(select(Person.key, Person.full_name, Person.gender, Person.birth_year).order_by(Person.key),
                         ("key", "full_name", "gender", "birth_year"))
    out["post"] = rows(
        select(Person.key, Unit.code, Post.role, Term.code, Post.start_date, Post.end_date, Post.first_time)
        .join(Person, Person.id == Post.person_id).join(Unit, Unit.id == Post.village_id)
        .outerjoin(Term, Term.id == Post.term_id)
        .order_by(Unit.code, Post.start_date, Post.role),
        ("person", "village", "role", "term", "start_date", "end_date", "first_time"))
    out["topic"] = rows(select(Topic.code, Topic.name).order_by(Topic.code), ("code", "name"))
    topics: dict[str, list[str]] = defaultdict(list)
    for course_code, topic_code in conn.execute(
            select(Course.code, Topic.code).join(CourseTopic, CourseTopic.course_id == Course.id)
            .join(Topic, Topic.id == CourseTopic.topic_id).order_by(Course.code, Topic.code)):
        topics[course_code].append(topic_code)
    out["course"] = rows(
        select(Course.code, Course.title, Unit.code, Course.kind, Course.start_date, Course.end_date, Course.days)
        .join(Unit, Unit.id == Course.organiser_id).order_by(Course.start_date, Course.code),
        ("code", "title", "organiser", "kind", "start_date", "end_date", "days"))
    for course in out["course"]:
        course["topics"] = topics.get(course["code"], [])
    out["participation"] = rows(
        select(Course.code, Person.key, Unit.code, Participation.days_attended, Participation.completed,
               Participation.certificate)
        .join(Course, Course.id == Participation.course_id).join(Person, Person.id == Participation.person_id)
        .join(Unit, Unit.id == Participation.unit_id).order_by(Course.code, Person.key),
        ("course", "person", "unit", "days_attended", "completed", "certificate"))
    out["board"] = rows(
        select(Board.code, Board.kind, u1.code, Board.name, Board.project, u2.code, Board.valid_from,
               Board.valid_to, Board.members)
        .join(u1, u1.id == Board.unit_id).outerjoin(u2, u2.id == Board.village_id).order_by(Board.code),
        ("code", "kind", "unit", "name", "project", "village", "valid_from", "valid_to", "members"))
    out["board_activity"] = rows(
        select(BoardActivity.code, Board.code, BoardActivity.date, BoardActivity.kind, BoardActivity.subject,
               Unit.code, BoardActivity.violations_found, BoardActivity.recommendations_made,
               BoardActivity.recommendations_resolved, BoardActivity.money_recovered,
               BoardActivity.land_recovered_m2, BoardActivity.settlement_reduction)
        .join(Board, Board.id == BoardActivity.board_id).outerjoin(Unit, Unit.id == BoardActivity.village_id)
        .order_by(BoardActivity.date, BoardActivity.code),
        ("code", "board", "date", "kind", "subject", "village", "violations_found", "recommendations_made",
         "recommendations_resolved", "money_recovered", "land_recovered_m2", "settlement_reduction"))
    out["briefing"] = rows(
        select(Unit.code, Briefing.date, Briefing.attendees, Briefing.note)
        .join(Unit, Unit.id == Briefing.unit_id).order_by(Briefing.date, Unit.code),
        ("unit", "date", "attendees", "note"))
    out["review"] = rows(
        select(Review.code, Review.name, Review.kind, Review.directive, Review.start_date, Review.date,
               Review.number, Unit.code)
        .join(Unit, Unit.id == Review.unit_id).order_by(Review.date, Review.code),
        ("code", "name", "kind", "directive", "start_date", "date", "number", "unit"))
    out["person_attribute"] = _attribute_rows(conn)
    for records in out.values():
        for record in records:
            for key, value in record.items():
                if isinstance(value, float) and value.is_integer() and key in ("days", "days_attended"):
                    record[key] = int(value)
    return out


def _attribute_rows(conn) -> list[dict]:
    """The dated person attributes as rows of their sheet: one per person and day, the
    Party join date on a row of its own day (it holds from itself)."""
    merged: dict[tuple, dict] = {}
    for key, attribute, value, valid_from in conn.execute(
            select(Person.key, PersonAttribute.attribute, PersonAttribute.value, PersonAttribute.valid_from)
            .join(Person, Person.id == PersonAttribute.person_id)
            .order_by(Person.key, PersonAttribute.valid_from, PersonAttribute.attribute)):
        row = merged.setdefault((key, valid_from), {"person": key, "valid_from": valid_from})
        row[attribute] = date.fromisoformat(value) if attribute == "party_since" else value
    return list(merged.values())


def export_workbook(engine: Engine) -> bytes:
    """Every record, as an .xlsx in the import template's format."""
    with engine.connect() as conn:
        return template_bytes(dump_rows(conn))
