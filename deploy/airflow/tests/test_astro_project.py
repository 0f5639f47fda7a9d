"""The Astro project builds the Airflow and providers that the tests ran: versions agree with uv.lock."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parents[1]
LOCK = tomllib.loads((DEPLOY_DIR.parents[1] / "uv.lock").read_text())
LOCKED = {package["name"]: package["version"] for package in LOCK["package"]}


def test_astro_project_files_exist() -> None:
    for name in ("Dockerfile", "requirements.txt", "packages.txt", ".astro/config.yaml", "dags", "tests/dags"):
        assert (DEPLOY_DIR / name).exists(), name


def test_runtime_image_matches_the_locked_airflow() -> None:
    [runtime] = re.findall(r"^FROM \S+/runtime:(\d+\.\d+)-\d+$", (DEPLOY_DIR / "Dockerfile").read_text(), re.M)
    assert LOCKED["apache-airflow"].startswith(f"{runtime}."), (runtime, LOCKED["apache-airflow"])


def test_requirements_pin_the_locked_providers() -> None:
    lines = (DEPLOY_DIR / "requirements.txt").read_text().splitlines()
    pins = dict(line.split("==") for line in lines if line and not line.startswith("#"))
    assert set(pins) == {
        "apache-airflow-providers-http",
        "apache-airflow-providers-slack",
        "apache-airflow-providers-smtp",
    }
    assert pins == {name: LOCKED[name] for name in pins}
