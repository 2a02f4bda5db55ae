"""The review report (XLSX) and the Word report carry the cadre profile by unit and term
against term, from the registry, counted by hand on the commune of
tests/factory_profile.py for the year 2023 (read on 31/12/2023):

    X: 4 posts, 1 held by a woman (b): 25,0 %; a (63), c (38), b (48): average 49,7;
       theory trung cấp or above a, b, d: 3/4 = 75,0 %. Y: no post. Total = X.
    Term against term (T's total):
       K1 start 01/08/2015: 4 posts, 1 woman, no term before (no re-election rate),
          a 55, b 40, c 30 -> 41,7; cadres a, b, c: 0/3 trained; theory b = 1.
       K1 end 30/06/2020: a, a, b, d: 52,5; cadres a, b, d 0/3; theory b, d = 2.
       K2 start 01/08/2020: 3/4 re-elected; a 60, c 35, b 45 -> 46,7; cadres 0/4; theory 2.
       K2 end 31/12/2023 (in force): 3/4; 49,7; 0/4; theory 3.
"""
from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from dashboard.config import Config
from dashboard.service import DataService

from .factory_profile import build_profile_commune

TODAY = date(2024, 6, 30)


@pytest.fixture
def service(engine, as_town):
    build_profile_commune(engine)
    return DataService(Config(database_url="sqlite://", today=TODAY, load_demo_if_empty=False), engine)


def sheet_rows(book, title):
    rows = [list(r) for r in book[title].iter_rows(values_only=True)]
    return [r for r in rows if any(v is not None for v in r)]


def test_the_workbook_has_the_profile_and_term_against_term(service):
    content, _name = service.reports.review(None, "year", date(2023, 12, 31))
    book = load_workbook(io.BytesIO(content))
    assert "Cơ cấu đội ngũ" in book.sheetnames and "So sánh các nhiệm kỳ" in book.sheetnames
    rows = sheet_rows(book, "Cơ cấu đội ngũ")
    head = rows.index(["Tên đơn vị", "Mã", "Chức danh có người giữ", "Nữ giữ chức danh", "Tỷ lệ nữ",
                       "Người có năm sinh", "Tuổi bình quân", "LLCT trung cấp trở lên", "Tỷ lệ LLCT trung cấp+"])
    assert rows[head + 1:] == [
        ["Xã X", "X", 4, 1, 0.25, 3, 49.7, 3, 0.75],
        ["Xã Y", "Y", 0, 0, None, 0, None, 0, None],
        ["Tổng cộng", None, 4, 1, 0.25, 3, 49.7, 3, 0.75],
    ]
    notes = " ".join(str(r[0]) for r in rows[:head])
    assert "dưới 10,0 %" in notes and "trên 55,0 tuổi" in notes and "dưới 30,0 %" in notes
    terms = sheet_rows(book, "So sánh các nhiệm kỳ")
    head = next(i for i, r in enumerate(terms) if r[0] == "Nhiệm kỳ")
    assert [[r[0], r[1], r[3], r[7], r[8], r[9], r[10], r[11], r[12], r[13]] for r in terms[head + 1:]] == [
        ["K1", "Đầu nhiệm kỳ", 4, 0, None, 1, 41.7, 1, 3, 0],
        ["K1", "Cuối nhiệm kỳ", 4, 0, None, 1, 52.5, 2, 3, 0],
        ["K2", "Đầu nhiệm kỳ", 4, 3, 0.75, 1, 46.7, 2, 4, 0],
        ["K2", "Cuối nhiệm kỳ", 4, 3, 0.75, 1, 49.7, 3, 4, 0],
    ]


def test_the_word_report_has_the_profile_part(service):
    content, _name = service.reports.document(None, "year", date(2023, 12, 31))
    doc = Document(io.BytesIO(content))
    text = [p.text for p in doc.paragraphs]
    part = text.index("III. CƠ CẤU ĐỘI NGŨ BÍ THƯ CHI BỘ, TRƯỞNG THÔN, KHU")
    assert text[part + 1] == "1. Theo đơn vị, ngày 31/12/2023"
    assert text.index("IV. ĐƠN VỊ CẦN CHÚ Ý") > part
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]
    profile = next(t for t in tables if t[0][2:] == ["Nữ giữ chức danh", "Tuổi bình quân",
                                                    "Lý luận chính trị trung cấp trở lên"])
    assert profile[1:] == [
        ["1", "Xã X", "1/4\n25,0 %", "49,7", "3/4\n75,0 %"],
        ["2", "Xã Y", "—", "—", "—"],
        ["", "Tổng cộng", "1/4\n25,0 %", "49,7", "3/4\n75,0 %"],
    ]
    terms = next(t for t in tables if t[0][0] == "Nhiệm kỳ")
    assert terms[0] == ["Nhiệm kỳ", "Thời điểm", "Chức danh có người giữ", "Nữ", "Tái cử", "Tuổi bình quân",
                        "Đã bồi dưỡng", "LLCT trung cấp trở lên"]
    assert terms[1:] == [
        ["K1", "Đầu nhiệm kỳ\n01/08/2015", "4", "1", "—", "41,7", "0/3", "1"],
        ["K1", "Cuối nhiệm kỳ\n30/06/2020", "4", "1", "—", "52,5", "0/3", "2"],
        ["K2", "Đầu nhiệm kỳ\n01/08/2020", "4", "1", "3/4", "46,7", "0/4", "2"],
        ["K2", "Cuối nhiệm kỳ\n31/12/2023", "4", "1", "3/4", "49,7", "0/4", "3"],
    ]
