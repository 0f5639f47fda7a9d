-- One row per series and network: lets BI tools filter and group series-level marts by network (platform).
with networks as (
    select * from {{ ref('stg_series_networks') }}
)

select
    series_id,
    network_id,
    network_name
from networks
