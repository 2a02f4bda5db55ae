"""The sheet of dated person attributes ("Trình độ cán bộ"): a good file writes one
dated row per filled cell (the Party join date from itself), a level obtained later does
not count before, and every bad row is reported with its sheet, row and column while
nothing is written; the export carries the rows back (round trip)."""
from __future__ import annotations

from datetime import date as D

import pytest
from sqlalchemy import select

from dashboard.importer import Source, run_import
from dashboard.importer.dump import dump_rows
from dashboard.models import Person, PersonAttribute

from .importing import fingerprint, small_town, workbook_bytes


@pytest.fixture(autouse=True)
def logged_in(as_admin):
    return as_admin


def do_import(engine, rows):
    return run_import(engine, [Source("can-bo.xlsx", workbook_bytes(rows))], "kiểm thử")


def with_attributes(*rows):
    data = small_town()
    data["person_attribute"] = list(rows)
    return data


GOOD = (
    {"person": "p1", "valid_from": D(2015, 5, 1), "ethnicity": "kinh", "education": "12/12", "qualification": "trung_cap",
     "theory": "so_cap", "party_since": D(1995, 3, 2)},
    {"person": "p1", "valid_from": D(2024, 6, 1), "theory": "trung_cap"},
    {"person": "p2", "valid_from": D(2020, 1, 1), "ethnicity": "tay"},
)


def stored(engine):
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(
            select(Person.key, PersonAttribute.attribute, PersonAttribute.value, PersonAttribute.valid_from)
            .join(Person, Person.id == PersonAttribute.person_id)))


def test_a_good_sheet_writes_dated_attributes_and_round_trips(engine):
    result = do_import(engine, with_attributes(*GOOD))
    assert result.ok, [p.text() for p in result.problems]
    assert stored(engine) == [
        ("p1", "education", "12/12", D(2015, 5, 1)), ("p1", "ethnicity", "kinh", D(2015, 5, 1)),
        ("p1", "party_since", "1995-03-02", D(1995, 3, 2)), ("p1", "qualification", "trung_cap", D(2015, 5, 1)),
        ("p1", "theory", "so_cap", D(2015, 5, 1)), ("p1", "theory", "trung_cap", D(2024, 6, 1)),
        ("p2", "ethnicity", "tay", D(2020, 1, 1))]
    # the export's rows import again to the same records
    with engine.connect() as conn:
        rows = dump_rows(conn)
    assert len(rows["person_attribute"]) == 4  # p1 on 02/03/1995, 01/05/2015, 01/06/2024; p2
    before = fingerprint(engine)
    again = run_import(engine, [Source("lai.xlsx", workbook_bytes(rows))], "kiểm thử")
    assert again.ok, [p.text() for p in again.problems]
    after = fingerprint(engine)
    assert after["person_attribute"] == before["person_attribute"]


def test_last_months_files_without_the_sheet_still_import(engine):
    assert do_import(engine, small_town()).ok


def test_bad_rows_are_named_and_nothing_is_written(engine):
    before = fingerprint(engine)
    data = with_attributes(
        {"person": "p1", "valid_from": D(2015, 5, 1), "theory": "trung_cap", "party_since": D(1985, 1, 1)},
        {"person": "p1", "valid_from": D(2020, 5, 1), "theory": "so_cap"},
        {"person": "p9", "valid_from": D(2020, 5, 1), "theory": "so_cap"},
        {"person": "p2", "valid_from": D(2020, 5, 1)},
        {"person": "p3", "valid_from": D(2020, 5, 1), "theory": "tiến sĩ"},
    )
    data["person"][3]["birth_year"] = 2015
    result = do_import(engine, data)
    assert not result.ok
    texts = [p.text() for p in result.problems]
    joined = "\n".join(texts)
    assert "Ngày vào Đảng 01/01/1985 của cán bộ “p1” trước khi đủ 18 tuổi (sinh năm 1970)" in joined
    assert "Không có cán bộ mã “p9”" in joined
    assert "Dòng không ghi thông tin nào" in joined
    assert "Năm sinh 2015 không hợp lý" in joined
    assert "tiến sĩ" in joined
    assert all("Trình độ cán bộ" in t or "Cán bộ" in t for t in texts), texts
    assert fingerprint(engine) == before


def test_a_level_that_goes_down_is_refused(engine):
    result = do_import(engine, with_attributes(
        {"person": "p1", "valid_from": D(2015, 5, 1), "theory": "trung_cap"},
        {"person": "p1", "valid_from": D(2020, 5, 1), "theory": "so_cap"}))
    assert not result.ok
    text = "\n".join(p.text() for p in result.problems)
    assert "“Lý luận chính trị” của cán bộ “p1” giảm từ Trung cấp (01/05/2015) xuống Sơ cấp (01/05/2020)" in text
