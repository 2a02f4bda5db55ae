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
    "unified.kpi.first_time": ("Lần đầu giữ chức", "First-time holders"),
    "unified.kpi.first_time.detail": ("người kiêm nhiệm giữ chức lần đầu / thôn, khu nhất thể hóa", "unified holders on their first term / unified villages"),
    "unified.kpi.first_time.split": ("{first} lần đầu · {again} tái cử", "{first} first-time · {again} re-elected"),
    "unified.kpi.vacant": ("Chức danh còn trống", "Vacant posts"),
    "unified.kpi.vacant.of": ("/ {posts} chức danh", "/ {posts} posts"),
    "unified.kpi.vacant.detail": ("bí thư chi bộ: {secretary} · trưởng thôn, khu: {head}", "cell secretary: {secretary} · village head: {head}"),
    "unified.kpi.vacant.none": ("Đủ người", "All filled"),
    "unified.kpi.vacant.some": ("Còn trống", "Some vacant"),
    "unified.change.more": ("tăng {value}", "up {value}"),
    "unified.change.fewer": ("giảm {value}", "down {value}"),
    "unified.chart.coverage": ("Nhất thể hóa theo đơn vị", "Unified posts by unit"),
    "unified.chart.coverage.hint": ("Đơn vị có tỷ lệ thấp nhất ở trên cùng; bấm để xem chi tiết", "Lowest rate at the top; click a unit to see its details"),
    "unified.chart.first_time": ("Lần đầu giữ chức và tái cử", "First-time and re-elected holders"),
    "unified.chart.vacant": ("Chức danh còn trống theo đơn vị", "Vacant posts by unit"),
    "unified.chart.vacant.only": ("Chỉ hiện các đơn vị có chức danh còn trống; bấm để xem chi tiết", "Only units with a vacant post are shown; click one to see its details"),
    "unified.chart.history": ("Diễn biến qua các nhiệm kỳ", "Over the terms"),
    "unified.legend.unified": ("Nhất thể hóa", "Unified"),
    "unified.legend.not_unified": ("Chưa nhất thể hóa", "Not unified"),
    "unified.legend.first_time": ("Lần đầu", "First-time"),
    "unified.legend.reelected": ("Tái cử", "Re-elected"),
    "unified.legend.secretary_vacant": ("Trống bí thư chi bộ", "Cell secretary vacant"),
    "unified.legend.head_vacant": ("Trống trưởng thôn, khu", "Village head vacant"),
    "unified.bar.no_villages": ("không có thôn, khu", "no villages"),
    "unified.bar.no_unified": ("chưa có thôn, khu nhất thể hóa", "no unified village"),
    "unified.bar.vacant": ("{count} chức danh", "{count} posts"),
    "unified.hover.coverage": ("{unified}/{villages} thôn, khu nhất thể hóa · {share}<br>{missing} chưa nhất thể hóa", "{unified}/{villages} villages unified · {share}<br>{missing} not unified"),
    "unified.hover.first_time": ("{first} lần đầu · {again} tái cử", "{first} first-time · {again} re-elected"),
    "unified.hover.vacant": ("Trống bí thư chi bộ: {secretary}<br>Trống trưởng thôn, khu: {head}", "Cell secretary vacant: {secretary}<br>Village head vacant: {head}"),
    "unified.empty.no_vacancies": ("Không có chức danh nào còn trống vào ngày {date}.", "No post is vacant on {date}."),
    "unified.empty.no_unified": ("Chưa có thôn, khu nào nhất thể hóa vào ngày {date}.", "No village is unified on {date}."),
    "unified.history.hint": ("Tỷ lệ thôn, khu nhất thể hóa cuối mỗi tháng, trên các thôn, khu thuộc {unit} theo cơ cấu ngày {date}", "Share of villages unified at the end of each month, over the villages of {unit} on the structure of {date}"),
    "unified.history.rate": ("Tỷ lệ nhất thể hóa", "Unified share"),
    "unified.history.below_axis": ("Trục dọc không bắt đầu từ 0: lúc thấp nhất {share}", "The axis does not start at 0: lowest {share}"),
    "unified.history.empty": ("Chưa có số liệu về chức danh đến ngày {date}.", "No post on record up to {date}."),
    "unified.history.term_ends": ("Cuối mỗi nhiệm kỳ và hiện tại", "At the end of each term, and now"),
    "unified.history.col.when": ("Thời điểm", "When"),
    "unified.history.col.date": ("Ngày", "Date"),
    "unified.history.end_of": ("Cuối nhiệm kỳ {term}", "End of term {term}"),
    "unified.history.now": ("Tính đến ngày chọn", "On the chosen date"),
    "unified.villages.title": ("Danh sách thôn, khu", "Villages"),
    "unified.villages.too_many": (
        "{unit} có {count} thôn, khu: quá nhiều để liệt kê trên một trang (tối đa {limit}). Hãy chọn một đơn vị trực thuộc:",
        "{unit} has {count} villages: too many to list on one page (at most {limit}). Choose a unit below it:"),
    "unified.villages.empty": ("{unit} không có thôn, khu nào vào ngày {date}.", "{unit} has no village on {date}."),
    "unified.col.village": ("Thôn, khu", "Village"),
    "unified.col.commune": ("Xã, phường", "Commune"),
    "unified.col.secretary": ("Bí thư chi bộ", "Cell secretary"),
    "unified.col.head": ("Trưởng thôn, khu", "Village head"),
    "unified.col.unified": ("Nhất thể hóa", "Unified"),
    "unified.col.first_time": ("Lần đầu / tái cử", "First-time / re-elected"),
    "unified.col.term": ("Nhiệm kỳ", "Term"),
    "unified.col.villages": ("Số thôn, khu", "Villages"),
    "unified.col.unified_count": ("Nhất thể hóa", "Unified"),
    "unified.col.rate": ("Tỷ lệ", "Rate"),
    "unified.value.yes": ("Có", "Yes"),
    "unified.value.no": ("Chưa", "No"),
    "unified.value.vacant": ("(còn trống)", "(vacant)"),
    "unified.value.first_time": ("Lần đầu", "First-time"),
    "unified.value.reelected": ("Tái cử", "Re-elected"),
    "unified.export.villages": ("Danh sách thôn, khu — {unit} — {period}", "Villages — {unit} — {period}"),
    "unified.export.terms": ("Nhất thể hóa cuối mỗi nhiệm kỳ — {unit}", "Unified posts at the end of each term — {unit}"),
    # --- page: village (/don-vi/<commune>/<village>) ---
    "village.title": ("Thôn, khu", "Village"),
    "village.kicker": ("Chi tiết thôn, khu", "Village detail"),
    "village.status.title": ("Tình trạng ngày {date}", "Status on {date}"),
    "village.status.unified": ("Đã nhất thể hóa", "Unified"),
    "village.status.not_unified": ("Chưa nhất thể hóa", "Not unified"),
    "village.status.both": ("{name} là bí thư chi bộ kiêm trưởng thôn, khu ({first}).", "{name} is both cell secretary and village head ({first})."),
    "village.status.vacant": ("còn trống", "vacant"),
    "village.holders.title": ("Người giữ chức qua các nhiệm kỳ", "Post holders across terms"),
    "village.holders.empty": ("Chưa có ai giữ chức ở {village} đến ngày {date}.", "Nobody held a post in {village} up to {date}."),
    "village.trainings.title": ("Bồi dưỡng, tập huấn của người giữ chức", "Training of the post holders"),
    "village.trainings.empty": ("Người giữ chức ở {village} chưa tham gia lớp nào đến ngày {date}.", "The post holders of {village} attended no course up to {date}."),
    "village.activities.title": ("Hoạt động giám sát liên quan đến thôn, khu", "Oversight activities concerning the village"),
    "village.activities.empty": ("Chưa có hoạt động giám sát nào liên quan đến {village} đến ngày {date}.", "No oversight activity concerned {village} up to {date}."),
    "village.capped": ("Chỉ hiện {limit} dòng mới nhất.", "Only the latest {limit} rows are shown."),
    "village.col.role": ("Chức danh", "Post"),
    "village.col.person": ("Họ và tên", "Name"),
    "village.col.term": ("Nhiệm kỳ", "Term"),
    "village.col.from": ("Từ ngày", "From"),
    "village.col.to": ("Đến ngày", "To"),
    "village.col.first_time": ("Lần đầu / tái cử", "First-time / re-elected"),
    "village.col.current": ("Đương chức", "In post"),
    "village.col.course": ("Lớp", "Course"),
    "village.col.kind": ("Loại", "Kind"),
    "village.col.start": ("Bắt đầu", "Start"),
    "village.col.end": ("Kết thúc", "End"),
    "village.col.days_held": ("Số ngày học", "Days held"),
    "village.col.days_attended": ("Số ngày dự", "Days attended"),
    "village.col.completed": ("Hoàn thành", "Completed"),
    "village.col.certificate": ("Giấy chứng nhận", "Certificate"),
    "village.col.date": ("Ngày", "Date"),
    "village.col.board": ("Ban", "Board"),
    "village.col.activity": ("Hoạt động", "Activity"),
    "village.col.subject": ("Nội dung", "Subject"),
    "village.col.made": ("Kiến nghị", "Recommendations"),
    "village.col.resolved": ("Đã giải quyết", "Resolved"),
    "village.value.yes": ("Có", "Yes"),
    "village.value.no": ("Không", "No"),
    "village.unknown": ("Không có thôn, khu nào mang mã {code}.", "No village has the code {code}."),
    "village.not_village": ("Mã {code} là của {unit}, không phải một thôn, khu.", "The code {code} belongs to {unit}, not a village."),
    "village.other_commune": ("Ngày {date}, {village} thuộc {commune}.", "On {date}, {village} belongs to {commune}."),
    "village.back_to": ("Về {unit}", "Back to {unit}"),
    "village.export.holders": ("Người giữ chức — {village}", "Post holders — {village}"),
    "village.export.trainings": ("Bồi dưỡng của người giữ chức — {village}", "Training of the post holders — {village}"),
    "village.export.activities": ("Hoạt động giám sát — {village}", "Oversight activities — {village}"),
    # --- page: training (/boi-duong) ---
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
