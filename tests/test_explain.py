"""Explain every number: the definitions registry, freshness, notes, the help page.

On the tiny town of ``tests/factory.py`` (dates and counts by hand) and, for a hand-made
callback request, on the demo app.
"""
from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select

from callbacks.grids import export_file
from callbacks.notes import note_action, notes_section
from dashboard import auth, db, definitions
from dashboard.attention import attention_rows
from dashboard.config import Config
from dashboard.definitions import is_stale, stale_since
from dashboard.indicators.freshness import last_records
from dashboard.indicators.view import View
from dashboard.models import ImportRecord, UnitNote
from dashboard.notes import NoteRefused
from dashboard.report import build_report
from dashboard.scope import Scope
from dashboard.service import DataService
from dashboard.viewstate import Route, ViewState, view_data
from layouts import ids, overview
from layouts.help import skeleton as help_skeleton
from layouts.shell import freshness

from .conftest import TEST_PASSWORD, TEST_USERS
from .factory import build_tiny_town
from .helpers import find, texts
from .web import callback_payload, login, post_callback, response_text, server_callbacks

TODAY = date(2019, 3, 31)
ADMIN = auth.AuthUser(1, "quan-tri", "admin")
TOWN = auth.AuthUser(2, "thi-uy", "town")
LEADER_A = auth.AuthUser(3, "lanh-dao-a", "unit", "A")
OTHER_A = auth.AuthUser(4, "pho-a", "unit", "A")


@pytest.fixture
def town(engine):
    build_tiny_town(engine)
    return engine


def make_service(engine, today=TODAY) -> DataService:
    return DataService(Config(database_url="sqlite://", today=today, load_demo_if_empty=False), engine)


def page(service, unit=None, day=TODAY, period="day"):
    state = ViewState(day=day, period=period)
    return service.context(Route("overview", unit), state)


def store(unit=None, search="?ngay=2019-03-31"):
    return view_data(Route("overview", unit), search)


# --- one registry: pages, exports and the review report read it ----------------------------


@pytest.fixture
def changed_definition(monkeypatch):
    """The unified indicator renamed and redefined, as a committee might reword it."""
    entry = replace(definitions.DEFINITIONS["unified"],
                    name=("Thôn kiêm nhiệm", "Dual-post villages"),
                    column=("Thôn kiêm nhiệm (số)", "Dual-post villages (n)"),
                    denominator_column=("Thôn, khu (mẫu số)", "Villages (denominator)"),
                    numerator_text=("Thôn có một người giữ hai chức", "Villages with one person in both posts"),
                    unit=("thôn", "villages"))
    monkeypatch.setitem(definitions.DEFINITIONS, "unified", entry)
    monkeypatch.setitem(definitions.INDICATORS, "unified", entry)
    return entry


def test_a_changed_definition_changes_the_page_its_popover_and_the_table(town, changed_definition):
    """31/03/2019: A has A1 (unified), A2 (not), A3 (unified), B has B1 (head vacant) and
    B2 (unified): 3/5 unified."""
    service = make_service(town)
    with auth.acting_as(TOWN):
        data = overview.render(service.overview.page(page(service)), "vi")
    card = find(data["kpis"], "kpi-unified")
    assert texts(card)[:3] == ["Thôn kiêm nhiệm", "60,0 %", "3/5"]
    popover = texts(card, popovers=True)
    assert "3 / 5 thôn" in popover and "Thôn có một người giữ hai chức" in popover
    assert "Đạt từ 100 %; gần đạt từ 95 %; dưới 95 %: chưa đạt." in popover
    chart = texts(data["unified_info"], popovers=True)
    assert chart[:2] == ["Thôn kiêm nhiệm", "Thị xã T: 3 / 5 thôn (mỗi thanh: số của một đơn vị)"]
    grid = find(data["table"], ids.grid("overview"))
    headers = {c["field"]: c for c in grid.columnDefs}
    assert headers["unified_num"]["headerName"] == "Thôn kiêm nhiệm (số)"
    assert headers["unified_den"]["headerName"] == "Thôn, khu (mẫu số)"
    assert headers["unified_num"]["headerTooltip"] == (
        "Thôn kiêm nhiệm: Thôn có một người giữ hai chức / Số thôn, khu thuộc đơn vị vào ngày đó.")


def test_chart_definitions_carry_the_units_total(town):
    """31/03/2019: 3/5 villages unified; 1 of 10 posts vacant (B1's head); 2 of the 6
    cadres in post trained (p1 and p4 completed K1)."""
    from callbacks.training import summary_sections
    from callbacks.unified import unified_main

    service = make_service(town)
    with auth.acting_as(TOWN):
        unified = unified_main(service, view_data(Route("unified"), "?ngay=2019-03-31"))
        training = summary_sections(service, view_data(Route("training"), "?ngay=2019-03-31"))
    figure = {name: texts(unified[f"{name}_info"], popovers=True)[1] for name in ("un-coverage", "un-vacant")}
    assert figure == {"un-coverage": "Thị xã T: 3 / 5 thôn, khu (mỗi thanh: số của một đơn vị)",
                      "un-vacant": "Thị xã T: 1 / 10 chức danh (mỗi thanh: số của một đơn vị)"}
    assert texts(training[f"{ids.TR_COMPLETION}_info"], popovers=True)[:2] == [
        "Hoàn thành bồi dưỡng", "Thị xã T: 2 / 6 cán bộ (mỗi thanh: số của một đơn vị)"]


def test_a_changed_definition_changes_the_grid_export(town, changed_definition):
    service = make_service(town)
    with auth.acting_as(TOWN):
        data = overview.render(service.overview.page(page(service)), "vi")
    grid = find(data["table"], ids.grid("overview"))
    download = export_file("xlsx", grid.rowData, grid.columnDefs, grid.dashGridOptions, TODAY)
    import base64

    sheet = load_workbook(io.BytesIO(base64.b64decode(download["content"]))).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Thôn kiêm nhiệm (số)" in cells
    assert "Thôn kiêm nhiệm: Thôn có một người giữ hai chức / Số thôn, khu thuộc đơn vị vào ngày đó." in cells
    csv = export_file("csv", grid.rowData, grid.columnDefs, grid.dashGridOptions, TODAY)
    assert "Thôn kiêm nhiệm (số)" in base64.b64decode(csv["content"]).decode("utf-8-sig").splitlines()[0]


def test_a_changed_definition_changes_the_review_report(town, changed_definition):
    service = make_service(town)
    with auth.acting_as(TOWN):
        book = load_workbook(io.BytesIO(build_report(service.reports.data(None, "day", TODAY))))
    assert "Thôn kiêm nhiệm" in book.sheetnames
    rows = list(book["Thôn kiêm nhiệm"].iter_rows(values_only=True))
    assert rows[0][0] == "Thôn kiêm nhiệm"
    assert "Tử số: Thôn có một người giữ hai chức" in [r[0] for r in rows]
    header = next(r for r in rows if r[0] == "Tên đơn vị")
    assert header[2:4] == ("Thôn kiêm nhiệm (số)", "Thôn, khu (mẫu số)")
    total = next(r for r in rows if r[0] == "Tổng cộng")
    assert total[2:4] == (3, 5)


def test_the_translation_table_asks_the_registry_for_the_keys_it_owns(changed_definition):
    from dashboard.i18n import TEXT, t

    assert "kpi.unified" not in TEXT and "col.unified" not in TEXT
    assert t("kpi.unified", "en") == "Dual-post villages"
    assert t("col.unified") == "Thôn kiêm nhiệm (số)"
    assert t("kpi.training.detail") == "cán bộ đương chức đã được bồi dưỡng"
    with pytest.raises(KeyError):
        t("kpi.no_such_indicator")


def test_every_definition_has_both_languages_and_every_graded_one_its_thresholds():
    for key, entry in definitions.DEFINITIONS.items():
        for field in ("name", "detail", "numerator_text", "period", "counts"):
            vi, en = getattr(entry, field)
            assert vi and en, (key, field)
        if entry.graded:
            assert entry.numerator and entry.denominator and entry.fair <= entry.good, key
            assert entry.denominator_text[0] and entry.denominator_column[0], key
    assert list(definitions.INDICATORS) == list(definitions.HEADLINE)


def test_the_help_page_explains_every_definition_from_the_registry(changed_definition):
    tree = help_skeleton(Route("help"), ViewState(), TODAY)
    words = texts(tree)
    assert "Hướng dẫn sử dụng" in words and "Thôn kiêm nhiệm" in words
    assert "Thôn có một người giữ hai chức" in words
    for key in definitions.DEFINITIONS:
        assert find(tree, f"dinh-nghia-{key}") is not None
    english = texts(help_skeleton(Route("help"), ViewState(lang="en"), TODAY))
    assert "User guide" in english and "Dual-post villages" in english


# --- freshness -------------------------------------------------------------------------------


def test_latest_record_of_each_commune(town):
    """On 31/03/2019: A's latest is its board's meeting of 10/02/2019 (briefing 05/02,
    course K1 ended 04/11/2018); B's is the seminar K2 of its village B1 ended 01/02/2019
    (briefing 10/08/2018, activity 15/07/2018); D has nothing."""
    ids_ = build_ids(town)
    with town.connect() as conn:
        view = View(ids_["T"], make_service(town).period("day", TODAY), scope=Scope.everything())
        frame = last_records(conn, view)
    assert frame.loc[ids_["A"]].tolist() == [date(2019, 2, 10), date(2019, 2, 5), date(2018, 11, 4), date(2019, 2, 10)]
    assert frame.loc[ids_["B"]].tolist() == [date(2018, 7, 15), date(2018, 8, 10), date(2019, 2, 1), date(2019, 2, 1)]
    assert ids_["D"] not in frame.index
    assert frame.loc[ids_["T"], "last_record"] == date(2019, 2, 10)


def build_ids(engine) -> dict:
    from dashboard.models import Unit

    with engine.connect() as conn:
        return {code: uid for uid, code in conn.execute(select(Unit.id, Unit.code))}


@pytest.mark.parametrize("day, stale", [
    # three months back is 10/02/2019: A's latest (10/02) is not older, B's (01/02) is
    (date(2019, 5, 10), {"B", "D"}),
    # three months back is 11/02/2019: A's latest is older now
    (date(2019, 5, 11), {"A", "B", "D"}),
])
def test_records_stopped_three_months_before_the_date(town, day, stale):
    """Flagged: the communes whose latest record is older than the date moved back three
    months, and D, which has no record at all."""
    service = make_service(town, today=date(2019, 12, 31))
    with auth.acting_as(TOWN):
        data = service.overview.page(page(service, day=day))
    flagged = {e["code"] for e in data.attention if any(k == "stale" for k, _ in e["issues"])}
    assert flagged == stale
    assert stale_since(day) == date(2019, day.month - 3, day.day)
    d_issues = dict(next(e for e in data.attention if e["code"] == "D")["issues"])
    assert d_issues["stale"] is None


def test_nothing_is_flagged_before_three_months_of_records(town):
    """With records from 01/03/2019, 31/05/2019 is too early to say records stopped
    (three months back is 28/02/2019); 01/06/2019 is not."""
    service = make_service(town, today=date(2019, 12, 31))
    with db.session_scope(town) as session:
        db.set_meta(session, "data_from", "2019-03-01")
    assert not service.overview.freshness_applies(date(2019, 5, 31))
    assert service.overview.freshness_applies(date(2019, 6, 1))
    with auth.acting_as(TOWN):
        early = service.overview.page(page(service, day=date(2019, 5, 31)))
        later = service.overview.page(page(service, day=date(2019, 6, 1)))
    assert not any(k == "stale" for e in early.attention for k, _ in e["issues"])
    assert {e["code"] for e in later.attention if any(k == "stale" for k, _ in e["issues"])} == {"A", "B", "D"}


def test_the_stale_boundary_is_exact():
    assert stale_since(date(2026, 11, 27)) == date(2026, 8, 27)
    assert not is_stale(date(2026, 8, 27), date(2026, 11, 27))
    assert is_stale(date(2026, 8, 26), date(2026, 11, 27))
    assert is_stale(None, date(2026, 11, 27))
    assert stale_since(date(2026, 5, 31)) == date(2026, 2, 28)


def test_a_units_own_page_says_its_records_stopped(town):
    service = make_service(town, today=date(2019, 12, 31))
    with auth.acting_as(TOWN):
        stale = overview.render(service.overview.page(page(service, "A", day=date(2019, 6, 30))), "vi")["stale"]
        fresh = overview.render(service.overview.page(page(service, "A", day=date(2019, 3, 31))), "vi")["stale"]
    assert "".join(texts(stale)).strip() == ("Số liệu của Xã A ngừng cập nhật: số liệu gần nhất ngày 10/02/2019, "
                                      "không có gì mới trong 3 tháng trước ngày 30/06/2019.")
    assert fresh is None


def test_the_attention_list_and_report_name_the_stopped_records(town):
    service = make_service(town, today=date(2019, 12, 31))
    with auth.acting_as(TOWN):
        data = overview.render(service.overview.page(page(service, day=date(2019, 6, 30))), "vi")
        book = load_workbook(io.BytesIO(build_report(service.reports.data(None, "day", date(2019, 6, 30)))))
    words = texts(data["attention"])
    assert "số liệu ngừng cập nhật từ 10/02/2019" in words and "chưa có số liệu nào" in words
    issues = {r[1]: r[2] for r in book["Cần chú ý"].iter_rows(values_only=True) if r and r[1] in ("A", "B", "D")}
    assert "số liệu ngừng cập nhật từ 01/02/2019" in issues["B"]
    assert issues["D"] == "thiếu 12 tháng giao ban; chưa có số liệu nào"  # D exists all 12 months


def test_every_page_says_up_to_when_the_data_goes_and_the_last_import(town):
    """Imports are stamped in UTC; the footer and the report show Vietnam time (UTC+7), labelled."""
    service = make_service(town)
    assert service.freshness() == {"data_through": None, "last_import": None}
    with db.session_scope(town) as session:
        db.set_meta(session, "data_through", "2019-02-28")
    with town.begin() as conn:
        for when, result in ((datetime(2019, 3, 1, 8, 30), "ok"), (datetime(2019, 3, 2, 9, 0), "rejected")):
            conn.execute(insert(ImportRecord).values(created_at=when, user_name="x", file_name="f.xlsx",
                                                     checksum="0" * 64, counts="{}", result=result))
    info = service.freshness()
    assert info == {"data_through": date(2019, 2, 28), "last_import": datetime(2019, 3, 1, 8, 30)}
    assert "".join(texts(freshness(info, "vi"))) == (
        " Số liệu đến ngày 28/02/2019 · lần nhập dữ liệu gần nhất: 01/03/2019 15:30 (giờ Việt Nam)")
    with auth.acting_as(TOWN):
        cover = load_workbook(io.BytesIO(build_report(service.reports.data(None, "day", TODAY))))["Thông tin"]
    rows = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if r[0]}
    assert rows["Số liệu đến ngày"] == "28/02/2019" and rows["Lần nhập dữ liệu gần nhất (giờ Việt Nam)"] == "01/03/2019 15:30"


# --- notes -------------------------------------------------------------------------------------


def note_rows(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(UnitNote).order_by(UnitNote.id))]


def events(engine, event) -> list[dict]:
    return [dict(e, detail=json.loads(e["detail"])) for e in auth.audit_events(engine, 100, event)]


def test_a_unit_leader_notes_their_commune_and_its_village_and_it_shows_everywhere(town):
    service = make_service(town)
    quarter = dict(day=date(2019, 3, 31), period="quarter")
    with auth.acting_as(LEADER_A):
        note_id = service.notes.add(page(service, "A", **quarter), "  bí thư mới kiện toàn 3/2019  ")
        service.notes.add(page(service, "A1", **quarter), "<b>trưởng thôn</b> nghỉ ốm")
    rows = note_rows(town)
    assert [(r["text"], r["author"], r["period_kind"], r["period_start"], r["period_end"]) for r in rows] == [
        ("bí thư mới kiện toàn 3/2019", "lanh-dao-a", "quarter", date(2019, 1, 1), date(2019, 3, 31)),
        ("<b>trưởng thôn</b> nghỉ ốm", "lanh-dao-a", "quarter", date(2019, 1, 1), date(2019, 3, 31)),
    ]
    added = events(town, "note_added")
    assert [(e["username"], e["detail"]["note"], e["detail"]["unit"]) for e in reversed(added)] == [
        ("lanh-dao-a", note_id, "A"), ("lanh-dao-a", note_id + 1, "A1")]
    # the unit page lists both (the village's named), as text, with edit buttons for the author
    with auth.acting_as(LEADER_A):
        listing, form_style = notes_section(service, store("A", "?ngay=2019-03-31&ky=quy"))
    words = texts(listing)
    assert "bí thư mới kiện toàn 3/2019" in words and "<b>trưởng thôn</b> nghỉ ốm" in words and "Thôn A1" in words
    assert find(listing, ids.note_edit(note_id)) is not None and form_style == {}
    # a view of a single date in the quarter shows them; the next quarter does not
    with auth.acting_as(TOWN):
        assert len(service.notes.for_units([build_ids(town)["A"]], service.period("day", date(2019, 2, 15)))) == 1
        assert service.notes.for_units([build_ids(town)["A"]], service.period("quarter", date(2019, 4, 1))) == []
        # beside A in the town's attention list, and in the review report
        data = overview.render(service.overview.page(page(service, **quarter)), "vi")
        book = load_workbook(io.BytesIO(build_report(service.reports.data(None, "quarter", TODAY))))
    assert "bí thư mới kiện toàn 3/2019" in texts(data["attention"])
    notes_sheet = list(book["Ghi chú"].iter_rows(values_only=True))
    assert ("Xã A", "Quý 1/2019", "bí thư mới kiện toàn 3/2019", "lanh-dao-a") in [r[:4] for r in notes_sheet]
    attention = {r[1]: r[3] for r in book["Cần chú ý"].iter_rows(values_only=True) if r and r[1] == "A"}
    assert attention == {"A": "bí thư mới kiện toàn 3/2019"}


def test_a_unit_leader_may_not_note_another_commune_or_the_town(town):
    service = make_service(town)
    with auth.acting_as(LEADER_A):
        for unit in ("B", None):
            context = page(service, unit)
            with pytest.raises(NoteRefused) as refused:
                service.notes.add(context, "không được")
            assert refused.value.reason == "forbidden"
            assert not service.notes.may_write(context)
    assert note_rows(town) == []
    refusals = events(town, "refused")
    assert [e["detail"].get("action") for e in refusals[:2]] == ["note_added", "note_added"]
    # town and admin users may write on any unit
    for user in (TOWN, ADMIN):
        with auth.acting_as(user):
            service.notes.add(page(service, "B"), f"ghi chú của {user.username}")
    assert [r["author"] for r in note_rows(town)] == ["thi-uy", "quan-tri"]


def test_only_the_author_or_an_admin_edits_or_deletes_and_every_change_is_audited(town):
    service = make_service(town)
    with auth.acting_as(LEADER_A):
        note_id = service.notes.add(page(service, "A"), "bản đầu")
    for user in (OTHER_A, TOWN):
        with auth.acting_as(user):
            with pytest.raises(NoteRefused):
                service.notes.edit(note_id, "sửa trộm")
            with pytest.raises(NoteRefused):
                service.notes.delete(note_id)
    assert note_rows(town)[0]["text"] == "bản đầu"
    with auth.acting_as(LEADER_A):
        service.notes.edit(note_id, "bản sửa")
    row = note_rows(town)[0]
    assert (row["text"], row["updated_by"]) == ("bản sửa", "lanh-dao-a")
    with auth.acting_as(ADMIN):
        service.notes.edit(note_id, "quản trị sửa")
        service.notes.delete(note_id)
    assert note_rows(town) == []
    edited = events(town, "note_edited")
    assert [(e["username"], e["detail"]["before"], e["detail"]["text"]) for e in reversed(edited)] == [
        ("lanh-dao-a", "bản đầu", "bản sửa"), ("quan-tri", "bản sửa", "quản trị sửa")]
    deleted = events(town, "note_deleted")
    assert [(e["username"], e["detail"]["author"], e["detail"]["text"]) for e in deleted] == [
        ("quan-tri", "lanh-dao-a", "quản trị sửa")]
    assert len([e for e in events(town, "refused") if e["detail"].get("note") == note_id]) == 4


@pytest.mark.parametrize("text, reason", [("   ", "empty"), ("x" * 501, "too_long")])
def test_a_note_is_short_plain_text(town, text, reason):
    service = make_service(town)
    with auth.acting_as(TOWN):
        with pytest.raises(NoteRefused) as refused:
            service.notes.add(page(service, "A"), text)
    assert refused.value.reason == reason and note_rows(town) == []


def test_the_note_callback_adds_edits_and_deletes(town):
    service = make_service(town)
    data = store("A")
    with auth.acting_as(LEADER_A):
        message, version, text, editing = note_action(service, ids.NOTE_SAVE, "họp chi bộ chậm", None, data, 0)
        assert (message, version, text, editing) == ("Đã lưu ghi chú.", 1, "", None)
        note_id = note_rows(town)[0]["id"]
        assert note_action(service, ids.note_edit(note_id), "", None, data, 1) == (
            "Đang sửa ghi chú; bấm Lưu ghi chú để ghi lại.", 1, "họp chi bộ chậm", note_id)
        assert note_action(service, ids.NOTE_SAVE, "họp chi bộ đúng hạn", note_id, data, 1)[:2] == (
            "Đã sửa ghi chú.", 2)
        assert note_action(service, ids.note_delete(note_id), "", None, data, 2)[:2] == ("Đã xóa ghi chú.", 3)
        refused = note_action(service, ids.NOTE_SAVE, "x", None, store("B"), 3)
    assert refused == ("Bạn không có quyền ghi chú ở đơn vị này hoặc sửa ghi chú này.", 3, "x", None)
    assert note_rows(town) == []


# --- a hand-made callback request (the demo app, Flask test client) ----------------------------


@pytest.fixture(scope="module")
def app(app_config):
    from dashboard.web.app import create_app

    return create_app(app_config)


def test_a_hand_made_request_cannot_note_another_commune(app):
    """The leader of Hà An (07168) posts the note callback with the store of Đông Mai
    (07135): refused, nothing written, the refusal audited; on Hà An it is written."""
    client = app.server.test_client()
    assert login(client, TEST_USERS["unit"][0], TEST_PASSWORD).status_code == 302
    key = next(k for k, s in server_callbacks(app).items() if any(d["id"] == ids.NOTE_SAVE for d in s["inputs"]))
    engine = app.service.engine

    def values(unit, text):
        def value_for(component_id, prop):
            if component_id == ids.NOTE_SAVE:
                return 1
            if component_id == ids.NOTE_TEXT:
                return text
            if component_id == ids.view("overview"):
                return {"page": "overview", "unit": unit, "village": None, "search": "?ngay=2026-11-27"}
            return None
        return value_for

    before = note_rows(engine)
    refusals = len(auth.audit_events(engine, 5000, "refused"))
    response = post_callback(client, callback_payload(app, key, values("07135", "chen ghi chú")))
    assert "Bạn không có quyền" in response_text(response)
    assert note_rows(engine) == before
    refused = auth.audit_events(engine, 5000, "refused")
    assert len(refused) > refusals and refused[0]["username"] == "t-unit"
    response = post_callback(client, callback_payload(app, key, values("07168", "bí thư mới kiện toàn 8/2025")))
    assert "Đã lưu ghi chú." in response_text(response)
    added = [r for r in note_rows(engine) if r not in before]
    assert [(r["text"], r["author"]) for r in added] == [("bí thư mới kiện toàn 8/2025", "t-unit")]
    with auth.acting_as(auth.AuthUser(1, "t-admin", "admin")):
        app.service.notes.delete(added[0]["id"])  # leave the shared demo as it was
    # the audit page lists and filters note events by name
    admin = app.server.test_client()
    assert login(admin, TEST_USERS["admin"][0], TEST_PASSWORD).status_code == 302
    page_text = admin.get("/nhat-ky?su-kien=note_added").get_data(as_text=True)
    assert "Thêm ghi chú" in page_text and "t-unit" in page_text
