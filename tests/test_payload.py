"""No callback response is larger than 200 KB of JSON, on the synthetic province (about
150 communes under the root, 1 500 villages): lists and heatmaps are capped or carry one
link per row, and the overview's lists have their own callback. Sizes, not times."""
from __future__ import annotations

from datetime import date

import pytest
from dashboard.web.jsonout import callback_json

from callbacks import overview, oversight, training, unified, village
from dashboard import db, structure
from dashboard.config import Config
from dashboard.service import DataService
from dashboard.synthetic import load_synthetic
from layouts import overview as overview_layout

from . import conftest

TODAY = date(2026, 11, 27)
LIMIT = 200 * 1024


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    path = tmp_path_factory.mktemp("province") / "province.db"
    engine = db.make_engine(f"sqlite:///{path}")
    load_synthetic(engine, "province", seed=1, years=2, today=TODAY)
    with engine.connect() as conn:
        root = structure.root_unit(conn, TODAY)
        commune = structure.children(conn, root.id, TODAY).iloc[0]
        villages = structure.children(conn, int(commune["id"]), TODAY)
    engine.dispose()
    service = DataService(Config(database_url=f"sqlite:///{path}", today=TODAY, load_demo_if_empty=False,
                                 cache_url="none"))
    return service, commune["code"], villages.iloc[0]["code"]


def responses(service, unit, village_code, search):
    """(name, JSON size) of every page callback's response for ``unit``."""
    def store(page, vil=None):
        return {"page": page, "unit": unit, "village": vil, "search": search}

    def outputs(sections, names):
        return [sections[n] for n in names]

    from callbacks.overview import LIST_SECTIONS, MAIN_SECTIONS
    from callbacks.training import COURSE_SECTIONS, COVERAGE_SECTIONS, SUMMARY_MAIN_SECTIONS
    from layouts import training as training_layout
    from layouts import oversight as oversight_layout
    from layouts import unified as unified_layout

    found = {
        "overview": outputs(overview.overview_sections(service, store("overview"), overview_layout.MAIN_PARTS),
                            MAIN_SECTIONS),
        "overview_lists": outputs(overview.overview_sections(service, store("overview"),
                                                             overview_layout.LIST_PARTS), LIST_SECTIONS),
        "commune_extra": oversight.commune_extra(service, store("overview")),
        "unified_main": outputs(unified.unified_main(service, store("unified")), unified_layout.MAIN_SECTIONS),
        "unified_history": unified.unified_history(service, store("unified")),
        "unified_villages": unified.unified_villages(service, store("unified")),
        "training_summary": outputs(training.summary_sections(service, store("training"),
                                                              training_layout.SUMMARY_MAIN), SUMMARY_MAIN_SECTIONS),
        "training_table": training.summary_sections(service, store("training"), training_layout.SUMMARY_TABLE)["table"],
        "training_courses": outputs(training.course_sections(service, store("training")), COURSE_SECTIONS),
        "training_coverage": outputs(training.coverage_sections(service, store("training")), COVERAGE_SECTIONS),
        "training_untrained": training.untrained_section(service, store("training")),
        "oversight": outputs(oversight.oversight_sections(service, store("oversight")), oversight_layout.SECTIONS),
        "oversight_activities": oversight.activity_table(service, store("oversight")),
    }
    if village_code:
        found["village"] = outputs(village.village_sections(service, store("village", village_code)),
                                   __import__("layouts.village", fromlist=["SECTIONS"]).SECTIONS)
    # the bytes the app sends: its JSON writer (UTF-8, no \u escapes, no spaces)
    return {name: len(callback_json(value).encode("utf-8")) for name, value in found.items()}


@pytest.mark.slow
@pytest.mark.parametrize("where,search", [("root", "?ngay=2026-11-27"), ("root", "?ngay=2025-06-30&ky=nam"),
                                          ("commune", "?ngay=2026-11-27")])
def test_no_callback_response_is_larger_than_200_kb_on_a_province(province, where, search):
    from dashboard.auth import acting_as

    service, commune, village_code = province
    unit = None if where == "root" else commune
    with acting_as(conftest.test_user("admin"), "127.0.0.1"):
        sizes = responses(service, unit, village_code if where == "commune" else None, search)
    too_large = {name: size for name, size in sizes.items() if size > LIMIT}
    assert too_large == {}, sizes


def test_the_attention_list_shows_20_lines_then_how_many_more():
    from dashboard.viewstate import ViewState

    from .helpers import texts

    entries = [{"unit_id": i, "code": f"C{i:03d}", "name": f"Xã {i}", "kind": "xa", "level": "commune",
                "issues": [("vacant", 1)]} for i in range(1, 24)]
    block = overview_layout.attention(entries, ViewState(), "T01", "vi")
    words = texts(block)
    assert "Xã 20" in words and "Xã 21" not in words
    assert "Còn 3 đơn vị khác cần chú ý: xem bảng số liệu bên dưới." in words
    assert "Còn" not in " ".join(texts(overview_layout.attention(entries[:20], ViewState(), "T01", "vi")))
