/* Every chart keeps the height its figure asks for.
 *
 * Our figures set layout.height (one row per unit) and no width, so dcc.Graph treats
 * them as responsive and sizes the plot to its container (height: 100%). A chart card's
 * height is "auto", so the container can measure 0 when the figure arrives while the
 * page is still filling in: the chart is then drawn over the next section and clicks on
 * its bars land on nothing. After each draw, the plot's element gets the drawn height
 * as its min-height, which gives the card its real height (and follows a drill-down to
 * a unit with fewer rows).
 */
(function () {
    "use strict";

    function figureHeight(gd) {
        var data = gd.layout && gd.layout.height;
        var full = gd._fullLayout && gd._fullLayout.height;
        return data || full || 0;
    }

    function fit(gd) {
        var height = figureHeight(gd);
        if (height > 0) {
            var value = Math.round(height) + "px";
            if (gd.style.minHeight !== value) {
                gd.style.minHeight = value;
            }
        }
    }

    function watch(gd) {
        if (gd.__grassrootsHeight || typeof gd.on !== "function") {
            return;
        }
        gd.__grassrootsHeight = true;
        gd.on("plotly_afterplot", function () { fit(gd); });
        fit(gd);
    }

    function scan() {
        var plots = document.querySelectorAll(".js-plotly-plot");
        for (var i = 0; i < plots.length; i++) {
            watch(plots[i]);
        }
    }

    new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
})();
