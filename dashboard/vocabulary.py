"""The fixed words of the domain: unit kinds and levels, post roles, kinds of course,
board and activity, the longest note. Plain data with no database behind it, so that
layouts and callbacks can use them without importing the models."""
from __future__ import annotations

LEVELS = ("country", "province", "district", "commune", "village")
UNIT_KINDS = {
    # kind: level
    "quoc_gia": "country",
    "tinh": "province",
    "thanh_pho_tw": "province",
    "thanh_pho": "district",
    "thi_xa": "district",
    "huyen": "district",
    "khu_vuc": "district",
    "phuong": "commune",
    "xa": "commune",
    "thi_tran": "commune",
    "dac_khu": "commune",
    "thon": "village",
    "khu": "village",
    "to_dan_pho": "village",
    "ap": "village",
    "ban": "village",
}
POST_ROLES = ("secretary", "head", "deputy_secretary", "deputy_head")
COURSE_KINDS = ("boi_duong", "tap_huan", "toa_dam")
# Kinds of course that count as training a cadre; a seminar (tọa đàm) does not.
TRAINING_COURSE_KINDS = ("boi_duong", "tap_huan")
BOARD_KINDS = ("bttnd", "gsdtcd")
ACTIVITY_KINDS = ("meeting", "supervision", "inspection", "recommendation", "petition")
# A note on a unit and a period (dashboard/notes.py) is plain text of at most this many characters.
NOTE_MAX_LENGTH = 500

# The sheets of the import template (``dashboard.template``), by record kind: their titles
# are what the clerk sees, and what import results and the history are reported by.
SHEET_TITLES = {
    "unit": "Đơn vị",
    "unit_membership": "Trực thuộc",
    "unit_succession": "Kế thừa",
    "term": "Nhiệm kỳ",
    "person": "Cán bộ",
    "post": "Chức danh",
    "topic": "Chuyên đề",
    "course": "Lớp bồi dưỡng",
    "participation": "Học viên",
    "board": "Ban giám sát",
    "board_activity": "Hoạt động giám sát",
    "briefing": "Giao ban",
    "review": "Sơ kết, tổng kết",
    "person_attribute": "Trình độ cán bộ",
}

# The dated attributes of a person (``models.PersonAttribute``) and the values each takes,
# in ascending order for the levels (a level never goes down). "party_since" holds a date
# (ISO), its value and its valid_from the day the person joined the Party.
PERSON_ATTRIBUTES = {
    "ethnicity": ("kinh", "tay", "dao", "san_diu", "hoa", "nung", "muong", "thai", "khac"),
    "education": ("5/12", "9/12", "12/12"),
    "qualification": ("khong", "so_cap", "trung_cap", "cao_dang", "dai_hoc", "sau_dai_hoc"),
    "theory": ("khong", "so_cap", "trung_cap", "cao_cap", "cu_nhan"),
    "party_since": (),
}
# Attributes whose values are levels that never go down.
LEVEL_ATTRIBUTES = ("education", "qualification", "theory")
# The values that count as "trung cấp trở lên" (intermediate or above).
THEORY_INTERMEDIATE_PLUS = ("trung_cap", "cao_cap", "cu_nhan")
QUALIFICATION_INTERMEDIATE_PLUS = ("trung_cap", "cao_dang", "dai_hoc", "sau_dai_hoc")
