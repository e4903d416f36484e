-- Purpose: the sources of the values and how much of each is demo data, materialised once per data version (Tietoa).
-- Grain: one row per publication × demo flag: notes about one value ("… (raportissa: noin 750)") are cut with the
--        pattern of tutka.citations, so a report with notes is one row whose counts are exact (distinct indicators).
-- Params: $note_pattern (regular expression of a value note, tutka.citations.NOTE_PATTERN)
-- Columns: none (write).
insert into store_source_stats by name
select trim(regexp_replace(source, $note_pattern, '', 'g')) as source, is_demo, count(*) as n_values,
       count(distinct indicator_id) as n_indicators, min(year) as first_year, max(year) as last_year
from indicator_values
group by all
