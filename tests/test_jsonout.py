"""Callback answers written by dashboard.web.jsonout: the same JSON as Dash's default writer
(plotly's), Vietnamese as UTF-8, the browser-unsafe characters escaped, NaN as null."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
from dash import html
from plotly.io.json import to_json_plotly

from dashboard.web import jsonout

from .conftest import TEST_PASSWORD, TEST_USERS
from .web import login


def test_the_same_json_as_plotlys_writer():
    value = {
        "multi": True,
        "response": {
            "header": {"children": html.Div([html.H2("Phường Hà An <b>"), html.Span("98,9 %")], className="x")},
            "figure": {"data": [{"type": "bar", "x": ["Khu 1", "Khu 2"], "y": [np.int64(3), np.float64(float("nan"))],
                                 "customdata": np.array([1.5, 2.0])}],
                       "layout": {"title": {"text": "Tỷ lệ nhất thể hóa"}}},
            "when": date(2026, 11, 27), "stamp": pd.Timestamp("2026-11-27"), "inf": float("inf"),
            "separators": "a\u2028b\u2029c / d",
        },
    }
    ours = jsonout.callback_json(value)
    assert json.loads(ours) == json.loads(to_json_plotly(value))
    assert "Tỷ lệ nhất thể hóa" in ours  # UTF-8, not \\u escapes
    assert "<" not in ours and ">" not in ours and "/" not in ours
    assert "\\u003cb\\u003e" in ours and "\\u2028" in ours
    assert json.loads(ours)["response"]["figure"]["data"][0]["y"] == [3, None]
    assert json.loads(ours)["response"]["inf"] is None


def test_the_app_writes_its_callback_answers_with_it(app_config, tmp_path):
    """The overview header of the demo town over HTTP: UTF-8 Vietnamese in the bytes."""
    import dash._callback as dash_callback

    from dashboard.web.app import create_app
    from layouts import ids

    from .test_response_cache import main_key, post, store_payload

    app = create_app(replace(app_config, cache_dir=str(tmp_path / "cache")))
    assert dash_callback.to_json is jsonout.callback_json
    client = app.server.test_client()
    assert login(client, TEST_USERS["town"][0], TEST_PASSWORD).status_code == 302
    answer = post(client, store_payload(app, main_key(app, ids.HEADER), "overview"))
    assert answer.status_code == 200
    assert "Thị xã Quảng Yên".encode() in answer.data
    assert json.loads(answer.data)["multi"] is True
