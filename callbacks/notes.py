"""Notes on a unit and a period (unit page): the list, and add / edit / delete.

Who may do what is decided by the data service from the logged-in user (a hand-made
request for another commune is refused there and audited), never here."""
from __future__ import annotations

from dash import ALL, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from dashboard.i18n import t, unit_title
from dashboard.vocabulary import NOTE_MAX_LENGTH
from dashboard.notes import NoteRefused
from dashboard.viewstate import route_from_data
from layouts import ids, notes

HIDDEN = {"display": "none"}


def notes_section(service, data) -> tuple:
    """(list, form style) for the page's store data."""
    route, state = route_from_data(data)
    context = service.context(route, state, service.scope(), audit_refusal=False)
    if context.error or not context.unit_valid:
        return None, HIDDEN
    lang = state.lang
    rows = service.notes.on_page(context)

    def where(note):
        return None if note["unit_id"] == context.unit.id else unit_title(note["unit_kind"], note["unit_name"], lang)

    return notes.note_list(rows, lang, where), ({} if service.notes.may_write(context) else HIDDEN)


def note_action(service, trigger, text, editing, data, version) -> tuple:
    """(message, version, text, editing) after the user pressed ``trigger``: save (add,
    or edit the note being edited), cancel, edit {"type": NOTE_EDIT, "id"} or delete
    {"type": NOTE_DELETE, "id"}."""
    route, state = route_from_data(data)
    lang = state.lang
    version = (version or 0) + 1
    try:
        if trigger == ids.NOTE_CANCEL:
            return "", version - 1, "", None
        if isinstance(trigger, dict) and trigger.get("type") == ids.NOTE_EDIT:
            note = service.notes.get(trigger.get("id"))
            return t("notes.editing", lang), version - 1, note["text"], note["id"]
        if isinstance(trigger, dict) and trigger.get("type") == ids.NOTE_DELETE:
            service.notes.delete(trigger.get("id"))
            return t("notes.deleted", lang), version, "", None
        if trigger == ids.NOTE_SAVE:
            if editing:
                service.notes.edit(editing, text)
                return t("notes.updated", lang), version, "", None
            context = service.context(route, state, service.scope())
            service.notes.add(context, text)
            return t("notes.added", lang), version, "", None
    except NoteRefused as refused:
        message = t(f"notes.error.{refused.reason}", lang, limit=NOTE_MAX_LENGTH)
        return message, version - 1, text, editing
    raise PreventUpdate


def register(app, service) -> None:
    @app.callback(
        Output(ids.NOTES, "children"),
        Output(ids.NOTE_FORM, "style"),
        Input(ids.view("overview"), "data"),
        Input(ids.NOTE_VERSION, "data"),
    )
    def show(data, _version):
        return notes_section(service, data)

    @app.callback(
        Output(ids.NOTE_MESSAGE, "children"),
        Output(ids.NOTE_VERSION, "data"),
        Output(ids.NOTE_TEXT, "value"),
        Output(ids.NOTE_EDITING, "data"),
        Input(ids.NOTE_SAVE, "n_clicks"),
        Input(ids.NOTE_CANCEL, "n_clicks"),
        Input({"type": ids.NOTE_EDIT, "id": ALL}, "n_clicks"),
        Input({"type": ids.NOTE_DELETE, "id": ALL}, "n_clicks"),
        State(ids.NOTE_TEXT, "value"),
        State(ids.NOTE_EDITING, "data"),
        State(ids.view("overview"), "data"),
        State(ids.NOTE_VERSION, "data"),
        prevent_initial_call=True,
    )
    def act(_save, _cancel, _edit, _delete, text, editing, data, version):
        # a list redrawn with new buttons fires with n_clicks None: nothing was pressed
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            raise PreventUpdate
        return note_action(service, ctx.triggered_id, text, editing, data, version)
