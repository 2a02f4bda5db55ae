"""Engines, sessions and the few SQL functions that differ between SQLite and PostgreSQL.

One engine per process and URL, created lazily (never at import time), so that gunicorn
workers each open their own connections after the fork.
"""
from __future__ import annotations

import logging
import re

import threading
import uuid
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy import (Connection, Date, String, and_, bindparam, create_engine, event, func, insert, inspect, or_,
                        select, text, update)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.functions import FunctionElement

from .models import AGG_CALENDAR_KEY, AGG_TOKEN_KEY, Base, Meta, Unit

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """A new engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    return engine


def get_engine(url: str) -> Engine:
    """The process's engine for ``url`` (created on first use)."""
    engine = _engines.get(url)
    if engine is None:
        with _lock:
            engine = _engines.get(url)
            if engine is None:
                engine = _engines[url] = make_engine(url)
    return engine


def dispose_engines() -> None:
    """Forget pooled connections (after a fork, or at the end of tests)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose(close=False)
        _engines.clear()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def create_schema(engine: Engine) -> None:
    Base.metadata.create_all(engine)


MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection=None):
    """Alembic's configuration for this package's migrations (on ``connection``)."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at (None: not under migrations)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_schema(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Create or upgrade the schema through the Alembic migrations (SQLite and
    PostgreSQL alike); returns (revision before, revision after).

    A database made before migrations existed (tables, no ``alembic_version``) is adopted:
    its missing tables are created from the models and it is stamped at the head.
    """
    from alembic import command
    before = schema_revision(engine)
    with engine.begin() as conn:
        cfg = alembic_config(conn)
        if before is None and inspect(conn).has_table("unit"):
            Base.metadata.create_all(conn)
            command.stamp(cfg, "head")
        else:
            command.upgrade(cfg, revision)
    return before, schema_revision(engine) or ""


APPEND_ONLY_TABLES = ("audit_event",)


def grant_app_role(engine: Engine, role: str) -> list[str]:
    """PostgreSQL with two roles: the one connected here owns the tables and runs the
    migrations; ``role`` (the application's) may read and write the data but only SELECT
    and INSERT the audit log: no UPDATE, DELETE, TRUNCATE, and (not being the owner) no
    ALTER, so it can neither empty the log nor disable its triggers. Run after every
    upgrade (new tables get their grants). Returns the statements run."""

    if engine.dialect.name != "postgresql":
        raise ValueError("Roles exist on PostgreSQL only (SQLite has no users).")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role or ""):
        raise ValueError("A role name has lowercase letters, digits and '_' (at most 63).")
    with engine.begin() as conn:
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is None:
            raise ValueError(f"There is no PostgreSQL role {role!r}: create it first (createuser {role}).")
        if conn.execute(text("SELECT current_user")).scalar() == role:
            raise ValueError("Connect as the owner of the tables, not as the application's role.")
        schema = conn.execute(text("SELECT current_schema()")).scalar()
        quoted_schema, quoted_role = f'"{schema}"', f'"{role}"'
        tables = [t for t in inspect(conn).get_table_names(schema=schema)]
        statements = [f"GRANT USAGE ON SCHEMA {quoted_schema} TO {quoted_role}",
                      f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quoted_schema} TO {quoted_role}"]
        for table in sorted(tables):
            name = f'{quoted_schema}."{table}"'
            statements.append(f"REVOKE ALL ON {name} FROM {quoted_role}")
            if table in APPEND_ONLY_TABLES:
                statements.append(f"GRANT SELECT, INSERT ON {name} TO {quoted_role}")
            elif table == "alembic_version":
                statements.append(f"GRANT SELECT ON {name} TO {quoted_role}")
            else:
                statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {quoted_role}")
        for statement in statements:
            conn.execute(text(statement))
    return statements


def drop_schema(engine: Engine) -> None:
    Base.metadata.drop_all(engine)


def analyze(conn: Connection, tables: Iterable[str] | None = None) -> None:
    """Refresh the query planner's statistics of ``tables`` (default: every table of the
    schema) after many rows were written. Without them SQLite reaches a commune's posts
    by scanning every post of the role (50 ms instead of 3 ms for a commune of the demo);
    PostgreSQL would wait for autovacuum. Table by table: a bare ANALYZE on PostgreSQL
    would read every schema of the database."""
    for name in (tables if tables is not None else [t.name for t in Base.metadata.sorted_tables]):
        conn.execute(text(f'ANALYZE "{name}"'))


def vacuum_after_write(engine: Engine) -> None:
    """After many rows were committed (an import, the demo, a synthetic dataset): on
    PostgreSQL ``VACUUM (ANALYZE)`` every table, which sets the visibility map so that
    index-only scans read no table pages (a country's silent-boards list: 120 -> 55 ms)
    and refreshes the statistics; autovacuum would do it later, or never where it is off.
    Outside a transaction, as VACUUM must be. A failure is logged, not raised: the data is
    already committed. SQLite needs nothing (``analyze`` ran in the rebuild)."""
    if engine.dialect.name != "postgresql":
        return
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in Base.metadata.sorted_tables:
                conn.execute(text(f'VACUUM (ANALYZE) "{table.name}"'))
    except SQLAlchemyError as error:
        logging.getLogger(__name__).warning("VACUUM after the write failed: %s", error)


def is_empty(engine: Engine) -> bool:
    """True when the schema is missing or holds no units."""
    if not inspect(engine).has_table("unit"):
        return True
    with engine.connect() as conn:
        return conn.execute(select(Unit.id).limit(1)).first() is None


_META_VALUE = select(Meta.value).where(Meta.key == bindparam("key"))


def get_meta(engine: Engine, key: str, default: str | None = None) -> str | None:
    if key in REQUEST_META_KEYS:  # once per request under ``begin_request_meta``
        value = meta_values(engine, (key,)).get(key)
    else:
        with engine.connect() as conn:
            value = conn.execute(_META_VALUE, {"key": key}).scalar()
    return default if value is None else value


def meta_value(conn: Connection, key: str) -> str | None:
    """The meta value of ``key`` read on ``conn`` (None when there is none)."""
    return conn.execute(_META_VALUE, {"key": key}).scalar()


def set_meta(session: Session, key: str, value: str) -> None:
    forget_request_meta()
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def new_data_token() -> str:
    """A random token naming one state of the data (see ``data_key``)."""
    return uuid.uuid4().hex


# The meta rows a request reads, again and again (every cached result's key, the response
# cache's key, every indicator's choice between the tables and the facts): read together
# once per request between ``begin_request_meta`` and ``end_request_meta`` (the login gate
# calls them around each request), otherwise on every call. A write of meta (``put_meta``, ``set_meta``) forgets
# them, so a request that imports reads the new values.
REQUEST_META_KEYS = ("data_token", "data_version", "notes_token", "dataset", "data_from", "data_through", AGG_TOKEN_KEY,
                     AGG_CALENDAR_KEY)
_REQUEST_META: ContextVar[dict | None] = ContextVar("grassroots_request_meta", default=None)


def begin_request_meta() -> Token:
    """Read the meta rows once for the rest of this request (until ``end_request_meta``)."""
    return _REQUEST_META.set({})


def end_request_meta(token: Token) -> None:
    _REQUEST_META.reset(token)


def forget_request_meta() -> None:
    memo = _REQUEST_META.get()
    if memo is not None:
        memo.clear()


@lru_cache(maxsize=32)
def _meta_statement(keys: tuple[str, ...]):
    return select(Meta.key, Meta.value).where(Meta.key.in_(keys))  # built once: its cache key costs


def _read_meta(bind, keys: tuple[str, ...]) -> dict:
    statement = _meta_statement(keys)
    if isinstance(bind, Connection):
        return dict(bind.execute(statement).all())
    with bind.connect() as conn:
        return dict(conn.execute(statement).all())


def meta_values(bind: Engine | Connection, keys: tuple[str, ...]) -> dict:
    """key -> value of the meta rows ``keys`` (of ``REQUEST_META_KEYS``) that exist, read
    on ``bind`` (an engine or a connection); once per request under ``begin_request_meta``."""
    memo = _REQUEST_META.get()
    if memo is None:
        return _read_meta(bind, keys)
    where = str(bind.engine.url)
    if where not in memo:
        memo[where] = _read_meta(bind, REQUEST_META_KEYS)
    found = memo[where]
    return {key: found[key] for key in keys if key in found}


def _meta_values(engine: Engine, keys: tuple[str, ...]) -> dict | None:
    """``meta_values``; None when the schema is missing."""
    try:
        return meta_values(engine, keys)
    except Exception:  # no schema yet
        return None


def data_key(engine: Engine) -> str | None:
    """``token:version`` of the data now in the database, for cache keys; None when the
    data has no token (nothing may be cached then) or the schema is missing."""
    found = _meta_values(engine, ("data_token", "data_version")) or {}
    token = found.get("data_token")
    return f"{token}:{found.get('data_version')}" if token else None


def render_key(engine: Engine) -> str | None:
    """``data_key`` and the notes token in one query: what a rendered response depends on
    in the database. None when the data has no token (nothing may be cached)."""
    found = _meta_values(engine, ("data_token", "data_version", "notes_token")) or {}
    token = found.get("data_token")
    return f"{token}:{found.get('data_version')}:{found.get('notes_token', '')}" if token else None


def put_meta(conn: Connection, key: str, value: str) -> None:
    """Set meta ``key`` through a connection (in the caller's transaction); ``set_meta``
    does the same through a session."""
    forget_request_meta()
    if conn.execute(update(Meta).where(Meta.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(Meta).values(key=key, value=value))


def touch_notes(conn: Connection) -> None:
    """Draw a new notes token (in the caller's transaction): notes change without the
    data version moving, and rendered pages that show them are cached on this token
    (``dashboard.web.response_cache``)."""
    put_meta(conn, "notes_token", new_data_token())


# --- SQL helpers -------------------------------------------------------------------


# The earliest date: a lower bound that changes no result. SQLite 3.40.1 answers
# ``village_id = ? AND role IN ('secretary', 'head') AND start_date <= ?`` wrongly through
# the index (village_id, role, start_date) (posts that start later are returned when the
# first role has none); with a lower bound on start_date too the answer is right.
EARLIEST = date(1, 1, 1)


def valid_on_bounded(valid_from, valid_to, day: date):
    """``valid_on`` with a lower bound on ``valid_from`` that changes nothing but avoids
    the SQLite 3.40.1 wrong answer described at ``EARLIEST`` (for ``role IN (...)``)."""
    return and_(valid_from >= EARLIEST, valid_on(valid_from, valid_to, day))


def valid_on(valid_from, valid_to, day: date):
    """``valid_from <= day <= valid_to`` with NULL ``valid_to`` meaning open."""
    return (valid_from <= day) & or_(valid_to.is_(None), valid_to >= day)


def overlaps(valid_from, valid_to, start: date, end: date):
    """The interval ``[valid_from, valid_to]`` meets ``[start, end]``."""
    return (valid_from <= end) & or_(valid_to.is_(None), valid_to >= start)


class month_start(FunctionElement):
    """First day of the month of a date column (a DATE on PostgreSQL, an ISO string on
    SQLite, which compares and groups the same way)."""

    type = Date()
    inherit_cache = True


@compiles(month_start)
def _month_start_default(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"CAST(date_trunc('month', {compiler.process(arg, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"date({compiler.process(arg, **kw)}, 'start of month')"


class days_before(FunctionElement):
    """``column - n days`` as a date."""

    type = Date()
    inherit_cache = True

    def __init__(self, column, days: int):
        self.days = int(days)
        super().__init__(column)


@compiles(days_before)
def _days_before_default(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"CAST(({compiler.process(arg, **kw)} - {element.days}) AS DATE)"


@compiles(days_before, "sqlite")
def _days_before_sqlite(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"date({compiler.process(arg, **kw)}, '-{element.days} days')"


class year_start_after(FunctionElement):
    """1 January of ``column``'s year plus ``n`` years, as a date (2014-03-01, 10 ->
    2024-01-01): a span counted in calendar years, like an age (the year less the birth
    year), the same on both databases (no 29 February to move)."""

    type = Date()
    inherit_cache = True

    def __init__(self, column, years: int):
        self.years = int(years)
        super().__init__(column)


@compiles(year_start_after)
def _year_start_after_default(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"CAST(DATE_TRUNC('year', {compiler.process(arg, **kw)}) + INTERVAL '{element.years} years' AS DATE)"


@compiles(year_start_after, "sqlite")
def _year_start_after_sqlite(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"date({compiler.process(arg, **kw)}, 'start of year', '+{element.years} years')"


class days_after(FunctionElement):
    """``column + n days`` as a date."""

    type = Date()
    inherit_cache = True

    def __init__(self, column, days: int):
        self.days = int(days)
        super().__init__(column)


@compiles(days_after)
def _days_after_default(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"CAST(({compiler.process(arg, **kw)} + {element.days}) AS DATE)"


@compiles(days_after, "sqlite")
def _days_after_sqlite(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"date({compiler.process(arg, **kw)}, '+{element.days} days')"


class greatest(FunctionElement):
    """The largest of its arguments (none NULL where it matters: PostgreSQL's GREATEST
    skips NULLs, SQLite's max() returns NULL)."""

    inherit_cache = True


@compiles(greatest)
def _greatest_default(element, compiler, **kw):
    return f"GREATEST({compiler.process(element.clauses, **kw)})"


@compiles(greatest, "sqlite")
def _greatest_sqlite(element, compiler, **kw):
    return f"max({compiler.process(element.clauses, **kw)})"


class least(FunctionElement):
    """The smallest of its arguments (see ``greatest`` on NULLs)."""

    inherit_cache = True


@compiles(least)
def _least_default(element, compiler, **kw):
    return f"LEAST({compiler.process(element.clauses, **kw)})"


@compiles(least, "sqlite")
def _least_sqlite(element, compiler, **kw):
    return f"min({compiler.process(element.clauses, **kw)})"


class year_month(FunctionElement):
    """``YYYY-MM`` of a date column, as text."""

    type = String()
    inherit_cache = True


@compiles(year_month)
def _year_month_default(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"to_char({compiler.process(arg, **kw)}, 'YYYY-MM')"


@compiles(year_month, "sqlite")
def _year_month_sqlite(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"strftime('%Y-%m', {compiler.process(arg, **kw)})"


class calendar_period(FunctionElement):
    """The calendar year, quarter or month (``kind``) a date column falls in, as text
    (2025-05-17: "2025", "2025-2", "2025-05"): a key to partition rows by, the same on
    both databases."""

    type = String()
    inherit_cache = True
    _FORMATS = {"year": ("'%Y'", "'YYYY'"), "quarter": (None, "'YYYY-Q'"), "month": ("'%Y-%m'", "'YYYY-MM'")}

    def __init__(self, column, kind: str):
        if kind not in self._FORMATS:
            raise ValueError(kind)
        self.kind = kind
        super().__init__(column)


@compiles(calendar_period)
def _calendar_period_default(element, compiler, **kw):
    (arg,) = list(element.clauses)
    return f"to_char({compiler.process(arg, **kw)}, {element._FORMATS[element.kind][1]})"


@compiles(calendar_period, "sqlite")
def _calendar_period_sqlite(element, compiler, **kw):
    (arg,) = list(element.clauses)
    day = compiler.process(arg, **kw)
    if element.kind == "quarter":
        return f"(strftime('%Y', {day}) || '-' || ((CAST(strftime('%m', {day}) AS INTEGER) + 2) / 3))"
    return f"strftime({element._FORMATS[element.kind][0]}, {day})"


def as_date(value) -> date | None:
    """Dates come back as ``date`` from PostgreSQL and as text from SQLite expressions."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


__all__ = [
    "REQUEST_META_KEYS",
    "as_date",
    "begin_request_meta",
    "create_schema",
    "data_key",
    "days_before",
    "dispose_engines",
    "drop_schema",
    "end_request_meta",
    "forget_request_meta",
    "func",
    "get_engine",
    "get_meta",
    "is_empty",
    "make_engine",
    "meta_values",
    "month_start",
    "new_data_token",
    "overlaps",
    "session_scope",
    "set_meta",
    "valid_on",
    "year_month",
    "year_start_after",
]
