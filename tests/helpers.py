"""Test helpers for component trees."""
from __future__ import annotations


def prop(node, name: str):
    """A property of a component, or of a component as the JSON Dash sends (a dict with
    ``props``: the router's cached placeholders)."""
    if isinstance(node, dict):
        return node.get("props", {}).get(name)
    return getattr(node, name, None)


def _type(node) -> str:
    return node.get("type", "") if isinstance(node, dict) else type(node).__name__


def texts(component, popovers: bool = False) -> list[str]:
    """Every string in a Dash component tree (components or their JSON), depth first; the
    text of definition popovers (hidden until opened) only with ``popovers=True``."""
    out: list[str] = []

    def walk(node):
        if node is None:
            return
        if not popovers and _type(node) == "Popover":
            return
        if isinstance(node, str):
            out.append(node)
            return
        if isinstance(node, (int, float)):
            out.append(str(node))
            return
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        walk(prop(node, "children"))

    walk(component)
    return out


def find(component, component_id):
    """The component with ``id`` in a tree (components or their JSON), or None."""
    if component is None or isinstance(component, (str, int, float)):
        return None
    if isinstance(component, (list, tuple)):
        for child in component:
            found = find(child, component_id)
            if found is not None:
                return found
        return None
    if prop(component, "id") == component_id:
        return component
    return find(prop(component, "children"), component_id)


def waiting_for_claims(cache, count: int):
    """An event set once ``count`` callers of ``cache`` have found a claim already taken
    (they then wait for its owner's result)."""
    import threading

    taken = threading.Event()
    refused = []
    acquire = cache._acquire

    def counting_acquire(lock):
        got = acquire(lock)
        if not got:
            refused.append(lock)
            if len(refused) >= count:
                taken.set()
        return got

    cache._acquire = counting_acquire
    return taken
