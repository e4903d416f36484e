"""Verdicts: an explained positive / negative verdict for every indicator series, and what is built from them.

Modules, in import order (each imports only the ones before it, no cycles):
- `rules`: the thresholds and texts of data/verdict_rules.yaml (schema-validated);
- `engine`: the pure, vectorised computation over DataFrames (no database, no texts);
- `text`: the explanation sentences, labels and the About-page rule text (fi/sv/en);
- `compute`: `compute_verdicts` (engine + text) and `verdicts_for(con, region)` through named queries;
- `developments`: the plan's positive / negative developments generated from verdicts;
- `rollup`: verdicts rolled up to plan goals;
- `store`: all of the above materialised once per data version in DuckDB tables (import it as
  `tutka.verdicts.store`; writers refresh it, pages read it per municipality).
"""

from tutka.verdicts.compute import (
    COMPARISONS,
    GAP_TRENDS,
    KEYS,
    OUTPUT_COLUMNS,
    VERDICTS,
    about_sections,
    compute_verdicts,
    explain,
    label,
    rules_markdown,
    symbol_label,
    verdicts_for,
)
from tutka.verdicts.developments import developments, topics_of
from tutka.verdicts.rules import load_rules

__all__ = [
    "COMPARISONS",
    "GAP_TRENDS",
    "KEYS",
    "OUTPUT_COLUMNS",
    "VERDICTS",
    "about_sections",
    "compute_verdicts",
    "developments",
    "explain",
    "label",
    "load_rules",
    "rules_markdown",
    "symbol_label",
    "topics_of",
    "verdicts_for",
]
