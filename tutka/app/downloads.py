"""Reusable download buttons under a chart or table: PNG of the figure, XLSX (metadata sheet) and CSV of the table.

    export_buttons(fig, table, meta, file_stem="ktk_kiusattu", has_demo=True)

`meta` is the metadata sheet's rows [(field, value), …] (indicator, unit, source, licence, demo flag); the export
time is added by tutka.tables.xlsx_bytes. Files are built only when clicked (download_button(data=callable)).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tutka import tables
from tutka.exports.png import PngUnavailableError, figure_png, png_available
from tutka.i18n import get_lang, t, using_lang

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


def png_button(
    container,
    fig: go.Figure | Callable[[], go.Figure],
    file_stem: str,
    has_demo: bool = False,
    key: str | None = None,
    width: str = "content",
) -> None:
    """PNG download, or a disabled button explaining in Finnish what is missing (Chromium). `fig` may be a function
    that makes the figure: it is then built only when the button is clicked, not on every run of the page."""
    lang = get_lang()
    if not png_available():
        container.button(
            t("download.png"),
            disabled=True,
            help=t("present.png_missing", lang),
            icon=":material/image:",
            key=f"{key}_na" if key else None,
            width=width,
        )
        return

    def build() -> bytes:
        try:
            with using_lang(lang):  # a deferred build runs outside the session: bind the page's language
                return figure_png(fig() if callable(fig) else fig, demo=has_demo, lang=lang)
        except PngUnavailableError as exc:
            st.toast(str(exc), icon=":material/error:")
            raise

    container.download_button(
        t("download.png"),
        data=build,
        file_name=f"{file_stem}.png",
        mime="image/png",
        icon=":material/image:",
        key=key,
        on_click="ignore",
        width=width,
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
            on_click="ignore",  # no rerun on click: a rerun orphaned the file being downloaded
            data=lambda: xlsx_with_meta(table, meta, has_demo, lang),
            file_name=f"{file_stem}.xlsx",
            mime=XLSX_MIME,
            icon=":material/table:",
            key=f"{key}_xlsx" if key else None,
        )
        cols[i + 1].download_button(
            t("download.csv"),
            on_click="ignore",  # no rerun on click: a rerun orphaned the file being downloaded
            data=lambda: tables.csv_bytes(table, lang),
            file_name=f"{file_stem}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"{key}_csv" if key else None,
        )


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_downloads(region: str, year: int, key: str) -> None:
    """The yearly report ("Hyvinvointisuunnitelman vuosiraportti") of the region's plan as Word and PDF, built on
    click. Nothing is shown when the region has no plan."""
    from tutka.app.common import connection, run_query
    from tutka.exports.common import font_paths, slug

    if run_query("plans_for_region", region=region).empty:
        return
    lang = get_lang()
    stem = f"{slug(region)}_vuosiraportti_{year}"

    def _report():
        from tutka.plans.report import build_report

        return build_report(connection(), region, year, lang)

    def _docx() -> bytes:
        from tutka.exports.report_docx import report_docx

        return report_docx(_report())

    def _pdf() -> bytes:
        from tutka.exports.report_pdf import report_pdf

        return report_pdf(_report())

    st.markdown(f"**{t('report.title', year=year)}**")
    c1, c2 = st.columns(2)
    c1.download_button(
        t("report.download_docx"),
        _docx,
        f"{stem}.docx",
        DOCX_MIME,
        key=f"{key}_report_docx",
        icon=":material/description:",
    )
    try:
        font_paths()
        pdf_ok = True
    except Exception:  # DejaVu Sans missing: the button explains instead of failing on click
        pdf_ok = False
    c2.download_button(
        t("report.download_pdf"),
        _pdf if pdf_ok else b"",
        f"{stem}.pdf",
        "application/pdf",
        key=f"{key}_report_pdf",
        disabled=not pdf_ok,
        help=None if pdf_ok else t("present.font_missing"),
        icon=":material/picture_as_pdf:",
    )
