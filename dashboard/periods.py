"""Reporting periods (kỳ báo cáo).

A period is a closed date interval plus how it was chosen. State indicators (who holds
which post, who is trained) are read on the period's ``as_of`` date: its end, but never
later than "today". Flow indicators (board activities, courses, briefings) count what
happened between ``start`` and ``as_of``.

A single date is also a period (kind ``day``): its flows are the 12 months up to the
date, so that "as of 13/04/2018" still has activity to show.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

PERIOD_KINDS = ("day", "month", "quarter", "year", "term")


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's length."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class Period:
    """``[start, end]`` of kind ``kind``; ``as_of`` is ``end`` clamped to ``today``.

    ``term_code`` names the term for kind ``term``.
    """

    kind: str
    start: date
    end: date
    today: date
    term_code: str | None = None
    data_from: date | None = None  # the first day with records; nothing is due before it

    @property
    def as_of(self) -> date:
        return min(self.end, self.today)

    @property
    def is_future(self) -> bool:
        return self.start > self.today

    @property
    def has_data(self) -> bool:
        """False when the period ends before the records begin."""
        return self.data_from is None or self.as_of >= self.data_from

    def complete_months(self) -> list[date]:
        """First days of the calendar months that meet the period, have ended by
        ``as_of`` and do not end before the records begin (the months in which a monthly
        briefing was due)."""
        months = []
        start = max(self.start, self.data_from) if self.data_from else self.start
        cursor = date(start.year, start.month, 1)
        while cursor <= self.as_of:
            if month_end(cursor) <= self.as_of:
                months.append(cursor)
            cursor = add_months(cursor, 1)
        return months

    def shifted(self, start: date, end: date, term_code: str | None = None) -> "Period":
        return replace(self, start=start, end=end, term_code=term_code)


def trailing_start(day: date) -> date:
    """The first day of the 12 months up to ``day`` (a day's flows)."""
    return add_months(day, -12) + timedelta(days=1)


def trailing_end(day: date) -> date:
    """The last report date whose 12 months (``trailing_start``) still hold ``day``."""
    end = add_months(day, 12) + timedelta(days=2)
    while trailing_start(end) > day:
        end -= timedelta(days=1)
    return end


def day_period(day: date, today: date) -> Period:
    """The state on ``day``; flows over the 12 months up to it."""
    return Period("day", trailing_start(day), day, today)


def month_period(day: date, today: date) -> Period:
    start = date(day.year, day.month, 1)
    return Period("month", start, month_end(start), today)


def quarter_period(day: date, today: date) -> Period:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    return Period("quarter", start, month_end(add_months(start, 2)), today)


def year_period(day: date, today: date) -> Period:
    return Period("year", date(day.year, 1, 1), date(day.year, 12, 31), today)


def term_period(day: date, today: date, terms: list[tuple[str, date, date]]) -> Period:
    """The term (code, start, end) that contains ``day``; the year if none does."""
    for code, start, end in terms:
        if start <= day <= end:
            return Period("term", start, end, today, term_code=code)
    return year_period(day, today)


def make_period(kind: str, day: date, today: date, terms=(), data_from: date | None = None) -> Period:
    if kind == "month":
        period = month_period(day, today)
    elif kind == "quarter":
        period = quarter_period(day, today)
    elif kind == "year":
        period = year_period(day, today)
    elif kind == "term":
        period = term_period(day, today, list(terms))
    else:
        period = day_period(day, today)
    return replace(period, data_from=data_from)


def previous_period(period: Period, terms=()) -> Period:
    """The period just before, of the same kind: the previous month, quarter, year or
    term; for a day, the same day a year earlier."""
    return replace(_previous(period, terms), data_from=period.data_from)


def _previous(period: Period, terms) -> Period:
    kind, today = period.kind, period.today
    if kind == "month":
        return month_period(add_months(period.start, -1), today)
    if kind == "quarter":
        return quarter_period(add_months(period.start, -3), today)
    if kind == "year":
        return year_period(date(period.start.year - 1, 1, 1), today)
    if kind == "term":
        earlier = [t for t in terms if t[2] < period.start]
        if earlier:
            code, start, end = max(earlier, key=lambda t: t[2])
            return Period("term", start, end, today, term_code=code)
        length = period.end - period.start
        return Period("term", period.start - length - timedelta(days=1),
                      period.start - timedelta(days=1), today)
    return day_period(add_months(period.end, -12), today)


def last_complete_quarter(day: date) -> tuple[date, date]:
    """The last calendar quarter that has ended on ``day`` (the quarter itself when
    ``day`` is its last day)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = add_months(start, 3) - timedelta(days=1)
    if day < end:
        start = add_months(start, -3)
        end = add_months(start, 3) - timedelta(days=1)
    return start, end
