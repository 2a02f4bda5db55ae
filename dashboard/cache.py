"""The result cache shared by every gunicorn worker.

What is cached: the data service's results (small frames and dataclasses), never HTML
or figures. A key names the function, its arguments (the view: unit, period, structure,
filters, and the user's scope), the database and the data version, so:

- a user never gets a result computed for another scope (``Scope.cache_key`` is part of
  every key);
- an import (which bumps the data version, ``db.bump_data_version``) makes every older
  entry unreachable: the new numbers show at once, in every worker;
- two databases (tests, a demo beside the real one) never share entries: the version is
  a random token written with the data, not a counter that starts at 1 everywhere.

Backends (Flask-Caching's): a directory on the server's disk by default (every worker
of the machine shares it), Redis when ``GRASSROOTS_CACHE_URL=redis://...`` is set
(several machines), none with ``GRASSROOTS_CACHE_URL=none``. A failing backend (Redis
down, a full disk) never fails a page: the result is computed as if nothing was cached.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from typing import Any, Callable

log = logging.getLogger(__name__)

# Part of every key: bump when a cached result's shape changes, so that a new release
# never reads what an older one stored.
CACHE_FORMAT = "2"
DEFAULT_TIMEOUT = 24 * 3600
LOCK_WAIT = 30.0  # seconds a worker waits for another's computation of the same result
LOCK_POLL = 0.02
_MISSING = object()
MISSING = _MISSING  # what get() and claim() return for nothing stored


def default_directory() -> str:
    return os.path.join(tempfile.gettempdir(), "grassroots-cache")


class ResultCache:
    """A Flask-Caching backend with keys made from parts (see the module docstring)."""

    def __init__(self, backend, description: str, lock_dir: str | None = None):
        self.backend = backend
        self.description = description  # "filesystem:/path", "redis://host:port/db"
        # the filesystem backend's add() is not atomic: its locks are files made with
        # O_EXCL in this directory instead (Redis's add is SET NX, atomic)
        self.lock_dir = lock_dir

    @staticmethod
    def key(*parts: Any) -> str:
        text = "\x1f".join(str(p) for p in (CACHE_FORMAT, *parts))
        return "gr:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str):
        try:
            found = self.backend.get(key)
        except Exception as error:  # the backend is down: compute instead
            log.warning("cache %s unreadable: %s", self.description, error)
            return _MISSING
        return _MISSING if found is None else found[0]

    def set(self, key: str, value: Any, timeout: int = DEFAULT_TIMEOUT) -> None:
        try:
            self.backend.set(key, (value,), timeout=timeout)
        except Exception as error:
            log.warning("cache %s unwritable: %s", self.description, error)

    def get_or_compute(self, key: str, compute: Callable[[], Any]):
        """The stored value, or ``compute()``'s, stored. When another worker is already
        computing the same key (a page's callbacks arrive together; many users open the
        same page after an import) this one waits for its result, up to
        ``LOCK_WAIT`` seconds, instead of running the same queries again."""
        found = self.get(key)
        if found is not _MISSING:
            return found
        found, owner = self.claim(key)
        if found is not _MISSING:
            return found
        try:
            value = compute()
            self.set(key, value)
        finally:
            if owner:
                self.unclaim(key)
        return value

    def claim(self, key: str, wait: float = LOCK_WAIT):
        """(value, False) when ``key`` was stored while another worker computed it (this
        one waited, up to ``wait`` seconds); (MISSING, True) when this caller is to compute
        it (call ``unclaim`` after storing); (MISSING, False) when the other worker gave
        up or the wait ran out: compute without storing a claim."""
        lock = key + ":computing"
        if self._acquire(lock):
            return _MISSING, True
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(LOCK_POLL)
            found = self.get(key)
            if found is not _MISSING:
                return found, False
            if not self._held(lock):  # the other worker failed: compute here
                break
        return _MISSING, False

    def unclaim(self, key: str) -> None:
        self._release(key + ":computing")

    def _lock_path(self, lock: str) -> str:
        return os.path.join(self.lock_dir, hashlib.sha256(lock.encode()).hexdigest() + ".lock")

    def _acquire(self, lock: str) -> bool:
        if self.lock_dir is not None:
            path = self._lock_path(lock)
            for _attempt in range(2):
                try:
                    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                    return True
                except FileExistsError:
                    if self._held(lock):
                        return False
                    self._release(lock)  # stale: its worker died; take it over
                except OSError:
                    return True  # cannot lock: just compute
            return False
        try:
            return bool(self.backend.add(lock, 1, timeout=int(LOCK_WAIT) + 1))
        except Exception:
            return True  # no backend: just compute

    def _held(self, lock: str) -> bool:
        if self.lock_dir is not None:
            try:
                return time.time() - os.path.getmtime(self._lock_path(lock)) < LOCK_WAIT + 1
            except OSError:
                return False
        try:
            return bool(self.backend.has(lock))
        except Exception:
            return False

    def _release(self, lock: str) -> None:
        if self.lock_dir is not None:
            try:
                os.unlink(self._lock_path(lock))
            except OSError:
                pass
            return
        try:
            self.backend.delete(lock)
        except Exception:
            pass

    def clear(self) -> None:
        try:
            self.backend.clear()
        except Exception as error:
            log.warning("cache %s not cleared: %s", self.description, error)


def make_cache(url: str | None, directory: str | None = None, threshold: int = 20_000) -> ResultCache | None:
    """The cache for ``url``: None/"" (the filesystem in ``directory``, default
    ``default_directory()``), "filesystem:///path", "redis://..." / "rediss://...", or
    "none" (no cache: returns None)."""
    url = (url or "").strip()
    if url.lower() in ("none", "off", "null", "0", "false"):
        return None
    if url.startswith(("redis://", "rediss://", "unix://")):
        import redis
        from flask_caching.backends import RedisCache

        client = redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        safe = url.split("@")[-1]  # no password in logs
        return ResultCache(RedisCache(host=client, key_prefix="grassroots:", default_timeout=DEFAULT_TIMEOUT),
                           f"redis://{safe}")
    if url.startswith("filesystem://"):
        directory = url[len("filesystem://"):] or None
    elif url:
        raise ValueError(f"GRASSROOTS_CACHE_URL: unknown cache {url!r} (redis://..., filesystem:///dir or none)")
    from flask_caching.backends import FileSystemCache

    directory = directory or default_directory()
    os.makedirs(directory, mode=0o700, exist_ok=True)
    locks = directory.rstrip(os.sep) + "-locks"  # beside it: the backend owns its directory
    os.makedirs(locks, mode=0o700, exist_ok=True)
    return ResultCache(FileSystemCache(directory, threshold=threshold, default_timeout=DEFAULT_TIMEOUT),
                       f"filesystem:{directory}", lock_dir=locks)


__all__ = ["CACHE_FORMAT", "MISSING", "ResultCache", "default_directory", "make_cache"]
