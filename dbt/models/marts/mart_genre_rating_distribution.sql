-- How composite scores are spread within each genre, per period.
with ratings as (
    select * from {{ ref('fct_series_ratings') }}
),

genres as (
    select * from {{ ref('stg_series_genres') }}
)

select
    ratings.period,
    genres.genre_id,
    genres.genre_name,
    count(*) as series_count,
    count(ratings.composite_score) as scored_series_count,
    round(avg(ratings.composite_score), 2) as avg_composite_score,
    min(ratings.composite_score) as min_composite_score,
    round((percentile_cont(0.25) within group (order by ratings.composite_score))::numeric, 2) as p25_composite_score,
    round((percentile_cont(0.5) within group (order by ratings.composite_score))::numeric, 2) as median_composite_score,
    round((percentile_cont(0.75) within group (order by ratings.composite_score))::numeric, 2) as p75_composite_score,
    max(ratings.composite_score) as max_composite_score
from ratings
inner join genres on genres.series_id = ratings.series_id
group by ratings.period, genres.genre_id, genres.genre_name
