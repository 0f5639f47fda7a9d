with series as (
    select * from {{ source('tvr', 'series') }}
)

select
    series_id,
    title,
    original_title,
    first_air_date,
    coalesce(extract(year from first_air_date)::int, release_year) as first_air_year,
    original_language,
    origin_country,
    status,
    series_type,
    number_of_seasons,
    number_of_episodes,
    imdb_id
from series
