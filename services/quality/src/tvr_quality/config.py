"""The worker's configuration, parsed once at start-up from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[4]

# Lowest share of non-null values per ratings score column before the `ratings`
# suite fails. A normal sandbox run has IMDb ~88%, Tomatometer ~87%, RT audience
# ~83%, Metascore ~92%, Metacritic user ~90%: the defaults leave room for that.
DEFAULT_MIN_NONNULL_SHARE = {
    "tmdb_vote_average": 0.95,
    "imdb_rating": 0.70,
    "tomatoes_critic": 0.70,
    "tomatoes_audience": 0.65,
    "metacritic": 0.70,
    "metauser": 0.65,
}


class ConfigError(ValueError):
    """Bad configuration; the message names every bad variable."""


@dataclass(frozen=True)
class PostgresTarget:
    host: str
    port: int
    user: str
    password: str
    dbname: str

    @classmethod
    def from_url(cls, url: str) -> PostgresTarget:
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql") or not parts.path.strip("/"):
            raise ValueError("expected postgres://user[:password]@host[:port]/database")
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or "postgres"),
            password=unquote(parts.password or ""),
            dbname=unquote(parts.path.strip("/")),
        )

    def libpq(self) -> str:
        """A psycopg connection string (key=value form keeps the password out of URLs we log)."""
        fields = {"host": self.host, "port": self.port, "user": self.user, "dbname": self.dbname}
        if self.password:
            fields["password"] = self.password
        return " ".join(f"{k}='{str(v).replace(chr(39), chr(92) + chr(39))}'" for k, v in fields.items())


@dataclass(frozen=True)
class Config:
    database: PostgresTarget
    redis_url: str
    queue_prefix: str
    metrics_port: int
    concurrency: int
    shutdown_timeout_seconds: float
    lock_duration_ms: int
    stalled_interval_ms: int
    data_docs_dir: Path
    dbt_project_dir: Path
    dbt_artifacts_dir: Path
    payload_schema_path: Path
    slack_webhook_url: str | None
    min_nonnull_share: Mapping[str, float]
    max_collected_age_hours: float
    log_level: str


def _number(
    env: Mapping[str, str],
    name: str,
    default: float,
    errors: list[str],
    *,
    integer: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> float:
    raw = env.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        errors.append(f"{name} must be {'an integer' if integer else 'a number'}, got {raw!r}")
        return default
    if (low is not None and value < low) or (high is not None and value > high):
        errors.append(f"{name} must be between {low} and {high}, got {raw!r}")
    return value


def load_config(env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    errors: list[str] = []

    database_url = env.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/tv_ratings"
    try:
        database = PostgresTarget.from_url(database_url)
    except ValueError as error:
        errors.append(f"DATABASE_URL is invalid: {error}")
        database = PostgresTarget("127.0.0.1", 5432, "postgres", "", "tv_ratings")

    redis_url = env.get("REDIS_URL") or "redis://127.0.0.1:6379"
    if not redis_url.startswith(("redis://", "rediss://")):
        errors.append("REDIS_URL must start with redis:// or rediss://")

    queue_prefix = env.get("QUEUE_PREFIX") or "tvr"
    if ":" in queue_prefix:
        errors.append("QUEUE_PREFIX must not contain ':'")

    webhook = env.get("QUALITY_SLACK_WEBHOOK_URL") or None
    if webhook is not None and not webhook.startswith(("https://", "http://")):
        errors.append("QUALITY_SLACK_WEBHOOK_URL must be an http(s) URL")

    min_nonnull = {
        column: _number(env, f"QUALITY_MIN_NONNULL_{column.upper()}", default, errors, low=0, high=1)
        for column, default in DEFAULT_MIN_NONNULL_SHARE.items()
    }

    quality_dir = Path(env.get("QUALITY_OUTPUT_DIR") or REPO_ROOT / ".run" / "quality")
    config = Config(
        database=database,
        redis_url=redis_url,
        queue_prefix=queue_prefix,
        metrics_port=int(_number(env, "QUALITY_METRICS_PORT", 9105, errors, integer=True, low=0, high=65535)),
        concurrency=int(_number(env, "QUALITY_CONCURRENCY", 1, errors, integer=True, low=1, high=8)),
        shutdown_timeout_seconds=_number(env, "SHUTDOWN_TIMEOUT_MS", 60_000, errors, low=0) / 1000,
        lock_duration_ms=int(_number(env, "QUALITY_LOCK_DURATION_MS", 30_000, errors, integer=True, low=1000)),
        stalled_interval_ms=int(_number(env, "QUALITY_STALLED_INTERVAL_MS", 30_000, errors, integer=True, low=500)),
        data_docs_dir=quality_dir / "data_docs",
        dbt_project_dir=Path(env.get("DBT_PROJECT_DIR") or REPO_ROOT / "dbt"),
        dbt_artifacts_dir=quality_dir / "dbt",
        payload_schema_path=Path(
            env.get("QUALITY_PAYLOAD_SCHEMA") or REPO_ROOT / "packages" / "queues" / "schemas" / "quality.schema.json"
        ),
        slack_webhook_url=webhook,
        min_nonnull_share=min_nonnull,
        max_collected_age_hours=_number(env, "QUALITY_MAX_COLLECTED_AGE_HOURS", 168, errors, low=1),
        log_level=(env.get("LOG_LEVEL") or "info").upper(),
    )
    if not config.payload_schema_path.is_file():
        errors.append(f"QUALITY_PAYLOAD_SCHEMA: no payload schema at {config.payload_schema_path}")
    if errors:
        raise ConfigError("invalid configuration: " + "; ".join(errors))
    return config
