/* Cell renderers. Text is always rendered as text (React escapes it), never as HTML. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

/* A link to a unit's page that navigates inside the app (like dcc.Link): plain clicks
   push the URL and let Dash route; middle/ctrl-click opens a new tab as usual. */
dagcomponentfuncs.UnitLink = function (props) {
    var href = props.data && props.data.href;
    if (!href) {
        return React.createElement("span", null, props.value);
    }
    return React.createElement(
        "a",
        {
            href: href,
            className: "unit-link",
            onClick: function (event) {
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) {
                    return;
                }
                event.preventDefault();
                window.history.pushState({}, "", href);
                window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
                window.scrollTo(0, 0);
            },
        },
        props.value
    );
};

/* A grade shown as a word beside its colour, so it never relies on colour alone. */
dagcomponentfuncs.Grade = function (props) {
    if (!props.value) return null;
    var labels = (props.colDef.cellRendererParams || {}).labels || {};
    return React.createElement(
        "span",
        { className: "grade grade-" + props.value },
        labels[props.value] || props.value
    );
};
