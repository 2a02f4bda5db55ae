"""The requests a browser sends when it opens a page, built from the app's own
``/_dash-layout`` and ``/_dash-dependencies`` (so they follow the callbacks as they change).

Opening a page is: the router callback (inputs ``url.pathname`` and ``url.search``), whose
response is the page's skeleton; then every server callback whose inputs all live in
that skeleton (the page's store, the filter bar's store) fires once, with the values the
skeleton holds, just as dash-renderer fires the initial callbacks of new components.
Clientside callbacks cost no round trip and are left out.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

ROUTER_INPUTS = {("url", "pathname"), ("url", "search")}


def id_key(component_id) -> str:
    """The id as dash-renderer writes it (dict ids: JSON with sorted keys, no spaces)."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return str(component_id)


def parse_output(spec: str) -> list[dict]:
    """``..a.children...b.figure..`` (or ``a.children``) -> [{id, property}, ...]."""
    multi = spec.startswith("..") and spec.endswith("..")
    parts = spec[2:-2].split("...") if multi else [spec]
    out = []
    for part in parts:
        if part.startswith("{"):
            end = part.rindex("}") + 1
            out.append({"id": json.loads(part[:end]), "property": part[end + 1:]})
        else:
            name, prop = part.rsplit(".", 1)
            out.append({"id": name, "property": prop})
    return out


def collect_props(tree, into: dict | None = None) -> dict:
    """id key -> props of every component with an id in a layout tree."""
    into = {} if into is None else into
    if isinstance(tree, list):
        for item in tree:
            collect_props(item, into)
    elif isinstance(tree, dict):
        props = tree.get("props")
        if isinstance(props, dict) and "type" in tree and "namespace" in tree:
            if "id" in props:
                into[id_key(props["id"])] = props
            for value in props.values():
                if isinstance(value, (list, dict)):
                    collect_props(value, into)
        else:
            for value in tree.values():
                if isinstance(value, (list, dict)):
                    collect_props(value, into)
    return into


def _wildcard(component_id) -> bool:
    return isinstance(component_id, dict) and any(isinstance(v, (list, dict)) or v in ("ALL", "MATCH", "ALLSMALLER")
                                                  for v in component_id.values())


@dataclass
class Callback:
    label: str  # the first output (id.property) and how many outputs
    payload: dict
    outputs: list[dict] = field(default_factory=list)


def _payload(dep: dict, props: dict) -> dict:
    outputs = parse_output(dep["output"])
    inputs = [{"id": i["id"], "property": i["property"], "value": props.get(id_key(i["id"]), {}).get(i["property"])}
              for i in dep["inputs"]]
    state = [{"id": s["id"], "property": s["property"], "value": props.get(id_key(s["id"]), {}).get(s["property"])}
             for s in dep.get("state", [])]
    multi = dep["output"].startswith("..")
    changed = [f"{id_key(i['id'])}.{i['property']}" for i in dep["inputs"]]
    payload = {"output": dep["output"], "outputs": outputs if multi else outputs[0], "inputs": inputs,
               "changedPropIds": changed}
    if state:
        payload["state"] = state
    return payload


def _label(dep: dict) -> str:
    outputs = parse_output(dep["output"])
    first = outputs[0]
    name = first["id"]["name"] if isinstance(first["id"], dict) and "name" in first["id"] else id_key(first["id"])
    return f"{name}.{first['property']}" + (f" (+{len(outputs) - 1})" if len(outputs) > 1 else "")


class DashClient:
    """The router payload and the page payloads for a server's callbacks."""

    def __init__(self, layout: dict, dependencies: list[dict]):
        self.shell = collect_props(layout)
        self.server_deps = [d for d in dependencies if not d.get("clientside_function")]
        self.router = next(d for d in self.server_deps
                           if {(i["id"], i["property"]) for i in d["inputs"]} == ROUTER_INPUTS)

    def router_callback(self, pathname: str, search: str = "") -> Callback:
        props = dict(self.shell)
        props["url"] = {**self.shell.get("url", {}), "pathname": pathname, "search": search}
        return Callback("router (url)", _payload(self.router, props), parse_output(self.router["output"]))

    def page_callbacks(self, router_response: dict) -> list[Callback]:
        """The callbacks the new page's components fire, from the router's response, by
        dash-renderer's rule for a new layout chunk: a callback with an output in the
        chunk runs (its initial call) unless ``prevent_initial_call``; a callback with an
        input in the chunk and no output in it runs as if that input had changed, even
        with ``prevent_initial_call`` (the filter bar's callback that writes the URL).
        Pattern-matching (wildcard) callbacks are left out: here they are all clientside
        or fire only on a click."""
        page_tree = router_response.get("response", {})
        page_props = collect_props(page_tree)
        props = {**self.shell, **page_props}
        out = []
        for dep in self.server_deps:
            if dep is self.router:
                continue
            inputs = [i["id"] for i in dep["inputs"]]
            outputs = [o["id"] for o in parse_output(dep["output"])]
            if not inputs or any(_wildcard(i) for i in inputs + outputs):
                continue
            output_in_chunk = any(id_key(o) in page_props for o in outputs)
            input_in_chunk = any(id_key(i) in page_props for i in inputs)
            if (output_in_chunk and not dep.get("prevent_initial_call")) or (input_in_chunk and not output_in_chunk):
                out.append(Callback(_label(dep), _payload(dep, props), parse_output(dep["output"])))
        return out


def post(session, base: str, payload: dict, timeout: float = 300):
    """POST one callback; returns (response, bytes of its body)."""
    response = session.post(base + "/_dash-update-component", json=payload, timeout=timeout)
    return response, len(response.content)
