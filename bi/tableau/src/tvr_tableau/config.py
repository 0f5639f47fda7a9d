"""Configuration from the environment, parsed once; errors name the variable, never a secret."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import ConfigError
from .spec import Connection

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIST = PACKAGE_ROOT / "dist"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tv_ratings"


@dataclass(frozen=True)
class Settings:
    database_url: str
    dist: Path
    workbook_connection: Connection  # what the live .twb points at (no password)


@dataclass(frozen=True)
class PublishSettings:
    server_url: str
    site: str
    project: str
    token_name: str
    token_secret: str
    db_password: str | None  # embedded on the server for the live workbook when given


def load_settings(env: Mapping[str, str] = os.environ) -> Settings:
    url = env.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql") or not parts.hostname or not parts.path.strip("/"):
        raise ConfigError("DATABASE_URL must look like postgres://user@host:5432/database")
    try:
        port = int(env.get("TABLEAU_DB_PORT") or parts.port or 5432)
    except ValueError:
        raise ConfigError("TABLEAU_DB_PORT must be a port number") from None
    connection = Connection(
        "postgres",
        server=env.get("TABLEAU_DB_HOST") or parts.hostname,
        port=port,
        dbname=env.get("TABLEAU_DB_NAME") or unquote(parts.path.strip("/")),
        username=env.get("TABLEAU_DB_USER") or unquote(parts.username or "postgres"),
        sslmode=env.get("TABLEAU_DB_SSLMODE", ""),
    )
    return Settings(url, Path(env.get("TABLEAU_DIST_DIR") or DEFAULT_DIST), connection)


def load_publish_settings(env: Mapping[str, str] = os.environ) -> PublishSettings:
    required = ("TABLEAU_SERVER_URL", "TABLEAU_PROJECT", "TABLEAU_TOKEN_NAME", "TABLEAU_TOKEN_SECRET")
    missing = [name for name in required if not env.get(name)]
    if missing:
        raise ConfigError(f"missing {', '.join(missing)} (needed to publish to Tableau Server/Cloud)")
    return PublishSettings(
        server_url=env["TABLEAU_SERVER_URL"],
        site=env.get("TABLEAU_SITE", ""),
        project=env["TABLEAU_PROJECT"],
        token_name=env["TABLEAU_TOKEN_NAME"],
        token_secret=env["TABLEAU_TOKEN_SECRET"],
        db_password=env.get("TABLEAU_DB_PASSWORD") or None,
    )
