"""Who the cadres are (``/co-cau``): the profile measures of the registry by child, the
posts by level of each attribute, the people by gender and age band, term against term,
and the holders of a commune's villages with their attributes on the date.

Every figure is a measure of ``definitions.MEASURES`` computed by the engine; only the
holders' list (names and their attributes) reads the records, scoped like every query."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy import Connection, Date, and_, func, or_, select

from ..definitions import AGE_BANDS, GROUPS, age_band
from ..models import Person, PersonAttribute, Post, Term, Unit
from ..vocabulary import PERSON_ATTRIBUTES
from . import engine
from .facts import CADRE_ROLES
from .summary import with_children
from .view import View

# The measures of the page's table and cards.
PAGE_KEYS = ("posts", "posts_women", "aged", "avg_age", "theory_intermediate_plus", "qualification_intermediate_plus",
             "education_upper", "posts_minority", "posts_party_senior", "term_start_posts", "reelected",
             "posts_first_time")
LEVEL_ATTRIBUTES = ("education", "qualification", "theory")
TERM_KEYS = ("posts", "unified", "first_time", "posts_women", "aged", "avg_age", "cadres", "trained",
             "theory_intermediate_plus")
assert set(GROUPS["profile"]) <= set(PAGE_KEYS) | {"aged"}


def profile_by_child(conn: Connection, view: View) -> pd.DataFrame:
    """One row per child and the total (``summary.with_children``) with ``PAGE_KEYS``."""
    return with_children(conn, view, [engine.measures(conn, view, PAGE_KEYS)])


def profile_total(conn: Connection, view: View) -> dict:
    frame = engine.measures(conn, view, PAGE_KEYS)
    row = frame.loc[view.unit_id]
    return {key: (float(row[key]) if key == "avg_age" else int(row[key])) for key in PAGE_KEYS}


def levels_by_child(conn: Connection, view: View) -> pd.DataFrame:
    """Columns group_id, attribute, value ("" not recorded), posts: the posts of each
    output row by their holder's level on the date."""
    found = engine.by_dim(conn, view, ["level_posts"])
    if found.empty:
        return pd.DataFrame({"group_id": [], "attribute": [], "value": [], "posts": []})
    parts = found["dim"].str.split(":", n=1, expand=True)
    return pd.DataFrame({"group_id": found["group_id"].astype("int64"), "attribute": parts[0], "value": parts[1],
                         "posts": found["level_posts"].astype("int64")})


def pyramid(conn: Connection, view: View, bands: tuple[int, ...] = AGE_BANDS) -> pd.DataFrame:
    """The people in post of the view's total by gender ("nam", "nu", "" not recorded)
    and age band (index into ``bands``, -1 without a birth year): columns gender, band,
    people."""
    total = replace(view, total_only=True)
    found = engine.by_dim(conn, total, ["people_born"])
    year = view.as_of.year
    counts: dict[tuple[str, int], int] = {}
    for dim, people in zip(found["dim"], found["people_born"]):
        gender, born = dim.split(":", 1)
        band = age_band(year - int(born), bands) if born else None
        key = (gender, -1 if band is None else band)
        counts[key] = counts.get(key, 0) + int(people)
    rows = [{"gender": g, "band": b, "people": n} for (g, b), n in sorted(counts.items()) if n]
    return pd.DataFrame(rows, columns=["gender", "band", "people"])


def term_days(conn: Connection, as_of: date) -> list[tuple[str, date, date]]:
    """(term code, start reading day, end reading day) of the terms begun by ``as_of``:
    read at the start on the day the last first post of the term began (the elections
    done; the term's first day when it has no post), at the end on its last day (or
    ``as_of``, for the term in force)."""
    post = Post.__table__
    first = (select(post.c.term_id, post.c.village_id, post.c.role, func.min(post.c.start_date).label("day"))
             .where(post.c.role.in_(CADRE_ROLES), post.c.term_id.isnot(None))
             .group_by(post.c.term_id, post.c.village_id, post.c.role).subquery("first_posts"))
    last_first = dict(conn.execute(select(first.c.term_id, func.max(first.c.day)).group_by(first.c.term_id)).all())
    out = []
    for term_id, code, start, end in conn.execute(select(Term.id, Term.code, Term.start_date, Term.end_date)
                                                  .order_by(Term.start_date)):
        opened = last_first.get(term_id)
        opened = start if opened is None else (opened if isinstance(opened, date) else date.fromisoformat(str(opened)))
        opened = min(max(opened, start), end)
        if opened > as_of:
            continue
        out.append((code, opened, min(end, as_of)))
    return out


def term_table(conn: Connection, view: View) -> pd.DataFrame:
    """Term against term for the view's total: per term, at its start and at its end
    (``term_days``), ``TERM_KEYS`` and the posts that opened the term in force and the
    re-elected among them, on the view's units followed back in time (``engine.series``:
    one query per family for every day). Columns term, moment ("start"/"end"), day, then
    the measures."""
    keys = [*TERM_KEYS, "term_start_posts", "reelected"]
    days = term_days(conn, view.as_of)
    if not days:
        return pd.DataFrame(columns=["term", "moment", "day", *keys])
    found = engine.series(conn, view, keys, sorted({d for _c, start, end in days for d in (start, end)}))
    by_day = found.set_index("day")
    rows = []
    for code, start, end in days:
        for moment, day in (("start", start), ("end", end)):
            row = by_day.loc[day]
            rows.append({"term": code, "moment": moment, "day": day,
                         **{k: (float(row[k]) if k == "avg_age" else int(row[k])) for k in keys}})
    return pd.DataFrame(rows)


def _value_on(attribute: str, person, day):
    pa = PersonAttribute.__table__
    latest = (select(pa.c.value).where(pa.c.person_id == person, pa.c.attribute == attribute, pa.c.valid_from <= day)
              .order_by(pa.c.valid_from.desc()).limit(1).scalar_subquery())
    return latest.label(attribute)


HOLDER_COLUMNS = ["village_code", "village_kind", "village_name", "role", "person", "full_name", "gender",
                  "birth_year", "first_time", *PERSON_ATTRIBUTES]


def holders(conn: Connection, view: View, limit: int = 400) -> pd.DataFrame:
    """The secretaries and heads in post on the date in the villages that roll up to the
    view's unit (within its scope), with their attributes on that date: columns
    ``HOLDER_COLUMNS`` (Python values, None where not recorded), at most ``limit`` + 1
    rows (more: too many to list)."""
    shape = engine.shape_of(view)
    groups = engine.unit_groups(shape)
    post, unit, person = Post.__table__, Unit.__table__, Person.__table__
    day = engine.bindparam("as_of", type_=Date)
    query = (select(unit.c.code, unit.c.kind, unit.c.name, post.c.role, person.c.key, person.c.full_name,
                    person.c.gender, person.c.birth_year, post.c.first_time,
                    *[_value_on(a, person.c.id, day) for a in PERSON_ATTRIBUTES])
             .select_from(post).join(unit, unit.c.id == post.c.village_id).join(person, person.c.id == post.c.person_id)
             .join(groups, groups.c.unit_id == post.c.village_id)
             .where(groups.c.group_id == view.unit_id, post.c.role.in_(CADRE_ROLES), post.c.start_date <= day,
                    or_(post.c.end_date.is_(None), post.c.end_date >= day),
                    and_(unit.c.valid_from <= day, or_(unit.c.valid_to.is_(None), unit.c.valid_to >= day)))
             .order_by(unit.c.code, post.c.role.desc()).limit(limit + 1))
    scope = engine.scope_clause(shape, post.c.village_id)
    if scope is not None:
        query = query.where(scope)
    found = conn.execute(query, engine.params_of(view, as_of=view.as_of)).all()
    # plain Python values, None where nothing is recorded (pandas' text columns would
    # hold NaN, which reads as recorded)
    frame = pd.DataFrame([tuple(r) for r in found], columns=HOLDER_COLUMNS, dtype=object)
    return frame.where(frame.notna(), None)
