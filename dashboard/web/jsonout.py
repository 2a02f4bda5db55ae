"""The JSON of callback answers, four times faster than Dash's default.

Dash writes each callback's answer with ``plotly.io.json.to_json_plotly``, which with
orjson installed first walks the whole answer in Python (``clean_to_json_compatible``:
every component turned into a dict, every value looked at) before orjson writes it. For
this dashboard's answers (components and plain-dict figures) that walk is most of the
cost: 10-13 ms of CPU for the callbacks of one overview page, against 3 ms with the
standard library's C encoder and plotly's own encoder class for what it cannot write
(components, numpy and pandas values, dates). Same JSON (tested): non-ASCII text as UTF-8
like orjson (Vietnamese is not inflated into \\u escapes), the characters plotly escapes
escaped the same way, NaN and infinities as null.

``install`` replaces the name Dash's callback module uses (``dash._callback.to_json``):
a private name, so it only replaces a function it finds, and the tests check the answers.
"""
from __future__ import annotations

import json

# what plotly escapes in JSON bound for the browser (plotly.io._json._swap_orjson)
_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _encoder():
    from _plotly_utils.utils import PlotlyJSONEncoder

    class Encoder(PlotlyJSONEncoder):
        """plotly's encoder, whose second pass (NaN and infinities to null, when the text
        holds them) keeps the text UTF-8 too."""

        def encode(self, o):
            out = json.JSONEncoder.encode(self, o)
            if "NaN" not in out and "Infinity" not in out:
                return out
            strict = json.loads(out, parse_constant=self.coerce_to_strict)
            return json.dumps(strict, separators=(",", ":"), ensure_ascii=False)

    return Encoder


_ENCODER = None


def callback_json(value) -> str:
    global _ENCODER
    if _ENCODER is None:
        _ENCODER = _encoder()
    out = json.dumps(value, cls=_ENCODER, separators=(",", ":"), ensure_ascii=False)
    for unsafe, safe in _ESCAPES:
        if unsafe in out:
            out = out.replace(unsafe, safe)
    return out


def install() -> bool:
    """Dash's callback answers written by ``callback_json``; False when this Dash has no
    such function to replace (then its own is kept)."""
    import dash._callback as dash_callback

    if not callable(getattr(dash_callback, "to_json", None)):
        return False
    dash_callback.to_json = callback_json
    return True
