/* The app starts when the reader first uses the page (dashboard/web/boot.py says why).
 *
 * The index page carries Dash's scripts as <script type="grassroots/deferred" src=...>,
 * which the browser neither fetches nor runs. They are started, in their order, then
 * Dash's renderer:
 * - at once when the page's first view is not complete (the server had no figures yet,
 *   or drew no first view), or when a test asks for everything (window.grassrootsEager);
 * - otherwise on the reader's first touch, click, key, scroll, wheel, mouse movement or
 *   focus, or when something needs the app (printing: grassrootsReady in lazy.js).
 * Before that the page is the server's HTML: links are ordinary links; a button pressed
 * (the "In" button, the menu on a phone) is pressed again once the app has drawn its own.
 *
 * window.grassrootsBoot(): start now.
 * window.grassrootsBooted(): the renderer has drawn the page (the first view is gone).
 */
(function () {
    "use strict";
    var EVENTS = ["pointerdown", "touchstart", "keydown", "wheel", "scroll", "mousemove", "focusin"];
    var sources = [];
    var tags = document.querySelectorAll('script[type="grassroots/deferred"]');
    for (var i = 0; i < tags.length; i++) {
        sources.push(tags[i].src);
    }
    /* none: Dash's own page, its scripts and renderer already in it */
    var state = sources.length ? "idle" : "started";
    var waiting = [];  /* run once the renderer is running */

    function listen(on) {
        EVENTS.forEach(function (name) {
            if (on) {
                window.addEventListener(name, start, {capture: true, passive: true});
            } else {
                window.removeEventListener(name, start, true);
            }
        });
    }

    function settle() {
        state = "started";
        var queue = waiting;
        waiting = [];
        queue.forEach(function (callback) {
            callback();
        });
    }

    /* Dash's renderer first draws "Loading..." in #react-entry-point, then its layout, then
       its callbacks' answers. Until it has, the reader keeps the server's page: moved out
       of the entry point into a box of its own, while the app draws under it, unseen and
       in the same place; swapped once the app's page is there and its first answers in
       (or after HOLD_LIMIT ms). The page neither blanks nor loses its scroll position. */
    var HOLD_LIMIT = 8000;

    function hold() {
        var entry = document.getElementById("react-entry-point");
        var first = entry ? entry.querySelector("[data-first-view]") : null;
        if (!first) {
            return;
        }
        var box = document.createElement("div");
        box.id = "first-view-hold";
        /* after the entry point: the app's elements come first in the document, so that
           what looks one up by id (a popover's target, a label's input) finds the app's,
           not the server's copy that goes away; the entry point, out of the flow, leaves
           the box where the page was */
        entry.parentNode.insertBefore(box, entry.nextSibling);
        box.appendChild(first);
        entry.setAttribute("style", "position: absolute; top: 0; left: 0; right: 0; visibility: hidden");
        var since = Date.now();
        (function check() {
            var page = entry.querySelector("#page");
            var drawn = page && page.children.length > 0 && !entry.querySelector("[data-dash-is-loading='true']");
            if (drawn || Date.now() - since > HOLD_LIMIT) {
                entry.removeAttribute("style");
                box.remove();
            } else {
                window.setTimeout(check, 50);
            }
        })();
    }

    function run() {
        if (window.DashRenderer) {
            hold();
            window.renderer = new window.DashRenderer();
        } else if (window.console) {
            window.console.error("Dash's scripts did not load: the page stays as the server drew it");
        }
        settle();
    }

    function start() {
        if (state !== "idle") {
            return;
        }
        state = "loading";
        listen(false);
        var remaining = sources.length;
        sources.forEach(function (src) {
            var script = document.createElement("script");
            script.src = src;
            script.async = false;  /* run in the listed order, downloaded side by side */
            script.onload = script.onerror = function () {
                remaining -= 1;
                if (remaining === 0) {
                    run();
                }
            };
            document.body.appendChild(script);
        });
    }

    window.grassrootsBoot = start;

    window.grassrootsBooted = function () {
        return state === "started" && !document.querySelector("[data-first-view]");
    };

    if (state !== "idle") {
        return;
    }
    /* A button pressed on the server's page ("In", the menu on a phone, a tab) has no
       handler yet: pressed again, by id, once the app has drawn its own. Links need
       nothing: they are plain links until then. */
    var pressed = null;
    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest ? event.target.closest("button[id]") : null;
        if (button && document.querySelector("[data-first-view]")) {
            pressed = button.id;
        }
    }, true);

    function replay() {
        if (pressed === null) {
            return;
        }
        /* the app's page drawn and its first callbacks answered */
        if (document.querySelector("[data-first-view], [data-dash-is-loading='true']")) {
            window.setTimeout(replay, 100);
            return;
        }
        var button = document.getElementById(pressed);
        pressed = null;
        if (button) {
            button.click();
        }
    }
    waiting.push(replay);

    /* the scripts downloaded (not run) once the page has loaded, so that starting the
       app costs their running only; not earlier: they would slow the page itself */
    function prefetch() {
        if (state !== "idle") {
            return;
        }
        sources.forEach(function (src) {
            var link = document.createElement("link");
            link.rel = "prefetch";
            link.as = "script";
            link.href = src;
            document.head.appendChild(link);
        });
    }
    function afterLoad() {
        if (window.requestIdleCallback) {
            window.requestIdleCallback(prefetch, {timeout: 3000});
        } else {
            window.setTimeout(prefetch, 1000);
        }
    }

    var first = document.querySelector("[data-first-view]");
    if (document.readyState === "complete") {
        afterLoad();
    } else {
        window.addEventListener("load", afterLoad);
    }
    if (window.grassrootsEager || !first || first.querySelector(".first-view-pending")) {
        start();
    } else {
        listen(true);
    }
})();
