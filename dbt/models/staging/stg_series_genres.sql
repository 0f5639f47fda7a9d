with bridge as (
    select * from {{ source('tvr', 'series_genre') }}
),

genres as (
    select * from {{ source('tvr', 'genre_dim') }}
)

select
    bridge.series_id,
    genres.genre_id,
    genres.name as genre_name
from bridge
inner join genres on genres.genre_id = bridge.genre_id
