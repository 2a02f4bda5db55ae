"""What every part of the data service shares: the page context a callback's answer is
computed for, the errors that say a unit cannot be shown, and the base of the parts
(``Part``) with the page-result cache."""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, replace
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sqlalchemy.engine import Engine

from .. import village
from ..indicators import oversight_detail, training_detail, unified_detail
from ..indicators.view import View
from ..periods import Period
from ..structure import UnitInfo
from ..viewstate import Route, ViewState


class UnknownUnit(LookupError):
    """No unit ever had the code asked for."""


class ForbiddenUnit(UnknownUnit):
    """The user's scope does not reach the unit. A caller that only knows
    ``UnknownUnit`` says "no such unit", which gives nothing away."""


@dataclass(frozen=True)
class ResolvedView:
    """A view plus what the page needs to say about it."""

    view: View
    unit: UnitInfo
    unit_valid: bool  # False: the unit did not exist on the structure date
    restricted: bool = False  # above the user's scope: only the children they may see


@dataclass(frozen=True)
class PageContext:
    """Everything a unit page needs to know before it draws anything.

    error: None, "empty_database", "unknown_unit" or "forbidden" (the user's scope does
    not reach the unit: nothing about it is shown). When the unit exists but not on the
    structure date, ``unit_valid`` is False and ``successors`` says where it went.
    restricted: the unit is above the user's scope (the town, for a commune's leader):
    only the children the user may see are rows, and the total is theirs alone.
    """

    route: Route
    state: ViewState
    period: Period
    previous: Period
    structure_date: date
    is_demo: bool
    view: View | None = None
    unit: UnitInfo | None = None
    unit_valid: bool = False
    breadcrumb: tuple[UnitInfo, ...] = ()
    successors: tuple[tuple[UnitInfo, date, bool], ...] = ()
    village: UnitInfo | None = None
    error: str | None = None
    restricted: bool = False


def with_changes(obj, **changes):
    """A frozen dataclass with some fields changed (``dataclasses.replace``)."""
    return replace(obj, **changes)


def previous_total_view(context: PageContext) -> View:
    """The view of the previous period on the same children (the structure date of the
    page), computing the total row alone: what the headline cards compare with."""
    view = context.view
    return replace(view, period=context.previous, structure_on=view.structure_date, total_only=True)


def page_cached(compute):
    """A page result cached on its context (``Part._page_cached``) under the method's
    name; further arguments (a list's limit) are part of the key."""
    @functools.wraps(compute)
    def method(self, context, *args, **kwargs):
        extra = (*args, *sorted(kwargs.items()))
        name = f"{type(self).__name__}.{compute.__name__}"
        return self._page_cached(name, context, lambda: compute(self, context, *args, **kwargs), *extra)
    return method


class Part:
    """One concern of the data service (a page's results, notes, imports, reports). It
    reaches the engine, the caches, the user's scope and the context resolution through
    the core (``DataService``)."""

    def __init__(self, core):  # the DataService (``core``) that builds its parts
        self.core = core

    @property
    def engine(self) -> Engine:
        return self.core.engine

    def _page_cached(self, name: str, context: PageContext, compute, *extra):
        return self.core.page_cached(name, context, compute, *extra)


@functools.lru_cache(maxsize=8)
def source_stamp(packages: tuple[str, ...] = ("dashboard",)) -> str:
    """Every source file's name, size and modification time in ``packages``, hashed once
    per process: a result belongs to the code that computed it, so a new indicator or a
    changed rule never reads what older code cached (no format number to remember)."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def _release() -> str:
    try:
        return version("grassroots-dashboard")
    except PackageNotFoundError:  # running from a checkout that was not installed
        return "checkout"


def code_fingerprint() -> tuple:
    """What, besides the data, decides a cached result: the application's version and
    the size limits of the lists (a list cut at 300 rows is another result at 200). A
    new release, or a limit changed by a deployment or a test, never reads an entry the
    old code wrote."""
    return (_release(), source_stamp(), village.ROW_LIMIT,
            oversight_detail.ACTIVITY_TABLE_MAX_VILLAGES, oversight_detail.ACTIVITY_ROWS,
            oversight_detail.SILENT_ROWS, training_detail.COURSE_LIMIT, training_detail.TOPIC_LIMIT,
            training_detail.UNTRAINED_MAX_VILLAGES, training_detail.UNTRAINED_LIMIT,
            unified_detail.VILLAGE_TABLE_LIMIT)
