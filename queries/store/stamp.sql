-- Purpose: stamp the verdict store with the data version and rules fingerprint it was computed for.
-- Grain: two meta rows.
-- Params: $version (data version as text), $rules (rules fingerprint)
-- Columns: none (write).
insert or replace into meta values ('store_data_version', $version), ('store_rules', $rules)
