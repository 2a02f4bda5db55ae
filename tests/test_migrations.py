"""The Alembic migrations build exactly the schema of the models, on SQLite and
PostgreSQL, and the CLI creates and upgrades schemas through them."""
from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect

from dashboard import db
from dashboard.cli import main
from dashboard.models import Base

from .conftest import drop_postgres_schema, postgres_engine


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request, tmp_path):
    """A database with no schema at all."""
    if request.param == "sqlite":
        eng = db.make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
        yield eng
        eng.dispose()
        return
    schema = f"m_{os.getpid()}"
    eng, _ = postgres_engine(schema)
    yield eng
    eng.dispose()
    drop_postgres_schema(schema)


def test_migrations_and_models_agree(empty_engine):
    before, after = db.upgrade_schema(empty_engine)
    assert (before, after) == (None, db.head_revision())
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    tables = set(inspect(empty_engine).get_table_names())
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_upgrading_twice_changes_nothing_and_keeps_the_audit_log_append_only(empty_engine):
    from sqlalchemy import text

    from dashboard import auth

    db.upgrade_schema(empty_engine)
    assert db.upgrade_schema(empty_engine) == (db.head_revision(), db.head_revision())
    auth.audit(empty_engine, "login_ok", "lan")
    with pytest.raises(Exception, match="append-only"):
        with empty_engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_event"))


def test_a_database_made_before_migrations_is_adopted(tmp_path):
    """The foundation made schemas with create_all: ``db upgrade`` stamps them."""
    eng = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    Base.metadata.tables["unit"].create(eng)
    assert db.upgrade_schema(eng) == (None, db.head_revision())
    assert set(inspect(eng).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    eng.dispose()


def test_cli_db_upgrade_and_init(tmp_path, monkeypatch):
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    first = CliRunner().invoke(main, ["db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert f"Schema upgraded from (empty) to {db.head_revision()}" in first.output
    again = CliRunner().invoke(main, ["db", "upgrade"])
    assert f"Schema already at revision {db.head_revision()}" in again.output
    init = CliRunner().invoke(main, ["db", "init", "--demo"])
    assert init.exit_code == 0 and "unit=206" in init.output
    revision = CliRunner().invoke(main, ["db", "revision"])
    assert revision.output.strip() == f"database: {db.head_revision()}; code: {db.head_revision()}"
