"""Two benchmark runs side by side: ``python -m bench.compare BEFORE.json AFTER.json [...]``
(pairs of files of ``bench.run``, the same scale and backend); with ``--merge``, the pairs
are rounds of one comparison (run before, after, before, after, ... back to back) and each
callback's p50 is the median of its rounds' (one neighbour's burst moves one round only).

For every HTTP callback of every page and level present in both: the cold and warm p50
before and after and their ratio (after / before); then the worst ratios and how many
callbacks end above 1.2x. Prints Markdown; asserts nothing (the machine is shared: a ratio
near 1 is noise, compare the shape).
"""
from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path


def _key(row: dict) -> tuple:
    """(page, level, callback by its first output): a callback that gained outputs (the
    label's "(+N)" counts the others) is still the same callback."""
    return row["page"], row["level"], row["callback"].split(" (+")[0]


def _p50(row: dict, kind: str):
    part = row.get(kind) or {}
    return part.get("p50_ms")


def _ratio(after, before):
    return round(after / before, 2) if after is not None and before else None


def compare(before: dict, after: dict) -> list[str]:
    old = {_key(r): r for r in before["http"]["callbacks"]}
    rows = [f"### {after['scale']} on {after['backend']}: {before['label']} -> {after['label']}", "",
            f"Load average at start: before {before['machine'].get('load_average')}, "
            f"after {after['machine'].get('load_average')}; commits {before['machine'].get('git_commit')} -> "
            f"{after['machine'].get('git_commit')}", "",
            "| page | level | callback | cold before | cold after | x | warm before | warm after | x |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    ratios, new = [], []
    for row in after["http"]["callbacks"]:
        was = old.get(_key(row))
        if was is None:
            new.append("/".join(_key(row)))
            continue
        cold = (_p50(was, "cold"), _p50(row, "cold"))
        warm = (_p50(was, "warm"), _p50(row, "warm"))
        rc, rw = _ratio(cold[1], cold[0]), _ratio(warm[1], warm[0])
        ratios += [(rc, "cold", _key(row)), (rw, "warm", _key(row))]
        rows.append(f"| {row['page']} | {row['level']} | {row['callback']} | {cold[0]} | {cold[1]} | {rc} | "
                    f"{warm[0]} | {warm[1]} | {rw} |")
    known = sorted((r for r in ratios if r[0] is not None), reverse=True)
    over = [r for r in known if r[0] > 1.2]
    rows += ["", f"Callbacks compared: {len(known) // 2}; p50s above 1.2x their before-figure: {len(over)}"
             + (" (" + ", ".join(f"{'/'.join(k)} {kind} {r}x" for r, kind, k in over[:8]) + ")" if over else "")
             + "; worst: " + (f"{known[0][0]}x ({'/'.join(known[0][2])}, {known[0][1]})" if known else "-")
             + (f"; only after (new): {', '.join(new)}" if new else ""), ""]
    return rows


def merged(runs: list[dict]) -> dict:
    """One run whose callbacks' cold and warm p50 are the medians of ``runs``' (the same
    scale, backend and code; a callback missing from a run is left out of its median)."""
    first = runs[0]
    rows: dict[tuple, dict] = {}
    for run in runs:
        for row in run["http"]["callbacks"]:
            entry = rows.setdefault(_key(row), {"row": row, "cold": [], "warm": []})
            for kind in ("cold", "warm"):
                if _p50(row, kind) is not None:
                    entry[kind].append(_p50(row, kind))
    callbacks = [{**entry["row"], **{kind: {"p50_ms": round(statistics.median(entry[kind]), 2)} if entry[kind]
                                     else None for kind in ("cold", "warm")}} for entry in rows.values()]
    loads = [run["machine"].get("load_average", [None])[0] for run in runs]
    return {**first, "label": f"{first['label']} (median of {len(runs)} runs)", "http": {"callbacks": callbacks},
            "machine": {**first["machine"], "load_average": loads}}


def main(paths: list[str]) -> None:
    merge = "--merge" in paths
    paths = [p for p in paths if p != "--merge"]
    if len(paths) % 2:
        raise SystemExit("give pairs: BEFORE.json AFTER.json")
    runs = [json.loads(Path(p).read_text()) for p in paths]
    pairs = list(zip(runs[::2], runs[1::2]))
    if merge:
        pairs = [(merged([b for b, _ in pairs]), merged([a for _, a in pairs]))]
    out = []
    for before, after in pairs:
        out += compare(before, after)
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
