/* When the server ends the session (logout elsewhere, timeout, password change), Dash's
   requests get 401: go to the login page instead of leaving a page that no longer loads.
   Served from assets/ (no inline script, so the Content-Security-Policy stays strict). */
(function () {
    "use strict";
    var originalFetch = window.fetch;
    if (!originalFetch) { return; }
    function loginUrl() {
        var prefix = "/";
        var config = document.getElementById("_dash-config");
        if (config) {
            try { prefix = JSON.parse(config.textContent).requests_pathname_prefix || "/"; } catch (e) { /* keep "/" */ }
        }
        var here = window.location.pathname + window.location.search;
        return prefix + "dang-nhap?het-phien=1&next=" + encodeURIComponent(here);
    }
    var leaving = false;
    window.fetch = function (input) {
        return originalFetch.apply(this, arguments).then(function (response) {
            var url = typeof input === "string" ? input : (input && input.url) || "";
            if (response.status === 401 && url.indexOf("_dash-") !== -1 && !leaving) {
                leaving = true;
                window.location.assign(loginUrl());
            }
            return response;
        });
    };
})();
