"""One village (``/don-vi/<commune>/<village>``): its status on the date, its posts, its
holders' training and the oversight activities about it (``dashboard.village``)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import structure
from ..indicators.view import View
from ..structure import UnitInfo
from ..village import (ROW_LIMIT, village_activities, village_posts, village_profiles, village_status,
                       village_trainings)
from .context import PageContext, Part, page_cached, with_changes


@dataclass(frozen=True)
class VillageDetail:
    """What the village page shows.

    context: the page context with ``unit`` set to the village and ``breadcrumb`` to its
        chain on the structure date (root ... commune, village), so the shared header
        draws it. ``parent``: the village's commune on that date.
    error: None, or why there is nothing to show: "empty_database", "unknown_commune",
        "unknown_village", "not_village", "not_valid" (the village did not exist on the
        structure date; ``context.unit`` is then the village as it was).
    moved: the commune in the URL is not the village's commune on the date.
    status: ``village_status``; posts, trainings, activities: its frames; profiles: the
    current secretary's and head's profile on the date (``village_profiles``).
    """

    context: PageContext
    error: str | None = None
    parent: UnitInfo | None = None
    moved: bool = False
    status: dict | None = None
    posts: pd.DataFrame | None = None
    trainings: pd.DataFrame | None = None
    activities: pd.DataFrame | None = None
    profiles: pd.DataFrame | None = None
    limit: int = ROW_LIMIT


class Village(Part):
    @page_cached
    def detail(self, context: PageContext) -> VillageDetail:
        """The village of a village page's context, or why it cannot be shown."""
        if context.error in ("empty_database", "forbidden"):
            return VillageDetail(context, context.error)
        if context.unit is None:
            return VillageDetail(context, "unknown_commune")
        village = context.village
        if village is None:
            return VillageDetail(context, "unknown_village")
        if not village.is_village:
            return VillageDetail(context, "not_village")
        day = context.structure_date
        if not village.valid_on(day):
            return VillageDetail(with_changes(context, unit=village, successors=()), "not_valid")
        with self.engine.connect() as conn:
            chain = tuple(structure.ancestors(conn, village.id, day))
            page = with_changes(context, unit=village, unit_valid=True, breadcrumb=chain, successors=(),
                                view=View(village.id, context.period, context.state.structure,
                                          context.view.scope))
            view = page.view
            parent = chain[-2] if len(chain) > 1 else None
            return VillageDetail(
                page, None, parent, parent is not None and parent.id != context.unit.id,
                village_status(conn, view), village_posts(conn, view),
                village_trainings(conn, view), village_activities(conn, view), village_profiles(conn, view))
