"""Tuo aineistoa — how do I bring my own indicator file (Excel, CSV, Sotkanet, StatFin) into the dashboard safely:
what exactly will change, and what is wrong with the file, before anything is saved?"""

import streamlit as st

from tutka.app import access
from tutka.app import upload as upload_ui
from tutka.app.common import page_start, run_query
from tutka.i18n import get_lang, t
from tutka.importers import ImportOptions
from tutka.importers.readers import read_json
from tutka.importers.sotkanet import region_table
from tutka.importers.template import template_bytes

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
st.title(t("page.upload"))
st.markdown(t("upload.intro"))
upload_ui.show_result()

# --- Inputs -------------------------------------------------------------------------------------------------------
UPLOAD_TYPES = ["xlsx", "xlsm", "csv", "txt", "json", "px"]
st.html(upload_ui.uploader_css(UPLOAD_TYPES))
# the region list is read whole by the page: the limit is the server's own (.streamlit/config.toml)
st.html(upload_ui.uploader_css(["json"], key="upload_regions", max_bytes=st.get_option("server.maxUploadSize") << 20))
uploaded = st.file_uploader(
    t("upload.pick"),
    type=UPLOAD_TYPES,
    key=upload_ui.uploader_key(),
    help=t("upload.pick_help"),
)
with st.expander(t("upload.options")):
    replace = st.checkbox(t("upload.replace_series"), key="upload_replace", help=t("upload.replace_help"))
    sheet = st.text_input(t("upload.sheet"), key="upload_sheet", help=t("upload.sheet_help")).strip() or None
    # signed-in users are logged under their identity; the free-text name is only for the local single-user app
    user = st.text_input(t("upload.user"), key="upload_user") if access.current_user().mode == "local" else None
    regions_file = st.file_uploader(
        t("upload.sotkanet_regions"), type=["json"], key="upload_regions", help=t("upload.sotkanet_regions_help")
    )
catalogue = run_query("import_indicators")
st.download_button(
    t("upload.template"),
    on_click="ignore",  # no rerun on click: a rerun orphaned the file being downloaded
    data=lambda: template_bytes(catalogue, run_query("import_regions"), lang),
    file_name="hyvinvointitutka_tuontipohja.xlsx",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
if uploaded is None:
    st.stop()

# --- Data ---------------------------------------------------------------------------------------------------------
data = uploaded.getvalue()
sotk = region_table(read_json(regions_file.getvalue())) if regions_file is not None else None
options = ImportOptions(sheet=sheet, replace_series=replace, sotkanet_regions=sotk, user_name=user)
first = upload_ui.analysed(data, uploaded.name, options)
options.resolutions = upload_ui.resolution_form(first, catalogue)
analysis = upload_ui.analysed(data, uploaded.name, options) if options.resolutions else first

# --- Display ------------------------------------------------------------------------------------------------------
st.caption(
    t(
        "upload.file_info",
        file=analysis.file_name,
        hash=analysis.file_hash[:16],
        rows=len(analysis.rows),
        sheets=", ".join(s for s in analysis.sheets if s) or "–",
    )
)
waiting = upload_ui.undecided(first, options.resolutions)
if waiting:  # Tallenna stays disabled until every unknown indicator name is decided by the user
    upload_ui.save_disabled_note(waiting)
upload_ui.show_problems(analysis, waiting=bool(waiting))
if waiting or not analysis.ok:
    st.stop()
st.subheader(t("upload.preview_title"))
counts = upload_ui.show_preview(analysis)
may_save = access.can_all("import", analysis.rows["region_code"].unique())  # checked again when saving
if not may_save:
    st.info(t("auth.read_only"), icon=":material/lock:")
if st.button(t("upload.save"), type="primary", icon=":material/upload:", key="upload_save", disabled=not may_save):
    upload_ui.open_dialog(analysis)
if upload_ui.dialog_open(analysis):
    upload_ui.confirm_dialog(analysis, counts)
