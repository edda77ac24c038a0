"""The published files as validators read them: JSON Feed 1.1's required content,
iCalendar text read back by icalendar, and listings that load nothing from partners."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import icalendar
import pytest
from icalendar.parser import unescape_backslash
from selectolax.lexbor import LexborHTMLParser

from aggregator.facet_pages import write_facet_pages
from aggregator.render import render_site
from aggregator.sanitize import clean_html
from aggregator.types import Config, Item, Source, SourceRef

ROOT = Path(__file__).resolve().parent.parent
#: The front page's one script besides its JSON-LD data: the filter, next to it.
FILTER_SCRIPT = {"src": "filter.js", "defer": None}
#: The front pages, English at the root and each other language in its folder.
FRONT_PAGES = ("index.html", "fr/index.html", "es/index.html")
NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
SITE_URL = "https://minerals.example/clearinghouse/"
PARTNER = SourceRef("Partner", "https://partner.example/", feed="https://partner.example/feed")


def make_item(id: str, **changes: Any) -> Item:
    published = NOW - timedelta(days=2)
    item = Item(
        id=id,
        url=f"https://partner.example/{id}",
        link=f"https://partner.example/{id}",
        title=f"Item {id}",
        summary=f"<p>About {id}.</p>",
        published=published,
        first_seen=published,
        updated=published,
        kind="news",
        kind_reason="default",
        deadline=None,
        deadline_phrase=None,
        language="en",
        tags=(),
        sources=(PARTNER,),
    )
    return replace(item, **changes)


def make_config(site: Path, **changes: Any) -> Config:
    config = Config(
        path=site.parent / "feeds.yaml",
        title="Clearinghouse",
        description="Calls and news.",
        site_url=SITE_URL,
        database=site.parent / "items.db",
        site=site,
        templates=ROOT / "templates",
        sources=(Source(name="Partner", url="https://partner.example/feed"),),
    )
    return replace(config, **changes)


# --- JSON Feed 1.1: every item has content_html or content_text ------------------------------


def test_every_json_feed_item_has_content_even_with_only_a_title(tmp_path: Path) -> None:
    items = [
        make_item("bare", summary=""),
        make_item("said", summary="<p>Said something.</p>"),
        make_item("call", summary="", kind="call", deadline=date(2027, 7, 1)),
    ]
    render_site(items, make_config(tmp_path), now=NOW)
    for name in ("feed.json", "calls.json"):
        for entry in json.loads((tmp_path / name).read_text())["items"]:
            assert entry.get("content_html") or entry.get("content_text"), (name, entry["id"])
    entries = {e["id"]: e for e in json.loads((tmp_path / "feed.json").read_text())["items"]}
    assert entries["urn:clearinghouse:bare"]["content_text"] == "Item bare"
    assert "content_html" not in entries["urn:clearinghouse:bare"]
    assert entries["urn:clearinghouse:said"]["content_html"] == "<p>Said something.</p>"
    assert entries["urn:clearinghouse:call"]["content_html"] == "Deadline: 1 July 2027"


# --- images: an alt always, and none on the listings --------------------------------------------


def test_every_image_left_by_sanitising_has_an_alt() -> None:
    cleaned = clean_html(
        '<p><img src="https://partner.example/a.png"><img alt="Mine site" '
        'src="https://partner.example/b.png"><img src="https://partner.example/c.png" '
        'title="a > b"/></p>'
    )
    tree = LexborHTMLParser(cleaned)
    alts = [img.attributes.get("alt") for img in tree.css("img")]
    assert alts == ["", "Mine site", ""]


def test_the_listing_shows_plain_excerpts_and_no_partner_image(tmp_path: Path) -> None:
    summary = clean_html(
        '<p>Grants for cooperatives.</p><p><img src="https://tracker.partner.example/pixel.gif">'
        '<img src="//cdn.partner.example/photo.jpg" alt="Mine"></p><table><tr><th>Budget</th>'
        "<td>USD 100,000</td></tr></table>"
    )
    items = [
        make_item("call", kind="call", deadline=date(2027, 7, 1), summary=summary),
        make_item("news", summary=summary),
        make_item("closed", kind="call", deadline=date(2027, 5, 1), summary=summary),
    ]
    config = make_config(tmp_path)
    render_site(items, config, now=NOW)
    write_facet_pages(items, config, now=NOW)
    listings = [tmp_path / "index.html", *sorted(tmp_path.glob("*/*/index.html"))]
    assert len(listings) == 3  # the front page, the partner's page, the language's page
    for listing in listings:
        page = LexborHTMLParser(listing.read_text())
        ours = urlsplit(SITE_URL).hostname
        elsewhere = [
            img.attributes.get("src")
            for img in page.css("img")
            if urlsplit(img.attributes.get("src") or "").hostname not in (None, ours)
        ]
        assert elsewhere == []
        assert not page.css("img, picture, video, audio, iframe, source")
        excerpts = [node.text() for node in page.css(".summary")]
        # the call's row has an excerpt; news and closed calls are titles, partners, dates
        assert excerpts == ["Grants for cooperatives. Budget: USD 100,000"], listing
    # the feeds still carry the partner's HTML, images with their alt
    assert 'alt=""' in json.loads((tmp_path / "feed.json").read_text())["items"][0]["content_html"]


# --- iCalendar: text values escaped, and read back as written --------------------------------

AWKWARD = "Cobalt, tin; gold \\ tantalum\nsecond line"


@pytest.fixture
def calendar(tmp_path: Path) -> icalendar.Calendar:
    call = make_item(
        "call",
        kind="call",
        title="Call: cobalt, tin; gold \\ tantalum",
        deadline=date(2027, 7, 1),
        deadline_phrase="Deadline; 1 July, 2027 \\ 17:00",
        sources=(replace(PARTNER, name="Partner, Inc.; \\ Network"),),
    )
    config = make_config(tmp_path, title="Minerals; Clearinghouse, Ltd \\", description=AWKWARD)
    render_site([call], config, now=NOW)
    return icalendar.Calendar.from_ical((tmp_path / "deadlines.ics").read_bytes())


def _text(value: Any) -> str:
    """A property read back as iCalendar TEXT: icalendar unescapes the properties it
    knows to be text, and leaves X- properties as they are on the wire."""
    return unescape_backslash(value.to_ical().decode())


def test_calendar_text_values_round_trip(calendar: icalendar.Calendar) -> None:
    assert _text(calendar["X-WR-CALNAME"]) == "Minerals; Clearinghouse, Ltd \\ — deadlines"
    assert _text(calendar["X-WR-CALDESC"]) == f"Deadlines of open calls. {AWKWARD}"
    assert _text(calendar["PRODID"]) == "-//Minerals; Clearinghouse, Ltd \\//deadlines//EN"
    (event,) = calendar.walk("VEVENT")
    assert _text(event["SUMMARY"]) == "Deadline: Call: cobalt, tin; gold \\ tantalum"
    description = _text(event["DESCRIPTION"]).splitlines()
    assert description[0] == "Partner: Partner, Inc.; \\ Network"
    assert "As published: Deadline; 1 July, 2027 \\ 17:00" in description


def test_calendar_text_is_escaped_on_the_wire(tmp_path: Path, calendar: icalendar.Calendar) -> None:
    raw = (tmp_path / "deadlines.ics").read_bytes().decode().replace("\r\n ", "")
    lines = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in raw.splitlines()}
    assert lines["X-WR-CALDESC"] == (
        "Deadlines of open calls. Cobalt\\, tin\\; gold \\\\ tantalum\\nsecond line"
    )
    assert lines["X-WR-CALNAME"] == "Minerals\\; Clearinghouse\\, Ltd \\\\ — deadlines"


def test_the_events_calendar_escapes_its_text_too(tmp_path: Path) -> None:
    from aggregator.types import EventDates

    event = make_item(
        "forum",
        kind="event",
        title="Forum: cobalt, tin; gold \\ tantalum",
        event=EventDates(date(2027, 7, 1), date(2027, 7, 2), online=True),
    )
    render_site([event], make_config(tmp_path, description=AWKWARD), now=NOW)
    calendar = icalendar.Calendar.from_ical((tmp_path / "events.ics").read_bytes())
    assert _text(calendar["X-WR-CALDESC"]) == f"Upcoming events. {AWKWARD}"
    (vevent,) = calendar.walk("VEVENT")
    assert _text(vevent["SUMMARY"]) == "Forum: cobalt, tin; gold \\ tantalum"


def test_a_facet_calendar_escapes_its_text_and_reads_back(tmp_path: Path) -> None:
    call = make_item(
        "call",
        kind="call",
        title="Call: cobalt, tin; gold \\ tantalum",
        deadline=date(2027, 7, 1),
        sources=(replace(PARTNER, name="Partner, Inc.; \\ Network"),),
    )
    config = make_config(tmp_path, sources=())
    write_facet_pages([call], config, now=NOW)
    folder = tmp_path / "partners" / "partner-inc-network"
    calendar = icalendar.Calendar.from_ical((folder / "deadlines.ics").read_bytes())
    assert _text(calendar["X-WR-CALNAME"]) == (
        "Clearinghouse — Partner, Inc.; \\ Network — deadlines"
    )
    (event,) = calendar.walk("VEVENT")
    assert _text(event["SUMMARY"]) == "Deadline: Call: cobalt, tin; gold \\ tantalum"
    raw = (folder / "deadlines.ics").read_bytes().decode().replace("\r\n ", "")
    assert "X-WR-CALNAME:Clearinghouse — Partner\\, Inc.\\; \\\\ Network — deadlines" in raw


# --- every file of a real run: parsed by its kind, no unsafe link, no markup let through ----------


def test_every_file_a_run_writes_passes_the_strict_checks(
    server: Any, write_config: Any, tmp_path: Path
) -> None:
    from aggregator import pipeline
    from aggregator.config import load_config

    hostile = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        b"<title>&lt;b&gt;Partner&lt;/b&gt;</title><link>https://partner.example.org/</link>"
        b"<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Call for proposals ]]&gt; &amp; more"
        b"</title><link>https://partner.example.org/call?a=1&amp;b=&lt;x&gt;</link>"
        b"<description>&lt;p onclick='x()'&gt;Deadline: 30 June 2027.&lt;/p&gt;"
        b"&lt;a href='javascript:alert(2)'&gt;x&lt;/a&gt;</description>"
        b"<pubDate>Mon, 01 Mar 2027 09:00:00 GMT</pubDate></item>"
        b"<item><title>Webinar on cobalt traceability, 20-21 April 2027</title>"
        b"<link>javascript:alert(3)</link><description>Online webinar.</description></item>"
        b"</channel></rss>"
    )
    server.expect_request("/feed.xml").respond_with_data(
        hostile, content_type="application/rss+xml"
    )
    path = write_config(
        [{"name": "<i>Partner</i> & \u202eco", "url": server.url_for("/feed.xml")}],
        signup="mailto:join@clearinghouse.example.org",
    )
    pipeline.run(load_config(path), now=datetime(2027, 3, 10, 12, 0, tzinfo=UTC), send_digest=False)
    site = tmp_path / "site"
    files = sorted(p for p in site.rglob("*") if p.is_file())
    names = {str(p.relative_to(site)) for p in files}
    assert {
        "sources.html",
        "sources.opml",
        "feed.xsl",
        "favicon.svg",
        "opportunities/index.json",
        "about/clearinghouse.html",
    } <= names
    for lang in ("fr", "es"):  # each language's own sources page and description of the feeds
        assert {f"{lang}/sources.html", f"{lang}/about/clearinghouse.html"} <= names
    assert "fr/sources.opml" not in names and "fr/favicon.svg" not in names  # once, at the root
    assert any(name.startswith("calls/item-") and name.endswith(".ics") for name in names)
    assert {"topics/index.html", "filter.js", "partners/partner-co/index.html"} <= names
    assert "partners/partner-co/deadlines.ics" in names and "languages/en/feed.xml" in names
    for file in files:
        text = file.read_text(encoding="utf-8")
        name = str(file.relative_to(site))
        assert "alert(" not in text and "\u202e" not in text, name
        assert "javascript:" not in text.lower() and "onclick" not in text.lower(), name
        if file.suffix in (".xml", ".opml", ".xsl", ".svg"):
            ET.fromstring(file.read_bytes())  # well-formed
            # a feed opened in a browser finds its stylesheet, however deep it lies
            for href in re.findall(r'<\?xml-stylesheet[^>]*href="([^"]+)"', text):
                assert (file.parent / href).is_file(), (name, href)
        elif file.suffix == ".json":
            json.loads(text)
            assert "<" not in text and ">" not in text, name
        elif file.suffix == ".ics":
            assert icalendar.Calendar.from_ical(file.read_bytes()).walk("VEVENT") is not None
        elif file.suffix == ".html":
            page = LexborHTMLParser(text)
            for script in page.css("script"):
                if script.attributes == FILTER_SCRIPT and name in FRONT_PAGES:
                    continue  # a front page's filter: ours, next to it (filter.js)
                assert script.attributes == {"type": "application/ld+json"}, name
                json.loads(script.text())
                assert "<" not in script.text(), name
            for node in page.css("[href], [src]"):
                link = node.attributes.get("href") or node.attributes.get("src") or ""
                # absolute http(s), mailto, webcal, an anchor, or a page of the site itself
                # ("topics/gold/", "../../partners/oecd/"): no other scheme, no other host
                in_site = not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//", link)
                assert in_site or link.startswith(
                    ("https://", "http://", "mailto:", "webcal://", "#")
                ), (name, link)
                if in_site and not link.startswith("#"):
                    target = (file.parent / link.split("#")[0]).resolve()
                    assert site.resolve() in (target, *target.parents), (name, link)
            assert not page.css("[onclick], [onerror], iframe, object, embed"), name
            # the site's own icon, on every page, wherever the site is served from
            icons = [node.attributes.get("href") or "" for node in page.css('link[rel="icon"]')]
            assert len(icons) == 1 and not icons[0].startswith(("http", "/")), (name, icons)
            assert (file.parent / icons[0]).resolve() == (site / "favicon.svg").resolve(), name
