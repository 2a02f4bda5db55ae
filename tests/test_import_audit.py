"""Every import attempt is in the append-only audit log (event "import": who, from where,
the file's name and SHA-256, the result and the counts) as well as in the import history;
an import whose worker died is found and shown as interrupted."""
from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from sqlalchemy import select

from callbacks import data as data_callbacks
from dashboard import db
from dashboard.config import Config
from dashboard.importer import Source, run_import
from dashboard.models import AuditEvent, ImportRecord
from dashboard.service import DataService
from layouts import ids

from .helpers import find, texts
from .importing import fingerprint, import_log, small_town, workbook_bytes

DAY = date(2023, 10, 31)


@pytest.fixture(autouse=True)
def logged_in(as_admin):
    return as_admin


def make_service(engine, max_upload_bytes=None) -> DataService:
    extra = {"max_upload_bytes": max_upload_bytes} if max_upload_bytes else {}
    return DataService(Config(database_url="sqlite://", today=DAY, load_demo_if_empty=False, **extra), engine)


def payload(data: bytes, name: str) -> dict:
    return {"contents": "data:application/octet-stream;base64," + base64.b64encode(data).decode(), "filename": name}


def import_events(engine) -> list[tuple]:
    """(user, address, detail) of every "import" event, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEvent.username, AuditEvent.address, AuditEvent.detail)
                            .where(AuditEvent.event == "import").order_by(AuditEvent.id)).all()
    return [(r.username, r.address, json.loads(r.detail)) for r in rows]


def test_an_accepted_upload_is_audited_with_file_checksum_and_counts(engine, as_admin):
    data = workbook_bytes(small_town())
    data_callbacks.handle_upload(make_service(engine), payload(data, "xa.xlsx"), None, False, "vi")
    [(user, address, detail)] = import_events(engine)
    assert (user, address) == (as_admin.username, "127.0.0.1")
    assert detail["file"] == "xa.xlsx" and detail["sha256"] == hashlib.sha256(data).hexdigest()
    assert detail["result"] == "ok" and detail["rows"] == 35 and detail["problems"] == 0
    assert detail["changed"] == {"inserted": 35, "updated": 0, "unchanged": 0}
    assert detail["dry_run"] is False
    with engine.connect() as conn:
        record = conn.execute(select(ImportRecord.result, ImportRecord.address, ImportRecord.worker)).one()
    assert record.result == "ok" and record.address == "127.0.0.1" and ":" in record.worker


def test_refused_and_dry_run_imports_are_audited(engine):
    rows = small_town()
    rows["person"][0]["gender"] = "không rõ"
    assert not run_import(engine, [Source("sai.xlsx", workbook_bytes(rows))], "kiểm thử").ok
    assert run_import(engine, [Source("thu.xlsx", workbook_bytes(small_town()))], "kiểm thử", dry_run=True).ok
    events = import_events(engine)
    assert [(u, d["file"], d["result"], d["problems"], d["dry_run"]) for u, _a, d in events] == [
        ("kiểm thử", "sai.xlsx", "rejected", 1, False), ("kiểm thử", "thu.xlsx", "dry-run", 0, True)]
    assert events[1][2]["changed"]["inserted"] == 35
    assert import_log(engine) == [("rejected", "sai.xlsx"), ("dry-run", "thu.xlsx")]


def test_uploads_too_large_are_audited_with_the_file_name(engine):
    service = make_service(engine, max_upload_bytes=1000)
    data_callbacks.handle_upload(service, None, {"filename": "lon.xlsx", "size": 5_000_000}, False, "vi")
    data_callbacks.handle_upload(service, payload(b"x" * 5000, "lon2.xlsx"), None, False, "vi")
    assert [(d["file"], d["result"], d["size"], d["limit"]) for _u, _a, d in import_events(engine)] == [
        ("lon.xlsx", "too_large", 5_000_000, 1000), ("lon2.xlsx", "too_large", 5000, 1000)]
    assert import_log(engine) == []


def test_an_upload_refused_for_the_role_is_audited_with_the_file_name(engine, monkeypatch):
    service = make_service(engine)
    monkeypatch.setattr(service, "may_manage_data", lambda: False)
    out = data_callbacks.handle_upload(service, payload(workbook_bytes(small_town()), "xa.xlsx"), None, False, "vi")
    assert texts(out) == ["Bạn không có quyền thực hiện thao tác này."]
    assert [(d["file"], d["result"]) for _u, _a, d in import_events(engine)] == [("xa.xlsx", "refused_role")]


def test_a_request_over_the_server_limit_is_audited(engine):
    from dashboard.web.app import create_app

    config = Config(database_url="sqlite://", today=DAY, max_upload_bytes=30_000, load_demo_if_empty=False,
                    secret_key="test")
    client = create_app(config, make_service(engine)).server.test_client()
    too_big = client.post("/_dash-update-component", data=b"x" * (40_000 + 1024 * 1024 + 1),
                          content_type="application/json", headers={"Origin": "http://localhost"})
    assert too_big.status_code == 413
    [(user, address, detail)] = import_events(engine)
    assert (user, address, detail["result"], detail["size"]) == (None, "127.0.0.1", "too_large", 1_088_577)


KILLED_IMPORT = textwrap.dedent("""
    import os, signal, sys
    from dashboard import auth, db
    from dashboard.importer import Source, run_import, writer
    sys.path.insert(0, {root!r})
    from tests.importing import small_town, workbook_bytes

    def die(self):  # the worker is killed while it writes the rows
        os.kill(os.getpid(), signal.SIGKILL)

    writer.Writer.write = die
    engine = db.make_engine({url!r})
    with auth.acting_as(auth.AuthUser(1, "t-admin", "admin"), "10.0.0.7"):
        run_import(engine, [Source("xa.xlsx", workbook_bytes(small_town()))], "t-admin")
""")


def test_an_import_whose_worker_was_killed_shows_as_interrupted(tmp_path):
    import os

    url = f"sqlite:///{tmp_path / 'killed.db'}"
    engine = db.make_engine(url)
    db.upgrade_schema(engine)
    before = fingerprint(engine)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, "-c", KILLED_IMPORT.format(root=root, url=url)], cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr[-2000:]
    assert import_log(engine) == [("started", "xa.xlsx")]
    assert import_events(engine) == []
    assert fingerprint(engine) == before  # nothing of the import was written
    service = make_service(engine)
    sections = data_callbacks.page_sections(service, {"page": "data", "search": ""})  # the next request
    history = find(sections["history"], ids.grid("import-history")).rowData
    assert [(r["file"], r["result"]) for r in history] == [("xa.xlsx", "Bị gián đoạn")]
    assert history[0]["note"].startswith("Tiến trình nhập bị dừng giữa chừng")
    [(user, address, detail)] = import_events(engine)
    assert (user, address, detail["file"], detail["result"]) == ("t-admin", "10.0.0.7", "xa.xlsx", "interrupted")
    assert service.imports.mark_interrupted() == 0  # found once
    engine.dispose()


def test_an_import_running_in_this_process_is_not_interrupted(engine):
    from dashboard.importer import journal

    record = journal.start(engine, "kiểm thử", "dang-chay.xlsx", "0" * 64)
    assert journal.mark_interrupted(engine) == 0
    assert import_log(engine) == [("started", "dang-chay.xlsx")]
    assert record
