"""The app's pages: one explicit list used by dashboard.py and by the tests (AppTest, browser)."""

from __future__ import annotations

from typing import NamedTuple


class PageDef(NamedTuple):
    path: str          # file under pages/
    title_key: str     # i18n key of the title
    icon: str          # material icon
    section: str       # i18n key of the navigation section
    default: bool = False


# Add a page: write pages/<name>.py, add its title to data/i18n, add one line here.
PAGES: list[PageDef] = [
    PageDef("pages/suunnitelma.py", "page.plan", ":material/account_tree:", "nav.plan"),
    PageDef("pages/indikaattorit.py", "page.indicators", ":material/show_chart:", "nav.explore"),
    PageDef("pages/tietoa.py", "page.about", ":material/info:", "nav.data"),
]
