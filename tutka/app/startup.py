"""Import every module the pages use, once per process, before the first page runs.

Page scripts run in parallel threads (one per session). On a freshly started server, 8 deep links opened at once saw
half-imported modules ("cannot import name 'current_region' from 'tutka.ui'") because a rerun was raised while a
module was being imported. That rerun is gone (tutka.app.common.page_start), and dashboard.py imports this module
first, so the modules are complete before any page imports them: importing here holds Python's module import lock,
and the other first sessions wait for it instead of racing through the same imports, including the modules pages
only import inside functions (importers, the yearly report).

Except ON_FIRST_USE: the PowerPoint and PDF writers, whose libraries (python-pptx, fpdf2 with fontTools) cost about a
third of the start-up imports, while the first page needs neither (issue 13: cold start). They are imported by the
session that first builds a deck or a PDF. That is safe without this module's lock: they are leaves — nothing
imported here imports them (tests/test_startup.py), there are no import cycles (tests/test_architecture.py), and
their package and every tutka module they import are complete after warm_up — so two sessions that need one at the
same moment meet at Python's per-module import lock, and the second waits for a complete module."""

from __future__ import annotations

import atexit
import gc
import importlib
import pkgutil
import threading
from pathlib import Path

import tutka

_SKIP = ("tutka.cli", "tutka.__main__")  # the command line is not used by pages
ON_FIRST_USE = ("tutka.exports.pdf_profile", "tutka.exports.pptx_deck", "tutka.exports.report_pdf")
_lock = threading.Lock()
IMPORTED: list[str] = []


def module_names() -> list[str]:
    """Every module of the tutka package but the command line, read from the folders (nothing is imported)."""
    names: list[str] = []

    def walk(folder: Path, prefix: str) -> None:
        for info in pkgutil.iter_modules([str(folder)], prefix):
            if info.name.startswith(_SKIP):
                continue
            names.append(info.name)
            if info.ispkg:
                walk(folder / info.name.rsplit(".", 1)[1], info.name + ".")

    for folder in tutka.__path__:
        walk(Path(folder), "tutka.")
    return sorted(names)


def warm_up() -> list[str]:
    """Import all modules but ON_FIRST_USE once (idempotent, thread-safe). Returns their names."""
    with _lock:
        if not IMPORTED:
            names = [name for name in module_names() if name not in ON_FIRST_USE]
            for name in names:
                importlib.import_module(name)
            IMPORTED.extend(names)
            gc.collect()
            gc.freeze()  # the modules' objects live as long as the process: no full collection walks them again
            atexit.register(gc.unfreeze)  # at exit they are collected as usual (no leak report from extensions)
    return IMPORTED


warm_up()
