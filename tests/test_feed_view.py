"""An RSS feed opened in a browser: feed.xsl turns it into a page in the site's language.

The stylesheet is applied with libxslt (lxml), the XSLT 1.0 engine Chromium itself
uses, to the feeds `render_site` writes in English, French and Spanish; the last test
opens a French feed in a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from aggregator.facet_pages import write_facet_pages
from aggregator.i18n import format_date
from aggregator.render import SITE_LANGUAGES, render_site
from aggregator.taxonomy import build_taxonomy, tag_items
from aggregator.textfmt import readable_date

from .test_outputs_checked import make_config, make_item

CHROMIUM = Path("/usr/bin/chromium")
NOW = datetime(2027, 12, 31, 12, 0, tzinfo=UTC)
#: Where each language's feeds are, below the site's folder.
FOLDERS = {"en": "", "fr": "fr/", "es": "es/"}


def site_date(day: date, lang: str) -> str:
    """A day as the site's pages write it in `lang`."""
    return readable_date(day) if lang == "en" else format_date(day, lang)


def publish(folder: Path, items: list, **config: object) -> Path:
    """The site in its three languages, as a run writes it (with the facets a run gives
    the items)."""
    settings = make_config(folder, **config)
    items = tag_items(items, build_taxonomy())
    for lang in SITE_LANGUAGES:
        render_site(items, settings, now=NOW, lang=lang)
        write_facet_pages(items, settings, now=NOW, lang=lang)
    return folder


def view(feed: Path) -> LexborHTMLParser:
    """The page a browser shows for `feed`: its xml-stylesheet applied to it."""
    document = etree.parse(str(feed))
    href = re.search(r'href="([^"]+)"', document.xpath("string(/processing-instruction())"))
    assert href, f"{feed} names no stylesheet"
    transform = etree.XSLT(etree.parse(str(feed.parent / href.group(1))))
    return LexborHTMLParser(str(transform(document)))


def item_dates(page: LexborHTMLParser) -> list[str]:
    """The date each item's line starts with (before " · " and its categories)."""
    return [node.text().split(" · ")[0].strip() for node in page.css("main li .meta")]


# --- dates --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose feed holds one item published on each day of 2027, at 23:30 UTC."""
    days = [date(2027, 1, 1) + timedelta(days=n) for n in range(365)]
    items = [
        make_item(
            day.isoformat(),
            published=datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC),
        )
        for day in days
    ]
    items = [replace(item, first_seen=item.published, updated=item.published) for item in items]
    return publish(tmp_path_factory.mktemp("every-day") / "site", items, feed_size=400)


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_each_day_of_a_year_reads_as_the_sites_pages_write_it(every_day: Path, lang: str) -> None:
    page = view(every_day / FOLDERS[lang] / "feed.xml")
    newest_first = [date(2027, 12, 31) - timedelta(days=n) for n in range(365)]
    assert item_dates(page) == [site_date(day, lang) for day in newest_first]


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("en", ["2 December 2027", "1 December 2027"]),
        ("fr", ["2 décembre 2027", "1er décembre 2027"]),
        ("es", ["2 de diciembre de 2027", "1 de diciembre de 2027"]),
    ],
)
def test_the_first_of_the_month_as_each_language_writes_it(
    every_day: Path, lang: str, written: list[str]
) -> None:
    dates = item_dates(view(every_day / FOLDERS[lang] / "feed.xml"))
    assert dates[29:31] == written  # 31 December first


# --- categories ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with one call tagged with two topics, a country, a mineral and a tag of its
    own, published on 1 December, and one news item tagged with a code that names no
    country."""
    first = datetime(2027, 12, 1, 9, 0, tzinfo=UTC)
    items = [
        make_item(
            "call",
            kind="call",
            deadline=date(2028, 3, 1),
            tags=("great-lakes", "3T", "CD", "gold", "eprm"),
            published=first,
            first_seen=first,
            updated=first,
        ),
        make_item("news", tags=("ZZ", "cd")),
    ]
    return publish(tmp_path_factory.mktemp("tagged") / "site", items)


def categories(page: LexborHTMLParser) -> list[list[str]]:
    """Each item's categories, as its line lists them after its date."""
    return [[span.text() for span in node.css(".category")] for node in page.css("main li .meta")]


@pytest.mark.parametrize(
    ("lang", "call", "news"),
    [
        (
            "en",
            [
                "Partner",
                "Gold",
                "Tin, tantalum, tungsten (3T)",
                "Great Lakes",
                "Democratic Republic of the Congo",
                "eprm",
            ],
            ["Partner", "ZZ", "cd"],
        ),
        (
            "fr",
            [
                "Partner",
                "Or",
                "Étain, tantale, tungstène (3T)",
                "Grands Lacs",
                "République démocratique du Congo",
                "eprm",
            ],
            ["Partner", "ZZ", "cd"],
        ),
        (
            "es",
            [
                "Partner",
                "Oro",
                "Estaño, tantalio, tungsteno (3T)",
                "Grandes Lagos",
                "República Democrática del Congo",
                "eprm",
            ],
            ["Partner", "ZZ", "cd"],
        ),
    ],
)
def test_topics_and_countries_are_named_in_the_pages_language(
    tagged: Path, lang: str, call: list[str], news: list[str]
) -> None:
    """The item's topics, regions and countries first (its facets, found from its text
    and tags: "3T" is the topic 3t, named once), each by its label or name in the page's
    language; a partner and the other tags as written ("cd" is no country code)."""
    assert categories(view(tagged / FOLDERS[lang] / "feed.xml")) == [call, news]


def test_the_feeds_still_carry_the_categories_as_they_were(tagged: Path) -> None:
    """Feed readers filter on the slugs and codes: only the browser's page names them."""
    text = (tagged / "fr" / "feed.xml").read_text()
    assert "<category>great-lakes</category>" in text and "<category>CD</category>" in text
    assert "Grands Lacs" not in text


# --- the page's own words -----------------------------------------------------------------

#: What the page itself says in English (the feed's own title and items aside).
ENGLISH = (
    "(feed)",
    "Follow this feed in a feed reader",
    "This page is a feed",
    "Copy its address below",
    "Address of this feed",
    "Latest items",
    "Back to",
)


@pytest.mark.parametrize(
    ("lang", "title", "said"),
    [
        ("en", "Clearinghouse (feed)", ENGLISH),
        (
            "fr",
            "Clearinghouse (flux RSS)",
            ("Suivre ce flux dans un lecteur de flux", "Adresse de ce flux", "Retour à"),
        ),
        (
            "es",
            "Clearinghouse (canal RSS)",
            ("Seguir este feed en un lector de feeds", "Dirección de este feed", "Volver a"),
        ),
    ],
)
def test_the_page_speaks_the_feeds_language(
    tagged: Path, lang: str, title: str, said: tuple[str, ...]
) -> None:
    page = view(tagged / FOLDERS[lang] / "feed.xml")
    assert page.css_first("html").attributes["lang"] == lang
    assert page.css_first("title").text() == title
    text = title + (page.body.text() if page.body else "")
    assert all(words in text for words in said)
    if lang != "en":
        assert [words for words in ENGLISH if words in text] == []


# --- the site's icon ------------------------------------------------------------------------


def test_every_feeds_page_shows_the_sites_icon(tagged: Path) -> None:
    """From each language's feeds and the facets' feeds below them, the icon the page
    links is the one favicon.svg at the site's root, by a relative address."""
    feeds = sorted(tagged.rglob("*.xml"))
    assert {"feed.xml", "fr/feed.xml", "es/regions/great-lakes/calls.xml"} <= {
        feed.relative_to(tagged).as_posix() for feed in feeds
    }
    for feed in feeds:
        icons = [node.attributes["href"] or "" for node in view(feed).css('link[rel="icon"]')]
        assert len(icons) == 1 and not icons[0].startswith(("/", "http")), (feed, icons)
        assert (feed.parent / icons[0]).resolve() == (tagged / "favicon.svg").resolve(), feed


# --- in a real Chromium ---------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tagged: Path) -> Iterator[str]:
    """The site on a real HTTP server on 127.0.0.1 (Chromium applies XSLT to served XML)."""
    handler = functools.partial(_Quiet, directory=str(tagged))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.browser
def test_chromium_shows_a_french_feed_in_french(served: str) -> None:
    """A region's feed two folders below fr/: French dates, labels and title, and the
    site's icon from the root."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is required in CI")
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on(
                "console",
                lambda message: errors.append(message.text) if message.type == "error" else None,
            )
            asked: list[str] = []
            page.on("request", lambda request: asked.append(request.url))
            with page.expect_request(served + "favicon.svg"):  # the icon at the root
                page.goto(served + "fr/regions/great-lakes/feed.xml", wait_until="load")
            assert page.locator("html").get_attribute("lang") == "fr"
            assert page.title() == "Clearinghouse — Grands Lacs (flux RSS)"
            assert "(feed)" not in page.title()
            meta = page.locator("main li .meta").first
            assert meta.inner_text().startswith("1er décembre 2027 · ")
            assert meta.locator(".category").all_inner_texts() == [
                "Partner",
                "Or",
                "Étain, tantale, tungstène (3T)",
                "Grands Lacs",
                "République démocratique du Congo",
                "eprm",
            ]
            assert errors == [] and [url for url in asked if not url.startswith(served)] == []
        finally:
            browser.close()


def test_an_items_facets_found_in_its_text_are_its_categories(tmp_path: Path) -> None:
    """No tag in feeds.yaml: the country and topic the text names reach the feeds as
    categories (what a feed reader filters on), and the browser's page names them."""
    item = make_item(
        "kivu",
        kind="call",
        deadline=date(2028, 3, 1),
        title="Appel à propositions : traçabilité du cobalt au Sud-Kivu",
        summary="<p>Pour les coopératives minières de la RDC.</p>",
        language="fr",
    )
    site = publish(tmp_path / "site", [item])
    feed = (site / "fr" / "countries" / "cd" / "feed.xml").read_text()
    assert "<category>CD</category>" in feed and "<category>cobalt</category>" in feed
    [found] = categories(view(site / "fr" / "countries" / "cd" / "feed.xml"))
    assert "République démocratique du Congo" in found and "Cobalt" in found
