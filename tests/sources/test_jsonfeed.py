"""The JSON Feed reader (sources/jsonfeed.py), and how the READERS table reaches it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from aggregator.errors import ParseError
from aggregator.sources import READERS
from aggregator.sources.jsonfeed import parse_json_feed, read, recognises
from aggregator.types import Source

from ..conftest import read as read_data

URL = "https://fca.example.org/feed.json"
SOURCE = Source(name="FCA", url=URL)


def feed(*items: Any, **fields: Any) -> bytes:
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", **fields, "items": list(items)}
    ).encode()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"version": "https://jsonfeed.org/version/1"}', True),
        (b'\xef\xbb\xbf  {"version": 1}', True),  # a BOM and spaces first: still JSON
        (b'<?xml version="1.0"?><rss/>', False),
        (b"<!doctype html><html></html>", False),
    ],
)
def test_recognises_json_bodies_only(body: bytes, expected: bool) -> None:
    assert recognises(body) is expected


def test_a_feed_source_hands_a_json_body_to_this_reader() -> None:
    body = read_data("feeds/jsonfeed.json")
    assert READERS["feed"].read(body, URL, SOURCE) == read(body, URL, SOURCE)
    assert READERS["feed"].formats[0] == "jsonfeed"


# one entry in, what the item says: (entry, field, expected)
FIELDS = [
    ({"id": "1", "url": "/a", "title": "T"}, "link", "https://fca.example.org/a"),
    ({"id": "1", "external_url": "https://x.org/b", "title": "T"}, "link", "https://x.org/b"),
    ({"id": "1", "url": "javascript:alert(1)", "title": "T"}, "link", None),
    ({"id": 42, "title": "T"}, "key", "42"),
    ({"url": "https://x.org/c", "title": "T"}, "key", "https://x.org/c"),
    ({"id": "1", "summary": "Only a summary, no title"}, "title", "Only a summary, no title"),
    ({"id": "1", "title": "  Spaced \n title "}, "title", "Spaced title"),
    ({"id": "1", "title": "T", "author": {"name": "Ann"}}, "author", "Ann"),  # version 1
    ({"id": "1", "title": "T", "authors": [{"name": "A"}, {"name": "B"}]}, "author", "A, B"),
    ({"id": "1", "title": "T", "tags": ["gold", 7, ""]}, "categories", ("gold", "7")),
    (
        {"id": "1", "title": "T", "date_modified": "2027-03-01T10:00:00+01:00"},
        "published",
        datetime(2027, 3, 1, 9, tzinfo=UTC),
    ),
    ({"id": "1", "title": "T", "date_published": "not a date"}, "published", None),
    ({"id": "1", "title": "T", "content_text": "a < b"}, "content", "a &lt; b"),
    ({"id": "1", "title": "T", "language": "FR"}, "language", "fr"),
]


@pytest.mark.parametrize(("entry", "field", "expected"), FIELDS)
def test_an_entry_field(entry: dict[str, Any], field: str, expected: object) -> None:
    (item,) = parse_json_feed(feed(entry), URL).items
    assert getattr(item, field) == expected


@pytest.mark.parametrize(
    "entries",
    [
        [{"id": "empty"}],  # neither title, link nor text
        ["not an item", 3, None],
        [{"id": "x", "title": True, "url": ["not", "a", "string"]}],  # wrong types: missing
    ],
)
def test_entries_with_nothing_to_show_are_skipped(entries: list[Any]) -> None:
    assert parse_json_feed(feed(*entries), URL).items == ()


def test_a_repeated_id_is_read_once() -> None:
    parsed = parse_json_feed(feed({"id": "1", "title": "A"}, {"id": "1", "title": "B"}), URL)
    assert [item.title for item in parsed.items] == ["A"]


def test_the_feed_itself() -> None:
    parsed = parse_json_feed(feed(title="News", home_page_url="/", language="es-419"), URL)
    assert (parsed.title, parsed.link, parsed.language) == (
        "News",
        "https://fca.example.org/",
        "es",
    )


def test_not_a_json_feed_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not a JSON Feed"):
        read(b'{"items": []}', URL, SOURCE)
