"""Pure helpers: periods, URL state, formats, Vietnamese sorting, exports."""
from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import load_workbook

from dashboard import fmt
from dashboard.export import Column, escape_cell, safe_filename, to_csv, to_xlsx
from dashboard.periods import make_period, previous_period, trailing_end, trailing_start
from dashboard.text import nfc, vi_sorted
from dashboard.viewstate import Route, ViewState, href, parse_path, route_from_data

TODAY = date(2026, 11, 27)


def test_day_period_has_twelve_months_of_flows():
    period = make_period("day", date(2018, 4, 13), TODAY)
    assert (period.start, period.end, period.as_of) == (date(2017, 4, 14), date(2018, 4, 13), date(2018, 4, 13))
    assert previous_period(period).end == date(2017, 4, 13)


def test_quarter_month_year_and_term():
    q = make_period("quarter", date(2018, 5, 2), TODAY)
    assert (q.start, q.end) == (date(2018, 4, 1), date(2018, 6, 30))
    assert (previous_period(q).start, previous_period(q).end) == (date(2018, 1, 1), date(2018, 3, 31))
    m = make_period("month", date(2024, 2, 10), TODAY)
    assert (m.start, m.end) == (date(2024, 2, 1), date(2024, 2, 29))
    y = make_period("year", date(2026, 3, 1), TODAY)
    assert y.end == date(2026, 12, 31) and y.as_of == TODAY
    terms = [("2017-2020", date(2017, 7, 1), date(2020, 6, 30)), ("2020-2022", date(2020, 7, 1), date(2022, 12, 31))]
    t = make_period("term", date(2021, 1, 1), TODAY, terms)
    assert (t.term_code, t.start) == ("2020-2022", date(2020, 7, 1))
    assert previous_period(t, terms).term_code == "2017-2020"


def test_complete_months_stop_at_the_date_and_start_with_the_records():
    period = make_period("quarter", date(2026, 11, 27), TODAY)
    assert period.complete_months() == [date(2026, 10, 1)]
    day = make_period("day", date(2018, 4, 13), TODAY, data_from=date(2017, 7, 1))
    months = day.complete_months()
    assert months[0] == date(2017, 7, 1) and months[-1] == date(2018, 3, 1) and len(months) == 9
    assert not make_period("day", date(2017, 4, 13), TODAY, data_from=date(2017, 7, 1)).has_data


def test_view_state_round_trip_and_bad_values_ignored():
    state = ViewState(date(2018, 4, 13), "quarter", "current", ("xa",), ("07156", "07147"), "en")
    assert ViewState.from_query(state.to_query()) == state
    assert state.to_query() == "?ngay=2018-04-13&ky=quy&cocau=hiennay&loai=xa&dv=07156,07147&lang=en"
    messy = ViewState.from_query("?ngay=13/04/2018&ky=weird&dv=<script>,07156&lang=fr")
    assert messy == ViewState(None, "day", "as-of", (), ("07156",), "vi")
    assert ViewState().to_query() == ""


def test_paths():
    assert parse_path("/") == Route("overview")
    assert parse_path("/don-vi/07156") == Route("overview", "07156")
    assert parse_path("/don-vi/07156/07156-04") == Route("village", "07156", "07156-04")
    assert parse_path("/nhat-the-hoa/07156") == Route("unified", "07156")
    assert parse_path("/boi-duong") == Route("training")
    assert parse_path("/du-lieu") == Route("data")
    assert parse_path("/nowhere") is None
    assert parse_path("/don-vi/a/b/c") is None
    state = ViewState(date(2018, 4, 13))
    assert href("overview", state, "07156") == "/don-vi/07156?ngay=2018-04-13"
    assert href("village", state, "07156", "07156-04") == "/don-vi/07156/07156-04?ngay=2018-04-13"
    assert href("overview", state) == "/?ngay=2018-04-13"
    assert route_from_data({"page": "overview", "unit": "../etc", "search": "?ngay=2018-04-13"}) == (
        Route("overview", None), state)


def test_vietnamese_formats():
    assert fmt.number(1234.5, 1) == "1.234,5"
    assert fmt.percent(0.994) == "99,4 %"
    assert fmt.fraction(178, 179) == "178/179 · 99,4 %"
    assert fmt.fraction(0, 0) == "0/0 · —"
    assert fmt.day(date(2018, 4, 13)) == "13/04/2018"
    assert fmt.number(1234567, 0, "en") == "1,234,567"
    assert fmt.money(12_400_000) == "12.400.000 đ"


def test_vietnamese_collation():
    names = ["Đông Mai", "Hà An", "Cộng Hòa", "Dương", "Thôn 10", "Thôn 2", "Hoa", "Hòa", "Ấp", "An"]
    assert vi_sorted(names) == ["An", "Ấp", "Cộng Hòa", "Dương", "Đông Mai", "Hà An", "Hoa", "Hòa", "Thôn 2", "Thôn 10"]
    assert nfc("  Hoa\u0300  Bình ") == "Hoà Bình"


def test_exported_cells_never_run_as_formulas():
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert escape_cell(dangerous) == "'" + dangerous
    assert escape_cell("Hòa") == "Hòa" and escape_cell(-1) == -1
    columns = [Column("name", "Tên"), Column("n", "Số", "int"), Column("r", "Tỷ lệ", "percent")]
    rows = [{"name": "=HYPERLINK(\"x\")", "n": 3, "r": 0.5}]
    csv_text = to_csv(columns, rows).decode("utf-8-sig")
    assert csv_text.splitlines() == ["Tên,Số,Tỷ lệ", "\"'=HYPERLINK(\"\"x\"\")\",3,50.0"]
    sheet = load_workbook(io.BytesIO(to_xlsx(columns, rows, "Bảng"))).active
    values = [[c.value for c in row] for row in sheet.iter_rows() if any(c.value is not None for c in row)]
    assert values[0] == ["Bảng", None, None]
    assert values[1] == ["Tên", "Số", "Tỷ lệ"]
    assert values[2] == ["'=HYPERLINK(\"x\")", 3, 0.5]


def test_file_names_are_chosen_by_the_server():
    assert safe_filename("Tổng quan/../../etc Đông Mai", "xlsx", date(2018, 4, 13)) == \
        "tong-quan-etc-dong-mai-2018-04-13.xlsx"


def test_english_nouns_agree_with_their_number():
    from dashboard.i18n import t

    assert t("attention.not_unified", "en", count="1") == "1 village not unified"
    assert t("attention.not_unified", "en", count="3") == "3 villages not unified"
    assert t("attention.untrained_first_time", "en", count=1) == "1 first-time cadre not yet trained"
    assert t("attention.missed_briefings", "en", count=1) == "1 monthly briefing missed"
    assert t("training.kpi.flow.value", "en", count="1") == "1 participation"
    assert t("data.result_ok", "en", file="a.xlsx", rows="1") == "Imported a.xlsx: 1 row."
    assert t("attention.not_unified", "vi", count="1") == "1 thôn, khu chưa nhất thể hóa"


def test_grid_columns_are_wide_enough_for_their_longest_header_word():
    """Headers wrap between words, never inside one ("Unifie/d")."""
    from layouts.grid import fit_header, int_column, percent_column, text_column

    assert fit_header("Unified posts", 90) == 124 and fit_header("Vacant", 90) == 115 and fit_header("Tỷ lệ", 90) == 90
    assert int_column("v", "Villages", "en")["minWidth"] == 132
    assert percent_column("c", "Coverage %", "en")["minWidth"] == 132
    assert text_column("n", "Ghi chú", 120)["minWidth"] == 120


def test_a_one_unit_users_root_pages_are_their_units():
    from dashboard.viewstate import home_route

    assert home_route(Route("overview"), "07168") == Route("overview", "07168")
    assert home_route(Route("training"), "07168") == Route("training", "07168")
    assert home_route(Route("overview", "07135"), "07168") == Route("overview", "07135")
    assert home_route(Route("data"), "07168") == Route("data")
    assert home_route(Route("overview"), None) == Route("overview") and home_route(None, "07168") is None


def test_the_last_report_date_whose_twelve_months_hold_a_day():
    """A day's flows are the 12 months up to it (from the day after the same day a year
    earlier, 29/02 read as 28/02): a course on 28/02/2023 counts up to 27/02/2024, one on
    01/03/2023 up to 29/02/2024, one on 29/02/2024 up to 28/02/2025."""
    assert trailing_end(date(2023, 2, 28)) == date(2024, 2, 27)
    assert trailing_end(date(2023, 3, 1)) == date(2024, 2, 29)
    assert trailing_end(date(2024, 2, 29)) == date(2025, 2, 28)
    assert trailing_end(date(2024, 2, 28)) == date(2025, 2, 27)
    assert trailing_end(date(2025, 6, 15)) == date(2026, 6, 14)
    day = date(2023, 1, 1)
    while day < date(2025, 12, 31):  # the report dates whose 12 months hold it, ends included
        end = trailing_end(day)
        assert trailing_start(end) <= day <= end and trailing_start(end + timedelta(days=1)) > day, day
        assert make_period("day", end, end).start <= day
        day += timedelta(days=1)
