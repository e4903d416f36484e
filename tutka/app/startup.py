"""Import every module the pages use, once per process, before the first page runs.

Page scripts run in parallel threads (one per session). On a freshly started server, 8 deep links opened at once saw
half-imported modules ("cannot import name 'current_region' from 'tutka.ui'") because a rerun was raised while a
module was being imported. That rerun is gone (tutka.app.common.page_start), and dashboard.py imports this module
first, so the modules are complete before any page imports them: importing here holds Python's module import lock,
and the other first sessions wait for it instead of racing through the same imports, including the modules pages
only import inside functions (exports, importers)."""

from __future__ import annotations

import gc
import importlib
import pkgutil
import threading

import tutka

_SKIP = ("tutka.cli", "tutka.__main__")  # the command line is not used by pages
_lock = threading.Lock()
IMPORTED: list[str] = []


def module_names() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(tutka.__path__, "tutka.")]
    return sorted(n for n in names if not n.startswith(_SKIP))


def warm_up() -> list[str]:
    """Import all modules once (idempotent, thread-safe). Returns their names."""
    with _lock:
        if not IMPORTED:
            for name in module_names():
                importlib.import_module(name)
            IMPORTED.extend(module_names())
            gc.collect()
            gc.freeze()  # the modules' objects live as long as the process: no full collection walks them again
    return IMPORTED


warm_up()
