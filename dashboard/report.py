"""The results report (Báo cáo kết quả): one workbook for a period and a unit.

A cover sheet (unit, period, structure, when it was made), one sheet per headline
indicator (each child of the unit and the total: numerator, denominator, rate, grade),
the attention list, the cadre profile by unit and term against term, and the notes. Sheet names, column headers and grades come from the indicator
definitions (``dashboard.definitions``) and the translation table, never from here.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook

from . import definitions, fmt
from .attention import attention_rows, issue_text
from .definitions import HEADLINE, INDICATORS, grade
from .export import Column, safe_filename, write_sheet
from .fmt import period_label
from .i18n import t, unit_title
from .periods import Period
from .profile_figures import headline, term_rows
from .structure import UnitInfo


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


def definition_notes(key: str, lang: str) -> list[str]:
    """The lines of a sheet's head that say what its number is: from the registry."""
    entry = definitions.get(key)
    lines = [definitions.text(key, "detail", lang),
             f"{t('def.numerator', lang)}: {definitions.text(key, 'numerator_text', lang)}",
             f"{t('def.denominator', lang)}: {definitions.text(key, 'denominator_text', lang)}",
             f"{t('def.period', lang)}: {definitions.text(key, 'period', lang)}",
             f"{t('def.counts', lang)}: {definitions.text(key, 'counts', lang)}"]
    if entry.graded:
        lines.append(f"{t('def.thresholds', lang)}: {fmt.thresholds_text(entry, lang)}")
    if entry.attention is not None:
        lines.append(f"{t('def.attention', lang)}: {fmt.attention_text(entry, lang)}")
    return lines


@dataclass(frozen=True)
class ReportData:
    """What the review report states, gathered by the data service
    (``service.reports``): the unit, the period and structure, every headline indicator
    per child and total (``indicators.summary``), the freshness of the data, the latest
    record per unit (None when "records stopped" cannot be judged), the notes, and term
    against term of the unit's total (``indicators.profile_detail.term_table``; None:
    not read)."""

    unit: UnitInfo
    period: Period
    structure: str
    table: pd.DataFrame
    freshness: dict
    is_demo: bool
    last_records: dict | None
    notes: list[dict]
    terms: pd.DataFrame | None = None


def build_report(data: ReportData, lang: str = "vi", made_on: datetime | None = None) -> bytes:
    """The review report as .xlsx bytes."""
    unit, period, structure, table = data.unit, data.period, data.structure, data.table
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
    fresh = data.freshness
    cover_rows.append({"item": t("report.data_through", lang), "value": fmt.day(fresh["data_through"])})
    cover_rows.append({"item": t("report.last_import", lang), "value": fmt.vietnam_time(fresh["last_import"])})
    if data.is_demo:
        cover_rows.append({"item": "", "value": t("app.demo_banner", lang)})
    write_sheet(workbook.active, [Column("item", ""), Column("value", "")], cover_rows,
                f"{t('report.title', lang)} — {unit_name}", sheet_name=t("report.cover", lang))
    for key in HEADLINE:
        indicator = INDICATORS[key]
        columns = [
            Column("name", t("unit.name", lang)),
            Column("code", t("unit.code", lang)),
            Column("numerator", definitions.column(key, lang), "int"),
            Column("denominator", definitions.denominator_column(key, lang), "int"),
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
        notes = [*definition_notes(key, lang), f"{unit_name} — {period_label(period, lang)}"]
        write_sheet(workbook.create_sheet(), columns, rows, definitions.name(key, lang), notes)
    last, notes = data.last_records, data.notes
    attention = [
        {"name": unit_title(entry["kind"], entry["name"], lang), "code": entry["code"],
         "issues": "; ".join(issue_text(k, n, lang) for k, n in entry["issues"]),
         "notes": "; ".join(n["text"] for n in notes if n["unit_id"] == entry["unit_id"])}
        for entry in attention_rows(table, last, period.as_of)
    ]
    columns = [Column("name", t("attention.unit", lang)), Column("code", t("unit.code", lang)),
               Column("issues", t("attention.issue", lang)), Column("notes", t("attention.notes", lang))]
    head = [t("attention.empty", lang)] if not attention else [f"{unit_name} — {period_label(period, lang)}"]
    write_sheet(workbook.create_sheet(), columns, attention, t("attention.title", lang), head)
    write_profile_sheets(workbook, data, unit_name, lang)
    write_notes_sheet(workbook.create_sheet(), notes, unit_name, period, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PROFILE_KEYS = ("women", "avg_age", "theory_plus")


def profile_columns(lang: str) -> list[Column]:
    """The cadre-profile sheet's columns: each unit's posts, women, their share, people
    with a birth year, average age, theory trung cấp or above and its share."""
    return [
        Column("name", t("unit.name", lang)), Column("code", t("unit.code", lang)),
        Column("posts", definitions.denominator_column("women", lang), "int"),
        Column("women", definitions.column("women", lang), "int"),
        Column("women_rate", t("profile.col.women_share", lang), "percent"),
        Column("aged", t("report.profile.aged", lang), "int"),
        Column("avg_age", definitions.column("avg_age", lang), "float"),
        Column("theory", definitions.column("theory_plus", lang), "int"),
        Column("theory_rate", t("profile.col.theory_share", lang), "percent"),
    ]


def term_columns(lang: str) -> list[Column]:
    return [
        Column("term", t("profile.col.term", lang)), Column("moment", t("profile.col.moment", lang)),
        Column("day", t("profile.col.date", lang), "date"), Column("posts", t("profile.col.posts", lang), "int"),
        Column("unified", t("col.unified", lang), "int"), Column("first_time", t("profile.col.first_time", lang), "int"),
        Column("term_start", t("profile.col.term_start", lang), "int"),
        Column("reelected", t("profile.col.reelected", lang), "int"),
        Column("reelected_share", t("profile.col.reelected_share", lang), "percent"),
        Column("women", t("profile.col.women", lang), "int"), Column("avg_age", t("col.avg_age", lang), "float"),
        Column("theory", t("col.theory_plus", lang), "int"), Column("cadres", t("profile.col.cadres", lang), "int"),
        Column("trained", t("profile.col.trained", lang), "int"),
    ]


def profile_rows(table: pd.DataFrame, lang: str) -> list[dict]:
    """``profile_figures.headline`` of each child, then the total."""
    rows = []
    for is_total in (False, True):
        for _, row in table[table["is_total"] == is_total].iterrows():
            rows.append({"name": t("grid.total", lang) if is_total else unit_title(row["kind"], row["name"], lang),
                         "code": "" if is_total else row["code"], **headline(row)})
    return rows


def write_profile_sheets(workbook, data: ReportData, unit_name: str, lang: str) -> None:
    """The cadre profile by unit and total (women's share, average age, theory trung cấp
    or above, each with the registry's definition), and term against term."""
    notes = [f"{unit_name} — {period_label(data.period, lang)}"]
    for key in PROFILE_KEYS:
        notes.append(f"{definitions.name(key, lang)}: {definitions.text(key, 'counts', lang)} "
                     f"{fmt.attention_text(definitions.get(key), lang)}".strip())
    write_sheet(workbook.create_sheet(), profile_columns(lang), profile_rows(data.table, lang),
                t("report.profile.title", lang), notes)
    if data.terms is None:
        return
    rows = [{**r, "term": r["term"].replace("-", "–"), "moment": t(f"profile.terms.{r['moment']}", lang)}
            for r in term_rows(data.terms)]
    head = [f"{unit_name} — {t('profile.terms.hint', lang, date=fmt.day(data.period.as_of))}"]
    if not rows:
        head.append(t("profile.terms.empty", lang, date=fmt.day(data.period.as_of)))
    write_sheet(workbook.create_sheet(), term_columns(lang), rows, t("profile.terms.title", lang), head)


def write_notes_sheet(sheet, notes: list[dict], unit_name: str, period: Period, lang: str) -> None:
    """The leaders' notes on the unit and its children in the period (plain text)."""
    columns = [Column("unit", t("notes.col.unit", lang)), Column("period", t("notes.col.period", lang)),
               Column("text", t("notes.col.text", lang)), Column("author", t("notes.col.author", lang)),
               Column("at", t("notes.col.at", lang))]
    rows = [{"unit": unit_title(n["unit_kind"], n["unit_name"], lang),
             "period": fmt.note_period_label(n["period_kind"], n["period_start"], n["period_end"], lang),
             "text": n["text"], "author": n["author"], "at": fmt.vietnam_time(n["created_at"])} for n in notes]
    head = [f"{unit_name} — {period_label(period, lang)}"] + ([] if rows else [t("notes.report_empty", lang)])
    write_sheet(sheet, columns, rows, t("notes.report", lang), head)


def report_file_name(unit_code: str, period: Period) -> str:
    """A server-chosen name: bao-cao-ket-qua-07135-2026-11-27.xlsx."""
    return safe_filename(f"bao-cao-ket-qua-{unit_code}", "xlsx", period.as_of)


__all__ = ["ReportData", "build_report", "parse_period", "period_label", "report_file_name"]
