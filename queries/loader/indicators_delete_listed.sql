-- Purpose: remove the catalogue entries init reloads from data/indicators.yaml; entries created by uploads stay.
-- Grain: one row deleted per indicator in the registered frame `_frame`
-- Params: none
-- Columns: (delete) indicators
delete from indicators where indicator_id in (select indicator_id from _frame)
