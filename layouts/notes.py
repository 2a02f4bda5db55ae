"""Notes on a unit and a period: the section of the unit page, and the short form shown
beside a unit in the attention list. Note text is always drawn as text (Dash escapes
it), never as HTML or Markdown."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.i18n import t
from dashboard.vocabulary import NOTE_MAX_LENGTH

from . import ids
from .components import icon, loading, section


def skeleton(lang: str) -> html.Section:
    """The notes section: the list (filled by a callback) and the form to add or edit a
    note (hidden for a user who may not write on the unit)."""
    form = html.Div([
        html.Label(t("notes.label", lang), htmlFor=ids.NOTE_TEXT, className="form-label small fw-semibold mb-1"),
        dcc.Textarea(id=ids.NOTE_TEXT, maxLength=NOTE_MAX_LENGTH, className="form-control note-text",
                     placeholder=t("notes.placeholder", lang), style={"minHeight": "4.5rem"}),
        html.Div([
            html.Small(t("notes.limit", lang, limit=NOTE_MAX_LENGTH), className="text-muted me-auto"),
            dbc.Button(t("notes.cancel", lang), id=ids.NOTE_CANCEL, color="secondary", outline=True, size="sm"),
            dbc.Button([icon("bi-chat-left-text"), " ", t("notes.save", lang)], id=ids.NOTE_SAVE, color="primary",
                       size="sm"),
        ], className="d-flex align-items-center gap-2 mt-2 flex-wrap"),
        html.Div(id=ids.NOTE_MESSAGE, role="status", className="small mt-1"),
        dcc.Store(id=ids.NOTE_EDITING, data=None),
        dcc.Store(id=ids.NOTE_VERSION, data=0),
    ], id=ids.NOTE_FORM, className="note-form d-print-none mt-2")
    return section(t("notes.title", lang), html.Div([loading(html.Div(id=ids.NOTES), ids.NOTES), form]),
                   extra=html.Small(t("notes.hint", lang), className="text-muted"), class_name="notes-section")


def meta(note: dict, lang: str) -> str:
    """"Nguyễn Văn A · 28/11/2026 09:15 · Quý 3/2025 (đã sửa 28/11/2026 10:00)"."""
    parts = [note["author"], fmt.vietnam_time(note["created_at"]),
             fmt.note_period_label(note["period_kind"], note["period_start"], note["period_end"], lang)]
    text = " · ".join(parts)
    if note.get("updated_at"):
        text += " " + t("notes.edited", lang, when=fmt.vietnam_time(note["updated_at"]),
                        user=note.get("updated_by") or "")
    return text


def note_list(notes: list[dict], lang: str, unit_title=None) -> html.Div:
    """The notes of the unit (and of its children, each named), with edit and delete
    buttons where the user may change them."""
    if not notes:
        return html.P(t("notes.empty", lang), className="text-muted small mb-0 notes-empty")
    items = []
    for note in notes:
        buttons = []
        if note.get("may_change"):
            buttons = [
                dbc.Button([icon("bi-pencil"), " ", t("notes.edit", lang)], id=ids.note_edit(note["id"]),
                           color="link", size="sm", className="p-0 me-2"),
                dbc.Button([icon("bi-trash"), " ", t("notes.delete", lang)], id=ids.note_delete(note["id"]),
                           color="link", size="sm", className="p-0 text-danger"),
            ]
        where = unit_title(note) if unit_title else None
        items.append(html.Li([
            html.Div(where, className="small fw-semibold") if where else None,
            html.P(note["text"], className="mb-1 note-body"),
            html.Div([html.Small(meta(note, lang), className="text-muted me-auto"),
                      html.Span(buttons, className="d-print-none")],
                     className="d-flex flex-wrap align-items-center gap-2"),
        ], className="list-group-item note-item", id=f"note-{note['id']}"))
    return html.Ul(items, className="list-group notes-list")


def inline(notes: list[dict], lang: str) -> html.Div | None:
    """The notes beside a unit in the attention list: text, author, date."""
    if not notes:
        return None
    return html.Div([html.Div([icon("bi-chat-left-text"), " ", html.Span(n["text"], className="note-body"),
                               html.Small(f" — {n['author']}, {fmt.vietnam_time(n['created_at'])}",
                                          className="text-muted")],
                              className="small attention-note") for n in notes],
                    className="mt-1 attention-notes")
