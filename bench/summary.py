"""One table over result files: ``python -m bench.summary bench/results/*.json``.

Per benchmark file (scale, backend, label): the worst and the median page-callback p50
(cold and warm, router included), the page with the worst floor ratio, the largest
response and the worker's peak memory, against the issue's targets; per load-test file:
requests/s, p50/p95/p99 and errors.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import percentile
from .run import MAX_PAYLOAD, TARGET_P50_MS, TARGET_P50_WARM_MS


def _f(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def bench_rows(files: list[dict]) -> list[str]:
    out = ["| scale | backend | label | callbacks | p50 cold median / max ms | p50 warm median / max ms | "
           "p95 cold max ms | target p50 ms | over target | worst page ratio cold (page) | max bytes | peak MB |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
    for data in files:
        http = data.get("http")
        if not http:
            continue
        rows = http["callbacks"]
        cold = [r["cold"]["p50_ms"] for r in rows if r["cold"]["p50_ms"] is not None]
        warm = [r["warm"]["p50_ms"] for r in rows if r["warm"]["p50_ms"] is not None]
        p95 = [r["cold"]["p95_ms"] for r in rows if r["cold"]["p95_ms"] is not None]
        scale = data["scale"]
        target = TARGET_P50_MS[scale]
        warm_target = TARGET_P50_WARM_MS.get(scale)
        over = sum(1 for r in rows if r.get("capped") or (r["cold"]["p50_ms"] or 0) > target
                   or (warm_target and (r["warm"]["p50_ms"] or 0) > warm_target))
        worst = max(http["pages"], key=lambda p: p["ratio_cold"] or 0)
        capped = sum(1 for r in rows if r.get("capped"))
        out.append(
            f"| {scale} | {data['backend']} | {data.get('label') or ''} | {len(rows)}"
            + (f" ({capped} over the {data.get('cap_s')} s cap)" if capped else "") + " | "
            f"{_f(percentile(cold, 50))} / {_f(max(cold))} | {_f(percentile(warm, 50))} / {_f(max(warm))} | "
            f"{_f(max(p95))} | {target}" + (f" (warm {warm_target})" if warm_target else "") + f" | {over} | "
            f"{_f(worst['ratio_cold'])} ({worst['page']}/{worst['level']}) | "
            f"{max(r['bytes'] for r in rows):,}" + (" (!)" if max(r['bytes'] for r in rows) > MAX_PAYLOAD else "")
            + f" | {_f(http['memory'].get('max_mb'))} |")
    return out


def page_rows(data: dict) -> list[str]:
    """Per page and level: the page's callbacks' p50 (cold/warm) and the floor ratio."""
    out = [f"#### {data['scale']} / {data['backend']} / {data.get('label') or ''}", "",
           "| page | level | slowest callback | its p50 cold / warm ms | its p95 cold | sum p50 cold ms | floor ms | "
           "ratio cold | max bytes |", "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    rows = data["http"]["callbacks"]
    for page in data["http"]["pages"]:
        mine = [r for r in rows if r["page"] == page["page"] and r["level"] == page["level"]
                and not r["callback"].startswith("router")]
        slow = max(mine, key=lambda r: (bool(r.get("capped")), r["cold"]["p50_ms"] or 0))
        if slow.get("capped"):
            out.append(f"| {page['page']} | {page['level']} | {slow['callback']} | over the {data.get('cap_s')} s cap "
                       f"| | | {_f(page['floor_ms'], 2)} | | {page['max_bytes']:,} |")
            continue
        out.append(f"| {page['page']} | {page['level']} | {slow['callback']} | {_f(slow['cold']['p50_ms'])} / "
                   f"{_f(slow['warm']['p50_ms'])} | {_f(slow['cold']['p95_ms'])} | {_f(page['sum_p50_cold_ms'])} | "
                   f"{_f(page['floor_ms'], 2)} | {_f(page['ratio_cold'])} | {page['max_bytes']:,} |")
    return out


def load_rows(files: list[dict]) -> list[str]:
    out = ["| scale | backend | label | users | workers | think s | req/s | pages/s | p50 ms | p95 ms | p99 ms | "
           "page p95 ms | errors | peak MB |", "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for data in files:
        r = data["result"]
        out.append(f"| {data['scale']} | {data['backend']} | {data.get('label') or ''} | {r['users']} | {r['workers']} | "
                   f"{r['think_s']} | {r['requests_per_s']} | {r['pages_per_s']} | {r['latency']['p50_ms']} | "
                   f"{r['latency']['p95_ms']} | {r['latency']['p99_ms']} | {r['page_latency']['p95_ms']} | "
                   f"{r['errors']} | {r['memory'].get('max_mb')} |")
    return out


def main(argv=None) -> None:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    loaded = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(paths)]
    benches = [d for p, d in loaded if "http" in d or "data_layer" in d]
    loads = [d for p, d in loaded if "result" in d]
    lines = ["### Benchmarks (HTTP callbacks, 1 worker)", "", *bench_rows(benches), ""]
    if loads:
        lines += ["### Load tests", "", *load_rows(loads), ""]
    lines += ["### Per page", ""]
    for data in benches:
        if data.get("http"):
            lines += [*page_rows(data), ""]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
