"""What every number means: the one registry of indicator and measure definitions.

Each entry says, in Vietnamese and English, what the number is called (on cards, charts
and table headers), what its numerator and denominator count, over which period it is
read, what exactly counts, and (for the graded indicators) the thresholds of the
attention list. Pages, info popovers, grid headers and tooltips, exports, the review
report and the help page all read it; the translation table (``dashboard.i18n``) asks it
for the keys it owns (``kpi.<key>``, ``kpi.<key>.detail``, ``col.<key>``), so nothing
here is written twice.

Text is a (Vietnamese, English) pair. No Dash here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .periods import add_months

Text = tuple[str, str]
NO_TEXT: Text = ("", "")


@dataclass(frozen=True)
class Definition:
    """One number the dashboard shows.

    name: its title on cards and charts (i18n key ``label``, e.g. ``kpi.unified``);
    detail: one line under the number (``label + ".detail"``);
    column: the table header of the number itself (i18n key ``col.<key>``);
    denominator_column: the table header of its denominator;
    numerator_text / denominator_text: what is counted above and below the line
    (denominator empty for a plain count); unit: what the denominator counts, after
    "179 / 179" ("thôn, khu"); period: how the period is read (on the date, or over the
    period); counts: what exactly counts.

    For a graded indicator: ``numerator`` and ``denominator`` are columns of
    ``indicators.summary``; the ratio is "Đạt" at >= ``good``, "Gần đạt" at >= ``fair``,
    "Chưa đạt" below; ``state``: True when read on the date, False when counted over the
    period.

    shown_on: the pages (``"unified"``, ...) that show an ungraded ratio (``numerator`` /
    ``denominator``, measures of that page's group in ``GROUPS``) as a card of their own,
    with its change against the previous period: declaring it here is all a page needs.

    attention: a setting of the attention list (``dashboard.attention``) for an ungraded
    number: a unit below the villages' level is listed when its figure (``numerator`` /
    ``denominator``, with a denominator above 0; or, without a denominator, the measure
    named ``key``) is below it, or above it when ``attention_above``.
    """

    key: str
    name: Text
    detail: Text
    numerator_text: Text
    denominator_text: Text
    period: Text
    counts: Text
    column: Text = NO_TEXT
    unit: Text = NO_TEXT
    denominator_column: Text = NO_TEXT
    numerator: str | None = None
    denominator: str | None = None
    good: float | None = None
    fair: float | None = None
    state: bool = True
    shown_on: tuple[str, ...] = ()
    phrase: Text = NO_TEXT  # what x/y counts, in a report's sentence ("thôn, khu thực hiện ...")
    attention: float | None = None
    attention_above: bool = False

    @property
    def label(self) -> str:
        """The translation key of the name (``kpi.<key>``); ``label + ".detail"`` is the
        one-line description."""
        return f"kpi.{self.key}"

    @property
    def graded(self) -> bool:
        return self.good is not None


# Alias kept for readers of older code: a graded indicator is a Definition with thresholds.
Indicator = Definition

# Party seniority (tuổi Đảng) the profile counts: posts whose holder has been a Party
# member for at least this many years on the date, counted as the date's year less the
# year they joined (as an age). A setting.
PARTY_SENIORITY_YEARS = 10

_ON_DATE: Text = ("Tính tại ngày báo cáo (ngày cuối kỳ, không muộn hơn hôm nay).",
                  "Read on the report date (the period's last day, never later than today).")
_IN_PERIOD: Text = ("Cộng dồn số liệu phát sinh trong kỳ, từ ngày đầu đến ngày báo cáo; kỳ \"tại ngày\" là 12 tháng đến ngày đó.",
                    "Counts what happened from the period's first day to its report date; \"on the date\" means the 12 months to it.")

DEFINITIONS: dict[str, Definition] = {d.key: d for d in (
    # --- the headline indicators (graded; the attention list uses their thresholds) ---
    Definition(
        "unified",
        name=("Nhất thể hóa", "Unified posts"),
        detail=("thôn, khu có bí thư chi bộ đồng thời là trưởng thôn, khu", "villages where the cell secretary is also the village head"),
        numerator_text=("Số thôn, khu nhất thể hóa vào ngày báo cáo", "Villages unified on the report date"),
        denominator_text=("Số thôn, khu thuộc đơn vị vào ngày đó", "Villages of the unit on that date"),
        period=_ON_DATE,
        counts=("Một thôn, khu được tính là nhất thể hóa vào một ngày khi cùng một người giữ cả chức bí thư chi bộ và "
                "trưởng thôn, khu vào ngày đó. Thôn, khu còn trống một trong hai chức danh thì chưa nhất thể hóa.",
                "A village counts as unified on a date when the same person holds the posts of party cell secretary and "
                "village head on that date. A village with either post vacant is not unified."),
        column=("Nhất thể hóa", "Unified"), unit=("thôn, khu", "villages"), denominator_column=("Số thôn, khu", "Villages"),
        numerator="unified", denominator="villages", good=1.0, fair=0.95, state=True, phrase=("thôn, khu thực hiện mô hình bí thư chi bộ đồng thời là trưởng thôn, khu", "villages where the cell secretary is also the village head")),
    Definition(
        "training",
        name=("Hoàn thành bồi dưỡng", "Training completed"),
        detail=("cán bộ đương chức đã được bồi dưỡng", "cadres in post who completed training"),
        numerator_text=("Cán bộ đương chức đã hoàn thành lớp bồi dưỡng hoặc tập huấn", "Cadres in post who completed a class or training session"),
        denominator_text=("Cán bộ đương chức: người giữ chức bí thư chi bộ hoặc trưởng thôn, khu vào ngày báo cáo (người kiêm cả hai tính một)",
                          "Cadres in post: people holding the post of cell secretary or village head on the report date (one person holding both counts once)"),
        period=_ON_DATE,
        counts=("Được tính là đã bồi dưỡng khi hoàn thành một lớp bồi dưỡng hoặc tập huấn (không tính tọa đàm) kết thúc "
                "trước ngày báo cáo và không sớm hơn 183 ngày trước khi bắt đầu giữ chức trong nhiệm kỳ hiện tại.",
                "A cadre counts as trained after completing a class or training session (not a seminar) that ended by the "
                "report date and no more than 183 days before their current post began."),
        column=("Đã bồi dưỡng", "Trained"), unit=("cán bộ", "cadres"), denominator_column=("Cán bộ đương chức", "Cadres in post"),
        numerator="trained", denominator="cadres", good=0.95, fair=0.8, state=True, phrase=("cán bộ đương chức đã hoàn thành bồi dưỡng", "cadres in post who completed training")),
    Definition(
        "boards",
        name=("Ban có hoạt động", "Active oversight boards"),
        detail=("ban có ít nhất một hoạt động trong kỳ", "boards with at least one activity in the period"),
        numerator_text=("Ban có ít nhất một hoạt động trong kỳ", "Boards with at least one activity in the period"),
        denominator_text=("Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng có nhiệm kỳ trùng với kỳ báo cáo",
                          "People's Inspection Boards and Community Investment Supervision Boards whose term meets the period"),
        period=_IN_PERIOD,
        counts=("Hoạt động gồm họp, giám sát, kiểm tra, kiến nghị, tiếp nhận, xử lý đơn thư. Ban được tính cho xã, phường của "
                "ban; ở một thôn, khu, ban có hoạt động là ban có hoạt động về thôn, khu đó.",
                "Activities are meetings, supervisions, inspections, recommendations and petitions handled. A board counts "
                "where its commune belongs; for a village, the active boards are those with an activity about it."),
        column=("Ban hoạt động", "Active boards"), unit=("ban", "boards"), denominator_column=("Số ban", "Boards"),
        numerator="active_boards", denominator="boards", good=0.9, fair=0.7, state=False, phrase=("ban giám sát có hoạt động trong kỳ", "oversight boards active in the period")),
    Definition(
        "resolved",
        name=("Kiến nghị đã giải quyết", "Recommendations resolved"),
        detail=("kiến nghị của ban được giải quyết", "board recommendations resolved"),
        numerator_text=("Kiến nghị đã được giải quyết, ghi ở các hoạt động trong kỳ", "Recommendations resolved, as recorded by the period's activities"),
        denominator_text=("Kiến nghị các ban đưa ra ở các hoạt động trong kỳ", "Recommendations the boards made in the period's activities"),
        period=_IN_PERIOD,
        counts=("Mỗi hoạt động ghi số kiến nghị đưa ra và số đã giải quyết (không lớn hơn số đưa ra).",
                "Each activity records the recommendations made and those resolved (never more than made)."),
        column=("Đã giải quyết", "Resolved"), unit=("kiến nghị", "recommendations"), denominator_column=("Kiến nghị", "Recommendations"),
        numerator="resolved", denominator="recommendations", good=0.8, fair=0.6, state=False, phrase=("kiến nghị của các ban đã được giải quyết", "board recommendations resolved")),
    Definition(
        "briefings",
        name=("Giao ban hằng tháng", "Monthly briefings"),
        detail=("tháng có giao ban / tháng phải giao ban", "months with a briefing / months due"),
        numerator_text=("Tháng có ít nhất một buổi giao ban", "Months with at least one briefing"),
        denominator_text=("Tháng phải giao ban: mỗi tháng đã kết thúc trong kỳ mà xã, phường tồn tại vào ngày 1",
                          "Months due: every month of the period that has ended and in which the commune existed on the 1st"),
        period=("Các tháng trọn vẹn của kỳ, đã kết thúc trước ngày báo cáo và sau ngày bắt đầu có số liệu.",
                "The whole months of the period that ended by the report date, after the records begin."),
        counts=("Hai buổi giao ban trong một tháng vẫn tính là một tháng; cộng dồn cho các xã, phường của đơn vị.",
                "Two briefings in one month count as one month; summed over the unit's communes."),
        column=("Tháng có giao ban", "Months with a briefing"), unit=("tháng", "months"), denominator_column=("Tháng phải giao ban", "Months due"),
        numerator="months_held", denominator="months_due", good=1.0, fair=0.9, state=False, phrase=("tháng có giao ban trên số tháng phải giao ban", "months with a briefing of the months due")),
    # --- other computed numbers: cards, charts and table columns ---
    Definition(
        "villages", name=("Số thôn, khu", "Villages"), detail=("thôn, khu của đơn vị vào ngày báo cáo", "the unit's villages on the report date"),
        numerator_text=("Thôn, khu thuộc đơn vị theo cơ cấu đã chọn", "Villages of the unit on the chosen structure"),
        denominator_text=NO_TEXT, period=_ON_DATE,
        counts=("Cơ cấu \"như tại thời điểm\" dùng đơn vị của ngày báo cáo; \"theo đơn vị hiện nay\" dồn lịch sử về các đơn vị hôm nay.",
                "\"As it was then\" uses the units of the report date; \"today's units\" rolls history up onto today's units."),
        column=("Số thôn, khu", "Villages"), unit=("thôn, khu", "villages")),
    Definition(
        "first_time", name=("Lần đầu giữ chức", "First-time holders"),
        detail=("người kiêm nhiệm giữ chức lần đầu / thôn, khu nhất thể hóa", "unified holders on their first term / unified villages"),
        numerator_text=("Thôn, khu nhất thể hóa có người kiêm nhiệm giữ chức lần đầu", "Unified villages whose holder is in post for the first time"),
        denominator_text=("Thôn, khu nhất thể hóa", "Unified villages"), period=_ON_DATE,
        counts=("Lần đầu: ít nhất một trong hai chức danh được ghi là giữ lần đầu; còn lại là tái cử.",
                "First-time: at least one of the two posts is recorded as held for the first time; the others are re-elected."),
        column=("Lần đầu", "First-time"), unit=("thôn, khu", "villages")),
    Definition(
        "women", name=("Nữ giữ chức danh", "Posts held by women"),
        detail=("chức danh bí thư chi bộ, trưởng thôn, khu do nữ đảm nhiệm", "cell secretary and village head posts held by women"),
        numerator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu có người giữ là nữ vào ngày báo cáo",
                        "Cell secretary and village head posts held by a woman on the report date"),
        denominator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu có người giữ vào ngày báo cáo",
                          "Cell secretary and village head posts held on the report date"),
        period=_ON_DATE,
        counts=("Mỗi chức danh tính một lần: một người kiêm cả hai chức danh tính là 2. Người chưa ghi giới tính tính là không phải nữ.",
                "Each post counts once: a person holding both posts counts 2. A person whose gender is not recorded counts as not a woman."),
        column=("Nữ giữ chức danh", "Held by women"), unit=("chức danh", "posts"),
        denominator_column=("Chức danh có người giữ", "Posts filled"),
        numerator="posts_women", denominator="posts", shown_on=("unified",), attention=0.10),
    Definition(
        "avg_age", name=("Tuổi bình quân", "Average age"),
        detail=("của bí thư chi bộ, trưởng thôn, khu đương chức", "of the cell secretaries and village heads in post"),
        numerator_text=("Tổng số tuổi của những người giữ chức danh vào ngày báo cáo (đã ghi năm sinh)",
                        "The ages added up of the people in post on the report date (with a birth year)"),
        denominator_text=("Số người giữ chức danh vào ngày đó có ghi năm sinh (người kiêm hai chức danh tính một)",
                          "The people in post on that date with a birth year (one holding both posts counts once)"),
        period=_ON_DATE,
        counts=("Tuổi = năm của ngày báo cáo trừ năm sinh. Người chưa ghi năm sinh không tính. Nhóm tuổi báo cáo: "
                "dưới 35, 35–44, 45–54, 55–59, từ 60 trở lên (một thiết lập: definitions.AGE_BANDS).",
                "Age = the report date's year less the birth year. People without a birth year are left out. The "
                "age bands reported: under 35, 35–44, 45–54, 55–59, 60 and over (one setting: definitions.AGE_BANDS)."),
        column=("Tuổi bình quân", "Average age"), unit=("tuổi", "years"), attention=55.0, attention_above=True),
    Definition(
        "theory_plus", name=("Lý luận chính trị trung cấp trở lên", "Political theory intermediate or above"),
        detail=("chức danh do người có trình độ lý luận chính trị trung cấp trở lên đảm nhiệm",
                "posts held by a person with political theory at intermediate level or above"),
        numerator_text=("Chức danh có người giữ đã có trình độ lý luận chính trị trung cấp, cao cấp hoặc cử nhân vào ngày báo cáo",
                        "Posts whose holder has political theory at intermediate, advanced or bachelor level on the report date"),
        denominator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu có người giữ vào ngày báo cáo",
                          "Cell secretary and village head posts held on the report date"),
        period=_ON_DATE,
        counts=("Trình độ tính từ ngày có hiệu lực ghi ở trang Trình độ cán bộ: bằng cấp năm 2024 không tính cho năm 2020. "
                "Mỗi chức danh tính một lần; người chưa ghi trình độ tính là chưa đạt.",
                "A level counts from the date recorded on the attributes sheet: a 2024 diploma does not count in 2020. "
                "Each post counts once; a holder without a recorded level counts as below."),
        column=("LLCT trung cấp trở lên", "Theory intermediate+"), unit=("chức danh", "posts"),
        denominator_column=("Chức danh có người giữ", "Posts filled"),
        numerator="theory_intermediate_plus", denominator="posts", attention=0.30),
    Definition(
        "minority", name=("Người dân tộc thiểu số", "Ethnic minorities"),
        detail=("chức danh do người dân tộc thiểu số đảm nhiệm", "posts held by a member of an ethnic minority"),
        numerator_text=("Chức danh có người giữ là người dân tộc thiểu số (đã ghi dân tộc, không phải dân tộc Kinh) vào ngày báo cáo",
                        "Posts whose holder belongs to an ethnic minority (an ethnicity recorded, not Kinh) on the report date"),
        denominator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu có người giữ vào ngày báo cáo",
                          "Cell secretary and village head posts held on the report date"),
        period=_ON_DATE,
        counts=("Dân tộc tính từ ngày có hiệu lực ghi ở trang Trình độ cán bộ. Mỗi chức danh tính một lần; người chưa "
                "ghi dân tộc không tính là dân tộc thiểu số.",
                "Ethnicity counts from the date recorded on the attributes sheet. Each post counts once; a holder "
                "without a recorded ethnicity does not count as a minority."),
        column=("Dân tộc thiểu số", "Ethnic minority"), unit=("chức danh", "posts"),
        denominator_column=("Chức danh có người giữ", "Posts filled"),
        numerator="posts_minority", denominator="posts"),
    Definition(
        "party_senior", name=(f"Tuổi Đảng từ {PARTY_SENIORITY_YEARS} năm", f"Party members of {PARTY_SENIORITY_YEARS}+ years"),
        detail=(f"chức danh do đảng viên có tuổi Đảng từ {PARTY_SENIORITY_YEARS} năm trở lên đảm nhiệm",
                f"posts held by a Party member of {PARTY_SENIORITY_YEARS} years or more"),
        numerator_text=(f"Chức danh có người giữ vào Đảng đã từ {PARTY_SENIORITY_YEARS} năm trở lên vào ngày báo cáo",
                        f"Posts whose holder joined the Party {PARTY_SENIORITY_YEARS} or more years before the report date"),
        denominator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu có người giữ vào ngày báo cáo",
                          "Cell secretary and village head posts held on the report date"),
        period=_ON_DATE,
        counts=(f"Tuổi Đảng = năm của ngày báo cáo trừ năm vào Đảng (ngày vào Đảng ghi ở trang Trình độ cán bộ), như "
                f"cách tính tuổi. Ngưỡng {PARTY_SENIORITY_YEARS} năm là một thiết lập (definitions.PARTY_SENIORITY_YEARS). "
                "Người chưa ghi ngày vào Đảng không tính.",
                f"Party seniority = the report date's year less the year the holder joined (recorded on the attributes "
                f"sheet), as an age. The {PARTY_SENIORITY_YEARS} years are a setting (definitions.PARTY_SENIORITY_YEARS). "
                "A holder without a recorded join date does not count."),
        column=(f"Tuổi Đảng {PARTY_SENIORITY_YEARS}+ năm", f"Party {PARTY_SENIORITY_YEARS}+ yrs"), unit=("chức danh", "posts"),
        denominator_column=("Chức danh có người giữ", "Posts filled"),
        numerator="posts_party_senior", denominator="posts"),
    Definition(
        "first_time_posts", name=("Giữ chức lần đầu", "Held for the first time"),
        detail=("chức danh do người giữ lần đầu đảm nhiệm, trên mọi chức danh có người giữ",
                "posts whose holder holds them for the first time, of all posts filled"),
        numerator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu có người giữ vào ngày báo cáo, được ghi là giữ lần đầu",
                        "Cell secretary and village head posts held on the report date and recorded as the holder's first time"),
        denominator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu có người giữ vào ngày báo cáo",
                          "Cell secretary and village head posts held on the report date"),
        period=_ON_DATE,
        counts=("Mỗi chức danh tính một lần, ở mọi thôn, khu (không chỉ thôn, khu nhất thể hóa); \"lần đầu\" là cột "
                "Lần đầu của trang Chức danh. Khác \"Lần đầu giữ chức\" của trang Nhất thể hóa, đếm thôn, khu.",
                "Each post counts once, in every village (not only the unified ones); \"first time\" is the First-time "
                "column of the posts sheet. Unlike the unified page's \"First-time holders\", which counts villages."),
        column=("Giữ lần đầu", "First time"), unit=("chức danh", "posts"),
        denominator_column=("Chức danh có người giữ", "Posts filled"),
        numerator="posts_first_time", denominator="posts"),
    Definition(
        "reelected", name=("Tái cử", "Re-elected"),
        detail=("chức danh đầu nhiệm kỳ do người giữ cùng chức danh cuối nhiệm kỳ trước đảm nhiệm",
                "posts opening the term held by whoever held the same post at the end of the previous term"),
        numerator_text=("Chức danh đầu nhiệm kỳ đang có hiệu lực do người giữ chức danh đó ở thôn, khu đó cuối nhiệm kỳ trước đảm nhiệm",
                        "Posts opening the term in force held by the person who held that post of that village last in the previous term"),
        denominator_text=("Chức danh đầu nhiệm kỳ: người đầu tiên giữ mỗi chức danh của mỗi thôn, khu trong nhiệm kỳ đang có hiệu lực",
                          "Posts opening the term: the first holder of each post of each village in the term in force"),
        period=_ON_DATE,
        counts=("Chỉ tính các chức danh có ghi mã nhiệm kỳ. Nhiệm kỳ trước là nhiệm kỳ bắt đầu gần nhất trước đó.",
                "Only posts recorded with a term count. The previous term is the one that began last before it."),
        column=("Tái cử", "Re-elected"), unit=("chức danh", "posts"),
        denominator_column=("Chức danh đầu nhiệm kỳ", "Posts opening the term"),
        numerator="reelected", denominator="term_start_posts"),
    Definition(
        "vacant", name=("Chức danh còn trống", "Vacant posts"),
        detail=("bí thư chi bộ hoặc trưởng thôn, khu chưa có người", "cell secretary or village head posts with nobody in them"),
        numerator_text=("Chức danh bí thư chi bộ và trưởng thôn, khu không có người giữ vào ngày báo cáo", "Cell secretary and village head posts nobody holds on the report date"),
        denominator_text=("Hai chức danh cho mỗi thôn, khu", "Two posts per village"), period=_ON_DATE,
        counts=("Một thôn, khu thiếu cả hai chức danh tính là 2.", "A village missing both counts 2."),
        column=("Chức danh trống", "Vacant posts"), unit=("chức danh", "posts")),
    Definition(
        "cadres", name=("Cán bộ đương chức", "Cadres in post"), detail=("bí thư chi bộ, trưởng thôn, khu đương chức", "cell secretaries and village heads in post"),
        numerator_text=("Người giữ chức bí thư chi bộ hoặc trưởng thôn, khu vào ngày báo cáo", "People holding the post of cell secretary or village head on the report date"),
        denominator_text=NO_TEXT, period=_ON_DATE,
        counts=("Người kiêm cả hai chức danh tính một người.", "A person holding both posts counts once."),
        column=("Cán bộ đương chức", "Cadres in post"), unit=("cán bộ", "cadres")),
    Definition(
        "first_time_untrained", name=("Lần đầu giữ chức, chưa bồi dưỡng", "First-time cadres not yet trained"),
        detail=("cần mở lớp bồi dưỡng cho những người này sớm", "they need a class soon"),
        numerator_text=("Cán bộ đương chức giữ chức lần đầu, chưa được tính là đã bồi dưỡng", "Cadres in post for the first time who do not count as trained"),
        denominator_text=("Cán bộ đương chức giữ chức lần đầu", "Cadres in post for the first time"), period=_ON_DATE,
        counts=("Đã bồi dưỡng theo cùng quy tắc với chỉ tiêu Hoàn thành bồi dưỡng.", "Trained by the same rule as the Training completed indicator."),
        column=("Lần đầu, chưa BD", "First-time untrained"), unit=("người", "people")),
    Definition(
        "participations", name=("Số lượt và số người học", "Participations and people"),
        detail=("một người học hai lớp là 2 lượt, 1 người", "one person at two courses is 2 participations, 1 person"),
        numerator_text=("Lượt học: mỗi học viên của đơn vị ở mỗi khóa học kết thúc trong kỳ", "Participations: each learner from the unit at each course that ended in the period"),
        denominator_text=("Số người: học viên khác nhau", "People: distinct learners"), period=_IN_PERIOD,
        counts=("Tính mọi hình thức: bồi dưỡng, tập huấn, tọa đàm. Học viên tính cho đơn vị ghi ở dòng học viên.",
                "Every kind counts: classes, training sessions, seminars. A learner counts for the unit on their participation row."),
        column=("Số lượt", "Participations"), unit=("người", "people")),
    Definition(
        "days", name=("Số ngày dự học", "Days attended"),
        detail=("ngày học viên có mặt / số ngày lớp học", "days learners attended / days the classes lasted"),
        numerator_text=("Tổng số ngày học viên của đơn vị có mặt", "Days the unit's learners attended, summed"),
        denominator_text=("Tổng số ngày học của các lớp, nhân với số học viên", "Days each course lasted, once per learner"), period=_IN_PERIOD,
        counts=("Khóa học kết thúc trong kỳ.", "Courses that ended in the period."),
        column=("Ngày có mặt", "Days attended"), unit=("ngày", "days")),
    Definition(
        "certificates", name=("Giấy chứng nhận", "Certificates"),
        detail=("giấy chứng nhận đã cấp cho học viên của đơn vị", "certificates issued to learners from the unit"),
        numerator_text=("Lượt học được cấp giấy chứng nhận", "Participations with a certificate"),
        denominator_text=("Lượt học hoàn thành", "Participations completed"), period=_IN_PERIOD,
        counts=("Khóa học kết thúc trong kỳ.", "Courses that ended in the period."),
        column=("Giấy chứng nhận", "Certificates"), unit=("lượt hoàn thành", "completions")),
    Definition(
        "topic_coverage", name=("Cán bộ đã học từng chuyên đề", "Topics covered by the cadres"),
        detail=("tỷ lệ cán bộ đương chức đã học chuyên đề", "share of the cadres in post who covered the topic"),
        numerator_text=("Cán bộ đương chức đã hoàn thành lớp bồi dưỡng, tập huấn có chuyên đề đó", "Cadres in post who completed a class or session covering the topic"),
        denominator_text=("Cán bộ đương chức của đơn vị", "The unit's cadres in post"), period=_ON_DATE,
        counts=("Tính mọi lớp đã hoàn thành đến ngày báo cáo.", "Every course completed by the report date counts."),
        column=("Chuyên đề", "Topics"), unit=("cán bộ", "cadres")),
    Definition(
        "activities", name=("Hoạt động của các ban", "Board activities"),
        detail=("họp, giám sát, kiểm tra, kiến nghị, tiếp nhận, xử lý đơn thư", "meetings, supervisions, inspections, recommendations, petitions"),
        numerator_text=("Hoạt động ghi trong kỳ của các ban thuộc đơn vị", "Activities recorded in the period by the unit's boards"),
        denominator_text=NO_TEXT, period=_IN_PERIOD,
        counts=("Một hoạt động được tính cho thôn, khu mà nó nêu, nếu không thì cho thôn, khu của ban (ban giám sát một "
                "công trình), nếu không nữa thì cho xã, phường của ban. Quy tắc này dùng ở mọi trang, bảng tổng hợp và báo cáo.",
                "An activity counts in the village it names, else its board's village (a project's board), else the "
                "board's commune. Every page, the summary and the report use this rule."),
        column=("Hoạt động", "Activities"), unit=("hoạt động", "activities")),
    Definition(
        "recommendations", name=("Kiến nghị đưa ra", "Recommendations made"),
        detail=("kiến nghị các ban đưa ra trong kỳ", "recommendations the boards made in the period"),
        numerator_text=("Tổng số kiến nghị ghi ở các hoạt động trong kỳ", "Recommendations recorded by the period's activities"),
        denominator_text=NO_TEXT, period=_IN_PERIOD,
        counts=("Một hoạt động có thể đưa ra nhiều kiến nghị.", "One activity may make several recommendations."),
        column=("Kiến nghị", "Recommendations"), unit=("kiến nghị", "recommendations")),
    Definition(
        "money", name=("Tiền thu hồi", "Money recovered"), detail=("đồng, thu hồi qua giám sát của các ban", "đồng, recovered through the boards' supervision"),
        numerator_text=("Tổng số tiền thu hồi ghi ở các hoạt động trong kỳ (đồng)", "Money recovered recorded by the period's activities (đồng)"),
        denominator_text=NO_TEXT, period=_IN_PERIOD, counts=("Theo số liệu các ban báo cáo.", "As the boards report it."),
        column=("Tiền thu hồi (đ)", "Money recovered (đ)"), unit=("đồng", "đồng")),
    Definition(
        "land", name=("Đất thu hồi", "Land recovered"), detail=("m², thu hồi qua giám sát của các ban", "m², recovered through the boards' supervision"),
        numerator_text=("Tổng diện tích đất thu hồi ghi ở các hoạt động trong kỳ (m²)", "Land recovered recorded by the period's activities (m²)"),
        denominator_text=NO_TEXT, period=_IN_PERIOD, counts=("Theo số liệu các ban báo cáo.", "As the boards report it."),
        column=("Đất thu hồi (m²)", "Land recovered (m²)"), unit=("m²", "m²")),
    Definition(
        "settlement", name=("Giảm trừ quyết toán", "Settlement reductions"), detail=("đồng, giảm trừ khi quyết toán công trình", "đồng, cut from project settlements"),
        numerator_text=("Tổng số tiền giảm trừ quyết toán ghi ở các hoạt động trong kỳ (đồng)", "Settlement reductions recorded by the period's activities (đồng)"),
        denominator_text=NO_TEXT, period=_IN_PERIOD, counts=("Theo số liệu các ban báo cáo.", "As the boards report it."),
        column=("Giảm trừ quyết toán (đ)", "Settlement reduction (đ)"), unit=("đồng", "đồng")),
    Definition(
        "silent_boards", name=("Ban không hoạt động trong quý", "Boards silent for a quarter"),
        detail=("ban trong nhiệm kỳ suốt quý vừa qua mà không có hoạt động nào", "boards in office for the whole last quarter with no activity in it"),
        numerator_text=("Ban không có hoạt động nào trong quý trọn vẹn gần nhất", "Boards with no activity in the last complete quarter"),
        denominator_text=("Ban trong nhiệm kỳ suốt quý đó", "Boards in office for the whole of that quarter"),
        period=("Quý trọn vẹn gần nhất trước ngày báo cáo.", "The last complete quarter before the report date."),
        counts=("Dùng cho danh sách cần chú ý.", "Used by the attention list."),
        column=("Ban không hoạt động", "Silent boards"), unit=("ban", "boards")),
    Definition(
        "attention", name=("Cần chú ý", "Needs attention"),
        detail=("đơn vị trực thuộc có ít nhất một vấn đề, nhiều vấn đề nhất ở trên", "units below with at least one issue, most issues first"),
        numerator_text=("Mỗi vấn đề của một đơn vị trực thuộc, với số trường hợp", "Each issue of a unit below, with how many cases"),
        denominator_text=NO_TEXT,
        period=("Chỉ tiêu trạng thái tại ngày báo cáo; giao ban trong kỳ; ban giám sát trong quý trọn vẹn gần nhất.",
                "State indicators on the report date; briefings over the period; boards over the last complete quarter."),
        counts=("Vào danh sách khi: có thôn, khu chưa nhất thể hóa; có chức danh bí thư chi bộ hoặc trưởng thôn, khu còn trống; "
                "có người giữ chức lần đầu chưa bồi dưỡng; có ban không hoạt động trong quý vừa qua; thiếu tháng giao ban; "
                "hoặc số liệu ngừng cập nhật 3 tháng (xã, phường).",
                "Listed when: a village is not unified; a cell secretary or village head post is vacant; a first-time "
                "cadre is not trained; a board was silent in the last complete quarter; a monthly briefing was missed; "
                "or the records stopped for 3 months (communes)."),
        column=("Vấn đề", "Issue")),
    Definition(
        "stale", name=("Số liệu ngừng cập nhật", "Records stopped"),
        detail=("không có số liệu mới trong 3 tháng trước ngày báo cáo", "nothing new in the 3 months before the report date"),
        numerator_text=("Ngày của số liệu gần nhất: hoạt động của ban, buổi giao ban, lượt học của cán bộ thuộc đơn vị",
                        "Date of the latest record: a board activity, a briefing, a participation of the unit's learners"),
        denominator_text=NO_TEXT,
        period=("Ba tháng trước ngày báo cáo (ngày báo cáo lùi 3 tháng, đến ngày báo cáo).", "The three months before the report date."),
        counts=("Đơn vị bị đánh dấu khi số liệu gần nhất cũ hơn ba tháng, hoặc chưa từng có số liệu nào.",
                "A unit is flagged when its latest record is older than three months, or it has none at all."),
        column=("Số liệu gần nhất", "Latest record"), unit=NO_TEXT),
)}

# --- how each number is computed: the measures --------------------------------------------
#
# Every column of the indicator frames (``indicators.engine``: the summary, the pages, the CLI,
# the exports and the report) is a measure declared here, once: a sum of a fact column, a
# count of distinct keys, or the latest day, over one family of facts
# (``indicators.facts.FAMILIES``: what rows there are, with their unit and their validity
# interval or day), or a sum of other measures. The engine answers any of them for any
# unit's children and total, on any date and either structure; the pre-aggregated tables
# are built from the same families, and one test walks this table to prove both equal.


@dataclass(frozen=True)
class Measure:
    """One number per output row (a child, or the total).

    family: the facts it is computed over (a key of ``indicators.facts.FAMILIES``);
    how: "sum" (of ``column``), "distinct" (count of distinct values of the key ``column``),
        "latest" (the last day with a fact, up to the report date), or "derived" (the sum of
        ``terms``: (measure, coefficient) pairs, computed after the others);
    dim: only the facts whose dimension (e.g. the board's kind) has this value;
    dtype: "int", "float" or "date" (what the frames hold);
    ratio: a derived measure that is ``terms[0] / terms[1]`` (0 where the second is 0)
        instead of a sum, rounded to ``digits`` decimals. A term's coefficient ``YEAR`` is
        the year of the date the states are read on (age = that year - the birth year).
    """

    key: str
    family: str | None
    how: str
    column: str | None = None
    dim: str | None = None
    terms: tuple[tuple[str, int | str], ...] = ()
    dtype: str = "int"
    ratio: bool = False
    digits: int | None = None


# A derived measure's coefficient that stands for the year of the date read on.
YEAR = "year"


def _sum(key, family, column=None, dim=None, dtype="int"):
    return Measure(key, family, "sum", column or key, dim, dtype=dtype)


def _derived(key, *terms):
    return Measure(key, None, "derived", terms=tuple(terms))


def _ratio(key, numerator, denominator, digits=1):
    return Measure(key, None, "derived", terms=((numerator, 1), (denominator, 1)), dtype="float", ratio=True,
                   digits=digits)


MEASURES: dict[str, Measure] = {m.key: m for m in (
    # unified positions (state: on the report date)
    _sum("villages", "villages"),
    _sum("secretaries", "posts"),
    _sum("heads", "posts"),
    _sum("posts", "posts"),
    _sum("posts_women", "posts"),
    _sum("posts_first_time", "posts"),
    _sum("unified", "unified"),
    _sum("first_time", "unified"),
    _derived("secretary_vacant", ("villages", 1), ("secretaries", -1)),
    _derived("head_vacant", ("villages", 1), ("heads", -1)),
    # who the cadres in post are (state; dated person attributes)
    _sum("aged", "profile"),  # people in post with a birth year, each once in a village
    _sum("born", "profile"),  # the sum of their birth years
    _derived("age_sum", ("aged", YEAR), ("born", -1)),
    _ratio("avg_age", "age_sum", "aged"),
    _sum("theory_intermediate_plus", "profile", "theory_plus"),
    _sum("qualification_intermediate_plus", "profile", "qualified_plus"),
    _sum("education_upper", "profile", "education_full"),
    _sum("posts_minority", "profile", "minority"),
    _ratio("minority_share", "posts_minority", "posts", digits=3),  # of the posts held (0..1)
    _sum("posts_party_senior", "profile", "party_senior"),  # PARTY_SENIORITY_YEARS or more
    _ratio("party_senior_share", "posts_party_senior", "posts", digits=3),
    _sum("level_posts", "levels", "posts"),  # per dim "<attribute>:<value>" (by_dim)
    _sum("people_born", "ages", "people"),  # per dim "<gender>:<birth year>" (by_dim)
    _sum("term_start_posts", "terms"),
    _sum("reelected", "terms"),
    # training of the cadres in post (state)
    _sum("cadres", "cadres"),
    _sum("trained", "cadres"),
    _sum("first_time_cadres", "cadres"),
    _sum("first_time_untrained", "cadres"),
    _sum("covered", "topics"),  # per topic (by_dim): cadres trained on it
    # courses that ended in the period (flow)
    Measure("courses", "participations", "distinct", "course_id"),
    _sum("participations", "participations"),
    Measure("people", "participations", "distinct", "person_id"),
    _sum("completed", "participations"),
    _sum("certificates", "participations"),
    _sum("days_attended", "participations", dtype="float"),
    _sum("days_held", "participations", dtype="float"),
    # boards whose term meets the period: in office on the report date, or ended in the period
    _sum("boards_now", "boards", "boards"),
    _sum("boards_now_bttnd", "boards", "boards", "bttnd"),
    _sum("boards_now_gsdtcd", "boards", "boards", "gsdtcd"),
    _sum("boards_ended", "boards_ended", "boards"),
    _sum("boards_ended_bttnd", "boards_ended", "boards", "bttnd"),
    _sum("boards_ended_gsdtcd", "boards_ended", "boards", "gsdtcd"),
    _derived("boards", ("boards_now", 1), ("boards_ended", 1)),
    _derived("boards_bttnd", ("boards_now_bttnd", 1), ("boards_ended_bttnd", 1)),
    _derived("boards_gsdtcd", ("boards_now_gsdtcd", 1), ("boards_ended_gsdtcd", 1)),
    # what the boards did in the period (flow)
    Measure("active_boards", "activities", "distinct", "board_id"),
    Measure("active_bttnd", "activities", "distinct", "board_id", "bttnd"),
    Measure("active_gsdtcd", "activities", "distinct", "board_id", "gsdtcd"),
    _sum("activities", "activities"),
    _sum("supervisions", "activities"),
    _sum("recommendations", "activities"),
    _sum("resolved", "activities"),
    _sum("money_recovered", "activities", "money"),
    _sum("land_recovered_m2", "activities", "land", dtype="float"),
    _sum("settlement_reduction", "activities", "settlement"),
    # the same activities where they took place (a commune's page, by village)
    _sum("place_activities", "activities", "activities"),
    _sum("place_supervisions", "activities", "supervisions"),
    _sum("place_recommendations", "activities", "recommendations"),
    _sum("place_resolved", "activities", "resolved"),
    # boards in office for the whole last complete quarter with no activity in it
    _sum("quarter_boards", "silent", "in_office"),
    _sum("silent_boards", "silent", "silent"),
    _sum("silent_bttnd", "silent", "silent", "bttnd"),
    _sum("silent_gsdtcd", "silent", "silent", "gsdtcd"),
    # monthly briefings (flow over the period's complete months)
    _sum("months_due", "briefings", "due"),
    _sum("months_held", "briefings", "held"),
    # the latest record of each kind, up to the report date
    Measure("last_activity", "activities", "latest", dtype="date"),
    Measure("last_briefing", "briefing_records", "latest", dtype="date"),
    Measure("last_participation", "participations", "latest", dtype="date"),
)}


def measure(key: str) -> Measure:
    return MEASURES[key]


# The measures each page section asks for together (and the summary: all of them).
GROUPS: dict[str, tuple[str, ...]] = {
    "unified": ("villages", "unified", "first_time", "secretary_vacant", "head_vacant", "posts", "posts_women"),
    "training_status": ("cadres", "trained", "first_time_cadres", "first_time_untrained"),
    "training_flow": ("courses", "participations", "people", "completed", "certificates", "days_attended",
                      "days_held"),
    "boards": ("boards", "boards_bttnd", "boards_gsdtcd", "active_boards", "active_bttnd", "active_gsdtcd",
               "activities", "supervisions", "recommendations", "resolved", "money_recovered", "land_recovered_m2",
               "settlement_reduction"),
    "silent": ("silent_boards", "silent_bttnd", "silent_gsdtcd"),
    "briefings": ("months_due", "months_held"),
    "last_records": ("last_activity", "last_briefing", "last_participation"),
    "profile": ("aged", "avg_age", "theory_intermediate_plus", "qualification_intermediate_plus", "education_upper",
                "posts_minority", "term_start_posts", "reelected", "posts_first_time"),
}

# The age bands the organisation office reports (lower bounds, years): under 35, 35-44,
# 45-54, 55-59, 60 and over. Age on a date = the date's year - the birth year.
AGE_BANDS = (35, 45, 55, 60)


def age_band(age: int | None, bands: tuple[int, ...] = AGE_BANDS) -> int | None:
    """The index of ``age``'s band (0: under the first bound), None without an age."""
    if age is None:
        return None
    return sum(1 for bound in bands if age >= bound)


# The graded indicators (thresholds, attention list, review report), headline order.
INDICATORS: dict[str, Definition] = {k: d for k, d in DEFINITIONS.items() if d.graded}


def watched() -> dict[str, Definition]:
    """The ungraded numbers with an attention threshold (``Definition.attention``), in
    declaration order (read live, as ``get``)."""
    return {k: d for k, d in DEFINITIONS.items() if d.attention is not None}


def watched_figure(entry: Definition, row) -> float | None:
    """The figure ``entry``'s attention threshold is read against, from a row of the
    summary (a mapping of measures): ``numerator`` / ``denominator`` (None when the
    denominator is 0), or without a denominator the measure ``entry.key``."""
    if entry.denominator is None:
        return float(row[entry.key])
    below = row[entry.denominator]
    return float(row[entry.numerator]) / float(below) if below else None


def needs_attention(entry: Definition, figure: float | None) -> bool:
    """Whether ``figure`` passes ``entry``'s attention threshold (never without a figure)."""
    if figure is None or entry.attention is None:
        return False
    return figure > entry.attention if entry.attention_above else figure < entry.attention
HEADLINE = ("unified", "training", "boards", "resolved", "briefings")
# Months without any record after which a unit is flagged "records stopped".
STALE_MONTHS = 3


def stale_since(as_of: date) -> date:
    """The earliest date a latest record may have without the unit being stale: the view's
    date moved back ``STALE_MONTHS`` months (27/11/2026 -> 27/08/2026)."""
    return add_months(as_of, -STALE_MONTHS)


def is_stale(last_record: date | None, as_of: date) -> bool:
    """Nothing new since ``stale_since(as_of)``: the latest record is older, or missing."""
    return last_record is None or last_record < stale_since(as_of)


# Days without a village head after which the data-quality panel lists the village.
VACANT_HEAD_DAYS = 60


def _pick(pair: Text, lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def get(key: str) -> Definition:
    """The definition of ``key`` (read live: a test may replace an entry)."""
    return DEFINITIONS[key]


def name(key: str, lang: str = "vi") -> str:
    return _pick(DEFINITIONS[key].name, lang)


def column(key: str, lang: str = "vi") -> str:
    return _pick(DEFINITIONS[key].column or DEFINITIONS[key].name, lang)


def denominator_column(key: str, lang: str = "vi") -> str:
    return _pick(DEFINITIONS[key].denominator_column, lang)


def text(key: str, field: str, lang: str = "vi") -> str:
    """One text field (name, detail, numerator_text, denominator_text, period, counts,
    column, unit) of ``key`` in ``lang``."""
    return _pick(getattr(DEFINITIONS[key], field), lang)


def translation(i18n_key: str) -> Text | None:
    """The (vi, en) pair for a translation key the registry owns: ``kpi.<key>`` (name),
    ``kpi.<key>.detail`` and ``col.<key>`` (column header); None otherwise."""
    parts = i18n_key.split(".")
    if len(parts) < 2 or parts[1] not in DEFINITIONS:
        return None
    entry = DEFINITIONS[parts[1]]
    if parts[0] == "kpi" and len(parts) == 2:
        return entry.name
    if parts[0] == "kpi" and len(parts) == 3 and parts[2] == "detail":
        return entry.detail
    if parts[0] == "col" and len(parts) == 2:
        return entry.column or entry.name
    return None


def page_ratios(page: str) -> list[Definition]:
    """The ungraded ratios ``page`` shows as cards of their own (``Definition.shown_on``),
    in declaration order."""
    return [d for d in DEFINITIONS.values() if page in d.shown_on]


def grade(indicator: Definition, numerator, denominator) -> str:
    """"good", "fair", "poor", or "none" when the denominator is 0."""
    if not denominator:
        return "none"
    value = numerator / denominator
    if value >= indicator.good - 1e-12:
        return "good"
    if value >= indicator.fair - 1e-12:
        return "fair"
    return "poor"
