"""The data model (SQLAlchemy 2, typed).

Dates are calendar dates; every interval is closed: ``valid_from <= d <= valid_to``,
and ``valid_to`` NULL means "still valid". Codes are not unique on their own: after the
2025 merger a new ward reuses a predecessor's code, so a unit is named by code *and* date.

Kinds, roles and levels are short ASCII keys; their Vietnamese labels live in
``dashboard.i18n``.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false as sa_false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .vocabulary import (  # noqa: F401  (re-exported: the words the columns take)
    ACTIVITY_KINDS,
    BOARD_KINDS,
    COURSE_KINDS,
    LEVELS,
    NOTE_MAX_LENGTH,
    PERSON_ATTRIBUTES,
    POST_ROLES,
    TRAINING_COURSE_KINDS,
    UNIT_KINDS,
)

# Far end of open intervals in derived tables, so that range tests need no NULL case.
OPEN_END = date(9999, 12, 31)
GENDERS = ("nam", "nu")


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """An administrative unit: country, province, district-level, commune-level or village.

    ``level`` orders the hierarchy; ``kind`` says what the unit is called (phường, xã,
    thôn, khu ...). The parent is not a column: it is dated, in ``UnitMembership``.
    """

    __tablename__ = "unit"
    __table_args__ = (
        UniqueConstraint("code", "valid_from", name="uq_unit_code_from"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ck_unit_interval"),
        Index("ix_unit_code", "code"),
        Index("ix_unit_level", "level", "valid_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(12))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<Unit {self.code} {self.name} {self.valid_from}..{self.valid_to}>"


class UnitMembership(Base):
    """``child`` belongs to ``parent`` from ``valid_from`` to ``valid_to``."""

    __tablename__ = "unit_membership"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ck_membership_interval"),
        Index("ix_membership_parent", "parent_id", "valid_from"),
        Index("ix_membership_child", "child_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    parent_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)


class UnitSuccession(Base):
    """``predecessor`` ended and (part of) it went on as ``successor`` from ``date``.

    The primary successor inherits the predecessor's records when figures are rolled up
    onto a later structure (Liên Hòa was split: its primary successor is the new Liên Hòa).
    """

    __tablename__ = "unit_succession"
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id", name="uq_succession"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    successor_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=True)


class UnitRollup(Base):
    """Derived: the records of ``unit`` count toward ``ancestor`` on any structure date in
    ``[valid_from, valid_to]`` (``valid_to`` is ``OPEN_END`` when open).

    Built by ``dashboard.structure.rebuild_rollup`` from memberships and successions: it is
    the transitive closure of the hierarchy (a unit is its own ancestor), extended past a
    unit's end through its primary successor. Every indicator joins facts through it.
    """

    __tablename__ = "unit_rollup"
    __table_args__ = (
        Index("ix_rollup_ancestor", "ancestor_id", "valid_from", "valid_to", "unit_id"),
        Index("ix_rollup_unit", "unit_id", "ancestor_id"),
        Index("ix_rollup_ancestor_to", "ancestor_id", "valid_to"),  # rollup_unchanged
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    ancestor_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)


VALUE_COLUMNS = tuple(f"v{i}" for i in range(8))  # a family's measure columns, in its order
AGG_TOKEN_KEY = "preagg_token"  # meta: the data token the pre-aggregated tables were built for
AGG_CALENDAR_KEY = "agg_calendar"  # meta: "first/last" days of the calendar families' tables, or ""
# ``agg_flow`` rows counting a key's first days in each kind of calendar period (v0.. in
# this order; "day": the values seen that day), under key_name ``firsts_name(key)``;
# dimension value ``FIRSTS_ALL_DIMS``: over all the dimension values of the family
FIRSTS_KINDS = ("year", "quarter", "month", "day")
FIRSTS_ALL_DIMS = "*"


def firsts_name(key_name: str) -> str:
    return f"{key_name}/first"


def rolling_name(key_name: str) -> str:
    """``agg_flow`` rows holding the distinct count of a key over the 12 months up to
    each date (``preagg.build_rolling``)."""
    return f"{key_name}/12m"


# the levels whose units are never ancestors in the pre-aggregated tables, by kind of
# family: a view with an output row at such a level reads the raw query (a commune
# gathers its own records, which the raw query reads by index at no cost; keeping them
# would copy the fact tables)
AGG_SKIPPED_LEVELS = {"state": ("village",), "flow": ("village", "commune")}


class AggState(Base):
    """Derived (``dashboard.preagg``): for one state family of facts
    (``indicators.facts.FAMILIES``), the sums of its measure columns (``v0``.. in the
    family's order) over the facts valid on every date of [``valid_from``, ``valid_to``]
    whose unit rolls up to ``ancestor`` on that same date (``dim``: the family's dimension
    value, "" for none); one row per constant piece, none where every sum is 0. Rebuilt
    with every change of the data."""

    __tablename__ = "agg_state"

    family: Mapped[str] = mapped_column(String(30), primary_key=True)
    ancestor_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    dim: Mapped[str] = mapped_column(String(40), primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, primary_key=True)
    valid_to: Mapped[date] = mapped_column(Date)
    v0: Mapped[float | None] = mapped_column(Float, nullable=True)
    v1: Mapped[float | None] = mapped_column(Float, nullable=True)
    v2: Mapped[float | None] = mapped_column(Float, nullable=True)
    v3: Mapped[float | None] = mapped_column(Float, nullable=True)
    v4: Mapped[float | None] = mapped_column(Float, nullable=True)
    v5: Mapped[float | None] = mapped_column(Float, nullable=True)
    v6: Mapped[float | None] = mapped_column(Float, nullable=True)
    v7: Mapped[float | None] = mapped_column(Float, nullable=True)


class AggStateKey(Base):
    """Derived: the (family, ancestor, dim) combinations ``agg_state`` holds, so that a
    read finds each one's piece on a date by one index lookup."""

    __tablename__ = "agg_state_key"

    family: Mapped[str] = mapped_column(String(30), primary_key=True)
    ancestor_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    dim: Mapped[str] = mapped_column(String(40), primary_key=True)


class AggFlow(Base):
    """Derived (``dashboard.preagg``): for one flow family of facts, per ``ancestor``
    (above the commune level), ``day``, the validity [``rollup_from``, ``rollup_to``] of the
    ``unit_rollup`` row that carries the facts there, and ``dim``: with ``key_name`` "" the
    sums of the measure columns (``v0``..); with ``key_name`` one of the family's keys, one
    row per value ``key_id`` of that key (distinct counts). A view on structure date D sums
    the rows with ``rollup_from <= D <= rollup_to``. Rebuilt with every change of the data."""

    __tablename__ = "agg_flow"

    family: Mapped[str] = mapped_column(String(30), primary_key=True)
    key_name: Mapped[str] = mapped_column(String(20), primary_key=True)
    ancestor_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    rollup_from: Mapped[date] = mapped_column(Date, primary_key=True)
    rollup_to: Mapped[date] = mapped_column(Date, primary_key=True)
    dim: Mapped[str] = mapped_column(String(40), primary_key=True)
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    v0: Mapped[float | None] = mapped_column(Float, nullable=True)
    v1: Mapped[float | None] = mapped_column(Float, nullable=True)
    v2: Mapped[float | None] = mapped_column(Float, nullable=True)
    v3: Mapped[float | None] = mapped_column(Float, nullable=True)
    v4: Mapped[float | None] = mapped_column(Float, nullable=True)
    v5: Mapped[float | None] = mapped_column(Float, nullable=True)
    v6: Mapped[float | None] = mapped_column(Float, nullable=True)
    v7: Mapped[float | None] = mapped_column(Float, nullable=True)


class Term(Base):
    """A term (nhiệm kỳ) of party cells and village heads, e.g. 2017–2020."""

    __tablename__ = "term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class Person(Base):
    """A cadre. Only what the indicators need: no identity numbers, addresses or phones."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str | None] = mapped_column(String(8), nullable=True)
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PersonAttribute(Base):
    """A dated attribute of a person (``vocabulary.PERSON_ATTRIBUTES``: ethnicity, general
    education, professional qualification, political theory level, party member since):
    ``value`` holds from ``valid_from`` until the person's next row of the same attribute.
    Before the first row the attribute is not recorded. A level obtained in 2024 does not
    count on a 2020 date."""

    __tablename__ = "person_attribute"
    __table_args__ = (
        UniqueConstraint("person_id", "attribute", "valid_from", name="uq_person_attribute_from"),
        Index("ix_person_attribute_person", "person_id", "attribute", "valid_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    attribute: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[date] = mapped_column(Date)


class Post(Base):
    """``person`` holds ``role`` in ``village`` from ``start_date`` to ``end_date``.

    ``first_time`` (lần đầu giữ chức): the person holds this post for the first time;
    otherwise re-elected (tái cử). "Unified" is never stored: it is derived.
    """

    __tablename__ = "post"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ck_post_interval"),
        Index("ix_post_village_role", "village_id", "role", "start_date"),
        Index("ix_post_role_dates", "role", "start_date", "end_date"),
        Index("ix_post_person", "person_id", "start_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    village_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"), nullable=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    first_time: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship()


class Topic(Base):
    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(300))


class Course(Base):
    """A class (lớp bồi dưỡng), training session (tập huấn) or seminar (tọa đàm).

    ``days`` is the number of days held; ``organiser`` the unit that ran it.
    """

    __tablename__ = "course"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="ck_course_interval"),
        CheckConstraint("days >= 0", name="ck_course_days"),
        Index("ix_course_dates", "end_date", "start_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    organiser_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    days: Mapped[float] = mapped_column(Float)


class CourseTopic(Base):
    __tablename__ = "course_topic"

    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)


class Participation(Base):
    """``person`` was summoned to ``course``; attended ``days_attended`` days.

    ``unit`` is where the learner came from at the time (their village, or the commune
    for commune officials), so training can be counted by unit without guessing.
    """

    __tablename__ = "participation"
    __table_args__ = (
        UniqueConstraint("course_id", "person_id", name="uq_participation"),
        CheckConstraint("days_attended >= 0", name="ck_participation_days"),
        Index("ix_participation_person", "person_id", "completed", "course_id"),
        Index("ix_participation_unit", "unit_id", "course_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    days_attended: Mapped[float] = mapped_column(Float, default=0)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    certificate: Mapped[bool] = mapped_column(Boolean, default=False)


class Board(Base):
    """A People's Inspection Board (bttnd) or Community Investment Supervision Board
    (gsdtcd) of a commune-level unit, for one term (and, for gsdtcd, one project)."""

    __tablename__ = "board"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ck_board_interval"),
        Index("ix_board_unit", "unit_id", "valid_from"),
        Index("ix_board_village", "village_id"),  # boards of a project in a village
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    name: Mapped[str] = mapped_column(String(300))
    project: Mapped[str | None] = mapped_column(String(300), nullable=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), nullable=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    members: Mapped[int] = mapped_column(Integer, default=0)


class BoardActivity(Base):
    """One thing a board did on a date. Money in đồng, land in m²."""

    __tablename__ = "board_activity"
    __table_args__ = (
        CheckConstraint(
            "recommendations_resolved <= recommendations_made", name="ck_activity_resolved"
        ),
        Index("ix_activity_board_date", "board_id", "date"),
        Index("ix_activity_date", "date", "board_id"),
        Index("ix_activity_village_date", "village_id", "date"),  # a village's activities
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(500))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), nullable=True)
    violations_found: Mapped[int] = mapped_column(Integer, default=0)
    recommendations_made: Mapped[int] = mapped_column(Integer, default=0)
    recommendations_resolved: Mapped[int] = mapped_column(Integer, default=0)
    money_recovered: Mapped[int] = mapped_column(BigInteger, default=0)
    land_recovered_m2: Mapped[float] = mapped_column(Float, default=0)
    settlement_reduction: Mapped[int] = mapped_column(BigInteger, default=0)


class Briefing(Base):
    """A monthly briefing (giao ban hằng tháng) held by a commune-level unit."""

    __tablename__ = "briefing"
    __table_args__ = (
        UniqueConstraint("unit_id", "date", name="uq_briefing"),
        Index("ix_briefing_date", "date", "unit_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    date: Mapped[date] = mapped_column(Date)
    attendees: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class Review(Base):
    """A sơ kết (mid-way review) or tổng kết (end-of-term review) of a directive or
    resolution: held by a unit on a date, under a document number; ``start_date`` is the
    day the directive began to apply, the start the review compares with."""

    __tablename__ = "review"
    __table_args__ = (Index("ix_review_date", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10))
    directive: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    date: Mapped[date] = mapped_column(Date)
    number: Mapped[str | None] = mapped_column(String(60), nullable=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))


class ImportRecord(Base):
    """One import (or the demo load): who, when, what file, what it changed."""

    __tablename__ = "import_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(300))
    checksum: Mapped[str] = mapped_column(String(64))
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: table -> rows written
    # started (being written; "interrupted" once its worker is found dead) | ok |
    # rejected | dry-run | interrupted
    result: Mapped[str] = mapped_column(String(20))
    message: Mapped[str | None] = mapped_column(Text, nullable=True)
    # where it runs ("host:pid"), so that a worker that died mid-import is recognised
    worker: Mapped[str | None] = mapped_column(String(100), nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the client's, or "cli"


class Meta(Base):
    """Small facts about the dataset: ``dataset`` (demo|real), ``data_version`` ..."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- notes on a unit and a period (like DHIS2 interpretations) ------------------------



class UnitNote(Base):
    """A short note a leader attaches to a unit and a period ("bí thư mới kiện toàn
    8/2025"). Plain text, at most ``NOTE_MAX_LENGTH`` characters, never rendered as HTML.
    ``period_start``..``period_end`` is the period the note is about (closed interval); it
    shows on every view whose period meets it. Who may write is decided in
    ``dashboard.notes`` (the data layer), from the logged-in user."""

    __tablename__ = "unit_note"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="ck_note_period"),
        Index("ix_note_unit", "unit_id", "period_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    period_kind: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(String(NOTE_MAX_LENGTH))
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


# --- users, sessions, audit (login, roles, scope) ------------------------------------

USER_ROLES = ("admin", "town", "unit")


class User(Base):
    """Someone who may log in. ``role``: admin (everything, imports, user management),
    town (views every unit), unit (views ``unit`` and what rolls up to it today).

    ``password_hash`` is never a plain password (scrypt, see ``dashboard.auth``).
    """

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'town', 'unit')", name="ck_user_role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(10))
    unit_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime)
    # set when an administrator chose the password: the user must choose their own at login
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


class UserSession(Base):
    """A login. The cookie holds a random token; only its SHA-256 is stored here, so a
    copy of the database does not give working cookies. A session ends (``ended_at``)
    on logout, password change, disabling the user, or a timeout seen on the server."""

    __tablename__ = "user_session"
    __table_args__ = (Index("ix_session_user", "user_id", "ended_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ended_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)


class LoginThrottle(Base):
    """Failed logins, counted under three keys shared by every worker (see
    ``auth.authenticate``): ``name:<user name>`` (known or not, so that locking tells
    nothing about which names exist), ``addr:<client address>`` and
    ``pair:<user name>\x1f<client address>``. ``locked_until`` refuses every attempt of
    that key until then."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AuditEvent(Base):
    """Who did what, when, from where. Append-only: the application only inserts, and
    database triggers refuse UPDATE and DELETE (see ``dashboard.auth``)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_at", "at"), Index("ix_audit_event", "event", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    event: Mapped[str] = mapped_column(String(40))
    username: Mapped[str | None] = mapped_column(String(64), nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")


# The audit log refuses UPDATE and DELETE in the database itself (the migration creates
# the same triggers); ``create_all`` (tests) gets them through these DDL events.
AUDIT_TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    ],
}


def _audit_triggers(target, connection, **_kw) -> None:
    from sqlalchemy import text

    for statement in AUDIT_TRIGGERS.get(connection.dialect.name, []):
        connection.execute(text(statement))


from sqlalchemy import event as _event  # noqa: E402

_event.listen(AuditEvent.__table__, "after_create", _audit_triggers)
