"""Test helpers for component trees."""
from __future__ import annotations


def texts(component, popovers: bool = False) -> list[str]:
    """Every string in a Dash component tree, depth first; the text of definition
    popovers (hidden until opened) only with ``popovers=True``."""
    out: list[str] = []

    def walk(node):
        if node is None:
            return
        if not popovers and type(node).__name__ == "Popover":
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
        children = getattr(node, "children", None)
        walk(children)

    walk(component)
    return out


def find(component, component_id):
    """The component with ``id`` in a tree, or None."""
    if component is None or isinstance(component, (str, int, float)):
        return None
    if isinstance(component, (list, tuple)):
        for child in component:
            found = find(child, component_id)
            if found is not None:
                return found
        return None
    if getattr(component, "id", None) == component_id:
        return component
    return find(getattr(component, "children", None), component_id)


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
