-- Migration 006: the verdict store keeps the language-independent part of each region's positive / negative
-- developments (tutka/verdicts/developments.py `group`): which headline series make up which theme phrase, in which
-- order, for the latest data (as_of null) and as of each plan's year. The phrases are worded at read time (`phrase`).
-- One row per series behind a phrase: side positive | negative | neutral, item = the phrase's place on its side,
-- indicator_rank = the indicator's place in the phrase's brackets, position = the series' place among the phrase's
-- rows, note = the sex the change concerns especially ('female' | 'male' | '').
create table if not exists store_developments (
    region_code varchar, as_of bigint, side varchar, item bigint, audience varchar, topic varchar, direction varchar,
    split boolean, n bigint, n_assessed bigint, indicator_rank bigint, position bigint, indicator_id varchar,
    sex varchar, grp varchar, note varchar
);
