/* The date pickers speak the page's language. Dash 4's DatePicker formats day and month
   names with date-fns, taking the locale from window.dateFns.locale (the first entry that
   matches the browser's languages, else the first entry, else English). The Vietnamese
   locale is vendored (vendor/date-fns-locale/vi.js registers itself there); this script
   makes window.dateFns show it only when the page is in Vietnamese (no "lang=en" in the
   URL), whatever language the browser itself is set to. Loads before the vendored file
   (Dash serves assets/ files before its subfolders) and copes with the other order too. */
(function () {
    "use strict";
    var stored = window.dateFns || {};
    function english() {
        return new URLSearchParams(window.location.search).get("lang") === "en";
    }
    Object.defineProperty(window, "dateFns", {
        configurable: true,
        get: function () {
            var locales = stored.locale || {};
            var view = {};
            Object.keys(stored).forEach(function (key) { view[key] = stored[key]; });
            view.locale = english() ? {} : (locales.vi ? {vi: locales.vi} : {});
            return view;
        },
        set: function (value) { stored = value || {}; }
    });
})();
