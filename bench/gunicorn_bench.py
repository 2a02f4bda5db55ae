"""gunicorn settings for the benchmarks: the project's ``gunicorn.conf.py`` as it is, plus
the statement cap of ``bench/limits.py`` when ``GRASSROOTS_BENCH_STATEMENT_CAP`` (seconds)
is set (the listeners are registered before the fork; engines are made after it)."""
import os
import sys
from pathlib import Path

_root = Path(__file__).resolve().parent.parent
exec(compile((_root / "gunicorn.conf.py").read_text(), str(_root / "gunicorn.conf.py"), "exec"))

_cap = float(os.environ.get("GRASSROOTS_BENCH_STATEMENT_CAP") or 0)
if _cap:
    sys.path.insert(0, str(_root))
    from bench.limits import install

    install(_cap)
