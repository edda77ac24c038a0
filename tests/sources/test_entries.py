"""What every feed reader makes of an entry, whatever the format: RSS, Atom and JSON
Feed give the same item for the same text (sources/feed.py and sources/jsonfeed.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from aggregator.sources.feed import parse_feed
from aggregator.types import ParsedFeed

URL = "https://partner.example.org/feed"
TEXT = (
    "<p>Grants of up to USD 80,000 are available for cooperatives in South Kivu "
    "that trace their tin.</p><p>Deadline: 30 June 2027.</p>"
)
#: The title every reader makes of TEXT: its first ten words, cut at a word.
MADE_TITLE = "Grants of up to USD 80,000 are available for cooperatives…"


def rss(items: str, channel: str = "<title>Partner</title>") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel>{channel}<link>https://partner.example.org/</link>{items}</channel></rss>"
    ).encode()


def atom(entries: str, title: str = "Partner") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:partner</id><updated>2027-03-01T00:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def jsonfeed(*items: dict[str, object], title: str = "Partner") -> bytes:
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": title, "items": list(items)}
    ).encode()


def parse(body: bytes) -> ParsedFeed:
    return parse_feed(body, URL, {"content-type": "application/xml"})


# --- an entry whose only text is its content is an item ------------------------------------

CONTENT_ONLY = {
    "rss, content:encoded only": rss(
        f"<item><content:encoded><![CDATA[{TEXT}]]></content:encoded></item>"
    ),
    "atom, id and content only": atom(
        f'<entry><id>urn:partner:1</id><content type="html"><![CDATA[{TEXT}]]></content></entry>'
    ),
    "json feed, content_html only": jsonfeed({"id": "1", "content_html": TEXT}),
    "json feed, content_text only": jsonfeed(
        {
            "id": "1",
            "content_text": "Grants of up to USD 80,000 are available for cooperatives in "
            "South Kivu that trace their tin. Deadline: 30 June 2027.",
        }
    ),
}


@pytest.mark.parametrize("body", CONTENT_ONLY.values(), ids=CONTENT_ONLY.keys())
def test_an_entry_with_only_its_content_is_an_item_titled_by_its_first_words(body: bytes) -> None:
    parsed = parse(body)
    (item,) = parsed.items
    assert item.title == MADE_TITLE
    assert "30 June 2027" in item.summary + item.content
    assert parsed.warning is None


def test_every_reader_makes_the_same_title_of_the_same_text() -> None:
    titles = {name: parse(body).items[0].title for name, body in CONTENT_ONLY.items()}
    assert set(titles.values()) == {MADE_TITLE}, titles


# --- entries that have nothing are dropped, and the run is told ------------------------------

NOTHING = {
    "rss": rss(
        '<item><guid isPermaLink="false">a</guid></item>'
        '<item><guid isPermaLink="false">b</guid><description> </description></item>'
    ),
    "atom": atom("<entry><id>urn:a</id></entry><entry><id>urn:b</id></entry>"),
    "json feed": jsonfeed({"id": "a"}, {"id": "b", "content_html": "<p> </p>"}),
}


@pytest.mark.parametrize("body", NOTHING.values(), ids=NOTHING.keys())
def test_a_feed_whose_entries_are_all_dropped_says_so(body: bytes) -> None:
    parsed = parse(body)
    assert parsed.items == ()
    assert parsed.warning is not None
    assert "none of its 2 entries has a title, a link or any text" in parsed.warning


def test_a_feed_with_some_entries_dropped_says_how_many() -> None:
    parsed = parse(
        rss('<item><guid isPermaLink="false">a</guid></item><item><title>Kept</title></item>')
    )
    assert [item.title for item in parsed.items] == ["Kept"]
    assert parsed.warning == "1 of its 2 entries had no title, link or text and were skipped"


# --- titles and partner names are plain text, with nothing hidden ----------------------------

HOSTILE = {
    "rss, escaped markup": rss(
        "<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Call for &lt;b&gt;proposals&lt;/b&gt;"
        "</title><link>https://partner.example.org/1</link></item>",
        channel="<title>&lt;b&gt;Partner&lt;/b&gt;\u202e</title>",
    ),
    "rss, escaped twice": rss(
        "<item><title>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Call for proposals"
        "</title><link>https://partner.example.org/1</link></item>",
        channel="<title>Partner\u200b</title>",
    ),
    "atom, html title": atom(
        '<entry><id>urn:1</id><title type="html">&lt;script&gt;alert(1)&lt;/script&gt;Call '
        "for &lt;i&gt;proposals&lt;/i&gt;\u2066</title></entry>",
        title='<span xmlns="http://www.w3.org/1999/xhtml">Partner</span>',
    ),
    "atom, text title": atom(
        '<entry><id>urn:1</id><title type="text">&lt;script&gt;alert(1)&lt;/script&gt;Call '
        "for proposals\ufeff</title></entry>",
        title="\u2067Partner\u2069",
    ),
    "json feed": jsonfeed(
        {"id": "1", "title": "<script>alert(1)</script>Call for <b>proposals</b>\u202e"},
        title="<b>Partner</b>\u200d",
    ),
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_titles_and_feed_titles_lose_their_markup_and_invisible_characters(body: bytes) -> None:
    parsed = parse(body)
    assert parsed.title == "Partner"
    assert [item.title for item in parsed.items] == ["Call for proposals"]


def test_a_title_reversed_on_screen_reads_as_written() -> None:
    parsed = parse(jsonfeed({"id": "1", "title": "Call \u202eslasoporp rof\u202c 2027"}))
    assert parsed.items[0].title == "Call slasoporp rof 2027"
    assert not any(0x2000 <= ord(c) <= 0x206F for c in parsed.items[0].title)


# --- a day without a time is noon UTC: the same day from Lima to Jakarta ---------------------

DAY_ONLY = {
    "rss": rss(
        "<item><title>Call</title><link>https://p.example.org/1</link>"
        "<pubDate>Wed, 02 Dec 2026</pubDate></item>"
    ),
    "atom": atom(
        "<entry><id>urn:1</id><title>Call</title><published>2026-12-02</published></entry>"
    ),
    "json feed": jsonfeed({"id": "1", "title": "Call", "date_published": "2026-12-02"}),
}


@pytest.mark.parametrize("body", DAY_ONLY.values(), ids=DAY_ONLY.keys())
def test_a_date_without_a_time_is_stamped_at_noon_utc(body: bytes) -> None:
    (item,) = parse(body).items
    assert item.published == datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def test_a_date_with_a_time_keeps_it_even_at_midnight() -> None:
    body = jsonfeed(
        {"id": "1", "title": "Call", "date_published": "2026-12-02T00:00:00Z"},
        {"id": "2", "title": "Call", "date_published": "2026-12-02T00:00:00-05:00"},
    )
    items = parse(body).items
    assert [item.published for item in items] == [
        datetime(2026, 12, 2, 0, 0, tzinfo=UTC),
        datetime(2026, 12, 2, 5, 0, tzinfo=UTC),
    ]
    (rss_item,) = parse(
        rss("<item><title>x</title><pubDate>Wed, 02 Dec 2026 00:00:00 GMT</pubDate></item>")
    ).items
    assert rss_item.published == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
