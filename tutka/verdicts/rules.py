"""The verdict rules: thresholds and texts in data/verdict_rules.yaml, validated against its JSON Schema."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from tutka import DATA_DIR

RULES_PATH = DATA_DIR / "verdict_rules.yaml"


def _check(rules: dict) -> dict:
    for section in ("survey", "register", "benchmark", "gap", "rollup", "developments", "descriptions"):
        if section not in rules:
            raise ValueError(f"verdict_rules.yaml: section {section!r} missing")
    if int(rules["register"]["trend_points"]) < 3:
        raise ValueError("verdict_rules.yaml: register.trend_points must be at least 3")
    return rules


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as fh:
        return _check(yaml.safe_load(fh))


def load_rules(path: str | Path | None = None) -> dict:
    """The rules YAML as a dict (re-read when the file changes, so edits apply without a code change)."""
    p = Path(path) if path else RULES_PATH
    return _load(str(p), p.stat().st_mtime)
