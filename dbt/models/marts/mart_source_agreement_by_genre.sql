-- Per genre and period: how well each pair of sources agrees (mean gap, mean absolute gap, correlation).

with ratings as (
    select * from {{ ref('fct_series_ratings') }}
),

genres as (
    select * from {{ ref('stg_series_genres') }}
),

pairs as (
    select ratings.period, ratings.series_id, pair.source_pair, pair.left_score, pair.right_score
    from ratings
    cross join lateral (
        values
            ('imdb_vs_tomatometer', ratings.imdb_score_100, ratings.tomatometer_score_100),
            ('imdb_vs_metascore', ratings.imdb_score_100, ratings.metascore_score_100),
            ('tomatometer_vs_rt_audience', ratings.tomatometer_score_100, ratings.rt_audience_score_100),
            ('metascore_vs_metacritic_user', ratings.metascore_score_100, ratings.metacritic_user_score_100),
            ('tomatometer_vs_metascore', ratings.tomatometer_score_100, ratings.metascore_score_100),
            ('imdb_vs_rt_audience', ratings.imdb_score_100, ratings.rt_audience_score_100)
    ) as pair (source_pair, left_score, right_score)
    where pair.left_score is not null and pair.right_score is not null
)

select
    pairs.period,
    genres.genre_id,
    genres.genre_name,
    pairs.source_pair,
    count(*) as series_count,
    round(avg(pairs.left_score - pairs.right_score), 2) as mean_gap,
    round(avg(abs(pairs.left_score - pairs.right_score)), 2) as mean_absolute_gap,
    round(corr(pairs.left_score, pairs.right_score)::numeric, 3) as correlation
from pairs
inner join genres on genres.series_id = pairs.series_id
group by pairs.period, genres.genre_id, genres.genre_name, pairs.source_pair
