"""The page's first view as HTML in the initial response.

Without it a phone shows "Loading..." until Dash's scripts have loaded, parsed and
asked for the layout and the page's callbacks: 20 s of blank screen on Lighthouse's
mobile preset. Here the index page carries, inside ``#react-entry-point``, the same
component tree the app then draws (the router's navbar and page skeleton; on an
overview or unit page also its header, KPI cards and attention list, from the same
layout functions and the same data service), written as plain HTML with the same tags
and classes. The renderer replaces it when it mounts.

Interactive widgets (date picker, drop-downs, graphs, grids) are written as empty
boxes of their size. Anything that goes wrong here falls back to Dash's own
"Loading..." (the page itself never fails because of its preview).
"""
from __future__ import annotations

import json
import logging
import re
from html import escape

from flask import request

from callbacks.router import FULL, fill, render_route
from dashboard import fmt
from dashboard.viewstate import ViewState
from layouts import ids
from layouts.grid import reserved_height
from layouts.shell import app_layout, freshness

log = logging.getLogger("grassroots.web")

# html.* components whose tag is not the lower-case type name
VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}
ATTRIBUTE_NAMES = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex"}
SKIP_PROPS = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "setProps"}
BREAKPOINTS = ("xs", "sm", "md", "lg", "xl", "xxl")


def _css(style: dict) -> str:
    parts = []
    for key, value in style.items():
        name = "".join("-" + ch.lower() if ch.isupper() else ch for ch in key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name not in ("opacity", "z-index",
                                                                                           "flex", "font-weight"):
            value = f"{value}px"
        parts.append(f"{name}: {value}")
    return "; ".join(parts)


def _id(value) -> str:
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return str(value)


def _attrs(props: dict, classes: list[str] | None = None, extra: dict | None = None) -> str:
    out = {}
    for key, value in props.items():
        if key in SKIP_PROPS or value is None or value is False:
            continue
        if key == "style":
            if value:
                out["style"] = _css(value)
            continue
        if key == "id":
            out["id"] = _id(value)
            continue
        if isinstance(value, (dict, list)):
            continue
        out[ATTRIBUTE_NAMES.get(key, key)] = "" if value is True else str(value)
    if classes:
        out["class"] = " ".join([*classes, *([out["class"]] if out.get("class") else [])]).strip()
    out.update(extra or {})
    return "".join(f' {k}="{escape(v, quote=True)}"' if v != "" else f" {k}" for k, v in out.items())


def _children(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "".join(_children(v) for v in value)
    if isinstance(value, (str, int, float)):
        return escape(str(value))
    return render(value)


def _tag(name: str, props: dict, classes: list[str] | None = None, extra: dict | None = None,
         inner: str | None = None) -> str:
    body = _children(props.get("children")) if inner is None else inner
    return f"<{name}{_attrs(props, classes, extra)}>{body}</{name}>"


def _col_classes(props: dict) -> list[str]:
    out = []
    for bp in BREAKPOINTS:
        width = props.pop(bp, None)
        if width is None:
            continue
        infix = "" if bp == "xs" else f"-{bp}"
        out.append(f"col{infix}" if width is True else f"col{infix}-{width}")
    return out or ["col"]


def _dbc(kind: str, props: dict) -> str:
    props = dict(props)
    if kind == "Col":
        return _tag("div", props, _col_classes(props))
    if kind == "Row":
        return _tag("div", props, ["row"])
    if kind == "Container":
        fluid = props.pop("fluid", False)
        return _tag("div", props, [f"container-{fluid}" if isinstance(fluid, str) else
                                   ("container-fluid" if fluid else "container")])
    if kind == "Card":
        props.pop("color", None)
        return _tag("div", props, ["card"])
    if kind == "Label":
        target = props.pop("html_for", None)
        return _tag("label", props, ["form-label"], {"for": _id(target)} if target else None)
    if kind == "CardBody":
        return _tag("div", props, ["card-body"])
    if kind == "Alert":
        color = props.pop("color", "primary")
        return _tag("div", props, ["fade", f"alert alert-{color}", "show"], {"role": "alert"})
    if kind == "Button":
        color, outline, size = props.pop("color", "primary"), props.pop("outline", False), props.pop("size", None)
        classes = ["btn", f"btn-outline-{color}" if outline else f"btn-{color}"] + ([f"btn-{size}"] if size else [])
        return _tag("button", props, classes, {"type": "button"})
    if kind == "Navbar":
        color, dark, expand = props.pop("color", None), props.pop("dark", False), props.pop("expand", "md")
        classes = ["navbar", f"navbar-expand-{expand}", "navbar-dark" if dark else "navbar-light"]
        classes += [f"bg-{color}"] if color else []
        return _tag("nav", props, classes)
    if kind == "NavbarToggler":  # dbc's own label
        return _tag("button", props, ["navbar-toggler", "collapsed"], {"type": "button", "aria-label": "Toggle navigation"},
                    inner='<span class="navbar-toggler-icon"></span>')
    if kind == "Collapse":
        navbar = props.pop("navbar", False)
        props.pop("is_open", None)
        return _tag("div", props, ["collapse"] + (["navbar-collapse"] if navbar else []))
    if kind == "Nav":
        # as dbc 2 draws it: a div; in a navbar only "navbar-nav" (Bootstrap's "nav" would
        # let the links wrap onto a second row where the app shrinks them instead)
        navbar = props.pop("navbar", False)
        return _tag("div", props, ["navbar-nav"] if navbar else ["nav"])
    if kind == "NavItem":
        return _tag("div", props, ["nav-item"])
    if kind == "NavLink":
        active = props.pop("active", False)
        return _tag("a", props, ["nav-link"] + (["active"] if active is True else []))
    if kind == "DropdownMenu":
        label = props.get("label")
        # as dbc draws it in a navbar: a div (an <li> outside a list is no list item)
        return (f'<div class="{escape(props.get("className") or "")} dropdown nav-item">'
                f'<a class="{escape(props.get("toggle_class_name") or "")} dropdown-toggle nav-link" role="button"'
                f' href="#">{_children(label)}</a></div>')
    # popovers, tooltips, modals: not shown until opened
    return ""


def _dcc(kind: str, props: dict) -> str:
    if kind == "Link":
        return _tag("a", props)
    if kind == "Loading":
        parent = _css({"position": "relative", **(props.get("parent_style") or {})})
        return f"<div style=\"{escape(parent, quote=True)}\"><div>{_children(props.get('children'))}</div></div>"
    if kind == "Graph":
        figure = props.get("figure") or {}
        height = (figure.get("layout") or {}).get("height") or 450
        return f'<div class="dash-graph" style="height: {int(height)}px"></div>'
    if kind == "Clipboard":  # a button with the copy icon (an svg 12 x 14 px)
        own = {k: v for k, v in props.items() if k in ("id", "className", "style", "title")}
        return _tag("div", own, None, None, inner='<svg width="12" height="14" aria-hidden="true"></svg>')
    if kind in ("Store", "Location", "Download", "Interval"):
        return ""
    # date picker, drop-downs, sliders: a box of a control's height (Dash 4 draws them 34 px)
    # holding the value the control shows
    return f'<div class="first-view-control" style="min-height: 34px">{escape(_control_text(kind, props))}</div>'


def _control_text(kind: str, props: dict) -> str:
    """What a date picker or drop-down shows before the app draws it."""
    if kind == "DatePickerSingle" and props.get("date"):
        return fmt.day(props["date"])
    if kind == "Dropdown":
        chosen = props.get("value")
        chosen = chosen if isinstance(chosen, (list, tuple)) else [chosen]
        labels = {}
        for option in props.get("options") or []:
            if isinstance(option, dict):
                labels[option.get("value")] = option.get("label")
        return ", ".join(str(labels[v]) for v in chosen if isinstance(labels.get(v), (str, int, float)))
    return ""


def _choices(kind: str, props: dict) -> str:
    """dbc radio items and check lists as dbc draws them (their labels take room: a
    one-line box would grow when the app draws two lines)."""
    kind_attr = "radio" if kind == "RadioItems" else "checkbox"
    value = props.get("value")
    chosen = set(value) if isinstance(value, (list, tuple)) else {value}
    inline = " form-check-inline" if props.get("inline") else ""
    items = []
    for option in props.get("options") or []:
        if not isinstance(option, dict):
            option = {"label": option, "value": option}
        checked = " checked" if option.get("value") in chosen else ""
        # each input named by its label, with dbc's own id for it
        input_id = escape(f'_dbcprivate_{kind.lower()}_{_id(props.get("id"))}_input_{option.get("value")}', quote=True)
        items.append(f'<div class="form-check{inline}"><input id="{input_id}" type="{kind_attr}"'
                     f' class="form-check-input"{checked}><label class="form-check-label" for="{input_id}">'
                     f'{_children(option.get("label"))}</label></div>')
    own = {k: v for k, v in props.items() if k in ("id", "className", "style")}
    return _tag("div", own, None, None, inner="".join(items))


def render(component) -> str:
    """A Dash component tree as HTML: html.* as themselves, the dbc and dcc components the
    pages use as the markup they draw (interactive ones as boxes of their size)."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float, list, tuple)):
        return _children(component)
    namespace, kind = getattr(component, "_namespace", ""), getattr(component, "_type", "")
    props = {k: v for k, v in component.to_plotly_json()["props"].items() if v is not None}
    if namespace == "dash_html_components":
        tag = kind.lower()
        if tag in VOID:
            return f"<{tag}{_attrs(props)}>"
        return _tag(tag, props)
    if namespace == "dash_bootstrap_components":
        if kind in ("RadioItems", "Checklist"):
            return _choices(kind, props)
        if kind in ("Input", "Select", "Textarea"):
            return '<div class="first-view-control" style="min-height: 38px"></div>'
        return _dbc(kind, props)
    if namespace == "dash_core_components":
        return _dcc(kind, props)
    if namespace == "dash_ag_grid":
        return _grid(props)
    return ""


# the valueFormatter expressions of layouts/grid.py's columns (assets/dashAgGridFunctions.js)
FORMATTERS = (
    (re.compile(r"viNumber\(params\.value, (\d+), '(\w+)'\)"),
     lambda value, m: fmt.number(value, int(m.group(1)), m.group(2))),
    (re.compile(r"viPercent\(params\.value, '(\w+)'\)"), lambda value, m: fmt.percent(value, 1, m.group(1))),
    (re.compile(r"viDate\(params\.value\)"), lambda value, m: fmt.day(value) if value else "—"),
)
END = ' class="text-end"'
GRID_ROWS = 200  # rows drawn before AG Grid (a grid of more scrolls; AG Grid draws them all)


def _columns(defs: list) -> list[dict]:
    """Leaf columns, in order (groups opened)."""
    out = []
    for column in defs or []:
        if column.get("children"):
            out.extend(_columns(column["children"]))
        elif not column.get("hide"):
            out.append(column)
    return out


def _formatted(column: dict, value) -> str:
    """``value`` as the column's valueFormatter writes it (as it is without one)."""
    spec = column.get("valueFormatter")
    expression = spec.get("function") if isinstance(spec, dict) else None
    for pattern, format_value in FORMATTERS:
        match = pattern.fullmatch(expression) if expression else None
        if match:
            return format_value(value, match)
    return "" if value is None else str(value)


def _cell(column: dict, row: dict) -> str:
    value = row.get(column.get("field"))
    text = _formatted(column, value)
    renderer = column.get("cellRenderer")
    if renderer == "UnitLink" and row.get("href"):
        return f'<a href="{escape(str(row["href"]), quote=True)}" class="unit-link">{escape(text)}</a>'
    if renderer == "Grade" and value:
        labels = (column.get("cellRendererParams") or {}).get("labels") or {}
        return f'<span class="grade grade-{escape(str(value), quote=True)}">{escape(str(labels.get(value, value)))}</span>'
    return escape(text)


def _grid(props: dict) -> str:
    """A grid's rows as a plain table, in a box of the grid's height: read before AG Grid
    has loaded (it then draws the same rows in the same box, with sorting and filters)."""
    style = {key: value for key, value in (props.get("style") or {}).items() if value is not None}
    options = props.get("dashGridOptions") or {}
    columns = _columns(props.get("columnDefs"))
    rows = list(props.get("rowData") or [])
    total = list(options.get("pinnedBottomRowData") or [])
    if not columns:
        return f'<div class="data-grid" style="{escape(_css(style or {"height": "200px"}), quote=True)}"></div>'
    head = "".join(f'<th scope="col">{escape(str(c.get("headerName") or c.get("field") or ""))}</th>'
                   for c in columns)
    numeric = [c.get("type") == "numericColumn" for c in columns]

    def line(row: dict, css: str = "") -> str:
        cells = "".join(f"<td{END if n else ''}>{_cell(c, row)}</td>" for c, n in zip(columns, numeric))
        return f"<tr{css}>{cells}</tr>"

    body = "".join(line(row) for row in rows[:GRID_ROWS])
    foot = "".join(line(row, ' class="fw-semibold"') for row in total)
    # the box AG Grid will fill: its own height, or an auto-height grid's reserved one
    height = style.get("height") or f"{reserved_height(len(rows) + len(total))}px"
    box = _css({**style, "height": height, "overflow": "auto"})
    return (f'<div class="data-grid first-view-grid" style="{escape(box, quote=True)}">'
            f'<table class="table table-sm mb-0"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            f'{"<tfoot>" + foot + "</tfoot>" if foot else ""}</table></div>')


def first_view(app, service, path: str, search: str) -> str:
    """The HTML of the page at ``path``/``search`` as the app first draws it."""
    navbar, page, _title = render_route(app, service, path, search, FULL)  # the whole first view
    shell = app_layout()
    # the footer too: filled by its own callback, it would otherwise appear late and move
    fill(shell, {ids.NAVBAR: navbar, ids.PAGE: page,
                 ids.FRESHNESS: freshness(service.freshness(), ViewState.from_query(search).lang)})
    # the renderer's own wrappers, so that the page's boxes nest as they will
    # data-first-view: gone once the renderer has mounted its own tree (tests wait for that)
    return (f'<div id="_dash-global-error-container" data-first-view="1"><div id="_dash-app-content">'
            f'{render(shell)}</div></div>')


def install(app, service) -> None:
    """Dash's index page gets the first view inside ``#react-entry-point``."""
    original = app.interpolate_index

    def interpolate_index(**kwargs):
        try:
            query = request.query_string.decode("utf-8", "replace")
            html_text = first_view(app, service, request.path, "?" + query if query else "")
            kwargs["app_entry"] = f'<div id="react-entry-point">{html_text}</div>'
        except Exception:  # the preview must never break the page
            log.exception("first view of %s not rendered", request.path)
        return original(**kwargs)

    app.interpolate_index = interpolate_index
