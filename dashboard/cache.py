"""The result cache shared by every gunicorn worker.

What is cached: the data service's results (small frames and dataclasses), never HTML
or figures. A key names the function, its arguments (the view: unit, period, structure,
filters, and the user's scope), the database and the data version, so:

- a user never gets a result computed for another scope (``Scope.cache_key`` is part of
  every key);
- an import (which bumps the data version, ``preagg.new_data_version``) makes every older
  entry unreachable: the new numbers show at once, in every worker;
- two databases (tests, a demo beside the real one) never share entries: the version is
  a random token written with the data, not a counter that starts at 1 everywhere.

Backends (cachelib's, the library under Flask-Caching; no Flask needed): a directory on the server's disk by default (every worker
of the machine shares it), Redis when ``GRASSROOTS_CACHE_URL=redis://...`` is set
(several machines), none with ``GRASSROOTS_CACHE_URL=none``. A failing backend (Redis
down, a full disk) never fails a page: the result is computed as if nothing was cached.
"""
from __future__ import annotations

import hashlib
import logging
import os
import struct
import tempfile
import time
from typing import Any, Callable

from cachelib import FileSystemCache, RedisCache

log = logging.getLogger(__name__)

# Part of every key: the layout of the key itself. What a result depends on in the code
# (every source file of the data layer, ``service.context.code_fingerprint``) is part of
# the key too, so that a new indicator or a changed rule never reads an older result.
CACHE_FORMAT = "3"
DEFAULT_TIMEOUT = 24 * 3600
LOCK_WAIT = 30.0  # seconds a worker waits for another's computation of the same result
LOCK_POLL = 0.02
_MISSING = object()
MISSING = _MISSING  # what get() and claim() return for nothing stored


def default_directory() -> str:
    return os.path.join(tempfile.gettempdir(), "grassroots-cache")


class ResultCache:
    """A cachelib backend with keys made from parts (see the module docstring)."""

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
            # another worker may have stored it and released its claim between our
            # miss and this claim: read once more before computing
            found = self.get(key)
            if found is not _MISSING:
                self._release(lock)
                return found, False
            return _MISSING, True
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(LOCK_POLL)
            found = self.get(key)
            if found is not _MISSING:
                return found, False
            if not self._held(lock):
                # the owner released between our read and this check: it stored the
                # value just before (read it again), or it failed (compute here)
                found = self.get(key)
                if found is not _MISSING:
                    return found, False
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


class FileCache:
    """cachelib's file backend without its per-write bookkeeping.

    ``FileSystemCache`` with a threshold keeps a count of its files in another file: every
    write read and rewrote it (two files written per entry, ~2 ms; a cold page writes a
    dozen entries). Here the backend runs with no threshold, and every ``PRUNE_EVERY``
    writes (or ``PRUNE_SECONDS``), one process at a time (a lock file), a background
    thread removes the expired entries and then the oldest ones above ``max_files``.
    """

    PRUNE_EVERY = 500
    PRUNE_SECONDS = 600

    def __init__(self, directory: str, max_files: int, default_timeout: int = DEFAULT_TIMEOUT):
        self.directory = directory
        self.max_files = max_files
        self.backend = FileSystemCache(directory, threshold=0, default_timeout=default_timeout)
        self._writes = 0
        self._last_prune = time.monotonic()
        self._lock = os.path.join(directory.rstrip(os.sep) + "-locks", "prune.lock")

    # the backend's interface, as ResultCache uses it
    def get(self, key):
        return self.backend.get(key)

    def has(self, key):
        return self.backend.has(key)

    def add(self, key, value, timeout=None):
        return self.backend.add(key, value, timeout=timeout)

    def delete(self, key):
        return self.backend.delete(key)

    def clear(self):
        return self.backend.clear()

    def set(self, key, value, timeout=None):
        done = self.backend.set(key, value, timeout=timeout)
        self._writes += 1
        if self._writes >= self.PRUNE_EVERY or time.monotonic() - self._last_prune > self.PRUNE_SECONDS:
            self._writes, self._last_prune = 0, time.monotonic()
            import threading

            threading.Thread(target=self.prune, name="cache-prune", daemon=True).start()
        return done

    def prune(self) -> int:
        """Remove expired entries, then the oldest above ``max_files``; returns how many
        files were removed. Skipped while another process prunes."""
        try:
            os.close(os.open(self._lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            try:
                if time.time() - os.path.getmtime(self._lock) < 300:
                    return 0
                os.unlink(self._lock)  # stale: its process died
            except OSError:
                return 0
            return self.prune()
        except OSError:
            return 0
        removed = 0
        try:
            now = time.time()
            alive = []
            for entry in os.scandir(self.directory):
                if not entry.is_file() or entry.name.endswith(".__wz_cache"):
                    continue
                try:
                    with open(entry.path, "rb") as handle:
                        expires = struct.unpack("I", handle.read(4))[0]  # the backend's header
                    if expires and expires < now:
                        os.unlink(entry.path)
                        removed += 1
                    else:
                        alive.append((entry.stat().st_mtime, entry.path))
                except OSError:
                    continue
            if len(alive) > self.max_files:
                alive.sort()
                for _mtime, path in alive[:len(alive) - self.max_files]:
                    try:
                        os.unlink(path)
                        removed += 1
                    except OSError:
                        pass
        finally:
            try:
                os.unlink(self._lock)
            except OSError:
                pass
        return removed


def make_cache(url: str | None, directory: str | None = None, threshold: int = 20_000) -> ResultCache | None:
    """The cache for ``url``: None/"" (the filesystem in ``directory``, default
    ``default_directory()``, at most ``threshold`` entries), "filesystem:///path",
    "redis://..." / "rediss://...", or "none" (no cache: returns None)."""
    url = (url or "").strip()
    if url.lower() in ("none", "off", "null", "0", "false"):
        return None
    if url.startswith(("redis://", "rediss://", "unix://")):
        import redis  # only for a Redis cache

        client = redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        safe = url.split("@")[-1]  # no password in logs
        return ResultCache(RedisCache(host=client, key_prefix="grassroots:", default_timeout=DEFAULT_TIMEOUT),
                           f"redis://{safe}")
    if url.startswith("filesystem://"):
        directory = url[len("filesystem://"):] or None
    elif url:
        raise ValueError(f"GRASSROOTS_CACHE_URL: unknown cache {url!r} (redis://..., filesystem:///dir or none)")
    directory = directory or default_directory()
    os.makedirs(directory, mode=0o700, exist_ok=True)
    locks = directory.rstrip(os.sep) + "-locks"  # beside it: the backend owns its directory
    os.makedirs(locks, mode=0o700, exist_ok=True)
    return ResultCache(FileCache(directory, max_files=threshold), f"filesystem:{directory}", lock_dir=locks)


__all__ = ["CACHE_FORMAT", "FileCache", "MISSING", "ResultCache", "default_directory", "make_cache"]
