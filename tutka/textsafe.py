"""User-supplied text (file names, indicator names, sources, plan texts, user names) is data, never markup.

- `md(text)`: for anything Streamlit renders as Markdown (st.markdown, st.caption, st.info/success/warning/error,
  labels): every Markdown/HTML control character is backslash-escaped, so `![x](http://…)` shows as those
  characters instead of loading an image, a link is not clickable (a bare URL gets an invisible word joiner so GFM
  does not auto-link it), `:red[…]`, `$…$` and `:material/…:` are text.
- `plain(text)`: control characters removed (terminal escape sequences in a file name printed by the CLI; XML
  forbids most of them in PPTX/XLSX).
- `plotly(text)`: for text Plotly draws (titles, legend names, axis categories, hover): Plotly renders a subset of
  HTML there (`<b>`, `<br>`, `<a href>`, `<span style>`), so `&`, `<` and `>` become entities and a name such as
  `<b>x</b>` shows as written; control characters are removed.
- `cell(value)`: a CSV/XLSX cell that a spreadsheet would run as a formula (`= + - @`, tab, CR first) gets a
  leading apostrophe (OWASP "CSV injection"); numbers are left alone.
"""

from __future__ import annotations

import html
import re
import unicodedata

import pandas as pd

# Markdown/CommonMark punctuation + what Streamlit adds: $ (LaTeX), : (emoji / :color[] / :material/), ~, |, =
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&/\"'^%@])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ALL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def plain(text: object, keep_newlines: bool = False) -> str:
    """`text` without control characters (ANSI escapes lose their ESC byte and become harmless text)."""
    s = "" if text is None else str(text)
    return (_CONTROL if keep_newlines else _CONTROL_ALL).sub("", s)


def plotly(text: object) -> str:
    """`text` as Plotly shows it literally: `&`, `<`, `>` as HTML entities (Plotly's pseudo-HTML decodes them)."""
    return html.escape(plain(text), quote=False)


# GFM "autolink literals" are found in the text *after* escapes are resolved (mdast-util-gfm-autolink-literal), so a
# backslash cannot stop them: an invisible WORD JOINER (U+2060) breaks "http://", "www." and "name@host" instead.
WJ = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=mailto)(?=:)|(?<=www)(?=\.)|(?=@)")


def md(text: object) -> str:
    """`text` escaped for Streamlit Markdown, on one line (a newline could start a heading or a list); URLs and
    e-mail addresses are not turned into links."""
    s = _AUTOLINK.sub(WJ, plain(text).replace("\n", " "))
    return _MD_SPECIAL.sub(r"\\\1", s)


def md_block(text: object) -> str:
    """Like `md` but keeps line breaks (as Markdown hard breaks) for multi-line texts such as plan descriptions."""
    return "  \n".join(md(line) for line in plain(text, keep_newlines=True).splitlines())


def cell(value: object) -> object:
    """A cell value safe to open in Excel/LibreOffice: text that would start a formula gets a leading '."""
    if isinstance(value, str):
        v = unicodedata.normalize("NFC", value)
        if v.startswith(FORMULA_START):
            return "'" + v
    return value


def frame_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """`cell` over every text cell and column name of a DataFrame (a copy; numeric columns untouched)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(cell)
    out.columns = [cell(c) for c in out.columns]
    return out
