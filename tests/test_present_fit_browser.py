"""Real browser: every slide of the presentation fits the window at 1280×720, 1366×768 and 1920×1080, with and
without the sidebar (?embed=true hides it): the heading and "TAVOITE n/5" are visible (not under Streamlit's header),
long titles wrap inside the slide, nothing runs below the slide, and the footer and slide buttons are on screen."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, wait_for_app

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1366, 768), (1920, 1080)]

MEASURE = """() => {
  const box = e => { const b = e.getBoundingClientRect(); return {top: b.top, bottom: b.bottom, left: b.left,
                     right: b.right}; };
  const visible = e => { if (!e) return null; const b = e.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + Math.min(8, b.width / 2), b.top + Math.min(6, b.height / 2));
    return !!hit && (e === hit || e.contains(hit)); };
  const q = s => document.querySelector(s);
  const h = q('.tk-h0, .tk-h1'), slide = q('.st-key-tk_slide'), foot = q('.tk-foot'), next = q('.st-key-tk_next');
  const inside = [...document.querySelectorAll(
      '.st-key-tk_slide .tk-list, .st-key-tk_slide .tk-sources, .st-key-tk_slide .tk-small, ' +
      '.st-key-tk_slide .tk-demo-note, .st-key-tk_slide .js-plotly-plot, .st-key-tk_slide .tk-charttitle')]
    .map(e => ({cls: e.className.toString().slice(0, 30), bottom: e.getBoundingClientRect().bottom}));
  const main = q('[data-testid=stMain]');
  return {vw: innerWidth, vh: innerHeight, heading: box(h), headingText: h.innerText,
          headingOverflow: h.scrollWidth - h.clientWidth, headingVisible: visible(h),
          eyebrow: q('.tk-eyebrow') ? q('.tk-eyebrow').innerText : null, eyebrowVisible: visible(q('.tk-eyebrow')),
          slide: box(slide), foot: box(foot), next: box(next), inside, scroll: main.scrollHeight - main.clientHeight};
}"""


def _problems(m: dict, where: str) -> list[str]:
    out = []
    if not m["headingVisible"]:
        out.append(f"{where}: heading {m['headingText'][:40]!r} is covered or off screen")
    if m["heading"]["top"] < 0 or m["heading"]["right"] > m["vw"] or m["headingOverflow"] > 1:
        out.append(f"{where}: heading overflows {m['heading']} (overflow {m['headingOverflow']})")
    if m["eyebrow"] is not None and not m["eyebrowVisible"]:
        out.append(f"{where}: {m['eyebrow']!r} is covered")
    for e in m["inside"]:
        if e["bottom"] > m["slide"]["bottom"] + 1:
            out.append(f"{where}: {e['cls']} ends at {e['bottom']:.0f} below the slide ({m['slide']['bottom']:.0f})")
    for name in ("foot", "next"):
        if m[name]["bottom"] > m["vh"] + 0.5:
            out.append(f"{where}: {name} ends at {m[name]['bottom']:.0f} > {m['vh']}")
    if m["scroll"] > 4:
        out.append(f"{where}: the page scrolls by {m['scroll']} px")
    return out


def _deck_size(page) -> int:
    return int(re.search(r"/\s*(\d+)", page.locator(".tk-foot").inner_text()).group(1))


@pytest.mark.parametrize("embed", [True, False], ids=["embed", "sidebar"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_kouvola_slide_fits(app_server, browser, size, embed):
    _check_deck(app_server, browser, "KU286", size, embed)


def test_every_kokkola_slide_fits_on_a_laptop(app_server, browser):
    _check_deck(app_server, browser, "KU272", (1366, 768), False)


def _check_deck(app_server, browser, kunta: str, size: tuple[int, int], embed: bool) -> None:
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    problems: list[str] = []
    try:
        suffix = "&embed=true" if embed else ""
        page.goto(f"{app_server.url}/esitys?kunta={kunta}&dia=1{suffix}")
        wait_for_app(page)
        total = _deck_size(page)
        eyebrows = []
        for n in range(1, total + 1):
            if n > 1:
                page.goto(f"{app_server.url}/esitys?kunta={kunta}&dia={n}{suffix}")
                wait_for_app(page)
            assert_no_errors(page)
            page.wait_for_timeout(200)
            m = page.evaluate(MEASURE)
            problems += _problems(m, f"{kunta} {width}x{height} {'embed' if embed else 'sidebar'} slide {n}")
            if m["eyebrow"] and re.search(r"\d+\s*/\s*\d+", m["eyebrow"]):
                eyebrows.append(m["eyebrow"])
            if problems:
                page.screenshot(path=str(ARTIFACTS / f"present-fit-{kunta}-{width}x{height}-{embed}-{n:02d}.png"))
        assert eyebrows, "no 'TAVOITE n/N' line was visible"
        assert problems == [], "\n".join(problems)
    finally:
        page.close()
