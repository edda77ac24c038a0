"""Each language's issue in headless Chromium at 600 and 360 px: nothing overflows, one h1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from aggregator.digest.content import select_digest
from aggregator.digest.render import IssueLinks, render_digest
from aggregator.types import EventDates
from tests.digest_support import MONDAY, make_config, make_item

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
TODAY = MONDAY.date()

pytestmark = pytest.mark.browser

_LAYOUT = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      wide.push(element.tagName + '.' + element.className);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 5),
    card: document.querySelector('.card').getBoundingClientRect().width,
    h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
    lang: document.documentElement.lang,
    foreign: [...document.querySelectorAll('.entry[lang]')].map(e => e.lang),
    headings: [...document.querySelectorAll('h2')].map(h => h.textContent.trim()),
  };
}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing and CI is set: browser tests must run in CI")
        pytest.skip(f"{CHROMIUM} is missing: install Chromium to render the digest")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def issue_html(tmp_path: Path, lang: str) -> str:
    long_word = "Traçabilitéinternationale" * 10
    items = [
        make_item(1, kind="call", title=f"Call {long_word}", deadline=TODAY + timedelta(days=6),
                  partners=("Organisation for Economic Co-operation and Development", "RMI")),
        make_item(2, kind="call", title="Appel à propositions : traçabilité de l'étain",
                  language="fr", deadline=TODAY + timedelta(days=45), deadline_extended=True),
        make_item(3, kind="call", title="Convocatoria: minería artesanal de oro", language="es",
                  status="forthcoming", opens=date(2027, 5, 2)),
        make_item(4, kind="event", title="Forum on due diligence in the Great Lakes Region",
                  partners=("ICGLR",),
                  event=EventDates(start=date(2027, 4, 20), end=date(2027, 4, 22))),
        *[make_item(10 + n, title=f"News {n} https://example.org/{'very-long-path/' * 8}",
                    partners=(f"Partner {n % 3}",), published=MONDAY - timedelta(hours=n))
          for n in range(8)],
    ]  # fmt: skip
    content = select_digest(items, included_before=set(), reminded_before=set(),
                            last_digest_at=None, now=MONDAY, first_digest_days=7)  # fmt: skip
    links = IssueLinks(unsubscribe=("mailto:leave@example.org", "https://example.org/leave"),
                       preferences="https://example.org/preferences",
                       subscribe="mailto:join@example.org")  # fmt: skip
    return render_digest(content, config=make_config(tmp_path), subject="Digest", lang=lang,
                        links=links).html  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("width", [600, 360])
def test_each_language_reads_at_600_and_360_px(
    browser: Any, tmp_path: Path, width: int, lang: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.route("**/*", lambda route: route.abort())  # offline: nothing may be fetched
        page.set_content(issue_html(tmp_path, lang), wait_until="load")
        layout = page.evaluate(_LAYOUT)
        if os.environ.get("DIGEST_SCREENSHOTS"):
            page.screenshot(path=f"{os.environ['DIGEST_SCREENSHOTS']}/issue-{lang}-{width}.png",
                            full_page=True)  # fmt: skip
    finally:
        page.close()
    assert layout["scrollWidth"] <= width, layout
    assert layout["wide"] == [], layout
    assert layout["card"] <= 600
    assert layout["h1"] == ["Responsible Minerals Clearinghouse"]
    assert layout["lang"] == lang
    assert set(layout["foreign"]) == {"en", "fr", "es"} - {lang}
    assert len(layout["headings"]) == 5
