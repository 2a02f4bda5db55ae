"""WSGI entry point: ``gunicorn dashboard.web.wsgi:server``."""
from .app import create_app

app = create_app()
server = app.server
