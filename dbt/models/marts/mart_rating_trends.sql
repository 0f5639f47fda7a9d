-- Average score per period, source and genre, with the change since the previous period.
with ratings as (
    select * from {{ ref('fct_series_ratings') }}
),

genres as (
    select * from {{ ref('stg_series_genres') }}
),

by_source as (
    select ratings.period, ratings.series_id, scores.source, scores.score_100
    from ratings
    cross join lateral (
        values
            ('tmdb', ratings.tmdb_score_100),
            ('imdb', ratings.imdb_score_100),
            ('tomatometer', ratings.tomatometer_score_100),
            ('rt_audience', ratings.rt_audience_score_100),
            ('metascore', ratings.metascore_score_100),
            ('metacritic_user', ratings.metacritic_user_score_100),
            ('composite', ratings.composite_score)
    ) as scores (source, score_100)
    where scores.score_100 is not null
),

aggregated as (
    select
        by_source.period,
        by_source.source,
        genres.genre_id,
        genres.genre_name,
        count(*) as series_count,
        round(avg(by_source.score_100), 2) as avg_score_100
    from by_source
    inner join genres on genres.series_id = by_source.series_id
    group by by_source.period, by_source.source, genres.genre_id, genres.genre_name
)

select
    *,
    avg_score_100 - lag(avg_score_100) over (
        partition by source, genre_id order by period
    ) as change_since_previous_period
from aggregated
