"""The Data page's data: import files as the acting user, the import history, the
template, the full export and the data-quality panel."""
from __future__ import annotations

import json

from sqlalchemy import inspect, select

from .. import db
from ..importer import Limits, journal, run_import
from .. import fmt
from ..i18n import t
from ..importer.dump import catalog, export_workbook
from ..models import ImportRecord
from ..quality import QualityReport, quality_report
from ..scope import Scope
from ..template import template_bytes
from .context import Part


class Imports(Part):
    def run(self, sources, dry_run: bool = False):
        """Import ``sources`` (``importer.Source``) as the acting user; see
        ``dashboard.importer.run_import``. The caller checks ``may_manage_data`` first."""
        limits = Limits(max_bytes=self.core.config.max_upload_bytes)
        return run_import(self.engine, list(sources), self.core.acting_user(), dry_run=dry_run, limits=limits)

    def refused(self, outcome: str, file_name: str, **detail) -> None:
        """An upload refused before any file was read (``too_large``, ``refused_role``):
        an audit event "import" with the file's name."""
        journal.audit_attempt(self.engine, outcome, file_name, user=self.core.acting_user(), **detail)

    def mark_interrupted(self) -> int:
        """Imports whose worker died mid-way, marked "interrupted" (see ``importer.journal``)."""
        if not inspect(self.engine).has_table("import_record"):
            return 0
        return journal.mark_interrupted(self.engine)

    def history(self, limit: int = 200) -> list[dict]:
        """The latest imports, newest first: id, created_at, user_name, file_name,
        checksum, counts (table -> {inserted, updated, unchanged}), result (started, ok,
        rejected, dry-run, interrupted), message, address. Imports whose worker died are
        marked interrupted first."""
        if not inspect(self.engine).has_table("import_record"):
            return []
        self.mark_interrupted()
        with self.engine.connect() as conn:
            rows = conn.execute(select(*ImportRecord.__table__.c).order_by(ImportRecord.id.desc()).limit(limit)).all()
        out = []
        for record in rows:
            try:
                counts = json.loads(record.counts or "{}")
            except ValueError:
                counts = {}
            out.append({"id": record.id, "created_at": record.created_at, "user_name": record.user_name,
                        "file_name": record.file_name, "checksum": record.checksum, "counts": counts,
                        "result": record.result, "message": record.message, "address": record.address})
        return out

    def template(self) -> bytes:
        """The import template, its "Danh mục" listing the codes the current user may use
        (their scope's units, people and boards; topics and terms), read today."""
        today = self.core.today()
        if db.is_empty(self.engine):
            return template_bytes()
        scope = self.core.scope()
        with self.engine.connect() as conn:
            codes = catalog(conn, scope, today)
        user = self.core.current_user()
        codes["day"] = fmt.day(today)
        codes["scope"] = (t("template.scope_all") if scope.is_everything
                          else t("template.scope_unit", unit=user.unit_code if user else ""))
        return template_bytes(catalog=codes)

    def export_all(self) -> bytes:
        """Every record in the template's format (admin only: the caller checks)."""
        return export_workbook(self.engine)

    def quality(self, scope: Scope | None = None, limit: int = 200) -> QualityReport:
        """``quality.QualityReport`` on today, in ``scope`` (the current user's when None)."""
        scope = scope or self.core.scope()
        if db.is_empty(self.engine):
            return QualityReport(self.core.today())
        with self.engine.connect() as conn:
            return quality_report(conn, self.core.today(), scope, self.core.data_from(), limit)
