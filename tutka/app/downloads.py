"""Reusable download buttons under a chart or table: PNG of the figure, XLSX (metadata sheet) and CSV of the table.

    export_buttons(fig, table, meta, file_stem="ktk_kiusattu", has_demo=True)

`meta` is the metadata sheet's rows [(field, value), …] (indicator, unit, source, licence, demo flag); the export
time is added by tutka.tables.xlsx_bytes. Files are built only when clicked (download_button(data=callable)).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tutka import tables
from tutka.exports.png import PngUnavailableError, figure_png, png_available
from tutka.i18n import get_lang, t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_with_meta(table: pd.DataFrame, meta: list[tuple[str, str]], has_demo: bool, lang: str | None = None) -> bytes:
    """The table with a demo column (when the data has demo values and the table lacks one) + the metadata sheet."""
    table = table.copy()
    demo_col = t("col.demo", lang)
    if has_demo and demo_col not in table.columns:
        table[demo_col] = t("demo.yes", lang)
    rows = list(meta)
    if not any(field == t("meta.demo", lang) for field, _ in rows):
        rows.append((t("meta.demo", lang), t("demo.sheet_note", lang) if has_demo else t("demo.no", lang)))
    return tables.xlsx_bytes({t("meta.data_sheet", lang): table}, rows)


def png_button(container, fig: go.Figure, file_stem: str, has_demo: bool = False, key: str | None = None) -> None:
    """PNG download, or a disabled button explaining in Finnish what is missing (Chromium)."""
    lang = get_lang()
    if not png_available():
        container.button(
            t("download.png"),
            disabled=True,
            help=t("present.png_missing", lang),
            icon=":material/image:",
            key=f"{key}_na" if key else None,
        )
        return

    def build() -> bytes:
        try:
            return figure_png(fig, demo=has_demo, lang=lang)
        except PngUnavailableError as exc:
            st.toast(str(exc), icon=":material/error:")
            raise

    container.download_button(
        t("download.png"), data=build, file_name=f"{file_stem}.png", mime="image/png", icon=":material/image:", key=key
    )


def export_buttons(
    fig: go.Figure | None,
    table: pd.DataFrame | None,
    meta: list[tuple[str, str]],
    *,
    file_stem: str,
    has_demo: bool = False,
    key: str | None = None,
) -> None:
    """A row of buttons: PNG (if a figure), Excel with metadata and CSV (if a table)."""
    lang = get_lang()
    n = (fig is not None) + 2 * (table is not None)
    cols = st.columns(max(n, 1))
    i = 0
    if fig is not None:
        png_button(cols[i], fig, file_stem, has_demo, key=f"{key}_png" if key else None)
        i += 1
    if table is not None:
        cols[i].download_button(
            t("download.xlsx"),
            data=lambda: xlsx_with_meta(table, meta, has_demo, lang),
            file_name=f"{file_stem}.xlsx",
            mime=XLSX_MIME,
            icon=":material/table:",
            key=f"{key}_xlsx" if key else None,
        )
        cols[i + 1].download_button(
            t("download.csv"),
            data=lambda: tables.csv_bytes(table, lang),
            file_name=f"{file_stem}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"{key}_csv" if key else None,
        )
