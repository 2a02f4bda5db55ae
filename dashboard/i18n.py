"""The one translation table: every piece of interface text, Vietnamese first.

``t(key, lang, **values)`` looks a key up and fills ``{placeholders}``. A missing key is
an error in tests (``KeyError``), never a silent blank. Vietnamese is NFC with modern
tone placement (Hòa, Thủy).
"""
from __future__ import annotations

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

# key: (Vietnamese, English)
TEXT: dict[str, tuple[str, str]] = {
    # application shell
    "app.title": ("Công tác cán bộ cơ sở", "Grassroots cadre work"),
    "app.subtitle": ("Ban Tổ chức Thị ủy", "Party committee organisation department"),
    "app.demo_banner": (
        "Dữ liệu mẫu: số liệu và tên người là giả định, chỉ để minh họa.",
        "Demo data: figures and names are invented, for illustration only.",
    ),
    "app.language": ("English", "Tiếng Việt"),
    "app.print": ("In", "Print"),
    "app.skip": ("Bỏ qua đến nội dung", "Skip to content"),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.unified": ("Nhất thể hóa", "Unified posts"),
    "nav.training": ("Bồi dưỡng", "Training"),
    "nav.oversight": ("Giám sát cộng đồng", "Community oversight"),
    "nav.unit": ("Đơn vị", "Unit"),
    "nav.data": ("Dữ liệu", "Data"),
    "nav.help": ("Hướng dẫn", "Help"),
    "nav.menu": ("Mở menu", "Open menu"),
    "page.not_found": ("Không tìm thấy trang", "Page not found"),
    "page.not_found_hint": ("Địa chỉ {path} không có trong bảng điều khiển.", "There is no page at {path}."),
    "page.back_home": ("Về trang Tổng quan", "Back to the overview"),
    # filters
    "filter.date": ("Tính đến ngày", "As of"),
    "filter.period": ("Kỳ báo cáo", "Period"),
    "filter.structure": ("Cơ cấu đơn vị", "Unit structure"),
    "filter.structure.as-of": ("Như tại thời điểm", "As it was then"),
    "filter.structure.current": ("Theo đơn vị hiện nay", "Today's units"),
    "filter.kind": ("Loại đơn vị", "Kind of unit"),
    "filter.units": ("Đơn vị", "Units"),
    "filter.all": ("Tất cả", "All"),
    "filter.reset": ("Đặt lại", "Reset"),
    "filter.copy_link": ("Sao chép liên kết", "Copy link"),
    "filter.copied": ("Đã sao chép", "Copied"),
    "period.day": ("Tại ngày (12 tháng gần nhất)", "On the date (last 12 months)"),
    "period.month": ("Tháng", "Month"),
    "period.quarter": ("Quý", "Quarter"),
    "period.year": ("Năm", "Year"),
    "period.term": ("Nhiệm kỳ", "Term"),
    "period.label.day": ("Tính đến ngày {end}; hoạt động 12 tháng từ {start}", "As of {end}; activity over 12 months from {start}"),
    "period.label.month": ("Tháng {month}/{year}", "Month {month}/{year}"),
    "period.label.quarter": ("Quý {quarter}/{year}", "Quarter {quarter}/{year}"),
    "period.label.year": ("Năm {year}", "Year {year}"),
    "period.label.term": ("Nhiệm kỳ {term}", "Term {term}"),
    "period.as_of": ("số liệu tính đến {date}", "figures as of {date}"),
    "period.vs_previous": ("so với {label}", "compared with {label}"),
    # indicators
    "kpi.unified": ("Nhất thể hóa", "Unified posts"),
    "kpi.unified.detail": ("thôn, khu có bí thư chi bộ kiêm trưởng thôn, khu", "villages where the cell secretary is also the village head"),
    "kpi.training": ("Hoàn thành bồi dưỡng", "Training completed"),
    "kpi.training.detail": ("cán bộ đương chức đã được bồi dưỡng", "cadres in post who completed training"),
    "kpi.boards": ("Ban giám sát hoạt động", "Active oversight boards"),
    "kpi.boards.detail": ("ban có ít nhất một hoạt động trong kỳ", "boards with at least one activity in the period"),
    "kpi.resolved": ("Kiến nghị đã giải quyết", "Recommendations resolved"),
    "kpi.resolved.detail": ("kiến nghị của ban được giải quyết", "board recommendations resolved"),
    "kpi.briefings": ("Giao ban hằng tháng", "Monthly briefings"),
    "kpi.briefings.detail": ("tháng có giao ban / tháng phải giao ban", "months with a briefing / months due"),
    "kpi.no_data": ("Chưa có số liệu", "No data"),
    "kpi.change_up": ("tăng {value} điểm %", "up {value} points"),
    "kpi.change_down": ("giảm {value} điểm %", "down {value} points"),
    "kpi.change_same": ("không đổi", "unchanged"),
    "kpi.change_none": ("kỳ trước chưa có số liệu", "no data for the previous period"),
    "chart.unified_by_unit": ("Tỷ lệ nhất thể hóa theo đơn vị", "Unified posts by unit"),
    "chart.training_by_unit": ("Tỷ lệ cán bộ đã bồi dưỡng theo đơn vị", "Cadres trained by unit"),
    "chart.boards_by_unit": ("Tỷ lệ ban giám sát hoạt động theo đơn vị", "Active boards by unit"),
    "chart.resolved_by_unit": ("Tỷ lệ kiến nghị đã giải quyết theo đơn vị", "Recommendations resolved by unit"),
    "chart.click_hint": ("Bấm vào một đơn vị để xem chi tiết", "Click a unit to see its details"),
    "chart.rate": ("Tỷ lệ", "Rate"),
    "chart.no_data_bar": ("chưa có số liệu", "no data"),
    "grade.good": ("Đạt", "Met"),
    "grade.fair": ("Gần đạt", "Nearly met"),
    "grade.poor": ("Chưa đạt", "Not met"),
    "grade.none": ("Không có số liệu", "No data"),
    # attention list
    "attention.title": ("Cần chú ý", "Needs attention"),
    "attention.empty": ("Không có đơn vị nào cần chú ý trong kỳ này.", "No unit needs attention in this period."),
    "attention.not_unified": ("{count} thôn, khu chưa nhất thể hóa", "{count} villages not unified"),
    "attention.vacant": ("{count} chức danh còn trống", "{count} posts vacant"),
    "attention.untrained_first_time": ("{count} cán bộ lần đầu giữ chức chưa được bồi dưỡng", "{count} first-time cadres not yet trained"),
    "attention.silent_boards": ("{count} ban giám sát không hoạt động trong quý vừa qua", "{count} boards silent in the last complete quarter"),
    "attention.missed_briefings": ("thiếu {count} tháng giao ban", "{count} monthly briefings missed"),
    "attention.unit": ("Đơn vị", "Unit"),
    "attention.issue": ("Vấn đề", "Issue"),
    # empty states
    "empty.no_children": ("{unit} không có đơn vị trực thuộc vào ngày {date}.", "{unit} has no units below it on {date}."),
    "empty.unit_not_valid": ("{unit} không tồn tại vào ngày {date} (hiệu lực {valid}).", "{unit} did not exist on {date} (valid {valid})."),
    "empty.unit_successors": ("Từ {date} đơn vị này thuộc: ", "From {date} this unit is part of: "),
    "empty.unknown_unit": ("Không có đơn vị nào mang mã {code}.", "No unit has the code {code}."),
    "empty.no_data": ("Không có số liệu trong kỳ này.", "No data in this period."),
    "empty.database": ("Cơ sở dữ liệu chưa có số liệu. Hãy nhập dữ liệu ở trang Dữ liệu.", "The database is empty. Import data on the Data page."),
    "empty.future": ("Kỳ báo cáo chưa bắt đầu.", "The period has not started yet."),
    # units
    "unit.breadcrumb": ("Đường dẫn đơn vị", "Unit path"),
    "unit.children": ("Đơn vị trực thuộc", "Units below"),
    "unit.valid": ("Hiệu lực", "Valid"),
    "unit.valid_from_to": ("{start} – {end}", "{start} – {end}"),
    "unit.valid_open": ("từ {start}", "since {start}"),
    "unit.code": ("Mã", "Code"),
    "unit.name": ("Tên đơn vị", "Unit"),
    "unit.kind": ("Loại", "Kind"),
    # table columns
    "col.villages": ("Số thôn, khu", "Villages"),
    "col.unified": ("Nhất thể hóa", "Unified"),
    "col.unified_rate": ("Tỷ lệ NTH", "Unified %"),
    "col.first_time": ("Lần đầu", "First-time"),
    "col.vacant": ("Chức danh trống", "Vacant posts"),
    "col.cadres": ("Cán bộ đương chức", "Cadres in post"),
    "col.trained": ("Đã bồi dưỡng", "Trained"),
    "col.trained_rate": ("Tỷ lệ BD", "Trained %"),
    "col.boards": ("Số ban", "Boards"),
    "col.active_boards": ("Ban hoạt động", "Active boards"),
    "col.activities": ("Hoạt động", "Activities"),
    "col.recommendations": ("Kiến nghị", "Recommendations"),
    "col.resolved": ("Đã giải quyết", "Resolved"),
    "col.resolved_rate": ("Tỷ lệ GQ", "Resolved %"),
    "col.briefings": ("Giao ban", "Briefings"),
    "col.total": ("Tổng cộng", "Total"),
    # grids
    "grid.export_csv": ("Tải bảng đang xem dạng CSV", "Download the table as shown (CSV)"),
    "grid.export_xlsx": ("Tải bảng đang xem dạng Excel", "Download the table as shown (Excel)"),
    "grid.total": ("Tổng cộng", "Total"),
    "grid.exported_from": ("Xuất từ bảng điều khiển ngày {date}", "Exported from the dashboard on {date}"),
    # overview page
    "overview.kpis": ("Chỉ tiêu chính", "Headline indicators"),
    "overview.table": ("Số liệu theo đơn vị", "Figures by unit"),
    "overview.table_villages": ("Số liệu theo thôn, khu", "Figures by village"),
    "overview.charts": ("Xếp hạng các đơn vị", "Units ranked"),
    # --- page: unified positions (/nhat-the-hoa) ---
    # --- page: village (/don-vi/<commune>/<village>) ---
    # --- page: training (/boi-duong) ---
    "training.kicker": ("Bồi dưỡng cán bộ thôn, khu", "Training of village cadres"),
    "training.kpis": ("Chỉ tiêu bồi dưỡng", "Training indicators"),
    "training.kpi.trained": ("Cán bộ đã bồi dưỡng", "Cadres trained"),
    "training.kpi.trained.detail": (
        "bí thư chi bộ, trưởng thôn, khu đương chức đã hoàn thành lớp bồi dưỡng, tập huấn",
        "secretaries and village heads in post who completed a class or training session"),
    "training.kpi.first_time": ("Lần đầu giữ chức, chưa bồi dưỡng", "First-time cadres not yet trained"),
    "training.kpi.first_time.ratio": ("/ {total} người giữ chức lần đầu", "of {total} first-time cadres"),
    "training.kpi.first_time.detail": (
        "cần mở lớp bồi dưỡng cho những người này sớm", "they need a class soon"),
    "training.kpi.first_time.none": ("không có ai giữ chức lần đầu", "no first-time cadres"),
    "training.kpi.first_time.all_trained": ("mọi người giữ chức lần đầu đã được bồi dưỡng",
                                            "every first-time cadre has been trained"),
    "training.kpi.flow": ("Số lượt và số người học", "Participations and people"),
    "training.kpi.flow.value": ("{count} lượt", "{count} participations"),
    "training.kpi.flow.people": ("{count} người", "{count} people"),
    "training.kpi.flow.detail": (
        "học viên của đơn vị tại {courses} khóa học kết thúc trong kỳ",
        "learners from the unit at {courses} courses that ended in the period"),
    "training.kpi.days": ("Ngày học có mặt", "Days attended"),
    "training.kpi.days.ratio": ("{attended}/{held} ngày", "{attended}/{held} days"),
    "training.kpi.days.detail": (
        "ngày học viên có mặt / số ngày lớp học", "days learners attended / days the classes lasted"),
    "training.kpi.certificates": ("Giấy chứng nhận", "Certificates"),
    "training.kpi.certificates.ratio": ("/ {completed} lượt hoàn thành", "of {completed} completions"),
    "training.kpi.certificates.detail": ("giấy chứng nhận đã cấp cho học viên của đơn vị",
                                         "certificates issued to learners from the unit"),
    "training.change.more": ("tăng {value}", "up {value}"),
    "training.change.less": ("giảm {value}", "down {value}"),
    "training.chart.people": ("Số người và số lượt học theo đơn vị", "People and participations by unit"),
    "training.legend.people": ("Số người", "People"),
    "training.legend.participations": ("Số lượt", "Participations"),
    "training.chart.coverage": ("Cán bộ đã học từng chuyên đề, theo đơn vị", "Topics covered by the cadres, by unit"),
    "training.coverage.hint": (
        "Số trong ô: tỷ lệ % cán bộ đương chức của đơn vị đã hoàn thành lớp bồi dưỡng, tập huấn có chuyên đề đó.",
        "Number in a cell: the % of the unit's cadres in post who completed a class or training session covering the topic."),
    "training.coverage.no_cadres": ("không có cán bộ", "no cadres"),
    "training.coverage.hover": ("{covered}/{cadres} cán bộ · {share}", "{covered}/{cadres} cadres · {share}"),
    "training.coverage.more_topics": ("Hiển thị {shown} trong số {total} chuyên đề (theo mã).",
                                      "Showing {shown} of {total} topics (by code)."),
    "training.coverage.empty": ("Danh mục chuyên đề chưa có chuyên đề nào.", "The topic list is empty."),
    "training.courses": ("Các khóa học trong kỳ", "Courses in the period"),
    "training.courses.hint": (
        "Khóa học kết thúc trong kỳ, có học viên của đơn vị hoặc do đơn vị, cấp trên hay cấp dưới tổ chức. "
        "Số bên cạnh mỗi khóa: số học viên (HV) của đơn vị.",
        "Courses that ended in the period, with learners from the unit or run by the unit, above or below it. "
        "The number beside each course: its learners from the unit."),
    "training.courses.capped": ("Hiển thị {shown} trong số {total} khóa học (nhiều học viên nhất trước).",
                                "Showing {shown} of {total} courses (most learners first)."),
    "training.courses.timeline_capped": (
        "Biểu đồ thời gian chỉ vẽ {shown} khóa học có nhiều học viên nhất; bảng dưới liệt kê đủ.",
        "The timeline draws the {shown} courses with the most learners; the table lists them all."),
    "training.courses.empty": ("Không có khóa học nào kết thúc trong kỳ này.", "No course ended in this period."),
    "training.timeline.learners": ("{count} HV", "{count} learners"),
    "training.timeline.hover": (
        "{start} – {end} · {days} ngày<br>{organiser}<br>{learners} học viên của đơn vị",
        "{start} – {end} · {days} days<br>{organiser}<br>{learners} learners from the unit"),
    "training.col.code": ("Mã", "Code"),
    "training.col.title": ("Tên khóa học", "Course"),
    "training.col.kind": ("Hình thức", "Kind"),
    "training.col.organiser": ("Đơn vị tổ chức", "Organised by"),
    "training.col.start": ("Bắt đầu", "Start"),
    "training.col.end": ("Kết thúc", "End"),
    "training.col.days": ("Số ngày", "Days"),
    "training.col.topics": ("Chuyên đề", "Topics"),
    "training.col.learners": ("Học viên của đơn vị", "Learners from the unit"),
    "training.col.completed": ("Hoàn thành", "Completed"),
    "training.col.certificates": ("Giấy chứng nhận", "Certificates"),
    "training.col.days_attended": ("Ngày có mặt", "Days attended"),
    "training.col.days_held": ("Ngày lớp học", "Days held"),
    "training.col.attendance": ("Tỷ lệ có mặt", "Attendance"),
    "training.col.first_time_cadres": ("Giữ chức lần đầu", "First-time"),
    "training.col.first_time_untrained": ("Lần đầu, chưa BD", "First-time untrained"),
    "training.col.courses": ("Khóa học", "Courses"),
    "training.col.participations": ("Số lượt", "Participations"),
    "training.col.people": ("Số người", "People"),
    "training.col.grade": ("Đánh giá", "Grade"),
    "training.col.name": ("Họ và tên", "Name"),
    "training.col.village": ("Thôn, khu", "Village"),
    "training.col.commune": ("Xã, phường", "Commune"),
    "training.col.role": ("Chức danh", "Post"),
    "training.col.first_time": ("Giữ chức lần đầu", "First-time"),
    "training.col.post_start": ("Giữ chức từ", "In post since"),
    "training.role.both": ("Bí thư chi bộ kiêm trưởng thôn, khu", "Cell secretary and village head"),
    "training.yes": ("Có", "Yes"),
    "training.no": ("Không", "No"),
    "training.untrained": ("Cán bộ đương chức chưa được bồi dưỡng", "Cadres in post not yet trained"),
    "training.untrained.count": ("{count} cán bộ đương chức chưa được bồi dưỡng, trong đó {first} người giữ chức lần đầu.",
                                 "{count} cadres in post not yet trained, {first} of them first-time."),
    "training.untrained.none": ("Tất cả cán bộ đương chức đã được bồi dưỡng.", "Every cadre in post has been trained."),
    "training.untrained.capped": (
        "Bảng hiển thị {shown} người đầu tiên (người giữ chức lần đầu trước); chọn một đơn vị trực thuộc để xem đủ.",
        "The table shows the first {shown} (first-time cadres first); open a unit below to see them all."),
    "training.untrained.too_large": (
        "{unit} có {villages} thôn, khu (nhiều hơn {max}), nên danh sách từng người không hiển thị ở cấp này. "
        "Hãy chọn một đơn vị trực thuộc trong biểu đồ hoặc bảng.",
        "{unit} has {villages} villages (more than {max}), so the list of people is not shown at this level. "
        "Open a unit below from a chart or the table."),
    "training.table": ("Số liệu bồi dưỡng theo đơn vị", "Training figures by unit"),
    # --- page: community oversight (/giam-sat) and a commune's boards and briefings ---
    # --- page: data, import, export, report (/du-lieu) ---
    # --- login, users, roles, audit ---
    # misc
    "loading": ("Đang tải số liệu ...", "Loading ..."),
    "error.generic": ("Đã xảy ra lỗi khi tải số liệu. Vui lòng thử lại.", "Something went wrong while loading. Please try again."),
    "data.through": ("Số liệu đến ngày {date}", "Data up to {date}"),
    "number.none": ("—", "—"),
}

UNIT_KIND_LABELS: dict[str, tuple[str, str]] = {
    "quoc_gia": ("Cả nước", "Country"),
    "tinh": ("Tỉnh", "Province"),
    "thanh_pho_tw": ("Thành phố", "City"),
    "thanh_pho": ("Thành phố", "City"),
    "thi_xa": ("Thị xã", "Town"),
    "huyen": ("Huyện", "District"),
    "khu_vuc": ("Khu vực", "Area"),
    "phuong": ("Phường", "Ward"),
    "xa": ("Xã", "Commune"),
    "thi_tran": ("Thị trấn", "Township"),
    "dac_khu": ("Đặc khu", "Special zone"),
    "thon": ("Thôn", "Village"),
    "khu": ("Khu", "Quarter"),
    "to_dan_pho": ("Tổ dân phố", "Residential group"),
    "ap": ("Ấp", "Hamlet"),
    "ban": ("Bản", "Hamlet"),
}

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "secretary": ("Bí thư chi bộ", "Party cell secretary"),
    "head": ("Trưởng thôn, khu", "Village head"),
    "deputy_secretary": ("Phó bí thư chi bộ", "Deputy cell secretary"),
    "deputy_head": ("Phó trưởng thôn, khu", "Deputy village head"),
}

COURSE_KIND_LABELS: dict[str, tuple[str, str]] = {
    "boi_duong": ("Lớp bồi dưỡng", "Training class"),
    "tap_huan": ("Tập huấn", "Training session"),
    "toa_dam": ("Tọa đàm", "Seminar"),
}

BOARD_KIND_LABELS: dict[str, tuple[str, str]] = {
    "bttnd": ("Ban Thanh tra nhân dân", "People's Inspection Board"),
    "gsdtcd": ("Ban Giám sát đầu tư của cộng đồng", "Community Investment Supervision Board"),
}
BOARD_KIND_SHORT: dict[str, tuple[str, str]] = {
    "bttnd": ("Ban TTND", "PIB"),
    "gsdtcd": ("Ban GSĐTCĐ", "CISB"),
}

ACTIVITY_KIND_LABELS: dict[str, tuple[str, str]] = {
    "meeting": ("Họp", "Meeting"),
    "supervision": ("Giám sát", "Supervision"),
    "inspection": ("Kiểm tra", "Inspection"),
    "recommendation": ("Kiến nghị", "Recommendation"),
    "petition": ("Đơn thư", "Petition handled"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in."""
    text = _pick(TEXT[key], lang)
    return text.format(**values) if values else text


def kind_label(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    pair = UNIT_KIND_LABELS.get(kind)
    return _pick(pair, lang) if pair else kind


def unit_title(kind: str, name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """"Phường Đông Mai", "Thôn 4", "Khu vực Quảng Yên"; a village already named "Thôn 4"
    is not called "Thôn Thôn 4"."""
    label = kind_label(kind, lang)
    if name.lower().startswith(label.lower()):
        return name
    return f"{label} {name}"


def role_label(role: str, lang: str = DEFAULT_LANGUAGE) -> str:
    pair = ROLE_LABELS.get(role)
    return _pick(pair, lang) if pair else role


def course_kind_label(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    pair = COURSE_KIND_LABELS.get(kind)
    return _pick(pair, lang) if pair else kind


def board_kind_label(kind: str, lang: str = DEFAULT_LANGUAGE, short: bool = False) -> str:
    table = BOARD_KIND_SHORT if short else BOARD_KIND_LABELS
    pair = table.get(kind)
    return _pick(pair, lang) if pair else kind


def activity_kind_label(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    pair = ACTIVITY_KIND_LABELS.get(kind)
    return _pick(pair, lang) if pair else kind
