"""The review report: which units a user may report on, and the report of one unit and
period, its figures read in the user's scope (``dashboard.report`` writes the workbook)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from .. import db, fmt, structure
from ..document import DocumentData, Header, Review as ReviewSpan, build_document, default_header, with_form
from ..export import safe_filename
from ..i18n import t, unit_title
from ..indicators.freshness import last_records
from ..indicators.profile_detail import term_table
from ..indicators.summary import summary
from ..models import Review, Unit
from ..periods import Period, make_period, previous_period
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
        return self.data_for(unit_code, self.core.period(period_kind, day), structure_kind)

    def data_for(self, unit_code: str | None, period: Period, structure_kind: str = "as-of") -> ReportData:
        """``data`` for a period given whole (a review's span)."""
        resolved = self.core.resolve(unit_code, period, structure_kind, self.core.scope())
        view = resolved.view
        with self.engine.connect() as conn:
            table = summary(conn, view)
            terms = term_table(conn, view)
            last = None
            if self.core.overview.freshness_applies(period.as_of):
                latest = last_records(conn, view)["last_record"]
                last = {int(k): v for k, v in latest.items()}
        notes = self.core.notes.for_units([int(u) for u in table["unit_id"]], period)
        return ReportData(resolved.unit, period, structure_kind, table, self.core.freshness(), self.core.is_demo(),
                          last, notes, terms)

    def review(self, unit_code: str | None, period_kind: str, day: date, structure_kind: str = "as-of",
               lang: str = "vi") -> tuple[bytes, str]:
        """(xlsx bytes, server-chosen file name) of the review report; raises
        ``UnknownUnit``."""
        data = self.data(unit_code, period_kind, day, structure_kind)
        return build_report(data, lang), report_file_name(data.unit.code, data.period)

    # --- the Word report (``dashboard.document``) ------------------------------------------

    def reviews(self, until: date | None = None, code: str | None = None) -> list[dict]:
        """The review events (sơ kết, tổng kết) held up to ``until`` (all when None), or the
        one of ``code``, oldest first: code, name, kind, directive, start, date, number,
        unit (the issuing unit's title), unit_code."""
        query = (select(Review.code, Review.name, Review.kind, Review.directive, Review.start_date, Review.date,
                        Review.number, Unit.kind.label("unit_kind"), Unit.name.label("unit_name"),
                        Unit.code.label("unit_code"))
                 .join(Unit, Unit.id == Review.unit_id).order_by(Review.date, Review.code))
        if until is not None:
            query = query.where(Review.date <= until)
        if code is not None:
            query = query.where(Review.code == code)
        with self.engine.connect() as conn:
            return [{"code": r.code, "name": r.name, "kind": r.kind, "directive": r.directive, "start": r.start_date,
                     "date": r.date, "number": r.number or "", "unit": unit_title(r.unit_kind, r.unit_name),
                     "unit_code": r.unit_code} for r in conn.execute(query)]

    def header(self, unit_code: str | None, day: date, lang: str = "vi") -> Header:
        """The document's header settings, dated ``day`` (the report date): the issuing
        body is the one of that day (``document.default_header``)."""
        config = self.core.config
        with self.engine.connect() as conn:
            root = self.core.root_unit(conn, min(day, self.core.today()))
        kind, name = (root.kind, root.name) if root else ("khu_vuc", config.report_place)
        return default_header(config, kind, name, day, lang)

    def document_data(self, unit_code: str | None, period_kind: str, day: date, structure_kind: str = "as-of",
                      review_code: str | None = None, lang: str = "vi") -> DocumentData:
        """What the Word report states: the period's figures and the previous period's
        (a results report), or, with ``review_code``, the review's span [start, date]
        compared with the state at its start (a sơ kết or tổng kết); raises
        ``UnknownUnit``, and ``LookupError`` for an unknown review."""
        if review_code is not None:
            found = self.reviews(code=review_code)
            if not found:
                raise LookupError(review_code)
            event = found[0]
            end = event["date"]
            start = event["start"] or make_period("term", end, self.core.today(), self.core.terms()).start
            base = self.core.period("day", end)
            span = replace(base, start=start, end=end)
            current = self.data_for(unit_code, span, structure_kind)
            # the start compared with: the directive's first day, or the first day with records
            data_from = self.core.data_from()
            first = max(start, data_from) if data_from else start
            at_start = self.data_for(unit_code, self.core.period("day", first), structure_kind)
            review = ReviewSpan(event["name"], event["kind"], event["directive"], start, end)
            return DocumentData(current, at_start, fmt.day(first), self.reviews(until=end), review)
        current = self.data(unit_code, period_kind, day, structure_kind)
        previous_span = previous_period(current.period, self.core.terms() if period_kind == "term" else ())
        previous = self.data_for(unit_code, previous_span, structure_kind) if previous_span.has_data else None
        if period_kind == "day":  # the same day a year earlier
            label = t("doc.same_day_last_year", lang, date=fmt.day(previous_span.end))
        else:
            label = fmt.short_period_label(previous_span, lang)
            label = label[:1].lower() + label[1:] if lang == "vi" else label  # "so với quý 1/2018"
        return DocumentData(current, previous, label, self.reviews(until=current.period.as_of))

    def document(self, unit_code: str | None, period_kind: str, day: date, structure_kind: str = "as-of",
                 lang: str = "vi", review_code: str | None = None, number: str | None = None,
                 signer: str | None = None) -> tuple[bytes, str]:
        """(docx bytes, server-chosen file name) of the Word report; raises
        ``UnknownUnit`` or ``LookupError`` (an unknown review)."""
        data = self.document_data(unit_code, period_kind, day, structure_kind, review_code, lang)
        header = with_form(self.header(unit_code, data.current.period.as_of, lang), number, signer)
        stem = f"bao-cao-{'ket-qua' if review_code is None else data.review.kind.replace('_', '-')}-{data.current.unit.code}"
        return build_document(data, header, lang), safe_filename(stem, "docx", data.current.period.as_of)
