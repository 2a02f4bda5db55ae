"""The benchmark: one command per scale and backend.

    python -m bench.run --scale town|province|national --backend sqlite|postgres \
        [--label baseline] [--repeat 10] [--cold 3] [--skip-data] [--skip-http] [--out DIR]

1. prepares (or reuses) the database of that scale (``grassroots demo --scale``);
2. data layer, in this process: every ``DataService`` method behind every page's
   callbacks, at the root, a middle unit, a leaf unit and a village; each with its SQL
   floor (``bench.cases``) and the ratio of the two;
3. HTTP: gunicorn (the project's gunicorn.conf.py, one worker, so the worker's memory
   is the whole story) on a free loopback port, a logged-in session, and for each page
   at each level the requests the browser sends when it opens it (``bench.dash_client``):
   cold (the data version moved on before each repetition, as after an import: any
   cache keyed on it misses) and warm (the same requests again); p50/p95 per callback,
   the JSON size of each response and the worker's peak memory (VmHWM);
4. prints the table and writes ``bench/results/<date>-bench-<scale>-<backend>[-label].json``
   and ``.md`` with the machine and the date.

No limit is asserted: the targets of the issue are printed beside the numbers.
"""
from __future__ import annotations

import argparse
import os
import time
from dataclasses import fields, replace
from datetime import datetime, timezone
from pathlib import Path

from . import common
from .limits import cap
from .cases import DATA_CASES, PAGE_FLOORS, UNIT_PAGES, context_for, floor_params, page_levels, page_path, \
    pick_levels, run_floor

PAGES = (*UNIT_PAGES, "village")
# Issue 6's targets, printed beside the numbers (p50 of an HTTP callback on SQLite).
TARGET_P50_MS = {"town": 10, "province": 20, "national": 300}
TARGET_P50_WARM_MS = {"national": 50}
MAX_PAYLOAD = 200 * 1024
MAX_WORKER_MB = 300


class Capped(Exception):
    """A statement ran over the cap (``--cap``)."""


def _timed(fn) -> float:
    from .limits import is_cap

    started = time.perf_counter()
    try:
        fn()
    except Exception as error:
        if is_cap(error):
            raise Capped(str(error)[:200]) from error
        raise
    return time.perf_counter() - started


def _sample(fn, repeat: int, budget: float, minimum: int = 2) -> list[float]:
    """Up to ``repeat`` timings of ``fn()`` (seconds), stopping once ``budget`` seconds
    are spent (at least ``minimum``). Raises ``Capped`` when a statement hits the cap."""
    samples = []
    spent = 0.0
    while len(samples) < repeat and (len(samples) < minimum or spent < budget):
        elapsed = _timed(fn)
        samples.append(elapsed)
        spent += elapsed
    return samples


def _ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


# -- the data layer ---------------------------------------------------------------------------------


def bench_data_layer(url: str, levels, pages, repeat: int, budget: float, minimum: int = 2
                     ) -> tuple[list[dict], dict]:
    from dashboard import db
    from dashboard.config import Config
    from dashboard.service import DataService

    config = Config(database_url=url, today=common.today(), environment="development")
    if "cache_url" in {f.name for f in fields(Config)}:
        config = replace(config, cache_url="none")  # the data layer's own cost, not a cache hit
    service = DataService(config, db.make_engine(url))
    cases, floors = [], {}
    for page in pages:
        for level in page_levels(page, levels):
            started = time.perf_counter()
            context = context_for(service, page, level)
            first_context = time.perf_counter() - started
            context_samples = _sample(lambda: context_for(service, page, level), repeat, budget / 4, minimum)
            params = floor_params(service, context)
            key = (page, level.name)
            floor_parts = {}
            with service.engine.connect() as conn:
                for name in PAGE_FLOORS[page]:
                    rows = run_floor(conn, name, params)  # first run: not counted
                    samples = _sample(lambda: run_floor(conn, name, params), repeat, budget / 4, minimum)
                    floor_parts[name] = {**common.stats_ms(samples), "rows": rows}
            floors[key] = floor_parts
            for case in (c for c in DATA_CASES if c.page == page):
                capped = False
                try:
                    first = _timed(lambda: case.call(service, context))
                    samples = _sample(lambda: case.call(service, context_for(service, page, level)), repeat,
                                      budget, minimum)
                except Capped:
                    first, samples, capped = None, [], True
                stats = common.stats_ms(samples)
                if capped:
                    floor = round(sum(floor_parts[f]["p50_ms"] for f in case.floors if f in floor_parts), 2)
                    cases.append({
                        "page": page, "level": level.name, "unit": level.unit_code, "unit_level": level.level,
                        "function": f"DataService.context + {case.name}", "first_ms": None, **stats,
                        "capped": True, "cap_s": cap(), "context_p50_ms": None, "floor_ms": floor,
                        "floor_parts": list(case.floors), "ratio": None})
                    common.log(f"data {page:9s} {level.name:7s} {case.name:22s} over the cap of {cap()} s")
                    continue
                floor = round(sum(floor_parts[f]["p50_ms"] for f in case.floors if f in floor_parts), 2)
                cases.append({
                    "page": page, "level": level.name, "unit": level.unit_code, "unit_level": level.level,
                    "function": f"DataService.context + {case.name}", "first_ms": common.ms(first + first_context),
                    "capped": False,
                    **stats, "context_p50_ms": common.ms(common.percentile(context_samples, 50)),
                    "floor_ms": floor, "floor_parts": list(case.floors),
                    "ratio": _ratio(stats["p50_ms"], floor),
                })
                common.log(f"data {page:9s} {level.name:7s} {case.name:22s} p50 {_fmt(stats['p50_ms']):>9s} ms "
                           f"floor {floor:8.1f} ms x{_ratio(stats['p50_ms'], floor)}")
    service.engine.dispose()
    return cases, {f"{p}/{lv}": v for (p, lv), v in floors.items()}


# -- HTTP round trips --------------------------------------------------------------------------------


def bench_http(url: str, levels, pages, floors: dict, repeat: int, cold: int, budget: float,
               workers: int = 1, minimum: int = 2) -> tuple[list[dict], list[dict], dict]:
    from .dash_client import DashClient, post

    common.ensure_bench_users(url, 1)
    results, pages_summary = [], []
    # no warm-up at start (dashboard.web.warmup): its queries would run beside the first
    # measurements; every cold case moves the data version on anyway
    with common.gunicorn(url, workers=workers, extra_env={"GRASSROOTS_WARM_PAGES": "off"}) as server:
        session = common.login(server.base, common.bench_user(0))
        layout = session.get(server.base + "/_dash-layout", timeout=60).json()
        dependencies = session.get(server.base + "/_dash-dependencies", timeout=60).json()
        client = DashClient(layout, dependencies)

        def open_page(path: str) -> list[tuple[str, float, int, int]]:
            """Every request of opening ``path``: (label, seconds, bytes, status)."""
            out = []
            pathname, _, search = path.partition("?")
            router = client.router_callback(pathname, "?" + search if search else "")
            started = time.perf_counter()
            response, size = post(session, server.base, router.payload)
            out.append((router.label, time.perf_counter() - started, size, response.status_code))
            if response.status_code != 200:
                return out
            for callback in client.page_callbacks(response.json()):
                started = time.perf_counter()
                reply, size = post(session, server.base, callback.payload)
                elapsed = time.perf_counter() - started
                status = reply.status_code
                if status != 200 and cap() and elapsed >= 0.9 * cap():
                    status = "capped"  # a statement ran over the cap: the callback failed there
                out.append((callback.label, elapsed, size, status))
            return out

        # one pass over everything first: imports, first connections (reported apart)
        first_pass = {}
        for page in pages:
            for level in page_levels(page, levels):
                first_pass[(page, level.name)] = open_page(page_path(page, level))
        for page in pages:
            for level in page_levels(page, levels):
                path = page_path(page, level)
                by_label: dict[str, dict] = {}

                def record(kind, rows):
                    for label, seconds, size, status in rows:
                        entry = by_label.setdefault(label, {"cold": [], "warm": [], "bytes": 0, "errors": 0,
                                                            "capped": False})
                        if status == "capped":
                            entry["capped"] = True
                            continue
                        entry[kind].append(seconds)
                        entry["bytes"] = max(entry["bytes"], size)
                        entry["errors"] += status != 200

                first_rows = first_pass[(page, level.name)]
                page_capped = any(status == "capped" for _l, _s, _b, status in first_rows)
                if page_capped:  # a callback of this page ran over the cap: no repetitions
                    for label, seconds, size, status in first_rows:
                        entry = by_label.setdefault(label, {"cold": [], "warm": [], "bytes": 0, "errors": 0,
                                                            "capped": status == "capped"})
                        entry["bytes"] = max(entry["bytes"], size)
                        entry["errors"] += status not in (200, "capped")
                spent = 0.0
                for index in range(0 if page_capped else cold):
                    if index >= 1 and spent > budget:
                        break
                    common.bump_data_version(url)
                    server.clear_cache()
                    started = time.perf_counter()
                    record("cold", open_page(path))
                    spent += time.perf_counter() - started
                spent = 0.0
                for index in range(0 if page_capped else repeat):
                    if index >= minimum and spent > budget:
                        break
                    started = time.perf_counter()
                    record("warm", open_page(path))
                    spent += time.perf_counter() - started
                floor = sum(part["p50_ms"] for part in floors[f"{page}/{level.name}"].values())
                page_cold = page_warm = 0.0
                for label, entry in by_label.items():
                    cold_stats, warm_stats = common.stats_ms(entry["cold"]), common.stats_ms(entry["warm"])
                    first = next((s for lab, s, _b, _st in first_pass[(page, level.name)] if lab == label), None)
                    results.append({
                        "page": page, "level": level.name, "unit": level.unit_code, "path": path,
                        "callback": label, "first_ms": common.ms(first), "capped": entry["capped"],
                        "cold": cold_stats, "warm": warm_stats, "bytes": entry["bytes"], "errors": entry["errors"],
                        "floor_ms": round(floor, 2), "ratio_cold": _ratio(cold_stats["p50_ms"], floor),
                        "ratio_warm": _ratio(warm_stats["p50_ms"], floor),
                    })
                    if not label.startswith("router"):
                        page_cold += cold_stats["p50_ms"] or 0
                        page_warm += warm_stats["p50_ms"] or 0
                    common.log(f"http {page:9s} {level.name:7s} {label:34s} cold p50 {_fmt(cold_stats['p50_ms']):>8s} "
                               f"warm p50 {_fmt(warm_stats['p50_ms']):>8s} ms {entry['bytes']:8,d} B "
                               f"floor {floor:7.1f} ms" + (f" OVER THE CAP ({cap()} s)" if entry["capped"] else ""))
                pages_summary.append({
                    "page": page, "level": level.name, "path": path, "callbacks": len(by_label) - 1,
                    "capped": page_capped,
                    "sum_p50_cold_ms": round(page_cold, 2), "sum_p50_warm_ms": round(page_warm, 2),
                    "floor_ms": round(floor, 2), "ratio_cold": None if page_capped else _ratio(page_cold, floor),
                    "ratio_warm": None if page_capped else _ratio(page_warm, floor),
                    "max_bytes": max(e["bytes"] for e in by_label.values()),
                })
        memory = server.worker_peak_rss_mb()
    return results, pages_summary, memory


# -- the report ------------------------------------------------------------------------------------


def _fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def markdown(data: dict) -> str:
    scale, backend = data["scale"], data["backend"]
    lines = [f"# Benchmark: {scale} on {backend}" + (f" ({data['label']})" if data.get("label") else ""),
             "", f"Date (UTC): {data['date']}  ", f"Command: `{data['command']}`", ""]
    if data.get("cap_s"):
        lines += [f"Statement cap: {data['cap_s']} s (a case whose query runs longer is reported 'over the cap' "
                  "and not repeated; its page is not repeated either).", ""]
    lines += ["## Machine", "",
             common.machine_markdown(data["machine"]), "", "## Dataset", ""]
    lines.append(", ".join(f"{k} {v:,}" for k, v in data["dataset"].items()))
    if data.get("generation"):
        gen = data["generation"]
        lines.append(f"\nGenerated now: {gen['generated']}; " + (f"{gen['seconds']} s" if gen["seconds"] else ""))
    lines += ["", "Levels: " + "; ".join(f"{lv['name']} = {lv['unit_code']} {lv['unit_name']} ({lv['level']})"
                                         for lv in data["levels"]), ""]
    if data.get("http"):
        h = data["http"]
        target = TARGET_P50_MS.get(scale)
        lines += ["## HTTP round trips (`/_dash-update-component`, loopback, 1 gunicorn worker x 4 threads)", "",
                  f"Targets (issue 6, SQLite): p50 <= {target} ms"
                  + (f" cold, <= {TARGET_P50_WARM_MS[scale]} ms warm" if scale in TARGET_P50_WARM_MS else "")
                  + "; <= 1.5 x SQL floor cold; response <= 200 KB; worker peak <= 300 MB (national).", "",
                  f"Worker peak RSS (VmHWM): **{_fmt(h['memory'].get('max_mb'))} MB**; "
                  f"largest response: **{_fmt(max(r['bytes'] for r in h['callbacks']))} B**; "
                  f"errors: {sum(r['errors'] for r in h['callbacks'])}", "",
                  "### Per page (sum of the page's data callbacks' p50, router excluded)", "",
                  "| page | level | callbacks | cold p50 sum ms | warm p50 sum ms | floor ms | ratio cold | "
                  "ratio warm | max bytes |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for p in h["pages"]:
            lines.append(f"| {p['page']} | {p['level']} | {p['callbacks']} | {_fmt(p['sum_p50_cold_ms'])} | "
                         f"{_fmt(p['sum_p50_warm_ms'])} | {_fmt(p['floor_ms'], 2)} | {_fmt(p['ratio_cold'])} | "
                         f"{_fmt(p['ratio_warm'])} | {_fmt(p['max_bytes'])} |")
        lines += ["", "### Per callback", "",
                  "| page | level | callback | first ms | cold p50 | cold p95 | warm p50 | warm p95 | n cold/warm | "
                  "floor ms | ratio cold | bytes | over target |",
                  "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in h["callbacks"]:
            over = []
            if target and (r["cold"]["p50_ms"] or 0) > target:
                over.append(f"p50 {r['cold']['p50_ms'] / target:.1f}x")
            if r["bytes"] > MAX_PAYLOAD:
                over.append("size")
            if r.get("capped"):
                over.append(f"over the {data.get('cap_s')} s cap")
            lines.append(f"| {r['page']} | {r['level']} | {r['callback']} | {_fmt(r['first_ms'])} | "
                         f"{_fmt(r['cold']['p50_ms'])} | {_fmt(r['cold']['p95_ms'])} | {_fmt(r['warm']['p50_ms'])} | "
                         f"{_fmt(r['warm']['p95_ms'])} | {r['cold']['n']}/{r['warm']['n']} | {_fmt(r['floor_ms'], 2)} | "
                         f"{_fmt(r['ratio_cold'])} | {_fmt(r['bytes'])} | {', '.join(over)} |")
    if data.get("data_layer"):
        lines += ["", "## Data layer (in process, result cache off: `DataService.context` + the method)", "",
                  "| page | level | function | first ms | p50 ms | p95 ms | n | floor ms (parts) | ratio |",
                  "|---|---|---|---:|---:|---:|---:|---|---:|"]
        for r in data["data_layer"]:
            lines.append(f"| {r['page']} | {r['level']} | {r['function'].split(' + ')[-1]} | {_fmt(r['first_ms'])} | "
                         f"{_fmt(r['p50_ms'])} | {_fmt(r['p95_ms'])} | {r['n']} | {_fmt(r['floor_ms'], 2)} "
                         f"({'+'.join(r['floor_parts'])}) | "
                         + (f"over the {r['cap_s']} s cap |" if r.get("capped") else f"{_fmt(r['ratio'])} |"))
        lines += ["", "### SQL floor queries (p50 ms, rows)", "", "| page/level | " + " | ".join(
            ["children", "posts", "participations", "activities", "briefings"]) + " |", "|---|---|---|---|---|---|"]
        for key, parts in data["floors"].items():
            cells = [f"{_fmt(parts[n]['p50_ms'], 2)} ({parts[n]['rows']})" if n in parts else ""
                     for n in ("children", "posts", "participations", "activities", "briefings")]
            lines.append(f"| {key} | " + " | ".join(cells) + " |")
    lines += ["", "The SQL floor is the bare aggregate for the same view (children on the date; COUNT/SUM of posts "
              "in office, participations and board activities and briefings of the period, per child and total, "
              "through unit_rollup), run directly: `bench/cases.py`.", ""]
    return "\n".join(lines)


def main(argv=None) -> tuple[Path, Path]:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=common.SCALES, required=True)
    parser.add_argument("--backend", choices=common.BACKENDS, default="sqlite")
    parser.add_argument("--label", default=None, help="added to the file name (e.g. baseline)")
    parser.add_argument("--repeat", type=int, default=10, help="warm repetitions per case (at most)")
    parser.add_argument("--cold", type=int, default=3, help="cold repetitions per page (at most)")
    parser.add_argument("--budget", type=float, default=6.0, help="seconds per case before repetitions stop")
    parser.add_argument("--cap", type=float, default=0,
                        help="seconds: a statement running longer fails, the case is reported 'over the cap' (0: none)")
    parser.add_argument("--min", type=int, default=2, help="repetitions per case even over the budget (warm)")
    parser.add_argument("--skip-data", action="store_true", help="no in-process data-layer timings")
    parser.add_argument("--skip-http", action="store_true", help="no HTTP round trips")
    parser.add_argument("--pages", nargs="*", choices=PAGES, default=None, help="only these pages")
    parser.add_argument("--levels", nargs="*", choices=("root", "middle", "leaf", "village"), default=None,
                        help="only these levels")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the database")
    parser.add_argument("--data-dir", type=Path, default=None, help=f"databases (default {common.DATA_DIR})")
    parser.add_argument("--out", type=Path, default=None, help=f"result directory (default {common.RESULTS_DIR})")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.cap:
        from .limits import install

        install(args.cap)
        os.environ["GRASSROOTS_BENCH_STATEMENT_CAP"] = str(args.cap)
    generation = common.prepare_database(args.scale, args.backend, args.data_dir, args.rebuild)
    url = generation["url"]
    data = {
        "scale": args.scale, "backend": args.backend, "label": args.label,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m bench.run " + " ".join(argv if argv is not None else __import__("sys").argv[1:]),
        "today": common.TODAY, "cap_s": args.cap or None, "machine": common.machine(url),
        "dataset": common.dataset_counts(url),
        "generation": {k: v for k, v in generation.items() if k != "url"},
    }
    from dashboard import db
    from dashboard.config import Config
    from dashboard.service import DataService

    service = DataService(Config(database_url=url, today=common.today()), db.make_engine(url))
    levels = [lv for lv in pick_levels(service, common.today()) if not args.levels or lv.name in args.levels]
    pages = [p for p in PAGES if not args.pages or p in args.pages]
    if not args.skip_data:
        service.engine.dispose()
        common.log(f"data layer: {args.scale} on {args.backend}")
        cases, floors = bench_data_layer(url, levels, pages, args.repeat, args.budget, args.min)
        data["data_layer"], data["floors"] = cases, floors
    else:
        floors = _floors_only(service, levels, pages, args.repeat, args.budget, args.min)
        data["floors"] = floors
        service.engine.dispose()
    data["levels"] = [{"name": lv.name, "unit_code": lv.unit_code, "unit_name": lv.unit_name, "level": lv.level}
                      for lv in levels]
    if not args.skip_http:
        common.log(f"HTTP: {args.scale} on {args.backend}")
        callbacks, summary, memory = bench_http(url, levels, pages, floors, args.repeat, args.cold, args.budget,
                                                minimum=args.min)
        data["http"] = {"callbacks": callbacks, "pages": summary, "memory": memory}
    data["seconds"] = round(time.perf_counter() - started, 1)
    stem = common.result_stem("bench", args.scale, args.backend, args.label)
    json_path, md_path = common.write_results(stem, data, markdown(data), args.out)
    print(markdown(data))
    common.log(f"wrote {json_path} and {md_path} in {data['seconds']} s")
    return json_path, md_path


def _floors_only(service, levels, pages, repeat, budget, minimum=2) -> dict:
    floors = {}
    for page in pages:
        for level in page_levels(page, levels):
            context = context_for(service, page, level)
            params = floor_params(service, context)
            parts = {}
            with service.engine.connect() as conn:
                for name in PAGE_FLOORS[page]:
                    rows = run_floor(conn, name, params)
                    parts[name] = {**common.stats_ms(_sample(lambda: run_floor(conn, name, params), repeat,
                                                             budget / 4, minimum)), "rows": rows}
            floors[f"{page}/{level.name}"] = parts
    return floors


if __name__ == "__main__":
    main()
