"""The facet pages: one page and four feeds per partner, topic, region, country and
language, the topics index, chips linking to them, and stale folders removed safely."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from selectolax.lexbor import LexborHTMLParser

from aggregator.facet_pages import write_facet_pages
from aggregator.facets import partner_slugs, slugify
from aggregator.render import render_site
from aggregator.taxonomy import build_taxonomy, tag_items
from aggregator.types import EventDates, Item, SourceRef
from tests.test_outputs_checked import NOW, PARTNER, SITE_URL, make_config, make_item

OTHER = SourceRef(
    "Réseau exemple Grands Lacs", "https://reseau.example/", feed="https://reseau.example/rss"
)


def items() -> list[Item]:
    made = [
        make_item("gold-call", kind="call", deadline=date(2027, 6, 20), language="fr",
                  title="Appel à projets : or artisanal au Sud-Kivu", sources=(OTHER,)),
        make_item("cobalt-call", kind="call", deadline=date(2027, 7, 30),
                  title="Call for proposals: cobalt monitoring in Lualaba, DRC"),
        make_item("peru-news", language="es", title="Formalización minera en el Perú",
                  summary="<p>Minería de oro <img src='https://partner.example/x.png'></p>"),
        make_item("forum", kind="event",
                  title="Regional forum on 3T traceability in Kigali, Rwanda",
                  event=EventDates(date(2027, 6, 15), date(2027, 6, 16), online=False)),
        make_item("coming", kind="call", status="forthcoming", opens=date(2027, 7, 1),
                  title="Forthcoming: cobalt grants"),
    ]  # fmt: skip
    return tag_items(made, build_taxonomy())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    config = make_config(tmp_path / "site")
    listed = items()
    render_site(listed, config, now=NOW)
    write_facet_pages(listed, config, now=NOW)
    return tmp_path / "site"


@pytest.mark.parametrize(
    "folder",
    ["partners/partner", "partners/reseau-exemple-grands-lacs", "topics/gold", "topics/cobalt",
     "topics/3t", "topics/formalisation", "regions/great-lakes", "regions/andes",
     "countries/cd", "countries/pe", "countries/rw", "languages/en", "languages/fr",
     "languages/es"],
)  # fmt: skip
def test_each_value_has_a_page_and_four_feeds_it_advertises(site: Path, folder: str) -> None:
    page = LexborHTMLParser((site / folder / "index.html").read_text())
    advertised = {
        node.attributes["href"]: node.attributes["type"]
        for node in page.css('link[rel="alternate"][type]')
    }
    assert advertised == {
        f"{SITE_URL}{folder}/feed.xml": "application/rss+xml",
        f"{SITE_URL}{folder}/calls.xml": "application/rss+xml",
        f"{SITE_URL}{folder}/deadlines.ics": "text/calendar",
        f"{SITE_URL}{folder}/events.ics": "text/calendar",
    }
    for name in ("feed.xml", "calls.xml"):
        channel = ET.parse(site / folder / name).getroot().find("channel")
        assert channel is not None
        self_link = channel.find("{http://www.w3.org/2005/Atom}link")
        assert self_link is not None and self_link.get("href") == f"{SITE_URL}{folder}/{name}"
    for name in ("deadlines.ics", "events.ics"):
        icalendar.Calendar.from_ical((site / folder / name).read_bytes())
    assert not page.css("script, img, iframe")  # nothing to run, nothing from partners


def test_a_page_lists_only_its_items_by_section(site: Path) -> None:
    page = LexborHTMLParser((site / "countries/cd/index.html").read_text())
    assert page.css_first("h1").text() == "Democratic Republic of the Congo"
    titles = {s.attributes["id"]: [h.text() for h in s.css("h3")] for s in page.css("section")}
    assert titles["open-calls"] == [
        "Appel à projets : or artisanal au Sud-Kivu",
        "Call for proposals: cobalt monitoring in Lualaba, DRC",
    ]
    assert titles["events"] == []
    gold = ET.parse(site / "topics/gold/feed.xml").getroot()
    assert [i.findtext("title") for i in gold.iter("item")] == [
        "Appel à projets : or artisanal au Sud-Kivu",  # published together: by id
        "Formalización minera en el Perú",
    ]
    assert gold.findtext("channel/title") == "Clearinghouse — Gold"
    calendar = icalendar.Calendar.from_ical((site / "topics/gold/deadlines.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        "Deadline: Appel à projets : or artisanal au Sud-Kivu"
    ]
    assert str(calendar["X-WR-CALNAME"]) == "Clearinghouse — Gold — deadlines"
    events = icalendar.Calendar.from_ical((site / "countries/rw/events.ics").read_bytes())
    assert str(events.walk("VEVENT")[0]["SUMMARY"]).startswith("Regional forum")
    coming = LexborHTMLParser((site / "topics/cobalt/index.html").read_text())
    assert [h.text() for h in coming.css("#forthcoming h3")] == ["Forthcoming: cobalt grants"]


def test_every_link_between_pages_leads_to_a_page(site: Path) -> None:
    pages = [site / "index.html", *site.glob("*/index.html"), *site.glob("*/*/index.html")]
    checked = 0
    for path in pages:
        for node in LexborHTMLParser(path.read_text()).css("a[href]"):
            href = node.attributes["href"] or ""
            if re.match(r"^([a-z]+:|#)", href):
                continue
            target = (path.parent / href).resolve()
            assert (
                target / "index.html" if href.endswith("/") or not href else target
            ).is_file(), (
                path,
                href,
            )
            checked += 1
    assert checked > 50


def test_chips_link_each_item_to_its_topics_countries_partners_and_language(site: Path) -> None:
    page = LexborHTMLParser((site / "index.html").read_text())
    call = page.css_first("#item-gold-call")
    chips = {a.text(): a.attributes["href"] for a in call.css(".tags a")}
    assert chips == {
        "Gold": "topics/gold/",
        "Artisanal mining (ASM)": "topics/asm/",
        "Great Lakes": "regions/great-lakes/",
        "Democratic Republic of the Congo": "countries/cd/",
    }
    meta = {a.text(): a.attributes["href"] for a in call.css(".meta a")}
    assert meta == {
        "Réseau exemple Grands Lacs": "partners/reseau-exemple-grands-lacs/",
        "Français": "languages/fr/",
    }
    deeper = LexborHTMLParser((site / "topics/gold/index.html").read_text())
    hrefs = [a.attributes["href"] for a in deeper.css("#item-gold-call .tags a")]
    assert hrefs[0] == "../../topics/gold/"
    assert page.css_first('a[href="topics/"]') is not None


def test_the_topics_index_counts_items_and_lists_empty_topics(site: Path) -> None:
    page = LexborHTMLParser((site / "topics/index.html").read_text())
    rows = [" ".join(li.text().split()) for li in page.css("#topics li")]
    assert "Gold 2 items, 1 open call" in rows
    assert "Cobalt 2 items, 1 open call" in rows
    assert rows[-1].endswith("0 items")  # a built-in topic no item has: listed, no page
    assert page.css_first("#topics li:last-child a") is None
    assert page.css_first('#topics a[href="../topics/gold/"]') is not None
    headings = [h.text() for h in page.css("h2")]
    assert headings[0].startswith("Topics (") and "Partners (2)" in headings


def test_a_value_no_item_has_any_more_loses_its_folder_and_nothing_else(
    site: Path, tmp_path: Path
) -> None:
    (site / "countries/pe/notes.txt").write_text("ours")
    (site / "topics/formalisation/../formalisation/index.html").exists()
    config = make_config(site)
    remaining = [item for item in items() if item.id != "peru-news"]
    write_facet_pages(remaining, config, now=NOW + timedelta(hours=1))
    assert not (site / "topics/formalisation").exists()
    assert not (site / "regions/andes").exists()
    assert sorted(p.name for p in (site / "countries/pe").iterdir()) == ["notes.txt"]
    assert (site / "topics/gold/index.html").is_file()
    assert not (site / "languages/es").exists()


def test_a_page_is_written_only_when_its_bytes_change(site: Path) -> None:
    path = site / "topics/gold/feed.xml"
    before = path.stat().st_mtime_ns
    write_facet_pages(items(), make_config(site), now=NOW)
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("names", "slugs"),
    [
        (["ITSCI", "ITSCI — news page"], ["itsci", "itsci-news-page"]),
        (["Fonds exemple pour l'exploitation minière"],
         ["fonds-exemple-pour-l-exploitation-miniere"]),
        (["A.B", "A B", "a-b"], ["a-b", "a-b-2", "a-b-3"]),
        (["مؤسسة"], ["partner"]),
    ],
)  # fmt: skip
def test_partner_slugs_are_readable_and_distinct(names: list[str], slugs: list[str]) -> None:
    assert list(partner_slugs(names).values()) == slugs
    assert slugify("Alliance for Responsible Mining (ARM)") == "alliance-for-responsible-mining-arm"


def test_an_unknown_partner_still_gets_a_page(tmp_path: Path) -> None:
    stray = replace(make_item("x"), sources=(SourceRef("Gone partner", "https://gone.example/"),))
    config = make_config(tmp_path / "site")
    write_facet_pages([stray, *items()], config, now=NOW)
    assert (tmp_path / "site/partners/gone-partner/index.html").is_file()
    assert PARTNER.name == "Partner"
