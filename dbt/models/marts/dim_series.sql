{#- The read API's sorts (services/api/src/catalog/series-list.ts): the default
    descending order of each latest score and of IMDb votes walks one of these
    indexes backwards; the fallback -1 must match the API's sort key exactly. -#}
{%- set sort_columns = ['latest_composite_score', 'latest_tmdb_vote_average', 'latest_imdb_rating',
    'latest_tomatoes_critic', 'latest_tomatoes_audience', 'latest_metacritic', 'latest_metauser',
    'latest_imdb_count'] -%}
{%- set sort_indexes = [] -%}
{%- for column in sort_columns -%}
    {%- do sort_indexes.append({'columns': ['(coalesce(' ~ column ~ '::double precision, -1))', 'series_id']}) -%}
{%- endfor -%}
{{ config(indexes=[{'columns': ['series_id'], 'unique': True}] + sort_indexes) }}

with series as (
    select * from {{ ref('stg_series') }}
),

genres as (
    select
        series_id,
        array_agg(genre_name order by genre_name) as genres,
        array_agg(genre_id order by genre_name) as genre_ids
    from {{ ref('stg_series_genres') }}
    group by series_id
),

networks as (
    select
        series_id,
        array_agg(network_name order by network_name) as networks,
        array_agg(network_id order by network_name) as network_ids
    from {{ ref('stg_series_networks') }}
    group by series_id
),

latest_scores as (
    select distinct on (series_id) *
    from {{ ref('fct_series_ratings') }}
    order by series_id, period desc
)

select
    series.series_id,
    series.title,
    series.original_title,
    series.first_air_date,
    series.first_air_year,
    series.original_language,
    series.origin_country,
    series.status,
    series.imdb_id,
    series.rt_path,
    series.mc_path,
    coalesce(genres.genres, '{}') as genres,
    coalesce(genres.genre_ids, '{}') as genre_ids,
    coalesce(networks.networks, '{}') as networks,
    coalesce(networks.network_ids, '{}') as network_ids,
    latest_scores.period as latest_period,
    latest_scores.run_id as latest_run_id,
    latest_scores.tmdb_vote_average as latest_tmdb_vote_average,
    latest_scores.tmdb_vote_count as latest_tmdb_vote_count,
    latest_scores.imdb_rating as latest_imdb_rating,
    latest_scores.imdb_count as latest_imdb_count,
    latest_scores.tomatoes_critic as latest_tomatoes_critic,
    latest_scores.tomatoes_audience as latest_tomatoes_audience,
    latest_scores.metacritic as latest_metacritic,
    latest_scores.metauser as latest_metauser,
    latest_scores.composite_score as latest_composite_score
from series
left join genres on genres.series_id = series.series_id
left join networks on networks.series_id = series.series_id
left join latest_scores on latest_scores.series_id = series.series_id
