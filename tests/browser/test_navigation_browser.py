"""An SPA navigation whose page is not in the result cache: the router answers with the
page's placeholders (no query of the page in front of it), the page's callback then fills
them, and the header and the KPI cards keep their place and size from the first frame
the new page shows to the last (callbacks/router.py, layouts/placeholders.py)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.web.app import create_app

from .test_overview_browser import click_bar, click_until, severe_console_errors, settled, wait_for

pytestmark = pytest.mark.browser

# Every animation frame: the URL, whether placeholders are shown, and the box of the
# header, the KPI row and the attention list (top relative to the document, height).
RECORD = """
window.__frames = [];
function box(id) {
  var el = document.getElementById(id);
  if (!el) { return null; }
  var r = el.getBoundingClientRect();
  return [Math.round(r.top + window.scrollY), Math.round(r.height)];
}
function record() {
  window.__frames.push({
    url: location.pathname,
    pending: !!document.querySelector('#overview-kpis .first-view-pending'),
    cards: document.querySelectorAll('#overview-kpis .kpi-card').length,
    header: box('page-header'), kpis: box('overview-kpis'), attention: box('overview-attention'),
    parts: Array.from(document.querySelectorAll('#page-header > div > *, #kpi-unified .card-body > *, #overview-kpis .kpi-card:first-child .card-body > *')).map(function (e) { return e.className + ':' + Math.round(e.getBoundingClientRect().height); })
  });
  if (window.__frames.length < 20000) { requestAnimationFrame(record); }
}
requestAnimationFrame(record);
"""


def test_a_click_on_a_commune_shows_its_cards_in_place(browser_available, start, demo_config, tmp_path):
    # a cache of its own: the commune's numbers are computed by no earlier test
    dash_duo = start(create_app(replace(demo_config, cache_dir=str(tmp_path / "cache"))))
    dash_duo.driver.set_window_size(1366, 900)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179", timeout=60)
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#chart-wrap-unified .bars .point")) == 19)
    settled(dash_duo)
    dash_duo.driver.execute_script(RECORD)
    click_until(dash_duo, lambda: click_bar(dash_duo, "unified", "Xã Hoàng Tân"),
                lambda: dash_duo.driver.current_url.endswith("/don-vi/07156?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#kpi-unified", "5/5", timeout=60)
    dash_duo.wait_for_contains_text("#page-header h1", "Xã Hoàng Tân", timeout=60)
    settled(dash_duo)
    frames = [f for f in dash_duo.driver.execute_script("return window.__frames;")
              if f["url"] == "/don-vi/07156" and f["kpis"] is not None and f["cards"]]
    first = next(i for i, f in enumerate(frames) if f["pending"])  # before it: the town's page, still shown
    frames = frames[first:]
    pending = [f for f in frames if f["pending"]]
    drawn = [f for f in frames if not f["pending"]]
    # the router drew the placeholders first (five cards), then the callback the figures
    assert pending and drawn and not frames[-1]["pending"]
    assert {f["cards"] for f in frames} == {5}
    assert "100,0 %" in dash_duo.find_element("#kpi-unified").text
    # nothing moved or changed size between the two: header, cards, and the attention list
    # (nothing needs attention in Hoàng Tân that day: the box of the placeholder)
    assert {tuple(f["header"]) for f in frames} == {tuple(drawn[-1]["header"])}
    assert {tuple(f["kpis"]) for f in frames} == {tuple(drawn[-1]["kpis"])}
    assert {tuple(f["attention"]) for f in frames} == {tuple(drawn[-1]["attention"])}
    assert "Không có đơn vị nào cần chú ý trong kỳ này." in dash_duo.find_element("#overview-attention").text
    assert severe_console_errors(dash_duo.driver) == []
