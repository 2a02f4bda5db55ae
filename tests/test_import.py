"""Importing workbooks and CSV files: exact figures from good files; every kind of broken
file is refused with the place named, and the database is left exactly as it was."""
from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date

import pytest
from sqlalchemy import select, text

from dashboard import db
from dashboard.config import Config
from dashboard.importer import Source, run_import
from dashboard.importer.reading import Limits
from dashboard.models import ImportRecord, Meta, Person
from dashboard.service import DataService
from dashboard.template import SHEET_BY_KEY

from .importing import (
    add_entry,
    fingerprint,
    import_log,
    replace_entry,
    row_of,
    sheet_entry,
    small_town,
    workbook_bytes,
)

GOOD = "xa-an-lac.xlsx"


@pytest.fixture(autouse=True)
def logged_in(as_admin):
    """Imports and full exports are for administrators: run as one."""
    return as_admin


def service_for(engine, today=date(2023, 10, 31)) -> DataService:
    return DataService(Config(database_url="sqlite://", today=today, load_demo_if_empty=False), engine)


def totals(engine, day=date(2023, 10, 31), code=None):
    service = service_for(engine, day)
    table = service.overview.summary(service.resolve(code, service.period("day", day)).view)
    return table.set_index("code")


def do_import(engine, data: bytes, name: str = GOOD, **kwargs):
    return run_import(engine, [Source(name, data)], "kiểm thử", **kwargs)


@pytest.fixture
def town(engine):
    """The small town imported into a fresh database."""
    result = do_import(engine, workbook_bytes(small_town()))
    assert result.ok, [p.text() for p in result.problems]
    return engine


def places(result) -> list[tuple]:
    return [(p.file, p.sheet, p.row, p.column, p.key) for p in result.problems]


def assert_refused_and_unchanged(engine, data, name=GOOD, **kwargs):
    before = fingerprint(engine)
    log_before = len(import_log(engine))
    result = do_import(engine, data, name, **kwargs)
    assert not result.ok and result.problems
    assert fingerprint(engine) == before
    log = import_log(engine)
    assert len(log) == log_before + 1 and log[-1][0] == "rejected"
    return result


# --- good files ---------------------------------------------------------------------------


def test_a_good_workbook_gives_the_figures_counted_by_hand(town):
    """See ``small_town``: on 31/10/2023, villages 3 (A 2, B 1); unified A-01 and B-01;
    first-time unified p1; cadres p1, p2, p3 (A) and p4 (B); trained p1 and p4 (p2 did not
    complete, p3 did not attend); first-time untrained p3; board BA active with 3
    recommendations, 2 resolved; briefings due Jul–Oct for A and B (8), held A 3, B 1."""
    table = totals(town)
    assert list(table.index) == ["A", "B", "T"]
    cols = ["villages", "unified", "first_time", "cadres", "trained", "first_time_untrained",
            "boards", "active_boards", "recommendations", "resolved", "months_due", "months_held"]
    assert table.loc["A", cols].tolist() == [2, 1, 1, 3, 1, 1, 1, 1, 3, 2, 4, 3]
    assert table.loc["B", cols].tolist() == [1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 4, 1]
    assert table.loc["T", cols].tolist() == [3, 2, 1, 4, 2, 1, 1, 1, 3, 2, 8, 4]


def test_after_an_import_the_database_is_vacuumed_and_analyzed(town):
    """The planner knows the 6 posts written; on PostgreSQL the visibility map of their
    pages is set (index-only scans read no table page), as VACUUM leaves it."""
    with town.connect() as conn:
        if town.dialect.name == "sqlite":
            stat = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'post'")).scalar()
            assert stat is not None and int(stat.split()[0]) == 6
        else:
            tuples, visible, pages = conn.execute(text(
                "SELECT reltuples, relallvisible, relpages FROM pg_class WHERE oid = 'post'::regclass")).one()
            assert tuples == 6 and pages >= 1 and visible == pages


def test_an_import_is_recorded_with_counts_and_moves_the_data_version(town):
    with town.connect() as conn:
        rows = conn.execute(select(ImportRecord.user_name, ImportRecord.file_name, ImportRecord.result,
                                   ImportRecord.checksum, ImportRecord.counts)).all()
        meta = dict(conn.execute(select(Meta.key, Meta.value)).all())
    assert len(rows) == 1
    user, name, result, checksum, counts = rows[0]
    assert (user, name, result) == ("kiểm thử", GOOD, "ok")
    assert len(checksum) == 64
    assert '"post": {"inserted": 6, "updated": 0, "unchanged": 0}' in counts
    assert meta["data_from"] == "2023-07-01" and meta["data_through"] == "2023-10-13"
    assert meta["data_version"] == "1"


def test_importing_the_same_file_twice_changes_nothing(town):
    before = fingerprint(town)
    result = do_import(town, workbook_bytes(small_town()))
    assert result.ok and result.changed == 0
    assert result.counts["board_activity"] == {"inserted": 0, "updated": 0, "unchanged": 2}
    assert fingerprint(town, skip=("import_record", "audit_event", "meta")) == {
        k: v for k, v in before.items() if k != "meta"}


def test_a_corrected_row_updates_the_row_it_corrects(town):
    rows = small_town()
    rows["participation"][1].update(days_attended=4, completed=True)  # p2 did complete after all
    result = do_import(town, workbook_bytes(rows))
    assert result.ok
    assert result.counts["participation"] == {"inserted": 0, "updated": 1, "unchanged": 2}
    assert totals(town).loc["T", "trained"] == 3
    with town.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM participation")).scalar() == 3


def test_a_csv_of_one_sheet_is_imported_and_text_is_normalised(town):
    decomposed = unicodedata.normalize("NFD", "Hoàng   Thị Thủy")
    csv = ("\ufeffMã cán bộ;Họ và tên;Giới tính;Năm sinh\r\n"
           f"p5;  {decomposed} ;nữ;1980\r\n").encode("utf-8")
    result = do_import(town, csv, "can-bo.csv")
    assert result.ok, [p.text() for p in result.problems]
    with town.connect() as conn:
        name, gender = conn.execute(select(Person.full_name, Person.gender).where(Person.key == "p5")).one()
    assert name == "Hoàng Thị Thủy" and unicodedata.is_normalized("NFC", name)
    assert gender == "nu"


def test_a_folder_of_files_is_one_import(engine, tmp_path):
    rows = small_town()
    (tmp_path / "1-don-vi.xlsx").write_bytes(workbook_bytes({"unit": rows["unit"],
                                                             "unit_membership": rows["unit_membership"]}))
    (tmp_path / "2-can-bo.xlsx").write_bytes(workbook_bytes({k: rows[k] for k in ("term", "person", "post")}))
    (tmp_path / "ghi-chu.txt").write_text("không phải số liệu")
    from dashboard.importer import sources_from_path

    result = run_import(engine, sources_from_path(tmp_path), "kiểm thử")
    assert result.ok
    assert result.file_name == "1-don-vi.xlsx, 2-can-bo.xlsx"
    assert totals(engine).loc["T", ["villages", "unified"]].tolist() == [3, 2]


def test_a_dry_run_counts_exactly_and_writes_nothing(engine):
    before = fingerprint(engine)
    result = do_import(engine, workbook_bytes(small_town()), dry_run=True)
    assert result.ok and result.counts["unit"]["inserted"] == 6
    assert fingerprint(engine) == before
    assert import_log(engine) == [("dry-run", GOOD)]


def test_real_data_replaces_the_demo_rather_than_mixing_with_it(engine):
    from dashboard.demo import load_demo

    engine.dispose()
    db.drop_schema(engine)
    load_demo(engine)
    result = do_import(engine, workbook_bytes(small_town()))
    assert result.ok and result.replaced_demo
    assert totals(engine).loc["T", "villages"] == 3
    assert db.get_meta(engine, "dataset") == "real"


# --- broken files: refused, the place named, nothing changed ------------------------------


def test_a_file_that_is_not_a_spreadsheet(town):
    result = assert_refused_and_unchanged(town, b"%PDF-1.4 this is a pdf", "bao-cao.xlsx")
    assert places(result) == [("bao-cao.xlsx", None, None, None, "imp.file.not_xlsx")]
    result = assert_refused_and_unchanged(town, bytes(range(256)) * 4, "anh.csv")
    assert places(result)[0][-1] == "imp.file.not_csv"
    result = assert_refused_and_unchanged(town, b"x", "so-lieu.docx")
    assert "đuôi .docx" in result.problems[0].message()


def test_a_truncated_workbook(town):
    data = workbook_bytes(small_town())
    result = assert_refused_and_unchanged(town, data[: len(data) // 2])
    assert places(result) == [(GOOD, None, None, None, "imp.file.truncated")]


def test_macro_workbooks_are_refused(town):
    assert places(assert_refused_and_unchanged(town, b"PK\x03\x04", "mau.xlsm"))[0][-1] == "imp.file.macro"
    data = add_entry(workbook_bytes(small_town()), "xl/vbaProject.bin", b"\x00" * 100)
    assert places(assert_refused_and_unchanged(town, data))[0][-1] == "imp.file.macro"


def test_a_zip_that_unpacks_out_of_proportion_is_refused(town):
    data = add_entry(workbook_bytes({}), "xl/media/zeros.bin", b"\x00" * (30 * 1024 * 1024))
    result = assert_refused_and_unchanged(town, data)
    assert places(result)[0][-1] == "imp.file.zip_bomb"


def test_xml_entities_are_never_expanded(town):
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML  # openpyxl parses through defusedxml
    data = workbook_bytes({"person": [{"key": "p9", "full_name": "Chín"}]})
    entry = sheet_entry(data, SHEET_BY_KEY["person"].title)
    archive = zipfile.ZipFile(io.BytesIO(data))
    xml = archive.read(entry).decode("utf-8")
    bomb = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n')
    xml = bomb + (xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml)
    result = assert_refused_and_unchanged(town, replace_entry(data, entry, xml.encode("utf-8")))
    assert places(result) == [(GOOD, None, None, None, "imp.file.unsafe_xml")]


def test_a_file_over_the_size_limit(town):
    data = workbook_bytes(small_town())
    result = assert_refused_and_unchanged(town, data, limits=Limits(max_bytes=len(data) - 1))
    assert places(result)[0][-1] == "imp.file.too_large"


def test_an_activity_about_a_village_of_another_commune_is_refused(engine):
    """Board BA is An Lạc's (A); its 15/08/2023 supervision about Khu 1 (B-01, of Bình
    Minh) is refused naming the row; about Thôn 1 (A-01) it is accepted."""
    rows = small_town()
    rows["board_activity"][0]["village"] = "B-01"
    before = fingerprint(engine)
    result = do_import(engine, workbook_bytes(rows))
    assert places(result) == [(GOOD, "Hoạt động giám sát", row_of(0), "Mã thôn, khu",
                               "imp.activity.village_outside_board")]
    assert result.problems[0].message() == (
        "Thôn, khu “B-01” không thuộc Xã An Lạc (đơn vị của ban “BA”) vào ngày 15/08/2023: khi đó nó thuộc "
        "Phường Bình Minh.")
    assert fingerprint(engine) == before
    rows["board_activity"][0]["village"] = "A-01"
    assert do_import(engine, workbook_bytes(rows)).ok


def test_the_board_village_rule_reads_the_stored_structure_too(town):
    """A later file with only an activity: the board and the structure are in the database."""
    activity = {"code": "BA-3", "board": "BA", "date": date(2023, 10, 2), "kind": "supervision",
                "subject": "Giám sát đường làng", "village": "B-01"}
    result = assert_refused_and_unchanged(town, workbook_bytes({"board_activity": [activity]}))
    assert [p[-1] for p in places(result)] == ["imp.activity.village_outside_board"]
    activity["village"] = "A-02"
    assert do_import(town, workbook_bytes({"board_activity": [activity]})).ok


def with_wrong_dimensions(xlsx: bytes) -> bytes:
    """``xlsx`` whose every worksheet declares ``<dimension ref="A1:D3"/>`` (the header,
    the notes row and one data row), as some generators write, whatever it holds."""
    import re

    archive = zipfile.ZipFile(io.BytesIO(xlsx))
    out = xlsx
    for name in archive.namelist():
        if name.startswith("xl/worksheets/sheet"):
            xml = archive.read(name)
            assert b"<dimension " in xml
            out = replace_entry(out, name, re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:D3"/>', xml))
    return out


def test_a_wrong_dimension_hides_no_row_an_invalid_last_row_is_refused(engine):
    """The people sheet holds 4 rows (sheet rows 3-6) but declares only row 3; the last
    row's gender is wrong: refused, naming row 6, nothing written."""
    rows = small_town()
    rows["person"][3]["gender"] = "không rõ"
    before = fingerprint(engine)
    result = do_import(engine, with_wrong_dimensions(workbook_bytes(rows)))
    assert not result.ok
    assert places(result) == [(GOOD, "Cán bộ", 6, "Giới tính", places(result)[0][-1])]
    assert fingerprint(engine) == before


def test_a_wrong_dimension_hides_no_row_all_valid_rows_are_imported(engine):
    result = do_import(engine, with_wrong_dimensions(workbook_bytes(small_town())))
    assert result.ok, [p.text() for p in result.problems]
    assert result.counts["person"]["inserted"] == 4
    assert result.counts["post"]["inserted"] == 6
    assert result.counts["unit"]["inserted"] == 6
    assert totals(engine).loc["T", ["villages", "cadres", "trained"]].tolist() == [3, 4, 2]


def test_wrong_headers_and_unknown_sheets(town):
    data = workbook_bytes({"person": [{"key": "p9", "full_name": "Chín"}]})
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    people = book[SHEET_BY_KEY["person"].title]
    people["E1"] = "id"            # a column the template does not define
    people["B1"] = "Tên"           # the required "Họ và tên" renamed
    book.create_sheet("Vai trò")["A1"] = "admin"  # a sheet the template does not have
    book.create_sheet("Sheet1")    # an empty sheet Excel added: ignored
    buffer = io.BytesIO()
    book.save(buffer)
    result = assert_refused_and_unchanged(town, buffer.getvalue())
    assert sorted(places(result), key=str) == sorted([
        (GOOD, "Cán bộ", 1, "Tên", "imp.column.unknown"),
        (GOOD, "Cán bộ", 1, "id", "imp.column.unknown"),
        (GOOD, "Cán bộ", 1, "Họ và tên", "imp.column.missing"),
        (GOOD, "Vai trò", None, None, "imp.sheet.unknown"),
    ], key=str)


def test_text_in_number_columns_and_impossible_dates(town):
    rows = small_town()
    rows["course"][0]["days"] = "bốn"
    rows["board_activity"][0]["date"] = "31/02/2023"
    rows["board_activity"][1]["recommendations_made"] = "2,5"
    result = assert_refused_and_unchanged(town, workbook_bytes(rows))
    assert places(result) == [
        (GOOD, "Lớp bồi dưỡng", row_of(0), "Số ngày học", "imp.cell.not_number"),
        (GOOD, "Hoạt động giám sát", row_of(0), "Ngày", "imp.cell.impossible_date"),
        (GOOD, "Hoạt động giám sát", row_of(1), "Số kiến nghị", "imp.cell.not_integer"),
    ]
    assert result.problems[0].text() == \
        "xa-an-lac.xlsx › Lớp bồi dưỡng › dòng 3 › cột Số ngày học: “bốn” không phải số."


def test_every_domain_rule_is_reported_at_once(town):
    """One file, one mistake of each kind; all reported, each at its place."""
    rows = small_town()
    rows["unit"].append(dict(rows["unit"][3]))                                   # duplicate unit
    rows["post"][3]["village"] = "A-09"                                          # unknown code
    rows["post"].append({"person": "p2", "village": "A-01", "role": "secretary",  # 2 secretaries;
                         "start_date": date(2023, 8, 1)})                         # p2 in 2 villages
    rows["post"].append({"person": "p1", "village": "B-01", "role": "deputy_head",  # p1 in 2 villages
                         "start_date": date(2023, 9, 1)})
    rows["briefing"].append({"unit": "A", "date": date(2009, 5, 1)})             # A not valid yet
    rows["term"][0]["end_date"] = date(2023, 6, 30)                              # dates out of order
    rows["participation"][0]["days_attended"] = 5                                # 5 days of a 4-day class
    rows["board_activity"][0]["recommendations_resolved"] = 4                    # resolved > made
    result = assert_refused_and_unchanged(town, workbook_bytes(rows))
    assert places(result) == [
        (GOOD, "Đơn vị", row_of(6), "Mã đơn vị", "imp.row.duplicate"),
        (GOOD, "Nhiệm kỳ", row_of(0), "Đến ngày", "imp.row.dates_order"),
        (GOOD, "Chức danh", row_of(3), "Mã thôn, khu", "imp.ref.unknown_unit_suggest"),
        (GOOD, "Chức danh", row_of(6), "Từ ngày", "imp.post.two_holders"),
        (GOOD, "Chức danh", row_of(7), "Mã thôn, khu", "imp.post.two_villages"),
        (GOOD, "Học viên", row_of(0), "Số ngày tham dự", "imp.participation.days"),
        (GOOD, "Hoạt động giám sát", row_of(0), "Số kiến nghị đã giải quyết", "imp.activity.resolved"),
        (GOOD, "Giao ban", row_of(4), "Mã xã, phường", "imp.ref.unit_not_valid"),
    ]
    messages = [p.message() for p in result.problems]
    assert messages[0] == "Trùng với dòng 6 (cùng Mã đơn vị, Hiệu lực từ ngày)."
    assert messages[3] == "Thôn, khu “A-01” có hai bí thư chi bộ cùng lúc (ngày 01/08/2023; dòng 3)."
    assert "01/01/2010" in messages[7] and "01/05/2009" in messages[7]


def test_a_name_or_near_miss_typed_for_a_code_gets_the_code_suggested(town):
    """Names (any case, with or without accents and kind) and codes one keystroke away."""
    rows = {"briefing": [{"unit": "Bình Minh", "date": date(2023, 9, 5)},
                         {"unit": "phuong binh minh", "date": date(2023, 9, 6)},
                         {"unit": "Xã An Lạc", "date": date(2023, 9, 7)},
                         {"unit": "Hoàn toàn khác", "date": date(2023, 9, 8)}],
            "post": [{"person": "p1", "village": "A-09", "role": "head", "start_date": date(2024, 1, 1)},
                     {"person": "p1", "village": "A-10", "role": "head", "start_date": date(2024, 1, 1)}]}
    result = assert_refused_and_unchanged(town, workbook_bytes(rows), "sai-ma.xlsx")
    assert [(p.sheet, p.row, p.column, p.message()) for p in result.problems] == [
        ("Chức danh", 3, "Mã thôn, khu", "Không có đơn vị nào mang mã “A-09”. Có phải là A-01 (Thôn 1) hoặc A-02 (Thôn 2)?"),
        ("Chức danh", 4, "Mã thôn, khu", "Không có đơn vị nào mang mã “A-10”. Có phải là A-01 (Thôn 1)?"),
        ("Giao ban", 3, "Mã xã, phường", "Không có đơn vị nào mang mã “Bình Minh”. Có phải là B (Phường Bình Minh)?"),
        ("Giao ban", 4, "Mã xã, phường", "Không có đơn vị nào mang mã “phuong binh minh”. Có phải là B (Phường Bình Minh)?"),
        ("Giao ban", 5, "Mã xã, phường", "Không có đơn vị nào mang mã “Xã An Lạc”. Có phải là A (Xã An Lạc)?"),
        ("Giao ban", 6, "Mã xã, phường", "Không có đơn vị nào mang mã “Hoàn toàn khác”."),
    ]
    assert result.problems[2].message("en") == "No unit has the code “Bình Minh”. Did you mean B (Phường Bình Minh)?"


def test_a_name_or_near_miss_typed_for_a_person_or_topic_code_gets_the_code_suggested(town):
    rows = {"post": [{"person": "Lê Văn Ba", "village": "A-01", "role": "deputy_head", "start_date": date(2024, 1, 1)},
                     {"person": "p5", "village": "A-02", "role": "deputy_head", "start_date": date(2024, 1, 1)}],
            "course": [dict(small_town()["course"][0], code="K9", topics=["CD3"])]}
    result = assert_refused_and_unchanged(town, workbook_bytes(rows), "sai-ma.xlsx")
    assert [(p.sheet, p.column, p.message()) for p in result.problems] == [
        ("Chức danh", "Mã cán bộ", "Không có cán bộ mã “Lê Văn Ba” (trong tệp hoặc trong dữ liệu đã có). Có phải là p3 (Lê Văn Ba)?"),
        ("Chức danh", "Mã cán bộ", "Không có cán bộ mã “p5” (trong tệp hoặc trong dữ liệu đã có). Có phải là p1 (Nguyễn Văn Một) hoặc p2 (Trần Thị Hai)?"),
        ("Lớp bồi dưỡng", "Mã chuyên đề", "Không có chuyên đề mã “CD3”. Có phải là CD1 (Tổ chức cơ sở đảng) hoặc CD2 (Dân vận)?"),
    ]


def test_rules_are_checked_against_what_the_database_holds(town):
    """A later file from the commune that gives A-01 a second head, already held by p1."""
    rows = {"person": [{"key": "p7", "full_name": "Võ Văn Bảy"}],
            "post": [{"person": "p7", "village": "A-01", "role": "head", "start_date": date(2024, 1, 1)}]}
    result = assert_refused_and_unchanged(town, workbook_bytes(rows), "bo-sung.xlsx")
    assert places(result) == [("bo-sung.xlsx", "Chức danh", 3, "Từ ngày", "imp.post.two_holders")]
    assert result.problems[0].message().endswith("(ngày 01/01/2024; số liệu đã có).")
    # ... once p1's post is closed the day before, the same file goes in
    closing = {"post": [dict(small_town()["post"][1], end_date=date(2023, 12, 31))]}
    assert do_import(town, workbook_bytes(closing)).ok
    assert do_import(town, workbook_bytes(rows), "bo-sung.xlsx").ok


def test_ten_thousand_rows_with_one_bad_row_at_the_end(town):
    rows = small_town()
    rows["board_activity"] = [
        {"code": f"BA-{n:05d}", "board": "BA", "date": date(2023, 1, 1 + n % 28), "kind": "meeting",
         "subject": f"Họp lần {n}"} for n in range(10_000)]
    rows["board_activity"][-1]["recommendations_made"] = "mười"
    result = assert_refused_and_unchanged(town, workbook_bytes(rows))
    assert places(result) == [(GOOD, "Hoạt động giám sát", row_of(9_999), "Số kiến nghị", "imp.cell.not_number")]
    assert result.problems[0].row == 10_002


def test_a_csv_with_unknown_columns_or_the_wrong_encoding(town):
    csv = "Mã cán bộ,Họ và tên,Vai trò hệ thống\r\np9,Chín,admin\r\n".encode("utf-8")
    result = assert_refused_and_unchanged(town, csv, "can-bo.csv")
    assert places(result) == [("can-bo.csv", None, 1, None, "imp.csv.unknown_table")]
    assert "“Vai trò hệ thống”" in result.problems[0].message()
    latin = "Mã cán bộ,Họ và tên\r\np9,Chín\r\n".encode("utf-16")
    assert places(assert_refused_and_unchanged(town, latin, "can-bo.csv"))[0][-1] == "imp.file.not_csv"
    cp1258 = "Mã cán bộ,Họ và tên\r\np9,Chín\r\n".encode("cp1258", errors="replace")
    assert places(assert_refused_and_unchanged(town, cp1258, "can-bo.csv"))[0][-1] == "imp.file.csv_encoding"


def test_an_empty_workbook_is_refused(town):
    result = assert_refused_and_unchanged(town, workbook_bytes({}))
    assert places(result) == [(GOOD, None, None, None, "imp.file.no_data")]


def test_the_file_name_is_only_shown_never_used_as_a_path(town):
    result = do_import(town, workbook_bytes(small_town()), "../../etc/passwd\x00.xlsx")
    assert result.ok and result.file_name == "passwd.xlsx"


def test_a_write_the_database_refuses_is_rolled_back_whole(town, monkeypatch):
    """Another import may take a key at the same moment: the unique constraint refuses the
    row half way through the writes; everything written before it is rolled back."""
    from sqlalchemy.exc import IntegrityError

    import dashboard.importer as importer

    real_write = importer.Writer.write

    def write_then_fail(self):
        real_write(self)  # every row is written ...
        raise IntegrityError("INSERT INTO person ...", {}, Exception("duplicate key"))  # ... then one is refused

    monkeypatch.setattr(importer.Writer, "write", write_then_fail)
    rows = small_town()
    rows["person"].append({"key": "p8", "full_name": "Tám"})
    result = assert_refused_and_unchanged(town, workbook_bytes(rows))
    assert places(result) == [(GOOD, None, None, None, "imp.db.refused")]
