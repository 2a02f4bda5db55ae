"""The state of a view, as it lives in the URL.

A copied link reproduces the view exactly, so everything a page shows is decided by the
path and these query parameters (ASCII, short, stable):

    ngay    date, YYYY-MM-DD (default: today)
    ky      period: ngay (on the date, 12 months of activity), thang, quy, nam, nhiemky
    cocau   structure: taingay (as it was on the date, default) or hiennay (today's units)
    loai    kinds of child unit to keep, comma-separated (xa,phuong)
    dv      codes of child units to keep, comma-separated
    lang    vi (default) or en

Pure functions only: no database, no Dash.
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from .i18n import DEFAULT_LANGUAGE, LANGUAGES

PERIOD_SLUGS = {"ngay": "day", "thang": "month", "quy": "quarter", "nam": "year", "nhiemky": "term"}
PERIOD_TO_SLUG = {v: k for k, v in PERIOD_SLUGS.items()}
STRUCTURE_SLUGS = {"taingay": "as-of", "hiennay": "current"}
STRUCTURE_TO_SLUG = {v: k for k, v in STRUCTURE_SLUGS.items()}
MAX_LIST = 200  # at most this many codes in a list parameter
# The dates a page can be asked about (the date picker's range starts at the first one);
# a date outside is moved to the nearest one, and the page says so. Without a bound,
# 0001-01-01 broke every page computing its previous period ("year 0 is out of range").
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
_CODE_CHARS = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.")


def _clean_code(value: str) -> str | None:
    value = value.strip()
    if 0 < len(value) <= 32 and set(value) <= _CODE_CHARS:
        return value
    return None


@dataclass(frozen=True)
class ViewState:
    """What the URL says. ``day`` None means "today" (resolved by the caller)."""

    day: date | None = None
    period: str = "day"
    structure: str = "as-of"
    kinds: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    lang: str = DEFAULT_LANGUAGE
    # the URL's date when it was out of range (``day`` then holds the nearest valid one);
    # only for the message: not part of equality or of cache keys
    day_asked: str | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_query(cls, search: str | None) -> "ViewState":
        """Parse a query string (with or without the leading ``?``). Values that make no
        sense are ignored, never an error: a mistyped link still opens a page."""
        params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)

        def first(name):
            values = params.get(name)
            return values[0] if values else None

        day, day_asked = None, None
        if first("ngay"):
            try:
                day = date.fromisoformat(first("ngay"))
            except ValueError:
                day = None
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                day_asked = first("ngay")[:10]
                day = min(max(day, FIRST_DAY), LAST_DAY)
        period = PERIOD_SLUGS.get(first("ky") or "", "day")
        structure = STRUCTURE_SLUGS.get(first("cocau") or "", "as-of")

        def codes(name):
            raw = first(name) or ""
            out = []
            for part in raw.split(","):
                code = _clean_code(part)
                if code and code not in out:
                    out.append(code)
            return tuple(out[:MAX_LIST])

        lang = first("lang") if first("lang") in LANGUAGES else DEFAULT_LANGUAGE
        return cls(day, period, structure, codes("loai"), codes("dv"), lang, day_asked)

    def to_query(self) -> str:
        """The query string (with ``?``, or empty) that parses back to this state."""
        params = {}
        if self.day is not None:
            params["ngay"] = self.day.isoformat()
        if self.period != "day":
            params["ky"] = PERIOD_TO_SLUG[self.period]
        if self.structure != "as-of":
            params["cocau"] = STRUCTURE_TO_SLUG[self.structure]
        if self.kinds:
            params["loai"] = ",".join(self.kinds)
        if self.units:
            params["dv"] = ",".join(self.units)
        if self.lang != DEFAULT_LANGUAGE:
            params["lang"] = self.lang
        return "?" + urlencode(params, safe=",") if params else ""

    def for_child(self) -> "ViewState":
        """The state to carry one level down: child filters do not apply there."""
        return replace(self, kinds=(), units=())

    def with_(self, **changes) -> "ViewState":
        return replace(self, **changes)


# --- paths -----------------------------------------------------------------------------

PAGES = ("overview", "unified", "training", "oversight", "village", "profile")
PAGE_PATHS = {"overview": "/don-vi", "unified": "/nhat-the-hoa", "training": "/boi-duong",
              "oversight": "/giam-sat", "profile": "/co-cau"}
# Pages that are not about one unit.
STATIC_PAGES = {"data": "/du-lieu", "help": "/huong-dan"}


@dataclass(frozen=True)
class Route:
    """Which page a path asks for. ``unit`` None: the root. Page "village" is the detail
    of ``village`` reached from its commune ``unit``."""

    page: str
    unit: str | None = None
    village: str | None = None


def home_route(route: Route | None, home_unit: str | None) -> Route | None:
    """A one-unit user's root pages are their unit's pages: the root of a unit page (``/``,
    ``/nhat-the-hoa`` ...) becomes the same page of ``home_unit``; anything else, and any
    route when ``home_unit`` is None, is unchanged."""
    if route is None or home_unit is None or route.unit is not None or route.page not in PAGE_PATHS:
        return route
    return Route(route.page, home_unit)


def parse_path(pathname: str | None) -> Route | None:
    """The route for ``pathname`` (prefix already stripped), or None for an unknown path."""
    parts = [p for p in (pathname or "/").split("/") if p]
    if not parts:
        return Route("overview")
    head, rest = parts[0], parts[1:]
    if head == "don-vi":
        codes = [_clean_code(p) for p in rest]
        if not rest or None in codes or len(rest) > 2:
            return Route("overview") if not rest else None
        if len(codes) == 2:
            return Route("village", codes[0], codes[1])
        return Route("overview", codes[0])
    for page, path in PAGE_PATHS.items():
        if page != "overview" and path == "/" + head:
            if len(rest) > 1:
                return None
            code = _clean_code(rest[0]) if rest else None
            if rest and code is None:
                return None
            return Route(page, code)
    for page, path in STATIC_PAGES.items():
        if path == "/" + head and not rest:
            return Route(page)
    return None


def page_path(page: str, unit: str | None = None, village: str | None = None) -> str:
    """The path of ``page`` for ``unit`` (root when None); ``village`` for the village page."""
    if page == "village":
        return f"/don-vi/{unit}/{village}"
    if page == "overview":
        return "/" if unit is None else f"/don-vi/{unit}"
    if page in STATIC_PAGES:
        return STATIC_PAGES[page]
    base = PAGE_PATHS[page]
    return base + (f"/{unit}" if unit else "")


# The path prefix the app is served under ("/canbo" behind a proxy; "" at the root). Set
# by the web layer for each request from the configuration (never from the request), so
# that every link the pages build stays under the prefix.
_URL_PREFIX: ContextVar[str] = ContextVar("grassroots_url_prefix", default="")


def set_url_prefix(prefix: str):
    """Use ``prefix`` ("/canbo/" or "/") for links; returns a token for ``reset_url_prefix``."""
    return _URL_PREFIX.set((prefix or "/").rstrip("/"))


def reset_url_prefix(token) -> None:
    _URL_PREFIX.reset(token)


def prefixed(path: str) -> str:
    """An absolute path inside the app ("/don-vi/1") as the browser must request it."""
    return _URL_PREFIX.get() + path


def href(page: str, state: ViewState, unit: str | None = None, village: str | None = None) -> str:
    return prefixed(page_path(page, unit, village) + state.to_query())


def view_data(route: Route, search: str | None) -> dict:
    """What a page's callbacks read from its store: the route and the URL's query."""
    return {"page": route.page, "unit": route.unit, "village": route.village, "search": search or ""}


def route_from_data(data: dict) -> tuple[Route, ViewState]:
    """The inverse of ``view_data``."""
    data = data if isinstance(data, dict) else {}

    def code(name):
        value = data.get(name)
        return _clean_code(value) if isinstance(value, str) else None

    page = data.get("page") if data.get("page") in (*PAGES, *STATIC_PAGES) else "overview"
    search = data.get("search") if isinstance(data.get("search"), str) else ""
    return Route(page, code("unit"), code("village")), ViewState.from_query(search)


# The Word report of a unit (``/bao-cao-word/<code>``, the root without a code) with the
# query of the page it is asked from: its period, date and structure.
WORD_PATH = "bao-cao-word"
