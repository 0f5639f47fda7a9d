from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from conftest import LoadedRun
from tvr_quality.transform import run_dbt_build, store_transform


def half_up(value: Decimal, places: int) -> Decimal:
    """Postgres' round(): halves away from zero (Python's round() goes to even)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def composite(row: dict[str, Any]) -> Decimal | None:
    """Independent of the model's SQL: the README's formula, in Python, from the raw ratings."""
    scores = [
        None if row["tmdb_vote_average"] is None else Decimal(row["tmdb_vote_average"]) * 10,
        None if row["imdb_rating"] is None else Decimal(row["imdb_rating"]) * 10,
        row["tomatoes_critic"],
        row["tomatoes_audience"],
        row["metacritic"],
        None if row["metauser"] is None else Decimal(row["metauser"]) * 10,
    ]
    present = [Decimal(s) for s in scores if s is not None]
    return half_up(sum(present, Decimal(0)) / len(present), 1) if len(present) >= 3 else None


def test_dbt_build_makes_every_mart_and_their_values_match_the_raw_tables(loaded_run: LoadedRun) -> None:
    transform = run_dbt_build(loaded_run.config, loaded_run.run_id)
    store_transform(loaded_run.config, transform)
    summary = transform.summary()
    assert summary["success"] is True, summary["failures"]
    series_count = len(loaded_run.truth["series"])
    assert summary["models"]["dim_series"] == series_count
    assert summary["models"]["fct_series_ratings"] == series_count
    for mart in (
        "mart_top_rated_by_network",
        "mart_genre_rating_distribution",
        "mart_rating_trends",
        "mart_source_comparison",
        "mart_source_agreement_by_genre",
    ):
        assert summary["models"][mart] > 0
    assert (loaded_run.config.dbt_artifacts_dir / "target" / "index.html").is_file()

    with loaded_run.connect_dicts() as conn:
        ratings = {
            r["series_id"]: r for r in conn.execute("select * from ratings where run_id = %s", (loaded_run.run_id,))
        }
        networks = conn.execute("select sn.series_id, sn.network_id from series_network sn").fetchall()
        genres = conn.execute("select series_id, genre_id from series_genre").fetchall()
        top = conn.execute(
            "select network_id, rank, series_id, composite_score from marts.mart_top_rated_by_network"
        ).fetchall()
        dist = conn.execute(
            "select genre_id, series_count, avg_composite_score from marts.mart_genre_rating_distribution"
        ).fetchall()
        dim_count = conn.execute(
            "select count(*) as n, count(distinct series_id) as d from marts.dim_series"
        ).fetchone()
        stored = conn.execute(
            "select count(*) as n, count(*) filter (where status <> 'success' and status <> 'pass') as bad"
            " from transform_results where run_id = %s",
            (loaded_run.run_id,),
        ).fetchone()
    assert dim_count == {"n": series_count, "d": series_count}
    assert stored is not None and stored["n"] == len(transform.nodes) > 0 and stored["bad"] == 0

    scores = {sid: composite(r) for sid, r in ratings.items()}
    expected_top: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for row in networks:
        score = scores.get(row["series_id"])
        if score is not None:
            expected_top[row["network_id"]].append((row["series_id"], score))
    for network_id, items in expected_top.items():
        items.sort(key=lambda i: (-i[1], i[0]))
        got = sorted((r for r in top if r["network_id"] == network_id), key=lambda r: r["rank"])
        assert [(r["series_id"], r["composite_score"]) for r in got] == items[:10]
    assert {r["network_id"] for r in top} == set(expected_top)

    by_genre: dict[int, list[int]] = defaultdict(list)
    for row in genres:
        by_genre[row["genre_id"]].append(row["series_id"])
    assert {r["genre_id"] for r in dist} == set(by_genre)
    for row in dist:
        members = by_genre[row["genre_id"]]
        assert row["series_count"] == len(members)
        values = [score for s in members if (score := scores[s]) is not None]
        assert row["avg_composite_score"] == half_up(sum(values, Decimal(0)) / len(values), 2)


def test_a_failing_model_is_recorded_with_its_reason(loaded_run: LoadedRun, tmp_path: Path) -> None:
    project = tmp_path / "dbt"
    shutil.copytree(loaded_run.config.dbt_project_dir, project, ignore=shutil.ignore_patterns("target", "logs"))
    broken = project / "models" / "marts" / "mart_genre_rating_distribution.sql"
    broken.write_text(broken.read_text().replace("genres.genre_name", "genres.no_such_column", 1))
    config = replace(loaded_run.config, dbt_project_dir=project)
    transform = run_dbt_build(config, loaded_run.run_id)
    store_transform(config, transform)
    summary = transform.summary()
    assert summary["success"] is False
    assert [f["node"] for f in summary["failures"]] == ["model.tvr.mart_genre_rating_distribution"]
    assert "no_such_column" in summary["failures"][0]["reason"]
    with loaded_run.connect() as conn:
        row = conn.execute(
            "select status, message from transform_results"
            " where run_id = %s and node = 'model.tvr.mart_genre_rating_distribution'",
            (loaded_run.run_id,),
        ).fetchone()
    assert row is not None and row[0] == "error" and "no_such_column" in row[1]
