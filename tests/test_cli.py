"""The grassroots command line on the demo database."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dashboard.cli import main


@pytest.fixture
def run(demo_sqlite_path, monkeypatch):
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", f"sqlite:///{demo_sqlite_path}")
    monkeypatch.setenv("GRASSROOTS_TODAY", "2026-11-27")

    def invoke(*args):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result

    return invoke


def test_summary_json_on_13_april_2018(run):
    result = run("summary", "--as-of", "2018-04-13", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["as_of"] == "2018-04-13" and data["structure"] == "as-of"
    assert (data["total"]["villages"], data["total"]["unified"]) == (179, 179)
    assert len(data["units"]) == 19
    hoang_tan = next(u for u in data["units"] if u["code"] == "07156")
    assert (hoang_tan["name"], hoang_tan["kind"]) == ("Hoàng Tân", "xa")
    assert (hoang_tan["villages"], hoang_tan["unified"], hoang_tan["first_time"]) == (5, 5, 4)
    for key in ("code", "name", "kind", "villages", "unified", "first_time", "cadres", "trained",
                "boards", "activities_12m", "recommendations", "resolved"):
        assert key in hoang_tan
    assert sum(u["activities_12m"] for u in data["units"]) == data["total"]["activities_12m"]


def test_summary_after_the_merger_has_six_wards(run):
    data = json.loads(run("summary", "--as-of", "2025-12-31", "--json").output)
    assert len(data["units"]) == 6
    assert sum(u["villages"] for u in data["units"]) == data["total"]["villages"] == 179


def test_summary_on_todays_structure(run):
    data = json.loads(run("summary", "--as-of", "2018-04-13", "--structure", "current", "--json").output)
    assert len(data["units"]) == 6
    assert data["structure_date"] == "2026-11-27"
    assert (data["total"]["villages"], data["total"]["unified"]) == (179, 179)


def test_summary_of_one_commune_lists_its_villages(run):
    data = json.loads(run("summary", "--as-of", "2018-04-13", "--unit", "07156", "--json").output)
    assert [u["name"] for u in data["units"]] == ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5"]
    assert data["total"]["first_time"] == 4


def test_summary_text_table(run):
    result = run("summary", "--as-of", "2018-04-13")
    assert result.exit_code == 0
    assert "Xã Hoàng Tân" in result.output and "100,0%" in result.output


def test_unknown_unit_is_a_clear_error(run):
    result = CliRunner().invoke(main, ["summary", "--unit", "99999"])
    assert result.exit_code != 0
    assert "99999" in result.output


def test_bad_date_is_a_clear_error(run):
    result = CliRunner().invoke(main, ["summary", "--as-of", "13/04/2018"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_db_init_demo_then_refuses_a_second_time(tmp_path, monkeypatch):
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    first = CliRunner().invoke(main, ["db", "init", "--demo"])
    assert first.exit_code == 0, first.output
    assert "unit=206" in first.output
    second = CliRunner().invoke(main, ["db", "init", "--demo"])
    assert second.exit_code != 0 and "empty" in second.output


def test_version():
    from importlib.metadata import version

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"grassroots {version('grassroots-dashboard')}\n"


def test_every_commands_help_names_the_database_it_acts_on():
    import click

    def commands(group, path=()):
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                yield from commands(command, path + (name,))
            else:
                yield path + (name,)

    for path in commands(main):
        text = CliRunner().invoke(main, [*path, "--help"]).output
        assert "GRASSROOTS_DATABASE_URL" in text or "Uses no database." in text, path


def test_the_readme_lists_every_command():
    import click
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = readme[readme.index("## Command line"):]
    for name, command in main.commands.items():
        names = [f"grassroots {name} {sub}" for sub in command.commands] if isinstance(command, click.Group) \
            else [f"grassroots {name}"]
        for text in names:
            assert f"    {text}" in listed, text
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && grassroots serve" in readme
    assert "python3-venv" in readme
