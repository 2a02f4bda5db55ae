"""Every figure builder returns plain data, ``{"data": [...], "layout": {...}}`` of str,
int, float, bool, None, lists and dicts only: the standard json module encodes it with no
custom encoder, and no plotly graph object (nor numpy or pandas scalar, nor date) hides
inside. Checked for representative inputs, empty inputs, inputs holding numpy and pandas
values as the data layer hands them over, and every figure the page callbacks draw on the
demo."""
from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from callbacks.oversight import oversight_sections
from callbacks.overview import overview_sections
from callbacks.training import course_sections, coverage_sections, summary_sections
from callbacks.unified import unified_history, unified_main
from callbacks.village import village_sections
from dashboard.web.app import create_app
from layouts.figures import empty_figure, ranked_bar
from layouts.oversight_figures import activity_heatmap, recommendations_chart
from layouts.training_figures import completion_bar, course_timeline, coverage_heatmap, people_participations_bar
from layouts.unified_charts import coverage_bars, first_time_bars, history_line, vacancy_bars

PLAIN_SCALARS = (str, int, float, bool, type(None))


def impurities(value, path="figure") -> list[str]:
    """Where ``value`` holds anything but plain JSON types (exact types: numpy's float64
    is a float subclass, but not what a figure should carry)."""
    if isinstance(value, dict):
        found = [f"{path}: key {key!r}" for key in value if type(key) is not str]
        for key, item in value.items():
            found += impurities(item, f"{path}.{key}")
        return found
    if type(value) is list:
        return [bad for index, item in enumerate(value) for bad in impurities(item, f"{path}[{index}]")]
    return [] if type(value) in PLAIN_SCALARS else [f"{path}: {type(value).__module__}.{type(value).__name__}"]


def assert_plain(figure) -> None:
    assert type(figure) is dict and set(figure) == {"data", "layout"}
    assert all(type(trace) is dict and "type" in trace for trace in figure["data"])
    assert impurities(figure) == []
    json.dumps(figure)  # the standard encoder, no cls=


def units(n=3):
    return [{"name": f"Xã {i}", "numerator": i, "denominator": 4, "grade": "good", "href": f"/don-vi/{i}"}
            for i in range(1, n + 1)]


def test_ranked_bar_is_plain_and_keeps_its_numbers():
    rows = units() + [{"name": "Xã 0", "numerator": 0, "denominator": 0, "grade": "none", "href": "/don-vi/0"}]
    figure = ranked_bar(rows, "vi")
    assert_plain(figure)
    bar = figure["data"][0]
    assert (bar["type"], bar["orientation"]) == ("bar", "h")
    assert bar["y"] == ["Xã 0", "Xã 1", "Xã 2", "Xã 3"]
    assert bar["x"] == [0.0, 0.25, 0.5, 0.75]
    assert bar["text"][1] == "1/4 · 25,0 % · Đạt"
    assert bar["customdata"] == ["/don-vi/0", "/don-vi/1", "/don-vi/2", "/don-vi/3"]
    assert figure["layout"]["height"] == 40 + 36 * 4
    # the figure under the name, inside the chart (a label past the bar ran off a phone)
    assert figure["layout"]["yaxis"]["ticktext"][1].startswith("Xã 1<br>")
    assert "1/4 · 25,0 % · Đạt" in figure["layout"]["yaxis"]["ticktext"][1]
    assert "template" not in figure["layout"]
    assert_plain(ranked_bar([], "vi"))


def test_numpy_counts_from_the_data_layer_become_python_numbers():
    rows = [{"name": "Xã A", "numerator": np.int64(3), "denominator": np.int64(4), "grade": "good", "href": "/a"}]
    bar = ranked_bar(rows, "vi")["data"][0]
    assert bar["x"] == [0.75] and type(bar["x"][0]) is float
    assert_plain(completion_bar(rows, "vi"))
    assert_plain(people_participations_bar([{"name": "Xã A", "people": np.int64(2), "participations": np.int64(5),
                                             "href": "/a"}], "en"))
    assert_plain(vacancy_bars([{"name": "Xã A", "secretary_vacant": np.int64(1), "head_vacant": np.int64(2),
                                "href": "/a"}], "vi"))
    assert_plain(activity_heatmap(["Xã A · 3"], ["T1/2026"], [[np.int64(3)]], ["/a"], "vi"))
    assert_plain(recommendations_chart([{"name": "Xã A", "made": np.int64(4), "resolved": np.int64(1),
                                         "grade": "poor", "href": "/a"}], "vi"))


def test_training_figures_are_plain():
    rows = units()
    assert_plain(completion_bar(rows, "vi"))
    assert_plain(completion_bar([], "vi"))
    people = people_participations_bar([{"name": "Xã A", "people": 3, "participations": 7, "href": "/a"},
                                        {"name": "Xã B", "people": 0, "participations": 0, "href": "/b"}], "vi")
    assert_plain(people)
    assert [trace["x"] for trace in people["data"]] == [[0, 3], [0, 7]]
    assert people["layout"]["xaxis"]["range"] == [0, 7 * 1.18]
    assert_plain(people_participations_bar([], "vi"))
    course = {"label": "TX-2017-L1", "title": "Lớp 1", "kind": "boi_duong", "start_date": date(2017, 11, 21),
              "end_date": date(2017, 11, 24), "days": 4.0, "organiser": "Thị xã", "learners": np.int64(103)}
    timeline = course_timeline([course], date(2017, 7, 1), date(2018, 4, 13), "vi")
    assert_plain(timeline)
    assert timeline["data"][0]["x"] == ["2017-11-21", "2017-11-25", None]
    assert timeline["data"][1]["text"] == ["103 HV"]
    assert_plain(course_timeline([], date(2017, 7, 1), date(2018, 4, 13), "vi"))
    heat = coverage_heatmap([{"key": 1, "name": "Xã A", "href": "/a"}, {"key": None, "name": "Tổng", "href": ""}],
                            [{"key": 10, "code": "CD1", "name": "Chủ đề 1"}],
                            {(1, 10): (np.int64(1), np.int64(3))}, "vi")
    assert_plain(heat)
    assert heat["data"][0]["z"] == [[1 / 3], [None]] and heat["data"][0]["text"] == [["33"], ["—"]]
    assert heat["data"][0]["meta"] == {"row_links": ["/a", ""]}
    assert_plain(coverage_heatmap([], [], {}, "vi"))


def test_unified_charts_are_plain():
    rows = [{"name": "Xã A", "villages": 4, "unified": 3, "first_time": 1, "href": "/a"},
            {"name": "Xã B", "villages": 0, "unified": 0, "first_time": 0, "href": "/b"}]
    coverage = coverage_bars(rows, "vi")
    assert_plain(coverage)
    unified, missing, labels = coverage["data"]
    assert (unified["x"], missing["x"]) == ([0, 0.75], [0, 0.25])  # top down: Xã B (no villages) last
    assert unified["customdata"] == ["/b", "/a"] and "customdata" not in missing
    assert labels["text"] == [" không có thôn, khu", " 3/4 · 75,0 %"]
    assert_plain(coverage_bars([], "vi"))
    assert_plain(first_time_bars(rows, "vi"))
    assert_plain(first_time_bars([], "vi"))
    assert_plain(vacancy_bars([{"name": "Xã A", "secretary_vacant": 1, "head_vacant": 0, "href": "/a"}], "vi"))
    assert_plain(vacancy_bars([], "vi"))


def test_the_history_line_takes_pandas_days_and_counts():
    monthly = pd.DataFrame({"day": pd.to_datetime(["2020-05-31", "2020-06-30", "2020-07-31"]),
                            "villages": np.array([4, 4, 0]), "unified": np.array([3, 4, 0])})
    terms = [("2017-2020", date(2017, 7, 1), date(2020, 6, 30)), ("2020-2025", date(2020, 7, 1), date(2025, 6, 30))]
    figure = history_line(monthly.to_dict("records"), terms, "vi")
    assert_plain(figure)
    line = figure["data"][0]
    assert line["x"] == ["2020-05-31", "2020-06-30", "2020-07-31"]
    assert line["y"] == [0.75, 1.0, None]
    assert figure["layout"]["xaxis"]["range"] == ["2020-05-31", "2020-07-31"]
    assert [(s["x0"], s["x1"]) for s in figure["layout"]["shapes"] if s["type"] == "rect"] == [
        ("2020-05-31", "2020-06-30"), ("2020-07-01", "2020-07-31")]
    empty = history_line([], terms, "vi")
    assert_plain(empty)
    assert "range" not in empty["layout"]["xaxis"]


def test_oversight_figures_are_plain():
    heat = activity_heatmap(["Xã A · 3", "Xã B · 0"], ["T1/2026", "T2/2026"], [[1, 2], [0, 0]], ["/a", None], "vi")
    assert_plain(heat)
    assert heat["data"][0]["zmax"] == 2 and heat["data"][0]["meta"] == {"row_links": ["/a", ""]}
    assert_plain(activity_heatmap([], [], [], [], "vi"))
    recs = recommendations_chart([{"name": "Xã A", "made": 4, "resolved": 1, "grade": "poor", "href": "/a"},
                                  {"name": "Xã B", "made": 0, "resolved": 0, "grade": "none", "href": None}], "vi")
    assert_plain(recs)
    assert recs["layout"]["xaxis"]["range"] == [0, 4 * 1.9]
    assert_plain(recommendations_chart([], "vi"))
    assert_plain(empty_figure("Không có số liệu", "vi"))


# --- every figure the page callbacks draw on the demo --------------------------------------


@pytest.fixture(autouse=False)
def logged_in(as_town):
    return as_town


@pytest.fixture(scope="module")
def app(demo_config):
    return create_app(demo_config)


def figures_in(value) -> list:
    """The figures among a callback's outputs (dicts with data and layout)."""
    if isinstance(value, dict):
        if set(value) == {"data", "layout"}:
            return [value]
        return [f for item in value.values() for f in figures_in(item)]
    if isinstance(value, (list, tuple)):
        return [f for item in value for f in figures_in(item)]
    return []


@pytest.mark.parametrize("unit,search", [(None, ""), (None, "?ngay=2018-04-13"), ("07156", "?ngay=2018-04-13")])
def test_every_figure_the_pages_draw_on_the_demo_is_plain(app, logged_in, unit, search):
    def store(page, village=None):
        return {"page": page, "unit": unit, "village": village, "search": search}

    service = app.service
    outputs = [overview_sections(service, store("overview")), unified_main(service, store("unified")),
               unified_history(service, store("unified")), summary_sections(service, store("training")),
               course_sections(service, store("training")), coverage_sections(service, store("training")),
               oversight_sections(service, store("oversight"))]
    if unit:
        outputs.append(village_sections(service, store("village", f"{unit}-04")))
    figures = figures_in(outputs)
    assert len(figures) >= 10
    for figure in figures:
        assert_plain(figure)


def test_a_ranked_chart_of_many_units_shows_the_40_lowest_and_says_so():
    from layouts.figures import ranked_bar

    rows = [{"name": f"Xã {i:02d}", "numerator": i, "denominator": 50, "grade": "poor", "href": f"/don-vi/{i:02d}"}
            for i in range(1, 46)]
    fig = ranked_bar(rows, "vi")
    bar = fig["data"][0]
    assert len(bar["y"]) == 40 and bar["y"][0] == "Xã 01" and bar["y"][-1] == "Xã 40"
    assert fig["layout"]["annotations"][0]["text"] == \
        "40 đơn vị có tỷ lệ thấp nhất trong 45; xem đủ ở bảng số liệu bên dưới."
    assert "annotations" not in ranked_bar(rows[:40], "vi")["layout"]
