with ratings as (
    select * from {{ source('tvr', 'ratings') }}
)

select
    run_id,
    series_id,
    period,
    collected_at,
    tmdb_vote_average,
    tmdb_vote_count,
    tmdb_popularity,
    imdb_rating,
    imdb_count,
    tomatoes_critic,
    tomatoes_critic_count,
    tomatoes_audience,
    tomatoes_audience_count,
    metacritic,
    metacritic_count,
    metauser,
    metauser_count
from ratings
