-- Per series and period: how far the sources are apart (0–100 points, left minus right).
with ratings as (
    select * from {{ ref('fct_series_ratings') }}
)

select
    period,
    series_id,
    source_count,
    imdb_score_100 - tomatometer_score_100 as imdb_minus_tomatometer,
    imdb_score_100 - metascore_score_100 as imdb_minus_metascore,
    tomatometer_score_100 - rt_audience_score_100 as tomatometer_minus_rt_audience,
    metascore_score_100 - metacritic_user_score_100 as metascore_minus_metacritic_user,
    tomatometer_score_100 - metascore_score_100 as tomatometer_minus_metascore,
    imdb_score_100 - rt_audience_score_100 as imdb_minus_rt_audience,
    case when source_count >= 2 then
        greatest(tmdb_score_100, imdb_score_100, tomatometer_score_100, rt_audience_score_100, metascore_score_100, metacritic_user_score_100)
        - least(tmdb_score_100, imdb_score_100, tomatometer_score_100, rt_audience_score_100, metascore_score_100, metacritic_user_score_100)
    end as max_source_spread
from ratings
