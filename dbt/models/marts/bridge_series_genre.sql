-- One row per series and genre: lets BI tools filter and group series-level marts by genre.
with genres as (
    select * from {{ ref('stg_series_genres') }}
)

select
    series_id,
    genre_id,
    genre_name
from genres
