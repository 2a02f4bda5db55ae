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
    # --- page: community oversight (/giam-sat) and a commune's boards and briefings ---
    # --- page: data, import, export, report (/du-lieu) ---
    # --- login, users, roles, audit ---
    "auth.login_title": ("Đăng nhập", "Log in"),
    "auth.username": ("Tên đăng nhập", "User name"),
    "auth.password": ("Mật khẩu", "Password"),
    "auth.submit": ("Đăng nhập", "Log in"),
    "auth.bad": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    "auth.locked": ("Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau {minutes} phút.",
                    "Too many wrong passwords: the account is locked. Try again in {minutes} minutes."),
    "auth.missing": ("Hãy nhập tên đăng nhập và mật khẩu.", "Enter your user name and password."),
    "auth.logged_out": ("Bạn đã đăng xuất.", "You have logged out."),
    "auth.expired": ("Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.", "Your session has ended. Please log in again."),
    "auth.intranet": ("Hệ thống nội bộ. Mọi lần đăng nhập đều được ghi vào nhật ký.",
                      "Internal system. Every login is recorded."),
    "auth.logout": ("Đăng xuất", "Log out"),
    "auth.signed_in_as": ("Đang đăng nhập: {user}", "Logged in as {user}"),
    "auth.role.admin": ("Quản trị", "Administrator"),
    "auth.role.town": ("Xem toàn bộ đơn vị", "All units"),
    "auth.role.unit": ("Xem một đơn vị", "One unit"),
    "auth.forbidden": ("Bạn không có quyền xem số liệu của đơn vị này.", "You may not see this unit's figures."),
    "auth.forbidden_action": ("Bạn không có quyền thực hiện thao tác này.", "You may not do this."),
    "auth.restricted": ("Số liệu chỉ gồm đơn vị bạn được phân quyền xem.", "The figures include only the units you may see."),
    "auth.bad_request": ("Yêu cầu không hợp lệ.", "Invalid request."),
    "audit.title": ("Nhật ký hệ thống", "Audit log"),
    "audit.intro": ("{count} sự kiện gần nhất (mới nhất ở trên). Nhật ký chỉ được ghi thêm, không sửa, không xóa.",
                    "The {count} latest events (newest first). The log is append-only."),
    "audit.all": ("Tất cả", "All"),
    "audit.at": ("Thời điểm (giờ Việt Nam)", "When (Vietnam time)"),
    "audit.event": ("Sự kiện", "Event"),
    "audit.user": ("Người dùng", "User"),
    "audit.address": ("Địa chỉ", "Address"),
    "audit.detail": ("Chi tiết", "Detail"),
    "audit.back": ("Về bảng điều khiển", "Back to the dashboard"),
    "audit.empty": ("Chưa có sự kiện nào.", "No events yet."),
    "audit.event.login_ok": ("Đăng nhập", "Login"),
    "audit.event.login_failed": ("Đăng nhập sai", "Failed login"),
    "audit.event.login_locked": ("Khóa đăng nhập", "Login locked"),
    "audit.event.logout": ("Đăng xuất", "Logout"),
    "audit.event.session_ended": ("Hết phiên", "Session ended"),
    "audit.event.refused": ("Từ chối truy cập", "Refused"),
    "audit.event.export": ("Xuất bảng", "Export"),
    "audit.event.import": ("Nhập dữ liệu", "Import"),
    "audit.event.user_added": ("Thêm người dùng", "User added"),
    "audit.event.user_disabled": ("Khóa người dùng", "User disabled"),
    "audit.event.user_enabled": ("Mở khóa người dùng", "User enabled"),
    "audit.event.user_password": ("Đổi mật khẩu", "Password changed"),
    "audit.event.user_role": ("Đổi quyền", "Role changed"),
    "nav.audit": ("Nhật ký", "Audit log"),
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
