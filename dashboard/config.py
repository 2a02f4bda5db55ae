"""Configuration: one object, read from the environment once, passed everywhere.

Nothing here touches the database or Dash; tests build their own ``Config``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
ASSETS_DIR = PROJECT_ROOT / "assets"
DEFAULT_SQLITE_PATH = DATA_DIR / "grassroots.db"


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Config:
    """Everything the application needs to know about its surroundings.

    database_url: SQLAlchemy URL; default a SQLite file under data/.
    today: the date the dashboard treats as "today" (None: the real date). Tests and
        demos pin it so that figures do not move with the calendar.
    load_demo_if_empty: ``serve`` fills an empty database with the demo dataset.
    """

    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    secret_key: str | None = None
    debug: bool = False
    today: date | None = None
    load_demo_if_empty: bool = True
    url_prefix: str = "/"
    max_upload_bytes: int = 20 * 1024 * 1024  # the largest file the Data page imports
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> "Config":
        env = os.environ
        today = env.get("GRASSROOTS_TODAY")
        config = cls(
            database_url=env.get("GRASSROOTS_DATABASE_URL") or cls.database_url,
            secret_key=env.get("SECRET_KEY") or env.get("GRASSROOTS_SECRET_KEY"),
            debug=_env_bool("GRASSROOTS_DEBUG"),
            today=date.fromisoformat(today) if today else None,
            load_demo_if_empty=_env_bool("GRASSROOTS_LOAD_DEMO", True),
            url_prefix=env.get("GRASSROOTS_URL_PREFIX", "/"),
            max_upload_bytes=int(float(env.get("GRASSROOTS_MAX_UPLOAD_MB") or 20) * 1024 * 1024),
        )
        return replace(config, **overrides) if overrides else config

    def current_date(self) -> date:
        """The date used as "today" for default views and the current structure."""
        return self.today or date.today()
