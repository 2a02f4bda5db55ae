"""The template, the review report, data quality, the Data page's callbacks and the CLI
commands, on the small town of ``tests/importing.py`` (figures counted by hand)."""
from __future__ import annotations

import base64
import io
import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import insert

from callbacks import data as data_callbacks
from dashboard.cli import main
from dashboard.config import Config
from dashboard.definitions import HEADLINE, INDICATORS
from dashboard.i18n import t
from dashboard.models import ImportRecord
from dashboard.importer import Source, run_import
from dashboard.quality import quality_report
from dashboard.report import build_report, parse_period
from dashboard.scope import Scope
from dashboard.service import DataService
from dashboard.template import SHEETS, template_bytes
from layouts import ids

from .helpers import find, texts
from .importing import fingerprint, import_log, small_town, workbook_bytes


@pytest.fixture(autouse=True)
def logged_in(as_admin):
    """Imports and full exports are for administrators: run as one."""
    return as_admin

DAY = date(2023, 10, 31)


def make_service(engine, today=DAY) -> DataService:
    return DataService(Config(database_url="sqlite://", today=today, load_demo_if_empty=False), engine)


@pytest.fixture
def town(engine):
    assert run_import(engine, [Source("xa.xlsx", workbook_bytes(small_town()))], "kiểm thử").ok
    return engine


# --- template -----------------------------------------------------------------------------


def test_the_template_has_a_sheet_per_kind_of_record_with_notes_and_lists():
    book = load_workbook(io.BytesIO(template_bytes()))
    assert book.sheetnames == ["Hướng dẫn", "Danh mục"] + [s.title for s in SHEETS]
    assert book["Danh mục"].sheet_state == "visible"
    posts = book["Chức danh"]
    assert [c.value for c in posts[1]] == ["Mã cán bộ", "Mã thôn, khu", "Chức danh", "Mã nhiệm kỳ", "Từ ngày",
                                           "Đến ngày", "Lần đầu giữ chức"]
    assert posts["E2"].value == "Bắt buộc. Ngày bắt đầu giữ chức (dd/mm/yyyy)"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in posts.data_validations.dataValidation
             if dv.type == "list"}
    assert lists == {"C3": "'Danh mục'!$B$2:$B$5", "G3": "'Danh mục'!$G$2:$G$3"}
    assert [book["Danh mục"][f"B{r}"].value for r in range(2, 6)] == [
        "Bí thư chi bộ", "Trưởng thôn, khu", "Phó bí thư chi bộ", "Phó trưởng thôn, khu"]
    # Vietnamese headers everywhere, no programmer names
    assert [c.value for c in book["Danh mục"][1][:7]] == [
        "Loại đơn vị", "Chức danh", "Loại lớp", "Loại ban", "Loại hoạt động", "Giới tính", "Có / Không"]


def test_each_sheet_starts_with_an_example_row_in_grey_italics():
    book = load_workbook(io.BytesIO(template_bytes()))
    posts = book["Chức danh"]
    assert [c.value for c in posts[3]][:3] == ["QY00123", "07147-01", "Bí thư chi bộ"]
    assert posts["E3"].value.date() == date(2025, 10, 1) and posts["G3"].value == "Có"
    assert posts["A3"].font.italic and "Dòng ví dụ" in posts["A3"].comment.text
    assert all(book[s.title]["A3"].value for s in SHEETS)


def test_the_example_rows_are_not_imported_but_a_row_written_over_one_is(engine):
    untouched = run_import(engine, [Source("mau.xlsx", template_bytes())], "kiểm thử")
    assert [p.key for p in untouched.problems] == ["imp.file.no_data"]
    book = load_workbook(io.BytesIO(template_bytes()))
    book["Chuyên đề"]["A3"].value = "CD9"  # the clerk types over the example ...
    book["Chuyên đề"]["A4"].value, book["Chuyên đề"]["B4"].value = "CD8", "Dân vận"  # ... and below it
    buffer = io.BytesIO()
    book.save(buffer)
    result = run_import(engine, [Source("mau.xlsx", buffer.getvalue())], "kiểm thử")
    assert result.ok and result.rows_read == 2 and result.counts["topic"]["inserted"] == 2


def test_the_template_lists_the_codes_a_unit_user_may_use(town):
    from dashboard.auth import AuthUser, acting_as

    with acting_as(AuthUser(9, "le-an-lac", "unit", "A"), "127.0.0.1"):
        book = load_workbook(io.BytesIO(make_service(town).imports.template()))
    sheet = book["Danh mục"]
    columns = {sheet.cell(row=1, column=c).value: c for c in range(9, sheet.max_column + 1) if sheet.cell(row=1, column=c).value}

    def listed(title):
        column = columns[title]
        return [(sheet.cell(row=r, column=column).value, sheet.cell(row=r, column=column + 1).value)
                for r in range(3, sheet.max_row + 1) if sheet.cell(row=r, column=column).value]
    assert listed("Đơn vị (3)") == [("A", "Xã An Lạc"), ("A-01", "Thôn 1"), ("A-02", "Thôn 2")]
    assert listed("Cán bộ (3)") == [("p1", "Nguyễn Văn Một"), ("p2", "Trần Thị Hai"), ("p3", "Lê Văn Ba")]
    assert listed("Ban giám sát (1)") == [("BA", "Ban Thanh tra nhân dân xã An Lạc")]
    assert listed("Chuyên đề (2)") == [("CD1", "Tổ chức cơ sở đảng"), ("CD2", "Dân vận")]
    assert listed("Nhiệm kỳ (1)") == [("2023-2025", "Nhiệm kỳ 2023–2025")]
    assert [sheet.cell(row=2, column=columns["Đơn vị (3)"] + i).value for i in (0, 1)] == ["Mã đơn vị", "Tên đơn vị"]
    assert "đơn vị A và các thôn, khu trực thuộc" in [c.value for c in sheet[1] if c.value][-1]


def test_the_template_lists_every_unit_for_a_town_user(town, as_town):
    sheet = load_workbook(io.BytesIO(make_service(town).imports.template()))["Danh mục"]
    assert "Đơn vị (6)" in [c.value for c in sheet[1]] and "Cán bộ (4)" in [c.value for c in sheet[1]]


@pytest.mark.parametrize("spec, expected", [
    ("2026-11-27", ("day", date(2026, 11, 27))), ("2026-09", ("month", date(2026, 9, 1))),
    ("2026-Q3", ("quarter", date(2026, 7, 1))), ("2026", ("year", date(2026, 1, 1))),
    ("2025-2027", ("term", date(2025, 7, 1))),
])
def test_periods_are_written_the_way_people_say_them(spec, expected):
    assert parse_period(spec, [("2025-2027", date(2025, 7, 1), date(2027, 12, 31))]) == expected


def test_a_period_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="2026-Q5"):
        parse_period("2026-Q5", [])


# --- data quality ---------------------------------------------------------------------------


def test_records_that_look_wrong_are_listed(engine):
    """A-02's head p3 left on 31/07/2023: on 31/10/2023 the post is vacant since 01/08 (91
    days > 60). Course K2 ended 20/09 with nobody recorded. Board BB of B, in office since
    01/01/2023, did nothing in Q2 and Q3/2023 (silent since it began: 303 days)."""
    rows = small_town()
    rows["post"][3]["end_date"] = date(2023, 7, 31)
    rows["course"].append({"code": "K2", "title": "Tập huấn dân vận", "organiser": "A", "kind": "tap_huan",
                           "start_date": date(2023, 9, 20), "end_date": date(2023, 9, 20), "days": 1})
    rows["board"].append({"code": "BB", "kind": "bttnd", "unit": "B", "name": "Ban TTND phường Bình Minh",
                          "valid_from": date(2023, 1, 1)})
    assert run_import(engine, [Source("x.xlsx", workbook_bytes(rows))], "kiểm thử").ok
    with engine.connect() as conn:
        report = quality_report(conn, DAY, Scope.everything(), date(2023, 7, 1))
    assert report.counts == {"vacant_head": 1, "no_participants": 1, "silent_board": 1, "village_outside_board": 0}
    assert [(r["check"], r["code"], r["since"], r["days"]) for r in report.rows] == [
        ("vacant_head", "A-02", date(2023, 8, 1), 91),
        ("no_participants", "A", date(2023, 9, 20), 41),
        ("silent_board", "B", date(2023, 1, 1), 303),
    ]
    assert report.rows[0]["parent_name"] == "An Lạc"
    # a scope that sees only ward B sees only B's board
    b_id = _unit_id(engine, "B")
    with engine.connect() as conn:
        scoped = quality_report(conn, DAY, Scope.of_units([b_id], DAY), date(2023, 7, 1))
    assert scoped.counts == {"vacant_head": 0, "no_participants": 0, "silent_board": 1, "village_outside_board": 0}


def test_a_stored_activity_about_a_village_of_another_commune_is_listed(town):
    """Stored before the importer checked it: BA-1 (board BA of An Lạc, 15/08/2023) about
    Khu 1 (B-01, of Bình Minh). Listed under An Lạc, 77 days before 31/10/2023; BA-2
    about Thôn 2 (A-02) is in order."""
    from sqlalchemy import text

    with town.begin() as conn:
        conn.execute(text("UPDATE board_activity SET village_id = :v WHERE code = 'BA-1'"),
                     {"v": _unit_id(town, "B-01")})
        conn.execute(text("UPDATE board_activity SET village_id = :v WHERE code = 'BA-2'"),
                     {"v": _unit_id(town, "A-02")})
    with town.connect() as conn:
        report = quality_report(conn, DAY, Scope.everything(), date(2023, 7, 1))
        only_b = quality_report(conn, DAY, Scope.of_units([_unit_id(town, "B")], DAY), date(2023, 7, 1))
    assert report.counts["village_outside_board"] == 1
    assert [(r["code"], r["item"], r["since"], r["days"]) for r in report.rows
            if r["check"] == "village_outside_board"] == [("A", "BA-1 (BA): Khu 1 (B-01)", date(2023, 8, 15), 77)]
    assert only_b.counts["village_outside_board"] == 0
    section = data_callbacks.page_sections(make_service(town), {"page": "data", "search": ""})["quality"]
    assert "Hoạt động giám sát về thôn, khu không thuộc đơn vị của ban vào ngày đó" in texts(section) or \
        any(r["check"] == "Hoạt động giám sát về thôn, khu không thuộc đơn vị của ban vào ngày đó"
            for r in find(section, ids.grid("data-quality")).rowData)


def _unit_id(engine, code):
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text("SELECT id FROM unit WHERE code = :c"), {"c": code}).scalar()


# --- the Data page's callbacks --------------------------------------------------------------


def payload(data: bytes, name: str) -> dict:
    return {"contents": "data:application/octet-stream;base64," + base64.b64encode(data).decode(), "filename": name}


def test_an_upload_is_imported_and_summarised(engine, as_admin):
    service = make_service(engine)
    out = data_callbacks.handle_upload(service, payload(workbook_bytes(small_town()), "xa.xlsx"), None, False, "vi")
    assert "Đã nhập xa.xlsx: 35 dòng." in texts(out)
    assert "Chức danh" in texts(out) and import_log(engine) == [("ok", "xa.xlsx")]
    sections = data_callbacks.page_sections(service, {"page": "data", "search": ""})
    history = find(sections["history"], ids.grid("import-history")).rowData
    assert [(r["user"], r["file"], r["result"], r["counts"]) for r in history] == [
        (as_admin.username, "xa.xlsx", "Thành công", "thêm 35, cập nhật 0, giữ nguyên 0")]
    assert "Số liệu từ 01/07/2023 đến 13/10/2023." in texts(sections["status"])


def test_a_broken_upload_lists_every_problem_and_changes_nothing(town):
    service = make_service(town)
    rows = small_town()
    rows["briefing"][0]["date"] = "30/02/2023"
    rows["participation"][2]["days_attended"] = 7
    before = fingerprint(town)
    out = data_callbacks.handle_upload(service, payload(workbook_bytes(rows), "sai.xlsx"), None, False, "vi")
    grid = find(out, ids.grid("import-problems"))
    assert [(r["sheet"], r["row"], r["column"]) for r in grid.rowData] == [
        ("Giao ban", 3, "Ngày giao ban"), ("Học viên", 5, "Số ngày tham dự")]
    # on a phone the place comes first, in a column that wraps beside the message
    assert [c["field"] for c in grid.columnDefs][:2] == ["where", "message"]
    assert grid.columnDefs[0]["wrapText"] and grid.columnDefs[0]["maxWidth"] + grid.columnDefs[1]["minWidth"] <= 400
    assert [r["where"] for r in grid.rowData] == ["Giao ban › dòng 3 › cột Ngày giao ban",
                                                  "Học viên › dòng 5 › cột Số ngày tham dự"]
    assert fingerprint(town) == before


def test_a_file_over_the_limit_is_refused_before_it_is_read(engine):
    service = DataService(Config(database_url="sqlite://", today=DAY, max_upload_bytes=1000), engine)
    out = data_callbacks.handle_upload(service, None, {"filename": "lon.xlsx", "size": 5_000_000}, False, "vi")
    assert "Tệp lon.xlsx quá lớn (4,8 MB); tối đa 1 KB. Không có gì được gửi lên." in " ".join(texts(out))
    out = data_callbacks.handle_upload(service, payload(b"x" * 5000, "lon.xlsx"), None, False, "vi")
    assert "quá lớn" in " ".join(texts(out))
    assert import_log(engine) == []


def test_only_users_who_may_manage_data_can_import(engine, monkeypatch):
    service = make_service(engine)
    monkeypatch.setattr(service, "may_manage_data", lambda: False)
    out = data_callbacks.handle_upload(service, payload(workbook_bytes(small_town()), "xa.xlsx"), None, False, "vi")
    assert texts(out) == ["Bạn không có quyền thực hiện thao tác này."]
    assert import_log(engine) == []


def test_a_user_who_may_not_import_sees_an_inactive_upload_zone_and_why(engine, as_town):
    sections = data_callbacks.page_sections(make_service(engine), {"page": "data", "search": ""})
    assert (sections["upload_disabled"], sections["dry_run_disabled"], sections["export_disabled"]) == (True, True, True)
    assert sections["upload_class"] == "upload-zone upload-zone-disabled"
    assert texts(sections["admin_only"]) == [" ", t("data.import_admin_only", "vi")]
    assert t("data.import_admin_only", "vi").startswith("Chỉ quản trị viên được nhập dữ liệu")


def test_an_administrator_sees_an_active_upload_zone(engine):
    sections = data_callbacks.page_sections(make_service(engine), {"page": "data", "search": ""})
    assert (sections["upload_disabled"], sections["upload_class"], sections["admin_only"]) == (False, "upload-zone", None)


def test_the_review_report_download_has_a_server_chosen_name(town):
    service = make_service(town)
    download, message = data_callbacks.review_report(service, "A", "quarter", "2023-09-15", "as-of", "vi")
    assert download["filename"] == "bao-cao-ket-qua-a-2023-09-30.xlsx"
    assert "bao-cao-ket-qua-a-2023-09-30.xlsx" in " ".join(texts(message))
    _, message = data_callbacks.review_report(service, "ZZZ", "quarter", "2023-09-15", "as-of", "vi")
    assert texts(message) == ["Không có đơn vị nào mang mã ZZZ."]


def test_the_acting_user_is_the_logged_in_user_or_the_os_user_on_the_command_line(engine, as_admin):
    import getpass

    from dashboard.auth import acting_as

    assert DataService(Config(), engine).acting_user() == as_admin.username
    with acting_as(None, "cli"):
        assert DataService(Config(), engine, interface="cli").acting_user() == getpass.getuser()


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("GRASSROOTS_TODAY", "2023-10-31")
    return lambda *args: CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_template_import_export_report(cli, tmp_path):
    assert cli("template", tmp_path / "mau.xlsx").exit_code == 0
    assert load_workbook(tmp_path / "mau.xlsx").sheetnames[2] == "Đơn vị"
    (tmp_path / "xa.xlsx").write_bytes(workbook_bytes(small_town()))
    dry = cli("import", tmp_path / "xa.xlsx", "--dry-run")
    assert dry.exit_code == 0 and "chạy thử" in dry.output
    done = cli("import", tmp_path / "xa.xlsx")
    assert done.exit_code == 0 and "Đã nhập: 35 dòng" in done.output and "Chức danh: +6 ~0 =0" in done.output
    assert cli("export", "--out", tmp_path / "all.xlsx").exit_code == 0
    assert [r[0] for r in load_workbook(tmp_path / "all.xlsx")["Đơn vị"].iter_rows(min_row=3, values_only=True)] \
        == ["A", "A-01", "A-02", "B", "B-01", "T"]
    report = cli("report", "--period", "2023-Q3", "--unit", "A", "--out", tmp_path / "so-ket.xlsx")
    assert report.exit_code == 0, report.output
    book = load_workbook(tmp_path / "so-ket.xlsx")
    assert book.sheetnames[1] == "Nhất thể hóa"


def test_cli_import_of_a_broken_file_lists_problems_and_fails(cli, tmp_path):
    rows = small_town()
    rows["unit"][0]["kind"] = "tỉnh thành"
    rows["post"][0]["start_date"] = "ngày 1"
    (tmp_path / "sai.xlsx").write_bytes(workbook_bytes(rows))
    result = CliRunner().invoke(main, ["import", str(tmp_path / "sai.xlsx")])
    assert result.exit_code == 1
    output = result.output
    assert "sai.xlsx › Đơn vị › dòng 3 › cột Loại đơn vị: “tỉnh thành” không có trong danh sách" in output
    assert "sai.xlsx › Chức danh › dòng 3 › cột Từ ngày: “ngày 1” không phải ngày (ghi dạng dd/mm/yyyy)." in output
    assert "2 lỗi; không có thay đổi nào được ghi." in output


def test_cli_report_refuses_a_bad_period(cli, tmp_path):
    (tmp_path / "xa.xlsx").write_bytes(workbook_bytes(small_town()))
    cli("import", tmp_path / "xa.xlsx")
    result = CliRunner().invoke(main, ["report", "--period", "quý 3", "--out", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2 and "2026-Q3" in result.output


def test_the_import_history_shows_vietnam_time_with_a_label(engine):
    """Imports are stamped in UTC; 23:30 UTC on 31/12 is 06:30 on 01/01 in Vietnam."""
    with engine.begin() as conn:
        conn.execute(insert(ImportRecord).values(created_at=datetime(2023, 12, 31, 23, 30), user_name="x",
                                                 file_name="f.xlsx", checksum="0" * 64, counts="{}", result="ok"))
    sections = data_callbacks.page_sections(make_service(engine), {"page": "data", "search": ""})
    grid = find(sections["history"], ids.grid("import-history"))
    assert [r["when"] for r in grid.rowData] == ["01/01/2024 06:30"]
    assert grid.columnDefs[0]["headerName"] == "Thời gian (giờ Việt Nam)"


def test_history_counts_are_json(town):
    record = make_service(town).imports.history()[0]
    assert record["counts"]["unit"] == {"inserted": 6, "updated": 0, "unchanged": 0}
    assert json.dumps(record["counts"])


def test_the_server_refuses_requests_larger_than_an_upload_can_be(engine):
    """An upload travels base64-encoded in a JSON callback (4/3 of its size): anything
    larger than that, plus room for the rest of the request, is refused with 413."""
    from dashboard.web.app import create_app

    config = Config(database_url="sqlite://", today=DAY, max_upload_bytes=30_000, load_demo_if_empty=False,
                    secret_key="test")
    client = create_app(config, make_service(engine)).server.test_client()
    too_big = client.post("/_dash-update-component", data=b"x" * (40_000 + 1024 * 1024 + 1),
                          content_type="application/json", headers={"Origin": "http://localhost"})
    assert too_big.status_code == 413


def test_a_file_full_of_errors_sends_a_small_answer(engine):
    """Every problem is counted, the first 300 are shown, and the response stays small."""
    from plotly.utils import PlotlyJSONEncoder

    rows = {"person": [{"key": f"p{n}", "full_name": f"Người {n}", "birth_year": "không rõ"} for n in range(1000)]}
    out = data_callbacks.handle_upload(make_service(engine), payload(workbook_bytes(rows), "nhieu-loi.xlsx"),
                                       None, False, "vi")
    assert "Tệp nhieu-loi.xlsx có 1.000 lỗi; không có thay đổi nào được ghi. Sửa các lỗi dưới đây rồi nhập lại." \
        in texts(out)
    assert len(find(out, ids.grid("import-problems")).rowData) == 300
    assert len(json.dumps(out.to_plotly_json(), cls=PlotlyJSONEncoder)) < 200_000
