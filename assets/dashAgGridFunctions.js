/* Functions the grids call by name (dash-ag-grid's {"function": "..."}): Vietnamese
   collation for names, Vietnamese number formats, the grid locale. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

(function () {
    var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
    var formats = {};

    function fmt(lang, decimals) {
        var key = lang + decimals;
        if (!formats[key]) {
            formats[key] = new Intl.NumberFormat(lang === "en" ? "en-US" : "vi-VN", {
                minimumFractionDigits: decimals,
                maximumFractionDigits: decimals,
            });
        }
        return formats[key];
    }

    /* Sort names as a Vietnamese dictionary does: Đ after D, tones after the letter. */
    dagfuncs.viCompare = function (a, b) {
        if (a === b) return 0;
        if (a === null || a === undefined) return -1;
        if (b === null || b === undefined) return 1;
        return collator.compare(String(a), String(b));
    };

    /* 1.234,5 (vi) or 1,234.5 (en); "—" for no value. */
    dagfuncs.viNumber = function (value, decimals, lang) {
        if (value === null || value === undefined || value === "" || Number.isNaN(value)) return "—";
        return fmt(lang || "vi", decimals || 0).format(value);
    };

    /* A share (0..1) as 99,4 % (vi) or 99.4% (en). */
    dagfuncs.viPercent = function (value, lang) {
        if (value === null || value === undefined || value === "" || Number.isNaN(value)) return "—";
        var text = fmt(lang || "vi", 1).format(100 * value);
        return lang === "en" ? text + "%" : text + " %";
    };

    /* dd/mm/yyyy from an ISO date. */
    dagfuncs.viDate = function (value) {
        if (!value) return "—";
        var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
        return m ? m[3] + "/" + m[2] + "/" + m[1] : String(value);
    };

    /* Filter on dates stored as ISO text. */
    dagfuncs.isoDateComparator = function (filterDate, cellValue) {
        if (!cellValue) return -1;
        var p = String(cellValue).split("-");
        var cell = new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2]));
        if (cell < filterDate) return -1;
        if (cell > filterDate) return 1;
        return 0;
    };

    dagfuncs.viLocaleText = function (params) {
        var table = window.AG_GRID_LOCALE_VN || {};
        return table[params.key] !== undefined ? table[params.key] : params.defaultValue;
    };
})();
