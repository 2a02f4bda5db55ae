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
FRESHNESS = "freshness"  # every page: data up to, last import

# filter bar
FILTER_BAR = "filter-bar"
FILTER_DAY_MOVED = "filter-day-moved"
FILTER_STATE = "filter-state"  # dcc.Store: {"page", "unit", "village", "search"}
F_DATE = "filter-date"
F_PERIOD = "filter-period"
F_STRUCTURE = "filter-structure"
F_KIND = "filter-kind"
F_UNITS = "filter-units"
F_RESET = "filter-reset"
F_COPY = "filter-copy"
F_LINK = "filter-link"
FILTER_TOGGLE = "filter-toggle"  # phones: shows or hides the filters
FILTER_BODY = "filter-body"

# page header (every unit page)
HEADER = "page-header"

# overview / unit page
OV_KPIS = "overview-kpis"
OV_ATTENTION = "overview-attention"
OV_TILES = "overview-tiles"  # a commune's villages as tiles
OV_TABLE = "overview-table"
OV_UNIT_EXTRA = "overview-unit-extra"
OV_BODY = "overview-body"
OV_STALE = "overview-stale"  # the unit's own records stopped

# notes on a unit and a period (unit page)
NOTES = "notes"  # the list
NOTE_FORM = "note-form"
NOTE_TEXT = "note-text"
NOTE_SAVE = "note-save"
NOTE_CANCEL = "note-cancel"
NOTE_EDITING = "note-editing"  # dcc.Store: id of the note being edited, or None
NOTE_VERSION = "note-version"  # dcc.Store: bumped after each change, redraws the list
NOTE_MESSAGE = "note-message"
NOTE_EDIT = "note-edit"  # pattern-matching type: {"type": NOTE_EDIT, "id": note id}
NOTE_DELETE = "note-delete"

# help page
HELP = "help-page"

# --- page: unified positions (/nhat-the-hoa) ---
UN_HEADER = "unified-header"
UN_BODY = "unified-body"  # hidden when the unit cannot be shown
UN_KPIS = "unified-kpis"
UN_HISTORY = "unified-history"  # dcc.Graph: coverage over time (no drill-down)
UN_HISTORY_TERMS = "unified-history-terms"
UN_VILLAGES = "unified-villages"
# names of the drill-down charts by child (ids: drill_graph(name), chart_wrap(name))
UN_COVERAGE = "un-coverage"
UN_TILES = "unified-tiles"  # a commune's villages as tiles instead of the charts by child
UN_FIRST_TIME = "un-first-time"
UN_VACANT = "un-vacant"

# --- page: village (/don-vi/<commune>/<village>) ---
VL_HEADER = "village-header"
VL_BODY = "village-body"  # hidden when the village cannot be shown
VL_STATUS = "village-status"
VL_HOLDERS = "village-holders"
VL_PROFILES = "village-profiles"  # the current holders' profile on the date
VL_TRAININGS = "village-trainings"
VL_ACTIVITIES = "village-activities"

# --- page: training (/boi-duong) ---
TR_PAGE = "training-page"
TR_HEADER = "training-header"
TR_KPIS = "training-kpis"
TR_TIMELINE = "training-timeline"  # dcc.Graph: the courses of the period on a time axis
TR_COURSES = "training-courses"  # the course table and its notes
TR_COVERAGE_NOTE = "training-coverage-note"  # the topic legend under the heatmap
TR_UNTRAINED = "training-untrained"
TR_TABLE = "training-table"
TR_TILES = "training-tiles"  # a commune's villages as tiles instead of the two charts by child
# drill-down graphs (ids.drill_graph(name)); their wrappers are ids.chart_wrap(name)
TR_COMPLETION = "training-completion"
TR_PEOPLE = "training-people"
TR_COVERAGE = "training-coverage"


def training_section(name: str) -> str:
    """The wrapper of a section of the training page (hidden when there is nothing to show)."""
    return f"training-section-{name}"


# --- page: community oversight (/giam-sat) and a commune's boards and briefings ---
OS_HEADER = "oversight-header"
OS_KPIS = "oversight-kpis"
OS_NOTE = "oversight-note"
OS_RECS_TITLE = "oversight-recs-title"
OS_SILENT = "oversight-silent"
OS_ACTIVITIES = "oversight-activities"
OS_HEAT_KINDS = ("bttnd", "gsdtcd")  # one heatmap per board kind
OS_RECS = "oversight-recs"  # drill graph name of the recommendations chart
OS_TILES = "oversight-tiles"  # a commune's villages as tiles instead of the recommendations by child
OS_COMMUNE_BOARDS = "commune-boards"  # on the unit page, inside OV_UNIT_EXTRA
OS_COMMUNE_BRIEFINGS = "commune-briefings"


def os_heat(kind: str) -> str:
    """Drill graph name of the heatmap of board kind ``kind``."""
    return f"oversight-heat-{kind}"


def os_heat_title(kind: str) -> str:
    return f"oversight-heat-title-{kind}"


def os_kpi(key: str) -> str:
    return f"oversight-kpi-{key}"


def os_heat_inner(kind: str) -> str:
    """The box inside the heatmap's scroller (its min-width follows the columns)."""
    return f"oversight-heat-inner-{kind}"


# --- page: data, import, export, report (/du-lieu) ---
DATA_STATUS = "data-status"
DATA_LIMIT = "data-upload-limit"          # dcc.Store: the largest file accepted, in bytes
DATA_UPLOAD = "data-upload"
DATA_ADMIN_ONLY = "data-admin-only"
DATA_UPLOAD_HINT = "data-upload-hint"
DATA_PAYLOAD = "data-upload-payload"      # dcc.Store: {"contents", "filename"} of a file within the limit
DATA_TOO_LARGE = "data-upload-too-large"  # dcc.Store: {"filename", "size"} of a file over it
DATA_DRY_RUN = "data-dry-run"
DATA_RESULT = "data-result"
DATA_VERSION = "data-version"             # dcc.Store: bumped after each import, to refresh the lists
DATA_HISTORY = "data-history"
DATA_QUALITY = "data-quality"
DATA_TEMPLATE_BUTTON = "data-template-button"
DATA_TEMPLATE_DOWNLOAD = "data-template-download"
DATA_EXPORT_BUTTON = "data-export-button"
DATA_EXPORT_DOWNLOAD = "data-export-download"
DATA_EXPORT_MESSAGE = "data-export-message"
DATA_REPORT_UNIT = "data-report-unit"
DATA_REPORT_PERIOD = "data-report-period"
DATA_REPORT_DATE = "data-report-date"
DATA_REPORT_STRUCTURE = "data-report-structure"
DATA_REPORT_BUTTON = "data-report-button"
DATA_REPORT_DOWNLOAD = "data-report-download"
DATA_REPORT_MESSAGE = "data-report-message"
DATA_REPORT_KIND = "data-report-kind"
DATA_REPORT_NUMBER = "data-report-number"
DATA_REPORT_SIGNER = "data-report-signer"
DATA_REPORT_WORD = "data-report-word"
PRINT_WORD = "print-word"

# --- login, users, roles, audit ---
USER_NAME = "user-name"
AUDIT_LINK = "audit-link"
LOGOUT = "logout-button"
CHANGE_PASSWORD_LINK = "change-password-link"

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


def note_edit(note_id: int) -> dict:
    return {"type": NOTE_EDIT, "id": int(note_id)}


def note_delete(note_id: int) -> dict:
    return {"type": NOTE_DELETE, "id": int(note_id)}


def info(anchor: str) -> str:
    """The (i) button that opens a definition (``components.info_button``)."""
    return f"info-{anchor}"


def info_popover(anchor: str) -> str:
    return f"info-{anchor}-popover"


# --- page: who the cadres are (/co-cau) ---
PR_HEADER = "profile-header"
PR_BODY = "profile-body"
PR_KPIS = "profile-kpis"
PR_PYRAMID = "profile-pyramid"  # dcc.Graph: gender by age band (no drill-down)
PR_EDUCATION = "profile-education"  # drill graphs: posts by level, by child
PR_QUALIFICATION = "profile-qualification"
PR_THEORY = "profile-theory"
PR_TABLE = "profile-table"
PR_TERMS = "profile-terms"
PR_TERMS_CHART = "profile-terms-chart"
PR_HOLDERS = "profile-holders"
