"""Pre-aggregated tables, rebuilt whenever the data changes (``rebuild``).

``unified_state``: the unified-position figures of ``indicators.unified`` (villages,
unified, first_time, secretary_vacant, head_vacant) summed per roll-up ancestor (above
the villages) as piecewise-constant segments of the date: the row
(ancestor, valid_from, valid_to) holds the sums over the villages that count toward the
ancestor on every date ``d`` of the segment when the structure is taken on ``d`` too
(``View.structure_date == View.as_of``: the "as it was" structure). A date then reads one
row per output group instead of rolling 100 000 villages up through ``unit_rollup``.

How it is built (exactly what the raw query counts):

* a village counts on ``d`` when it is valid then (level ``village``); its figures on
  ``d`` are those of the raw query's join of its secretary and head posts valid on ``d``
  (``villages`` = rows of that join, so two overlapping secretaries count twice, as in
  the raw query);
* a village valid on ``d`` rolls up on ``d`` to itself and to everything its parent on
  ``d`` rolls up to (``structure.compute_rollup``): its figures are carried by that parent
  and join ``unit_rollup`` from it. With no parent on ``d`` it counts toward nothing
  above itself; with several (overlapping memberships) it is carried by itself;
* villages are never ancestors here: a view whose output rows include a village reads
  the raw query (``indicators.unified.preagg_applies``).

``training_state`` (cadres, trained, first-time cadres, first-time untrained of
``indicators.training.training_status``) and ``topic_state`` (cadres covered per topic,
``training_detail.topic_coverage``) are built the same way from the cadres in post
(``compute_training_states``) and read under the same conditions.

``activity_flow`` and ``briefing_flow`` hold flows, not states: per roll-up ancestor,
roll-up row validity and day (board activities) or month (briefings). The raw queries
join a fact's unit to ``unit_rollup`` rows valid on the view's structure date D; keeping
each roll-up row's own validity [rollup_from, rollup_to] in the key, a view on D sums the
rows with ``rollup_from <= D <= rollup_to`` and gets what the raw query joins, for any D
(no condition between the structure date and the figures' dates):

* ``activity_flow``: every activity of a board, for every roll-up row from the board's
  unit, summed per (ancestor, rollup_from, rollup_to, date, board kind), the columns of
  ``board_activity`` (``build_activity_flow``; ``activity_by_month`` reads them per month
  and kind). ``board_activity`` counts an activity only
  when its board's term meets the period; an activity inside its board's term that lies
  in the period's window proves that, so the sums over a window are exact when no
  activity lies outside its board's term. The importer refuses those, and the build
  counts them anyway (meta ``OUTSIDE_TERM_KEY``): when any exists, the boards read the
  raw query;
* ``board_rollup``: every board with every roll-up row from its unit (and its kind and
  term): the boards that count toward an ancestor on D, for ``board_activity``'s counts
  of boards and ``silent_boards``, without walking every unit (village) under it;
* ``briefing_flow``: for every month of a range (``briefing_months``) and every
  commune-level unit valid on its first day, for every roll-up row from the unit: due 1,
  held 1 when the unit has a briefing dated in the month; summed per (ancestor,
  rollup_from, rollup_to, month). ``briefing_regularity`` counts months that have ended
  by the period's date, so held needs no cut at that date. The range runs from the first
  month with records (meta ``data_from`` or the first briefing) to
  ``BRIEFING_HORIZON_MONTHS`` after the last record's month (meta ``BRIEFING_MONTHS_KEY``);
  a view asking a month outside it reads the raw query;
* ``course_flow`` and ``learner_flow``: every participation, for every roll-up row from
  the learner's unit, summed per (ancestor, rollup_from, rollup_to, course end, course)
  (``training_flow``'s additive columns; the courses of a window are the distinct
  ``course_id`` of its rows), and the persons per (ancestor, rollup_from, rollup_to,
  course end) (the people of a window are the distinct ``person_id``)
  (``build_course_flow``). ``training_flow`` counts participations by their course's
  last day, as these tables are keyed; ``briefing_day``: the days with a briefing per
  (ancestor, rollup_from, rollup_to) (the latest briefing of ``freshness``);
* ancestors are above the commune level (``FLOW_SKIPPED_LEVELS``): a commune gathers its
  own records, which the raw query reads by index at no cost, and keeping them would
  copy the fact tables (a million rows each in a national dataset). A view with an
  output row at the commune or village level reads the raw query.

The tables are valid for one state of the data: ``rebuild`` writes the data token it was
built for (meta ``preagg_token``), and the indicators use it only while that token is
the data's (``usable``). Every write of records goes through ``db.bump_data_version`` or
the demo and synthetic loaders, which rebuild them in the same transaction.
"""
from __future__ import annotations

import time
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select

from .models import (
    OPEN_END,
    ActivityFlow,
    Board,
    BoardActivity,
    BoardRollup,
    Briefing,
    BriefingFlow,
    Meta,
    Post,
    TopicState,
    TrainingState,
    Unit,
    UnitMembership,
    UnitRollup,
    UnifiedState,
)

ONE_DAY = timedelta(days=1)
UNIFIED_MEASURES = ("villages", "unified", "first_time", "secretary_vacant", "head_vacant")
TOKEN_KEY = "preagg_token"
# meta: "1" when no village has two posts of one role on one day (the importer's rule;
# then ``villages`` of ``unified_state`` counts villages, and the unified history can be
# read from the table: ``unified_detail.history_from_state``)
SINGLE_POSTS_KEY = "preagg_single_posts"
OUTSIDE_TERM_KEY = "preagg_activities_outside_term"  # activities outside their board's term
BRIEFING_MONTHS_KEY = "preagg_briefing_months"  # "first/last" month of briefing_flow, or ""
FLOW_SKIPPED_LEVELS = ("village", "commune")
BRIEFING_HORIZON_MONTHS = 24


def _village_segments(vf: date, vt: date, memberships, posts):
    """(lo, hi, carrier_or_None, measures) for one village: the constant pieces of
    [vf, vt] (``vt`` OPEN_END when open) on which it has a parent. memberships:
    (parent, from, to); posts: (role, person, start, end, first_time); open ends are
    OPEN_END. carrier None: several parents, the village carries itself."""
    cuts = {vf}
    for _p, mf, mt in memberships:
        cuts.add(mf)
        if mt < OPEN_END:
            cuts.add(mt + ONE_DAY)
    for _r, _person, start, end, _ft in posts:
        cuts.add(start)
        if end < OPEN_END:
            cuts.add(end + ONE_DAY)
    points = sorted(c for c in cuts if vf <= c <= vt)
    out = []
    for i, lo in enumerate(points):
        hi = points[i + 1] - ONE_DAY if i + 1 < len(points) else vt
        parents = [p for p, mf, mt in memberships if mf <= lo <= mt]
        if not parents:
            continue
        carrier = parents[0] if len(parents) == 1 else None
        secretaries = [(person, ft) for role, person, start, end, ft in posts
                       if role == "secretary" and start <= lo <= end]
        heads = [(person, ft) for role, person, start, end, ft in posts
                 if role == "head" and start <= lo <= end]
        ns, nh = len(secretaries), len(heads)
        unified = first = 0
        for sp, sft in secretaries:
            for hp, hft in heads:
                if sp == hp:
                    unified += 1
                    first += 1 if (sft or hft) else 0
        measures = (max(1, ns) * max(1, nh), unified, first,
                    max(1, nh) if ns == 0 else 0, max(1, ns) if nh == 0 else 0)
        out.append((lo, hi, carrier, measures))
    return out


def _add(events, lo, hi, measures):
    """Add ``measures`` on [lo, hi] to ``events`` (day -> deltas)."""
    for day, sign in ((lo, 1), (hi + ONE_DAY if hi < OPEN_END else None, -1)):
        if day is None:
            continue
        slot = events[day]
        if not slot:
            slot.extend([0] * len(measures))
        for k, value in enumerate(measures):
            slot[k] += sign * value


def _steps(events):
    """Events (day -> deltas) -> the constant segments (lo, hi, sums) whose sums are not
    all zero; the last one runs to OPEN_END."""
    out = []
    days = sorted(events)
    current = [0] * (len(events[days[0]]) if days else 0)
    for i, day in enumerate(days):
        for k, delta in enumerate(events[day]):
            current[k] += delta
        if any(current):
            hi = days[i + 1] - ONE_DAY if i + 1 < len(days) else OPEN_END
            if out and out[-1][2] == tuple(current) and out[-1][1] + ONE_DAY == day:
                out[-1] = (out[-1][0], hi, out[-1][2])  # the same sums go on
            else:
                out.append((day, hi, tuple(current)))
    return out


def compute_unified_state(conn: Connection) -> list[tuple]:
    """Rows (ancestor_id, valid_from, valid_to, villages, unified, first_time,
    secretary_vacant, head_vacant) of ``unified_state``."""
    levels = dict(conn.execute(select(Unit.id, Unit.level)).all())
    villages = conn.execute(select(Unit.id, Unit.valid_from, Unit.valid_to).where(Unit.level == "village")).all()
    memberships = defaultdict(list)
    for child, parent, mf, mt in conn.execute(select(UnitMembership.child_id, UnitMembership.parent_id,
                                                     UnitMembership.valid_from, UnitMembership.valid_to)):
        if levels.get(child) == "village":
            memberships[child].append((parent, mf, mt or OPEN_END))
    posts = defaultdict(list)
    for village, role, person, start, end, first in conn.execute(
            select(Post.village_id, Post.role, Post.person_id, Post.start_date, Post.end_date, Post.first_time)
            .where(Post.role.in_(("secretary", "head")))):
        posts[village].append((role, person, start, end or OPEN_END, bool(first)))

    # per carrier: events of the sums of the villages it carries
    carried: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    for vid, vf, vt in villages:
        for lo, hi, carrier, measures in _village_segments(vf, vt or OPEN_END, memberships.get(vid, ()),
                                                           posts.get(vid, ())):
            _add(carried[vid if carrier is None else carrier], lo, hi, measures)

    return _by_ancestor(conn, carried, levels)


def _by_ancestor(conn: Connection, carried: dict, levels: dict, keyed: bool = False) -> list[tuple]:
    """Carrier unit -> events, summed onto every ancestor (not a village) the carrier rolls
    up to on each date (``unit_rollup``): rows (ancestor, valid_from, valid_to, *sums).
    ``keyed``: the keys are (carrier, key) and the rows (ancestor, key, valid_from,
    valid_to, *sums)."""
    rollup = defaultdict(list)
    carriers = {k[0] for k in carried} if keyed else set(carried)
    for unit, ancestor, lo, hi in conn.execute(select(UnitRollup.unit_id, UnitRollup.ancestor_id,
                                                      UnitRollup.valid_from, UnitRollup.valid_to)):
        if unit in carriers and levels.get(ancestor) != "village":
            rollup[unit].append((ancestor, lo, hi))
    by_ancestor: dict = defaultdict(lambda: defaultdict(list))
    for key, events in carried.items():
        carrier, extra = key if keyed else (key, None)
        for lo, hi, sums in _steps(events):
            for ancestor, alo, ahi in rollup.get(carrier, ()):
                a, b = max(lo, alo), min(hi, ahi)
                if a <= b:
                    _add(by_ancestor[(ancestor, extra) if keyed else ancestor], a, b, sums)
    rows = []
    for key, events in by_ancestor.items():
        head = key if keyed else (key,)
        rows.extend((*head, lo, hi, *sums) for lo, hi, sums in _steps(events))
    return rows


def _village_carriers(vf: date, vt: date, memberships):
    """The cuts of a village's carrier over time and a function day -> carrier: its one
    parent while it is valid and has exactly one, otherwise the village itself (None)."""
    cuts = {vf}
    if vt < OPEN_END:
        cuts.add(vt + ONE_DAY)
    for _p, mf, mt in memberships:
        cuts.add(mf)
        if mt < OPEN_END:
            cuts.add(mt + ONE_DAY)

    def carrier(day):
        if not vf <= day <= vt:
            return None
        parents = [p for p, mf, mt in memberships if mf <= day <= mt]
        return parents[0] if len(parents) == 1 else None
    return cuts, carrier


TRAINING_MEASURES = ("cadres", "trained", "first_time_cadres", "first_time_untrained")


def compute_training_state(conn: Connection) -> list[tuple]:
    return compute_training_states(conn)[0]


def compute_training_states(conn: Connection) -> tuple[list[tuple], list[tuple]]:
    """Rows (ancestor_id, valid_from, valid_to, cadres, trained, first_time_cadres,
    first_time_untrained) of ``training_state``: ``indicators.training.training_status``
    summed per ancestor and date segment (structure taken on the date).

    A cadre is a (person, village) with a secretary or head post valid on the date (any
    unit, valid or not, as in the raw query); its start is the earliest start of those
    posts, first-time when any is; trained from the first end date, on or after that start
    less ``TRAINING_LOOKBACK_DAYS``, of a completed class or training session of the
    person (the set of such courses ending by the date only grows while the start holds)."""
    from .indicators.training import CADRE_ROLES, TRAINING_LOOKBACK_DAYS
    from .models import TRAINING_COURSE_KINDS, Course, CourseTopic, Participation

    lookback = timedelta(days=TRAINING_LOOKBACK_DAYS)
    levels = dict(conn.execute(select(Unit.id, Unit.level)).all())
    validity = {uid: (vf, vt or OPEN_END) for uid, vf, vt in conn.execute(
        select(Unit.id, Unit.valid_from, Unit.valid_to))}
    memberships = defaultdict(list)
    for child, parent, mf, mt in conn.execute(select(UnitMembership.child_id, UnitMembership.parent_id,
                                                     UnitMembership.valid_from, UnitMembership.valid_to)):
        memberships[child].append((parent, mf, mt or OPEN_END))
    courses = defaultdict(list)
    counted = select(Participation.person_id, Course.end_date).join(Course, Course.id == Participation.course_id) \
        .where(Participation.completed.is_(True), Course.kind.in_(TRAINING_COURSE_KINDS))
    for person, end in conn.execute(counted):
        courses[person].append(end)
    for ends in courses.values():
        ends.sort()
    by_topic = defaultdict(lambda: defaultdict(list))  # person -> topic -> end dates
    for person, end, topic in conn.execute(
            counted.add_columns(CourseTopic.topic_id).join(CourseTopic, CourseTopic.course_id == Course.id)):
        by_topic[person][topic].append(end)
    for topics in by_topic.values():
        for ends in topics.values():
            ends.sort()
    cadres = defaultdict(list)
    for person, village, start, end, first in conn.execute(
            select(Post.person_id, Post.village_id, Post.start_date, Post.end_date, Post.first_time)
            .where(Post.role.in_(CADRE_ROLES))):
        cadres[(person, village)].append((start, end or OPEN_END, bool(first)))

    from bisect import bisect_left

    village_cuts = {}
    carried: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    covered: dict[tuple, dict] = defaultdict(lambda: defaultdict(list))  # (carrier, topic) -> events
    for (person, village), posts in cadres.items():
        if village not in village_cuts:
            vf, vt = validity.get(village, (OPEN_END, OPEN_END))
            # a post held in a unit that is not a village: the unit carries itself
            village_cuts[village] = _village_carriers(vf, vt, memberships.get(village, ()) if
                                                      levels.get(village) == "village" else ())
        vcuts, carrier_on = village_cuts[village]
        first_start = min(p[0] for p in posts)
        cuts = {c for c in vcuts if c >= first_start} | {first_start}
        for start, end, _ft in posts:
            cuts.add(start)
            if end < OPEN_END:
                cuts.add(end + ONE_DAY)
        points = sorted(cuts)
        ends = courses.get(person, [])
        for i, lo in enumerate(points):
            hi = points[i + 1] - ONE_DAY if i + 1 < len(points) else OPEN_END
            valid = [p for p in posts if p[0] <= lo <= p[1]]
            if not valid:
                continue
            start = min(p[0] for p in valid)
            first = any(p[2] for p in valid)
            carrier = carrier_on(lo)
            events = carried[village if carrier is None else carrier]
            k = bisect_left(ends, start - lookback)
            switch = ends[k] if k < len(ends) else None  # trained from this day on
            pieces = []
            if switch is None or switch > hi:
                pieces.append((lo, hi, False))
            elif switch <= lo:
                pieces.append((lo, hi, True))
            else:
                pieces += [(lo, switch - ONE_DAY, False), (switch, hi, True)]
            for a, b, trained in pieces:
                _add(events, a, b, (1, int(trained), int(first), int(first and not trained)))
            for topic, topic_ends in by_topic.get(person, {}).items():
                k = bisect_left(topic_ends, start - lookback)
                if k < len(topic_ends) and topic_ends[k] <= hi:  # covered from that day on
                    _add(covered[(village if carrier is None else carrier, topic)],
                         max(lo, topic_ends[k]), hi, (1,))
    return _by_ancestor(conn, carried, levels), _by_ancestor(conn, covered, levels, keyed=True)


def rebuild(conn: Connection) -> dict[str, int]:
    """Recompute every pre-aggregated table from the records (call it after the records
    and ``unit_rollup`` are written, in the same transaction) and mark them valid for the
    data token now in meta. Returns rows written per table and the seconds it took."""
    started = time.perf_counter()
    out = {}
    training_rows, topic_rows = compute_training_states(conn)
    for model, rows, columns in (
            (UnifiedState, compute_unified_state(conn), ("ancestor_id", "valid_from", "valid_to", *UNIFIED_MEASURES)),
            (TrainingState, training_rows, ("ancestor_id", "valid_from", "valid_to", *TRAINING_MEASURES)),
            (TopicState, topic_rows, ("ancestor_id", "topic_id", "valid_from", "valid_to", "covered"))):
        rows = sorted(rows)
        conn.execute(delete(model))
        batch = 20_000
        for i in range(0, len(rows), batch):  # ids in row order: the same data gives the same table
            conn.execute(insert(model), [{"id": i + n + 1, **dict(zip(columns, r))}
                                         for n, r in enumerate(rows[i:i + batch])])
        out[model.__tablename__] = len(rows)
    from .db import put_meta

    put_meta(conn, SINGLE_POSTS_KEY, "1" if single_posts(conn) else "0")
    out["board_rollup"] = build_board_rollup(conn)
    out["activity_flow"] = build_activity_flow(conn)
    out["briefing_flow"] = build_briefing_flow(conn)
    out["course_flow"], out["learner_flow"] = build_course_flow(conn)
    out["briefing_day"] = build_briefing_day(conn)
    mark_valid(conn)
    out["seconds"] = round(time.perf_counter() - started, 2)
    return out


def single_posts(conn: Connection) -> bool:
    """No village has two posts of the same role that overlap (one index probe per post)."""
    other = Post.__table__.alias("other_post")
    post = Post.__table__
    clash = (select(post.c.id).join(other, and_(
        other.c.village_id == post.c.village_id, other.c.role == post.c.role, other.c.id != post.c.id,
        other.c.start_date >= post.c.start_date,
        or_(post.c.end_date.is_(None), other.c.start_date <= post.c.end_date))).limit(1))
    return conn.execute(clash).first() is None
def _flow_rollup(unit_column):
    """The ``unit_rollup`` rows (alias ``r``) from ``unit_column``'s unit to ancestors
    above the commune level (alias ``a``): (r, a, join condition of r, of a)."""
    rollup = UnitRollup.__table__.alias("r")
    ancestor = Unit.__table__.alias("a")
    return rollup, ancestor, rollup.c.unit_id == unit_column, and_(
        ancestor.c.id == rollup.c.ancestor_id, ancestor.c.level.notin_(FLOW_SKIPPED_LEVELS))


def build_board_rollup(conn: Connection) -> int:
    """Fill ``board_rollup``: every board with every roll-up row of its unit to an
    ancestor above the commune level (one INSERT ... SELECT); returns the rows written."""
    board = Board.__table__
    rollup, ancestor, on_unit, on_ancestor = _flow_rollup(board.c.unit_id)
    query = (
        select(rollup.c.ancestor_id, board.c.id, rollup.c.valid_from, rollup.c.valid_to, board.c.kind,
               board.c.valid_from, func.coalesce(board.c.valid_to, OPEN_END))
        .select_from(board).join(rollup, on_unit).join(ancestor, on_ancestor)
        .order_by(rollup.c.ancestor_id, rollup.c.valid_from, board.c.id)
    )
    conn.execute(delete(BoardRollup))
    conn.execute(insert(BoardRollup).from_select(
        ["ancestor_id", "board_id", "rollup_from", "rollup_to", "kind", "board_from", "board_to"], query))
    return conn.execute(select(func.count()).select_from(BoardRollup)).scalar_one()


def build_activity_flow(conn: Connection) -> int:
    """Fill ``activity_flow`` (one INSERT ... SELECT) and count the activities outside
    their board's term (meta ``OUTSIDE_TERM_KEY``); returns the rows written."""
    from .db import put_meta

    act, board = BoardActivity.__table__, Board.__table__
    rollup, ancestor, on_unit, on_ancestor = _flow_rollup(board.c.unit_id)
    key = (rollup.c.ancestor_id, act.c.date, rollup.c.valid_from, rollup.c.valid_to, board.c.kind)
    query = (
        select(*key, func.count(),
               func.sum(case((act.c.kind.in_(("supervision", "inspection")), 1), else_=0)),
               func.sum(act.c.recommendations_made), func.sum(act.c.recommendations_resolved),
               func.sum(act.c.money_recovered), func.sum(act.c.land_recovered_m2),
               func.sum(act.c.settlement_reduction))
        .select_from(act).join(board, board.c.id == act.c.board_id)
        .join(rollup, on_unit).join(ancestor, on_ancestor)
        .group_by(*key).order_by(*key)
    )
    conn.execute(delete(ActivityFlow))
    conn.execute(insert(ActivityFlow).from_select(
        ["ancestor_id", "day", "rollup_from", "rollup_to", "board_kind", "activities", "supervisions",
         "recommendations", "resolved", "money", "land", "settlement"], query))
    outside = conn.execute(
        select(func.count()).select_from(act).join(board, board.c.id == act.c.board_id)
        .where(or_(act.c.date < board.c.valid_from,
                   and_(board.c.valid_to.isnot(None), act.c.date > board.c.valid_to)))).scalar_one()
    put_meta(conn, OUTSIDE_TERM_KEY, str(outside))
    return conn.execute(select(func.count()).select_from(ActivityFlow)).scalar_one()


def build_course_flow(conn: Connection) -> tuple[int, int]:
    """Fill ``course_flow`` and ``learner_flow`` (one INSERT ... SELECT each): every
    participation, for every roll-up row from the learner's unit to an ancestor above the
    commune level, per (ancestor, course end, roll-up validity, course), and the persons
    per (ancestor, course end, roll-up validity). Returns the rows written."""
    from .models import Course, CourseFlow, LearnerFlow, Participation

    part, course = Participation.__table__, Course.__table__
    rollup, ancestor, on_unit, on_ancestor = _flow_rollup(part.c.unit_id)
    key = (rollup.c.ancestor_id, course.c.end_date, rollup.c.valid_from, rollup.c.valid_to)
    joined = (select(*key).select_from(part).join(course, course.c.id == part.c.course_id)
              .join(rollup, on_unit).join(ancestor, on_ancestor))
    courses = joined.add_columns(
        course.c.id, func.count(part.c.id), func.sum(case((part.c.completed, 1), else_=0)),
        func.sum(case((part.c.certificate, 1), else_=0)), func.coalesce(func.sum(part.c.days_attended), 0),
        func.coalesce(func.sum(course.c.days), 0)).group_by(*key, course.c.id)
    learners = joined.add_columns(part.c.person_id).group_by(*key, part.c.person_id)
    conn.execute(delete(CourseFlow))
    conn.execute(insert(CourseFlow).from_select(
        ["ancestor_id", "day", "rollup_from", "rollup_to", "course_id", "participations", "completed",
         "certificates", "days_attended", "days_held"], courses))
    conn.execute(delete(LearnerFlow))
    conn.execute(insert(LearnerFlow).from_select(
        ["ancestor_id", "day", "rollup_from", "rollup_to", "person_id"], learners))
    return (conn.execute(select(func.count()).select_from(CourseFlow)).scalar_one(),
            conn.execute(select(func.count()).select_from(LearnerFlow)).scalar_one())


def build_briefing_day(conn: Connection) -> int:
    """Fill ``briefing_day`` (one INSERT ... SELECT DISTINCT): every day with a briefing,
    for every roll-up row from its unit to an ancestor above the commune level."""
    from .models import BriefingDay

    briefing = Briefing.__table__
    rollup, ancestor, on_unit, on_ancestor = _flow_rollup(briefing.c.unit_id)
    key = (rollup.c.ancestor_id, briefing.c.date, rollup.c.valid_from, rollup.c.valid_to)
    days = select(*key).select_from(briefing).join(rollup, on_unit).join(ancestor, on_ancestor).group_by(*key)
    conn.execute(delete(BriefingDay))
    conn.execute(insert(BriefingDay).from_select(["ancestor_id", "day", "rollup_from", "rollup_to"], days))
    return conn.execute(select(func.count()).select_from(BriefingDay)).scalar_one()


def briefing_months(conn: Connection) -> tuple[date, date] | None:
    """First days of the first and last month of ``briefing_flow``: from the first month
    with records (meta ``data_from`` or the first briefing, the earlier) to
    ``BRIEFING_HORIZON_MONTHS`` after the last record's month (the last briefing or
    activity, meta ``data_through``, the latest). None without a briefing or
    ``data_from``."""
    from .db import as_date
    from .periods import add_months

    meta = dict(conn.execute(select(Meta.key, Meta.value)
                             .where(Meta.key.in_(("data_from", "data_through")))).all())
    first_briefing, last_briefing = conn.execute(select(func.min(Briefing.date), func.max(Briefing.date))).one()
    last_activity = conn.execute(select(func.max(BoardActivity.date))).scalar()
    firsts = [as_date(d) for d in (meta.get("data_from"), first_briefing) if d is not None]
    lasts = [as_date(d) for d in (meta.get("data_through"), last_briefing, last_activity) if d is not None]
    if not firsts:
        return None
    first = min(firsts)
    last = max(lasts or firsts)
    return date(first.year, first.month, 1), add_months(date(last.year, last.month, 1), BRIEFING_HORIZON_MONTHS)


def build_briefing_flow(conn: Connection) -> int:
    """Fill ``briefing_flow`` for the months of ``briefing_months`` (one INSERT ...
    SELECT per 120 months) and write that range (meta ``BRIEFING_MONTHS_KEY``); returns
    the rows written."""
    from .db import put_meta, valid_on
    from .indicators.briefings import months_table
    from .periods import add_months

    conn.execute(delete(BriefingFlow))
    span = briefing_months(conn)
    put_meta(conn, BRIEFING_MONTHS_KEY, "" if span is None else f"{span[0].isoformat()}/{span[1].isoformat()}")
    if span is None:
        return 0
    months = [span[0]]
    while months[-1] < span[1]:
        months.append(add_months(months[-1], 1))
    unit = Unit.__table__
    rollup, ancestor, on_unit, on_ancestor = _flow_rollup(unit.c.id)
    # (commune-level unit, roll-up row) once (DISTINCT, of rows that are distinct anyway:
    # SQLite builds them first instead of looking the roll-up up again for every month:
    # 6.5 -> 4.2 s nationally)
    pairs = (
        select(rollup.c.id, rollup.c.ancestor_id, rollup.c.valid_from, rollup.c.valid_to, unit.c.id.label("unit_id"),
               unit.c.valid_from.label("unit_from"), unit.c.valid_to.label("unit_to"))
        .select_from(unit).join(rollup, on_unit).join(ancestor, on_ancestor)
        .where(unit.c.level == "commune").distinct().subquery("pairs")
    )
    for i in range(0, len(months), 120):
        month_rows = months_table(months[i:i + 120])
        held = (select(Briefing.id)
                .where(Briefing.unit_id == pairs.c.unit_id, Briefing.date >= month_rows.c.month,
                       Briefing.date < month_rows.c.next).exists())
        key = (pairs.c.ancestor_id, month_rows.c.month, pairs.c.valid_from, pairs.c.valid_to)
        query = (
            select(*key, func.count(), func.sum(case((held, 1), else_=0)))
            .select_from(pairs).join(month_rows, valid_on(pairs.c.unit_from, pairs.c.unit_to, month_rows.c.month))
            .group_by(*key).order_by(*key)
        )
        conn.execute(insert(BriefingFlow).from_select(
            ["ancestor_id", "month", "rollup_from", "rollup_to", "due", "held"], query))
    return conn.execute(select(func.count()).select_from(BriefingFlow)).scalar_one()


def flow_meta(conn: Connection) -> dict[str, str] | None:
    """The meta of the pre-aggregated tables (the tokens, ``OUTSIDE_TERM_KEY``,
    ``BRIEFING_MONTHS_KEY``) when they were built for the data now in the database (meta
    ``preagg_token`` is the data token), otherwise None. One query."""
    found = dict(conn.execute(select(Meta.key, Meta.value).where(
        Meta.key.in_(("data_token", TOKEN_KEY, OUTSIDE_TERM_KEY, BRIEFING_MONTHS_KEY)))).all())
    if found.get(TOKEN_KEY) is None or found.get(TOKEN_KEY) != found.get("data_token"):
        return None
    return found


def mark_valid(conn: Connection) -> None:
    """The tables now match the data token in meta (a token is drawn when there is none)."""
    from .db import new_data_token, put_meta

    token = conn.execute(select(Meta.value).where(Meta.key == "data_token")).scalar()
    if token is None:
        token = new_data_token()
        put_meta(conn, "data_token", token)
    put_meta(conn, TOKEN_KEY, token)


def usable(conn: Connection) -> bool:
    """The pre-aggregated tables were built for the data now in the database."""
    return flow_meta(conn) is not None
