"""The review report (Báo cáo sơ kết): one workbook for a period and a unit.

A cover sheet (unit, period, structure, when it was made), one sheet per headline
indicator (each child of the unit and the total: numerator, denominator, rate, grade) and
the attention list. Sheet names, column headers and grades come from the indicator
definitions (``dashboard.definitions``) and the translation table, never from here.
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime

from openpyxl import Workbook

from . import fmt
from .attention import attention_rows
from .definitions import HEADLINE, INDICATORS, grade
from .export import Column, write_sheet
from .i18n import TEXT, t, unit_title
from .fmt import period_label
from .periods import Period
from .service import DataService, UnknownUnit


_SPEC = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})$"), "year"),
]


def parse_period(spec: str, terms: list[tuple[str, date, date]]) -> tuple[str, date]:
    """(period kind, a day in it) for a period written as 2026-11-27 (a date and the 12
    months to it), 2026-09 (a month), 2026-Q3 (a quarter), 2026 (a year) or a term code
    such as 2025-2027. Raises ValueError with a readable message."""
    spec = (spec or "").strip()
    for code, start, _end in terms:
        if spec == code:
            return "term", start
    for pattern, kind in _SPEC:
        match = pattern.match(spec)
        if not match:
            continue
        numbers = [int(g) for g in match.groups()]
        try:
            if kind == "day":
                return kind, date(*numbers)
            if kind == "month":
                return kind, date(numbers[0], numbers[1], 1)
            if kind == "quarter":
                return kind, date(numbers[0], 3 * (numbers[1] - 1) + 1, 1)
            return kind, date(numbers[0], 1, 1)
        except ValueError:
            break
    raise ValueError(f"'{spec}' is not a period: use 2026-11-27, 2026-09, 2026-Q3, 2026 or a term code")


def _measure_label(column: str, lang: str) -> str:
    key = f"col.{column}" if f"col.{column}" in TEXT else f"report.measure.{column}"
    return t(key, lang)


def build_report(service: DataService, unit_code: str | None, period: Period, structure: str = "as-of",
                 lang: str = "vi", made_on: datetime | None = None) -> bytes:
    """The review report as .xlsx bytes; raises ``UnknownUnit`` for an unknown code.

    Every figure is read in the caller's scope (``service.scope()``)."""
    resolved = service.resolve(unit_code, period, structure, service.scope())
    table = service.summary(resolved.view)
    unit = resolved.unit
    children = table[~table["is_total"]]
    total = table[table["is_total"]]
    workbook = Workbook()
    made_on = made_on or datetime.now().replace(microsecond=0)
    unit_name = unit_title(unit.kind, unit.name, lang)
    cover_rows = [
        {"item": t("report.unit", lang), "value": f"{unit_name} ({unit.code})"},
        {"item": t("report.period", lang), "value": period_label(period, lang)},
        {"item": t("report.as_of", lang), "value": fmt.day(period.as_of)},
        {"item": t("filter.structure", lang), "value": t(f"filter.structure.{structure}", lang)},
        {"item": t("report.made_on", lang), "value": made_on.strftime("%d/%m/%Y %H:%M")},
    ]
    if service.is_demo():
        cover_rows.append({"item": "", "value": t("app.demo_banner", lang)})
    write_sheet(workbook.active, [Column("item", ""), Column("value", "")], cover_rows,
                f"{t('report.title', lang)} — {unit_name}", sheet_name=t("report.cover", lang))
    for key in HEADLINE:
        indicator = INDICATORS[key]
        columns = [
            Column("name", t("unit.name", lang)),
            Column("code", t("unit.code", lang)),
            Column("numerator", _measure_label(indicator.numerator, lang), "int"),
            Column("denominator", _measure_label(indicator.denominator, lang), "int"),
            Column("rate", t("chart.rate", lang), "percent"),
            Column("grade", t("report.grade", lang)),
        ]
        rows = []
        for frame, is_total in ((children, False), (total, True)):
            for _, row in frame.iterrows():
                num, den = int(row[indicator.numerator]), int(row[indicator.denominator])
                rows.append({
                    "name": t("grid.total", lang) if is_total else unit_title(row["kind"], row["name"], lang),
                    "code": "" if is_total else row["code"],
                    "numerator": num, "denominator": den, "rate": num / den if den else None,
                    "grade": t(f"grade.{grade(indicator, num, den)}", lang),
                })
        notes = [t(indicator.label + ".detail", lang), f"{unit_name} — {period_label(period, lang)}"]
        write_sheet(workbook.create_sheet(), columns, rows, t(indicator.label, lang), notes)
    attention = [
        {"name": unit_title(entry["kind"], entry["name"], lang), "code": entry["code"],
         "issues": "; ".join(t(f"attention.{k}", lang, count=fmt.number(n, 0, lang)) for k, n in entry["issues"])}
        for entry in attention_rows(table)
    ]
    columns = [Column("name", t("attention.unit", lang)), Column("code", t("unit.code", lang)),
               Column("issues", t("attention.issue", lang))]
    notes = [t("attention.empty", lang)] if not attention else [f"{unit_name} — {period_label(period, lang)}"]
    write_sheet(workbook.create_sheet(), columns, attention, t("attention.title", lang), notes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_file_name(unit_code: str, period: Period) -> str:
    """A server-chosen name: bao-cao-so-ket-07135-2026-11-27.xlsx."""
    from .export import safe_filename

    return safe_filename(f"bao-cao-so-ket-{unit_code}", "xlsx", period.as_of)


__all__ = ["UnknownUnit", "build_report", "parse_period", "period_label", "report_file_name"]
