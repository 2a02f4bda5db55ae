"""One village (thôn, khu): who held its posts, who the current holders are (their profile
on the date), their training, the oversight activities that concern it.

Everything is read "as of" ``view.as_of``: posts that began by then, courses that began
by then, activities dated by then. ``view.unit_id`` is the village itself, and the
user's scope applies to the village: whoever may see it sees what concerns it. Each function
returns at most ``limit`` rows (newest first); a village has a few dozen at most, the
limit only guards against bad data.
"""
from __future__ import annotations


import pandas as pd
from sqlalchemy import Connection, Integer, case, literal, or_, select, union

from .indicators.profile_detail import HOLDER_COLUMNS, holders
from .indicators.summary import UNIFIED_COLUMNS, unified_coverage
from .indicators.view import View
from .models import POST_ROLES, Board, BoardActivity, Course, Participation, Person, Post, Term

ROW_LIMIT = 500

POST_COLUMNS = ["post_id", "role", "person", "term", "start_date", "end_date", "first_time", "current"]
TRAINING_COLUMNS = [
    "participation_id", "person", "course_code", "course", "kind", "start_date", "end_date",
    "days_held", "days_attended", "completed", "certificate",
]
ACTIVITY_COLUMNS = [
    "activity_id", "date", "board", "board_kind", "kind", "subject",
    "recommendations_made", "recommendations_resolved",
]


def _role_order():
    return case(*[(Post.role == role, index) for index, role in enumerate(POST_ROLES)], else_=len(POST_ROLES))


def village_status(conn: Connection, view: View) -> dict:
    """The village on ``view.as_of``, by the rule of ``unified_coverage``: villages (1 when
    it is valid that day, else 0), unified, first_time, secretary_vacant, head_vacant."""
    row = unified_coverage(conn, view).loc[view.unit_id]
    return {column: int(row[column]) for column in UNIFIED_COLUMNS}


def village_posts(conn: Connection, view: View, limit: int = ROW_LIMIT) -> pd.DataFrame:
    """Every post of the village that began on or before ``view.as_of``, newest first
    (then secretary, head, deputies).

    Columns: post_id, role (key of ``models.POST_ROLES``), person (full name), term (term
    code or None), start_date, end_date (None: open), first_time (bool), current (bool:
    held on ``view.as_of``).
    """
    day = view.as_of
    current = (Post.start_date <= day) & or_(Post.end_date.is_(None), Post.end_date >= day)
    query = (
        select(Post.id, Post.role, Person.full_name, Term.code, Post.start_date, Post.end_date,
               Post.first_time, case((current, 1), else_=0))
        .join(Person, Person.id == Post.person_id)
        .outerjoin(Term, Term.id == Post.term_id)
        .where(Post.village_id == view.unit_id, Post.start_date <= day)
        .order_by(Post.start_date.desc(), _role_order(), Post.id)
        .limit(limit)
    )
    scope = view.scope.clause(Post.village_id)
    if scope is not None:
        query = query.where(scope)
    table = pd.DataFrame(conn.execute(query).all(), columns=POST_COLUMNS)
    table["first_time"] = table["first_time"].astype(bool)
    table["current"] = table["current"].astype(bool)
    return table


def village_trainings(conn: Connection, view: View, limit: int = ROW_LIMIT) -> pd.DataFrame:
    """Courses attended by the people who held a post of the village (any term, up to
    ``view.as_of``), for courses that began on or before that date; newest first.

    Columns: participation_id, person, course_code, course (title), kind (key of
    ``models.COURSE_KINDS``), start_date, end_date, days_held, days_attended, completed,
    certificate (bools).
    """
    day = view.as_of
    holders = select(Post.person_id).where(Post.village_id == view.unit_id, Post.start_date <= day)
    scope = view.scope.clause(Post.village_id)
    if scope is not None:
        holders = holders.where(scope)
    query = (
        select(Participation.id, Person.full_name, Course.code, Course.title, Course.kind,
               Course.start_date, Course.end_date, Course.days, Participation.days_attended,
               Participation.completed, Participation.certificate)
        .join(Course, Course.id == Participation.course_id)
        .join(Person, Person.id == Participation.person_id)
        .where(Participation.person_id.in_(holders), Course.start_date <= day)
        .order_by(Course.start_date.desc(), Person.full_name, Participation.id)
        .limit(limit)
    )
    table = pd.DataFrame(conn.execute(query).all(), columns=TRAINING_COLUMNS)
    for column in ("completed", "certificate"):
        table[column] = table[column].astype(bool)
    return table


def _about_village(village: int):
    """Ids of the activities that name the village or whose board does: two index
    lookups (activity's village, board's village), never a scan of every activity."""
    named = select(BoardActivity.id).where(BoardActivity.village_id == village)
    by_board = (select(BoardActivity.id).join(Board, Board.id == BoardActivity.board_id)
                .where(Board.village_id == village))
    return union(named, by_board)


def village_activities(conn: Connection, view: View, limit: int = ROW_LIMIT) -> pd.DataFrame:
    """Oversight-board activities that concern the village, dated on or before
    ``view.as_of``, newest first: the activity names the village, or its board does (an
    investment supervision board of a project in the village).

    Columns: activity_id, date, board (name), board_kind (bttnd | gsdtcd), kind (key of
    ``models.ACTIVITY_KINDS``), subject, recommendations_made, recommendations_resolved.
    """
    village = view.unit_id
    query = (
        select(BoardActivity.id, BoardActivity.date, Board.name, Board.kind, BoardActivity.kind,
               BoardActivity.subject, BoardActivity.recommendations_made,
               BoardActivity.recommendations_resolved)
        .join(Board, Board.id == BoardActivity.board_id)
        .where(BoardActivity.id.in_(_about_village(village)), BoardActivity.date <= view.as_of)
        .order_by(BoardActivity.date.desc(), BoardActivity.id.desc())
        .limit(limit)
    )
    # the page is about the village: whoever may see the village sees what concerns it
    scope = view.scope.clause(literal(village, Integer))
    if scope is not None:
        query = query.where(scope)
    return pd.DataFrame(conn.execute(query).all(), columns=ACTIVITY_COLUMNS)




PROFILE_COLUMNS = HOLDER_COLUMNS


def village_profiles(conn: Connection, view: View) -> pd.DataFrame:
    """The party cell secretary and the village head in post on ``view.as_of``, with who
    they are on that date (``indicators.profile_detail.holders``): one row per post
    (secretary first), columns ``PROFILE_COLUMNS``: the person's key, name, gender, birth
    year, whether the post is held for the first time, and each dated attribute
    (``vocabulary.PERSON_ATTRIBUTES``) as it stood on the date (None: not recorded then).
    Scoped like every query: nothing for a village outside the user's units."""
    return holders(conn, view, limit=ROW_LIMIT)
