"""JSON Schemas of the YAML metadata (data/schemas/*.schema.json): load, validate, explain in plain Finnish.

One schema per kind of file: `indicators` (data/indicators.yaml), `verdict_rules` (data/verdict_rules.yaml) and `plan`
(data/plans/*.yaml). Problems come back as lines "<where>: <id of the entry>: <field>: <what is wrong>", in document
order, all at once. Vocabularies that live in tutka/domain.py are not copied into the schema files: a schema names
them with `"x-enum": "<vocabulary>"` and the enum is filled in at load time. Extensions the schema files use:
`x-enum`, `x-unique-keys` (keys whose values must be unique in the whole document), `x-pattern-key` and
`x-type-key` (i18n keys that explain a pattern or a type in plain words), `x-description-sv` / `x-description-en`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from tutka import DATA_DIR
from tutka.domain import POLARITIES, SCHOOL_LEVELS, SEXES
from tutka.i18n import t

SCHEMA_DIR = DATA_DIR / "schemas"
VOCABULARIES: dict[str, tuple[str, ...]] = {"polarities": POLARITIES, "school_levels": SCHOOL_LEVELS, "sexes": SEXES}
# Keys that identify an entry of a list; a problem inside the entry is reported under its id (noun as i18n key).
ID_KEYS = {"id": "", "goal_id": "schema.noun.goal", "action_id": "schema.noun.action", "key": "schema.noun.audience"}
TYPE_KEYS = ("string", "integer", "number", "boolean", "array", "object", "null")
DASHES = "-\u2010\u2011\u2012\u2014\u2212"  # look like the en dash '–' but are not


def _strict_integer(checker: Any, value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # 2.0 and true are not integers in our files


Validator = validators.extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer)
)


@lru_cache(maxsize=8)
def _raw(name: str) -> dict:
    with (SCHEMA_DIR / f"{name}.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def load_schema(name: str, vocab: Mapping[str, Iterable[str]] | None = None) -> dict:
    """The schema `name` with every `x-enum` vocabulary filled in (domain vocabularies plus `vocab`)."""
    known = {**VOCABULARIES, **{k: tuple(v) for k, v in (vocab or {}).items()}}
    schema = copy.deepcopy(_raw(name))

    def fill(node: Any) -> None:
        if isinstance(node, dict):
            if "x-enum" in node and node["x-enum"] in known:
                node["enum"] = list(known[node["x-enum"]])
            for value in node.values():
                fill(value)
        elif isinstance(node, list):
            for value in node:
                fill(value)

    fill(schema)
    return schema


def _unfilled(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["x-enum"]] if "x-enum" in node and "enum" not in node else []
        return own + [v for child in node.values() for v in _unfilled(child)]
    if isinstance(node, list):
        return [v for child in node for v in _unfilled(child)]
    return []


# ------------------------------------------------------------------------------------------------ places and texts
def _show(value: Any) -> str:
    if isinstance(value, str):
        text = f"'{value}'"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _ident(item: Any) -> str:
    if isinstance(item, dict):
        for key, noun in ID_KEYS.items():
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return f"{t(noun, 'fi')} {value}" if noun else value
    return ""


def _place(doc: Any, path: Iterable[Any]) -> tuple[str, str]:
    """(label of the innermost list entry with an id, field path inside it) for a path into the document."""
    label, node = "", doc
    parts: list[tuple[str, bool]] = []  # (text, is a key)
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            ident = _ident(node)
            if ident:
                label, parts = ident, []
            elif not label and not parts:
                label = t("schema.item", "fi", n=step + 1)
            else:
                parts.append((t("schema.item", "fi", n=step + 1), False))
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append((str(step), True))
    field = ""
    for i, (text, is_key) in enumerate(parts):
        field = text if i == 0 else field + ("." if is_key and parts[i - 1][1] else ", ") + text
    return label, field


def line(where: str, label: str, field: str, message: str) -> str:
    """One problem line; empty parts are left out."""
    return ": ".join(p for p in (where, label, field, message) if p)


def _type_names(expected: Any) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return f" {t('schema.or', 'fi')} ".join(t(f"schema.type.{n}", "fi") for n in names if n in TYPE_KEYS)


def _enum_message(value: Any, allowed: list[Any]) -> str:
    message = t(
        "schema.enum",
        "fi",
        value=_show(value),
        allowed=", ".join(a if isinstance(a, str) else json.dumps(a) for a in allowed),
    )
    if isinstance(value, str):
        fixed = "".join("\u2013" if ch in DASHES else ch for ch in value)
        if fixed != value and fixed in allowed:
            message += "; " + t("schema.hint.dash", "fi", fixed=fixed)
    return message


def _messages(error: ValidationError) -> Iterator[tuple[str, str]]:
    """(extra field below the error's path, Finnish message) for one jsonschema error."""
    kind, value, limit, schema = error.validator, error.instance, error.validator_value, error.schema
    if kind == "required":
        for name in limit:
            if isinstance(value, dict) and name not in value:
                yield str(name), t("schema.required", "fi")
    elif kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        for name in value if isinstance(value, dict) else ():
            if name not in known:
                yield str(name), t("schema.unknown", "fi")
    elif kind == "type":
        key = schema.get("x-type-key")
        yield (
            "",
            t(key, "fi", value=_show(value))
            if key
            else t("schema.type", "fi", value=_show(value), expected=_type_names(limit)),
        )
    elif kind == "enum":
        yield "", _enum_message(value, list(limit))
    elif kind == "const":
        yield "", t("schema.const", "fi", value=_show(value), expected=_show(limit))
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        yield "", t(f"schema.{kind}", "fi", value=_show(value), limit=limit)
    elif kind in ("minItems", "maxItems", "uniqueItems"):
        yield "", t(f"schema.{kind}", "fi", limit=limit)
    elif kind == "minLength":
        yield "", t("schema.hint.non_empty", "fi")
    elif kind == "pattern":
        hint = t(schema["x-pattern-key"], "fi") if "x-pattern-key" in schema else limit
        yield "", t("schema.pattern", "fi", value=_show(value), hint=hint)
    else:
        yield "", t("schema.invalid", "fi", detail=error.message)


def _order(doc: Any, path: Iterable[Any]) -> tuple[int, ...]:
    """Sort key: the error's place in the document (keys in the order the file writes them)."""
    key, node = [], doc
    for step in path:
        if isinstance(node, dict) and step in node:
            key.append(list(node).index(step))
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            key.append(step)
            node = node[step]
        else:
            key.append(10**6)
            node = None
    return tuple(key)


def _duplicates(doc: Any, keys: Iterable[str]) -> Iterator[tuple[list[Any], str, Any]]:
    """(path of the entry, key, value) for every entry whose id was already used earlier in the document."""
    seen: dict[str, set[Any]] = {k: set() for k in keys}

    def walk(node: Any, path: list[Any]) -> Iterator[tuple[list[Any], str, Any]]:
        if isinstance(node, dict):
            for key in seen:
                value = node.get(key)
                if isinstance(value, (str, int)):
                    if value in seen[key]:
                        yield path, key, value
                    seen[key].add(value)
            for k, child in node.items():
                yield from walk(child, [*path, k])
        elif isinstance(node, list):
            for i, child in enumerate(node):
                yield from walk(child, [*path, i])

    yield from walk(doc, [])


# ------------------------------------------------------------------------------------------------ validation
def problems(data: Any, name: str, *, where: str = "", vocab: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    """Every problem of `data` against schema `name`, in document order (empty list = valid)."""
    schema = load_schema(name, vocab)
    missing = _unfilled(schema)
    if missing:
        raise LookupError(f"{name}.schema.json: vocabulary not given: {', '.join(sorted(set(missing)))}")
    found: list[tuple[tuple[int, ...], str]] = []
    for error in Validator(schema).iter_errors(data):
        path = list(error.absolute_path)
        for extra, message in _messages(error):
            full = [*path, extra] if extra else path
            label, field = _place(data, full)
            found.append(
                (_order(data, full), line(where, label or ("" if full else t("schema.file", "fi")), field, message))
            )
    for path, key, value in _duplicates(data, schema.get("x-unique-keys", ())):
        label, field = _place(data, [*path, key])
        message = t("schema.duplicate", "fi", value=_show(value))
        found.append((_order(data, [*path, key]), line(where, label, field, message)))
    result: list[str] = []
    for _, text in sorted(found, key=lambda item: item[0]):
        if text not in result:
            result.append(text)
    return result


def validate_file(data: Any, name: str, *, where: str = "", vocab: Mapping[str, Iterable[str]] | None = None) -> None:
    """Raise ValueError listing every problem of `data` against schema `name` (`where`: the file, for the text)."""
    found = problems(data, name, where=where, vocab=vocab)
    if found:
        raise ValueError(t("schema.problems", "fi", where=where or name, n=len(found)) + "\n  " + "\n  ".join(found))


# ------------------------------------------------------------------------------------------------ documentation
def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/") and "properties" not in node:
        return {**schema["$defs"][ref.split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def field_rows(name: str, lang: str = "fi", vocab: Mapping[str, Iterable[str]] | None = None) -> list[dict[str, Any]]:
    """The fields of one entry of schema `name` (a list's item, else the document): field, required, description."""
    schema = load_schema(name, vocab)
    entry = _resolve(schema, schema["items"]) if schema.get("type") == "array" else schema
    required = set(entry.get("required", ()))
    rows = []
    for field, prop in entry.get("properties", {}).items():
        description = prop.get("description", "") if lang == "fi" else prop.get(f"x-description-{lang}", "")
        rows.append(
            {"field": field, "required": field in required, "description": description or prop.get("description", "")}
        )
    return rows


def markdown_table(name: str, lang: str = "en") -> str:
    """The field table of schema `name` as Markdown (docs/data-model.md holds it; a test keeps the two in step)."""
    head = [t("about.col_field", lang), t("about.col_required", lang), t("about.col_description", lang)]
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|"]
    for row in field_rows(name, lang):
        yes = t("about.required_yes" if row["required"] else "about.required_no", lang)
        description = row["description"].replace("|", "\\|")
        lines.append(f"| `{row['field']}` | {yes} | {description} |")
    return "\n".join(lines)
