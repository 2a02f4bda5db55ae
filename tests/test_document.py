"""The Word report (``dashboard.document``) on the tiny town of ``tests/factory.py``, with
every figure counted by hand; the review events (import, report); one oversight rule for a
village (the summary and the village page agree).

The tiny town on 31/12/2018 (quarter 4/2018; the previous quarter is 3/2018):
    children A (A1, A2), B (B1, B2), D (none); C does not exist yet.
    unified: A1 and B2 -> A 1/2, B 1/2, total 2/4 (50,0 %), the same on 30/09/2018.
    cadres: p1, p2, p3 (A), p5, p6 (B); trained: p1 (K1 ended 04/11/2018) -> A 1/3, B 0/2,
        total 1/5 (20,0 %); on 30/09/2018 0/5 -> up 20,0 points.
    boards whose term meets Q4: BA (A), BB and GB (B); active in Q4: BA (20/11/2018) ->
        A 1/1, B 0/2, total 1/3 (33,3 %); Q3: GB active (15/07/2018) -> 1/3, unchanged.
    recommendations in Q4: none (0/0).
    briefings due Oct-Dec for A, B, D = 9; held: A 3 -> 3/9 (33,3 %); Q3: A 3 + B 2 (Jul,
        Aug) = 5/9 -> down 22,2 points.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import date

import pytest
from click.testing import CliRunner
from docx import Document

from dashboard import db
from dashboard.cli import main
from dashboard.config import Config
from dashboard.definitions import HEADLINE, INDICATORS
from dashboard.document import default_header
from dashboard.importer import Source, run_import
from dashboard.indicators.view import View
from dashboard.service import DataService
from dashboard.village import village_activities

from .factory import build_tiny_town
from .importing import small_town, workbook_bytes

TODAY = date(2019, 3, 31)


@pytest.fixture
def tiny(engine, as_town):
    build_tiny_town(engine)
    return DataService(Config(database_url="sqlite://", today=TODAY, load_demo_if_empty=False), engine)


def document(service, *args, **kwargs) -> Document:
    content, _name = service.reports.document(*args, **kwargs)
    return Document(io.BytesIO(content))


def body(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_the_document_has_the_party_form(tiny):
    doc = document(tiny, None, "quarter", date(2018, 12, 31), number="12", signer="Nguyễn Văn Một")
    section = doc.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin)
    assert [round(size.mm) for size in sizes] == [210, 297, 20, 20, 30, 15]  # A4; Word stores twips
    assert doc.styles["Normal"].font.name == "Times New Roman"
    header = doc.tables[0].rows[0].cells
    left = [p.text for p in header[0].paragraphs]
    right = [p.text for p in header[1].paragraphs]
    assert left == ["ĐẢNG BỘ TỈNH QUẢNG NINH", "THỊ ỦY T", "*", "Số 12-BC/TU"]
    assert header[0].paragraphs[1].runs[0].bold and not header[0].paragraphs[0].runs[0].bold
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Yên, ngày 31 tháng 12 năm 2018"]
    assert header[1].paragraphs[0].runs[0].bold and header[1].paragraphs[1].runs[0].italic
    text = body(doc)
    assert text[1:3] == ["BÁO CÁO", "kết quả công tác cán bộ cơ sở quý 4/2018"]
    signature = doc.tables[-1].rows[0].cells
    assert signature[0].paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in signature[1].paragraphs if p.text] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Một"]
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run.font.name == "Times New Roman"


def test_the_sentences_state_the_hand_counted_figures(tiny):
    text = body(document(tiny, None, "quarter", date(2018, 12, 31)))
    part = text.index("I. KẾT QUẢ THỰC HIỆN")
    assert text[part - 1] == ("Căn cứ số liệu cập nhật đến ngày 31/12/2018, Ban Thường vụ Thị ủy T báo cáo kết quả công tác "
                       "cán bộ cơ sở của thị xã T quý 4/2018 như sau:")
    assert text[part + 1:part + 6] == [
        "- Nhất thể hóa: Toàn thị xã T có 2/4 thôn, khu thực hiện mô hình bí thư chi bộ đồng thời là trưởng thôn, "
        "khu (50,0 %), không đổi so với quý 3/2018; 2 đơn vị chưa đạt: phường B (1/2), xã A (1/2).",
        "- Hoàn thành bồi dưỡng: Toàn thị xã T có 1/5 cán bộ đương chức đã hoàn thành bồi dưỡng (20,0 %), tăng 20,0 "
        "điểm phần trăm so với quý 3/2018; 2 đơn vị chưa đạt: phường B (0/2), xã A (1/3).",
        "- Ban có hoạt động: Toàn thị xã T có 1/3 ban giám sát có hoạt động trong kỳ (33,3 %), không đổi so với "
        "quý 3/2018; 1 đơn vị chưa đạt: phường B (0/2).",
        "- Kiến nghị đã giải quyết: Toàn thị xã T chưa có kiến nghị nào để tính chỉ tiêu này.",
        "- Giao ban hằng tháng: Toàn thị xã T có 3/9 tháng có giao ban trên số tháng phải giao ban (33,3 %), giảm "
        "22,2 điểm phần trăm so với quý 3/2018; 2 đơn vị chưa đạt: phường B (0/3), xã D (0/3).",
    ]


def test_the_table_by_unit_holds_the_figures(tiny):
    doc = document(tiny, None, "quarter", date(2018, 12, 31))
    table = doc.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["TT", "Đơn vị", "Nhất thể hóa", "Hoàn thành bồi dưỡng", "Ban có hoạt động",
                       "Kiến nghị đã giải quyết", "Giao ban hằng tháng"]
    assert rows[1:] == [
        ["1", "Xã A", "1/2\n50,0 %", "1/3\n33,3 %", "1/1\n100,0 %", "—", "3/3\n100,0 %"],
        ["2", "Phường B", "1/2\n50,0 %", "0/2\n0,0 %", "0/2\n0,0 %", "—", "0/3\n0,0 %"],
        ["3", "Xã D", "—", "—", "—", "—", "0/3\n0,0 %"],
        ["", "Tổng cộng", "2/4\n50,0 %", "1/5\n20,0 %", "1/3\n33,3 %", "—", "3/9\n33,3 %"],
    ]


def test_the_document_and_the_summary_state_the_same_numbers(tmp_path, monkeypatch, as_town):
    """The Word report for a day (12 months to it) and ``grassroots summary`` on that day."""
    url = f"sqlite:///{tmp_path / 'tiny.db'}"
    engine = db.make_engine(url)
    db.upgrade_schema(engine)
    build_tiny_town(engine)
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", url)
    monkeypatch.setenv("GRASSROOTS_TODAY", TODAY.isoformat())
    for unit in (None, "A", "B1"):
        extra = ["--unit", unit] if unit else []
        result = CliRunner().invoke(main, ["summary", "--as-of", "2018-12-31", "--json", *extra])
        assert result.exit_code == 0, result.output
        payload = json.loads(result.output)
        out = tmp_path / f"r-{unit}.docx"
        made = CliRunner().invoke(main, ["report", "--period", "2018-12-31", "--format", "docx", "--out", str(out),
                                         *extra])
        assert made.exit_code == 0, made.output
        rows = [[c.text for c in row.cells] for row in Document(str(out)).tables[1].rows][1:]
        expected = []
        for record in payload["units"] + [payload["total"]]:
            cells = []
            for key in HEADLINE:
                indicator = INDICATORS[key]
                num, den = record[indicator.numerator], record[indicator.denominator]
                cells.append(f"{num}/{den}" if den else "—")
            expected.append(cells)
        assert [[cell.split("\n")[0] for cell in row[2:]] for row in rows] == expected


def test_a_village_counts_the_activities_about_it_everywhere(tiny):
    """GB (a project's board of B in village B1): its 15/07/2018 supervision (1 made, 1
    resolved) counts for B1 in the summary, as on the village page."""
    period = tiny.period("day", date(2018, 12, 31))
    resolved = tiny.resolve("B1", period, "as-of", tiny.scope())
    total = tiny.overview.summary(resolved.view).iloc[-1]
    assert (int(total["activities"]), int(total["recommendations"]), int(total["resolved"])) == (1, 1, 1)
    with tiny.engine.connect() as conn:
        listed = village_activities(conn, View(resolved.unit.id, period, "as-of", resolved.view.scope))
    assert (len(listed), int(listed["recommendations_made"].sum()), int(listed["recommendations_resolved"].sum())) \
        == (1, 1, 1)


def test_after_the_town_level_ended_the_owner_of_the_data_issues_it():
    config = Config()
    before = default_header(config, "thi_xa", "Quảng Yên", date(2025, 6, 30))
    after = default_header(config, "khu_vuc", "Quảng Yên", date(2025, 7, 1))
    assert (before.issuing_body, before.symbol, before.signer_for) == ("THỊ ỦY QUẢNG YÊN", "BC/TU", "T/M BAN THƯỜNG VỤ")
    assert (after.higher_body, after.issuing_body, after.symbol) == (
        "TỈNH ỦY QUẢNG NINH", "BAN TỔ CHỨC TỈNH ỦY QUẢNG NINH", "BC/BTCTU")
    owned = default_header(Config(report_owner="Đảng ủy phường Quảng Yên"), "khu_vuc", "Quảng Yên", date(2026, 1, 1))
    assert owned.issuing_body == "ĐẢNG ỦY PHƯỜNG QUẢNG YÊN"


REVIEW = {"code": "SK-1", "name": "Sơ kết thực hiện Chỉ thị 12-CT/TU", "kind": "so_ket",
          "directive": "Chỉ thị 12-CT/TU", "start_date": date(2023, 7, 1), "date": date(2023, 9, 30),
          "number": "15-BC/TU", "unit": "T"}


def test_reviews_are_imported_listed_and_written(engine, as_admin):
    """The small town of ``tests/importing.py`` with a review: A-01 and B-01 unified from
    01/07/2023 (A-02 has two people): 2/3 at the end; the start (01/07/2023) is the posts'
    first day, so 2/3 there too."""
    rows = small_town()
    rows["review"] = [dict(REVIEW, kind="Sơ kết")]
    result = run_import(engine, [Source("xa.xlsx", workbook_bytes(rows))], "kiểm thử")
    assert result.ok, [p.text() for p in result.problems]
    assert result.counts["review"]["inserted"] == 1
    service = DataService(Config(database_url="sqlite://", today=date(2023, 10, 31), load_demo_if_empty=False), engine)
    assert [(r["code"], r["kind"], r["date"], r["number"], r["unit"]) for r in service.reports.reviews()] == [
        ("SK-1", "so_ket", date(2023, 9, 30), "15-BC/TU", "Thị xã Thử")]
    doc = document(service, None, "day", date(2023, 9, 30), review_code="SK-1")
    text = body(doc)
    assert text[2] == "Sơ kết thực hiện Chỉ thị 12-CT/TU"
    assert text[text.index("I. KẾT QUẢ THỰC HIỆN") + 1] == ("- Nhất thể hóa: Toàn thị xã Thử có 2/3 thôn, khu thực hiện mô hình bí thư chi bộ đồng thời là "
                       "trưởng thôn, khu (66,7 %), không đổi so với lúc bắt đầu (01/07/2023: 2/3); 1 đơn vị chưa đạt: "
                       "xã An Lạc (1/2).")
    assert "- Sơ kết thực hiện Chỉ thị 12-CT/TU (văn bản số 15-BC/TU ngày 30/09/2023 của Thị xã Thử)." in text
    with pytest.raises(LookupError):
        service.reports.document(None, "day", date(2023, 9, 30), review_code="SK-404")


def test_a_review_row_with_its_dates_reversed_is_refused(engine, as_admin):
    rows = small_town()
    rows["review"] = [dict(REVIEW, kind="Tổng kết", start_date=date(2023, 10, 1))]
    result = run_import(engine, [Source("xa.xlsx", workbook_bytes(rows))], "kiểm thử")
    assert not result.ok
    assert any("Sơ kết, tổng kết" in p.text() and "Ngày sơ kết, tổng kết" in p.text() for p in result.problems)


@pytest.mark.slow
def test_the_document_renders_to_pdf(tiny, tmp_path):
    """LibreOffice (Debian's libreoffice-writer) opens the document and lays out its pages."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    content, name = tiny.reports.document(None, "quarter", date(2018, 12, 31))
    (tmp_path / name).write_bytes(content)
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / name)],
                   check=True, capture_output=True, timeout=120)
    text = subprocess.run(["pdftotext", str(tmp_path / name.replace(".docx", ".pdf")), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BÁO CÁO" in text and "Nơi nhận:" in text


def test_the_word_link_of_a_page_downloads_its_report(engine, as_admin):
    """``/bao-cao-word/<unit>`` with a page's query: the unit's report for that period;
    404 for a unit that does not exist; the login page without a session."""
    from dashboard import auth
    from dashboard.web.app import create_app

    from .web import login

    build_tiny_town(engine)
    auth.add_user(engine, "lan", "mat-khau-du-dai-1", "town", must_change=False)
    config = Config(database_url="sqlite://", today=TODAY, load_demo_if_empty=False, secret_key="test",
                    response_cache=False)
    client = create_app(config, DataService(config, engine)).server.test_client()
    assert client.get("/bao-cao-word/A?ky=quy&ngay=2018-12-31").status_code == 302
    login(client, "lan", "mat-khau-du-dai-1")
    answer = client.get("/bao-cao-word/A?ky=quy&ngay=2018-12-31")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == 'attachment; filename="bao-cao-ket-qua-a-2018-12-31.docx"'
    text = [p.text for p in Document(io.BytesIO(answer.data)).paragraphs]
    assert "- Nhất thể hóa: Toàn xã A có 1/2 thôn, khu thực hiện mô hình bí thư chi bộ đồng thời là trưởng thôn, khu " \
           "(50,0 %), không đổi so với quý 3/2018; 1 đơn vị chưa đạt: thôn A2 (0/1)." in text
    assert client.get("/bao-cao-word/KHONG?ky=quy").status_code == 404
