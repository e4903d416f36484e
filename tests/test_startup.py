"""tutka.app.startup: what the first page waits for (issue 13: cold start), and that the PowerPoint and PDF writers,
left out of the start, are safe to import on first use by several sessions at once."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from tutka.app.startup import ON_FIRST_USE, module_names

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str) -> str:
    """Run `code` in a fresh interpreter (nothing imported yet), as a freshly started server would be."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _top_level_imports(path: Path) -> set[str]:
    """Modules imported by the module's own body (not inside functions): what importing it imports."""
    found: set[str] = set()
    nodes = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while nodes:
        node = nodes.pop()
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.If | ast.Try | ast.With):
            nodes += [*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", [])]
            nodes += [n for h in getattr(node, "handlers", []) for n in h.body]
    return found


def test_warm_up_imports_every_page_module_but_not_the_writers():
    out = _python(
        "import json, sys\n"
        "import streamlit\n"
        "from tutka.app import startup\n"
        "print(json.dumps({'imported': startup.IMPORTED, 'loaded': sorted(sys.modules)}))"
    )
    result = json.loads(out.strip().splitlines()[-1])
    loaded = set(result["loaded"])
    expected = [name for name in module_names() if name not in ON_FIRST_USE]
    assert result["imported"] == expected
    assert set(expected) <= loaded
    assert not set(ON_FIRST_USE) & loaded
    for library in ("fpdf", "pptx", "openpyxl", "tutka.cli"):  # heavy, and not needed by the first page
        assert library not in loaded, f"{library} is imported at start"


def test_the_writers_are_leaves_of_the_import_graph():
    """Nothing imported at start imports a writer when it is imported itself, and a writer's package is imported at
    start: a writer is imported on first use only, after every module it needs is complete."""
    modules = {name: ROOT / (name.replace(".", "/") + ".py") for name in module_names()}
    for name in [n for n in modules if not modules[n].exists()]:
        modules[name] = ROOT / name.replace(".", "/") / "__init__.py"
    offenders = [
        f"{name} imports {target}"
        for name, path in modules.items()
        if name not in ON_FIRST_USE
        for target in _top_level_imports(path)
        if target in ON_FIRST_USE
    ]
    assert offenders == []
    for name in ON_FIRST_USE:
        assert name in modules
        assert name.rsplit(".", 1)[0] in modules and name.rsplit(".", 1)[0] not in ON_FIRST_USE


def test_eight_sessions_import_the_writers_at_the_same_moment():
    """Eight threads (sessions) that first need a writer at the same moment, in different orders, on a fresh process
    after the warm-up: each gets complete modules (no "cannot import name", no half-initialised module)."""
    out = _python(
        "import importlib, threading\n"
        "import streamlit\n"
        "from tutka.app import startup\n"
        "names = list(startup.ON_FIRST_USE)\n"
        "wanted = {'tutka.exports.pdf_profile': 'profile_pdf', 'tutka.exports.pptx_deck': 'deck_pptx',\n"
        "          'tutka.exports.report_pdf': 'report_pdf'}\n"
        "assert set(wanted) == set(names)\n"
        "gate, errors = threading.Barrier(8), []\n"
        "def session(i):\n"
        "    order = names[i % 3:] + names[:i % 3]\n"
        "    gate.wait()\n"
        "    try:\n"
        "        for name in order if i % 2 else order[::-1]:\n"
        "            assert callable(getattr(importlib.import_module(name), wanted[name]))\n"
        "        from tutka.exports.pdf_profile import profile_pdf\n"
        "        from tutka.exports.pptx_deck import deck_pptx\n"
        "        from tutka.exports.report_pdf import report_pdf\n"
        "    except BaseException as exc:\n"
        "        errors.append(repr(exc))\n"
        "threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print('errors', errors)"
    )
    assert out.strip().splitlines()[-1] == "errors []"
