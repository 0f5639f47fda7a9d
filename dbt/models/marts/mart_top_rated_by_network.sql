-- The ten best series of each network in each period, by composite score.
with ratings as (
    select * from {{ ref('fct_series_ratings') }}
    where composite_score is not null
),

networks as (
    select * from {{ ref('stg_series_networks') }}
),

series as (
    select * from {{ ref('stg_series') }}
),

ranked as (
    select
        ratings.period,
        networks.network_id,
        networks.network_name,
        ratings.series_id,
        series.title,
        ratings.composite_score,
        ratings.source_count,
        row_number() over (
            partition by ratings.period, networks.network_id
            order by ratings.composite_score desc, ratings.series_id
        ) as rank
    from ratings
    inner join networks on networks.series_id = ratings.series_id
    inner join series on series.series_id = ratings.series_id
)

select * from ranked
where rank <= 10
