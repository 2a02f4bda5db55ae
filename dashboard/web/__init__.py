"""The web layer: the Dash app factory, the login gate and headers, the rendered-response
cache, the callback JSON writer and the warm-up. It imports the data layer
(``dashboard``); the data layer never imports it."""
