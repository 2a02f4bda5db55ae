/* Accessibility repairs of third-party widgets that their props cannot reach (found by
   axe-core, tests/browser/test_accessibility_browser.py). A MutationObserver applies them
   to every widget as it is drawn or redrawn. Served from assets/ (no inline script).
   - Dash 4 DatePicker: the wrapper <div> carries aria-haspopup/aria-expanded, which a div
     without a role may not have (aria-allowed-attr): they move to the input, which
     becomes the combobox that opens the calendar dialog.
   - Dash 4 Dropdown: a focusable <input aria-hidden="true"> takes Tab (aria-hidden-focus):
     Tab goes to the dropdown's own button instead.
   - dcc.Upload: its file input has no label: it gets the zone's text.
   - AG Grid: an empty pinned header has a row without column headers
     (aria-required-children): hidden from assistive technology; the rows' scrolling
     container gets tabindex 0 so a keyboard can scroll it (scrollable-region-focusable).
   - Dash 4 DatePicker's buttons: their English aria-labels in the page's language.
   - <html lang>: follows the URL when the language is switched without a reload. */
(function () {
    "use strict";
    function datePickers(root) {
        root.querySelectorAll(".dash-datepicker-input-wrapper[aria-expanded], .dash-datepicker-input-wrapper[aria-haspopup]")
            .forEach(function (wrapper) {
                var input = wrapper.querySelector("input");
                if (input) {
                    input.setAttribute("role", "combobox");
                    input.setAttribute("aria-haspopup", "dialog");
                    input.setAttribute("aria-expanded", wrapper.getAttribute("aria-expanded") || "false");
                }
                wrapper.removeAttribute("aria-expanded");
                wrapper.removeAttribute("aria-haspopup");
                wrapper.removeAttribute("aria-disabled");
                wrapper.removeAttribute("type");
            });
    }
    // the picker's own buttons are labelled in English by Dash ("Previous month", "Decrease
    // value"...): the page gives their labels in its language (layouts/filters.py, from
    // dashboard/i18n.py) on the picker's wrapper
    function pickerLabels(root) {
        var holder = root.querySelector("[data-picker-labels]");
        if (!holder) { return; }
        var labels;
        try { labels = JSON.parse(holder.getAttribute("data-picker-labels")); } catch (e) { return; }
        root.querySelectorAll("[class*='dash-datepicker'] [aria-label], [class*='dash-datepicker'][aria-label]")
            .forEach(function (element) {
                var label = element.getAttribute("aria-label");
                var own = labels[label];
                if (own && own !== label) {
                    element.setAttribute("data-label-en", label);
                    element.setAttribute("aria-label", own);
                    element.setAttribute("title", own);
                }
            });
    }
    function dropdowns(root) {
        root.querySelectorAll(".dash-dropdown-focus-target[aria-hidden='true']:not([tabindex='-1'])").forEach(function (input) {
            input.setAttribute("tabindex", "-1");
            var button = input.parentNode && input.parentNode.querySelector("button.dash-dropdown");
            if (button) { button.setAttribute("tabindex", "0"); }
        });
    }
    function uploads(root) {
        root.querySelectorAll("input[type='file']:not([aria-label])").forEach(function (input) {
            var zone = input.parentNode;
            var text = zone ? zone.textContent.trim() : "";
            if (text) { input.setAttribute("aria-label", text); }
        });
    }
    function grids(root) {
        root.querySelectorAll(".ag-pinned-left-header, .ag-pinned-right-header").forEach(function (pinned) {
            var empty = !pinned.querySelector("[role='columnheader']");
            if (empty && pinned.getAttribute("aria-hidden") !== "true") { pinned.setAttribute("aria-hidden", "true"); }
        });
        // the rows' scrolling container (a rowgroup) takes Tab, so a keyboard can scroll it;
        // no other element inside a grid may be focusable (aria-required-children)
        root.querySelectorAll(".ag-layout-normal .ag-center-cols-viewport[role='rowgroup']:not([tabindex])").forEach(function (viewport) {
            viewport.setAttribute("tabindex", "0");
        });
    }
    function language() {
        var lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "vi";
        if (document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    }
    var pending = false;
    function repair() {
        pending = false;
        datePickers(document);
        pickerLabels(document);
        dropdowns(document);
        uploads(document);
        grids(document);
        language();
    }
    function schedule() {
        if (!pending) { pending = true; window.requestAnimationFrame(repair); }
    }
    function start() {
        repair();
        new MutationObserver(schedule).observe(document.body, {
            childList: true, subtree: true, attributes: true,
            attributeFilter: ["aria-expanded", "aria-hidden", "aria-haspopup", "tabindex", "aria-label"]
        });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
