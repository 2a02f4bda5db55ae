"""Export of any grid, as shown (after the user's sorting and filtering), to CSV or XLSX."""
from __future__ import annotations

from dash import ALL, MATCH, Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate

from dashboard import export
from layouts import ids


def column_kind(column: dict) -> str:
    """What kind of value a grid column shows, from its formatter."""
    formatter = (column.get("valueFormatter") or {}).get("function", "")
    if formatter.startswith("viPercent"):
        return "percent"
    if formatter.startswith("viNumber"):
        return "float" if ", 0," not in formatter else "int"
    if formatter.startswith("viDate"):
        return "date"
    return "text"


def export_file(fmt: str, rows, column_defs, options, today) -> dict:
    """``dcc.Download`` data for the grid's rows (and pinned total) in ``fmt``."""
    columns = [export.Column(c["field"], c.get("headerName") or c["field"], column_kind(c))
               for c in column_defs or [] if c.get("field") and not c.get("hide")]
    options = options or {}
    rows = list(rows or []) + list(options.get("pinnedBottomRowData") or [])
    context = options.get("context") or {}
    stem = context.get("exportName") or "bang"
    if fmt == "csv":
        content = export.to_csv(columns, rows)
        return dcc.send_bytes(content, export.safe_filename(stem, "csv", today), type="text/csv")
    title = context.get("exportTitle") or stem
    # the definitions of the columns (from the registry, via the grid's header tooltips)
    notes = list(dict.fromkeys(c["headerTooltip"] for c in column_defs or []
                               if c.get("headerTooltip") and not c.get("hide")))
    content = export.to_xlsx(columns, rows, title, notes)
    return dcc.send_bytes(content, export.safe_filename(stem, "xlsx", today),
                          type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def register(app, service) -> None:
    @app.callback(
        Output({"type": ids.GRID_DOWNLOAD, "name": MATCH}, "data"),
        Input({"type": ids.GRID_EXPORT, "name": MATCH, "fmt": ALL}, "n_clicks"),
        State({"type": ids.GRID, "name": MATCH}, "virtualRowData"),
        State({"type": ids.GRID, "name": MATCH}, "columnDefs"),
        State({"type": ids.GRID, "name": MATCH}, "dashGridOptions"),
        prevent_initial_call=True,
    )
    def download(clicks, rows, column_defs, options):
        trigger = ctx.triggered_id
        if not trigger or not any(clicks or []):
            raise PreventUpdate
        fmt = "csv" if trigger.get("fmt") == "csv" else "xlsx"
        download = export_file(fmt, rows, column_defs, options, service.today())
        service.audit("export", {"file": download["filename"], "rows": len(rows or [])})
        return download
