"""Every import attempt, kept twice: in the import history (``import_record``, shown on
the Data page) and in the append-only audit log (``audit_event``, event "import").

An import is recorded as *started* (with its worker, "host:pid") in a transaction of its
own before anything is read, and the record gets its outcome at the end: ok (in the same
transaction as the data), rejected or dry-run. A worker killed mid-import leaves the
"started" record behind; ``mark_interrupted`` (called when the app starts and when the
Data page or the audit page is opened) finds those whose worker is gone and marks them
"interrupted", with an audit event. Attempts refused before any file is read (too large,
not an administrator) are audit events only.

The audit event's detail: file, sha256, result, rows read, rows changed per kind
(inserted/updated/unchanged), problems, dry_run; who and from where are the event's own
columns (the logged-in user and their address, or the operator and "cli").
"""
from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from .. import auth
from ..models import ImportRecord

# A "started" import older than this is taken as dead even when its process id is in use
# again (another host's workers cannot be looked at; process ids are reused).
MAX_IMPORT_TIME = timedelta(hours=2)


def worker_id() -> str:
    """This process: "host:pid" (read at each call: gunicorn forks after import)."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)  # UTC, as the import history shows it


def _totals(counts: dict) -> dict:
    out = {"inserted": 0, "updated": 0, "unchanged": 0}
    for row in (counts or {}).values():
        for key in out:
            out[key] += int(row.get(key, 0))
    return out


def audit_attempt(conn_or_engine, outcome: str, file_name: str, checksum: str = "", user: str | None = None,
                  **detail) -> None:
    """One audit event "import": ``outcome`` is ok, rejected, dry-run, too_large,
    refused_role or interrupted."""
    auth.audit(conn_or_engine, "import", username=user,
               detail={"file": file_name[:300], "sha256": checksum, "result": outcome, **detail})


def start(engine: Engine, user: str, file_name: str, checksum: str) -> int:
    """The "started" record, committed at once; returns its id."""
    with engine.begin() as conn:
        return conn.execute(ImportRecord.__table__.insert().values(
            created_at=_now(), user_name=user[:100], file_name=file_name[:300], checksum=checksum,
            counts="{}", result="started", worker=worker_id(),
            address=(auth.current_address() or "")[:64] or None)).inserted_primary_key[0]


def finish(conn, record_id: int, user: str, result, outcome: str, message: str | None) -> None:
    """Give the record its outcome and append the audit event (on ``conn``: in the
    import's own transaction when it wrote data)."""
    conn.execute(update(ImportRecord).where(ImportRecord.id == record_id).values(
        counts=json.dumps(result.counts, ensure_ascii=False), result=outcome, message=message))
    audit_attempt(conn, outcome, result.file_name, result.checksum, user, rows=result.rows_read,
                  changed=_totals(result.counts), problems=len(result.problems), dry_run=result.dry_run,
                  record=record_id)


def _gone(worker: str | None, started_at: datetime, now: datetime) -> bool:
    if started_at is None or now - started_at > MAX_IMPORT_TIME:
        return True
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname()[:80] or not pid.isdigit():
        return False  # another machine's worker: only the time limit tells
    if int(pid) == os.getpid():
        return False  # this process: the import runs in another thread
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


def mark_interrupted(engine: Engine) -> int:
    """Mark "started" imports whose worker died as "interrupted" (each once, with an
    audit event); returns how many. Nothing was written by them: the data transaction
    never committed."""
    with engine.connect() as conn:
        rows = conn.execute(select(ImportRecord.id, ImportRecord.created_at, ImportRecord.worker)
                            .where(ImportRecord.result == "started")).all()
    now = _now()
    marked = 0
    for row in rows:
        if not _gone(row.worker, row.created_at, now):
            continue
        with engine.begin() as conn:
            changed = conn.execute(update(ImportRecord).where(ImportRecord.id == row.id,
                                                              ImportRecord.result == "started")
                                   .values(result="interrupted")).rowcount
            if changed:  # another worker may have marked it first
                record = conn.execute(select(ImportRecord.__table__).where(ImportRecord.id == row.id)).one()
                auth.audit(conn, "import", username=record.user_name[:64], address=record.address or "",
                           detail={"file": record.file_name, "sha256": record.checksum, "result": "interrupted",
                                   "worker": record.worker, "record": record.id,
                                   "started": record.created_at.isoformat(timespec="seconds")})
                marked += 1
    return marked
