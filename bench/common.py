"""What the benchmark and the load test share: databases of each scale, the machine,
a gunicorn server on a free loopback port, logged-in HTTP sessions, percentiles and the
result files.

Nothing here is timed against a limit: the numbers are printed and written to files.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("GRASSROOTS_BENCH_DATA", ROOT / "bench" / ".data"))
RESULTS_DIR = ROOT / "bench" / "results"
# Every benchmark pins "today", so runs on different days compare (the synthetic data
# ends on the day it was generated).
TODAY = os.environ.get("GRASSROOTS_BENCH_TODAY", "2026-11-27")
PG_URL = os.environ.get("GRASSROOTS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BENCH_PASSWORD = "bench-Passw0rd-for-loopback-only"
SCALES = ("town", "province", "national")
BACKENDS = ("sqlite", "postgres")


def log(message: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


# -- databases ----------------------------------------------------------------------------


def database_url(scale: str, backend: str, data_dir: Path | None = None) -> str:
    """The URL of the benchmark database of ``scale`` on ``backend`` (a file per scale on
    SQLite; a schema ``bench_<scale>`` in the PostgreSQL database on PostgreSQL)."""
    if backend == "sqlite":
        return f"sqlite:///{(data_dir or DATA_DIR) / f'{scale}-sqlite.db'}"
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{pg_schema(scale)}"


def pg_schema(scale: str) -> str:
    return f"bench_{scale}"


def _app_env(url: str) -> dict:
    env = dict(os.environ)
    env.update(GRASSROOTS_DATABASE_URL=url, GRASSROOTS_TODAY=TODAY, GRASSROOTS_LOAD_DEMO="0")
    return env


def prepare_database(scale: str, backend: str, data_dir: Path | None = None, rebuild: bool = False,
                     seed: int = 1) -> dict:
    """Make (or reuse) the database of ``scale``: ``grassroots demo --scale`` into it,
    then ``grassroots db upgrade`` (stamps the migrations). Returns url, whether it was
    generated now and the generation's wall time and output."""
    from sqlalchemy import create_engine, text

    url = database_url(scale, backend, data_dir)
    if backend == "postgres":
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            if rebuild:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{pg_schema(scale)}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{pg_schema(scale)}"'))
        admin.dispose()
    elif rebuild:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    if not rebuild and _has_data(url):
        ensure_bench_users(url, 0)
        return {"url": url, "generated": False, "seconds": None, "output": ""}
    log(f"generating the {scale} dataset on {backend} (grassroots demo --scale {scale}) ...")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dashboard.cli", "demo", "--scale", scale, "--seed", str(seed)],
                          env=_app_env(url), cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"grassroots demo failed:\n{done.stdout}\n{done.stderr}")
    subprocess.run([sys.executable, "-m", "dashboard.cli", "db", "upgrade"], env=_app_env(url), cwd=ROOT,
                   capture_output=True, text=True, check=True)
    log(f"generated in {seconds:.1f} s")
    return {"url": url, "generated": True, "seconds": round(seconds, 1), "output": done.stdout[-4000:]}


def _has_data(url: str) -> bool:
    from dashboard import db

    engine = db.make_engine(url)
    try:
        return not db.is_empty(engine)
    except Exception:
        return False
    finally:
        engine.dispose()


def bench_user(index: int) -> str:
    return f"bench-user-{index:03d}"


def ensure_bench_users(url: str, count: int) -> list[str]:
    """Benchmark accounts bench-user-000 .. (role "town": sees everything), one per
    simulated user, so that no name collects logins from many sessions; a user that
    exists already is kept. Their password is ``BENCH_PASSWORD`` (loopback only)."""
    from dashboard import auth, db

    engine = db.make_engine(url)
    try:
        try:
            db.upgrade_schema(engine)
        except Exception as error:  # e.g. made by a newer build: use --rebuild to compare like with like
            log(f"warning: the schema could not be upgraded ({str(error)[:120]})")
        names = []
        for index in range(max(1, count)):
            name = bench_user(index)
            if auth.get_user(engine, name) is None:
                auth.add_user(engine, name, BENCH_PASSWORD, "town", full_name="Benchmark", must_change=False)
            names.append(name)
        return names
    finally:
        engine.dispose()


def bump_data_version(url: str) -> str:
    """Move the data version on as an import does (``preagg.new_data_version``): every cache
    keyed on it is cold. The pre-aggregated tables are not built again (the records did
    not change; an import's rebuild is import time, not request time, and is reported
    apart): they are marked as matching the new version."""
    from dashboard import db, preagg

    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            return str(preagg.new_data_version(session, records_changed=False))
    finally:
        engine.dispose()


def dataset_counts(url: str) -> dict:
    from sqlalchemy import text

    from dashboard import db

    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            out = {}
            for table in ("unit", "post", "participation", "board_activity", "briefing", "unit_rollup"):
                out[table] = int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar())
            out["villages"] = int(conn.execute(text("SELECT COUNT(*) FROM unit WHERE level = 'village'")).scalar())
            out["communes"] = int(conn.execute(text("SELECT COUNT(*) FROM unit WHERE level = 'commune'")).scalar())
            return out
    finally:
        engine.dispose()


# -- the machine ----------------------------------------------------------------------------


def machine(url: str | None = None) -> dict:
    info = {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
    }
    try:
        import sqlite3

        info["sqlite"] = sqlite3.sqlite_version
    except Exception:  # pragma: no cover
        pass
    for package in ("dash", "flask", "sqlalchemy", "gunicorn", "pandas", "plotly"):
        try:
            from importlib.metadata import version

            info[package] = version(package)
        except Exception:
            pass
    if url and url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                info["postgresql"] = conn.execute(text("SHOW server_version")).scalar()
        finally:
            engine.dispose()
    info["git_commit"] = _git("rev-parse", "--short", "HEAD")
    info["git_branch"] = _git("rev-parse", "--abbrev-ref", "HEAD")
    info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    info["cache"] = os.environ.get("GRASSROOTS_CACHE_URL") or "filesystem (a fresh directory per server), if the " \
        "build has a result cache"
    return info


def _git(*args) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except Exception:
        return ""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


# -- statistics -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) by linear interpolation; None for no values."""
    if not values:
        return None
    data = sorted(values)
    if len(data) == 1:
        return data[0]
    k = (len(data) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


def stats_ms(samples: list[float]) -> dict:
    """p50/p95/min/max in milliseconds of samples in seconds."""
    return {"n": len(samples), "p50_ms": ms(percentile(samples, 50)), "p95_ms": ms(percentile(samples, 95)),
            "min_ms": ms(min(samples) if samples else None), "max_ms": ms(max(samples) if samples else None)}


# -- a gunicorn server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    base: str
    log_path: Path
    cache_dir: Path | None = None  # the result cache's directory (a fresh one per server)

    def clear_cache(self) -> None:
        """Empty the filesystem result cache (a cold start for every worker)."""
        if self.cache_dir and self.cache_dir.is_dir():
            for entry in self.cache_dir.iterdir():
                if entry.is_file():
                    entry.unlink(missing_ok=True)
                else:
                    shutil.rmtree(entry, ignore_errors=True)

    def worker_pids(self) -> list[int]:
        import psutil

        try:
            return [c.pid for c in psutil.Process(self.process.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def worker_peak_rss_mb(self) -> dict:
        """Peak resident memory (VmHWM) of each worker, and the largest, in MB."""
        peaks = {}
        for pid in self.worker_pids():
            try:
                text = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"VmHWM:\s+(\d+) kB", text)
            if found:
                peaks[pid] = round(int(found.group(1)) / 1024, 1)
        return {"workers": peaks, "max_mb": max(peaks.values()) if peaks else None}


@contextmanager
def gunicorn(url: str, workers: int = 1, threads: int = 4, extra_env: dict | None = None,
             log_dir: Path | None = None) -> Iterator[Server]:
    """gunicorn (the project's gunicorn.conf.py) on a free loopback port, serving the
    database at ``url``; stopped (SIGTERM to its own process id) on exit."""
    port = free_port()
    env = _app_env(url)
    env.update(SECRET_KEY=env.get("SECRET_KEY") or "bench-" + os.urandom(16).hex(),
               GRASSROOTS_BIND=f"127.0.0.1:{port}", GRASSROOTS_WORKERS=str(workers),
               GRASSROOTS_THREADS=str(threads), GRASSROOTS_ACCESS_LOG="off", GRASSROOTS_LOG_LEVEL="warning",
               GRASSROOTS_MAX_REQUESTS="0", GRASSROOTS_TIMEOUT="300")
    env.update(extra_env or {})
    log_dir = log_dir or DATA_DIR
    log_dir.mkdir(parents=True, exist_ok=True)
    # a cache of its own, empty at start (unless a cache URL, e.g. Redis, is configured)
    cache_dir = None
    if not env.get("GRASSROOTS_CACHE_URL"):
        cache_dir = Path(tempfile.mkdtemp(prefix="grassroots-bench-cache-"))
        env["GRASSROOTS_CACHE_DIR"] = str(cache_dir)
    log_path = log_dir / f"gunicorn-{port}.log"
    handle = open(log_path, "w")
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    config = ROOT / "bench" / "gunicorn_bench.py"  # the project's gunicorn.conf.py + the statement cap
    process = subprocess.Popen([str(gunicorn_bin), "-c", str(config)], cwd=ROOT, env=env,
                               stdout=handle, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log_path, cache_dir)
    try:
        _wait_ready(server, workers)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        handle.close()
        if cache_dir is not None:
            shutil.rmtree(cache_dir, ignore_errors=True)


def _wait_ready(server: Server, workers: int, timeout: float = 180) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{server.log_path.read_text()[-3000:]}")
        try:
            if requests.get(server.base + "/dang-nhap", timeout=2).status_code == 200 \
                    and len(server.worker_pids()) >= workers:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{server.log_path.read_text()[-3000:]}")


def login(base: str, username: str, password: str = BENCH_PASSWORD):
    """A requests session logged in as ``username`` (the login form; same-origin headers
    as a browser sends them)."""
    import requests

    session = requests.Session()
    session.headers.update({"Origin": base, "Referer": base + "/"})
    response = session.post(base + "/dang-nhap", data={"username": username, "password": password},
                            allow_redirects=False, timeout=60)
    if response.status_code not in (302, 303) or "dang-nhap" in response.headers.get("Location", "dang-nhap"):
        raise RuntimeError(f"login as {username} failed: HTTP {response.status_code}")
    return session


# -- result files ----------------------------------------------------------------------------------


def result_stem(kind: str, scale: str, backend: str | None, label: str | None) -> str:
    day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    parts = [day, kind, scale] + ([backend] if backend else []) + ([label] if label else [])
    return "-".join(parts)


def write_results(stem: str, data: dict, markdown: str, out_dir: Path | None = None) -> tuple[Path, Path]:
    out_dir = Path(out_dir or RESULTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / f"{stem}.json"
    md_path = out_dir / f"{stem}.md"
    json_path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    md_path.write_text(markdown, encoding="utf-8")
    return json_path, md_path


def machine_markdown(info: dict) -> str:
    keys = ["nproc", "cpu", "ram_gb", "os", "python", "sqlite", "postgresql", "dash", "flask", "sqlalchemy",
            "gunicorn", "pandas", "git_branch", "git_commit", "load_average", "cache"]
    return "\n".join(f"- {k}: {info[k]}" for k in keys if k in info)


def today() -> date:
    return date.fromisoformat(TODAY)
