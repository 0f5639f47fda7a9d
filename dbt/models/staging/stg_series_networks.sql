with bridge as (
    select * from {{ source('tvr', 'series_network') }}
),

networks as (
    select * from {{ source('tvr', 'network_dim') }}
)

select
    bridge.series_id,
    networks.network_id,
    networks.name as network_name,
    networks.origin_country as network_origin_country
from bridge
inner join networks on networks.network_id = bridge.network_id
