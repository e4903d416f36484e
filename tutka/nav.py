"""The app's pages: one explicit list used by dashboard.py and by the tests (AppTest, browser)."""

from __future__ import annotations

from typing import NamedTuple


class PageDef(NamedTuple):
    path: str  # file under pages/
    title_key: str  # i18n key of the title
    icon: str  # material icon
    section: str  # i18n key of the navigation section
    default: bool = False
    requires: str | None = None  # tutka.auth action the user needs somewhere to see the page in the navigation


# Add a page: write pages/<name>.py, add its title to data/i18n, add one line here.
PAGES: list[PageDef] = [
    PageDef("pages/etusivu.py", "v.page.overview", ":material/dashboard:", "nav.overview", default=True),
    PageDef("pages/tavoite.py", "v.page.goal", ":material/flag:", "nav.overview"),
    PageDef("pages/esitys.py", "page.present", ":material/co_present:", "nav.overview"),
    PageDef("pages/suunnitelma.py", "page.plan", ":material/account_tree:", "nav.plan"),
    PageDef("pages/indikaattorit.py", "page.indicators", ":material/show_chart:", "nav.explore"),
    PageDef("pages/vertailu.py", "v.page.compare", ":material/grid_on:", "nav.explore"),
    PageDef("pages/tasa_arvo.py", "v.page.equality", ":material/balance:", "nav.explore"),
    PageDef("pages/tietoa.py", "page.about", ":material/info:", "nav.data"),
    PageDef("pages/tuo_aineistoa.py", "page.upload", ":material/upload_file:", "nav.data", requires="import"),
    PageDef("pages/paivita_tilastot.py", "page.fetch", ":material/cloud_download:", "nav.data", requires="fetch"),
    PageDef("pages/tuontihistoria.py", "page.history", ":material/history:", "nav.data"),
    PageDef("pages/tapahtumaloki.py", "page.audit", ":material/policy:", "nav.data", requires="audit"),
]
