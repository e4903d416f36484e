"""AppTest with sign-in configured: the seam is Streamlit's own (AppTest.secrets gets an [auth] section and
AppTest.user the identity claims), so the app code runs exactly as with a real OIDC sign-in.

Writes are checked on the server when they happen, not when the button was drawn: rights taken away while a page is
open, or a user allowed somewhere but not for this region, get a Finnish refusal, the refusal is logged, and the
database does not change. (Streamlit 1.67 itself drops events of disabled widgets, so buttons are disabled too.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import samples as S

ROOT = Path(__file__).resolve().parents[1]
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-only-cookie-secret",
    "client_id": "tutka",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ACCESS = """
anonymous: {anonymous}
rules:
  - email: maija@kouvola.fi
    role: editor
    regions: [KU286]
  - email: kalle@kokkola.fi
    role: editor
    regions: [KU272]
  - email: admin@example.fi
    role: admin
"""
KOUVOLA = S.csv_bytes(
    [["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo"], ["tyottomyys", "Kouvola", 2024, "Yhteensä", "11,5"]]
)


@pytest.fixture()
def env(fresh_db, use_app_database, tmp_path, monkeypatch):
    use_app_database(fresh_db)

    def configure(anonymous: str = "none") -> None:
        path = tmp_path / "access.yaml"
        path.write_text(ACCESS.format(anonymous=anonymous), encoding="utf-8")
        monkeypatch.setenv("TUTKA_ACCESS", str(path))

    configure()
    return configure


def app(user: dict | None, page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, **user} if user else {"is_logged_in": False}
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [s.value for s in at.success]
    parts += [w.value for w in at.warning] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [c.value for c in at.sidebar.caption]
    return "\n".join(str(p) for p in parts)


def revoke(rules: str = "") -> None:
    """An administrator changes the access file while pages are open (the app re-reads it): everyone not listed in
    `rules` becomes a viewer."""
    path = Path(os.environ["TUTKA_ACCESS"])
    path.write_text(f"signed_in: viewer\nrules:\n{rules or '  - {email: admin@example.fi, role: admin}'}\n", "utf-8")
    stamp = path.stat().st_mtime + 5
    os.utime(path, (stamp, stamp))


def sql(query: str) -> list[tuple]:
    from tutka.app.common import connection

    return connection().execute(query).fetchall()


def test_visitor_must_sign_in(env):
    at = app(None)
    assert "edellyttää kirjautumista" in texts(at)
    assert [b.label for b in at.button] == ["Kirjaudu sisään"]
    assert not at.selectbox  # no sidebar, no data


def test_signed_in_user_without_rule_has_no_access(env):
    at = app({"email": "outsider@example.com"})
    assert "outsider@example.com ei ole käyttöoikeutta" in texts(at)


def test_anonymous_read_only(env):
    env(anonymous="viewer")
    at = app(None, kunta="KU286")
    assert "voit vain katsella" in texts(at)
    assert any(b.label == "Kirjaudu sisään" for b in at.button)
    assert at.title  # the default page renders
    at = app(None, "pages/esitys.py", kunta="KU286", tila="edit")
    assert at.button(key="tk_save").disabled
    assert "vain lukuoikeus" in texts(at)


def test_editor_cannot_change_other_municipality_deck(env):
    assert "Maija · muokkaaja" in texts(app({"email": "maija@kouvola.fi", "name": "Maija"}))
    at = app({"email": "maija@kouvola.fi", "name": "Maija"}, "pages/esitys.py", kunta="KU272", tila="edit")
    assert at.button(key="tk_save").disabled and at.button(key="tk_reset").disabled
    assert "vain lukuoikeus" in texts(at)
    # her own municipality: saved, and logged as allowed
    at = app({"email": "maija@kouvola.fi"}, "pages/esitys.py", kunta="KU286", tila="edit")
    assert not at.button(key="tk_save").disabled
    at.button(key="tk_save").click()
    at.run()
    assert sql("select region_code from decks") == [("KU286",)]
    # rights revoked while the page is open: the enabled button's click is refused on the server
    saved = sql("select definition, updated_at from decks")
    revoke()
    at.button(key="tk_reset").click()
    at.run()
    assert not at.exception
    assert "maija@kouvola.fi ei ole oikeutta muuttaa valtuustoesitystä" in texts(at)
    assert sql("select definition, updated_at from decks") == saved
    assert sql("select user_name, action, region_code, allowed from audit_log order by happened_at") == [
        ("maija@kouvola.fi", "deck", "KU286", True),
        ("maija@kouvola.fi", "deck", "KU286", False),
    ]


def test_upload_commit_is_checked_per_region_and_logged_under_identity(env, fresh_db):
    at = app({"email": "kalle@kokkola.fi"}, "pages/tuo_aineistoa.py")
    assert not [w for w in at.text_input if w.key == "upload_user"]  # identity, not a free-text name
    at.get("file_uploader")[0].set_value(("kouvola.csv", KOUVOLA, "text/csv"))
    at.run()
    assert at.button(key="upload_save").disabled  # Kalle edits Kokkola, the file is about Kouvola
    assert "vain lukuoikeus" in texts(at)
    at = app({"email": "maija@kouvola.fi"}, "pages/tuo_aineistoa.py")
    at.get("file_uploader")[0].set_value(("kouvola.csv", KOUVOLA, "text/csv"))
    at.run()
    at.button(key="upload_save").click()
    at.run()
    at.button(key="upload_confirm_yes").click()
    at.run()
    assert not at.exception, at.exception
    assert sql("select user_name, file_name from imports order by import_id desc limit 1") == [
        ("maija@kouvola.fi", "kouvola.csv")
    ]
    from tutka import backup

    assert len(backup.snapshots(fresh_db)) == 1  # the database as it was before her import
    # the confirmation dialog is open when her rights are revoked: saving is refused, nothing written
    before = sql("select count(*), max(import_id) from imports")
    at.get("file_uploader")[0].set_value(("kouvola2.csv", KOUVOLA.replace(b"11,5", b"12,5"), "text/csv"))
    at.run()
    at.button(key="upload_save").click()
    at.run()
    revoke("  - {email: maija@kouvola.fi, role: editor, regions: [KU272]}")  # moved to Kokkola
    at.button(key="upload_confirm_yes").click()
    at.run()
    assert not at.exception
    assert "ei ole oikeutta tallentaa tuontia alueille KU286" in texts(at)
    assert sql("select count(*), max(import_id) from imports") == before
    assert sql("select action, allowed from audit_log") == [("import", False)]


def test_undo_checked_on_server_and_audit_page_for_admins_only(env):
    from tutka.app.common import connection
    from tutka.importers import analyse, commit

    res = commit(connection(), analyse(KOUVOLA, "kouvola.csv", connection()), user_name="maija@kouvola.fi")
    at = app({"email": "kalle@kokkola.fi"}, "pages/tuontihistoria.py")
    at.button(key="history_undo").click()
    at.run()
    at.button(key="history_undo_yes").click()  # undo asks first; the refusal comes on the confirmed click
    at.run()
    assert "ei ole oikeutta perua tuontia alueille KU286" in texts(at)
    assert sql(f"select status from imports where import_id = {res.import_id}") == [("done",)]
    # the audit page is not in a non-admin's navigation, and a direct run shows nothing
    at = app({"email": "kalle@kokkola.fi"})
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/tapahtumaloki.py")  # not in an editor's navigation (and the page checks again)
    at = app({"email": "admin@example.fi"}, "pages/tuontihistoria.py")
    at.button(key="history_undo").click()
    at.run()
    at.button(key="history_undo_yes").click()
    at.run()
    assert sql(f"select status from imports where import_id = {res.import_id}") == [("undone",)]
    at = app({"email": "admin@example.fi"}, "pages/tapahtumaloki.py")
    log = at.dataframe[0].value
    rows = log[["Käyttäjä", "Toiminto", "Sallittu"]].values.tolist()
    assert ["admin@example.fi", "peruminen", "kyllä"] in rows
    assert ["kalle@kokkola.fi", "peruminen", "ei – estetty"] in rows
    assert ["maija@kouvola.fi", "tuonti", "kyllä"] in rows


def test_local_mode_refuses_public_address(built_db, use_app_database):
    use_app_database(built_db)
    from streamlit import config

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    old = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at.run()
    finally:
        config.set_option("server.address", old)
    assert "kirjautumista ei ole määritetty" in at.error[0].value
    assert not at.selectbox
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert "Paikallinen käyttö ilman kirjautumista" in texts(at)
