"""The expectation suites, as code: one batch per run (a query asset on the run id).

Every expectation carries `meta.name` (its stable id within the suite, stored as
`expectation_id`) and `meta.severity`: `critical` failures make the run
`partial`, `warning` failures are listed only. Thresholds that operators tune
are suite parameters (`{"$PARAMETER": ...}`), filled in at validation time, so
the committed suites never change with the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

import great_expectations.expectations as gxe
from great_expectations.expectations.expectation import Expectation

from .reference import ISO_639_1, TMDB_TV_GENRES

RUN_FILTER = "current_setting('tvr.run_id')::uuid"
LOADED_SERIES = f"select series_id from run_series where run_id = {RUN_FILTER} and outcome = 'loaded'"

SCORE_RANGES: dict[str, tuple[float, float]] = {
    "tmdb_vote_average": (0, 10),
    "imdb_rating": (0, 10),
    "tomatoes_critic": (0, 100),
    "tomatoes_audience": (0, 100),
    "metacritic": (0, 100),
    "metauser": (0, 10),
}
COUNT_COLUMNS = (
    "tmdb_vote_count",
    "imdb_count",
    "tomatoes_critic_count",
    "tomatoes_audience_count",
    "metacritic_count",
    "metauser_count",
)


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    asset: str
    query: str
    expectations: tuple[Expectation, ...]


def _meta(name: str, severity: str) -> dict[str, str]:
    return {"name": name, "severity": severity}


def _param(name: str) -> dict[str, str]:
    return {"$PARAMETER": name}


def nonnull_parameter(column: str) -> str:
    return f"min_nonnull_share_{column}"


def _ratings() -> SuiteSpec:
    expectations: list[Expectation] = [
        gxe.ExpectTableRowCountToEqual(
            value=_param("series_loaded"), meta=_meta("row_count_equals_series_loaded", "critical")
        ),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["run_id", "series_id"], meta=_meta("run_series_unique", "critical")
        ),
    ]
    for column, (low, high) in SCORE_RANGES.items():
        expectations.append(
            gxe.ExpectColumnValuesToBeBetween(
                column=column, min_value=low, max_value=high, meta=_meta(f"{column}_in_range", "critical")
            )
        )
    for column in COUNT_COLUMNS:
        expectations.append(
            gxe.ExpectColumnValuesToBeBetween(
                column=column, min_value=0, meta=_meta(f"{column}_not_negative", "critical")
            )
        )
    for column in SCORE_RANGES:
        expectations.append(
            gxe.ExpectColumnProportionOfNonNullValuesToBeBetween(
                column=column,
                min_value=_param(nonnull_parameter(column)),
                max_value=1,
                meta=_meta(f"{column}_non_null_share", "critical"),
            )
        )
    expectations.append(
        gxe.ExpectColumnMaxToBeBetween(
            column="collected_age_hours",
            min_value=0,
            max_value=_param("max_collected_age_hours"),
            meta=_meta("collected_at_fresh", "warning"),
        )
    )
    return SuiteSpec(
        name="ratings",
        asset="ratings_of_run",
        query=(
            "select r.*, extract(epoch from (now() - r.collected_at)) / 3600.0 as collected_age_hours "
            f"from ratings r where r.run_id = {RUN_FILTER}"
        ),
        expectations=tuple(expectations),
    )


def _series() -> SuiteSpec:
    return SuiteSpec(
        name="series",
        asset="series_of_run",
        query=(
            "select s.*, coalesce(extract(year from s.first_air_date)::int, s.release_year) as first_air_year "
            f"from series s where s.series_id in ({LOADED_SERIES})"
        ),
        expectations=(
            gxe.ExpectColumnValuesToBeUnique(column="series_id", meta=_meta("series_id_unique", "critical")),
            gxe.ExpectColumnValuesToNotBeNull(column="series_id", meta=_meta("series_id_not_null", "critical")),
            gxe.ExpectColumnValuesToNotBeNull(column="title", meta=_meta("title_not_null", "critical")),
            gxe.ExpectColumnValuesToBeBetween(
                column="first_air_year",
                min_value=1920,
                max_value=_param("max_first_air_year"),
                meta=_meta("first_air_year_plausible", "warning"),
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="original_language",
                value_set=sorted(ISO_639_1),
                meta=_meta("original_language_iso_639_1", "warning"),
            ),
        ),
    )


def _series_genres() -> SuiteSpec:
    return SuiteSpec(
        name="series_genres",
        asset="series_genres_of_run",
        query=(
            "select sg.series_id, g.genre_id, g.name as genre_name, g.genre_id || ':' || g.name as genre_key "
            f"from series_genre sg join genre_dim g on g.genre_id = sg.genre_id where sg.series_id in ({LOADED_SERIES})"
        ),
        expectations=(
            gxe.ExpectColumnValuesToBeInSet(
                column="genre_key",
                value_set=[f"{gid}:{name}" for gid, name in sorted(TMDB_TV_GENRES.items())],
                meta=_meta("genre_in_tmdb_list", "critical"),
            ),
        ),
    )


def _series_networks() -> SuiteSpec:
    return SuiteSpec(
        name="series_networks",
        asset="series_networks_of_run",
        query=(
            "select sn.series_id, n.network_id, nullif(btrim(n.name), '') as network_name "
            "from series_network sn join network_dim n on n.network_id = sn.network_id "
            f"where sn.series_id in ({LOADED_SERIES})"
        ),
        expectations=(
            gxe.ExpectColumnValuesToNotBeNull(column="network_name", meta=_meta("network_has_name", "critical")),
        ),
    )


def suite_specs() -> tuple[SuiteSpec, ...]:
    return (_ratings(), _series(), _series_genres(), _series_networks())
