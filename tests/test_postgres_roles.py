"""PostgreSQL with two roles: the owner runs the migrations (``grassroots db upgrade
--app-role NAME``); the application's role reads and writes the data but may only SELECT
and INSERT the audit log, so it can neither change, empty nor alter it."""
from __future__ import annotations

import os
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from dashboard import auth, db
from dashboard.cli import main
from dashboard.importer import Source, run_import

from .conftest import POSTGRES_URL, require
from .importing import small_town, workbook_bytes

pytestmark = pytest.mark.postgres


def as_role(role: str, schema: str) -> str:
    """The test database's URL, connecting as ``role`` with ``schema`` first on the path."""
    parts = urlsplit(POSTGRES_URL)
    host = parts.netloc.split("@", 1)[-1]
    separator = "&" if parts.query else ""
    query = f"{parts.query}{separator}options={quote(f'-csearch_path={schema}')}"
    return urlunsplit((parts.scheme, f"{role}@{host}", parts.path, query, ""))


@pytest.fixture
def two_roles():
    require(bool(POSTGRES_URL), "GRASSROOTS_TEST_POSTGRES_URL is not set")
    suffix = os.getpid()
    owner, app_role, schema = f"gr_owner_{suffix}", f"gr_app_{suffix}", f"roles_{suffix}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for role in (owner, app_role):
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
            conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f'CREATE SCHEMA "{schema}" AUTHORIZATION {owner}'))
    yield owner, app_role, schema
    db.dispose_engines()
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        for role in (owner, app_role):
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
    admin.dispose()


def test_the_application_role_cannot_empty_or_alter_the_audit_log(two_roles, monkeypatch):
    owner, app_role, schema = two_roles
    monkeypatch.setenv("GRASSROOTS_OWNER_DATABASE_URL", as_role(owner, schema))
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", as_role(app_role, schema))
    upgraded = CliRunner().invoke(main, ["db", "upgrade", "--app-role", app_role])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"Role {app_role} may read and write the data; the audit log: SELECT and INSERT only." in upgraded.output

    app = db.make_engine(as_role(app_role, schema))
    # the application works: an import writes data and its audit event, users log in
    result = run_import(app, [Source("xa.xlsx", workbook_bytes(small_town()))], "kiểm thử")
    assert result.ok, [p.text() for p in result.problems]
    auth.add_user(app, "lan", "ba-con-meo-tren-mai-nha", "town", must_change=False)
    assert auth.authenticate(app, "lan", "ba-con-meo-tren-mai-nha", "10.0.0.1").reason == "ok"
    events = len(auth.audit_events(app))
    assert events >= 3

    for statement, refusal in [
        ("UPDATE audit_event SET username = 'someone else'", "permission denied"),
        ("DELETE FROM audit_event", "permission denied"),
        ("TRUNCATE audit_event", "permission denied"),
        ("ALTER TABLE audit_event DISABLE TRIGGER ALL", "must be owner"),
        ("DROP TRIGGER audit_event_append_only ON audit_event", "must be owner"),
        ("DROP TABLE audit_event", "must be owner"),
        ("CREATE TABLE intruder (x int)", "permission denied"),
    ]:
        with pytest.raises(Exception, match=refusal):
            with app.begin() as conn:
                conn.execute(text(statement))
    assert len(auth.audit_events(app)) == events

    # even the owner cannot empty it without first dropping the triggers (on purpose)
    owner_engine = db.make_engine(as_role(owner, schema))
    with pytest.raises(Exception, match="append-only"):
        with owner_engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_event"))
    owner_engine.dispose()
    app.dispose()


def test_grants_need_an_existing_role_other_than_the_owner(two_roles, monkeypatch):
    owner, _app_role, schema = two_roles
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", as_role(owner, schema))
    monkeypatch.delenv("GRASSROOTS_OWNER_DATABASE_URL", raising=False)
    missing = CliRunner().invoke(main, ["db", "upgrade", "--app-role", "khong_co_vai_tro"])
    assert missing.exit_code == 1 and "There is no PostgreSQL role 'khong_co_vai_tro'" in missing.output
    itself = CliRunner().invoke(main, ["db", "upgrade", "--app-role", owner])
    assert itself.exit_code == 1 and "not as the application's role" in itself.output
