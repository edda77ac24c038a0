"""The published files as validators read them: JSON Feed 1.1's required content,
iCalendar text read back by icalendar, and listings that load nothing from partners."""

from __future__ import annotations

import json
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
        # the closed call is in the front page's archive as a title and a deadline
        assert excerpts == ["Grants for cooperatives. Budget: USD 100,000"] * 2, listing
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
