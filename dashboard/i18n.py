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
    "oversight.kpis": ("Chỉ tiêu giám sát cộng đồng", "Community oversight indicators"),
    "oversight.kpi.bttnd": ("Ban TTND hoạt động", "Active People's Inspection Boards"),
    "oversight.kpi.bttnd.detail": ("Ban Thanh tra nhân dân có ít nhất một hoạt động trong kỳ", "People's Inspection Boards with at least one activity in the period"),
    "oversight.kpi.gsdtcd": ("Ban GSĐTCĐ hoạt động", "Active Investment Supervision Boards"),
    "oversight.kpi.gsdtcd.detail": ("Ban Giám sát đầu tư của cộng đồng có ít nhất một hoạt động trong kỳ", "Community Investment Supervision Boards with at least one activity in the period"),
    "oversight.kpi.activities": ("Hoạt động của các ban", "Board activities"),
    "oversight.kpi.activities.detail": ("trong đó {count} cuộc giám sát, kiểm tra", "of which {count} supervisions and inspections"),
    "oversight.kpi.money": ("Tiền thu hồi", "Money recovered"),
    "oversight.kpi.money.detail": ("đồng, thu hồi qua giám sát của các ban", "đồng, recovered through the boards' supervision"),
    "oversight.kpi.land": ("Đất thu hồi", "Land recovered"),
    "oversight.kpi.land.detail": ("m², thu hồi qua giám sát của các ban", "m², recovered through the boards' supervision"),
    "oversight.kpi.settlement": ("Giảm trừ quyết toán", "Settlement reductions"),
    "oversight.kpi.settlement.detail": ("đồng, giảm trừ khi quyết toán công trình", "đồng, cut from project settlements"),
    "oversight.change_up": ("tăng {value}", "up {value}"),
    "oversight.change_down": ("giảm {value}", "down {value}"),
    "oversight.heatmap.title": ("{board}: số hoạt động theo {place} và {bucket}", "{board}: activities by {place} and {bucket}"),
    "oversight.place.unit": ("đơn vị", "unit"),
    "oversight.place.village": ("thôn, khu", "village"),
    "oversight.bucket.month": ("tháng", "month"),
    "oversight.bucket.quarter": ("quý", "quarter"),
    "oversight.month_label": ("T{month}/{year}", "{month:02d}/{year}"),
    "oversight.quarter_label": ("Q{quarter}/{year}", "Q{quarter} {year}"),
    "oversight.heatmap.hover": ("<b>%{y}</b><br>%{x}: %{z} hoạt động<extra></extra>", "<b>%{y}</b><br>%{x}: %{z} activities<extra></extra>"),
    "oversight.heatmap.empty": ("Không có hoạt động nào của {board} trong kỳ này.", "No {board} activity in this period."),
    "oversight.heatmap.hidden": ("Không hiện {count} {place} không có {board} nào hoạt động trong kỳ.", "{count} {place}s with no {board} active in the period are not shown."),
    "oversight.heatmap.row": ("{name} · {count}", "{name} · {count}"),
    "oversight.heatmap.hint": ("Số trong ô: số hoạt động; số sau tên: tổng cả kỳ. Bấm vào một dòng để xem đơn vị đó.", "Cells: activities; after the name: total for the period. Click a row to open that unit."),
    "oversight.no_village": ("Không gắn với thôn, khu", "Not tied to a village"),
    "oversight.village_note": ("Các ban thuộc {unit}; hoạt động được tính cho thôn, khu nơi diễn ra (thôn, khu của hoạt động, nếu không có thì của công trình).", "The boards belong to {unit}; activities count in the village they concern (the activity's, else the project's)."),
    "oversight.recs.title": ("Kiến nghị đưa ra và đã giải quyết theo {place}", "Recommendations made and resolved by {place}"),
    "oversight.recs.made": ("Kiến nghị đưa ra", "Made"),
    "oversight.recs.resolved": ("Đã giải quyết: {grade}", "Resolved: {grade}"),
    "oversight.recs.none": ("không có kiến nghị", "no recommendations"),
    "oversight.recs.left_out": ("Không hiện {count} thôn, khu không có kiến nghị nào trong kỳ.", "{count} villages with no recommendation in the period are not shown."),
    "oversight.same_name": ("{name} ({code})", "{name} ({code})"),
    "oversight.recs.empty": ("Không có kiến nghị nào trong kỳ này.", "No recommendations in this period."),
    "oversight.recs.hover_made": ("<b>%{y}</b><br>Kiến nghị đưa ra: %{x}<extra></extra>", "<b>%{y}</b><br>Made: %{x}<extra></extra>"),
    "oversight.recs.hover_resolved": ("<b>%{y}</b><br>Đã giải quyết: %{text}<extra></extra>", "<b>%{y}</b><br>Resolved: %{text}<extra></extra>"),
    "oversight.silent.title": ("Ban không có hoạt động", "Silent boards"),
    "oversight.silent.period": ("Không có hoạt động nào trong kỳ ({label}): {count} ban", "No activity in the period ({label}): {count} boards"),
    "oversight.silent.quarter": ("Không hoạt động trong quý vừa qua ({label}): {count} ban", "Silent in the last complete quarter ({label}): {count} boards"),
    "oversight.silent.empty_period": ("Ban nào cũng có hoạt động trong kỳ này.", "Every board was active in this period."),
    "oversight.silent.empty_quarter": ("Ban nào cũng có hoạt động trong {label}.", "Every board was active in {label}."),
    "oversight.silent.quarter_rule": ("Tính các ban trong nhiệm kỳ suốt cả quý.", "Counts the boards in office for the whole quarter."),
    "oversight.silent.capped": ("Hiện {shown} trên {count} ban, ban im lặng lâu nhất trước.", "Showing {shown} of {count} boards, silent longest first."),
    "oversight.activities.title": ("Các hoạt động trong kỳ", "Activities in the period"),
    "oversight.activities.empty": ("Không có hoạt động nào trong kỳ này.", "No activity in this period."),
    "oversight.activities.capped": ("Hiện {shown} hoạt động gần nhất trên tổng số {count}. Chọn kỳ ngắn hơn hoặc một đơn vị trực thuộc để xem hết.", "Showing the {shown} most recent of {count} activities. Choose a shorter period or a unit below to see them all."),
    "oversight.activities.too_large": ("{unit} có {villages} thôn, khu: bảng hoạt động chỉ hiện cho đơn vị có tối đa {limit} thôn, khu. Chọn một đơn vị trực thuộc:", "{unit} has {villages} villages: the activity table is shown for units of at most {limit} villages. Choose a unit below:"),
    "oversight.col.date": ("Ngày", "Date"),
    "oversight.col.board": ("Ban", "Board"),
    "oversight.col.board_kind": ("Loại ban", "Kind of board"),
    "oversight.col.commune": ("Xã, phường", "Commune / ward"),
    "oversight.col.village": ("Thôn, khu", "Village"),
    "oversight.col.kind": ("Loại hoạt động", "Kind of activity"),
    "oversight.col.subject": ("Nội dung", "Subject"),
    "oversight.col.made": ("Kiến nghị đưa ra", "Recommendations made"),
    "oversight.col.resolved": ("Kiến nghị đã giải quyết", "Recommendations resolved"),
    "oversight.col.money": ("Tiền thu hồi (đ)", "Money recovered (đ)"),
    "oversight.col.land": ("Đất thu hồi (m²)", "Land recovered (m²)"),
    "oversight.col.settlement": ("Giảm trừ quyết toán (đ)", "Settlement reduction (đ)"),
    "oversight.col.term": ("Nhiệm kỳ", "Term"),
    "oversight.col.members": ("Số thành viên", "Members"),
    "oversight.col.activities": ("Hoạt động trong kỳ", "Activities in the period"),
    "oversight.col.last_activity": ("Hoạt động gần nhất", "Last activity"),
    "oversight.col.project": ("Công trình, dự án", "Project"),
    "oversight.term_open": ("từ {start}", "since {start}"),
    "oversight.term_range": ("{start} – {end}", "{start} – {end}"),
    # a commune's boards and briefings (bottom of /don-vi/<code>)
    "commune.boards.title": ("Các ban giám sát của {unit}", "Oversight boards of {unit}"),
    "commune.boards.empty": ("{unit} không có ban giám sát nào trong kỳ này.", "{unit} has no oversight board in this period."),
    "commune.briefings.title": ("Giao ban hằng tháng của {unit}", "Monthly briefings of {unit}"),
    "commune.briefings.held": ("Đã họp", "Held"),
    "commune.briefings.missed": ("Không họp", "Missed"),
    "commune.briefings.on": ("ngày {date}", "on {date}"),
    "commune.briefings.times": ("{count} lần", "{count} times"),
    "commune.briefings.attendees": ("{count} người dự", "{count} attended"),
    "commune.briefings.partial": ("{held}/{due} đơn vị giao ban", "{held} of {due} units held one"),
    "commune.briefings.summary": ("Đã giao ban {held}/{due} tháng.", "Briefings held in {held} of {due} months."),
    "commune.briefings.missed_list": ("Tháng không giao ban: {months}.", "Months without a briefing: {months}."),
    "commune.briefings.all_held": ("Không thiếu tháng nào.", "No month missed."),
    "commune.briefings.none_due": ("Chưa có tháng nào của kỳ này kết thúc.", "No month of this period has ended yet."),
    "commune.briefings.missed_unit": ("{month} ({unit})", "{month} ({unit})"),
    "commune.briefings.strip": ("Các tháng trong kỳ", "Months of the period"),
    "month.name": ("tháng {month}/{year}", "{name} {year}"),
    "month.1": ("tháng 1", "January"),
    "month.2": ("tháng 2", "February"),
    "month.3": ("tháng 3", "March"),
    "month.4": ("tháng 4", "April"),
    "month.5": ("tháng 5", "May"),
    "month.6": ("tháng 6", "June"),
    "month.7": ("tháng 7", "July"),
    "month.8": ("tháng 8", "August"),
    "month.9": ("tháng 9", "September"),
    "month.10": ("tháng 10", "October"),
    "month.11": ("tháng 11", "November"),
    "month.12": ("tháng 12", "December"),
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
