{{ config(indexes=[{'columns': ['series_id', 'period'], 'unique': True}]) }}

{%- set scores_100 = ['tmdb_score_100', 'imdb_score_100', 'tomatometer_score_100', 'rt_audience_score_100', 'metascore_score_100', 'metacritic_user_score_100'] -%}

with ratings as (
    select * from {{ ref('stg_ratings') }}
),

holders as (
    select * from {{ ref('int_period_holders') }}
),

normalized as (
    select
        ratings.period,
        ratings.run_id,
        ratings.series_id,
        ratings.collected_at,
        ratings.tmdb_vote_average,
        ratings.tmdb_vote_count,
        ratings.imdb_rating,
        ratings.imdb_count,
        ratings.tomatoes_critic,
        ratings.tomatoes_critic_count,
        ratings.tomatoes_audience,
        ratings.tomatoes_audience_count,
        ratings.metacritic,
        ratings.metacritic_count,
        ratings.metauser,
        ratings.metauser_count,
        {{ to_100('ratings.tmdb_vote_average', 10) }} as tmdb_score_100,
        {{ to_100('ratings.imdb_rating', 10) }} as imdb_score_100,
        {{ to_100('ratings.tomatoes_critic', 100) }} as tomatometer_score_100,
        {{ to_100('ratings.tomatoes_audience', 100) }} as rt_audience_score_100,
        {{ to_100('ratings.metacritic', 100) }} as metascore_score_100,
        {{ to_100('ratings.metauser', 10) }} as metacritic_user_score_100
    from ratings
    inner join holders on holders.run_id = ratings.run_id
)

select
    *,
    num_nonnulls({{ scores_100 | join(', ') }}) as source_count,
    {{ composite_score(scores_100, 3) }} as composite_score
from normalized
