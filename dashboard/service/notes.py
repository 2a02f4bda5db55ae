"""Notes on a unit and a period (``dashboard.notes``): listed for the current user's scope,
written and changed as the current user, every change and refusal audited."""
from __future__ import annotations

from .. import auth, notes, structure
from ..periods import Period
from .context import PageContext, Part


class Notes(Part):
    def for_units(self, unit_ids, period: Period) -> list[dict]:
        """Notes on ``unit_ids`` whose period meets ``period`` (its start to its date), in
        the current user's scope, oldest first (``notes.list_notes``), each with
        ``may_change`` for the current user."""
        if not unit_ids:
            return []
        user = auth.current_user()
        with self.engine.connect() as conn:
            rows = notes.list_notes(conn, unit_ids, period.start, period.as_of, self.core.scope())
        for row in rows:
            row["may_change"] = notes.may_change(user, row["author"])
        return rows

    def on_page(self, context: PageContext) -> list[dict]:
        """Notes on the context's unit and its children (on the structure date) in its
        period; [] when the page shows no unit."""
        if context.view is None or not context.unit_valid:
            return []
        with self.engine.connect() as conn:
            kids = structure.children(conn, context.unit.id, context.structure_date)
        ids = [context.unit.id] + ([int(i) for i in kids["id"]] if not kids.empty else [])
        return self.for_units(ids, context.period)

    def may_write(self, context: PageContext) -> bool:
        """Whether the current user may attach a note to the context's unit (to decide
        what to draw; ``add`` checks again)."""
        if context.view is None or not context.unit_valid:
            return False
        with self.engine.connect() as conn:
            return notes.may_write(conn, auth.current_user(), self.core.scope(), context.unit.id,
                                   context.structure_date)

    def add(self, context: PageContext, text: str) -> int:
        """Attach a note to the context's unit and period as the current user; returns its
        id. Raises ``notes.NoteRefused`` (``forbidden`` is audited)."""
        user = auth.current_user()
        value = notes.clean_text(text)
        if context.view is None or context.unit is None:
            self.core.audit("refused", {"action": "note_added", "unit": context.route.unit})
            raise notes.NoteRefused("forbidden")
        with self.engine.begin() as conn:
            allowed = notes.may_write(conn, user, self.core.scope(), context.unit.id, context.structure_date)
            note_id = notes.add_note(conn, user, context.unit.id, context.period, value, auth.utcnow()) \
                if allowed else None
        if not allowed:
            self.core.audit("refused", {"action": "note_added", "unit": context.unit.code})
            raise notes.NoteRefused("forbidden")
        self.core.audit("note_added", {"note": note_id, "unit": context.unit.code, "period": context.period.kind,
                                       "text": value})
        return note_id

    def _changeable(self, note_id, action: str) -> dict:
        user = auth.current_user()
        try:
            note_id = int(note_id)
        except (TypeError, ValueError):
            raise notes.NoteRefused("not_found") from None
        with self.engine.connect() as conn:
            note = notes.get_note(conn, note_id, self.core.scope())
        if note is None:
            raise notes.NoteRefused("not_found")
        if not notes.may_change(user, note["author"]):
            self.core.audit("refused", {"action": action, "note": note_id})
            raise notes.NoteRefused("forbidden")
        return note

    def get(self, note_id) -> dict:
        """A note the current user may edit (its author, or an admin); raises
        ``NoteRefused``."""
        return self._changeable(note_id, "note_read")

    def edit(self, note_id, text: str) -> None:
        """Change a note's text (its author, or an admin); audited."""
        value = notes.clean_text(text)
        note = self._changeable(note_id, "note_edited")
        with self.engine.begin() as conn:
            notes.edit_note(conn, note["id"], value, auth.current_user(), auth.utcnow())
        self.core.audit("note_edited", {"note": note["id"], "before": note["text"], "text": value})

    def delete(self, note_id) -> None:
        """Delete a note (its author, or an admin); audited with its text."""
        note = self._changeable(note_id, "note_deleted")
        with self.engine.begin() as conn:
            notes.delete_note(conn, note["id"])
        self.core.audit("note_deleted", {"note": note["id"], "author": note["author"], "text": note["text"]})
