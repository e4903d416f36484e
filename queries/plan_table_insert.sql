-- Purpose: insert a plan's staged rows (the registered DataFrame _plan_rows) into one plan table. Run inside a
-- transaction.
-- Grain: writes; {table} is filled from tutka.plans.PLAN_TABLES only (a whitelist), never from user input.
-- Params: none
insert into {table} by name select * from _plan_rows
