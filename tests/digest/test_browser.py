"""The digest HTML in headless Chromium: nothing overflows at 600 or 360 px, light or dark."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from aggregator.digest.content import select_digest
from aggregator.digest.render import render_digest
from tests.digest_support import MONDAY, make_config, make_item

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.browser

#: Elements whose right edge passes the viewport (1 px of rounding allowed).
_OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      wide.push(element.tagName + '.' + element.className + ' right=' + Math.round(box.right));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
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
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def hostile_digest_html(tmp_path: Path) -> str:
    long_word = "Supercalifragilistic" * 12
    items = [
        make_item(1, kind="call", title=f"Call {long_word}", deadline=date(2027, 4, 30),
                  partners=("Organisation for Economic Co-operation and Development", "RMI")),
        make_item(2, kind="call", title="Appel à propositions : traçabilité de l'étain"),
        make_item(3, kind="event", title="Forum on due diligence in the Great Lakes Region",
                  partners=("ICGLR",)),
        make_item(4, title="News with a long link",
                  summary=f"<p>See https://example.org/{'path/' * 60} and {long_word}</p>"),
        *[make_item(10 + n, title=f"News {n}", partners=(f"Partner {n % 3}",),
                    published=MONDAY - timedelta(hours=n)) for n in range(12)],
    ]  # fmt: skip
    content = select_digest(
        items,
        included_before=set(),
        reminded_before=set(),
        last_digest_at=None,
        now=MONDAY,
        first_digest_days=7,
    )
    return render_digest(content, config=make_config(tmp_path), subject="Digest").html


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [600, 360])
def test_nothing_overflows(browser: Any, tmp_path: Path, width: int, scheme: str) -> None:
    html = hostile_digest_html(tmp_path)
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        # Offline: the page may not fetch anything.
        page.route("**/*", lambda route: route.abort())
        page.set_content(html, wait_until="load")
        result = page.evaluate(_OVERFLOW)
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.card')).backgroundColor"
        )
        card_width = page.evaluate("document.querySelector('.card').getBoundingClientRect().width")
    finally:
        page.close()
    assert result["scrollWidth"] <= width, result
    assert result["wide"] == [], result
    assert card_width <= 600
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(31, 36, 41)")
