"""Who the cadres are (``/co-cau``): the profile by child now and the previous period's
total, posts by level, the age pyramid, term against term and a commune's holders."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..indicators.profile_detail import (holders, levels_by_child, profile_by_child, profile_total, pyramid,
                                         term_table)
from .context import PageContext, Part, page_cached, previous_total_view

HOLDERS_LIMIT = 400


@dataclass(frozen=True)
class ProfileMain:
    """table: ``profile_by_child``; previous: the previous period's total on the same
    children (None without data); levels: ``levels_by_child``; pyramid: ``pyramid``."""

    context: PageContext
    table: pd.DataFrame
    previous: dict | None
    levels: pd.DataFrame
    pyramid: pd.DataFrame


@dataclass(frozen=True)
class ProfileTerms:
    context: PageContext
    table: pd.DataFrame


@dataclass(frozen=True)
class ProfileHolders:
    """The holders in the unit's villages (a commune or a village), or none above."""

    context: PageContext
    table: pd.DataFrame
    shown: bool
    too_many: bool


class Profile(Part):
    """For callbacks/profile.py; every query is scoped by the page's view (the actor's
    scope): attributes only of people in units the user may see."""

    @page_cached
    def main(self, context: PageContext) -> ProfileMain:
        view = context.view
        with self.engine.connect() as conn:
            table = profile_by_child(conn, view)
            previous = profile_total(conn, previous_total_view(context)) if context.previous.has_data else None
            levels = levels_by_child(conn, view)
            ages = pyramid(conn, view)
        return ProfileMain(context, table, previous, levels, ages)

    @page_cached
    def terms(self, context: PageContext) -> ProfileTerms:
        with self.engine.connect() as conn:
            return ProfileTerms(context, term_table(conn, context.view))

    @page_cached
    def holders(self, context: PageContext) -> ProfileHolders:
        unit = context.unit
        if unit is None or unit.level not in ("commune", "village"):
            return ProfileHolders(context, pd.DataFrame(), False, False)
        with self.engine.connect() as conn:
            table = holders(conn, context.view, HOLDERS_LIMIT)
        return ProfileHolders(context, table.head(HOLDERS_LIMIT), True, len(table) > HOLDERS_LIMIT)
