"""The import template: one workbook, one sheet per kind of record.

This module is the file format. Each sheet has a header row (Vietnamese, exact), a notes
row that explains each column, then the data from row 3. Columns with fixed values carry
an Excel data-validation list. The importer (``dashboard.importer``) reads the same
definitions, so the template, the import and the full export (``grassroots export``)
never disagree.

Rows refer to units by code, resolved on the row's date (a code is reused after a merger),
and to people by ``Mã cán bộ``, a key the committee chooses (never an identity number).
Natural keys (a re-import updates the row with the same key, never duplicates it):
unit (code, valid_from); membership (unit, parent, from); succession (old, new);
term code; person key; post (village, role, start); topic code; course code;
participation (course, person); board code; activity code; briefing (unit, date).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from . import i18n
from .vocabulary import SHEET_TITLES
from .models import (
    Board,
    BoardActivity,
    Course,
    Person,
    Review,
    Term,
    Topic,
    Unit,
)

HEADER_ROW = 1
NOTES_ROW = 2
FIRST_DATA_ROW = 3
LIST_SEPARATOR = ","


# --- vocabularies: fixed values of a column (stored key, label written in the file) -------

def _labels(table: dict[str, tuple[str, str]], overrides: dict[str, str] | None = None):
    overrides = overrides or {}
    return tuple((key, overrides.get(key, pair[0])) for key, pair in table.items())


VOCABULARIES: dict[str, tuple[tuple[object, str], ...]] = {
    # "Thành phố" names two kinds; the file spells the centrally governed one out.
    "unit_kind": _labels(i18n.UNIT_KIND_LABELS, {"thanh_pho_tw": "Thành phố trực thuộc trung ương"}),
    "role": _labels(i18n.ROLE_LABELS),
    "course_kind": _labels(i18n.COURSE_KIND_LABELS),
    "board_kind": _labels(i18n.BOARD_KIND_SHORT),
    # files keep the short word "Đơn thư" (the pages say "Tiếp nhận, xử lý đơn thư")
    "activity_kind": _labels(i18n.ACTIVITY_KIND_LABELS, {"petition": "Đơn thư"}),
    "gender": (("nam", "Nam"), ("nu", "Nữ")),
    "yes_no": ((True, "Có"), (False, "Không")),
    "review_kind": _labels(i18n.REVIEW_KIND_LABELS),
    **{attribute: _labels(labels) for attribute, labels in i18n.PROFILE_LABELS.items()},
}


# The "Danh mục" sheet's column headers for the lists (the clerk reads them).
VOCABULARY_TITLES = {
    "unit_kind": "Loại đơn vị",
    "role": "Chức danh",
    "course_kind": "Loại lớp",
    "board_kind": "Loại ban",
    "activity_kind": "Loại hoạt động",
    "gender": "Giới tính",
    "yes_no": "Có / Không",
    "review_kind": "Sơ kết, tổng kết",
    "ethnicity": "Dân tộc",
    "education": "Giáo dục phổ thông",
    "qualification": "Chuyên môn, nghiệp vụ",
    "theory": "Lý luận chính trị",
}


def vocabulary_label(vocabulary: str, value) -> str:
    """The label the file uses for a stored value (the value itself when unknown)."""
    for key, label in VOCABULARIES[vocabulary]:
        if key == value:
            return label
    return str(value)


# --- columns and sheets ---------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One column of a sheet.

    kind: text | code | date | int | float | choice | codes (a comma-separated list).
    vocabulary: for ``choice``, a key of ``VOCABULARIES``. default: the value of an empty
    optional cell (None: NULL). max_length: for text and codes, from the model.
    minimum: for numbers.
    """

    key: str
    header: str
    kind: str
    note: str
    required: bool = False
    vocabulary: str | None = None
    default: object = None
    max_length: int | None = None
    minimum: float | None = 0


@dataclass(frozen=True)
class Sheet:
    key: str      # the table it fills
    title: str    # the sheet's name in the workbook (Excel: at most 31 characters)
    note: str     # what a row is, for the instructions sheet
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    @property
    def headers(self) -> list[str]:
        return [f.header for f in self.fields]


def _len(column) -> int:
    return column.type.length


UNIT_CODE_NOTE = "Mã chính thức (mã xã, phường theo danh mục hành chính) hoặc mã thôn, khu do đơn vị đặt"

SHEETS: tuple[Sheet, ...] = (
    Sheet("unit", SHEET_TITLES["unit"], "Mỗi dòng là một đơn vị (tỉnh, huyện, xã, phường, thôn, khu) trong một khoảng thời gian hiệu lực.", (
        Field("code", "Mã đơn vị", "code", UNIT_CODE_NOTE + "; một mã có thể được dùng lại cho đơn vị mới sau sáp nhập (khác ngày hiệu lực)",
              True, max_length=_len(Unit.__table__.c.code)),
        Field("name", "Tên đơn vị", "text", "Tên không kèm loại đơn vị (xã, phường), ví dụ: Hoàng Tân; thôn, khu đặt tên theo số ghi như tên thường gọi, ví dụ: Thôn 4 hoặc 4", True,
              max_length=_len(Unit.__table__.c.name)),
        Field("kind", "Loại đơn vị", "choice", "Chọn trong danh sách: Xã, Phường, Thôn, Khu ...", True, "unit_kind"),
        Field("valid_from", "Hiệu lực từ ngày", "date", "Ngày đơn vị bắt đầu tồn tại (dd/mm/yyyy)", True),
        Field("valid_to", "Hiệu lực đến ngày", "date", "Ngày cuối cùng đơn vị tồn tại; để trống nếu còn hiệu lực"),
    )),
    Sheet("unit_membership", SHEET_TITLES["unit_membership"], "Đơn vị nào thuộc đơn vị cấp trên nào, từ ngày nào đến ngày nào (thôn thuộc xã, xã thuộc huyện).", (
        Field("unit", "Mã đơn vị", "code", "Mã đơn vị cấp dưới (xác định theo cột Từ ngày)", True, max_length=_len(Unit.__table__.c.code)),
        Field("parent", "Mã đơn vị cấp trên", "code", "Mã đơn vị cấp trên (xác định theo cột Từ ngày)", True,
              max_length=_len(Unit.__table__.c.code)),
        Field("valid_from", "Từ ngày", "date", "Ngày bắt đầu trực thuộc (dd/mm/yyyy)", True),
        Field("valid_to", "Đến ngày", "date", "Ngày cuối cùng trực thuộc; để trống nếu còn trực thuộc"),
    )),
    Sheet("unit_succession", SHEET_TITLES["unit_succession"], "Đơn vị cũ chấm dứt và (một phần) trở thành đơn vị mới khi sáp nhập, chia tách.", (
        Field("predecessor", "Mã đơn vị cũ", "code", "Mã đơn vị chấm dứt (xác định vào ngày trước ngày sáp nhập)", True,
              max_length=_len(Unit.__table__.c.code)),
        Field("successor", "Mã đơn vị mới", "code", "Mã đơn vị kế thừa (xác định vào ngày sáp nhập)", True,
              max_length=_len(Unit.__table__.c.code)),
        Field("date", "Ngày sáp nhập", "date", "Ngày đơn vị mới bắt đầu (dd/mm/yyyy)", True),
        Field("is_primary", "Kế thừa chính", "choice",
              "Có: số liệu của đơn vị cũ được cộng vào đơn vị mới này; Không: chỉ nhận một phần (đơn vị bị chia tách)",
              False, "yes_no", default=True),
    )),
    Sheet("term", SHEET_TITLES["term"], "Các nhiệm kỳ của chi bộ và trưởng thôn, khu.", (
        Field("code", "Mã nhiệm kỳ", "code", "Ví dụ: 2025-2027", True, max_length=_len(Term.__table__.c.code)),
        Field("name", "Tên nhiệm kỳ", "text", "Ví dụ: Nhiệm kỳ 2025–2027", True, max_length=_len(Term.__table__.c.name)),
        Field("start_date", "Từ ngày", "date", "Ngày bắt đầu nhiệm kỳ (dd/mm/yyyy)", True),
        Field("end_date", "Đến ngày", "date", "Ngày kết thúc nhiệm kỳ (dd/mm/yyyy)", True),
    )),
    Sheet("person", SHEET_TITLES["person"], "Mỗi dòng là một cán bộ. Không ghi số định danh, ngày sinh, địa chỉ, số điện thoại.", (
        Field("key", "Mã cán bộ", "code", "Mã do đơn vị đặt, không đổi theo thời gian (ví dụ QY00123); không dùng số căn cước", True,
              max_length=_len(Person.__table__.c.key)),
        Field("full_name", "Họ và tên", "text", "Họ và tên đầy đủ, có dấu", True, max_length=_len(Person.__table__.c.full_name)),
        Field("gender", "Giới tính", "choice", "Nam hoặc Nữ", False, "gender"),
        Field("birth_year", "Năm sinh", "int", "Chỉ ghi năm (ví dụ 1975); có thể để trống", minimum=1900),
    )),
    Sheet("post", SHEET_TITLES["post"], "Ai giữ chức danh nào ở thôn, khu nào, từ ngày nào đến ngày nào.", (
        Field("person", "Mã cán bộ", "code", "Mã cán bộ (có ở trang Cán bộ hoặc đã có trong dữ liệu)", True,
              max_length=_len(Person.__table__.c.key)),
        Field("village", "Mã thôn, khu", "code", "Mã thôn, khu (xác định theo cột Từ ngày)", True, max_length=_len(Unit.__table__.c.code)),
        Field("role", "Chức danh", "choice", "Bí thư chi bộ, Trưởng thôn, khu, Phó bí thư chi bộ, Phó trưởng thôn, khu", True, "role"),
        Field("term", "Mã nhiệm kỳ", "code", "Mã nhiệm kỳ (trang Nhiệm kỳ); có thể để trống", max_length=_len(Term.__table__.c.code)),
        Field("start_date", "Từ ngày", "date", "Ngày bắt đầu giữ chức (dd/mm/yyyy)", True),
        Field("end_date", "Đến ngày", "date", "Ngày thôi giữ chức; để trống nếu đang giữ chức"),
        Field("first_time", "Lần đầu giữ chức", "choice", "Có: lần đầu giữ chức danh này; Không: tái cử", False, "yes_no",
              default=False),
    )),
    Sheet("topic", SHEET_TITLES["topic"], "Danh mục chuyên đề bồi dưỡng.", (
        Field("code", "Mã chuyên đề", "code", "Ví dụ: CD1", True, max_length=_len(Topic.__table__.c.code)),
        Field("name", "Tên chuyên đề", "text", "Tên đầy đủ của chuyên đề", True, max_length=_len(Topic.__table__.c.name)),
    )),
    Sheet("course", SHEET_TITLES["course"], "Mỗi dòng là một lớp bồi dưỡng, buổi tập huấn hoặc tọa đàm.", (
        Field("code", "Mã lớp", "code", "Mã do đơn vị đặt, ví dụ TX-2025-L1", True, max_length=_len(Course.__table__.c.code)),
        Field("title", "Tên lớp", "text", "Tên lớp, buổi tập huấn, tọa đàm", True, max_length=_len(Course.__table__.c.title)),
        Field("organiser", "Mã đơn vị tổ chức", "code", "Mã đơn vị mở lớp (xác định theo cột Từ ngày)", True,
              max_length=_len(Unit.__table__.c.code)),
        Field("kind", "Loại lớp", "choice", "Lớp bồi dưỡng, Tập huấn hoặc Tọa đàm", True, "course_kind"),
        Field("start_date", "Từ ngày", "date", "Ngày khai giảng (dd/mm/yyyy)", True),
        Field("end_date", "Đến ngày", "date", "Ngày bế giảng (dd/mm/yyyy)", True),
        Field("days", "Số ngày học", "float", "Số ngày lớp học (ví dụ 4 hoặc 0,5)", True),
        Field("topics", "Mã chuyên đề", "codes", "Các mã chuyên đề, cách nhau bằng dấu phẩy (ví dụ CD1, CD2)",
              max_length=_len(Topic.__table__.c.code)),
    )),
    Sheet("participation", SHEET_TITLES["participation"], "Mỗi dòng là một lượt học viên được triệu tập dự một lớp.", (
        Field("course", "Mã lớp", "code", "Mã lớp (trang Lớp bồi dưỡng hoặc đã có trong dữ liệu)", True,
              max_length=_len(Course.__table__.c.code)),
        Field("person", "Mã cán bộ", "code", "Mã cán bộ", True, max_length=_len(Person.__table__.c.key)),
        Field("unit", "Mã đơn vị của học viên", "code", "Thôn, khu (hoặc xã, phường) nơi học viên công tác khi dự lớp", True,
              max_length=_len(Unit.__table__.c.code)),
        Field("days_attended", "Số ngày tham dự", "float", "Không lớn hơn số ngày học của lớp", True),
        Field("completed", "Hoàn thành", "choice", "Có hoặc Không", True, "yes_no"),
        Field("certificate", "Giấy chứng nhận", "choice", "Có: được cấp giấy chứng nhận", False, "yes_no", default=False),
    )),
    Sheet("board", SHEET_TITLES["board"], "Mỗi dòng là một Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng trong một nhiệm kỳ.", (
        Field("code", "Mã ban", "code", "Mã do đơn vị đặt, ví dụ TTND-07156-2025", True, max_length=_len(Board.__table__.c.code)),
        Field("kind", "Loại ban", "choice", "Ban TTND hoặc Ban GSĐTCĐ", True, "board_kind"),
        Field("unit", "Mã xã, phường", "code", "Xã, phường có ban (xác định theo cột Từ ngày)", True,
              max_length=_len(Unit.__table__.c.code)),
        Field("name", "Tên ban", "text", "Tên đầy đủ của ban", True, max_length=_len(Board.__table__.c.name)),
        Field("project", "Công trình, dự án", "text", "Với Ban GSĐTCĐ: công trình, dự án được giám sát",
              max_length=_len(Board.__table__.c.project)),
        Field("village", "Mã thôn, khu", "code", "Thôn, khu nơi có công trình (nếu có)", max_length=_len(Unit.__table__.c.code)),
        Field("valid_from", "Từ ngày", "date", "Ngày ban bắt đầu hoạt động (dd/mm/yyyy)", True),
        Field("valid_to", "Đến ngày", "date", "Ngày kết thúc nhiệm kỳ của ban; để trống nếu đang hoạt động"),
        Field("members", "Số thành viên", "int", "Số thành viên của ban", False, default=0),
    )),
    Sheet("board_activity", SHEET_TITLES["board_activity"], "Mỗi dòng là một việc ban giám sát đã làm trong một ngày.", (
        Field("code", "Mã hoạt động", "code", "Mã do đơn vị đặt, không trùng, ví dụ TTND-07156-2025-001", True,
              max_length=_len(BoardActivity.__table__.c.code)),
        Field("board", "Mã ban", "code", "Mã ban (trang Ban giám sát hoặc đã có trong dữ liệu)", True,
              max_length=_len(Board.__table__.c.code)),
        Field("date", "Ngày", "date", "Ngày thực hiện (dd/mm/yyyy)", True),
        Field("kind", "Loại hoạt động", "choice", "Họp, Giám sát, Kiểm tra, Kiến nghị, Đơn thư", True, "activity_kind"),
        Field("subject", "Nội dung", "text", "Nội dung giám sát, kiểm tra ...", True, max_length=_len(BoardActivity.__table__.c.subject)),
        Field("village", "Mã thôn, khu", "code", "Thôn, khu liên quan (nếu có)", max_length=_len(Unit.__table__.c.code)),
        Field("violations_found", "Số vi phạm phát hiện", "int", "Số nguyên, để trống là 0", default=0),
        Field("recommendations_made", "Số kiến nghị", "int", "Số kiến nghị đã đưa ra", default=0),
        Field("recommendations_resolved", "Số kiến nghị đã giải quyết", "int", "Không lớn hơn số kiến nghị", default=0),
        Field("money_recovered", "Tiền thu hồi (đồng)", "int", "Số tiền, đơn vị đồng", default=0),
        Field("land_recovered_m2", "Đất thu hồi (m²)", "float", "Diện tích, đơn vị m²", default=0.0),
        Field("settlement_reduction", "Giảm trừ quyết toán (đồng)", "int", "Số tiền, đơn vị đồng", default=0),
    )),
    Sheet("review", SHEET_TITLES["review"], "Mỗi dòng là một đợt sơ kết hoặc tổng kết một chỉ thị, nghị quyết.", (
        Field("code", "Mã đợt", "code", "Mã duy nhất của đợt, ví dụ: SK-12CT-2018", True,
              max_length=_len(Review.__table__.c.code)),
        Field("name", "Tên đợt", "text", "Ví dụ: Sơ kết 2 năm thực hiện Chỉ thị 12-CT/TU", True,
              max_length=_len(Review.__table__.c.name)),
        Field("kind", "Loại", "choice", "Sơ kết hoặc Tổng kết", True, "review_kind"),
        Field("directive", "Chỉ thị, nghị quyết", "text", "Ví dụ: Chỉ thị 12-CT/TU", True,
              max_length=_len(Review.__table__.c.directive)),
        Field("start_date", "Từ ngày", "date", "Ngày bắt đầu thực hiện (dd/mm/yyyy), để so sánh đầu kỳ và cuối kỳ"),
        Field("date", "Ngày sơ kết, tổng kết", "date", "dd/mm/yyyy", True),
        Field("number", "Số văn bản", "text", "Ví dụ: 125-BC/TU", max_length=_len(Review.__table__.c.number)),
        Field("unit", "Mã đơn vị ban hành", "code", "Đơn vị tổ chức sơ kết, tổng kết (xác định theo ngày)", True,
              max_length=_len(Unit.__table__.c.code)),
    )),
    Sheet("briefing", SHEET_TITLES["briefing"], "Mỗi dòng là một buổi giao ban hằng tháng của xã, phường với cán bộ thôn, khu.", (
        Field("unit", "Mã xã, phường", "code", "Xã, phường tổ chức giao ban (xác định theo ngày giao ban)", True,
              max_length=_len(Unit.__table__.c.code)),
        Field("date", "Ngày giao ban", "date", "dd/mm/yyyy", True),
        Field("attendees", "Số người dự", "int", "Số người dự giao ban", False, default=0),
        Field("note", "Ghi chú", "text", "Có thể để trống", max_length=2000),
    )),
    Sheet("person_attribute", SHEET_TITLES["person_attribute"],
          "Trình độ, dân tộc, ngày vào Đảng của cán bộ, kể từ ngày có hiệu lực: mỗi lần thay đổi một dòng "
          "(ví dụ tốt nghiệp trung cấp lý luận chính trị năm 2024: một dòng Từ ngày là ngày cấp bằng). "
          "Ô để trống: không thay đổi. Trang này có thể bỏ trống.", (
        Field("person", "Mã cán bộ", "code", "Mã cán bộ (trang Cán bộ hoặc đã có trong dữ liệu)", True,
              max_length=_len(Person.__table__.c.key)),
        Field("valid_from", "Từ ngày", "date", "Ngày bắt đầu có trình độ (ngày cấp bằng) hoặc thông tin này (dd/mm/yyyy)",
              True),
        Field("ethnicity", "Dân tộc", "choice", "Chọn trong danh sách; có thể để trống", False, "ethnicity"),
        Field("education", "Giáo dục phổ thông", "choice", "5/12, 9/12 hoặc 12/12; có thể để trống", False, "education"),
        Field("qualification", "Chuyên môn, nghiệp vụ", "choice",
              "Chưa qua đào tạo, Sơ cấp, Trung cấp, Cao đẳng, Đại học, Sau đại học", False, "qualification"),
        Field("theory", "Lý luận chính trị", "choice", "Chưa qua đào tạo, Sơ cấp, Trung cấp, Cao cấp, Cử nhân", False,
              "theory"),
        Field("party_since", "Ngày vào Đảng", "date", "Ngày vào Đảng (dd/mm/yyyy); có thể để trống"),
    )),
)

D = date
# One example row per sheet, written on the template's first data row in grey italics and
# skipped by the importer while it is left exactly as written (``is_example_row``).
EXAMPLES: dict[str, dict] = {
    "unit": {"code": "07147-01", "name": "Thôn 1", "kind": "thon", "valid_from": D(2025, 7, 1)},
    "unit_membership": {"unit": "07147-01", "parent": "07147", "valid_from": D(2025, 7, 1)},
    "unit_succession": {"predecessor": "07150", "successor": "07147", "date": D(2025, 7, 1), "is_primary": True},
    "term": {"code": "2025-2030", "name": "Nhiệm kỳ 2025–2030", "start_date": D(2025, 10, 1),
             "end_date": D(2030, 9, 30)},
    "person": {"key": "QY00123", "full_name": "Nguyễn Văn An", "gender": "nam", "birth_year": 1975},
    "post": {"person": "QY00123", "village": "07147-01", "role": "secretary", "term": "2025-2030",
             "start_date": D(2025, 10, 1), "first_time": True},
    "topic": {"code": "CD1", "name": "Nghiệp vụ công tác đảng ở chi bộ"},
    "course": {"code": "QY-2026-L1", "title": "Lớp bồi dưỡng cán bộ thôn, khu năm 2026", "organiser": "07147",
               "kind": "boi_duong", "start_date": D(2026, 3, 9), "end_date": D(2026, 3, 12), "days": 4,
               "topics": ["CD1", "CD2"]},
    "participation": {"course": "QY-2026-L1", "person": "QY00123", "unit": "07147-01", "days_attended": 4,
                      "completed": True, "certificate": True},
    "board": {"code": "TTND-07147-2025", "kind": "bttnd", "unit": "07147", "name": "Ban Thanh tra nhân dân phường Hiệp Hòa",
              "valid_from": D(2025, 10, 1), "members": 5},
    "board_activity": {"code": "TTND-07147-2025-001", "board": "TTND-07147-2025", "date": D(2026, 1, 15),
                       "kind": "supervision", "subject": "Giám sát việc thu, chi quỹ của thôn", "village": "07147-01",
                       "violations_found": 0, "recommendations_made": 2, "recommendations_resolved": 1},
    "review": {"code": "SK-12CT-2026", "name": "Sơ kết thực hiện Chỉ thị 12-CT/TU", "kind": "so_ket",
               "directive": "Chỉ thị 12-CT/TU", "start_date": D(2025, 10, 1), "date": D(2026, 6, 30),
               "number": "125-BC/TU", "unit": "07147"},
    "briefing": {"unit": "07147", "date": D(2026, 1, 5), "attendees": 40, "note": "Giao ban tháng 1"},
    "person_attribute": {"person": "QY00123", "valid_from": D(2024, 6, 15), "ethnicity": "kinh", "education": "12/12",
                         "qualification": "dai_hoc", "theory": "trung_cap", "party_since": D(2001, 5, 19)},
}
EXAMPLE_NOTE = "Dòng ví dụ (chữ nghiêng, màu xám): giữ nguyên thì không được nhập; có thể ghi đè bằng số liệu thật."


def written(field: "Field", value):
    """A value as the template writes it into a cell (labels for fixed values, lists joined)."""
    if value is None:
        return None
    if field.kind == "choice":
        return vocabulary_label(field.vocabulary, value)
    if field.kind == "codes" and isinstance(value, (list, tuple)):
        return (LIST_SEPARATOR + " ").join(value)
    return value


def _same_cell(value) -> str:
    """A cell reduced to what a person sees, to compare with the example."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def is_example_row(sheet: "Sheet", cells: dict) -> bool:
    """True when ``cells`` (field key -> raw cell value) is the sheet's example as written."""
    example = EXAMPLES.get(sheet.key)
    if not example:
        return False
    return all(_same_cell(cells.get(f.key)) == _same_cell(written(f, example.get(f.key))) for f in sheet.fields)


SHEET_BY_KEY = {sheet.key: sheet for sheet in SHEETS}
SHEET_BY_TITLE = {sheet.title: sheet for sheet in SHEETS}
INSTRUCTIONS_TITLE = "Hướng dẫn"
LISTS_TITLE = "Danh mục"
# Sheets the template itself adds; they are read-only help and never imported.
HELP_SHEETS = (INSTRUCTIONS_TITLE, LISTS_TITLE)

INSTRUCTIONS = [
    "Mẫu nhập liệu công tác cán bộ cơ sở",
    "Mỗi trang là một loại số liệu. Dòng 1 là tên cột (không sửa), dòng 2 là ghi chú, số liệu bắt đầu từ dòng 3.",
    "Dòng 3 của mỗi trang là một dòng ví dụ (chữ nghiêng, màu xám): để nguyên thì không được nhập; có thể ghi đè lên.",
    "Trang Danh mục: các giá trị của cột có danh sách, và mã các đơn vị, cán bộ, ban, chuyên đề, nhiệm kỳ bạn được dùng (lấy từ dữ liệu khi tải mẫu).",
    "Ngày ghi theo dạng dd/mm/yyyy. Số thập phân dùng dấu phẩy (0,5). Các cột có danh sách: chọn trong danh sách.",
    "Đơn vị được xác định bằng mã và ngày của dòng (sau sáp nhập, đơn vị mới có thể dùng lại mã cũ).",
    "Cán bộ được xác định bằng Mã cán bộ do đơn vị đặt; không ghi số định danh, ngày sinh, địa chỉ, số điện thoại.",
    "Nhập lại cùng một tệp không làm thay đổi số liệu; dòng đã có (cùng mã) được cập nhật theo tệp mới.",
    "Có thể để trống các trang không dùng; không thêm cột hay trang khác.",
]

_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
_REQUIRED_FILL = PatternFill("solid", fgColor="F9E0B4")
_NOTE_FONT = Font(italic=True, color="555555", size=9)
_EXAMPLE_FONT = Font(italic=True, color="808080")


def _write_catalog(ws, first_column: int, catalog: dict) -> None:
    """The code lists side by side from ``first_column``: a title, two headers, the rows."""
    column = first_column
    for key, title, headers in CATALOG_LISTS:
        entries = catalog.get(key) or []
        head = ws.cell(row=1, column=column, value=f"{title} ({len(entries)})")
        head.font = Font(bold=True)
        for offset, text in enumerate(headers):
            cell = ws.cell(row=2, column=column + offset, value=text)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
        ws.column_dimensions[get_column_letter(column)].width = 18
        ws.column_dimensions[get_column_letter(column + 1)].width = 36
        for line, (code, name) in enumerate(entries, start=3):
            for offset, value in enumerate((code, name)):
                cell = ws.cell(row=line, column=column + offset, value=value)
                cell.data_type = "s"  # codes keep their leading zeros; text is never a formula
        column += len(headers) + 1
    if catalog.get("day"):
        ws.cell(row=1, column=column, value=CATALOG_NOTE.format(day=catalog["day"], scope=catalog.get("scope", "")))


def _write_value(cell, field: Field, value) -> None:
    """Put ``value`` in ``cell`` as the template writes it: labels for fixed values,
    dates as dates, text always as text (never a formula)."""
    value = written(field, value)
    if value is None:
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # a text starting with "=" stays text
    elif isinstance(value, (date, datetime)):
        cell.number_format = "dd/mm/yyyy"


# The code lists of the "Danh mục" sheet, beside the fixed lists: (key, title, headers).
CATALOG_LISTS = (
    ("units", "Đơn vị", ("Mã đơn vị", "Tên đơn vị")),
    ("people", "Cán bộ", ("Mã cán bộ", "Họ và tên")),
    ("boards", "Ban giám sát", ("Mã ban", "Tên ban")),
    ("topics", "Chuyên đề", ("Mã chuyên đề", "Tên chuyên đề")),
    ("terms", "Nhiệm kỳ", ("Mã nhiệm kỳ", "Tên nhiệm kỳ")),
)
CATALOG_NOTE = "Mã bạn được dùng, lấy từ dữ liệu ngày {day} ({scope})."


def build_workbook(rows: dict[str, list[dict]] | None = None, catalog: dict | None = None) -> Workbook:
    """The template workbook; with ``rows`` (sheet key -> list of records keyed by field
    key), the same workbook filled with data (the full export). Without ``rows``, each
    sheet starts with its example row. ``catalog``: the codes the user may use (key of
    ``CATALOG_LISTS`` -> [(code, name)], plus "day" and "scope" for the note), written to
    the "Danh mục" sheet beside the fixed lists."""
    example_rows = rows is None
    rows = rows or {}
    workbook = Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS_TITLE
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 110
    for line, text in enumerate(INSTRUCTIONS, start=1):
        guide.cell(row=line, column=1, value=text).font = Font(bold=line == 1, size=13 if line == 1 else 11)
    line = len(INSTRUCTIONS) + 2
    for sheet in SHEETS:
        guide.cell(row=line, column=1, value=sheet.title).font = Font(bold=True)
        guide.cell(row=line, column=2, value=sheet.note)
        line += 1

    lists = workbook.create_sheet(LISTS_TITLE)
    ranges: dict[str, str] = {}
    for index, (name, values) in enumerate(VOCABULARIES.items(), start=1):
        letter = get_column_letter(index)
        head = lists.cell(row=1, column=index, value=VOCABULARY_TITLES[name])
        head.font = Font(bold=True)
        head.fill = _HEADER_FILL
        lists.column_dimensions[letter].width = 22
        for offset, (_, label) in enumerate(values, start=2):
            lists.cell(row=offset, column=index, value=label)
        ranges[name] = f"{quote_sheetname(LISTS_TITLE)}!${letter}$2:${letter}${len(values) + 1}"
    if catalog is not None:
        _write_catalog(lists, len(VOCABULARIES) + 2, catalog)
    lists.freeze_panes = "A2"

    for sheet in SHEETS:
        ws = workbook.create_sheet(sheet.title)
        data = rows.get(sheet.key, [])
        last_row = max(FIRST_DATA_ROW + len(data) - 1, 2000)
        for column, field in enumerate(sheet.fields, start=1):
            letter = get_column_letter(column)
            head = ws.cell(row=HEADER_ROW, column=column, value=field.header)
            head.font = Font(bold=True)
            head.fill = _REQUIRED_FILL if field.required else _HEADER_FILL
            head.alignment = Alignment(wrap_text=True, vertical="top")
            if field.required:
                head.comment = Comment("Bắt buộc", "grassroots")
            note = ws.cell(row=NOTES_ROW, column=column, value=("Bắt buộc. " if field.required else "") + field.note)
            note.font = _NOTE_FONT
            note.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[letter].width = 16 if field.kind in ("date", "int", "float", "choice") else 24
            span = f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}"
            if field.kind == "choice":
                validation = DataValidation(type="list", formula1=ranges[field.vocabulary], allow_blank=not field.required,
                                            showErrorMessage=True, errorTitle=field.header,
                                            error="Chọn một giá trị trong danh sách")
                validation.add(span)
                ws.add_data_validation(validation)
            elif field.kind == "date":
                validation = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)",
                                            formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                                            errorTitle=field.header, error="Nhập ngày dạng dd/mm/yyyy")
                validation.add(span)
                ws.add_data_validation(validation)
        ws.row_dimensions[NOTES_ROW].height = 60
        ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
        for offset, record in enumerate(data):
            for column, field in enumerate(sheet.fields, start=1):
                _write_value(ws.cell(row=FIRST_DATA_ROW + offset, column=column), field, record.get(field.key))
        if example_rows and sheet.key in EXAMPLES:
            for column, field in enumerate(sheet.fields, start=1):
                cell = ws.cell(row=FIRST_DATA_ROW, column=column)
                _write_value(cell, field, EXAMPLES[sheet.key].get(field.key))
                cell.font = _EXAMPLE_FONT
            ws.cell(row=FIRST_DATA_ROW, column=1).comment = Comment(EXAMPLE_NOTE, "grassroots")
        # Whole columns formatted: codes typed into the template stay text (leading zeros
        # kept), dates show as dd/mm/yyyy.
        for column, field in enumerate(sheet.fields, start=1):
            dimension = ws.column_dimensions[get_column_letter(column)]
            if field.kind in ("code", "codes", "text"):
                dimension.number_format = "@"
            elif field.kind == "date":
                dimension.number_format = "dd/mm/yyyy"
    workbook.active = 0
    return workbook


def template_bytes(rows: dict[str, list[dict]] | None = None, catalog: dict | None = None) -> bytes:
    """The workbook as .xlsx bytes (see ``build_workbook``)."""
    buffer = io.BytesIO()
    build_workbook(rows, catalog).save(buffer)
    return buffer.getvalue()


TEMPLATE_FILE_NAME = "mau-nhap-lieu-can-bo-co-so.xlsx"
