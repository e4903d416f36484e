"""The map of the house, read from the code: what may import what (docs/architecture.md).

Imports are read with `ast`, function-level imports included, so a cycle cannot hide inside a function.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_ALLOWED = ("pages/", "dashboard.py", "tutka/app/")


def _py_files() -> list[Path]:
    files = [ROOT / "dashboard.py"]
    for folder in ("tutka", "pages"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from tutka.app import common` imports the submodule tutka.app.common
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


GRAPH = {_module_name(p): (p, _imports(p)) for p in _py_files()}
MODULES = {name for name in GRAPH if name.startswith("tutka")}


def _internal(imports: set[str]) -> set[str]:
    return {m for m in imports if m in MODULES}


def test_streamlit_only_in_pages_dashboard_and_app() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path, imports in GRAPH.values()
        if any(m == "streamlit" or m.startswith("streamlit.") for m in imports)
        and not str(path.relative_to(ROOT)).startswith(STREAMLIT_ALLOWED)
    ]
    assert offenders == [], f"streamlit imported outside pages/, dashboard.py, tutka/app/: {offenders}"


def test_logic_does_not_import_the_app() -> None:
    offenders = [
        name
        for name, (path, imports) in GRAPH.items()
        if name.startswith("tutka") and not name.startswith("tutka.app")
        for m in imports
        if m == "tutka.app" or m.startswith("tutka.app.")
    ]
    assert offenders == [], f"logic modules import tutka.app: {offenders}"


def test_no_import_cycles() -> None:
    # A package's __init__ re-exporting its submodules is not a cycle of its own; edges into a package go to it.
    edges = {
        name: {
            m
            for m in _internal(imports)
            if m != name and not (name.startswith(m + ".") and GRAPH[m][0].name == "__init__.py")
        }
        for name, (_, imports) in GRAPH.items()
        if name in MODULES
    }
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert cycles == [], f"import cycles: {cycles}"


def test_pages_hold_no_sql_and_no_duckdb() -> None:
    sql = re.compile(r"\b(select|insert|update|delete)\b[^\n]*\b(from|into|set)\b", re.IGNORECASE)
    for path in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py")]:
        imports = _imports(path)
        assert "duckdb" not in imports, f"{path.name} imports duckdb"
        strings = [
            n.value
            for n in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
        assert not [s for s in strings if sql.search(s)], f"{path.name} holds SQL"


def test_sql_only_in_queries_folder() -> None:
    """No SQL statements in Python: everything goes through tutka.queries (named .sql files)."""
    stmt = re.compile(
        r"^\s*(select\s.+\sfrom|insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+(table|index|view)|drop\s+table)\b",
        re.IGNORECASE | re.DOTALL,
    )
    allowed = {"tutka/backup.py"}  # ATTACH/COPY need a file path, which cannot be a bound parameter
    offenders = []
    for path, _ in GRAPH.values():
        rel = str(path.relative_to(ROOT))
        if rel in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and stmt.search(node.value):
                offenders.append(f"{rel}:{node.lineno}")
    assert offenders == [], f"SQL outside queries/: {offenders}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.count(".") == 1))
def test_every_package_and_module_is_on_the_map(name: str) -> None:
    """docs/architecture.md names every package and top-level module of tutka/."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    short = name.split(".")[1]
    path = GRAPH[name][0]
    written = f"tutka/{short}/" if path.name == "__init__.py" else f"tutka/{short}.py"
    assert written in doc, f"docs/architecture.md does not describe {written}"


def test_colours_live_only_in_the_domain_vocabulary() -> None:
    """Verdict and region colours are written once (tutka/domain.py); charts, CSS, PPTX and PDF read them."""
    hex_colour = re.compile(r"#[0-9A-Fa-f]{6}\b")
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*(ROOT / "tutka").rglob("*.py"), *(ROOT / "tutka").rglob("*.css"), *(ROOT / "pages").glob("*.py")]
        if p.name != "domain.py" and hex_colour.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"colour literals outside tutka/domain.py: {offenders}"


def test_one_way_to_bind_widgets_to_the_url() -> None:
    """Widgets keep their state in the URL through tutka.app.common.url_widget / url_toggle only."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "tutka").rglob("*.py")]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword) and node.arg == "bind"
    ]
    assert offenders == [], f"use url_widget/url_toggle instead of bind='query-params': {offenders}"


def test_one_i18n_key_scheme_and_domain_keys_exist() -> None:
    """Keys are `<feature>.<name>[.<part>…]`; every label key the domain vocabulary names exists."""
    from tutka import domain
    from tutka.i18n import texts

    keys = texts()
    bad = [k for k in keys if not re.fullmatch(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+", k)]
    assert bad == [], f"i18n keys outside the <feature>.<name> scheme: {bad}"
    named = [
        *domain.SEX_LABEL_KEYS.values(),
        *domain.PUPIL_SEX_LABEL_KEYS.values(),
        *domain.SCHOOL_LEVEL_LABEL_KEYS.values(),
        *domain.POLARITY_LABEL_KEYS.values(),
        *(c.label_key(code) for code, c in domain.CODES.items()),
    ]
    assert [k for k in named if k not in keys] == []
