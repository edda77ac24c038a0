"""Canonical URLs: the identity of an item across partners."""

from __future__ import annotations

import pytest

from aggregator.urls import absolute_url, canonical_url, publisher, site_of


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.Example.org/calls/2027/", "https://example.org/calls/2027"),
        ("HTTP://EXAMPLE.ORG/calls/2027", "https://example.org/calls/2027"),
        (
            "https://example.org/calls/2027?utm_source=x&utm_medium=rss",
            "https://example.org/calls/2027",
        ),
        ("https://example.org/c?id=3&fbclid=abc&gclid=def", "https://example.org/c?id=3"),
        ("https://example.org/c#apply", "https://example.org/c"),
        ("https://example.org:443/c", "https://example.org/c"),
        ("https://example.org:8080/c", "https://example.org:8080/c"),
        ("https://example.org/Calls", "https://example.org/Calls"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/news/1", "https://p.example.org/news/1"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("mailto:x@example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_absolute_url_only_keeps_web_links(link: str | None, expected: str | None) -> None:
    assert absolute_url("https://p.example.org/feed/", link) == expected


@pytest.mark.parametrize(
    "link",
    ["http://example.org:99999/x", "http://example.org:8O80/x", "http://[::1/x", "http:///nohost"],
)
def test_malformed_links_are_dropped_not_raised(link: str) -> None:
    assert absolute_url("https://p.example.org/feed/", link) is None


def test_canonical_url_never_raises_on_a_malformed_port() -> None:
    assert canonical_url("http://www.example.org:99999/x/") == "https://example.org:99999/x"


@pytest.mark.parametrize(
    ("item", "feeds", "expected"),
    [
        ("https://a.org/x", ["https://b.org/feed"], "https://b.org/feed"),  # the only source
        # the source on the item's own host, though another stored it first
        (
            "https://a.org/x",
            ["https://b.org/feed", "https://www.a.org/feed"],
            "https://www.a.org/feed",
        ),
        # else the source on its site: a partner's feed on a sister host
        (
            "https://a.org/x",
            ["https://b.org/feed", "https://feeds.a.org/f"],
            "https://feeds.a.org/f",
        ),
        (  # www. does not count: items are stored without it
            "https://gob.mx/semarnat/x",
            ["https://b.org/f", "https://www.gob.mx/semarnat/f"],
            "https://www.gob.mx/semarnat/f",
        ),
        # else the first to store it
        ("https://a.org/x", ["https://b.org/feed", "https://c.org/feed"], "https://b.org/feed"),
        ("", ["https://b.org/feed", "https://c.org/feed"], "https://b.org/feed"),  # no link
        ("https://a.org/x", [], None),
    ],
)
def test_publisher(item: str, feeds: list[str], expected: str | None) -> None:
    assert publisher(item, feeds) == expected


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.eprm.example.org/calls/", "example.org"),
        ("https://feeds.partner.org.uk/rss", "partner.org.uk"),
        ("https://www.gob.mx/semarnat", "gob.mx"),
        ("http://127.0.0.1:8000/feed", "127.0.0.1"),
        ("http://[2001:db8::1]/feed", "2001:db8::1"),
        ("https://partner.org./feed", "partner.org"),
    ],
)
def test_site_of(url: str, site: str) -> None:
    assert site_of(url) == site


def test_published_links_lose_their_tracking_parameters_only() -> None:
    from aggregator.urls import safe_link, without_tracking

    assert (
        without_tracking("https://p.example/x?b=2&utm_source=rss&a=%20&fbclid=1#f")
        == "https://p.example/x?b=2&a=%20#f"
    )
    assert without_tracking("https://p.example/x?utm_campaign=y") == "https://p.example/x"
    assert without_tracking("https://p.example/x?id=3") == "https://p.example/x?id=3"
    assert (
        safe_link("http://www.p.example/x/?UTM_Medium=feed&id=3") == "http://www.p.example/x/?id=3"
    )


def test_the_publisher_is_the_source_whose_link_is_not_tagged() -> None:
    from aggregator.urls import publisher

    feeds = ["http://127.0.0.1:1/repost.xml", "http://127.0.0.1:1/own.xml"]
    links = ["https://m.example/c?utm_source=other", "https://m.example/c"]
    assert publisher("https://m.example/c", feeds, links) == feeds[1]
    assert publisher("https://m.example/c", feeds) == feeds[0]  # links unknown: first stored
    # a feed on the item's own host still wins
    own_host = ["https://m.example/feed", "http://127.0.0.1:1/own.xml"]
    assert publisher("https://m.example/c", own_host, links) == own_host[0]
