/* The heavy scripts only when what needs them is about to be seen.
 *
 * On a phone most of the seconds a page did not answer went to two scripts the first
 * screen does not use: plotly.js (1.5 MB, then every chart drawn) and AG Grid's modules
 * (then every table laid out, row by row). Both are loaded by their Dash components on
 * demand, so they can be held back without touching the components:
 * - charts: Dash's graph component waits on ``Promise.resolve(window.Plotly || <load>)``.
 *   Until plotly.js is loaded, ``window.Plotly`` here is a promise-like gate the component
 *   waits on; once loaded, plotly.js puts itself in ``window.Plotly``.
 * - tables: dash-ag-grid adds the <script> of its module chunk ("async-community.js") to
 *   <head> when its first table mounts; that one script is held here until released.
 * Each is released when its box (a chart's card, a table's wrapper) comes within MARGIN of
 * the screen, when the reader scrolls, touches, clicks or types (they are using the page),
 * or when the reader prints ("In" and Ctrl+P call ``grassrootsReady`` first, see print.js).
 * A held table script is released after HOLD_LIMIT at the latest: dash-ag-grid gives up on a
 * chunk that has not arrived 120 s after it asked.
 */
(function () {
    "use strict";
    var MARGIN = "100px 0px";
    var HOLD_LIMIT = 90000;
    var EVENTS = ["scroll", "wheel", "touchstart", "pointerdown", "keydown"];

    function gate(selector, start) {
        /* start(): begin loading; watches boxes matching selector, releases once */
        var self = {released: false};
        var observer = null;
        var mutations = null;

        function stop() {
            if (observer) {
                observer.disconnect();
                observer = null;
            }
            if (mutations) {
                mutations.disconnect();
                mutations = null;
            }
            EVENTS.forEach(function (name) {
                window.removeEventListener(name, self.release, true);
            });
        }

        self.release = function () {
            if (self.released) {
                return;
            }
            self.released = true;
            stop();
            start();
        };

        function observe(root) {
            if (!observer || !root.querySelectorAll) {
                return;
            }
            if (root.matches && root.matches(selector)) {
                observer.observe(root);
            }
            var boxes = root.querySelectorAll(selector);
            for (var i = 0; i < boxes.length; i++) {
                observer.observe(boxes[i]);
            }
        }

        self.watch = function () {
            if (self.released || observer) {
                return;
            }
            if (!("IntersectionObserver" in window) || !("MutationObserver" in window)) {
                self.release();
                return;
            }
            observer = new IntersectionObserver(function (entries) {
                for (var i = 0; i < entries.length; i++) {
                    if (entries[i].isIntersecting) {
                        self.release();
                        return;
                    }
                }
            }, {rootMargin: MARGIN});
            observe(document.body);
            /* boxes that appear later (the page filling in, or a page opened without reloading) */
            mutations = new MutationObserver(function (records) {
                for (var i = 0; i < records.length && observer; i++) {
                    for (var j = 0; j < records[i].addedNodes.length && observer; j++) {
                        if (records[i].addedNodes[j].nodeType === 1) {
                            observe(records[i].addedNodes[j]);
                        }
                    }
                }
            });
            mutations.observe(document.body, {childList: true, subtree: true});
            EVENTS.forEach(function (name) {
                window.addEventListener(name, self.release, {capture: true, passive: true});
            });
        };
        return self;
    }

    /* -- plotly.js -- */
    function plotlyURL() {
        /* Dash's renderer sets _dashPlotlyJSURL when it mounts; before that (a chart
           released at once), the same URL from the page's Dash config: the URL prefix and
           the path Dash serves plotly.js on (answered with the partial bundle) */
        if (window._dashPlotlyJSURL) {
            return window._dashPlotlyJSURL;
        }
        var prefix = "/";
        try {
            prefix = JSON.parse(document.getElementById("_dash-config").textContent).requests_pathname_prefix || "/";
        } catch (e) {
            /* no config yet: the site's root */
        }
        return prefix + "_dash-component-suites/plotly/package_data/plotly.min.js";
    }

    var plotly = {state: "idle", waiting: [], failure: null};

    function plotlySettled() {
        var queue = plotly.waiting;
        plotly.waiting = [];
        queue.forEach(function (pair) {
            if (plotly.state === "loaded") {
                pair[0]();
            } else {
                pair[1](plotly.failure);
            }
        });
    }

    var charts = gate(".chart-card, .dash-graph", function () {
        plotly.state = "loading";
        var script = document.createElement("script");
        script.src = plotlyURL();
        script.async = true;
        script.onload = function () {
            plotly.state = window.Plotly && window.Plotly.react ? "loaded" : "failed";
            plotly.failure = plotly.state === "failed" ? new Error("plotly.js did not define Plotly") : null;
            plotlySettled();
        };
        script.onerror = function () {
            plotly.state = "failed";
            plotly.failure = new Error("plotly.js could not be loaded");
            plotlySettled();
        };
        document.head.appendChild(script);
    });

    if (!window.Plotly) {
        window.Plotly = {
            /* what Dash's graph component waits on */
            then: function (resolve, reject) {
                if (plotly.state === "loaded") {
                    resolve();
                } else if (plotly.state === "failed") {
                    reject(plotly.failure);
                } else {
                    plotly.waiting.push([resolve, reject]);
                    charts.watch();
                }
            }
        };
    } else {
        charts.released = true;
    }

    /* -- AG Grid's modules -- */
    var held = [];
    var head = document.head;
    var append = head.appendChild;
    var tables = gate(".grid-wrap", function () {
        var scripts = held;
        held = [];
        scripts.forEach(function (script) {
            append.call(head, script);
        });
    });
    head.appendChild = function (node) {
        if (!tables.released && node && node.tagName === "SCRIPT" && node.src &&
                node.src.indexOf("/dash_ag_grid/async-") !== -1) {
            held.push(node);
            tables.watch();
            window.setTimeout(tables.release, HOLD_LIMIT);
            return node;
        }
        return append.call(head, node);
    };

    function pending() {
        /* the app not started yet (boot.js), or a chart or table on the page not drawn yet */
        if (window.grassrootsBooted && !window.grassrootsBooted()) {
            return true;
        }
        var boxes = document.querySelectorAll(".dash-graph");
        for (var i = 0; i < boxes.length; i++) {
            if (plotly.state !== "failed" && !boxes[i].querySelector(".main-svg")) {
                return true;
            }
        }
        return document.querySelectorAll(".grid-wrap").length >
            document.querySelectorAll(".grid-wrap .ag-root-wrapper").length;
    }

    /* Load everything now and call done() once every chart is drawn and every table laid
       out (or after timeout ms with whatever is drawn by then): for printing, and tests. */
    window.grassrootsReady = function (done, timeout) {
        if (window.grassrootsBoot) {
            window.grassrootsBoot();
        }
        charts.release();
        tables.release();
        var started = Date.now();
        (function check() {
            if (!pending() || Date.now() - started > (timeout || 10000)) {
                done();
            } else {
                window.setTimeout(check, 100);
            }
        })();
    };
    window.grassrootsPending = pending;

    /* Browser tests that read what a chart or table shows, not when it loads, ask for
       everything at once (tests/conftest.py); tests/browser/test_lazy_browser.py tests the
       holding back itself. */
    if (window.grassrootsEager) {
        charts.release();
        tables.release();
    }
})();
