from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import DBT_PROJECT, Database, dbt, drop_database, run_cli
from tvr_tableau import spec
from tvr_tableau.check import workbook_problems
from tvr_tableau.extract import read_extract
from tvr_tableau.marts import read_marts
from tvr_tableau.package import EXTRACT_MEMBER
from tvr_tableau.types import supported

SEED_DASHBOARDS = {
    "Top-Rated Series by Platform",
    "Rating Distribution Across Genres",
    "Trends in Ratings Over Time",
    "Multi-Source Rating Comparison",
    "Show Profile",
}


def xmllint(schema: Path, workbook: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["xmllint", "--noout", "--schema", str(schema), str(workbook)], capture_output=True, text=True, check=False
    )


def packaged_twb(built: Path, tmp_path: Path) -> Path:
    with zipfile.ZipFile(built / "tv_ratings.twbx") as archive:
        archive.extractall(tmp_path)
    return tmp_path / "tv_ratings.twb"


def test_both_workbooks_validate_against_tableaus_schema(built: Path, schema: Path, tmp_path: Path) -> None:
    for workbook in (built / "tv_ratings.twb", packaged_twb(built, tmp_path)):
        result = xmllint(schema, workbook)
        assert result.returncode == 0, result.stderr[-2000:]


def test_the_schema_check_can_fail(built: Path, schema: Path, tmp_path: Path) -> None:
    root = ET.parse(built / "tv_ratings.twb").getroot()  # noqa: S314
    root.find("worksheets/worksheet/table").append(ET.Element("not-a-tableau-element"))
    broken = tmp_path / "broken.twb"
    ET.ElementTree(root).write(broken, encoding="utf-8", xml_declaration=True)
    assert xmllint(schema, broken).returncode == 3


def test_the_workbook_holds_the_dashboards_filters_and_drill_down(built: Path) -> None:
    root = ET.parse(built / "tv_ratings.twb").getroot()  # noqa: S314
    dashboards = {d.get("name") for d in root.iter("dashboard")}
    assert dashboards >= SEED_DASHBOARDS
    shared = [f.get("column") for f in root.iter("shared-view") for f in f.iter("filter")]
    assert {c.split(".[")[1].split(":")[1] for c in shared} == {"genre_name", "network_name", "first_air_year"}
    for name in SEED_DASHBOARDS:
        cards = [
            z.get("param")
            for z in root.find(f"dashboards/dashboard[@name='{name}']").iter("zone")
            if z.get("type-v2") == "filter"
        ]
        assert len(cards) == 3, name
    drills = [
        a
        for a in root.iter("action")
        if a.find("command/param[@name='target']") is not None
        and a.find("command/param[@name='target']").get("value") == "Show Profile"
    ]
    assert {a.find("source").get("dashboard") for a in drills} == SEED_DASHBOARDS - {"Show Profile"}
    assert all("series_id" in a.find("link").get("expression") for a in drills)
    live = root.find(".//named-connection/connection")
    assert live.get("class") == "postgres"
    assert "password" not in live.attrib
    assert [p.findtext("field") for p in root.iter("drill-path")] == ["[genre_name]"]


def test_every_supported_mart_column_is_in_the_data_source_with_its_type(built: Path, marts_db: Database) -> None:
    root = ET.parse(built / "tv_ratings.twb").getroot()  # noqa: S314
    with marts_db.connect() as conn:
        marts = read_marts(conn, list(spec.MARTS))
    assert workbook_problems(root, marts) == []
    records = {(r.findtext("parent-name"), r.findtext("remote-name")) for r in root.iter("metadata-record")}
    expected = {(f"[{m}]", c.name) for m in spec.MARTS for c in marts[m] if supported(c.pg_type)}
    assert records == expected


def test_the_semantic_check_names_what_is_broken(built: Path, marts_db: Database) -> None:
    with marts_db.connect() as conn:
        marts = read_marts(conn, list(spec.MARTS))
    root = ET.parse(built / "tv_ratings.twb").getroot()  # noqa: S314
    worksheets = root.find("worksheets")
    worksheets.remove(worksheets.find("worksheet[@name='Profile Scores']"))
    root.find("actions/action/command/param[@name='target']").set("value", "No Such Dashboard")
    record = next(r for r in root.iter("metadata-record") if r.findtext("remote-name") == "max_source_spread")
    record.find("local-type").text = "string"
    problems = workbook_problems(root, marts)
    assert "dashboard 'Show Profile' places sheet 'Profile Scores', which does not exist" in problems
    assert any("targets 'No Such Dashboard'" in p for p in problems)
    assert any("mart_source_comparison.max_source_spread is string in the workbook" in p for p in problems)


def test_a_renamed_mart_column_fails_the_check_naming_the_field(
    built: Path, marts_db: Database, tmp_path: Path
) -> None:
    project = tmp_path / "dbt"
    shutil.copytree(DBT_PROJECT, project, ignore=shutil.ignore_patterns("target", "logs"))
    model = project / "models" / "marts" / "bridge_series_network.sql"
    model.write_text(model.read_text().replace("    network_name\n", "    network_name as platform_name\n"))
    yml = project / "models" / "marts" / "_marts.yml"
    yml.write_text(yml.read_text().replace("      - name: network_name\n        data_tests: [not_null]\n", "", 1))
    copy = f"{marts_db.name}_renamed"
    copy_url = marts_db.url.rsplit("/", 1)[0] + f"/{copy}"
    drop_database(marts_db.url, copy)
    with marts_db.connect() as conn:
        conn.execute(f'create database "{copy}" template "{marts_db.name}"')
    try:
        dbt(copy, project, tmp_path, "run", "--select", "bridge_series_network")
        env = {"DATABASE_URL": copy_url, "TABLEAU_DIST_DIR": str(tmp_path / "dist")}
        checked = run_cli("check", str(built / "tv_ratings.twb"), env=env)
        assert checked.returncode == 1
        assert "bridge_series_network.network_name" in checked.stderr
        rebuilt = run_cli("build", env=env)
        assert rebuilt.returncode == 1
        assert "bridge_series_network.network_name" in rebuilt.stderr
        assert not (tmp_path / "dist" / "tv_ratings.twb").exists()
    finally:
        drop_database(marts_db.url, copy)


def _key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple("" if v is None else repr(v) for v in row)


def test_the_extract_read_back_with_hyper_equals_the_marts_row_by_row(
    built: Path, marts_db: Database, tmp_path: Path
) -> None:
    with zipfile.ZipFile(built / "tv_ratings.twbx") as archive:
        hyper_file = Path(archive.extract(EXTRACT_MEMBER, tmp_path))
    extracted = read_extract(hyper_file)
    assert set(extracted) == set(spec.MARTS)
    with marts_db.connect() as conn:
        marts = read_marts(conn, list(spec.MARTS))
        for mart in spec.MARTS:
            columns = [c for c in marts[mart] if supported(c.pg_type)]
            names = ", ".join(f'"{c.name}"::text' if c.pg_type == "uuid" else f'"{c.name}"' for c in columns)
            rows = conn.execute(f'select {names} from marts."{mart}"').fetchall()  # noqa: S608
            assert len(rows) > 0, mart
            normalized = [tuple(Decimal(v) if isinstance(v, Decimal) else v for v in r) for r in extracted[mart]]
            assert sorted(normalized, key=_key) == sorted(rows, key=_key), mart


def test_no_marts_yet_says_so_and_leaves_nothing(marts_db: Database, tmp_path: Path) -> None:
    empty = f"{marts_db.name}_empty"
    drop_database(marts_db.url, empty)
    with marts_db.connect() as conn:
        conn.execute(f'create database "{empty}"')
    try:
        dist = tmp_path / "dist"
        env = {"DATABASE_URL": marts_db.url.rsplit("/", 1)[0] + f"/{empty}", "TABLEAU_DIST_DIR": str(dist)}
        for command in ("build", "package"):
            result = run_cli(command, env=env)
            assert result.returncode == 1
            assert "no marts yet" in result.stderr
            assert "fct_series_ratings" in result.stderr
        assert not dist.exists() or list(dist.iterdir()) == []
    finally:
        drop_database(marts_db.url, empty)


def test_an_unreachable_database_says_so(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    result = run_cli(
        "all",
        env={"DATABASE_URL": "postgres://tableau:s3cret-pw@127.0.0.1:1/tv_ratings", "TABLEAU_DIST_DIR": str(dist)},
    )
    assert result.returncode == 1
    assert "cannot reach the database at DATABASE_URL" in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout
    assert not dist.exists() or list(dist.iterdir()) == []


@pytest.mark.parametrize("command", ["build", "package"])
def test_a_failed_rebuild_keeps_the_previous_workbook(built: Path, tmp_path: Path, command: str) -> None:
    dist = tmp_path / "dist"
    shutil.copytree(built, dist)
    before = {p.name: p.read_bytes() for p in dist.iterdir()}
    result = run_cli(
        command, env={"DATABASE_URL": "postgres://postgres@127.0.0.1:1/tv_ratings", "TABLEAU_DIST_DIR": str(dist)}
    )
    assert result.returncode == 1
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == before
