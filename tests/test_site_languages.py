"""The site in English, French and Spanish: the same items under each interface, in
site/, site/fr/ and site/es/, each with its own feeds and calendars, translated labels,
dates as each language writes them and a switcher between the three."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from selectolax.lexbor import LexborHTMLParser

from aggregator.facet_pages import write_facet_pages
from aggregator.render import SITE_LANGUAGES, call_status_in, render_site
from tests.test_facet_pages import items
from tests.test_outputs_checked import NOW, SITE_URL, make_config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three languages' sites, written as `pipeline.publish_site` writes them."""
    folder = tmp_path_factory.mktemp("languages") / "site"
    config = make_config(folder)
    listed = items()
    for lang in SITE_LANGUAGES:
        render_site(listed, config, now=NOW, lang=lang)
        write_facet_pages(listed, config, now=NOW, lang=lang)
    return folder


def page(site: Path, name: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / name).read_text(encoding="utf-8"))


# folder, the open calls' heading, a deadline (20 June 2027) and its days left from 1 June
FRONT_PAGES = [
    ("", "en", "Open calls (2)", "20 June 2027", "closes in 19 days"),
    ("fr/", "fr", "Appels ouverts (2)", "20 juin 2027", "clôture dans 19 jours"),
    ("es/", "es", "Convocatorias abiertas (2)", "20 de junio de 2027", "cierra en 19 días"),
]


@pytest.mark.parametrize(("folder", "lang", "heading", "deadline", "left"), FRONT_PAGES)
def test_each_front_page_speaks_its_language(
    site: Path, folder: str, lang: str, heading: str, deadline: str, left: str
) -> None:
    front = page(site, f"{folder}index.html")
    assert front.css_first("html").attributes["lang"] == lang
    assert front.css_first("#open-calls-title").text() == heading
    text = front.body.text() if front.body else ""
    assert deadline in text and left in text


@pytest.mark.parametrize(("folder", "lang", "heading", "deadline", "left"), FRONT_PAGES)
def test_items_keep_their_own_language_under_every_interface(
    site: Path, folder: str, lang: str, heading: str, deadline: str, left: str
) -> None:
    front = page(site, f"{folder}index.html")
    titles = {node.text(): node.attributes.get("lang") for node in front.css("article .title")}
    assert titles["Appel à projets : or artisanal au Sud-Kivu"] == "fr"
    assert titles["Call for proposals: cobalt monitoring in Lualaba, DRC"] == "en"


@pytest.mark.parametrize(
    "name", ["index.html", "topics/index.html", "topics/gold/index.html", "countries/cd/index.html"]
)
def test_every_page_links_to_itself_in_the_three_languages(site: Path, name: str) -> None:
    below = name.removesuffix("index.html")
    expected = {
        "en": f"{SITE_URL}{below}",
        "fr": f"{SITE_URL}fr/{below}",
        "es": f"{SITE_URL}es/{below}",
    }
    for folder in ("", "fr/", "es/"):
        shown = page(site, f"{folder}{name}")
        alternates = {
            node.attributes["hreflang"]: node.attributes["href"]
            for node in shown.css('link[rel="alternate"][hreflang]')
        }
        assert alternates == expected, folder + name
        switcher = shown.css_first("nav.languages")
        assert switcher is not None
        links = {a.attributes["hreflang"]: a.attributes["href"] for a in switcher.css("a")}
        current = switcher.css_first('[aria-current="page"]')
        assert current is not None
        own = current.attributes["lang"]
        assert links == {lang: url for lang, url in expected.items() if lang != own}
        assert own == (folder.rstrip("/") or "en")


@pytest.mark.parametrize(
    ("folder", "title", "calendar"),
    [
        ("", "Clearinghouse — open calls", "— deadlines"),
        ("fr/", "Clearinghouse — appels ouverts", "— dates limites"),
        ("es/", "Clearinghouse — convocatorias abiertas", "— fechas límite"),
    ],
)
def test_each_language_has_its_own_feeds_and_calendars(
    site: Path, folder: str, title: str, calendar: str
) -> None:
    channel = ET.parse(site / folder / "calls.xml").getroot().find("channel")
    assert channel is not None
    assert channel.findtext("title") == title
    assert channel.findtext("link") == f"{SITE_URL}{folder}"
    items = {item.findtext("title") for item in channel.iter("item")}
    assert "Appel à projets : or artisanal au Sud-Kivu" in items  # the items are the same
    parsed = icalendar.Calendar.from_ical((site / folder / "deadlines.ics").read_bytes())
    assert str(parsed["X-WR-CALNAME"]).endswith(calendar)
    front = page(site, f"{folder}index.html")
    advertised = {n.attributes["href"] for n in front.css('link[rel="alternate"][type]')}
    assert f"{SITE_URL}{folder}calls.xml" in advertised


def test_a_french_facet_page_has_french_labels_and_feeds(site: Path) -> None:
    gold = page(site, "fr/topics/gold/index.html")
    assert gold.css_first("html").attributes["lang"] == "fr"
    assert gold.css_first("#open-calls-title").text() == "Appels ouverts (1)"
    text = gold.body.text() if gold.body else ""
    assert "Date limite 20 juin 2027" in text and "Publié le" in text
    channel = ET.parse(site / "fr/topics/gold/calls.xml").getroot().find("channel")
    assert channel is not None and channel.findtext("title", "").endswith("— appels ouverts")
    assert gold.css_first("h1").text() == "Or"  # the taxonomy's French label
    congo = page(site, "fr/countries/cd/index.html").css_first("h1")
    assert congo.text() == "République démocratique du Congo"
    chips = {a.text() for a in page(site, "fr/index.html").css("p.tags a")}
    assert {"Or", "République démocratique du Congo"} <= chips
    spanish = page(site, "es/topics/index.html")
    assert spanish.css_first("h1").text() == "Temas, regiones, países y socios"


def test_the_calls_own_calendars_and_sources_page_are_linked_at_the_root(site: Path) -> None:
    """Published once: a French page links the English site's files, which exist."""
    front = page(site, "fr/index.html")
    calendars = [a.attributes["href"] or "" for a in front.css("a[download]")]
    assert calendars and all(href.startswith(f"{SITE_URL}calls/item-") for href in calendars)
    sources = [a.attributes["href"] for a in front.css("#subscribe a") if "sources" in str(a.html)]
    assert sources == [f"{SITE_URL}sources.html"]


@pytest.mark.parametrize(
    ("lang", "left", "shown"),
    [
        ("en", 5, "closes in 5 days"),
        ("en", 0, "closes today"),
        ("fr", -1, "clôturé"),
        ("fr", 0, "clôture aujourd'hui"),
        ("fr", 1, "clôture demain"),
        ("fr", 2, "clôture dans 2 jours"),
        ("es", 1, "cierra mañana"),
        ("es", 30, "cierra en 30 días"),
        ("es", None, None),
    ],
)
def test_how_a_deadline_reads_in_each_language(lang: str, left: int | None, shown: str) -> None:
    assert call_status_in(left, lang) == shown
