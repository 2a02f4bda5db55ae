"""Load test: gunicorn with N workers on loopback, M simulated users for a bounded time.

    python -m bench.loadtest --scale province --backend sqlite --users 50 --workers 4 \
        --duration 60 [--think 3.0] [--label baseline]

Each user logs in with its own account (``bench-user-NNN``: the login lock-out counts
failures per name, and no name is shared), then repeats a session until the time is up:

    1. open the overview at the root;
    2. change the date (the same page with ``?ngay=`` a few months back);
    3. drill into a commune (its unit page, on that date);
    4. open one of its villages;
    5. open one of the other pages (unified, training, oversight) of that commune.

Opening a page is what the browser does: the router callback, then the page's callbacks
at once (in parallel, as dash-renderer sends them; ``bench.dash_client``). Between two
pages a user waits ``--think`` seconds on average (uniform 0.5x..1.5x; 0: no pause, a
stress test). Logins happen before the clock starts. Reported: requests per second,
p50/p95/p99 of every request and of every page open, errors (HTTP status other than 200
or no answer), and the workers' peak memory; written to ``bench/results/``.
"""
from __future__ import annotations

import argparse
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from . import common
from .dash_client import DashClient, post


def _communes(url: str, day: date) -> list[tuple[str, list[str]]]:
    """(commune code, its village codes) for every commune-level unit valid on ``day``."""
    from sqlalchemy import text

    from dashboard import db

    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT c.code, v.code FROM unit c JOIN unit_membership m ON m.parent_id = c.id "
                "JOIN unit v ON v.id = m.child_id WHERE c.level = 'commune' AND v.level = 'village' "
                "AND m.valid_from <= :d AND (m.valid_to IS NULL OR m.valid_to >= :d) "
                "AND c.valid_from <= :d AND (c.valid_to IS NULL OR c.valid_to >= :d)"), {"d": day}).all()
    finally:
        engine.dispose()
    out: dict[str, list[str]] = {}
    for commune, village in rows:
        out.setdefault(commune, []).append(village)
    return sorted(out.items())


class User(threading.Thread):
    def __init__(self, index: int, base: str, client: DashClient, communes, deadline: float, think: float,
                 record, seed: int):
        super().__init__(daemon=True)
        self.index, self.base, self.client, self.communes = index, base, client, communes
        self.deadline, self.think, self.record = deadline, think, record
        self.rng = random.Random(seed + index)
        self.sessions = []
        self.pool = ThreadPoolExecutor(max_workers=4)

    def login(self) -> None:
        first = common.login(self.base, common.bench_user(self.index))
        self.sessions = [first]
        for _ in range(3):  # the browser's parallel connections share the cookie
            import requests

            other = requests.Session()
            other.headers.update(first.headers)
            other.cookies.update(first.cookies)
            self.sessions.append(other)

    def _post(self, session, payload, label) -> dict | None:
        import requests

        started = time.perf_counter()
        retried = False
        for attempt in (1, 2):
            try:
                response, size = post(session, self.base, payload, timeout=120)
                ok = response.status_code == 200
                body = response.json() if ok else None
                status = response.status_code
            except requests.ConnectionError as exc:
                # A kept-alive connection the server closed as the request went out (as a
                # browser does, send it again once on a new connection); counted apart.
                ok, body, size, status = False, None, 0, f"{type(exc).__name__}: {str(exc)[:100]}"
                if attempt == 1:
                    retried = status
                    session.close()
                    continue
            except Exception as exc:  # no answer
                ok, body, size, status = False, None, 0, f"{type(exc).__name__}: {str(exc)[:100]}"
            break
        if retried:
            self.record("retry", 0.0, ok, label, 0, retried)
        self.record("request", time.perf_counter() - started, ok, label, size, status)
        return body

    def open(self, path: str, kind: str) -> None:
        started = time.perf_counter()
        pathname, _, search = path.partition("?")
        router = self.client.router_callback(pathname, "?" + search if search else "")
        body = self._post(self.sessions[0], router.payload, "router")
        ok = body is not None
        if ok:
            callbacks = self.client.page_callbacks(body)
            futures = [self.pool.submit(self._post, self.sessions[i % len(self.sessions)], cb.payload, cb.label)
                       for i, cb in enumerate(callbacks)]
            ok = all(f.result() is not None for f in futures)
        self.record("page", time.perf_counter() - started, ok, kind, 0, None)

    def pause(self) -> None:
        if self.think > 0:
            time.sleep(self.think * self.rng.uniform(0.5, 1.5))

    def run(self) -> None:
        today = common.today()
        while time.monotonic() < self.deadline:
            day = today - timedelta(days=30 * self.rng.randint(1, 24))
            commune, villages = self.rng.choice(self.communes)
            village = self.rng.choice(villages)
            other = self.rng.choice(["/nhat-the-hoa", "/boi-duong", "/giam-sat"])
            steps = [("/", "overview root"), (f"/?ngay={day.isoformat()}", "overview, other date"),
                     (f"/don-vi/{commune}?ngay={day.isoformat()}", "commune"),
                     (f"/don-vi/{commune}/{village}?ngay={day.isoformat()}", "village"),
                     (f"{other}/{commune}?ngay={day.isoformat()}", "other page of the commune")]
            for path, kind in steps:
                if time.monotonic() >= self.deadline:
                    break
                self.open(path, kind)
                self.pause()
        self.pool.shutdown(wait=True)


def run_load(url: str, users: int, workers: int, duration: float, think: float, seed: int = 1,
             threads: int = 4) -> dict:
    common.ensure_bench_users(url, users)
    communes = _communes(url, common.today())
    records: list[tuple] = []
    lock = threading.Lock()

    def record(kind, seconds, ok, label, size, status):
        with lock:
            records.append((time.monotonic(), kind, seconds, ok, label, size, status))

    # as deployed: the root pages' numbers are warmed at start (dashboard.web.warmup;
    # GRASSROOTS_WARM_PAGES=off in the environment measures without it)
    with common.gunicorn(url, workers=workers, threads=threads) as server:
        probe = common.login(server.base, common.bench_user(0))
        client = DashClient(probe.get(server.base + "/_dash-layout", timeout=60).json(),
                            probe.get(server.base + "/_dash-dependencies", timeout=60).json())
        pool = [User(i, server.base, client, communes, 0, think, record, seed) for i in range(users)]
        common.log(f"logging in {users} users ...")
        with ThreadPoolExecutor(max_workers=8) as executor:
            list(executor.map(lambda u: u.login(), pool))
        server_cpu_start = _cpu_seconds(server.worker_pids())
        client_cpu_start = time.process_time()
        start = time.monotonic()
        deadline = start + duration
        for user in pool:
            user.deadline = deadline
        common.log(f"{users} users for {duration:.0f} s on {workers} workers x {threads} threads ...")
        for user in pool:
            user.start()
        for user in pool:
            user.join(timeout=duration + 180)
        elapsed = time.monotonic() - start
        client_cpu = time.process_time() - client_cpu_start
        server_cpu = _cpu_seconds(server.worker_pids()) - server_cpu_start
        memory = server.worker_peak_rss_mb()
    requests_ = [r for r in records if r[1] == "request"]
    pages = [r for r in records if r[1] == "page"]
    errors = [r for r in requests_ if not r[3]]
    latencies = [r[2] for r in requests_]
    page_latencies = [r[2] for r in pages]

    def pct(values, q):
        return common.ms(common.percentile(values, q))

    by_kind = {}
    for kind in sorted({r[4] for r in pages}):
        values = [r[2] for r in pages if r[4] == kind]
        by_kind[kind] = {"n": len(values), "p50_ms": pct(values, 50), "p95_ms": pct(values, 95),
                         "p99_ms": pct(values, 99)}
    by_callback = {}
    for label in sorted({r[4] for r in requests_}):
        values = [r[2] for r in requests_ if r[4] == label]
        by_callback[label] = {"n": len(values), "p50_ms": pct(values, 50), "p95_ms": pct(values, 95),
                              "p99_ms": pct(values, 99), "max_bytes": max(r[5] for r in requests_ if r[4] == label)}
    error_kinds = {}
    for r in errors:
        error_kinds[str(r[6])] = error_kinds.get(str(r[6]), 0) + 1
    return {
        "users": users, "workers": workers, "threads": threads, "duration_s": duration, "think_s": think,
        "elapsed_s": round(elapsed, 1), "requests": len(requests_), "pages": len(pages),
        "requests_per_s": round(len(requests_) / elapsed, 1), "pages_per_s": round(len(pages) / elapsed, 2),
        "errors": len(errors), "error_kinds": error_kinds,
        "retries": sum(1 for r in records if r[1] == "retry"),
        "retry_kinds": sorted({str(r[6]) for r in records if r[1] == "retry"})[:5],
        "latency": {"p50_ms": pct(latencies, 50), "p95_ms": pct(latencies, 95), "p99_ms": pct(latencies, 99),
                    "max_ms": common.ms(max(latencies) if latencies else None)},
        "page_latency": {"p50_ms": pct(page_latencies, 50), "p95_ms": pct(page_latencies, 95),
                         "p99_ms": pct(page_latencies, 99)},
        "by_page_kind": by_kind, "by_callback": by_callback, "memory": memory,
        # the load generator runs on the same cores as the server: how much of them each took
        "client_cpu_cores": round(client_cpu / elapsed, 2), "server_cpu_cores": round(server_cpu / elapsed, 2),
    }


def _cpu_seconds(pids) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def markdown(data: dict) -> str:
    r = data["result"]
    lines = [f"# Load test: {data['scale']} on {data['backend']}" + (f" ({data['label']})" if data.get("label") else ""),
             "", f"Date (UTC): {data['date']}  ", f"Command: `{data['command']}`", "", "## Machine", "",
             common.machine_markdown(data["machine"]), "", "## Dataset", "",
             ", ".join(f"{k} {v:,}" for k, v in data["dataset"].items()), "", "## Result", "",
             f"{r['users']} users, {r['workers']} workers x {r['threads']} threads, {r['duration_s']:.0f} s "
             f"(think time {r['think_s']} s mean between pages; elapsed {r['elapsed_s']} s)", "",
             "| requests | req/s | pages | pages/s | errors | p50 ms | p95 ms | p99 ms | max ms | page p50 | page p95 | "
             "page p99 | worker peak MB |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
             f"| {r['requests']:,} | {r['requests_per_s']} | {r['pages']:,} | {r['pages_per_s']} | {r['errors']} | "
             f"{r['latency']['p50_ms']} | {r['latency']['p95_ms']} | {r['latency']['p99_ms']} | {r['latency']['max_ms']} | "
             f"{r['page_latency']['p50_ms']} | {r['page_latency']['p95_ms']} | {r['page_latency']['p99_ms']} | "
             f"{r['memory'].get('max_mb')} |", "",
             "Target (issue 6, province, 50 users, 4 workers, 60 s): 0 errors, p95 <= 1 s (per request).", ""]
    if "client_cpu_cores" in r:
        lines += [f"CPU used (cores, on a {data['machine'].get('nproc')}-core machine shared with other work): "
                  f"gunicorn workers {r['server_cpu_cores']}, the load generator itself {r['client_cpu_cores']}.", ""]
    if r["error_kinds"]:
        lines += ["Errors: " + ", ".join(f"{k}: {v}" for k, v in r["error_kinds"].items()), ""]
    if r.get("retries"):
        lines += [f"Requests sent again once after a connection error (not counted as errors when the second "
                  f"attempt answered): {r['retries']} ({'; '.join(r.get('retry_kinds', []))})", ""]
    lines += ["### Page opens (router + the page's callbacks in parallel)", "", "| step | n | p50 ms | p95 ms | p99 ms |",
              "|---|---:|---:|---:|---:|"]
    for kind, s in r["by_page_kind"].items():
        lines.append(f"| {kind} | {s['n']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} |")
    lines += ["", "### Requests per callback", "", "| callback | n | p50 ms | p95 ms | p99 ms | max bytes |",
              "|---|---:|---:|---:|---:|---:|"]
    for label, s in r["by_callback"].items():
        lines.append(f"| {label} | {s['n']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | {s['max_bytes']:,} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> tuple[Path, Path]:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=common.SCALES, default="province")
    parser.add_argument("--backend", choices=common.BACKENDS, default="sqlite")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--think", type=float, default=3.0, help="mean pause between pages, seconds (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default=None)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    generation = common.prepare_database(args.scale, args.backend, args.data_dir)
    url = generation["url"]
    data = {"scale": args.scale, "backend": args.backend, "label": args.label,
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": "python -m bench.loadtest " + " ".join(argv if argv is not None else __import__("sys").argv[1:]),
            "today": common.TODAY, "machine": common.machine(url), "dataset": common.dataset_counts(url)}
    data["result"] = run_load(url, args.users, args.workers, args.duration, args.think, args.seed, args.threads)
    stem = common.result_stem("load", args.scale, args.backend, args.label)
    paths = common.write_results(stem, data, markdown(data), args.out)
    print(markdown(data))
    common.log(f"wrote {paths[0]} and {paths[1]}")
    return paths


if __name__ == "__main__":
    main()
