"""The verdict rules: thresholds and texts in data/verdict_rules.yaml, validated against its JSON Schema."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from tutka import DATA_DIR, schemas
from tutka.i18n import t

RULES_PATH = DATA_DIR / "verdict_rules.yaml"


PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([a-z_]+)(:%)?\}")  # {section.key} or {section.key:%} in descriptions


def _check(rules: object, where: str) -> dict:
    """The schema (data/schemas/verdict_rules.schema.json), then what it cannot say: every {section.key} placeholder
    of the descriptions names a number of this file. Raises ValueError listing every problem."""
    schemas.validate_file(rules, "verdict_rules", where=where)
    assert isinstance(rules, dict)  # the schema's root type
    problems = [
        schemas.line(where, "", f"descriptions.{topic}.{lang}", t("schema.placeholder", "fi", placeholder=m.group(0)))
        for topic, texts in rules["descriptions"].items()
        for lang, text in texts.items()
        for m in PLACEHOLDER.finditer(text)
        if not isinstance((rules.get(m.group(1)) or {}).get(m.group(2)), (int, float))
    ]
    if problems:
        raise ValueError(t("schema.problems", "fi", where=where, n=len(problems)) + "\n  " + "\n  ".join(problems))
    return rules


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as fh:
        return _check(yaml.safe_load(fh), Path(path).name)


def load_rules(path: str | Path | None = None) -> dict:
    """The rules YAML as a dict (re-read when the file changes, so edits apply without a code change)."""
    p = Path(path) if path else RULES_PATH
    return _load(str(p), p.stat().st_mtime)
