"""Training (bồi dưỡng, tập huấn) of the cadres in post.

Cadres: the people holding the post of party cell secretary or village head on the date
(one person holding both counts once). A cadre counts as trained when they completed a
class or training session (not a seminar) that ended on or before the date and no more
than ``TRAINING_LOOKBACK_DAYS`` before their current post began: training for the post
they hold, including the class held just before a term.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, and_, case, cast, distinct, exists, func, select

from ..db import days_before, valid_on_bounded
from ..models import TRAINING_COURSE_KINDS, Course, Participation, Post
from .view import View, by_group, frame, join_groups


def state_applies(conn: Connection, view: View) -> bool:
    """``unified.preagg_applies``: the pre-aggregated state tables give ``view`` exactly
    (a function here, so that tests can turn the tables off for this indicator alone)."""
    from .unified import preagg_applies

    return preagg_applies(conn, view)


def from_state_table(conn, view, state, columns):
    from .unified import from_state_table as read

    return read(conn, view, state, columns)

TRAINING_LOOKBACK_DAYS = 183
CADRE_ROLES = ("secretary", "head")

TRAINING_STATUS_COLUMNS = ["cadres", "trained", "first_time_cadres", "first_time_untrained"]
TRAINING_FLOW_COLUMNS = [
    "courses", "participations", "people", "completed", "certificates",
    "days_attended", "days_held",
]


def cadres_in_post(day, roles=CADRE_ROLES):
    """Subquery: one row per (person, village) holding one of ``roles`` on ``day``, with
    the earliest start of those posts and whether any of them is first-time."""
    return (
        select(
            Post.person_id.label("person_id"),
            Post.village_id.label("village_id"),
            func.min(Post.start_date).label("start_date"),
            func.max(case((Post.first_time, 1), else_=0)).label("first_time"),
        )
        .where(Post.role.in_(roles), valid_on_bounded(Post.start_date, Post.end_date, day))
        .group_by(Post.person_id, Post.village_id)
        .subquery("cadre")
    )


def trained_clause(person_column, post_start_column, day):
    """EXISTS: the person completed a training course counted for a post that began on
    ``post_start_column``, ending no later than ``day``."""
    return exists(
        select(Participation.id)
        .join(Course, Course.id == Participation.course_id)
        .where(
            Participation.person_id == person_column,
            Participation.completed.is_(True),
            Course.kind.in_(TRAINING_COURSE_KINDS),
            Course.end_date <= day,
            Course.end_date >= days_before(post_start_column, TRAINING_LOOKBACK_DAYS),
        )
    )


def cadres_by_group(view: View, day, roles=CADRE_ROLES, with_roles: bool = False, cte: bool = False):
    """Subquery: ``cadres_in_post`` joined to the output rows of ``view``: one row per
    (group_id, person, village) holding one of ``roles`` on ``day``, with the earliest
    start of those posts and whether any is first-time (and, ``with_roles``, which of the
    posts they hold), restricted to ``view.scope``.

    The posts are grouped after the join to the groups, so the database reaches them
    from the units by index (grouping first and joining the grouped rows scans them once
    per unit: minutes at national scale)."""
    columns = [
        Post.person_id.label("person_id"),
        Post.village_id.label("village_id"),
        func.min(Post.start_date).label("start_date"),
        func.max(case((Post.first_time, 1), else_=0)).label("first_time"),
    ]
    if with_roles:
        columns += [func.max(case((Post.role == "secretary", 1), else_=0)).label("secretary"),
                    func.max(case((Post.role == "head", 1), else_=0)).label("head")]
    query = select(Post.id).select_from(Post)
    query, group = join_groups(query, Post.village_id, view)
    query = (
        query.with_only_columns(group.label("group_id"), *columns)
        .where(Post.role.in_(roles), valid_on_bounded(Post.start_date, Post.end_date, day))
        .group_by(group, Post.person_id, Post.village_id)
    )
    scope = view.scope.clause(Post.village_id)
    if scope is not None:
        query = query.where(scope)
    return query.cte("cadre") if cte else query.subquery("cadre")


def last_training(cadre, day, topics: bool = False, topic_ids=None):
    """Subquery: per person of ``cadre`` (and per topic, ``topics``), the end of the last
    training course they completed by ``day`` (a class or training session, not a
    seminar).

    A cadre is trained (``trained_clause``) when some such course ended on or after
    their post's start minus ``TRAINING_LOOKBACK_DAYS``: exactly when this last end does.
    Joined to the cadres, it replaces an EXISTS evaluated once per cadre (per cadre and
    topic for the coverage), which PostgreSQL runs as a subplan per row: seconds at a
    province's root."""
    columns = [Participation.person_id.label("person_id")]
    query = select(Participation.id).select_from(Participation).join(Course, Course.id == Participation.course_id)
    if topics:
        from ..models import CourseTopic

        query = query.join(CourseTopic, CourseTopic.course_id == Course.id)
        columns.append(CourseTopic.topic_id.label("topic_id"))
        if topic_ids is not None:
            query = query.where(CourseTopic.topic_id.in_(list(topic_ids)))
    query = query.with_only_columns(*columns, func.max(Course.end_date).label("last_end")).where(
        Participation.completed.is_(True),
        Course.kind.in_(TRAINING_COURSE_KINDS),
        Course.end_date <= day,
        Participation.person_id.in_(select(cadre.c.person_id)),
    ).group_by(*columns)
    return query.subquery("last_training")


# How "trained" is asked: None decides by the database (see ``join_last_training``);
# tests set "exists" or "join" to compare the two forms on the same data.
TRAINED_FORM: str | None = None


def join_last_training(conn: Connection) -> bool:
    """Whether to join ``last_training`` (PostgreSQL) instead of the per-cadre EXISTS
    (SQLite): PostgreSQL runs the EXISTS inside the aggregate as a subplan per row (2.0 s
    for a province's topic coverage, 32 ms joined); SQLite runs it through the index and
    is slower joined at national scale (1.6 s against 2.7 s)."""
    if TRAINED_FORM is not None:
        return TRAINED_FORM == "join"
    return conn.dialect.name == "postgresql"


def trained_by_last(last, post_start_column):
    """The condition of ``trained_clause`` on a ``last_training`` row (NULL: never)."""
    return last.c.last_end >= days_before(post_start_column, TRAINING_LOOKBACK_DAYS)


def training_status(conn: Connection, view: View) -> pd.DataFrame:
    """Training of the cadres in post on ``view.as_of``, per child and total.

    Index: group_id. Columns: cadres, trained, first_time_cadres (cadres holding a post for the
    first time), first_time_untrained.
    """
    day = view.as_of
    if state_applies(conn, view):
        from ..models import TrainingState

        return from_state_table(conn, view, TrainingState.__table__, TRAINING_STATUS_COLUMNS)
    joined = join_last_training(conn)
    cadre = cadres_by_group(view, day, cte=joined)
    if joined:
        last = last_training(cadre, day)
        trained = func.coalesce(trained_by_last(last, cadre.c.start_date), False)
    else:
        trained = trained_clause(cadre.c.person_id, cadre.c.start_date, day)
    is_first = cadre.c.first_time == 1
    query = select(
        cadre.c.group_id,
        func.count(),
        func.sum(case((trained, 1), else_=0)),
        func.sum(case((is_first, 1), else_=0)),
        func.sum(case((and_(is_first, ~trained), 1), else_=0)),
    ).select_from(cadre)
    if joined:
        query = query.outerjoin(last, last.c.person_id == cadre.c.person_id)
    query = query.group_by(cadre.c.group_id)
    return by_group(frame(conn, query, ["group_id", *TRAINING_STATUS_COLUMNS]), view,
                    TRAINING_STATUS_COLUMNS)


def training_flow(conn: Connection, view: View) -> pd.DataFrame:
    """Courses that ended in the period, counted by where the learners came from.

    Index: group_id. Columns: courses (with a learner from the group), participations
    (số lượt), people (số người), completed, certificates, days_attended (sum over
    participations), days_held (sum of the course's days over participations).
    """
    if flow_applies(conn, view):
        return _training_flow_from_tables(conn, view)
    period = view.period
    query = select(Participation.id).select_from(Participation).join(
        Course, Course.id == Participation.course_id)
    query, group = join_groups(query, Participation.unit_id, view)
    query = query.with_only_columns(
        group,
        func.count(distinct(Course.id)),
        func.count(Participation.id),
        func.count(distinct(Participation.person_id)),
        func.sum(case((Participation.completed, 1), else_=0)),
        func.sum(case((Participation.certificate, 1), else_=0)),
        func.coalesce(func.sum(Participation.days_attended), 0),
        func.coalesce(func.sum(Course.days), 0),
    ).where(Course.end_date >= period.start, Course.end_date <= period.as_of).group_by(group)
    scope = view.scope.clause(Participation.unit_id)
    if scope is not None:
        query = query.where(scope)
    return by_group(frame(conn, query, ["group_id", *TRAINING_FLOW_COLUMNS]), view,
                    TRAINING_FLOW_COLUMNS)


def flow_applies(conn: Connection, view: View) -> bool:
    """Whether ``course_flow`` and ``learner_flow`` give ``training_flow`` of ``view``
    exactly (``flows.flow_meta``: scope everything, no output row at the commune or
    village level, the tables built for the data now there)."""
    from .flows import flow_meta

    return flow_meta(conn, view) is not None


FLOW_SUMS = ["participations", "completed", "certificates", "days_attended", "days_held"]


def _training_flow_from_tables(conn: Connection, view: View) -> pd.DataFrame:
    """``training_flow`` from ``course_flow`` (courses and the sums) and ``learner_flow``
    (people) over the period's course ends, per output row: one index range per
    ancestor (the tables' keys begin with (ancestor_id, day))."""
    from ..models import CourseFlow, LearnerFlow

    period, targets, day = view.period, view.targets(), view.structure_date

    def rows_of(table):
        return and_(table.c.ancestor_id == targets.c.ancestor_id, table.c.day >= period.start,
                    table.c.day <= period.as_of, table.c.rollup_from <= day, table.c.rollup_to >= day)

    courses, learners = CourseFlow.__table__, LearnerFlow.__table__
    # counts summed stay whole numbers of the raw query's type (PostgreSQL sums bigints as numeric)
    sums = (select(targets.c.group_id.label("group_id"), func.count(distinct(courses.c.course_id)).label("courses"),
                   *(cast(func.sum(courses.c[c]), courses.c[c].type).label(c) for c in FLOW_SUMS))
            .select_from(targets).join(courses, rows_of(courses)).group_by(targets.c.group_id).subquery("sums"))
    people = (select(targets.c.group_id.label("group_id"), func.count(distinct(learners.c.person_id)).label("people"))
              .select_from(targets).join(learners, rows_of(learners)).group_by(targets.c.group_id)
              .subquery("people"))
    query = select(sums.c.group_id, sums.c.courses, sums.c.participations, func.coalesce(people.c.people, 0),
                   sums.c.completed, sums.c.certificates, func.coalesce(sums.c.days_attended, 0),
                   func.coalesce(sums.c.days_held, 0)).select_from(
        sums.outerjoin(people, people.c.group_id == sums.c.group_id))
    return by_group(frame(conn, query, ["group_id", *TRAINING_FLOW_COLUMNS]), view, TRAINING_FLOW_COLUMNS)
