"""The report as the Party writes it: a Word document (.docx) in the form of Hướng dẫn
36-HD/VPTW (2018), written from the figures of ``ReportData`` in the registry's words.

Form: A4, Times New Roman, margins top and bottom 20 mm, left 30 mm, right 15 mm; top
left the higher body and the issuing body (capitals, the issuing body bold, an asterisk
under it) and "Số ...-BC/..."; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (bold capitals, a rule
under it) and the place and date in italics; the document type "BÁO CÁO" and its
subject; the body; "Nơi nhận" and the signature block side by side.

Body: for each headline indicator one sentence with the figure, x/y, the change against
the previous period (or, for a review, the start of its span) and the units below target;
a table by child unit (real Word tables); the attention list; the leaders' notes; the
reviews recorded. Every word comes from the translation table or the registry.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT  # noqa: F401 (portrait is the default; kept for readers)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import definitions, fmt
from .attention import attention_rows, issue_text
from .definitions import HEADLINE, INDICATORS, grade
from .i18n import t, unit_title
from .profile_figures import headline, term_rows
from .report import ReportData

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
SHORT_LISTED = 5  # units named after "n đơn vị chưa đạt:"
# the day the town level ended (Resolution 1679/NQ-UBTVQH15): the issuing body changes
TOWN_LAST_DAY = date(2025, 6, 30)


@dataclass(frozen=True)
class Header:
    """The header and closing fields of the document (settings with defaults from
    ``default_header``, each may be typed on the download form)."""

    higher_body: str
    issuing_body: str
    symbol: str  # after "Số ...-": "BC/TU"
    number: str = ""  # left blank for the office to fill in
    place: str = "Quảng Yên"
    day: date | None = None  # the document's date (default: the day it is made)
    signer_for: str = ""  # "T/M BAN THƯỜNG VỤ"
    signer_title: str = ""  # "PHÓ BÍ THƯ"
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    issuer_text: str = ""  # how the body names the issuer in a sentence ("Ban Thường vụ Thị ủy")


@dataclass(frozen=True)
class Review:
    """A sơ kết or tổng kết to write: its name, kind (so_ket | tong_ket), the directive or
    resolution, and the span [start, end] it compares."""

    name: str
    kind: str
    directive: str
    start: date
    end: date


@dataclass(frozen=True)
class DocumentData:
    """What the document states: the report's figures, those it compares with (the
    previous period, or the start of a review's span) and its label, the reviews recorded
    up to the date, and the review being written (None for a results report)."""

    current: ReportData
    previous: ReportData | None
    previous_label: str
    reviews: list[dict] = field(default_factory=list)
    review: Review | None = None


def in_sentence(title: str, lang: str = "vi") -> str:
    """A unit's title inside a sentence: "xã Hoàng Tân", "thị xã Quảng Yên"."""
    return title[:1].lower() + title[1:] if lang == "vi" else title


def root_title(kind: str, name: str, day: date, lang: str = "vi") -> str:
    """How the document names a unit on its date: the town ("Thị xã Quảng Yên") up to
    30/06/2025; the area after it is not an official name, so "các phường trên địa bàn thị
    xã Quảng Yên (cũ)"."""
    if kind == "khu_vuc":
        return t("doc.area_after", lang, name=name)
    return unit_title(kind, name, lang)


def default_header(config, root_kind: str, root_name: str, day: date, lang: str = "vi") -> Header:
    """The issuing body on ``day``: the town's Party committee up to 30/06/2025 (its
    standing committee signs); after it, the body that owns the data
    (``config.report_owner``, under ``config.report_owner_higher``)."""
    if root_kind == "thi_xa" and day <= TOWN_LAST_DAY:
        return Header(higher_body="Đảng bộ tỉnh Quảng Ninh".upper(), issuing_body=f"Thị ủy {root_name}".upper(),
                      symbol="BC/TU", place=config.report_place, day=day,
                      signer_for=t("doc.signer_for.town", lang), signer_title=t("doc.signer_title.town", lang),
                      recipients=tuple(t("doc.recipients.town", lang).split("\n")),
                      issuer_text=f"Ban Thường vụ Thị ủy {root_name}")
    return Header(higher_body=config.report_owner_higher.upper(), issuing_body=config.report_owner.upper(),
                  symbol=config.report_owner_symbol,
                  place=config.report_place, day=day, signer_title=t("doc.signer_title.owner", lang),
                  recipients=tuple(t("doc.recipients.owner", lang).split("\n")), issuer_text=config.report_owner)


# --- the sentences ---------------------------------------------------------------------------


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def change_phrase(num: int, den: int, previous: tuple[int, int] | None, label: str, lang: str) -> str:
    """"giảm 0,6 điểm phần trăm so với Quý 1/2018", "không đổi so với ...", or that the
    previous period has no figures."""
    if not den:
        return ""
    if previous is None or not previous[1]:
        return t("doc.change.none", lang, label=label)
    delta = 100 * (num / den - previous[0] / previous[1])
    if abs(delta) < 0.05:
        return t("doc.change.same", lang, label=label)
    key = "doc.change.up" if delta > 0 else "doc.change.down"
    return t(key, lang, value=fmt.number(abs(delta), 1, lang), label=label)


def _totals(data: ReportData | None, key: str) -> tuple[int, int] | None:
    if data is None:
        return None
    indicator = INDICATORS[key]
    total = data.table[data.table["is_total"]].iloc[0]
    return int(total[indicator.numerator]), int(total[indicator.denominator])


def _posts(data: ReportData) -> int:
    """Posts on record in ``data``'s total (a registry measure of the unified group)."""
    total = data.table[data.table["is_total"]].iloc[0]
    return int(total["posts"]) if "posts" in total else 1


def short_units(data: ReportData, key: str, lang: str) -> str:
    """"2 đơn vị chưa đạt: Xã A (20/21), Phường B (10/11)"; the children graded below
    "Đạt" (fewest first), at most ``SHORT_LISTED`` named."""
    indicator = INDICATORS[key]
    children = data.table[~data.table["is_total"]]
    if children.empty:
        return ""
    short = []
    for _, row in children.iterrows():
        num, den = int(row[indicator.numerator]), int(row[indicator.denominator])
        if grade(indicator, num, den) in ("fair", "poor"):
            short.append((num / den, in_sentence(unit_title(row["kind"], row["name"], lang), lang), num, den))
    if not short:
        return t("doc.all_good", lang)
    short.sort(key=lambda s: (s[0], s[1]))
    named = [f"{name} ({fmt.number(num, 0, lang)}/{fmt.number(den, 0, lang)})" for _r, name, num, den in short[:SHORT_LISTED]]
    if len(short) > SHORT_LISTED:
        named.append(t("doc.short.more", lang, count=fmt.number(len(short) - SHORT_LISTED, 0, lang)))
    return t("doc.short", lang, count=fmt.number(len(short), 0, lang), units=", ".join(named))


def sentence(doc: DocumentData, key: str, subject: str, lang: str = "vi") -> str:
    """One indicator in one sentence: "Toàn thị xã Quảng Yên có 177/179 thôn, khu thực
    hiện mô hình ... (98,9 %), giảm 0,6 điểm phần trăm so với Quý 1/2018; 2 đơn vị chưa
    đạt: ..."."""
    indicator = INDICATORS[key]
    num, den = _totals(doc.current, key)
    name = definitions.name(key, lang)
    if not den:
        return f"{name}: " + t("doc.sentence.none", lang, subject=subject, unit=definitions.text(key, "unit", lang)) + "."
    text = t("doc.sentence", lang, subject=subject, num=fmt.number(num, 0, lang), den=fmt.number(den, 0, lang),
             phrase=definitions.text(key, "phrase", lang), pct=fmt.percent(num / den, 1, lang))
    parts = [text]
    previous = _totals(doc.previous, key)
    if key == "unified" and previous is not None and not _posts(doc.previous):
        previous = (0, 0)  # villages but no post on record yet: no figure to compare, not "0 unified"
    label = doc.previous_label
    if doc.review is not None:
        if not indicator.state:
            previous = None  # a flow over the span has no "start" to compare with
        elif previous is not None and previous[1]:
            label = t("doc.change.start", lang, start=doc.previous_label, num=fmt.number(previous[0], 0, lang),
                      den=fmt.number(previous[1], 0, lang))
        else:
            label = t("doc.start", lang, start=doc.previous_label)
    change = change_phrase(num, den, previous, label, lang) if previous is not None or doc.review is None else ""
    if change:
        parts.append(change)
    short = short_units(doc.current, key, lang)
    body = ", ".join(parts) + (f"; {short}" if short else "")
    return f"{name}: {body}."


# --- the document ----------------------------------------------------------------------------


def _font(run, size: float = BODY_PT, bold: bool = False, italic: bool = False, underline: bool = False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    return run


def _para(container, text: str = "", size: float = BODY_PT, bold=False, italic=False, align=None,
          indent: bool = False, after: float = 6):
    paragraph = container.add_paragraph()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = _font(paragraph.add_run(line), size, bold, italic)
        if i < len(lines) - 1:
            run.add_break()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
    return paragraph


def _rule_under(paragraph) -> None:
    """A short line under a paragraph (the rule under "ĐẢNG CỘNG SẢN VIỆT NAM")."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    p_pr.append(borders)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table, widths) -> None:
    """Fixed column widths (the grid LibreOffice reads and the cells Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _rows_whole(table) -> None:
    """No row of ``table`` is split across two pages (a term's date stays with its row)."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _cell(cell, text: str, size=TABLE_PT, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = cell.paragraphs[0]
    for run in paragraph.runs:
        run._element.getparent().remove(run._element)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = _font(paragraph.add_run(line), size, bold, italic)
        if i < len(lines) - 1:
            run.add_break()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _header(document, header: Header, lang: str) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Mm(68), Mm(97)])
    left, right = table.rows[0].cells
    _cell(left, header.higher_body, size=13)
    p = left.add_paragraph()
    _font(p.add_run(header.issuing_body), 13, bold=True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = left.add_paragraph()
    _font(p.add_run("*"), 13)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = left.add_paragraph()
    number = header.number or " " * 6
    _font(p.add_run(t("doc.number", lang, number=number, symbol=header.symbol)), 13)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    party = _cell(right, t("doc.party", lang), size=15, bold=True)
    _rule_under(party)
    p = right.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    day = header.day or date.today()
    _font(p.add_run(t("doc.place_date", lang, place=header.place, day=f"{day.day:02d}", month=f"{day.month:02d}",
                      year=day.year)), 14, italic=True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _title(document, subject: str, lang: str) -> None:
    _para(document, "", after=0)
    _para(document, t("doc.type", lang), size=15, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    p = _para(document, subject, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)
    _para(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    del p


def figure_cell(num: int, den: int, lang: str) -> str:
    """"177/179" and the rate under it; "—" when there is nothing to count (a village has
    no board of its own: its active boards are those with an activity about it)."""
    if not den:
        return t("number.none", lang)
    return f"{fmt.number(num, 0, lang)}/{fmt.number(den, 0, lang)}\n{fmt.percent(_rate(num, den), 1, lang)}"


def _unit_table(document, data: ReportData, lang: str) -> None:
    rows = data.table
    table = document.add_table(rows=1, cols=2 + len(HEADLINE))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0].cells
    _cell(head[0], t("doc.col.no", lang), bold=True)
    _cell(head[1], t("doc.col.unit", lang), bold=True)
    for i, key in enumerate(HEADLINE):
        _cell(head[2 + i], definitions.name(key, lang), bold=True)
    number = 0
    for _, row in rows.iterrows():
        cells = table.add_row().cells
        is_total = bool(row["is_total"])
        if not is_total:
            number += 1
        _cell(cells[0], "" if is_total else str(number), bold=is_total)
        name = t("grid.total", lang) if is_total else unit_title(row["kind"], row["name"], lang)
        _cell(cells[1], name, bold=is_total, align=WD_ALIGN_PARAGRAPH.LEFT)
        for i, key in enumerate(HEADLINE):
            indicator = INDICATORS[key]
            _cell(cells[2 + i], figure_cell(int(row[indicator.numerator]), int(row[indicator.denominator]), lang),
                  bold=is_total)
    _widths(table, [Mm(10), Mm(40)] + [Mm(23)] * len(HEADLINE))
    _repeat_header(table.rows[0])
    _rows_whole(table)


def _profile_table(document, data: ReportData, lang: str) -> None:
    """Each unit and the total: posts held by women, average age, posts whose holder has
    political theory trung cấp or above (``profile_figures.headline``)."""
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0].cells
    for cell, text in zip(head, (t("doc.col.no", lang), t("doc.col.unit", lang), definitions.name("women", lang),
                                 definitions.name("avg_age", lang), definitions.name("theory_plus", lang))):
        _cell(cell, text, bold=True)
    number = 0
    for _, row in data.table.iterrows():
        cells = table.add_row().cells
        is_total = bool(row["is_total"])
        if not is_total:
            number += 1
        figures = headline(row)
        _cell(cells[0], "" if is_total else str(number), bold=is_total)
        name = t("grid.total", lang) if is_total else unit_title(row["kind"], row["name"], lang)
        _cell(cells[1], name, bold=is_total, align=WD_ALIGN_PARAGRAPH.LEFT)
        _cell(cells[2], figure_cell(figures["women"], figures["posts"], lang), bold=is_total)
        age = figures["avg_age"]
        _cell(cells[3], t("number.none", lang) if age is None else fmt.number(age, 1, lang), bold=is_total)
        _cell(cells[4], figure_cell(figures["theory"], figures["posts"], lang), bold=is_total)
    _widths(table, [Mm(10), Mm(55), Mm(33), Mm(33), Mm(34)])
    _repeat_header(table.rows[0])
    _rows_whole(table)


TERM_COLUMNS = ("term", "moment", "posts", "women", "reelected", "avg_age", "trained", "theory")


def _terms_table(document, data: ReportData, lang: str) -> None:
    """Term against term of the unit's total: at each term's start and end, posts filled,
    women, re-elected (of the posts opening the term), average age, cadres trained,
    theory trung cấp or above (``profile_figures.term_rows``)."""
    rows = term_rows(data.terms)
    table = document.add_table(rows=1, cols=len(TERM_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = (t("profile.col.term", lang), t("profile.col.moment", lang), t("profile.col.posts", lang),
               t("profile.col.women", lang), t("profile.col.reelected", lang), t("col.avg_age", lang),
               t("profile.col.trained", lang), t("col.theory_plus", lang))
    for cell, text in zip(table.rows[0].cells, headers):
        _cell(cell, text, bold=True)
    for r in rows:
        cells = table.add_row().cells
        moment = t("profile.terms." + r["moment"], lang) + "\n" + fmt.day(r["day"])
        reelected = (f"{fmt.number(r['reelected'], 0, lang)}/{fmt.number(r['term_start'], 0, lang)}"
                     if r["reelected_share"] is not None else t("number.none", lang))
        values = (r["term"].replace("-", "–"), moment, fmt.number(r["posts"], 0, lang),
                  fmt.number(r["women"], 0, lang), reelected,
                  t("number.none", lang) if r["avg_age"] is None else fmt.number(r["avg_age"], 1, lang),
                  f"{fmt.number(r['trained'], 0, lang)}/{fmt.number(r['cadres'], 0, lang)}",
                  fmt.number(r["theory"], 0, lang))
        for cell, text in zip(cells, values):
            _cell(cell, text)
    _widths(table, [Mm(22), Mm(28), Mm(18), Mm(16), Mm(20), Mm(18), Mm(23), Mm(20)])
    _repeat_header(table.rows[0])
    _rows_whole(table)


def _signature(document, header: Header, lang: str) -> None:
    _para(document, "", after=0)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Mm(80), Mm(85)])
    left, right = table.rows[0].cells
    _cell(left, t("doc.recipients", lang), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in header.recipients:
        p = left.add_paragraph()
        _font(p.add_run(line), 11)
        p.paragraph_format.space_after = Pt(0)
    _cell(right, header.signer_for or header.signer_title, size=14, bold=True)
    if header.signer_for and header.signer_title:
        p = right.add_paragraph()
        _font(p.add_run(header.signer_title), 14, bold=True)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(4):
        right.add_paragraph()
    if header.signer_name:
        p = right.add_paragraph()
        _font(p.add_run(header.signer_name), 14, bold=True)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def build_document(doc: DocumentData, header: Header, lang: str = "vi") -> bytes:
    """The report as .docx bytes."""
    data = doc.current
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY_PT)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)

    unit = data.unit
    as_of = data.period.as_of
    unit_name = root_title(unit.kind, unit.name, as_of, lang)
    running = in_sentence(unit_name, lang)
    if doc.review is None:
        period = fmt.period_label(data.period, lang)
    else:
        period = f"{fmt.day(doc.review.start)} – {fmt.day(doc.review.end)}"
    through = data.freshness.get("data_through")
    through = min(through, as_of) if through else as_of
    _header(document, header, lang)
    if doc.review is None:
        subject = t("doc.subject.results", lang, period=period.lower() if lang == "vi" else period)
        intro = t("doc.intro", lang, through=fmt.day(through), issuer=header.issuer_text
                  or header.issuing_body, unit=running, period=period.lower() if lang == "vi" else period)
    else:
        review = doc.review
        subject = review.name
        intro = t("doc.intro.review", lang, through=fmt.day(through),
                  issuer=header.issuer_text or header.issuing_body,
                  name=review.name[:1].lower() + review.name[1:] if lang == "vi" else review.name, unit=running, start=fmt.day(review.start), end=fmt.day(review.end))
    _title(document, subject, lang)
    if data.is_demo:
        _para(document, t("doc.demo", lang), italic=True, size=12)
    _para(document, intro, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _para(document, t("doc.part.results", lang), bold=True)
    # "Toàn thị xã Quảng Yên có ..."; the area after the merger is already a plural
    subject_name = ("Toàn " + running if unit.kind != "khu_vuc" else unit_name) if lang == "vi" else unit_name
    for key in HEADLINE:
        _para(document, "- " + sentence(doc, key, subject_name, lang), align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)

    _para(document, t("doc.part.table", lang), bold=True)
    _para(document, f"{unit_name} — {period}", italic=True, size=12)
    _unit_table(document, data, lang)

    _para(document, "", after=0)
    _para(document, t("doc.part.profile", lang), bold=True)
    _para(document, t("doc.profile.table", lang, date=fmt.day(as_of)), italic=True, size=12)
    _profile_table(document, data, lang)
    if data.terms is not None:
        _para(document, "", after=0)
        _para(document, t("doc.profile.terms", lang), italic=True, size=12)
        if data.terms.empty:
            _para(document, t("doc.profile.no_terms", lang, date=fmt.day(as_of)), indent=True)
        else:
            _terms_table(document, data, lang)

    _para(document, "", after=0)
    _para(document, t("doc.part.attention", lang), bold=True)
    attention = attention_rows(data.table, data.last_records, data.period.as_of)
    if not attention:
        _para(document, t("doc.attention.none", lang), indent=True)
    for entry in attention:
        issues = "; ".join(issue_text(k, n, lang) for k, n in entry["issues"])
        _para(document, f"- {unit_title(entry['kind'], entry['name'], lang)}: {issues}.", indent=True,
              align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _para(document, t("doc.part.notes", lang), bold=True)
    if not data.notes:
        _para(document, t("doc.notes.none", lang), indent=True)
    for note in data.notes:
        _para(document, f"- {unit_title(note['unit_kind'], note['unit_name'], lang)}: {note['text']} ({note['author']}).",
              indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _para(document, t("doc.part.reviews", lang), bold=True)
    if not doc.reviews:
        _para(document, t("doc.reviews.none", lang), indent=True)
    for review in doc.reviews:
        _para(document, "- " + t("doc.review.line", lang, kind=t(f"review.kind.{review['kind']}", lang),
                                 name=review["name"], directive=review["directive"], number=review["number"],
                                 date=fmt.day(review["date"]), unit=review["unit"]) + ".", indent=True)

    _signature(document, header, lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_form(header: Header, number: str | None = None, signer_name: str | None = None) -> Header:
    """``header`` with the fields typed on the download form (blank: the setting)."""
    changes = {}
    if number and number.strip():
        changes["number"] = number.strip()[:20]
    if signer_name and signer_name.strip():
        changes["signer_name"] = signer_name.strip()[:80]
    return replace(header, **changes) if changes else header


__all__ = ["DocumentData", "Header", "Review", "build_document", "default_header", "root_title", "sentence",
           "with_form"]
