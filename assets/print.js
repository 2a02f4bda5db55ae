/* Printing: AG Grid draws only the rows on screen, so before printing every grid is
   switched to its print layout (all rows, no scrolling) and back afterwards. The Print
   button waits for the grids to redraw; Ctrl+P gets the same switch, best effort. */
(function () {
    var PAPER_WIDTH = 660;
    var saved = [];

    function toPrintLayout() {
        saved = [];
        var grids = document.querySelectorAll(".data-grid");
        for (var i = 0; i < grids.length; i++) {
            try {
                var api = window.dash_ag_grid.getApi(grids[i].id);
                saved.push([api, api.getGridOption("domLayout") || "normal", api.getColumnState()]);
                api.setGridOption("suppressColumnVirtualisation", true);
                api.setGridOption("domLayout", "print");
                /* every column on the paper: A4 minus the page margins is about 700 CSS px */
                api.sizeColumnsToFit(PAPER_WIDTH);
            } catch (e) {
                /* a grid not drawn yet prints as it is */
            }
        }
    }

    function restore() {
        for (var i = 0; i < saved.length; i++) {
            try {
                saved[i][0].setGridOption("domLayout", saved[i][1]);
                saved[i][0].applyColumnState({ state: saved[i][2], applyOrder: true });
            } catch (e) {
                /* the grid is gone (the page changed) */
            }
        }
        saved = [];
    }

    window.grassrootsPrint = function () {
        toPrintLayout();
        window.setTimeout(function () {
            window.print();
        }, saved.length ? 700 : 0);
    };

    window.addEventListener("beforeprint", function () {
        if (!saved.length) {
            toPrintLayout();
        }
    });
    window.addEventListener("afterprint", restore);
})();
