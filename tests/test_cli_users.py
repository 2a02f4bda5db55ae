"""``grassroots users ...`` and ``grassroots serve``'s demo accounts."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dashboard import auth, db
from dashboard.cli import main


@pytest.fixture
def run(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'users.db'}"
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", url)
    monkeypatch.setenv("GRASSROOTS_TODAY", "2026-11-27")
    assert CliRunner().invoke(main, ["db", "init", "--demo"]).exit_code == 0

    def invoke(*args):
        return CliRunner().invoke(main, list(args))
    invoke.engine = db.make_engine(url)
    yield invoke
    invoke.engine.dispose()


def test_add_list_set_role_passwd_disable(run):
    added = run("users", "add", "Lan", "--role", "unit", "--unit", "07168", "--name", "Nguyễn Thị Lan",
                "--password", "mat-khau-cua-lan")
    assert added.exit_code == 0, added.output
    assert added.output.strip() == ("User lan added (unit 07168); they must choose their own password at their "
                                    "first login.")
    listed = json.loads(run("users", "list", "--json").output)
    assert [(u["username"], u["role"], u["unit_code"], u["active"], u["full_name"], u["must_change_password"])
            for u in listed] == [("lan", "unit", "07168", True, "Nguyễn Thị Lan", True)]
    assert run("users", "set-role", "lan", "--role", "town").output.strip() == "User lan is now town."
    token = auth.start_session(run.engine, auth.get_user(run.engine, "lan"), None)
    changed = run("users", "passwd", "lan", "--password", "mat-khau-moi-cua-lan")
    assert changed.output.strip() == ("Password of lan changed; 1 session(s) ended; they must choose their own at "
                                      "their next login.")
    assert auth.session_user(run.engine, token) is None
    token = auth.start_session(run.engine, auth.get_user(run.engine, "lan"), None)
    disabled = run("users", "disable", "lan")
    assert disabled.output.strip() == "User lan disabled; 1 session(s) ended."
    assert auth.authenticate(run.engine, "lan", "mat-khau-moi-cua-lan", None).user is None
    assert run("users", "disable", "lan", "--enable").exit_code == 0
    assert auth.authenticate(run.engine, "lan", "mat-khau-moi-cua-lan", None).reason == "ok"
    events = [e["event"] for e in auth.audit_events(run.engine, 20)]
    assert events[:6] == ["login_ok", "user_enabled", "login_failed", "user_disabled", "user_password", "user_role"]
    import getpass

    changes = [e for e in auth.audit_events(run.engine, 20) if e["event"].startswith("user_")]
    assert {(e["username"], e["address"]) for e in changes} == {(getpass.getuser(), "cli")}


def test_a_guessable_password_is_refused(run):
    refused = run("users", "add", "an", "--role", "town", "--password", "quangyen2025")
    assert refused.exit_code == 1 and "too easy to guess" in refused.output
    assert auth.get_user(run.engine, "an") is None


def test_add_without_a_password_makes_one_and_shows_it(run):
    result = run("users", "add", "an", "--role", "admin")
    assert result.exit_code == 0
    password = result.output.strip().splitlines()[-1].removeprefix("Password: ")
    assert len(password) >= 12
    assert auth.authenticate(run.engine, "an", password, None).reason == "ok"


@pytest.mark.parametrize("args, message", [
    (("users", "add", "an", "--role", "unit", "--password", "mat-khau-du-dai"), "needs --unit"),
    (("users", "add", "an", "--role", "unit", "--unit", "99999", "--password", "mat-khau-du-dai"), "No unit has the code"),
    (("users", "add", "an", "--role", "town", "--password", "ngan"), "at least 10"),
    (("users", "passwd", "khong-co", "--password", "mat-khau-du-dai"), "There is no user 'khong-co'"),
    (("users", "disable", "khong-co"), "There is no user 'khong-co'"),
    (("users", "set-role", "khong-co", "--role", "town"), "There is no user 'khong-co'"),
    (("users", "add", "an", "--role", "boss"), "Invalid value for '--role'"),
])
def test_bad_input_is_a_clear_error(run, args, message):
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output
    assert auth.list_users(run.engine) == []


def test_demo_accounts_one_per_role_with_new_passwords(run):
    """``serve`` on the demo data: demo-admin, demo-town, demo-unit (the first ward of
    today's structure, Đông Mai), each with a password printed once."""
    from dashboard.cli import _demo_accounts
    from dashboard.config import Config

    config = Config.from_env()
    outputs = []
    for _ in range(2):
        runner = CliRunner()
        with runner.isolation() as streams:
            _demo_accounts(config, run.engine)
        outputs.append(streams[0].getvalue().decode())
    lines = [l.split() for l in outputs[1].splitlines()[1:]]
    assert [(l[0], l[1]) for l in lines] == [("demo-admin", "admin"), ("demo-town", "town"), ("demo-unit", "unit")]
    assert "Phường Đông Mai" in outputs[1]
    for line in lines:
        assert auth.authenticate(run.engine, line[0], line[4], None).reason == "ok"
    assert outputs[0] != outputs[1]  # new passwords at every start
    assert auth.get_user(run.engine, "demo-unit").unit_code == "07135"
