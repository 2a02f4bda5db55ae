"""Every component id, in one place: a typo is an import error, not a dead callback.

Pattern-matching ids are dicts built by the functions at the bottom.
"""

# shell
URL = "url"
NAVBAR = "navbar"
NAVBAR_TOGGLE = "navbar-toggle"
NAVBAR_COLLAPSE = "navbar-collapse"
PAGE = "page"
PAGE_TITLE = "page-title-sink"
PRINT = "print-button"

# filter bar
FILTER_BAR = "filter-bar"
FILTER_STATE = "filter-state"  # dcc.Store: {"page", "unit", "village", "search"}
F_DATE = "filter-date"
F_PERIOD = "filter-period"
F_STRUCTURE = "filter-structure"
F_KIND = "filter-kind"
F_UNITS = "filter-units"
F_RESET = "filter-reset"
F_COPY = "filter-copy"
F_LINK = "filter-link"

# page header (every unit page)
HEADER = "page-header"

# overview / unit page
OV_KPIS = "overview-kpis"
OV_ATTENTION = "overview-attention"
OV_TABLE = "overview-table"
OV_UNIT_EXTRA = "overview-unit-extra"

# --- page: unified positions (/nhat-the-hoa) ---
UN_HEADER = "unified-header"
UN_BODY = "unified-body"  # hidden when the unit cannot be shown
UN_KPIS = "unified-kpis"
UN_HISTORY = "unified-history"  # dcc.Graph: coverage over time (no drill-down)
UN_HISTORY_TERMS = "unified-history-terms"
UN_VILLAGES = "unified-villages"
# names of the drill-down charts by child (ids: drill_graph(name), chart_wrap(name))
UN_COVERAGE = "un-coverage"
UN_FIRST_TIME = "un-first-time"
UN_VACANT = "un-vacant"

# --- page: village (/don-vi/<commune>/<village>) ---
VL_HEADER = "village-header"
VL_BODY = "village-body"  # hidden when the village cannot be shown
VL_STATUS = "village-status"
VL_HOLDERS = "village-holders"
VL_TRAININGS = "village-trainings"
VL_ACTIVITIES = "village-activities"

# --- page: training (/boi-duong) ---

# --- page: community oversight (/giam-sat) and a commune's boards and briefings ---

# --- page: data, import, export, report (/du-lieu) ---

# --- login, users, roles, audit ---

# pattern-matching types
DRILL_GRAPH = "drill-graph"  # a figure whose points carry a unit's href in customdata
GRID = "grid"
GRID_EXPORT = "grid-export"
GRID_DOWNLOAD = "grid-download"


def view(page: str) -> str:
    """The store of the page shown: {"page", "unit", "village", "search"}. One id per page,
    so a page's callbacks fire only when that page is on screen."""
    return f"view-{page}"


def drill_graph(name: str) -> dict:
    return {"type": DRILL_GRAPH, "name": name}


def chart_wrap(name: str) -> str:
    return f"chart-wrap-{name}"


def grid(name: str) -> dict:
    return {"type": GRID, "name": name}


def grid_export(name: str, fmt: str) -> dict:
    return {"type": GRID_EXPORT, "name": name, "fmt": fmt}


def grid_download(name: str) -> dict:
    return {"type": GRID_DOWNLOAD, "name": name}
