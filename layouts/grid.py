"""Tables: dash-ag-grid with Vietnamese sorting, number formats, filters and export.

Column helpers return AG Grid column definitions; ``data_grid`` wraps a grid with its
export buttons (CSV, XLSX: built on the server from the rows as shown, after the user's
sorting and filtering).
"""
from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t

from . import ids
from .components import column_tooltip, icon


def explained(column: dict, definition: str | None, lang: str) -> dict:
    """``column`` with the registry's definition of ``definition`` as its header tooltip
    (and, through the tooltip, in the notes of the grid's Excel export)."""
    return {**column, "headerTooltip": column_tooltip(definition, lang)} if definition else column

# a grid taller than this many rows scrolls inside itself instead of growing the page
AUTO_HEIGHT_ROWS = 15
# AG Grid's default theme: a row is 42 px, a one-line header 48 px (plus its 1 px borders).
# A short grid's box keeps at least its rows' height before AG Grid's script has drawn it,
# so the sections below do not move when it appears.
ROW_PX, HEADER_PX, TOOLBAR_PX = 42, 51, 35


def reserved_height(rows: int) -> int:
    """The least height in px of an auto-height grid of ``rows`` rows (header included)."""
    return HEADER_PX + ROW_PX * max(rows, 1)


def name_column(field: str, header: str, link: bool = True, pinned: bool = True) -> dict:
    column = {
        "field": field, "headerName": header, "minWidth": 150, "flex": 2,
        "comparator": {"function": "viCompare"},
        "filter": "agTextColumnFilter",
    }
    if pinned:
        column["pinned"] = "left"
    if link:
        column["cellRenderer"] = "UnitLink"
    return column


def fit_header(header: str, min_width: int) -> int:
    """A column's minimum width in px: ``min_width``, or more so that the header's longest
    word fits on one line beside the sort and filter icons (headers wrap between words,
    never inside one: "Unified", not "Unifie/d"). About 8.5 px per character at 14 px bold."""
    longest = max((len(word) for word in str(header).split()), default=0)
    return max(min_width, round(longest * 8.5) + 64)


def text_column(field: str, header: str, min_width: int = 120, flex: int = 1) -> dict:
    return {"field": field, "headerName": header, "minWidth": fit_header(header, min_width), "flex": flex,
            "comparator": {"function": "viCompare"}, "filter": "agTextColumnFilter",
            "wrapText": True, "autoHeight": True}


def int_column(field: str, header: str, lang: str, decimals: int = 0, definition: str | None = None) -> dict:
    return explained({
        "field": field, "headerName": header, "type": "numericColumn", "minWidth": fit_header(header, 90), "flex": 1,
        "filter": "agNumberColumnFilter",
        "valueFormatter": {"function": f"viNumber(params.value, {decimals}, '{lang}')"},
    }, definition, lang)


def percent_column(field: str, header: str, lang: str, definition: str | None = None) -> dict:
    return explained({
        "field": field, "headerName": header, "type": "numericColumn", "minWidth": fit_header(header, 90), "flex": 1,
        "filter": "agNumberColumnFilter",
        "valueFormatter": {"function": f"viPercent(params.value, '{lang}')"},
    }, definition, lang)


def date_column(field: str, header: str) -> dict:
    return {
        "field": field, "headerName": header, "minWidth": fit_header(header, 110), "flex": 1,
        "filter": "agDateColumnFilter",
        "filterParams": {"comparator": {"function": "isoDateComparator"}},
        "valueFormatter": {"function": "viDate(params.value)"},
    }


def grade_column(field: str, header: str, lang: str) -> dict:
    return {
        "field": field, "headerName": header, "minWidth": fit_header(header, 110), "flex": 1,
        "cellRenderer": "Grade",
        "cellRendererParams": {"labels": {g: t(f"grade.{g}", lang) for g in ("good", "fair", "poor", "none")}},
        "filter": "agTextColumnFilter",
    }


def data_grid(name: str, column_defs: list[dict], row_data: list[dict], lang: str,
              pinned_bottom: list[dict] | None = None, export: bool = True,
              row_id_field: str | None = None, export_title: str = "", export_name: str = "") -> html.Div:
    """A sortable, filterable grid with CSV and XLSX export of what is shown.

    export_title goes on top of the XLSX sheet; export_name is the stem of the file name
    (the server makes it ASCII and adds the date)."""
    many = len(row_data) > AUTO_HEIGHT_ROWS
    options = {
        "animateRows": False,
        "enableCellTextSelection": True,
        "ensureDomOrder": True,
        # AG Grid gives a scrolling grid "content-visibility: auto": below the fold the
        # browser skips its layout, AG Grid never measures its wrapped headers and keeps the
        # header cells hidden, so a screen reader (and axe: aria-required-children, on a
        # phone where the grid starts below the fold) finds a header row without headers
        "suppressContentVisibilityAuto": True,
        "suppressDragLeaveHidesColumns": True,
        "pinnedBottomRowData": pinned_bottom or [],
        "domLayout": "normal" if many else "autoHeight",
        "tooltipShowDelay": 300,
        "context": {"exportTitle": export_title, "exportName": export_name or name},
    }
    if lang != "en":
        options["getLocaleText"] = {"function": "viLocaleText(params)"}
    # getRowId is a top-level prop holding an expression; dash-ag-grid's expression parser
    # has no String(), so "String(params.data.x)" gave every row the id "undefined" (rows
    # dropped and drawn twice). The field must hold text.
    extra = {"getRowId": f"params.data.{row_id_field}"} if row_id_field else {}
    grid = dag.AgGrid(
        id=ids.grid(name),
        columnDefs=column_defs,
        rowData=row_data,
        defaultColDef={"sortable": True, "resizable": True, "filter": True, "suppressHeaderMenuButton": False,
                       "wrapHeaderText": True, "autoHeaderHeight": True},
        dashGridOptions=options,
        style={"height": "520px" if many else None, "width": "100%"},
        className="data-grid",
        **extra,
    )
    toolbar = None
    if export:
        toolbar = html.Div([
            dbc.Button([icon("bi-filetype-csv"), " CSV"], id=ids.grid_export(name, "csv"),
                       size="sm", color="secondary", outline=True, className="me-1",
                       title=t("grid.export_csv", lang)),
            dbc.Button([icon("bi-file-earmark-excel"), " Excel"], id=ids.grid_export(name, "xlsx"),
                       size="sm", color="secondary", outline=True,
                       title=t("grid.export_xlsx", lang)),
            dcc.Download(id=ids.grid_download(name)),
        ], className="grid-toolbar d-print-none text-end mb-1")
    # AG Grid's script arrives after the page: until it has drawn the grid, the grid's own
    # box is not in the page; its wrapper keeps the place (the toolbar and the grid)
    height = 520 if many else reserved_height(len(row_data) + len(pinned_bottom or []))
    return html.Div([toolbar, grid] if toolbar else [grid], className="grid-wrap",
                    style={"minHeight": f"{height + (TOOLBAR_PX if toolbar else 0)}px"})
