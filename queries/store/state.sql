-- Purpose: is the verdict store up to date? The data version next to the version and rules the store was built for.
-- Grain: one row.
-- Params: none.
-- Columns: data_version, store_version (-1 = never built), store_rules (rules fingerprint, '' = never built)
select coalesce(max(value) filter (where key = 'data_version'), '0')::integer as data_version,
       coalesce(max(value) filter (where key = 'store_data_version'), '-1')::integer as store_version,
       coalesce(max(value) filter (where key = 'store_rules'), '') as store_rules
from meta
