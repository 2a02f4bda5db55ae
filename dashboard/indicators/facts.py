"""The facts every measure is computed over (``definitions.MEASURES``), one SQL selectable
per family.

A *state* family yields rows that hold over an interval: columns ``unit_id`` (the unit the
row belongs to: a village, a commune ...), ``valid_from`` and ``valid_to`` (closed,
``OPEN_END`` when open), optionally ``dim``, then its measure columns. A measure of a state
counts the rows valid on the report date.

A *flow* family yields rows dated by an event: ``unit_id``, ``day``, optionally ``dim``,
its distinct-count keys (``keys``), then its measure columns. A measure of a flow counts
the rows whose day falls in the family's window of the period (``window``).

Records roll up through ``unit_rollup`` on the view's structure date, for every family
alike (``indicators.engine``). The same selectable feeds the raw query and the
pre-aggregated tables (``dashboard.preagg``), so the two cannot disagree; a builder may
use ``Narrow`` (the units, date or days asked for) to read fewer rows, never to change
what a row says.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from sqlalchemy import (Connection, Date, Integer, String, and_, case, cast, exists, func, literal, or_, select,
                        union_all)
from sqlalchemy.orm import aliased

from ..db import EARLIEST, as_date, days_before, greatest, least, year_start_after
from ..definitions import MEASURES, PARTY_SENIORITY_YEARS, STALE_MONTHS
from ..models import (FIRSTS_ALL_DIMS, FIRSTS_KINDS, OPEN_END, TRAINING_COURSE_KINDS, Board, BoardActivity, Briefing,
                      Course, CourseTopic, Meta, Participation, Person, PersonAttribute, Post, Term, Unit,
                      rolling_name)
from ..vocabulary import QUALIFICATION_INTERMEDIATE_PLUS, THEORY_INTERMEDIATE_PLUS
from ..periods import add_months, last_complete_quarter
from .view import View

# A cadre counts as trained after completing a class or training session (not a
# seminar) that ended by the date and no more than this many days before their post began.
TRAINING_LOOKBACK_DAYS = 183
CADRE_ROLES = ("secretary", "head")
SUPERVISION_KINDS = ("supervision", "inspection")
# The pre-aggregated calendars (briefing months, board quarters) run this far past the
# last record, so that a view of the months ahead still reads the tables.
CALENDAR_HORIZON_MONTHS = 24


@dataclass(frozen=True)
class Narrow:
    """What a raw query asks of a family, so that a builder reads only those rows:
    ``groups`` (a subquery (unit_id, group_id): the units wanted and the output row each
    rolls up to; the builder joins it where it reads the unit, and every row then comes
    once per output row of its unit, with that ``group_id``), ``on`` (states: rows valid
    on that date), ``first``..``last`` (flows: rows dated in it). All None: every row, no
    group_id (the pre-aggregated tables). A calendar family (months, quarters) is always
    given ``first`` and ``last``: the calendar it lays out."""

    groups: object | None = None
    on: date | None = None
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class Family:
    """key: the name measures use; kind: "state" or "flow"; build(narrow) -> the
    selectable; columns: its measure columns; dim: the rows carry a ``dim`` column (text);
    keys: flows, the key columns counted distinct; window(view) -> (first, last) days a
    flow reads for the view (None: no day counts); calendar(conn) -> (first, last) the days
    a calendar family lays out in the pre-aggregated tables (None: no calendar)."""

    key: str
    kind: str
    build: Callable[[Narrow], object]
    columns: tuple[str, ...]
    dim: bool = False
    keys: tuple[str, ...] = ()
    window: Callable[[View], tuple[date, date] | None] | None = None
    calendar: Callable[[Connection], tuple[date, date] | None] | None = None
    note: str = field(default="", compare=False)


def _one(condition):
    return case((condition, 1), else_=0)


def _open(column):
    return func.coalesce(column, OPEN_END)


def _valid_on(valid_from, valid_to, day):
    return and_(valid_from <= day, or_(valid_to.is_(None), valid_to >= day))


def _narrow_units(query, column, narrow: Narrow):
    """``query`` joined to the groups of ``narrow`` on ``column`` (its unit), with their
    ``group_id``; unchanged without groups."""
    if narrow.groups is None:
        return query
    return query.join(narrow.groups, narrow.groups.c.unit_id == column).add_columns(narrow.groups.c.group_id)


def _narrow_days(query, column, narrow: Narrow):
    if narrow.first is not None:
        query = query.where(column >= narrow.first)
    if narrow.last is not None:
        query = query.where(column <= narrow.last)
    return query


def _as_int(value):
    return cast(value, Integer)


# --- unified positions ------------------------------------------------------------------


def villages(narrow: Narrow):
    """Every village (thôn, khu) over its validity: villages = 1."""
    unit = Unit.__table__
    query = select(unit.c.id.label("unit_id"), unit.c.valid_from.label("valid_from"),
                   _open(unit.c.valid_to).label("valid_to"), literal(1, Integer).label("villages")
                   ).where(unit.c.level == "village")
    query = _narrow_units(query, unit.c.id, narrow)
    if narrow.on is not None:
        query = query.where(_valid_on(unit.c.valid_from, unit.c.valid_to, narrow.on))
    return query


def posts(narrow: Narrow):
    """Every party cell secretary and village head post, over the days both the post and
    its village are valid: secretaries, heads (1 by role), posts = 1, posts_women (1 when
    its holder is a woman), posts_first_time (1 when the post is recorded as its holder's
    first time in it)."""
    post, unit, person = Post.__table__, Unit.__table__, Person.__table__
    low = greatest(post.c.start_date, unit.c.valid_from)
    high = least(_open(post.c.end_date), _open(unit.c.valid_to))
    query = (select(post.c.village_id.label("unit_id"), low.label("valid_from"), high.label("valid_to"),
                    _one(post.c.role == "secretary").label("secretaries"), _one(post.c.role == "head").label("heads"),
                    literal(1, Integer).label("posts"), _one(person.c.gender == "nu").label("posts_women"),
                    _one(post.c.first_time.is_(True)).label("posts_first_time"))
             .select_from(post).join(unit, unit.c.id == post.c.village_id).join(person, person.c.id == post.c.person_id)
             .where(post.c.role.in_(CADRE_ROLES), unit.c.level == "village", low <= high))
    query = _narrow_units(query, post.c.village_id, narrow)
    if narrow.on is not None:
        query = query.where(_valid_on(post.c.start_date, post.c.end_date, narrow.on),
                            _valid_on(unit.c.valid_from, unit.c.valid_to, narrow.on))
    return query


def _pairs(narrow: Narrow, with_village: bool):
    """(secretary post, head post, village or None, low, high): the same person holding
    both posts of one village, over the days both are valid (and the village, when
    ``with_village``)."""
    secretary = aliased(Post.__table__, name="s_post")
    head = aliased(Post.__table__, name="h_post")
    unit = Unit.__table__
    low = greatest(secretary.c.start_date, head.c.start_date)
    high = least(_open(secretary.c.end_date), _open(head.c.end_date))
    query = (select().select_from(secretary)
             .join(head, and_(head.c.village_id == secretary.c.village_id, head.c.person_id == secretary.c.person_id,
                              head.c.role == "head"))
             .where(secretary.c.role == "secretary"))
    if with_village:
        query = query.join(unit, unit.c.id == secretary.c.village_id).where(unit.c.level == "village")
        low, high = greatest(low, unit.c.valid_from), least(high, _open(unit.c.valid_to))
        if narrow.on is not None:
            query = query.where(_valid_on(unit.c.valid_from, unit.c.valid_to, narrow.on))
    query = _narrow_units(query.where(low <= high), secretary.c.village_id, narrow)
    if narrow.on is not None:
        query = query.where(_valid_on(secretary.c.start_date, secretary.c.end_date, narrow.on),
                            _valid_on(head.c.start_date, head.c.end_date, narrow.on))
    return secretary, head, query, low, high


def unified(narrow: Narrow):
    """A village is unified while one person holds both its secretary and its head posts
    (and it is valid): unified = 1, first_time = 1 when either post is held for the first
    time (otherwise the holder is re-elected)."""
    secretary, head, query, low, high = _pairs(narrow, with_village=True)
    group = [narrow.groups.c.group_id] if narrow.groups is not None else []
    return query.with_only_columns(
        secretary.c.village_id.label("unit_id"), low.label("valid_from"), high.label("valid_to"),
        literal(1, Integer).label("unified"),
        _one(or_(secretary.c.first_time.is_(True), head.c.first_time.is_(True))).label("first_time"), *group)


# --- who the cadres are: the profile (dated person attributes) ---------------------------------


def _attribute_values(post, attribute: str, recorded: bool, years: int = 0):
    """The value of ``attribute`` the holder of ``post`` has, over the days it holds:
    (joins, value, valid_from, valid_to, still_on). ``recorded``: each of the person's rows
    of the attribute, holding until the day before their next row (with ``years``: from
    1 January of its year plus that many years on, ``db.year_start_after``); otherwise ""
    (not recorded) from ``EARLIEST`` to the day before their first row, or always for a
    person with none. ``still_on(day)``: the row has not given way to the next by ``day``.

    Every lookup starts from the post's person through ``ix_person_attribute_person``
    (person, attribute, valid_from): a post reaches its holder's few rows, and SQLite does
    not scan every person's spans once per post (a subquery of all spans with a window
    function took 30-50 s per view on the synthetic province)."""
    pa = aliased(PersonAttribute.__table__, name=f"{attribute}_value")
    other = aliased(PersonAttribute.__table__, name=f"{attribute}_other")
    if recorded:
        following = (select(func.min(other.c.valid_from))
                     .where(other.c.person_id == pa.c.person_id, other.c.attribute == attribute,
                            other.c.valid_from > pa.c.valid_from).scalar_subquery())
        joins = [(pa, and_(pa.c.person_id == post.c.person_id, pa.c.attribute == attribute))]

        def still_on(day):
            # no later row of the person's by ``day``: the row holds on it
            return ~exists(select(other.c.id).where(other.c.person_id == pa.c.person_id, other.c.attribute == attribute,
                                                    other.c.valid_from > pa.c.valid_from, other.c.valid_from <= day))
        start = year_start_after(pa.c.valid_from, years) if years else pa.c.valid_from
        return joins, pa.c.value, start, func.coalesce(days_before(following, 1), OPEN_END), still_on
    first = (select(func.min(other.c.valid_from))
             .where(other.c.person_id == post.c.person_id, other.c.attribute == attribute).scalar_subquery())

    def still_on(day):
        return ~exists(select(other.c.id).where(other.c.person_id == post.c.person_id, other.c.attribute == attribute,
                                                other.c.valid_from <= day))
    return [], literal("", String), literal(EARLIEST, Date), func.coalesce(days_before(first, 1), OPEN_END), still_on


def _held_posts(narrow: Narrow, columns, attribute: str | None = None, recorded: bool = True, only=None,
                years: int = 0):
    """SELECT over the secretary and head posts in valid villages (and, with
    ``attribute``, the holder's value of it, ``_attribute_values`` with ``recorded`` and
    ``years``; ``only(value)``: only those values), over the days all of them are valid:
    unit_id, valid_from, valid_to, then ``columns`` (a function of (post, person, value))."""
    post, unit, person = Post.__table__, Unit.__table__, Person.__table__
    low = greatest(post.c.start_date, unit.c.valid_from)
    high = least(_open(post.c.end_date), _open(unit.c.valid_to))
    query = (select().select_from(post).join(unit, unit.c.id == post.c.village_id)
             .join(person, person.c.id == post.c.person_id))
    value = None
    if attribute is not None:
        joins, value, value_from, value_to, still_on = _attribute_values(post, attribute, recorded, years)
        for table, on in joins:
            query = query.join(table, on)
        low, high = greatest(low, value_from), least(high, value_to)
        if only is not None:
            query = query.where(only(value))
    query = query.where(post.c.role.in_(CADRE_ROLES), unit.c.level == "village")
    if narrow.on is None:
        query = query.where(low <= high)
    else:
        # the rows valid on the date (so low <= high)
        query = query.where(_valid_on(post.c.start_date, post.c.end_date, narrow.on),
                            _valid_on(unit.c.valid_from, unit.c.valid_to, narrow.on))
        if attribute is not None:
            query = query.where(value_from <= narrow.on, still_on(narrow.on))
    query = query.with_only_columns(post.c.village_id.label("unit_id"), low.label("valid_from"),
                                    high.label("valid_to"), *columns(post, person, value))
    return _narrow_units(query, post.c.village_id, narrow)


def _people_once(narrow: Narrow, columns, pair_columns, where=None):
    """The people in post, each counted once in a village: SELECTs of a row per post
    (``columns`` of the holder), and a row taking one away while one person holds both
    posts of the village (``pair_columns`` of the person); ``where(person)``: only those
    people."""
    rows = _held_posts(narrow, lambda post, person, _value: columns(person))
    secretary, _head, pairs, low, high = _pairs(narrow, with_village=True)
    person = Person.__table__
    group = [narrow.groups.c.group_id] if narrow.groups is not None else []
    pairs = (pairs.join(person, person.c.id == secretary.c.person_id)
             .with_only_columns(secretary.c.village_id.label("unit_id"), low.label("valid_from"),
                                high.label("valid_to"), *pair_columns(person), *group))
    if where is not None:
        rows, pairs = rows.where(where(person)), pairs.where(where(person))
    return [rows, pairs]


PROFILE_COLUMNS = ("aged", "born", "theory_plus", "qualified_plus", "education_full", "minority", "party_senior")
_ATTRIBUTE_COLUMNS = (("theory_plus", "theory", lambda v: v.in_(THEORY_INTERMEDIATE_PLUS)),
                      ("qualified_plus", "qualification", lambda v: v.in_(QUALIFICATION_INTERMEDIATE_PLUS)),
                      ("education_full", "education", lambda v: v == "12/12"),
                      ("minority", "ethnicity", lambda v: and_(v != "", v != "kinh")))


def profile(narrow: Narrow):
    """Who the cadres in post are. People (each once in a village, as ``cadres``) with a
    birth year: aged = 1, born = the birth year (age on a date = its year - birth year,
    ``definitions``: age_sum, avg_age). Posts whose holder, on the days the dated
    attribute holds (``PersonAttribute``): theory_plus (political theory trung cấp or
    above), qualified_plus (professional qualification trung cấp or above),
    education_full (general education 12/12), minority (an ethnicity recorded, not Kinh),
    party_senior (a Party member for ``PARTY_SENIORITY_YEARS`` years or more: from 1
    January of the year they joined plus that many, as an age is the year less the birth
    year)."""
    zero = literal(0, Integer)

    def values(**given):
        return [given.get(c, zero).label(c) for c in PROFILE_COLUMNS]

    aged = _people_once(
        narrow, lambda person: values(aged=literal(1, Integer), born=person.c.birth_year),
        lambda person: values(aged=literal(-1, Integer), born=-person.c.birth_year),
        where=lambda person: person.c.birth_year.isnot(None))
    branches = list(aged)
    for column, attribute, counts in _ATTRIBUTE_COLUMNS:
        # only recorded values count ("" never does)
        branches.append(_held_posts(narrow, lambda post, person, value, column=column:
                                    values(**{column: literal(1, Integer)}), attribute=attribute, only=counts))
    branches.append(_held_posts(narrow, lambda post, person, value: values(party_senior=literal(1, Integer)),
                                attribute="party_since", years=PARTY_SENIORITY_YEARS))
    return union_all(*branches)


def levels(narrow: Narrow):
    """Posts by their holder's level on the date: dim "<attribute>:<value>" (value ""
    when not recorded) for general education, qualification, theory level and ethnicity;
    posts = 1 (the posts of one attribute add up to ``posts``)."""
    branches = []
    for attribute in ("education", "qualification", "theory", "ethnicity"):
        for recorded in (True, False):
            branches.append(_held_posts(narrow, lambda post, person, value, attribute=attribute: [
                (literal(attribute + ":", String) + value).label("dim"), literal(1, Integer).label("posts")],
                attribute=attribute, recorded=recorded))
    return union_all(*branches)


def ages(narrow: Narrow):
    """The people in post (each once in a village, as ``profile``) by gender and birth
    year: dim "<gender>:<birth year>" (either "" when not recorded); people = 1. The age
    bands of a date are these birth years read against its year."""
    def dim(person):
        return (func.coalesce(person.c.gender, "") + literal(":", String)
                + func.coalesce(cast(person.c.birth_year, String), "")).label("dim")

    return union_all(*_people_once(narrow, lambda person: [dim(person), literal(1, Integer).label("people")],
                                   lambda person: [dim(person), literal(-1, Integer).label("people")]))


def terms(narrow: Narrow):
    """Every post that opens a term (the first secretary or head post of a village with
    that term, ``Post.term``), over the term's days and its village's: term_start_posts
    = 1, reelected = 1 when its holder is the person who held the same post of the village
    last in the previous term (the term that began last before it)."""
    post, unit, term = Post.__table__, Unit.__table__, Term.__table__
    earlier = aliased(Post.__table__, name="earlier_post")
    before = aliased(Term.__table__, name="before_term")
    last = aliased(Post.__table__, name="last_post")
    later = aliased(Post.__table__, name="later_post")
    between = aliased(Term.__table__, name="between_term")
    # the previous term: began before this one, with none beginning in between
    previous = and_(before.c.start_date < term.c.start_date,
                    ~exists(select(between.c.id).where(between.c.start_date > before.c.start_date,
                                                       between.c.start_date < term.c.start_date)))
    opens = ~exists(select(earlier.c.id).where(
        earlier.c.village_id == post.c.village_id, earlier.c.role == post.c.role, earlier.c.term_id == post.c.term_id,
        or_(earlier.c.start_date < post.c.start_date,
            and_(earlier.c.start_date == post.c.start_date, earlier.c.id < post.c.id))))
    again = exists(select(last.c.id).where(
        last.c.village_id == post.c.village_id, last.c.role == post.c.role, last.c.person_id == post.c.person_id,
        last.c.term_id == before.c.id,
        ~exists(select(later.c.id).where(later.c.village_id == last.c.village_id, later.c.role == last.c.role,
                                         later.c.term_id == last.c.term_id,
                                         later.c.start_date > last.c.start_date))))
    low = greatest(term.c.start_date, unit.c.valid_from)
    high = least(term.c.end_date, _open(unit.c.valid_to))
    query = (select(post.c.village_id.label("unit_id"), low.label("valid_from"), high.label("valid_to"),
                    literal(1, Integer).label("term_start_posts"), _one(again).label("reelected"))
             .select_from(post).join(term, term.c.id == post.c.term_id).join(unit, unit.c.id == post.c.village_id)
             .outerjoin(before, previous)
             .where(post.c.role.in_(CADRE_ROLES), unit.c.level == "village", low <= high, opens))
    query = _narrow_units(query, post.c.village_id, narrow)
    if narrow.on is not None:
        query = query.where(_valid_on(term.c.start_date, term.c.end_date, narrow.on),
                            _valid_on(unit.c.valid_from, unit.c.valid_to, narrow.on))
    return query


# --- training of the cadres in post -------------------------------------------------------


def trained_on(person, start, day):
    """Whether a cadre whose post began on ``start`` counts as trained on ``day``: the
    person completed a class or training session (not a seminar) that ended between
    ``TRAINING_LOOKBACK_DAYS`` before ``start`` and ``day`` (the rule ``_trained_day``
    aggregates for the families: trained from the earliest such end). An EXISTS: the
    database stops at the first such course per cadre, where comparing that earliest end
    (a MIN subquery) read them all, twice per cadre on PostgreSQL (the untrained list of a
    province's root 100 ms -> 32 ms)."""
    return exists(select(Participation.id).join(Course, Course.id == Participation.course_id)
                  .where(Participation.person_id == person, Participation.completed.is_(True),
                         Course.kind.in_(TRAINING_COURSE_KINDS), Course.end_date <= day,
                         Course.end_date >= days_before(start, TRAINING_LOOKBACK_DAYS)))


def _piece(source, unit_id, low, high, measures: dict, where, columns: tuple[str, ...], extra=()):
    """One SELECT of a state family's UNION: rows of ``source`` over [low, high] carrying
    ``measures`` (the others 0)."""
    values = [(measures.get(c, literal(0, Integer))).label(c) for c in columns]
    group = [source.c.group_id] if "group_id" in source.c else []
    return (select(unit_id.label("unit_id"), low.label("valid_from"), high.label("valid_to"), *extra, *values, *group)
            .select_from(source).where(low <= high, *where))


def _materialized(query, name: str):
    """``query`` as a CTE computed once for every branch that reads it (its correlated
    subqueries too), not once per branch or per use."""
    return query.cte(name).prefix_with("MATERIALIZED")


CADRE_COLUMNS = ("cadres", "trained", "first_time_cadres", "first_time_untrained")


def _courses_of(query, person, by_topic: bool):
    """``query`` joined to the classes and training sessions (not seminars) the person
    completed (outer: a person with none keeps a row), and by topic with ``by_topic``
    (inner: one row per topic the person covered). Returns (query, course end, topic)."""
    part = aliased(Participation.__table__, name="done")
    course = aliased(Course.__table__, name="done_course")
    joined = and_(part.c.person_id == person, part.c.completed.is_(True))
    if by_topic:
        topic = aliased(CourseTopic.__table__, name="done_topic")
        query = (query.join(part, joined)
                 .join(course, and_(course.c.id == part.c.course_id, course.c.kind.in_(TRAINING_COURSE_KINDS)))
                 .join(topic, topic.c.course_id == course.c.id))
        return query, course.c.end_date, topic.c.topic_id
    query = (query.outerjoin(part, joined)
             .outerjoin(course, and_(course.c.id == part.c.course_id, course.c.kind.in_(TRAINING_COURSE_KINDS))))
    return query, course.c.end_date, None


def _trained_day(end, start):
    """``trained_on``'s rule as an aggregate over the person's courses (``_courses_of``):
    the earliest end no more than ``TRAINING_LOOKBACK_DAYS`` before ``start``."""
    return func.min(case((end >= days_before(start, TRAINING_LOOKBACK_DAYS), end)))


def _cadre_posts(narrow: Narrow, by_topic: bool = False):
    """CTE: the secretary and head posts (narrowed) with the day each counts as trained
    (``trained``, NULL: never; with ``by_topic``, one row per topic the person covered,
    trained on that topic)."""
    post = Post.__table__
    query = select().select_from(post).where(post.c.role.in_(CADRE_ROLES), post.c.start_date >= EARLIEST)
    query = _narrow_units(query, post.c.village_id, narrow)
    if narrow.on is not None:
        query = query.where(_valid_on(post.c.start_date, post.c.end_date, narrow.on))
    query, end, topic = _courses_of(query, post.c.person_id, by_topic)
    keys = [post.c.id] + ([topic] if by_topic else []) + ([narrow.groups.c.group_id] if narrow.groups is not None
                                                         else [])
    columns = [post.c.village_id.label("village_id"), post.c.start_date.label("start"),
               _open(post.c.end_date).label("end"), post.c.first_time.label("first_time"),
               _trained_day(end, post.c.start_date).label("trained")]
    columns += [topic.label("topic_id")] if by_topic else []
    columns += [narrow.groups.c.group_id] if narrow.groups is not None else []
    query = query.with_only_columns(*columns).group_by(*keys, post.c.village_id, post.c.start_date, post.c.end_date,
                                                       post.c.first_time)
    return _materialized(query, "topic_posts" if by_topic else "cadre_posts")


def _cadre_pairs(narrow: Narrow, by_topic: bool = False):
    """CTE: one person holding both posts of a village (narrowed), over the days both are
    held, with which post began first (``early``: its start, first-time flag and
    training day; ``late``: the other's)."""
    secretary, head, pairs, low, high = _pairs(narrow, with_village=False)
    secretary_first = secretary.c.start_date <= head.c.start_date
    early_start = case((secretary_first, secretary.c.start_date), else_=head.c.start_date)
    late_start = case((secretary_first, head.c.start_date), else_=secretary.c.start_date)
    pairs, end, topic = _courses_of(pairs, secretary.c.person_id, by_topic)
    columns = [secretary.c.village_id.label("village_id"), low.label("low"), high.label("high"),
               _one(and_(secretary.c.first_time.is_(True), head.c.first_time.is_(True))).label("both_first"),
               _one(case((secretary_first, secretary.c.first_time), else_=head.c.first_time).is_(True))
               .label("early_first"),
               _one(case((secretary_first, head.c.first_time), else_=secretary.c.first_time).is_(True))
               .label("late_first"),
               _trained_day(end, early_start).label("early_trained"),
               _trained_day(end, late_start).label("late_trained")]
    keys = [secretary.c.id, head.c.id]
    if by_topic:
        columns.append(topic.label("topic_id"))
        keys.append(topic)
    if narrow.groups is not None:
        columns.append(narrow.groups.c.group_id)
        keys.append(narrow.groups.c.group_id)
    grouped = keys + [secretary.c.village_id, secretary.c.start_date, secretary.c.end_date, secretary.c.first_time,
                      head.c.start_date, head.c.end_date, head.c.first_time]
    return _materialized(pairs.with_only_columns(*columns).group_by(*grouped),
                         "topic_pairs" if by_topic else "cadre_pairs")


def _cadres_on(narrow: Narrow, by_topic: bool):
    """``cadres`` (or ``topics`` with ``by_topic``) asked for one day (``narrow.on``): one
    row per cadre in post that day, i.e. per (village, person) with the posts valid then
    (a person holding both posts counts once, as the correction rows of the general form
    make it), valid on that day only. Trained: the earliest training day of their posts
    (``_trained_day``; the earlier post's, which rows D-G keep) is on or before the day;
    first-time: either post is. The same sums as the general form on that day (the generic
    test compares every registered measure with the pre-aggregated tables, which read the
    general form); one pass over the posts and courses, where the general form joins them
    twice (a town commune's training page, PostgreSQL: 4.4 ms of planning alone)."""
    post, day = Post.__table__, narrow.on
    query = select().select_from(post).where(post.c.role.in_(CADRE_ROLES), post.c.start_date >= EARLIEST,
                                             _valid_on(post.c.start_date, post.c.end_date, day))
    query = _narrow_units(query, post.c.village_id, narrow)
    query, end, topic = _courses_of(query, post.c.person_id, by_topic)
    trained = func.min(case((end >= days_before(post.c.start_date, TRAINING_LOOKBACK_DAYS), end))) <= day
    first = func.max(_one(post.c.first_time.is_(True))) == 1
    keys = [post.c.village_id, post.c.person_id] + ([topic] if by_topic else [])
    group = [narrow.groups.c.group_id] if narrow.groups is not None else []
    columns = [post.c.village_id.label("unit_id"), day.label("valid_from"), day.label("valid_to")]
    if by_topic:
        columns += [cast(topic, String).label("dim"), _one(trained).label("covered")]
    else:
        columns += [literal(1, Integer).label("cadres"), _one(trained).label("trained"),
                    _one(first).label("first_time_cadres"),
                    _one(and_(first, or_(trained.is_(None), ~trained))).label("first_time_untrained")]
    query = query.with_only_columns(*columns, *group).group_by(*keys, *group)
    return query.having(trained) if by_topic else query  # the general form has rows only where covered


def cadres(narrow: Narrow):
    """The cadres in post: people holding the party cell secretary or village head post of
    a village (one person holding both counts once), trained by ``trained_on``'s rule from the
    start of their current post (the earlier start when they hold both).

    Each post counts +1 (rows A-C); a person holding both posts of one village counts once
    more than that, so the days both posts are held carry a correction (rows D-G): -1 cadre,
    and trained and first-time-untrained as the earlier post says instead of both.
    Columns: cadres, trained, first_time_cadres (a post held for the first time),
    first_time_untrained."""
    if narrow.on is not None:
        return _cadres_on(narrow, by_topic=False)
    columns = CADRE_COLUMNS
    posts = _cadre_posts(narrow)
    one, minus = literal(1, Integer), literal(-1, Integer)
    first = _as_int(_one(posts.c.first_time.is_(True)))
    until_trained = func.coalesce(days_before(posts.c.trained, 1), OPEN_END)
    rows = [
        # A: each post, its cadre and first-time flag
        _piece(posts, posts.c.village_id, posts.c.start, posts.c.end, {"cadres": one, "first_time_cadres": first},
               (), columns),
        # B: trained from the first day a course counts for the post
        _piece(posts, posts.c.village_id, greatest(posts.c.start, posts.c.trained), posts.c.end, {"trained": one},
               (posts.c.trained.isnot(None),), columns),
        # C: first-time and not yet trained, up to the day before that
        _piece(posts, posts.c.village_id, posts.c.start, least(posts.c.end, until_trained),
               {"first_time_untrained": one}, (posts.c.first_time.is_(True),), columns),
    ]
    pairs = _cadre_pairs(narrow)
    rows += [
        # D: one person, one cadre; first-time once
        _piece(pairs, pairs.c.village_id, pairs.c.low, pairs.c.high,
               {"cadres": minus, "first_time_cadres": -_as_int(pairs.c.both_first)}, (), columns),
        # E: trained counts once, from the earlier post's start (the later post's B row goes)
        _piece(pairs, pairs.c.village_id, greatest(pairs.c.low, pairs.c.late_trained), pairs.c.high,
               {"trained": minus}, (pairs.c.late_trained.isnot(None),), columns),
        # F: first-time untrained as the pair: the later post's C row goes ...
        _piece(pairs, pairs.c.village_id, pairs.c.low,
               least(pairs.c.high, func.coalesce(days_before(pairs.c.late_trained, 1), OPEN_END)),
               {"first_time_untrained": minus}, (pairs.c.late_first == 1,), columns),
        # G: ... and when only the later post is first-time, the pair is first-time while the
        # earlier post's training is not yet there
        _piece(pairs, pairs.c.village_id, pairs.c.low,
               least(pairs.c.high, func.coalesce(days_before(pairs.c.early_trained, 1), OPEN_END)),
               {"first_time_untrained": one}, (pairs.c.late_first == 1, pairs.c.early_first == 0), columns),
    ]
    return union_all(*rows)


def topics(narrow: Narrow):
    """Topic coverage of the cadres in post: per topic (``dim``, the topic id), covered = 1
    from the day a cadre counts as trained on that topic (``trained_on``'s rule with the
    topic), the person counted once when they hold both posts of a village (as
    ``cadres``)."""
    if narrow.on is not None:
        return _cadres_on(narrow, by_topic=True)
    columns = ("covered",)
    posts = _cadre_posts(narrow, by_topic=True)
    pairs = _cadre_pairs(narrow, by_topic=True)
    return union_all(
        _piece(posts, posts.c.village_id, greatest(posts.c.start, posts.c.trained), posts.c.end,
               {"covered": literal(1, Integer)}, (posts.c.trained.isnot(None),), columns,
               (cast(posts.c.topic_id, String).label("dim"),)),
        _piece(pairs, pairs.c.village_id, greatest(pairs.c.low, pairs.c.late_trained), pairs.c.high,
               {"covered": literal(-1, Integer)}, (pairs.c.late_trained.isnot(None),), columns,
               (cast(pairs.c.topic_id, String).label("dim"),)),
    )


# --- training courses (flow) ------------------------------------------------------------------


def participations(narrow: Narrow):
    """Every participation, dated by its course's last day and counted where the learner
    came from (``Participation.unit``): participations = 1, completed, certificates,
    days_attended, days_held (the course's days); keys course_id and person_id."""
    part, course = Participation.__table__, Course.__table__
    query = (select(part.c.unit_id.label("unit_id"), course.c.end_date.label("day"),
                    part.c.course_id.label("course_id"), part.c.person_id.label("person_id"),
                    literal(1, Integer).label("participations"), _one(part.c.completed.is_(True)).label("completed"),
                    _one(part.c.certificate.is_(True)).label("certificates"),
                    part.c.days_attended.label("days_attended"), course.c.days.label("days_held"))
             .select_from(part).join(course, course.c.id == part.c.course_id))
    return _narrow_days(_narrow_units(query, part.c.unit_id, narrow), course.c.end_date, narrow)


# --- oversight boards ------------------------------------------------------------------------


def boards(narrow: Narrow):
    """Every board over its term, at its commune-level unit: boards = 1; dim: its kind."""
    board = Board.__table__
    query = select(board.c.unit_id.label("unit_id"), board.c.valid_from.label("valid_from"),
                   _open(board.c.valid_to).label("valid_to"), board.c.kind.label("dim"),
                   literal(1, Integer).label("boards"))
    query = _narrow_units(query, board.c.unit_id, narrow)
    if narrow.on is not None:
        query = query.where(_valid_on(board.c.valid_from, board.c.valid_to, narrow.on))
    return query


def boards_ended(narrow: Narrow):
    """Every board whose term ended, dated by its last day: boards = 1; dim: its kind.
    With ``boards`` on the report date it gives the boards whose term meets the period."""
    board = Board.__table__
    query = select(board.c.unit_id.label("unit_id"), board.c.valid_to.label("day"), board.c.kind.label("dim"),
                   literal(1, Integer).label("boards")).where(board.c.valid_to.isnot(None))
    return _narrow_days(_narrow_units(query, board.c.unit_id, narrow), board.c.valid_to, narrow)


def _activities(narrow: Narrow, place):
    act, board = BoardActivity.__table__, Board.__table__
    query = (select(place.label("unit_id"), act.c.date.label("day"), board.c.kind.label("dim"),
                    act.c.board_id.label("board_id"), literal(1, Integer).label("activities"),
                    _one(act.c.kind.in_(SUPERVISION_KINDS)).label("supervisions"),
                    act.c.recommendations_made.label("recommendations"),
                    act.c.recommendations_resolved.label("resolved"), act.c.money_recovered.label("money"),
                    act.c.land_recovered_m2.label("land"), act.c.settlement_reduction.label("settlement"))
             .select_from(act).join(board, board.c.id == act.c.board_id)
             # an activity counts inside its board's term (the importer refuses others)
             .where(act.c.date >= board.c.valid_from, or_(board.c.valid_to.is_(None), act.c.date <= board.c.valid_to)))
    return _narrow_days(query, act.c.date, narrow), act, board


def _placed(narrow: Narrow):
    """Board activities each at the place it concerns: the village it names, else its
    board's village (a project's board), else the board's commune-level unit.

    Three disjoint branches, one per place column, rather than one join on the COALESCE of
    the three: each branch meets the units on a plain indexed column, so the database can
    reach a unit's activities from the unit. On the COALESCE SQLite could only loop over
    the output rows and, for each, read every activity of the dates (a province's latest
    activity per commune over the whole history: 4 s instead of tens of ms)."""
    act, board = BoardActivity.__table__, Board.__table__
    # "names no village", written so that it is not used to look the activities up (most
    # name none: SQLite read them all per output row); they are reached from their board
    no_village = case((act.c.village_id.is_(None), 1), else_=0) == 1
    branches = []
    for place, only in ((act.c.village_id, act.c.village_id.isnot(None)),
                        (board.c.village_id, and_(no_village, board.c.village_id.isnot(None))),
                        (board.c.unit_id, and_(no_village, board.c.village_id.is_(None)))):
        query, _act, _board = _activities(narrow, place)
        branches.append(_narrow_units(query.where(only), place, narrow))
    return union_all(*branches)


def activities(narrow: Narrow):
    """Every board activity inside its board's term, dated, at the place it concerns (one
    rule for every page, the summary and the report): the village it names, else its
    board's village, else the board's commune-level unit; so a village counts the
    activities about it and a commune or above all of its boards' activities.
    activities = 1, supervisions (supervisions and inspections), recommendations (made),
    resolved, money, land, settlement; dim: the board's kind; key board_id."""
    return _placed(narrow)


def _quarters(first: date, last: date) -> list[date]:
    start = date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    out = []
    while start <= last:
        out.append(start)
        start = add_months(start, 3)
    return out


def _months(first: date, last: date) -> list[date]:
    start = date(first.year, first.month, 1)
    out = []
    while start <= last:
        out.append(start)
        start = add_months(start, 1)
    return out


def calendar_table(days: list[date], name: str, step_months: int):
    """A subquery with one row per day of ``days`` (columns ``day`` and ``next``, the day
    ``step_months`` later)."""
    selects = [select(literal(d, Date).label("day"), literal(add_months(d, step_months), Date).label("next"))
               for d in days] or [select(literal(OPEN_END, Date).label("day"), literal(OPEN_END, Date).label("next"))
                                  .where(literal(False))]
    return (selects[0] if len(selects) == 1 else union_all(*selects)).subquery(name)


def silent(narrow: Narrow):
    """Per calendar quarter (dated by its first day), every board in office for the whole
    quarter: in_office = 1, silent = 1 when it had no activity in it; dim: its kind."""
    board = Board.__table__
    quarters = calendar_table(_quarters(narrow.first, narrow.last), "quarters", 3)
    quiet = ~exists(select(BoardActivity.id).where(BoardActivity.board_id == board.c.id,
                                                   BoardActivity.date >= quarters.c.day,
                                                   BoardActivity.date < quarters.c.next))
    query = (select(board.c.unit_id.label("unit_id"), quarters.c.day.label("day"), board.c.kind.label("dim"),
                    literal(1, Integer).label("in_office"), _one(quiet).label("silent"))
             .select_from(board).join(quarters, and_(board.c.valid_from <= quarters.c.day,
                                                     or_(board.c.valid_to.is_(None),
                                                         board.c.valid_to >= days_before(quarters.c.next, 1)))))
    return _narrow_units(query, board.c.unit_id, narrow)


# --- monthly briefings --------------------------------------------------------------------------


def briefings(narrow: Narrow):
    """Per calendar month (dated by its first day), every commune-level unit valid on the
    1st: due = 1, held = 1 when it held a briefing in the month."""
    unit = Unit.__table__
    months = calendar_table(_months(narrow.first, narrow.last), "months", 1)
    held = exists(select(Briefing.id).where(Briefing.unit_id == unit.c.id, Briefing.date >= months.c.day,
                                            Briefing.date < months.c.next))
    query = (select(unit.c.id.label("unit_id"), months.c.day.label("day"), literal(1, Integer).label("due"),
                    _one(held).label("held"))
             .select_from(unit).join(months, _valid_on(unit.c.valid_from, unit.c.valid_to, months.c.day))
             .where(unit.c.level == "commune"))
    return _narrow_units(query, unit.c.id, narrow)


def briefing_records(narrow: Narrow):
    """Every briefing, dated: briefings = 1 (the latest briefing of a unit)."""
    briefing = Briefing.__table__
    query = select(briefing.c.unit_id.label("unit_id"), briefing.c.date.label("day"),
                   literal(1, Integer).label("briefings"))
    return _narrow_days(_narrow_units(query, briefing.c.unit_id, narrow), briefing.c.date, narrow)


# --- windows and calendars ------------------------------------------------------------------------


def period_window(view: View) -> tuple[date, date]:
    """From the period's first day to its report date."""
    return view.period.start, view.period.as_of


def ended_window(view: View) -> tuple[date, date] | None:
    """Boards that ended in the period before the report date (those ending on it are
    still in office then)."""
    last = view.period.as_of - timedelta(days=1)
    return (view.period.start, last) if last >= view.period.start else None


def complete_months_window(view: View) -> tuple[date, date] | None:
    """The period's complete months (``Period.complete_months``), by their first days."""
    months = view.period.complete_months()
    return (months[0], months[-1]) if months else None


def last_quarter_window(view: View) -> tuple[date, date]:
    """The last complete quarter before the report date, by its first day."""
    start, _end = last_complete_quarter(view.as_of)
    return start, start


def record_span(conn: Connection) -> tuple[date, date] | None:
    """The calendar the pre-aggregated tables lay out: from the first month with records
    (meta ``data_from``, the first briefing or the first board, the earliest) to
    ``CALENDAR_HORIZON_MONTHS`` after the last record's month (the last briefing or
    activity, meta ``data_through``, the latest). None with no record at all."""
    meta = dict(conn.execute(select(Meta.key, Meta.value)
                             .where(Meta.key.in_(("data_from", "data_through")))).all())
    first_briefing, last_briefing = conn.execute(select(func.min(Briefing.date), func.max(Briefing.date))).one()
    first_board = conn.execute(select(func.min(Board.valid_from))).scalar()
    last_activity = conn.execute(select(func.max(BoardActivity.date))).scalar()
    firsts = [as_date(d) for d in (meta.get("data_from"), first_briefing, first_board) if d is not None]
    lasts = [as_date(d) for d in (meta.get("data_through"), last_briefing, last_activity) if d is not None]
    if not firsts:
        return None
    first, last = min(firsts), max(lasts or firsts)
    return date(first.year, first.month, 1), add_months(date(last.year, last.month, 1), CALENDAR_HORIZON_MONTHS)


FAMILIES: dict[str, Family] = {f.key: f for f in (
    Family("villages", "state", villages, ("villages",)),
    Family("posts", "state", posts, ("secretaries", "heads", "posts", "posts_women", "posts_first_time")),
    Family("unified", "state", unified, ("unified", "first_time")),
    Family("profile", "state", profile, PROFILE_COLUMNS),
    Family("levels", "state", levels, ("posts",), dim=True),
    Family("ages", "state", ages, ("people",), dim=True),
    Family("terms", "state", terms, ("term_start_posts", "reelected")),
    Family("cadres", "state", cadres, CADRE_COLUMNS),
    Family("topics", "state", topics, ("covered",), dim=True),
    Family("boards", "state", boards, ("boards",), dim=True),
    Family("boards_ended", "flow", boards_ended, ("boards",), dim=True, window=ended_window),
    Family("participations", "flow", participations,
           ("participations", "completed", "certificates", "days_attended", "days_held"),
           keys=("course_id", "person_id"), window=period_window),
    Family("activities", "flow", activities,
           ("activities", "supervisions", "recommendations", "resolved", "money", "land", "settlement"),
           dim=True, keys=("board_id",), window=period_window),
    Family("silent", "flow", silent, ("in_office", "silent"), dim=True, window=last_quarter_window,
           calendar=record_span),
    Family("briefings", "flow", briefings, ("due", "held"), window=complete_months_window, calendar=record_span),
    Family("briefing_records", "flow", briefing_records, ("briefings",), window=period_window),
)}

# What the pre-aggregated tables were built from: the families' keys, kinds and columns
# (and the layout of the first-days rows).
# The tables are marked valid for a data token *and* this shape (``tables_token``), so
# that tables built by an older version of the families (a column added since) are not
# read: the engine answers from the facts until they are built again (``grassroots db
# upgrade`` builds them when they do not match, as any import does).
FACTS_SHAPE = hashlib.sha1(repr([(f.key, f.kind, f.columns, f.dim, f.keys) for f in FAMILIES.values()]
                                + [FIRSTS_KINDS, FIRSTS_ALL_DIMS, rolling_name("")])
                           .encode()).hexdigest()[:12]


def tables_token(data_token: str | None) -> str | None:
    """The token the pre-aggregated tables carry when built for ``data_token`` by these
    families (None without a data token)."""
    return None if data_token is None else f"{data_token}/{FACTS_SHAPE}"


# every measure names a family and a column (or key) it has
for _m in MEASURES.values():
    if _m.how in ("sum", "distinct"):
        _f = FAMILIES[_m.family]
        assert _m.column in (_f.columns if _m.how == "sum" else _f.keys), _m
        assert _m.dim is None or _f.dim, _m
assert all(len(f.columns) <= 8 for f in FAMILIES.values())
assert STALE_MONTHS > 0
