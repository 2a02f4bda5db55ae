"""Export the demo in the template's format, import it into an empty database: every
indicator comes out the same, on SQLite and on PostgreSQL."""
from __future__ import annotations

import os
from datetime import date

import pandas as pd
import pytest

from dashboard import db
from dashboard.config import Config
from dashboard.importer import Source, run_import
from dashboard.importer.dump import export_workbook
from dashboard.service import DataService

from .conftest import DEMO_TODAY, drop_postgres_schema, postgres_engine


@pytest.fixture(autouse=True)
def logged_in(as_admin):
    """Imports and full exports are for administrators: run as one."""
    return as_admin

DAYS = [date(2018, 4, 13), date(2021, 6, 30), date(2025, 12, 31), DEMO_TODAY]
UNITS = [None, "07180", "07168"]  # the root; Liên Hòa (split in 2025); Hà An (received part of it)
KINDS = ("day", "term")


@pytest.fixture
def empty_like(demo_engine, tmp_path):
    """An empty database on the demo's backend."""
    if demo_engine.dialect.name == "sqlite":
        eng = db.make_engine(f"sqlite:///{tmp_path / 'round-trip.db'}")
        yield eng
        eng.dispose()
        return
    schema = f"rt_{os.getpid()}"
    eng, _ = postgres_engine(schema)
    yield eng
    eng.dispose()
    drop_postgres_schema(schema)


def service(engine) -> DataService:
    return DataService(Config(database_url="sqlite://", today=DEMO_TODAY, load_demo_if_empty=False), engine)


def test_export_then_import_reproduces_every_indicator(demo_engine, empty_like):
    result = run_import(empty_like, [Source("xuat.xlsx", export_workbook(demo_engine))], "kiểm thử")
    assert result.ok, [p.text() for p in result.problems[:5]]
    assert result.counts["unit"]["inserted"] == 206 and result.counts["post"]["inserted"] == 1443
    before, after = service(demo_engine), service(empty_like)
    compared = 0
    for day in DAYS:
        for kind in KINDS:
            for structure in ("as-of", "current"):
                for code in UNITS:
                    a = before.resolve(code, before.period(kind, day), structure)
                    b = after.resolve(code, after.period(kind, day), structure)
                    expected = before.overview.summary(a.view).drop(columns="unit_id")
                    actual = after.overview.summary(b.view).drop(columns="unit_id")
                    pd.testing.assert_frame_equal(actual, expected, check_dtype=False,
                                                  obj=f"{code} {day} {kind} {structure}")
                    compared += 1
    assert compared == len(DAYS) * len(KINDS) * 2 * len(UNITS)
    # and a second export of the imported data is the same content as the first
    from openpyxl import load_workbook
    import io

    def cells(data):
        book = load_workbook(io.BytesIO(data), read_only=True)
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}

    assert cells(export_workbook(empty_like)) == cells(export_workbook(demo_engine))
