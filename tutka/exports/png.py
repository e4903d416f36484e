"""PNG of any Plotly figure through kaleido 1.x, which drives Debian's Chromium (`apt-get install chromium`).

kaleido is not thread-safe and Streamlit runs every session in its own thread, so every export holds one
process-wide lock. Without Chromium the export says so in Finnish (PngUnavailableError) and everything else works.
"""

from __future__ import annotations

import os
import shutil
import threading

import plotly.graph_objects as go

from tutka.charts import add_demo_annotation
from tutka.i18n import t

_LOCK = threading.Lock()
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PngUnavailableError(RuntimeError):
    """No browser for kaleido, or the export failed; the message is user-facing."""


def browser_path() -> str | None:
    """The browser kaleido will use: $BROWSER_PATH (kaleido's own variable) or the first one on PATH."""
    env = os.environ.get("BROWSER_PATH")
    if env and os.path.exists(env):
        return env
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def png_available() -> bool:
    return browser_path() is not None


def _has_demo_label(fig: go.Figure) -> bool:
    label = t("demo.chart", "fi").split()[0].lower()
    return any(label in str(a.text or "").lower() for a in fig.layout.annotations or [])


def figure_png(
    fig: go.Figure, width: int = 1200, height: int = 675, scale: float = 2, demo: bool = False, lang: str | None = None
) -> bytes:
    """PNG bytes (16:9, 2400×1350 px by default). `demo=True` makes sure the demo label is in the picture."""
    path = browser_path()
    if path is None:
        raise PngUnavailableError(t("present.png_missing", lang))
    fig = go.Figure(fig)  # a copy: the caller's figure is not changed
    if demo and not _has_demo_label(fig):
        add_demo_annotation(fig)
    fig.update_layout(width=width, height=height)
    os.environ.setdefault("BROWSER_PATH", path)
    with _LOCK:
        try:
            return fig.to_image(format="png", width=width, height=height, scale=scale)
        except Exception as exc:  # kaleido raises many kinds (browser crash, timeout): one clear message
            raise PngUnavailableError(t("present.png_failed", lang, error=str(exc)[:300])) from exc
