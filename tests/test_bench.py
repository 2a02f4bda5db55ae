"""The benchmark machinery end to end on the town scale (one page, two levels) and a
few seconds of load test: the result files have the expected structure. No timing is
asserted (the numbers are what the benchmark reports, not what a test checks)."""
from __future__ import annotations

import json

from bench import common, loadtest, run
from bench.dash_client import DashClient, collect_props, id_key, parse_output


def test_output_specs_parse_into_the_outputs_the_renderer_sends():
    assert parse_output("page.children") == [{"id": "page", "property": "children"}]
    spec = '..header.children...{"name":"ov-units","type":"drill-graph"}.figure..'
    assert parse_output(spec) == [{"id": "header", "property": "children"},
                                  {"id": {"name": "ov-units", "type": "drill-graph"}, "property": "figure"}]
    assert id_key({"type": "drill-graph", "name": "a"}) == '{"name":"a","type":"drill-graph"}'


def test_components_with_ids_are_found_in_a_layout_tree():
    tree = {"type": "Div", "namespace": "dash_html_components", "props": {"id": "outer", "children": [
        {"type": "Store", "namespace": "dash_core_components", "props": {"id": "view-overview", "data": {"x": 1}}},
        {"type": "Div", "namespace": "dash_html_components", "props": {"children": "text"}}]}}
    found = collect_props(tree)
    assert set(found) == {"outer", "view-overview"}
    assert found["view-overview"]["data"] == {"x": 1}


def _dependency(output, inputs, state=(), clientside=False, prevent=False):
    return {"output": output, "inputs": [{"id": i, "property": p} for i, p in inputs],
            "state": [{"id": i, "property": p} for i, p in state],
            "clientside_function": {"namespace": "x", "function_name": "y"} if clientside else None,
            "prevent_initial_call": prevent}


def test_a_page_fires_the_server_callbacks_the_browser_fires_for_a_new_layout_chunk():
    layout = {"type": "Location", "namespace": "dash_core_components", "props": {"id": "url", "pathname": "/"}}
    deps = [
        _dependency("..navbar.children...page.children..", [("url", "pathname"), ("url", "search")]),
        # outputs on the new page: their initial call
        _dependency("..a.children...b.figure..", [("view-overview", "data")]),
        _dependency("c.children", [("view-overview", "data")], clientside=True),  # no round trip
        _dependency("a.style", [("view-overview", "data")], prevent=True),  # initial call prevented
        # an input on the new page, the output outside it: fires even when prevented
        _dependency("url.search", [("view-overview", "data")], prevent=True),
        _dependency("e.children", [("view-unified", "data")]),  # not on this page
    ]
    client = DashClient(layout, deps)
    router = client.router_callback("/don-vi/X", "?ngay=2026-01-01")
    assert router.payload["inputs"] == [{"id": "url", "property": "pathname", "value": "/don-vi/X"},
                                        {"id": "url", "property": "search", "value": "?ngay=2026-01-01"}]
    page = {"response": {"page": {"children": [
        {"type": "Store", "namespace": "dash_core_components", "props": {"id": "view-overview", "data": {"unit": "X"}}},
        {"type": "Div", "namespace": "dash_html_components", "props": {"id": "a"}},
        {"type": "Graph", "namespace": "dash_core_components", "props": {"id": "b"}}]}}}
    fired = client.page_callbacks(page)
    assert [c.label for c in fired] == ["a.children (+1)", "url.search"]
    assert fired[0].payload == {
        "output": "..a.children...b.figure..",
        "outputs": [{"id": "a", "property": "children"}, {"id": "b", "property": "figure"}],
        "inputs": [{"id": "view-overview", "property": "data", "value": {"unit": "X"}}],
        "changedPropIds": ["view-overview.data"],
    }


def test_percentiles_interpolate():
    assert common.percentile([], 50) is None
    assert common.percentile([3.0], 95) == 3.0
    assert common.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert common.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 100) == 5.0


def test_the_benchmark_writes_its_results_end_to_end(tmp_path):
    json_path, md_path = run.main([
        "--scale", "town", "--backend", "sqlite", "--pages", "overview", "village",
        "--levels", "root", "village", "--repeat", "2", "--cold", "1", "--budget", "1",
        "--data-dir", str(tmp_path / "data"), "--out", str(tmp_path / "results"), "--label", "test"])
    assert json_path.parent == tmp_path / "results" and json_path.name.endswith("-bench-town-sqlite-test.json")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert {"scale", "backend", "date", "machine", "dataset", "levels", "data_layer", "floors", "http"} <= set(data)
    assert data["scale"] == "town" and data["backend"] == "sqlite"
    assert {"nproc", "cpu", "ram_gb", "python", "sqlite"} <= set(data["machine"])
    assert data["dataset"]["villages"] > 0
    assert [lv["name"] for lv in data["levels"]] == ["root", "village"]
    functions = {(r["page"], r["level"], r["function"]) for r in data["data_layer"]}
    assert functions == {
        ("overview", "root", "DataService.context + overview"),
        ("overview", "root", "DataService.context + commune_oversight"),
        ("overview", "root", "DataService.context + child_options"),
        ("village", "village", "DataService.context + village_detail"),
    }
    for row in data["data_layer"]:
        assert row["n"] >= 2 and row["p50_ms"] > 0 and row["floor_ms"] > 0 and row["ratio"] > 0
    assert set(data["floors"]) == {"overview/root", "village/village"}
    assert set(data["floors"]["overview/root"]) == {"children", "posts", "participations", "activities", "briefings"}
    http = data["http"]
    assert {(p["page"], p["level"]) for p in http["pages"]} == {("overview", "root"), ("village", "village")}
    for row in http["callbacks"]:
        assert row["errors"] == 0
        assert row["bytes"] > 0
        assert row["cold"]["n"] >= 1 and row["warm"]["n"] >= 2
    labels = {r["callback"] for r in http["callbacks"] if r["page"] == "overview"}
    assert "router (url)" in labels and len(labels) >= 3  # the router and the page's callbacks
    assert http["memory"]["max_mb"] > 0
    text = md_path.read_text(encoding="utf-8")
    assert "# Benchmark: town on sqlite (test)" in text and "## Machine" in text and "### Per callback" in text


def test_the_load_test_reports_requests_latencies_and_errors(tmp_path):
    url = common.prepare_database("town", "sqlite", tmp_path)["url"]
    result = loadtest.run_load(url, users=2, workers=1, duration=3, think=0)
    assert result["requests"] > 0 and result["pages"] > 0
    assert result["errors"] == 0, result["error_kinds"]
    assert {"p50_ms", "p95_ms", "p99_ms"} <= set(result["latency"])
    assert result["memory"]["max_mb"] > 0
    text = loadtest.markdown({"scale": "town", "backend": "sqlite", "label": None, "date": "d", "command": "c",
                              "machine": common.machine(), "dataset": {"villages": 1}, "result": result})
    assert "| requests | req/s |" in text


def test_the_in_process_benchmark_measures_warm_hit_and_cold(tmp_path, monkeypatch):
    """bench.inprocess on a small town, one page: every mode times the router and the
    page's callbacks and sees the same JSON (a cached answer is the computed one)."""
    import os

    from bench import inprocess
    from dashboard import db
    from dashboard.synthetic import load_synthetic

    monkeypatch.setattr(os, "environ", dict(os.environ))  # measure() sets GRASSROOTS_* variables
    url = f"sqlite:///{tmp_path / 'town.db'}"
    engine = db.make_engine(url)
    load_synthetic(engine, "town", seed=1, years=1, today=common.today())
    engine.dispose()
    sizes = {}
    for mode in ("warm", "hit", "cold"):
        rows = inprocess.measure(url, ("/",), repeat=2, mode=mode)["/"]
        assert "router (url)" in rows and any(label.startswith("page-header") for label in rows)
        assert all(row["cpu_ms"] >= 0 and row["bytes"] > 0 for row in rows.values())
        sizes[mode] = {label: row["bytes"] for label, row in rows.items()}
    assert sizes["warm"] == sizes["hit"] == sizes["cold"]


def _run(label: str, rows: list[tuple[str, float, float]]) -> dict:
    return {"scale": "town", "backend": "sqlite", "label": label,
            "machine": {"load_average": [0.5], "git_commit": label},
            "http": {"callbacks": [{"page": "training", "level": "leaf", "callback": name,
                                    "cold": {"p50_ms": cold}, "warm": {"p50_ms": warm}} for name, cold, warm in rows]}}


def test_compare_matches_a_callback_by_its_first_output_and_merges_rounds_by_their_median():
    from bench.compare import compare, merged

    before = [_run("b", [("training-header.children (+7)", c, 2.0), ("router (url)", 10.0, 2.0)])
              for c in (40.0, 50.0, 90.0)]
    after = [_run("a", [("training-header.children (+8)", c, 3.0), ("router (url)", 10.0, 2.0),
                        ("training-tiles.children", 5.0, 1.0)]) for c in (45.0, 60.0, 61.0)]
    lines = compare(merged(before), merged(after))
    row = next(line for line in lines if "training-header" in line)
    assert row == "| training | leaf | training-header.children (+8) | 50.0 | 60.0 | 1.2 | 2.0 | 3.0 | 1.5 |"
    summary = lines[-2]
    assert summary.startswith("Callbacks compared: 2; p50s above 1.2x their before-figure: 1 "
                              "(training/leaf/training-header.children warm 1.5x)")
    assert summary.endswith("only after (new): training/leaf/training-tiles.children")
