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
    "data.title": ("Dữ liệu", "Data"),
    "data.lead": ("Nhập số liệu từ các tệp Excel theo mẫu, xuất dữ liệu, xem lịch sử nhập và các điểm cần kiểm tra lại.",
                  "Import records from workbooks in the template's format, export data, see the import history and what to check."),
    "data.status": ("Số liệu từ {start} đến {end}.", "Records from {start} to {end}."),
    "data.status_demo": ("Đang dùng dữ liệu mẫu; lần nhập dữ liệu thật đầu tiên sẽ thay thế toàn bộ dữ liệu mẫu.",
                         "The demo data is loaded; the first import of real data replaces all of it."),
    "data.status_empty": ("Cơ sở dữ liệu chưa có số liệu.", "The database holds no records yet."),
    "data.template": ("Mẫu nhập liệu", "Import template"),
    "data.template_hint": ("Một tệp Excel, mỗi trang một loại số liệu; dòng 2 giải thích từng cột.",
                           "One workbook, a sheet per kind of record; row 2 explains each column."),
    "data.template_download": ("Tải mẫu nhập liệu (Excel)", "Download the template (Excel)"),
    "data.export_all": ("Xuất toàn bộ dữ liệu (Excel)", "Export all data (Excel)"),
    "data.import": ("Nhập dữ liệu", "Import"),
    "data.upload": ("Kéo thả tệp .xlsx hoặc .csv vào đây, hoặc bấm để chọn tệp", "Drop an .xlsx or .csv file here, or click to choose one"),
    "data.upload_limit": ("Tối đa {limit}. Tệp có lỗi sẽ không được ghi; mọi lỗi được liệt kê.", "At most {limit}. A file with errors changes nothing; every error is listed."),
    "data.dry_run": ("Chỉ kiểm tra, chưa ghi vào cơ sở dữ liệu", "Only check, do not write"),
    "data.working": ("Đang kiểm tra và nhập dữ liệu ...", "Checking and importing ..."),
    "data.result_ok": ("Đã nhập {file}: {rows} dòng.", "Imported {file}: {rows} rows."),
    "data.result_dry": ("Tệp {file} hợp lệ ({rows} dòng). Chạy thử: chưa ghi gì.", "{file} is valid ({rows} rows). Dry run: nothing written."),
    "data.result_replaced": ("Dữ liệu mẫu đã được thay thế.", "The demo data was replaced."),
    "data.result_unchanged": ("Không có gì thay đổi: số liệu trong tệp đã có sẵn.", "Nothing changed: the file's records were already there."),
    "data.result_rejected": ("Tệp {file} có {count} lỗi; không có thay đổi nào được ghi. Sửa các lỗi dưới đây rồi nhập lại.",
                             "{file} has {count} errors; nothing was written. Fix them and import again."),
    "data.result_truncated": ("Hiển thị {shown} lỗi đầu tiên trong tổng số {count}; dùng lệnh grassroots import để xem tất cả.",
                              "Showing the first {shown} of {count} errors; the grassroots import command lists them all."),
    "data.too_large": ("Tệp {file} quá lớn ({size}); tối đa {limit}. Không có gì được gửi lên.", "{file} is too large ({size}); at most {limit}. Nothing was sent."),
    "data.bad_upload": ("Không đọc được tệp tải lên.", "The upload could not be read."),
    "data.not_allowed": ("Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."),
    "data.col.sheet": ("Trang", "Sheet"),
    "data.col.inserted": ("Thêm mới", "Added"),
    "data.col.updated": ("Cập nhật", "Updated"),
    "data.col.unchanged": ("Giữ nguyên", "Unchanged"),
    "data.col.file": ("Tệp", "File"),
    "data.col.row": ("Dòng", "Row"),
    "data.col.column": ("Cột", "Column"),
    "data.col.message": ("Lỗi", "Problem"),
    "data.history": ("Lịch sử nhập dữ liệu", "Import history"),
    "data.history_empty": ("Chưa có lần nhập dữ liệu nào.", "No import yet."),
    "data.col.when": ("Thời gian", "When"),
    "data.col.user": ("Người nhập", "By"),
    "data.col.result": ("Kết quả", "Result"),
    "data.col.counts": ("Số dòng", "Rows"),
    "data.col.checksum": ("Mã kiểm tra (SHA-256)", "Checksum (SHA-256)"),
    "data.col.note": ("Ghi chú", "Note"),
    "data.result.ok": ("Thành công", "Imported"),
    "data.result.rejected": ("Bị từ chối", "Rejected"),
    "data.result.dry-run": ("Chạy thử", "Dry run"),
    "data.counts": ("thêm {inserted}, cập nhật {updated}, giữ nguyên {unchanged}", "added {inserted}, updated {updated}, unchanged {unchanged}"),
    "data.counts_rows": ("{rows} dòng", "{rows} rows"),
    "data.quality": ("Chất lượng dữ liệu", "Data quality"),
    "data.quality_hint": ("Số liệu hợp lệ nhưng có thể chưa đúng, tính đến ngày {date}.", "Records that pass validation but look wrong, as of {date}."),
    "data.quality_empty": ("Không phát hiện điểm bất thường nào.", "Nothing looks wrong."),
    "data.quality_more": ("Có {count} trường hợp; hiển thị {shown}.", "{count} cases; {shown} shown."),
    "data.quality.vacant_head": ("Thôn, khu không có trưởng thôn, khu quá {days} ngày", "Village without a head for more than {days} days"),
    "data.quality.no_participants": ("Lớp đã kết thúc nhưng chưa có học viên", "Course ended with no participant"),
    "data.quality.silent_board": ("Ban giám sát không hoạt động hai quý liền", "Board silent for two quarters"),
    "data.col.check": ("Vấn đề", "Issue"),
    "data.col.where": ("Đơn vị", "Where"),
    "data.col.item": ("Chi tiết", "Detail"),
    "data.col.since": ("Từ ngày", "Since"),
    "data.col.days": ("Số ngày", "Days"),
    "data.report": ("Báo cáo sơ kết", "Review report"),
    "data.report_hint": ("Một tệp Excel: mỗi chỉ tiêu một trang, kèm danh sách cần chú ý.", "One workbook: a sheet per indicator and the attention list."),
    "data.report_unit": ("Đơn vị", "Unit"),
    "data.report_period": ("Kỳ báo cáo", "Period"),
    "data.report_date": ("Ngày trong kỳ", "A day in the period"),
    "data.report_download": ("Tải báo cáo sơ kết (Excel)", "Download the review report (Excel)"),
    "data.report_ready": ("Đã tạo {file}.", "Made {file}."),
    "report.title": ("Báo cáo sơ kết", "Review report"),
    "report.cover": ("Thông tin", "About"),
    "report.unit": ("Đơn vị", "Unit"),
    "report.period": ("Kỳ báo cáo", "Period"),
    "report.as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "report.made_on": ("Ngày lập", "Made on"),
    "report.grade": ("Đánh giá", "Grade"),
    "report.measure.months_held": ("Tháng có giao ban", "Months with a briefing"),
    "report.measure.months_due": ("Tháng phải giao ban", "Months due"),
    # import: where a problem is, and what it is (file › sheet › row › column: message)
    "imp.place.row": ("dòng {row}", "row {row}"),
    "imp.where.existing": ("số liệu đã có", "already in the database"),
    "imp.where.open": ("nay", "now"),
    "imp.place.column": ("cột {column}", "column {column}"),
    "imp.file.extension": ("Chỉ nhận tệp .xlsx hoặc .csv; tệp này có đuôi {ext}.", "Only .xlsx and .csv files are accepted; this one is {ext}."),
    "imp.file.macro": ("Không nhận tệp Excel có macro ({ext}); hãy lưu lại dưới dạng Excel Workbook (.xlsx).", "Workbooks with macros ({ext}) are refused; save it as an Excel Workbook (.xlsx)."),
    "imp.file.old_excel": ("Không nhận tệp Excel 97–2003 (.xls); hãy lưu lại dưới dạng Excel Workbook (.xlsx).", "Excel 97–2003 files (.xls) are refused; save it as an Excel Workbook (.xlsx)."),
    "imp.file.too_large": ("Tệp quá lớn ({size}); tối đa {limit}.", "The file is too large ({size}); at most {limit}."),
    "imp.file.empty": ("Tệp rỗng.", "The file is empty."),
    "imp.file.not_xlsx": ("Nội dung tệp không phải bảng tính Excel (.xlsx) dù tên tệp có đuôi .xlsx.", "The file is not an Excel workbook (.xlsx), whatever its name says."),
    "imp.file.truncated": ("Tệp Excel bị hỏng hoặc không đầy đủ (có thể do tải lên bị gián đoạn); hãy mở, lưu lại và gửi lại.", "The workbook is damaged or incomplete (perhaps a broken upload); open it, save it and send it again."),
    "imp.file.zip_bomb": ("Tệp Excel giải nén ra kích thước bất thường ({detail}); tệp bị từ chối.", "The workbook unpacks to an abnormal size ({detail}); it is refused."),
    "imp.file.unsafe_xml": ("Tệp Excel chứa khai báo XML không an toàn (entity); tệp bị từ chối.", "The workbook contains unsafe XML declarations (entities); it is refused."),
    "imp.file.unreadable": ("Không đọc được tệp Excel ({detail}); hãy mở, lưu lại và gửi lại.", "The workbook cannot be read ({detail}); open it, save it and send it again."),
    "imp.file.not_csv": ("Nội dung tệp không phải văn bản CSV dù tên tệp có đuôi .csv.", "The file is not CSV text, whatever its name says."),
    "imp.file.csv_encoding": ("Tệp CSV không dùng bảng mã UTF-8; trong Excel hãy chọn Lưu dưới dạng “CSV UTF-8”.", "The CSV file is not UTF-8; in Excel choose Save as “CSV UTF-8”."),
    "imp.file.too_many_rows": ("Tệp có quá nhiều dòng số liệu (hơn {limit}).", "The file has too many data rows (more than {limit})."),
    "imp.file.no_data": ("Tệp không có dòng số liệu nào.", "The file has no data rows."),
    "imp.db.refused": ("Cơ sở dữ liệu từ chối ghi ({detail}), có thể do một lần nhập khác đang chạy; không có gì được ghi, hãy nhập lại.", "The database refused the change ({detail}), perhaps because another import was running; nothing was written, try again."),
    "imp.folder.empty": ("Không có tệp .xlsx hoặc .csv nào để nhập.", "There is no .xlsx or .csv file to import."),
    "imp.sheet.unknown": ("Trang “{sheet}” không có trong mẫu. Các trang của mẫu: {allowed}.", "Sheet “{sheet}” is not in the template. The template's sheets: {allowed}."),
    "imp.csv.unknown_table": ("Không nhận ra bảng số liệu từ dòng tên cột. Gần nhất là trang “{sheet}”: {detail}.", "The header row matches no table of the template. Closest is “{sheet}”: {detail}."),
    "imp.column.unknown": ("Cột “{column}” không có trong mẫu của trang này; hãy xóa cột hoặc dùng đúng mẫu.", "Column “{column}” is not in the template for this sheet; remove it or use the template."),
    "imp.column.missing": ("Thiếu cột bắt buộc “{column}”.", "Required column “{column}” is missing."),
    "imp.column.duplicate": ("Cột “{column}” xuất hiện hai lần.", "Column “{column}” appears twice."),
    "imp.column.unnamed": ("Cột {letter} có số liệu nhưng không có tên cột.", "Column {letter} has values but no header."),
    "imp.cell.required": ("Ô bắt buộc, không được để trống.", "Required; it cannot be empty."),
    "imp.cell.too_long": ("Dài quá {limit} ký tự.", "Longer than {limit} characters."),
    "imp.cell.bad_code": ("Mã “{value}” chỉ được gồm chữ cái không dấu, chữ số và các dấu - _ .", "Code “{value}” may only contain unaccented letters, digits and - _ ."),
    "imp.cell.not_date": ("“{value}” không phải ngày (ghi dạng dd/mm/yyyy).", "“{value}” is not a date (write dd/mm/yyyy)."),
    "imp.cell.impossible_date": ("Ngày “{value}” không có thật.", "“{value}” is not a real date."),
    "imp.cell.date_range": ("Ngày {value} nằm ngoài khoảng 1900–2100.", "Date {value} is outside 1900–2100."),
    "imp.cell.not_number": ("“{value}” không phải số.", "“{value}” is not a number."),
    "imp.cell.not_integer": ("“{value}” phải là số nguyên.", "“{value}” must be a whole number."),
    "imp.cell.below_min": ("Giá trị {value} nhỏ hơn {minimum}.", "{value} is less than {minimum}."),
    "imp.cell.not_in_list": ("“{value}” không có trong danh sách: {allowed}.", "“{value}” is not in the list: {allowed}."),
    "imp.row.duplicate": ("Trùng với dòng {other} (cùng {columns}).", "Duplicates row {other} (same {columns})."),
    "imp.row.dates_order": ("“{end_column}” ({end}) trước “{start_column}” ({start}).", "“{end_column}” ({end}) is before “{start_column}” ({start})."),
    "imp.ref.unknown_unit": ("Không có đơn vị nào mang mã “{code}”.", "No unit has the code “{code}”."),
    "imp.ref.unit_not_valid": ("Không có đơn vị mã “{code}” có hiệu lực vào ngày {date} ({valid}).", "No unit with code “{code}” is valid on {date} ({valid})."),
    "imp.ref.not_village": ("Mã “{code}” là {unit}, không phải thôn, khu.", "Code “{code}” is {unit}, not a village."),
    "imp.ref.is_village": ("Mã “{code}” là {unit}; ở đây cần xã, phường (hoặc cấp trên).", "Code “{code}” is {unit}; a commune (or higher) is needed here."),
    "imp.ref.unknown_person": ("Không có cán bộ mã “{code}” (trong tệp hoặc trong dữ liệu đã có).", "No person has the key “{code}” (in the file or the database)."),
    "imp.ref.unknown_term": ("Không có nhiệm kỳ mã “{code}”.", "No term has the code “{code}”."),
    "imp.ref.unknown_topic": ("Không có chuyên đề mã “{code}”.", "No topic has the code “{code}”."),
    "imp.ref.unknown_course": ("Không có lớp mã “{code}”.", "No course has the code “{code}”."),
    "imp.ref.unknown_board": ("Không có ban mã “{code}”.", "No board has the code “{code}”."),
    "imp.unit.code_overlap": ("Mã “{code}” đã dùng cho một đơn vị khác có hiệu lực trùng thời gian ({other}).", "Code “{code}” is already used by another unit valid at the same time ({other})."),
    "imp.membership.self": ("Đơn vị không thể trực thuộc chính nó.", "A unit cannot belong to itself."),
    "imp.membership.level": ("{child} không thể trực thuộc {parent} (cấp không phù hợp).", "{child} cannot belong to {parent} (wrong level)."),
    "imp.membership.beyond_unit": ("Thời gian trực thuộc kéo dài quá thời gian hiệu lực của {unit} ({valid}).", "The membership lasts beyond the validity of {unit} ({valid})."),
    "imp.membership.overlap": ("Đơn vị “{code}” cùng lúc trực thuộc {other} (ngày {date}; {where}).", "Unit “{code}” also belongs to {other} at the same time ({date}; {where})."),
    "imp.succession.self": ("Đơn vị cũ và đơn vị mới là một.", "The old and the new unit are the same."),
    "imp.post.two_holders": ("Thôn, khu “{code}” có hai {role} cùng lúc (ngày {date}; {where}).", "Village “{code}” has two holders of {role} at once ({date}; {where})."),
    "imp.post.two_villages": ("Cán bộ “{person}” giữ chức ở hai thôn, khu cùng lúc: {village} và {other} (ngày {date}; {where}).", "Person “{person}” holds posts in two villages at once: {village} and {other} ({date}; {where})."),
    "imp.participation.days": ("Số ngày tham dự ({attended}) lớn hơn số ngày học của lớp ({held}).", "Days attended ({attended}) exceed the days the course was held ({held})."),
    "imp.activity.resolved": ("Số kiến nghị đã giải quyết ({resolved}) lớn hơn số kiến nghị ({made}).", "Recommendations resolved ({resolved}) exceed those made ({made})."),
    "imp.activity.board_not_valid": ("Ban “{code}” không hoạt động vào ngày {date} (hiệu lực: {valid}).", "Board “{code}” was not in office on {date} (valid {valid})."),
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
