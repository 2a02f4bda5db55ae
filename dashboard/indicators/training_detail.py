"""The training page's detail (bồi dưỡng): courses of the period, topic coverage of the
cadres in post, and the cadres in post not yet trained.

The headline figures per child (cadres, trained, participations, people ...) come from
``training.training_status`` and ``training.training_flow``; this module adds what only
the training page shows. Definitions are those of ``training``: cadres in post on
``view.as_of`` (secretaries and village heads, one row per person and village), trained
by ``trained_clause`` (a completed class or training session, not a seminar, ended by the
date and at most ``TRAINING_LOOKBACK_DAYS`` before the post began), courses counted when
they *ended* in the period (``period.start`` .. ``period.as_of``), as in ``training_flow``.

Every function takes a ``View``: learners are counted where they came from (their
``Participation.unit``, rolled up on the structure date), the child filters of the view
apply (the "whole unit" is the filtered children together) and so does the user's scope.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from ..db import as_date, valid_on_bounded
from ..models import (
    Course,
    CourseTopic,
    Participation,
    Person,
    Post,
    Topic,
    Unit,
    UnitRollup,
)
from .engine import by_dim, measures
from .facts import CADRE_ROLES, trained_on
from .view import View, frame, join_groups

# At most this many courses are returned (those with the most learners from the unit
# first); the page says how many there were in all.
COURSE_LIMIT = 200
# At most this many topics in the coverage grid (the topic list, by code).
TOPIC_LIMIT = 30
# The list of cadres not yet trained: only for units with at most this many villages
# (larger units: open a child), and never more than UNTRAINED_LIMIT rows.
UNTRAINED_MAX_VILLAGES = 2000
UNTRAINED_LIMIT = 500

COURSE_COLUMNS = [
    "course_id", "code", "title", "kind", "start_date", "end_date", "days",
    "organiser_code", "organiser_name", "organiser_kind", "topics",
    "learners", "completed", "certificates", "days_attended",
]
TOPIC_COLUMNS = ["topic_id", "code", "name"]
COVERAGE_COLUMNS = ["group_id", "topic_id", "cadres", "covered"]
UNTRAINED_COLUMNS = [
    "person_id", "full_name", "village_code", "village_name", "village_kind",
    "commune_code", "commune_name", "commune_kind", "secretary", "head", "first_time",
    "start_date",
]


def _rollup_on(day, name: str):
    rollup = aliased(UnitRollup, name=name)
    return rollup, and_(rollup.valid_from <= day, rollup.valid_to >= day)


def _learners_by_course(view: View):
    """Subquery: per course that ended in the period, the participations of learners
    from the view's unit (the filtered children together when the view filters them)."""
    view = replace(view, total_only=True)  # only the unit's own row is read: no per-child groups
    period = view.period
    query = select(Participation.course_id).select_from(Participation).join(
        Course, Course.id == Participation.course_id)
    query, group = join_groups(query, Participation.unit_id, view)
    query = query.with_only_columns(
        Participation.course_id.label("course_id"),
        func.count(Participation.id).label("learners"),
        func.sum(case((Participation.completed, 1), else_=0)).label("completed"),
        func.sum(case((Participation.certificate, 1), else_=0)).label("certificates"),
        func.coalesce(func.sum(Participation.days_attended), 0).label("days_attended"),
    ).where(
        group == view.unit_id, Course.end_date >= period.start, Course.end_date <= period.as_of,
    ).group_by(Participation.course_id)
    scope = view.scope.clause(Participation.unit_id)
    if scope is not None:
        query = query.where(scope)
    return query.subquery("learners")


def _course_selection(view: View, learners):
    """WHERE clause of the courses the page lists: ended in the period, and with a learner
    from the unit, or organised by the unit, one of its ancestors or one of its
    descendants (within the child filters) on the structure date. The scope applies to
    both: learners outside it are not counted, organisers outside it do not count."""
    view = replace(view, total_only=True)  # only the unit's own row is read: no per-child groups
    period, day = view.period, view.structure_date
    up, up_on = _rollup_on(day, "r_up")
    ancestors = select(up.ancestor_id).where(up.unit_id == view.unit_id, up_on)
    down, down_on = _rollup_on(day, "r_down")
    targets = view.targets()
    descendants = (
        select(down.unit_id)
        .join(targets, targets.c.ancestor_id == down.ancestor_id)
        .where(targets.c.group_id == view.unit_id, down_on)
    )
    organised = or_(Course.organiser_id.in_(ancestors), Course.organiser_id.in_(descendants))
    scope = view.scope.clause(Course.organiser_id)
    if scope is not None:
        organised = and_(organised, scope)
    return and_(
        Course.end_date >= period.start,
        Course.end_date <= period.as_of,
        or_(learners.c.course_id.isnot(None), organised),
    )


def course_list(conn: Connection, view: View, limit: int = COURSE_LIMIT) -> pd.DataFrame:
    """Courses that ended in ``view.period`` and concern the unit (see
    ``_course_selection``), at most ``limit`` of them: most learners first, then by start.

    Columns: course_id, code, title, kind (boi_duong | tap_huan | toa_dam), start_date,
    end_date (dates), days (held), organiser_code, organiser_name, organiser_kind,
    topics (topic codes, sorted, comma-separated; "" when none), learners (participations
    of learners from the unit; a person attends a course once, so also people),
    completed, certificates, days_attended (sum over those learners). Learner columns are
    0 for a course with no learner from the unit (organised above or below it).
    """
    learners = _learners_by_course(view)
    organiser = aliased(Unit, name="organiser")
    topic_codes = (
        select(func.aggregate_strings(Topic.code, ","))
        .select_from(CourseTopic)
        .join(Topic, Topic.id == CourseTopic.topic_id)
        .where(CourseTopic.course_id == Course.id)
        .scalar_subquery()
    )
    learner_count = func.coalesce(learners.c.learners, 0)
    query = (
        select(
            Course.id, Course.code, Course.title, Course.kind, Course.start_date, Course.end_date,
            Course.days, organiser.code, organiser.name, organiser.kind, topic_codes,
            learner_count,
            func.coalesce(learners.c.completed, 0),
            func.coalesce(learners.c.certificates, 0),
            func.coalesce(learners.c.days_attended, 0),
        )
        .select_from(Course)
        .join(organiser, organiser.id == Course.organiser_id)
        .outerjoin(learners, learners.c.course_id == Course.id)
        .where(_course_selection(view, learners))
        .order_by(learner_count.desc(), Course.start_date, Course.code)
        .limit(limit)
    )
    out = frame(conn, query, COURSE_COLUMNS)
    if out.empty:
        return out
    out["topics"] = out["topics"].map(lambda s: ",".join(sorted(s.split(","))) if s else "")
    for column in ("start_date", "end_date"):
        out[column] = out[column].map(as_date)
    for column in ("learners", "completed", "certificates"):
        out[column] = out[column].astype("int64")
    out["days"] = out["days"].astype(float)
    out["days_attended"] = out["days_attended"].astype(float)
    return out


def course_count(conn: Connection, view: View) -> int:
    """How many courses ``course_list`` would return without its limit."""
    learners = _learners_by_course(view)
    query = (
        select(func.count())
        .select_from(Course)
        .outerjoin(learners, learners.c.course_id == Course.id)
        .where(_course_selection(view, learners))
    )
    return int(conn.execute(query).scalar_one())


def topic_list(conn: Connection, limit: int = TOPIC_LIMIT) -> pd.DataFrame:
    """The first ``limit`` topics of the topic list, by code. Columns: topic_id, code, name."""
    query = select(Topic.id, Topic.code, Topic.name).order_by(Topic.code).limit(limit)
    return frame(conn, query, TOPIC_COLUMNS)


def topic_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(Topic)).scalar_one())


def topic_coverage(conn: Connection, view: View, topic_ids) -> pd.DataFrame:
    """For each child (and the total) and each topic in ``topic_ids``: the cadres in post
    on ``view.as_of`` (the measure ``cadres``) and how many of them count as trained on
    the topic (``covered``: the rule of ``trained``, a class or training session covering
    the topic; ``facts.topics``).

    Columns: group_id (child id; the total has ``view.unit_id``), topic_id, cadres,
    covered. A child without cadres has no rows (no data, not 0 %).
    """
    topic_ids = sorted(int(t) for t in topic_ids)
    if not topic_ids:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    cadres = measures(conn, view, ["cadres"])["cadres"]
    cadres = cadres[cadres > 0]
    if cadres.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    found = by_dim(conn, view, ["covered"])
    covered = {(int(g), int(d)): int(n) for g, d, n in found[["group_id", "dim", "covered"]].itertuples(index=False)}
    rows = [(int(g), t, int(n), covered.get((int(g), t), 0)) for g, n in sorted(cadres.items()) for t in topic_ids]
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS).astype("int64")


def cadres_by_group(view: View, day, with_roles: bool = False):
    """Subquery: one row per (group_id, person, village) holding a party cell secretary or
    village head post on ``day`` under an output row of ``view``, with the earliest start
    of those posts and whether any is first-time (and, ``with_roles``, which of the posts
    they hold), restricted to ``view.scope``: the cadres of the measure ``cadres``."""
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
        .where(Post.role.in_(CADRE_ROLES), valid_on_bounded(Post.start_date, Post.end_date, day))
        .group_by(group, Post.person_id, Post.village_id)
    )
    scope = view.scope.clause(Post.village_id)
    if scope is not None:
        query = query.where(scope)
    return query.subquery("cadre")


def untrained_cadres(conn: Connection, view: View, limit: int = UNTRAINED_LIMIT) -> pd.DataFrame:
    """Cadres in post on ``view.as_of`` not trained for their post, at most ``limit``:
    first-timers first, then the most recent post start.

    Columns: person_id, full_name, village_code, village_name, village_kind,
    commune_code, commune_name, commune_kind (the village's commune-level unit on the
    structure date; None when the hierarchy has no such level), secretary, head (bool:
    holds the post), first_time (bool), start_date (earliest start of the posts held).
    """
    view = replace(view, total_only=True)  # only the unit's own row is read: no per-child groups
    day, structure_day = view.as_of, view.structure_date
    cadre = cadres_by_group(view, day, with_roles=True)
    village = aliased(Unit, name="village")
    commune = aliased(Unit, name="commune")
    link, link_on = _rollup_on(structure_day, "r_commune")
    commune_of = (
        select(link.unit_id.label("village_id"), commune.code, commune.name, commune.kind)
        .join(commune, commune.id == link.ancestor_id)
        .where(link_on, commune.level == "commune")
        .subquery("commune_of")
    )
    group = cadre.c.group_id
    query = (
        select(cadre.c.person_id).select_from(cadre)
        .join(Person, Person.id == cadre.c.person_id)
        .join(village, village.id == cadre.c.village_id)
        .outerjoin(commune_of, commune_of.c.village_id == cadre.c.village_id)
        .where(group == view.unit_id, ~trained_on(cadre.c.person_id, cadre.c.start_date, day))
        .with_only_columns(
            cadre.c.person_id, Person.full_name, village.code, village.name, village.kind,
            commune_of.c.code, commune_of.c.name, commune_of.c.kind,
            cadre.c.secretary, cadre.c.head, cadre.c.first_time, cadre.c.start_date,
        )
        .order_by(cadre.c.first_time.desc(), cadre.c.start_date.desc(), Person.full_name,
                  cadre.c.person_id, village.code)
        .limit(limit)
    )
    out = frame(conn, query, UNTRAINED_COLUMNS)
    if out.empty:
        return out
    for column in ("secretary", "head", "first_time"):
        out[column] = out[column].astype(int).astype(bool)
    out["start_date"] = out["start_date"].map(as_date)
    return out


__all__ = [
    "COURSE_COLUMNS", "COURSE_LIMIT", "COVERAGE_COLUMNS", "TOPIC_COLUMNS", "TOPIC_LIMIT",
    "UNTRAINED_COLUMNS", "UNTRAINED_LIMIT", "UNTRAINED_MAX_VILLAGES", "cadres_by_group",
    "course_count", "course_list", "topic_count", "topic_coverage", "topic_list",
    "untrained_cadres",
]
