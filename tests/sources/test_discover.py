"""Telling feeds from pages, and proposing selectors for a page, for `aggregator add`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.sources.discover import inspect_response, propose_selectors
from aggregator.sources.page import extract_page
from aggregator.types import Selectors, Source

PAGES = Path(__file__).parent.parent / "data" / "pages"
NOW = datetime(2027, 7, 20, 9, 0, tzinfo=UTC)
URL = "https://partner.example.org/en/calls"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>IPIS news</title><link>https://ipis.example/</link>
<item><title>Cobalt report</title><link>https://ipis.example/cobalt</link></item>
</channel></rss>"""
ATOM_WITHOUT_ENTRIES = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet partner &amp; friends</title>
<id>urn:x</id><updated>2027-01-01T00:00:00Z</updated></feed>"""
JSON_FEED = json.dumps(
    {"version": "https://jsonfeed.org/version/1.1", "title": "Gold news", "items": []}
).encode()


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


@pytest.mark.parametrize(
    ("body", "content_type", "title"),
    [
        (RSS, "application/rss+xml", "IPIS news"),
        (RSS, "text/xml; charset=utf-8", "IPIS news"),
        (RSS, None, "IPIS news"),  # no Content-Type: the body says it
        (ATOM_WITHOUT_ENTRIES, "application/atom+xml", "Quiet partner & friends"),
        (JSON_FEED, "application/feed+json", "Gold news"),
        (JSON_FEED, "application/json", "Gold news"),
    ],
)
def test_a_feed_is_added_as_a_feed(body: bytes, content_type: str | None, title: str) -> None:
    found = inspect_response(body, URL, content_type)
    assert found.kind == "feed"
    assert found.feed_url == URL
    assert found.title == title


def test_a_page_that_advertises_a_feed_gives_the_feed() -> None:
    found = inspect_response(
        page("with_feed.html"), "https://cobalt.example.org/news/", "text/html"
    )
    assert found.kind == "page-with-feed"
    assert found.feed_url == "https://cobalt.example.org/news/atom.xml"
    assert found.title == "News | Cobalt Institute for Responsible Sourcing"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "calls_en.html",
            Selectors(item="div.views-row", date="span.date", summary="p.teaser"),
        ),
        (
            "appels_fr.html",
            Selectors(item="article.call", date="span.date", summary="p.resume"),
        ),
        ("convocatorias_es.html", Selectors(item="li.convocatoria", date="time")),
        ("auto_noise.html", Selectors(item="div.post", date="div.post-meta", summary="p")),
        ("calls_en_redesigned.html", Selectors(item="li.card", date="small")),
        ("appels_fr_latin1.html", Selectors(item="div.appel", date="span")),
        ("wordpress_news.html", Selectors(item="article.post", date="time", summary="p")),
        ("table_convocatorias.html", Selectors(item="tbody > tr", date="td:nth-of-type(2)")),
        ("cards_fr.html", Selectors(item="a.card", date="span.card-date", summary="p")),
        (
            "read_more_en.html",
            Selectors(
                item="div.views-row", title="h3.field-title", date="div.field-date", summary="p"
            ),
        ),
    ],
)
def test_selectors_are_proposed_for_the_repeated_items(name: str, expected: Selectors) -> None:
    assert propose_selectors(page(name), URL) == expected


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", None])
def test_a_plain_page_gets_selectors_and_a_preview(content_type: str | None) -> None:
    found = inspect_response(page("calls_en.html"), URL, content_type, now=NOW)
    assert found.kind == "page"
    assert found.feed_url is None
    assert found.title == "Calls for proposals | Great Lakes Minerals Partnership"
    assert found.selectors == Selectors(item="div.views-row", date="span.date", summary="p.teaser")
    source = Source(name="x", url=URL, type="page", selectors=found.selectors)
    assert found.preview == extract_page(page("calls_en.html"), URL, source, now=NOW).items
    assert [item.title for item in found.preview] == [
        "Call for proposals: ASM gold traceability pilots",
        "Cobalt due diligence small grants 2027",
        "Tender: 3TG smelter audit support",
        "Women in artisanal mining: call for applications",
    ]


def test_a_link_selector_is_proposed_when_the_first_link_is_not_the_title() -> None:
    rows = "".join(
        f'<div class="entry"><a class="tag" href="/topics/gold">gold</a>'
        f'<h3 class="entry-title"><a href="/calls/{n}">Call number {n} for cooperatives</a></h3>'
        f'<p class="when">{n} June 2027</p></div>'
        for n in range(1, 5)
    )
    body = f"<html><body><main>{rows}</main></body></html>".encode()
    selectors = propose_selectors(body, URL)
    assert selectors == Selectors(item="div.entry", link="h3.entry-title a", date="p.when")
    source = Source(name="x", url=URL, type="page", selectors=selectors)
    items = extract_page(body, URL, source, now=NOW).items
    assert [item.link for item in items] == [
        f"https://partner.example.org/calls/{n}" for n in range(1, 5)
    ]


def test_an_item_selector_without_classes_uses_the_list_around_it() -> None:
    rows = "".join(
        f'<li><a href="/n/{n}">News item number {n} from the partner</a></li>' for n in range(5)
    )
    body = (
        f'<html><body><ul id="news">{rows}</ul>'
        '<ul><li><a href="/x">About us</a></li><li><a href="/y">Contact</a></li></ul>'
        "</body></html>"
    ).encode()
    assert propose_selectors(body, URL) == Selectors(item="#news > li")


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body><p>Nothing to list here.</p></body></html>",
        b"<html><body><a href='/one'>Only one link in the whole page</a></body></html>",
        b"",
    ],
)
def test_a_page_without_a_list_gets_no_selectors(body: bytes) -> None:
    assert propose_selectors(body, URL) is None
    found = inspect_response(body, URL, "text/html")
    assert found.kind == "page"
    assert found.selectors is None
    assert found.preview == ()


def test_a_hostile_page_gets_no_selectors_and_nothing_unsafe() -> None:
    found = inspect_response(page("hostile.html"), URL, "text/html")
    assert found.kind == "page"
    assert found.title == "Calls"
    assert all(item.link and item.link.startswith("http") for item in found.preview)
