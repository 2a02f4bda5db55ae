"""How long one raw view of each cadre-profile family takes (the facts, not the
pre-aggregated tables) on the synthetic province (seed 3, three years to 30/06/2024, as
tests/test_registry.py), on SQLite and, with GRASSROOTS_BENCH_POSTGRES_URL set, on
PostgreSQL. Prints figures; asserts nothing about time.

    python -m bench.profile_raw [--data DIR] [--repeat N] [--families a,b] [--backends sqlite,postgres]
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

from dashboard import db, structure
from dashboard.definitions import MEASURES
from dashboard.indicators import View, engine
from dashboard.periods import make_period
from dashboard.synthetic import load_synthetic

TODAY = date(2024, 6, 30)
FAMILIES = ("profile", "levels", "ages", "posts")


def _engine(backend: str, data: Path):
    if backend == "sqlite":
        path = data / "province-seed3-sqlite.db"
        eng = db.make_engine(f"sqlite:///{path}")
        if not path.exists() or db.is_empty(eng):
            load_synthetic(eng, "province", seed=3, years=3, today=TODAY)
        return eng
    url = os.environ["GRASSROOTS_BENCH_POSTGRES_URL"]
    admin = create_engine(url)
    with admin.begin() as conn:
        fresh = conn.execute(text("select count(*) from information_schema.schemata "
                                  "where schema_name = 'profile_raw'")).scalar() == 0
        if fresh:
            conn.execute(text("create schema profile_raw"))
    admin.dispose()
    eng = create_engine(url, connect_args={"options": "-csearch_path=profile_raw"})
    if fresh:
        load_synthetic(eng, "province", seed=3, years=3, today=TODAY)
    return eng


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/grassroots-profile-raw"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument("--backends", default="sqlite,postgres",
                        help="postgres only with GRASSROOTS_BENCH_POSTGRES_URL set")
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    backends = [b for b in args.backends.split(",")
                if b == "sqlite" or (b == "postgres" and os.environ.get("GRASSROOTS_BENCH_POSTGRES_URL"))]
    wanted = args.families.split(",")
    keys = {f: [k for k, m in MEASURES.items() if m.family == f and m.how == "sum"] for f in wanted}
    for backend in backends:
        eng = _engine(backend, args.data)
        with eng.connect() as conn:
            root = structure.root_unit(conn, TODAY)
            posts = conn.execute(text("select count(*) from post")).scalar()
            attributes = conn.execute(text("select count(*) from person_attribute")).scalar()
            print(f"{backend}: {posts} posts, {attributes} person attributes; root view, day {TODAY:%d/%m/%Y}")
            view = View(root.id, make_period("day", TODAY, TODAY), "as-of")
            saved, engine.FORCE = engine.FORCE, "raw"
            try:
                for family in wanted:
                    times = []
                    for _ in range(args.repeat):
                        start = time.perf_counter()
                        frame = engine.measures(conn, view, keys[family])
                        times.append(time.perf_counter() - start)
                    total = frame.loc[root.id].to_dict()
                    print(f"  {family:8s} raw: median {statistics.median(times) * 1000:9.1f} ms "
                          f"(min {min(times) * 1000:.1f}, n={len(times)}); total {total}")
            finally:
                engine.FORCE = saved
        eng.dispose()


if __name__ == "__main__":
    main()
