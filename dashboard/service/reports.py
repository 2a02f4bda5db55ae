"""The review report: which units a user may report on, and the report of one unit and
period, its figures read in the user's scope (``dashboard.report`` writes the workbook)."""
from __future__ import annotations

from datetime import date

from .. import db, structure
from ..indicators.freshness import last_records
from ..indicators.summary import summary
from ..report import ReportData, build_report, report_file_name
from .context import Part


class Reports(Part):
    def units(self) -> list[dict]:
        """Units a review report can be made for (code, name, kind, level): the root and
        its children today for a user who sees everything; otherwise the user's own units."""
        if db.is_empty(self.engine):
            return []
        scope = self.core.scope()
        today = self.core.today()
        with self.engine.connect() as conn:
            if not scope.is_everything:
                units = [structure.unit_by_id(conn, uid) for uid in sorted(scope.unit_ids or ())]
                return [{"code": u.code, "name": u.name, "kind": u.kind, "level": u.level} for u in units if u]
            root = self.core.root_unit(conn, today)
            if root is None:
                return []
            kids = structure.children(conn, root.id, today)
        out = [{"code": root.code, "name": root.name, "kind": root.kind, "level": root.level}]
        if not kids.empty:
            out += kids[["code", "name", "kind", "level"]].to_dict("records")
        return out

    def data(self, unit_code: str | None, period_kind: str, day: date, structure_kind: str = "as-of") -> ReportData:
        """What the report of ``unit_code`` (the root when None) states for the period of
        ``period_kind`` holding ``day``, in the current user's scope; raises
        ``UnknownUnit``."""
        period = self.core.period(period_kind, day)
        resolved = self.core.resolve(unit_code, period, structure_kind, self.core.scope())
        view = resolved.view
        with self.engine.connect() as conn:
            table = summary(conn, view)
            last = None
            if self.core.overview.freshness_applies(period.as_of):
                latest = last_records(conn, view)["last_record"]
                last = {int(k): v for k, v in latest.items()}
        notes = self.core.notes.for_units([int(u) for u in table["unit_id"]], period)
        return ReportData(resolved.unit, period, structure_kind, table, self.core.freshness(), self.core.is_demo(),
                          last, notes)

    def review(self, unit_code: str | None, period_kind: str, day: date, structure_kind: str = "as-of",
               lang: str = "vi") -> tuple[bytes, str]:
        """(xlsx bytes, server-chosen file name) of the review report; raises
        ``UnknownUnit``."""
        data = self.data(unit_code, period_kind, day, structure_kind)
        return build_report(data, lang), report_file_name(data.unit.code, data.period)
