"""The fi/sv/en translation table.

Every text a user reads goes through `t(key)`. Tables live in `data/i18n/*.csv` (columns key,fi,sv,en); every file is
loaded and merged, so each feature keeps its own file. Missing sv/en texts fall back to Finnish.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from tutka import DATA_DIR

LANGS = ("fi", "sv", "en")
LANG_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


@lru_cache(maxsize=1)
def texts() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for path in sorted((DATA_DIR / "i18n").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = row["key"].strip()
                if not key or key.startswith("#"):
                    continue
                if key in table:
                    raise ValueError(f"duplicate i18n key {key!r} in {path.name}")
                table[key] = {lang: (row.get(lang) or "").strip() for lang in LANGS}
    return table


_lang_provider: Callable[[], str] | None = None


def set_lang_provider(provider: Callable[[], str]) -> None:
    """The app registers how to read the session's language (tutka.app.common); logic never imports streamlit."""
    global _lang_provider
    _lang_provider = provider


_bound = threading.local()  # a language bound for a block of code on this thread (using_lang)


@contextmanager
def using_lang(lang: str) -> Iterator[None]:
    """Texts in `lang` inside the block on this thread, e.g. a file built after the page run that asked for it
    (a deferred download runs outside the session, where the provider cannot see the session's language)."""
    before = getattr(_bound, "lang", None)
    _bound.lang = lang
    try:
        yield
    finally:
        _bound.lang = before


def get_lang() -> str:
    """The current UI language: the app session's choice (through the registered provider), else Finnish."""
    bound = getattr(_bound, "lang", None)
    if bound in LANGS:
        return bound
    try:
        lang = _lang_provider() if _lang_provider else "fi"
    except Exception:  # outside a Streamlit run (CLI, tests)
        lang = "fi"
    return lang if lang in LANGS else "fi"


def t(key: str, lang: str | None = None, /, **fmt: object) -> str:
    entry = texts().get(key)
    if entry is None:
        raise KeyError(f"missing i18n key {key!r}")
    lang = lang or get_lang()
    text = entry.get(lang) or entry["fi"]
    return text.format(**fmt) if fmt else text


def pick(row: dict | object, field: str, lang: str | None = None) -> str:
    """Pick a localised column such as title_fi/title_sv/title_en from a row (dict or namedtuple), falling back to fi."""
    lang = lang or get_lang()
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    value = get(f"{field}_{lang}") or get(f"{field}_fi")
    return "" if value is None else str(value)


def unit_label(short_unit: object, lang: str | None = None) -> str:
    """A catalogue short unit in the reader's language: 'lkm' → 'st' / 'count'; '%', '/1 000' unchanged."""
    from tutka.domain import UNIT_LABEL_KEYS

    unit = "" if short_unit is None else str(short_unit)
    key = UNIT_LABEL_KEYS.get(unit.strip())
    return t(key, lang) if key else unit


def licence_label(licence: object, lang: str | None = None) -> str:
    """A catalogue licence in the reader's language ('Kunnan oma aineisto' → 'Kommunens egna uppgifter')."""
    from tutka.domain import LICENCE_LABEL_KEYS

    text = "" if licence is None else str(licence)
    key = LICENCE_LABEL_KEYS.get(text.strip())
    return t(key, lang) if key else text


def source_label(source: object, lang: str | None = None) -> str:
    """A value's source in the reader's language: the generated demo source is translated, others are names."""
    from tutka.domain import SOURCE_LABEL_KEYS

    text = "" if source is None else str(source)
    key = SOURCE_LABEL_KEYS.get(text.strip())
    return t(key, lang) if key else text
