from __future__ import annotations

from typing import Any

from conftest import LoadedRun
from tvr_quality.validate import run_checkpoint, store_validation


def stored(run: LoadedRun) -> list[tuple[Any, ...]]:
    with run.connect() as conn:
        return conn.execute(
            "select suite, expectation_id, severity, success, observed_value, unexpected_share"
            " from quality_expectation_results where run_id = %s order by suite, expectation_id",
            (run.run_id,),
        ).fetchall()


def test_a_sandbox_run_passes_every_suite_and_revalidating_replaces_its_results(loaded_run: LoadedRun) -> None:
    validation = run_checkpoint(loaded_run.config, loaded_run.run_id)
    store_validation(loaded_run.config, validation)
    summary = validation.summary()
    assert summary["success"] is True
    assert [s["suite"] for s in summary["suites"]] == ["ratings", "series", "series_genres", "series_networks"]
    assert all(s["success"] and s["failed"] == 0 and s["evaluated"] > 0 for s in summary["suites"])
    assert summary["criticalFailures"] == [] and summary["warnings"] == []
    first = stored(loaded_run)
    by_id = {(r[0], r[1]): r for r in first}
    assert by_id[("ratings", "row_count_equals_series_loaded")][4] == len(loaded_run.truth["series"])
    expected_imdb_share = sum(s["imdb_rating"] is not None for s in loaded_run.truth["series"]) / len(
        loaded_run.truth["series"]
    )
    assert by_id[("ratings", "imdb_rating_non_null_share")][4] == expected_imdb_share
    with loaded_run.connect() as conn:
        suites = conn.execute(
            "select suite, success, evaluated, failed, critical_failed, data_docs_path"
            " from quality_validations where run_id = %s order by suite",
            (loaded_run.run_id,),
        ).fetchall()
    assert [(s[0], s[1], s[3]) for s in suites] == [
        (n, True, 0) for n in ("ratings", "series", "series_genres", "series_networks")
    ]
    assert suites[0][5].endswith("index.html")
    assert (loaded_run.config.data_docs_dir / "index.html").is_file()

    again = run_checkpoint(loaded_run.config, loaded_run.run_id)
    store_validation(loaded_run.config, again)
    second = stored(loaded_run)
    # Same rows, except the freshness observation, which ages between the two validations.
    strip = [r for r in second if r[1] != "collected_at_fresh"]
    assert strip == [r for r in first if r[1] != "collected_at_fresh"]
    assert len(second) == len(first)


def test_injected_bad_values_fail_exactly_the_expectations_that_check_them(loaded_run: LoadedRun) -> None:
    with loaded_run.connect() as conn:
        ids = [
            r[0]
            for r in conn.execute(
                "select series_id from ratings where run_id = %s order by series_id", (loaded_run.run_id,)
            ).fetchall()
        ]
        # A TMDB score out of range (its column has no check constraint), a negative count,
        # IMDb scores missing on 40% of the series, a genre outside TMDB's list.
        conn.execute(
            "update ratings set tmdb_vote_average = 12.5 where run_id = %s and series_id = %s",
            (loaded_run.run_id, ids[0]),
        )
        conn.execute(
            "update ratings set metacritic_count = -3 where run_id = %s and series_id = %s", (loaded_run.run_id, ids[1])
        )
        conn.execute(
            "update ratings set imdb_rating = null where run_id = %s and series_id = any(%s)",
            (loaded_run.run_id, ids[: int(len(ids) * 0.4)]),
        )
        conn.execute("insert into genre_dim (genre_id, name) values (990001, 'Telenovela') on conflict do nothing")
        conn.execute("insert into series_genre (series_id, genre_id) values (%s, 990001)", (ids[2],))
    validation = run_checkpoint(loaded_run.config, loaded_run.run_id)
    store_validation(loaded_run.config, validation)
    summary = validation.summary()
    assert summary["success"] is False
    failed = sorted((f["suite"], f["expectation"]) for f in summary["criticalFailures"])
    assert failed == [
        ("ratings", "imdb_rating_non_null_share"),
        ("ratings", "metacritic_count_not_negative"),
        ("ratings", "tmdb_vote_average_in_range"),
        ("series_genres", "genre_in_tmdb_list"),
    ]
    assert summary["warnings"] == []
    observed = {(f["suite"], f["expectation"]): f["observed"] for f in summary["criticalFailures"]}
    assert observed[("series_genres", "genre_in_tmdb_list")] == ["990001:Telenovela"]
    assert observed[("ratings", "metacritic_count_not_negative")] == [-3]
    with loaded_run.connect() as conn:
        rows: dict[str, int] = dict(
            conn.execute(
                "select suite, critical_failed from quality_validations where run_id = %s", (loaded_run.run_id,)
            ).fetchall()
        )
    assert rows == {"ratings": 3, "series": 0, "series_genres": 1, "series_networks": 0}
