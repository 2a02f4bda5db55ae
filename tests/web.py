"""Helpers for tests that talk HTTP to the app: log a Flask test client in, build the
request Dash's browser side sends to ``/_dash-update-component`` for any callback of the
app's callback map (so that pages merged later are covered without new code)."""
from __future__ import annotations

import json

from dash._utils import split_callback_id

ORIGIN = "http://localhost"  # the Flask test client's host
SAME_ORIGIN = {"Origin": ORIGIN}


def login(client, username: str, password: str, **headers):
    """POST the login form as a browser on this origin would; returns the response."""
    return client.post("/dang-nhap", data={"username": username, "password": password},
                       headers={**SAME_ORIGIN, **headers})


def session_cookie(client) -> str | None:
    from dashboard.web.gate import COOKIE_NAME

    cookie = client.get_cookie(COOKIE_NAME)
    return cookie.value if cookie else None


def server_callbacks(app) -> dict[str, dict]:
    """The callbacks that run on the server (clientside ones never reach it)."""
    return {key: spec for key, spec in app.callback_map.items() if spec.get("callback") is not None}


def _concrete(id_text: str, wildcard_value="x"):
    """A component id as the browser sends it: pattern wildcards given a value."""
    if not id_text.startswith("{"):
        return id_text
    parsed = json.loads(id_text)
    return {k: (wildcard_value if isinstance(v, list) else v) for k, v in parsed.items()}


def _is_multi(id_text: str) -> bool:
    return id_text.startswith("{") and any(v in (["ALL"], ["ALLSMALLER"]) for v in json.loads(id_text).values())


def _id_text(component_id) -> str:
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def callback_payload(app, key: str, value_for) -> dict:
    """The JSON body of a ``/_dash-update-component`` request for callback ``key``.

    ``value_for(component_id, property)`` gives each input's and state's value (component
    ids with pattern wildcards are made concrete first). Inputs with ALL get one item."""
    spec = app.callback_map[key]

    def item(dep):
        prop = dep["property"]
        if _is_multi(dep["id"]):
            concrete = _concrete(dep["id"], "csv")
            concrete = {k: ("x" if json.loads(dep["id"])[k] == ["MATCH"] else v) for k, v in concrete.items()}
            return [{"id": concrete, "property": prop, "value": value_for(concrete, prop)}]
        concrete = _concrete(dep["id"])
        return {"id": concrete, "property": prop, "value": value_for(concrete, prop)}

    outputs = split_callback_id(key)

    def concrete_output(out):
        return {"id": _concrete(out["id"]) if isinstance(out["id"], str) else out["id"], "property": out["property"]}

    outputs = [concrete_output(o) for o in outputs] if isinstance(outputs, list) else concrete_output(outputs)
    inputs = [item(dep) for dep in spec["inputs"]]
    first = inputs[0][0] if isinstance(inputs[0], list) else inputs[0]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "state": [item(dep) for dep in spec.get("state", [])],
        "changedPropIds": [f"{_id_text(first['id'])}.{first['property']}"],
    }


def post_callback(client, payload: dict, **headers):
    return client.post("/_dash-update-component", data=json.dumps(payload),
                       headers={**SAME_ORIGIN, "Content-Type": "application/json", **headers})


def response_text(response) -> str:
    """The body as text, with JSON's escaped non-ASCII characters written out, and the
    files of any ``dcc.Download`` in it (base64; XLSX unzipped) written out too, so that
    what a download carries is searched like the rest."""
    if not response.is_json:
        return response.get_data(as_text=True)
    body = response.get_json()
    parts = [json.dumps(body, ensure_ascii=False)]

    def walk(node):
        if isinstance(node, dict):
            if node.get("base64") and isinstance(node.get("content"), str):
                parts.append(_file_text(node["content"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body)
    return "\n".join(parts)


def _file_text(content: str) -> str:
    import base64
    import io
    import zipfile

    data = base64.b64decode(content)
    if data[:2] == b"PK":  # XLSX and other zip files: every member's text
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return data.decode("utf-8", "replace")
