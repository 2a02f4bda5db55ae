/* Printing for a meeting, by the "In" button and by Ctrl+P alike (both through
   grassrootsPrint; printing from the browser's menu gets what "beforeprint" can do at once):
   - every page of paper carries the unit's name, the date and the period at its top and
     "Trang n / m" at its foot (CSS page margin boxes, written from the page's header);
   - every grid prints as a plain table of every row (after the user's sorting and
     filtering), every column, and its total row: AG Grid draws only the rows and
     columns on screen, and its own print layout redraws too late for Ctrl+P;
   - every chart is drawn again at the paper's width, so none spills over the next; charts
     and tables not drawn yet (lazy.js) are drawn first. */
(function () {
    var PAPER_WIDTH = 700;  /* A4 portrait minus the margins of @page, in CSS px */
    /* a chart a little taller than a page with its card's title (a commune's 36 villages:
       974 px) is drawn this high, so that its card does not spill a border onto a page of
       its own; a much taller one keeps its height (its bars would be too thin) */
    var PAPER_HEIGHT = 880, SQUEEZE_LIMIT = 1250;
    var state = null;

    function text(selector) {
        var node = document.querySelector(selector);
        return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
    }

    function cssString(value) {
        return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
    }

    function english() {
        return /[?&]lang=en\b/.test(window.location.search);
    }

    function pageStyle() {
        var title = [text("#page h1"), text("#page .period-label")]
            .filter(Boolean).join(" · ");
        var style = document.createElement("style");
        style.id = "print-page-style";
        style.textContent = "@page { size: A4 portrait; margin: 16mm 10mm 14mm 10mm;" +
            " @top-left { content: " + cssString(title) + "; font-size: 8.5pt; color: #333; }" +
            " @bottom-right { content: " + cssString(english() ? "Page " : "Trang ") +
            " counter(page) \" / \" counter(pages); font-size: 8.5pt; color: #333; } }";
        document.head.appendChild(style);
        return {style: style, title: document.title, header: title};
    }

    function cellText(api, column, node) {
        var def = column.getColDef();
        var value;
        try {
            value = api.getCellValue({rowNode: node, colKey: column, useFormatter: true});
        } catch (e) {
            value = node.data ? node.data[def.field] : "";
        }
        var labels = def.cellRendererParams && def.cellRendererParams.labels;
        if (labels && labels[value]) {
            value = labels[value];
        }
        return value === null || value === undefined ? "" : String(value);
    }

    function printCopy(grid) {
        var api = window.dash_ag_grid.getApi(grid.id);
        var columns = api.getAllDisplayedColumns();
        var table = document.createElement("table");
        table.className = "print-copy table table-sm";
        var head = table.createTHead().insertRow();
        columns.forEach(function (column) {
            var th = document.createElement("th");
            th.scope = "col";
            th.textContent = column.getColDef().headerName || "";
            if (column.getColDef().type === "numericColumn") {
                th.className = "num";
            }
            head.appendChild(th);
        });
        var body = table.createTBody();

        function add(node, total) {
            var tr = body.insertRow();
            if (total) {
                tr.className = "print-total";
            }
            columns.forEach(function (column) {
                var td = tr.insertCell();
                td.textContent = cellText(api, column, node);
                if (column.getColDef().type === "numericColumn") {
                    td.className = "num";
                }
            });
        }

        api.forEachNodeAfterFilterAndSort(function (node) {
            if (node.data) {
                add(node, false);
            }
        });
        for (var i = 0; i < api.getPinnedBottomRowCount(); i++) {
            add(api.getPinnedBottomRow(i), true);
        }
        grid.parentNode.insertBefore(table, grid.nextSibling);
        grid.classList.add("has-print-copy");
        return table;
    }

    function fitChart(plot) {
        try {
            var before = {width: plot.layout.width, autosize: plot.layout.autosize, height: plot.layout.height};
            var paper = {width: PAPER_WIDTH, autosize: false};
            var height = plot._fullLayout ? plot._fullLayout.height : 0;
            var boxes = [];
            if (height > PAPER_HEIGHT && height <= SQUEEZE_LIMIT) {
                paper.height = PAPER_HEIGHT;
                /* the boxes that keep the screen's height around it (the spinner's wrapper,
                   router.reserve_chart_heights; graph-height.js) keep the paper's instead */
                for (var node = plot; node && !(node.classList && node.classList.contains("chart-card"));
                     node = node.parentNode) {
                    if (node.style && node.style.minHeight) {
                        boxes.push([node, node.style.minHeight]);
                        node.style.minHeight = PAPER_HEIGHT + "px";
                    }
                }
            }
            var done = window.Plotly.relayout(plot, paper).then(function () {
                /* a legend that took two lines on screen and takes one on paper: plotly.js
                   narrows the top margin but leaves the legend where the wider margin put
                   it, over the first bar; placed again, it sits above the plot */
                var legend = plot._fullLayout && plot._fullLayout.showlegend && plot._fullLayout.legend;
                if (legend && typeof legend.y === "number") {
                    return window.Plotly.relayout(plot, {"legend.y": legend.y});
                }
                return null;
            });
            return [plot, before, done, boxes];
        } catch (e) {
            return null;
        }
    }

    function drawn(callback) {
        /* once every chart redrawn for paper has finished (fitChart's second pass) */
        var pending = (state ? state.charts : []).map(function (entry) {
            return Promise.resolve(entry[2]).catch(function () { return null; });
        });
        Promise.all(pending).then(function () {
            window.requestAnimationFrame(function () {
                window.setTimeout(callback, 150);
            });
        });
    }

    function prepare() {
        if (state) {
            return;
        }
        state = {page: pageStyle(), copies: [], charts: []};
        if (state.page.header) {
            document.title = state.page.header;
        }
        var grids = document.querySelectorAll(".data-grid");
        for (var i = 0; i < grids.length; i++) {
            try {
                state.copies.push([grids[i], printCopy(grids[i])]);
            } catch (e) {
                /* a grid not drawn yet prints as it is */
            }
        }
        if (window.Plotly && window.Plotly.relayout) {
            var plots = document.querySelectorAll(".js-plotly-plot");
            for (var j = 0; j < plots.length; j++) {
                var fitted = fitChart(plots[j]);
                if (fitted) {
                    state.charts.push(fitted);
                }
            }
        }
    }

    function restore() {
        if (!state) {
            return;
        }
        state.page.style.remove();
        document.title = state.page.title;
        state.copies.forEach(function (pair) {
            pair[0].classList.remove("has-print-copy");
            pair[1].remove();
        });
        state.charts.forEach(function (pair) {
            pair[3].forEach(function (box) {
                box[0].style.minHeight = box[1];
            });
            try {
                window.Plotly.relayout(pair[0], {width: pair[1].width === undefined ? null : pair[1].width,
                                                 height: pair[1].height === undefined ? null : pair[1].height,
                                                 autosize: pair[1].autosize === undefined ? true : pair[1].autosize});
            } catch (e) {
                /* the chart is gone (the page changed) */
            }
        });
        state = null;
    }

    function waiting() {
        /* plotly.js and AG Grid load when a chart or table is about to be seen (lazy.js):
           a page printed before that would print empty boxes */
        return Boolean(window.grassrootsPending && window.grassrootsPending());
    }

    window.grassrootsPrint = function () {
        function go() {
            prepare();
            drawn(function () {
                window.print();
            });
        }
        if (waiting()) {
            window.grassrootsReady(go, 30000);  /* the app starting, plotly.js, every chart: a phone may need more than 10 s */
        } else {
            go();
        }
    };
    /* Ctrl+P goes the same way as "In": the charts drawn first if they are not, and drawn
       again for paper before the print dialog opens ("beforeprint" cannot wait for either;
       it still prepares what it can when printing starts from the browser's menu) */
    window.addEventListener("keydown", function (event) {
        var key = event.key === "p" || event.key === "P";
        if (key && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
            event.preventDefault();
            window.grassrootsPrint();
        }
    }, true);
    window.grassrootsPreparePrint = prepare;  /* for tests that print to PDF */
    window.grassrootsRestorePrint = restore;

    window.addEventListener("beforeprint", prepare);
    window.addEventListener("afterprint", restore);
})();
