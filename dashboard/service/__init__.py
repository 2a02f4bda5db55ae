"""The data service (``core.DataService``) and its parts, one concern each."""
from .context import ForbiddenUnit, PageContext, ResolvedView, UnknownUnit
from .core import DataService

__all__ = ["DataService", "ForbiddenUnit", "PageContext", "ResolvedView", "UnknownUnit"]
