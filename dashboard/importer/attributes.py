"""Checks of the sheet of dated person attributes (``person_attribute``: ethnicity,
general education, qualification, political theory level, party member since) and of a
plausible birth year; each problem names the sheet, row and column, and nothing is
written while any remains (``dashboard.importer``).

Checked: the person exists (in the file or the database); a row gives something besides
the person and the date; a birth year lies in ``BIRTH_YEARS``; a level (education,
qualification, theory) never goes down over time, the file's rows and the database's
together; a Party join date is not before the year the person turned 18."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from ..fmt import day as fmt_day
from ..models import Person, PersonAttribute
from ..template import vocabulary_label
from ..vocabulary import LEVEL_ATTRIBUTES, PERSON_ATTRIBUTES

# A plausible birth year of a cadre in post.
BIRTH_YEARS = (1920, date.today().year - 16)
ATTRIBUTES = tuple(PERSON_ATTRIBUTES)


def rows_of(values: dict) -> list[tuple[str, str, date]]:
    """(attribute, value, valid_from) of one row of the sheet: one per filled cell; the
    Party join date holds from itself."""
    out = []
    for attribute in ATTRIBUTES:
        value = values.get(attribute)
        if value is None:
            continue
        if attribute == "party_since":
            out.append((attribute, value.isoformat(), value))
        else:
            out.append((attribute, value, values["valid_from"]))
    return out


def check(checker, people: set, soft_people: set) -> None:
    """Add the problems of the ``person_attribute`` and ``person`` sheets to ``checker``
    (a ``checks.Checker``)."""
    low, high = BIRTH_YEARS
    born: dict[str, int | None] = {}
    for record in checker.ok("person"):
        year = record.values.get("birth_year")
        born[record.values["key"]] = year
        if year is not None and not low <= year <= high:
            checker.add(record.problem("birth_year", "imp.attr.birth_year", year=year, low=low, high=high))
            record.ok = False
    records = checker.ok("person_attribute")
    keys = {r.values["person"] for r in records}
    for key, year in checker._db_rows(lambda c: select(Person.key, Person.birth_year).where(Person.key.in_(c)),
                                      keys - set(born)):
        born[key] = year
    known: dict[str, dict[tuple[str, date], str]] = defaultdict(dict)
    for key, attribute, value, valid_from in checker._db_rows(
            lambda c: select(Person.key, PersonAttribute.attribute, PersonAttribute.value, PersonAttribute.valid_from)
            .join(Person, Person.id == PersonAttribute.person_id).where(Person.key.in_(c)), keys):
        known[key][(attribute, valid_from)] = value
    origin: dict[tuple[str, str, date], object] = {}
    for record in records:
        person = record.values["person"]
        if person not in people:
            if person not in soft_people:
                checker.add(record.problem("person", "imp.ref.unknown_person", code=person))
            record.ok = False
            continue
        found = rows_of(record.values)
        if not found:
            checker.add(record.problem("valid_from", "imp.attr.empty"))
            record.ok = False
            continue
        year = born.get(person)
        joined = record.values.get("party_since")
        if joined is not None and year is not None and joined < date(year + 18, 1, 1):
            checker.add(record.problem("party_since", "imp.attr.party_too_young", person=person, day=fmt_day(joined),
                                       born=year))
            record.ok = False
            continue
        for attribute, value, valid_from in found:
            known[person][(attribute, valid_from)] = value
            origin[(person, attribute, valid_from)] = record
    for person, values in known.items():
        for attribute in LEVEL_ATTRIBUTES:
            order = PERSON_ATTRIBUTES[attribute]
            steps = sorted((day, value) for (name, day), value in values.items() if name == attribute)
            for (before_day, before), (after_day, after) in zip(steps, steps[1:]):
                if order.index(after) < order.index(before):
                    record = origin.get((person, attribute, after_day)) or origin.get((person, attribute, before_day))
                    if record is None or not record.ok:
                        continue
                    header = record.sheet.field(attribute).header
                    checker.add(record.problem(attribute, "imp.attr.level_down", column=header, person=person,
                                               before=vocabulary_label(attribute, before), before_day=fmt_day(before_day),
                                               after=vocabulary_label(attribute, after), after_day=fmt_day(after_day)))
                    record.ok = False
