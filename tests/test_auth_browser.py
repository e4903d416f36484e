"""Real sign-in in a real browser: Streamlit's st.login against a real OIDC provider (oidc-provider-mock from PyPI)
on 127.0.0.1, Debian's Chromium, and the roles of an access file: an editor of Kouvola may save Kouvola's council
presentation but not Kokkola's, a viewer sees no upload page, an administrator reads the audit log."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import AppServer, assert_no_errors, free_port, wait_for_app

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

ACCESS = """
rules:
  - email: maija@kouvola.fi
    role: editor
    regions: [KU286]
  - email: admin@example.fi
    role: admin
signed_in: viewer
"""


@pytest.fixture(scope="module")
def oidc():
    """The provider on 127.0.0.1 (werkzeug, threaded) for the duration of the module."""
    import werkzeug.serving

    port = free_port()
    server = werkzeug.serving.make_server("127.0.0.1", port, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory, oidc):
    from tests.conftest import CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install -y chromium)")
    from tutka.loader import init_db

    tmp = tmp_path_factory.mktemp("signin")
    db_path = tmp / "tutka.duckdb"
    init_db(db_path)
    (tmp / "access.yaml").write_text(ACCESS, encoding="utf-8")
    port = free_port()
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "browser-test-cookie-secret-0123456789"\n'
        'client_id = "hyvinvointitutka"\n'
        'client_secret = "browser-test-client-secret"\n'
        f'server_metadata_url = "{oidc}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    server = AppServer(
        db_path, ("--secrets.files", str(secrets)), env={"TUTKA_ACCESS": str(tmp / "access.yaml")}, port=port
    )
    yield server
    server.stop()


def sign_in(browser, app: AppServer, email: str):
    """A fresh browser context (no cookies): open the app, press sign in, authorise at the provider, come back."""
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    page.goto(app.url)
    wait_for_app(page)
    assert "edellyttää kirjautumista" in page.inner_text("body")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_selector("input[name='sub']", timeout=30000)  # the provider's own authorisation form
    page.fill("input[name='sub']", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app.url}/**", timeout=30000)
    wait_for_app(page)
    page.wait_for_selector(f"text=Kirjautunut: {email}", timeout=30000)
    return context, page


def nav_links(page) -> list[str]:
    return [t.strip().splitlines()[-1] for t in page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()]


def test_editor_viewer_admin_through_real_oidc_sign_in(browser, signed_app):
    app = signed_app
    # editor of Kouvola
    context, page = sign_in(browser, app, "maija@kouvola.fi")
    body = page.inner_text("body")
    assert "maija@kouvola.fi · muokkaaja" in body
    assert "Tuo aineistoa" in nav_links(page) and "Tapahtumaloki" not in nav_links(page)
    page.goto(f"{app.url}/esitys?tila=edit&kunta=KU272")
    wait_for_app(page)
    assert_no_errors(page)
    assert page.get_by_role("button", name="Tallenna esitys").is_disabled()  # Kokkola: read-only for her
    assert "vain lukuoikeus" in page.inner_text("body")
    page.goto(f"{app.url}/esitys?tila=edit&kunta=KU286")
    wait_for_app(page)
    page.get_by_role("button", name="Tallenna esitys").click()
    wait_for_app(page)
    page.wait_for_selector("text=Esitys tallennettu", timeout=30000)
    # sign out: the provider's end-session page, then back to the app's sign-in page
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{app.url}/**", timeout=30000)
    page.wait_for_selector("text=edellyttää kirjautumista", timeout=30000)
    context.close()

    # any other signed-in user is a viewer (signed_in: viewer): no upload page, no undo
    context, page = sign_in(browser, app, "lukija@example.fi")
    assert "lukija@example.fi · katselija" in page.inner_text("body")
    assert "Tuo aineistoa" not in nav_links(page) and "Tuontihistoria" in nav_links(page)
    page.goto(f"{app.url}/tuontihistoria")
    wait_for_app(page)
    assert page.get_by_role("button", name="Peru tämä tuonti").count() == 0
    context.close()

    # the administrator sees who saved the deck, when
    context, page = sign_in(browser, app, "admin@example.fi")
    assert "Tapahtumaloki" in nav_links(page)
    page.goto(f"{app.url}/tapahtumaloki")
    wait_for_app(page)
    assert_no_errors(page)
    grid = page.locator("[data-testid='stDataFrame']")
    assert grid.count() == 1
    page.screenshot(path=str(Path(__file__).resolve().parents[1] / "test-artifacts" / "audit.png"))
    context.close()
    # the log itself (the grid is drawn on a canvas): stop the server, which owns the file, and read it
    app.stop()
    import duckdb

    con = duckdb.connect(str(app.db_path), read_only=True)
    try:
        rows = con.execute("select user_name, action, region_code, allowed from audit_log").fetchall()
    finally:
        con.close()
    assert ("maija@kouvola.fi", "deck", "KU286", True) in rows
