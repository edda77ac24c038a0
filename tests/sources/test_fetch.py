"""Fetching: compressed bodies are decoded within the size cap, whatever the server sends."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest
from pytest_httpserver import HTTPServer

from aggregator import pipeline
from aggregator.config import load_config
from aggregator.errors import FetchError
from aggregator.sources.fetch import BoundedDecoder, is_internal

from ..conftest import NOW, read, through

FEED = read("feeds/rss2.xml")


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        (None, FEED),
        ("identity", FEED),
        ("gzip", gzip.compress(FEED)),
        ("x-gzip", gzip.compress(FEED)),
        ("deflate", zlib.compress(FEED)),
        ("deflate", zlib.compress(FEED)[2:-4]),  # raw deflate, no zlib header
    ],
)
def test_compressed_bodies_decode_to_the_feed(encoding: str | None, body: bytes) -> None:
    decoder = BoundedDecoder("u", encoding, 1_000_000)
    chunks = [decoder.decode(body[i : i + 100]) for i in range(0, len(body), 100)]
    assert b"".join(chunks) + decoder.flush() == FEED


@pytest.mark.parametrize("body", [zlib.compress(FEED), zlib.compress(FEED)[2:-4]])
def test_deflate_of_either_kind_decodes_byte_by_byte(body: bytes) -> None:
    decoder = BoundedDecoder("u", "deflate", 1_000_000)
    decoded = b"".join(decoder.decode(body[i : i + 1]) for i in range(len(body)))
    assert decoded + decoder.flush() == FEED


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("gzip", b""), ("deflate", b""), ("gzip", b"\x1f"), ("deflate", b"x")],
)
def test_an_empty_body_is_empty_and_a_one_byte_body_truncated(encoding: str, body: bytes) -> None:
    decoder = BoundedDecoder("u", encoding, 1_000_000)
    if not body:
        assert decoder.decode(body) + decoder.flush() == b""
        return
    decoder.decode(body)
    with pytest.raises(FetchError, match="ended early"):
        decoder.flush()


def test_gzip_with_several_members_and_trailing_junk_decodes_whole() -> None:
    half = len(FEED) // 2
    body = gzip.compress(FEED[:half]) + gzip.compress(FEED[half:]) + b"\0\0junk"
    decoder = BoundedDecoder("u", "gzip", 1_000_000)
    assert decoder.decode(body) + decoder.flush() == FEED


def test_thousands_of_empty_gzip_members_decode_without_exhausting_the_stack() -> None:
    body = gzip.compress(b"") * 6000 + gzip.compress(FEED)
    decoder = BoundedDecoder("u", "gzip", 1_000_000)
    assert decoder.decode(body) + decoder.flush() == FEED


def test_a_truncated_gzip_body_is_an_error_not_half_a_feed() -> None:
    body = gzip.compress(FEED)
    decoder = BoundedDecoder("u", "gzip", 1_000_000)
    decoder.decode(body[: len(body) // 2])
    with pytest.raises(FetchError, match="ended early"):
        decoder.flush()


def test_a_bomb_stops_at_the_cap_in_one_chunk() -> None:
    bomb = gzip.compress(b" " * 100_000_000, compresslevel=9)  # ~100 kB on the wire
    decoder = BoundedDecoder("u", "gzip", 65536)
    with pytest.raises(FetchError, match="larger than"):
        decoder.decode(bomb)
    assert decoder.size <= 65537


@pytest.mark.parametrize(
    ("encoding", "message"),
    [("gzip, gzip", "stacked Content-Encoding"), ("br", "unsupported Content-Encoding")],
)
def test_encodings_we_cannot_bound_are_refused(encoding: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        BoundedDecoder("u", encoding, 65536)


def test_stacked_gzip_bomb_is_refused_by_the_run(server: HTTPServer, write_config) -> None:
    inner = gzip.compress(b" " * 20_000_000, compresslevel=9)
    server.expect_request("/bomb.xml").respond_with_data(
        gzip.compress(inner), headers={"Content-Encoding": "gzip, gzip"}
    )
    server.expect_request("/ok.xml").respond_with_data(FEED, content_type="text/xml")
    config = load_config(
        write_config(
            [
                {"name": "Bomb", "url": server.url_for("/bomb.xml")},
                {"name": "OK", "url": server.url_for("/ok.xml")},
            ]
        )
    )
    summary = pipeline.run(config, now=NOW)
    bomb, ok = summary.statuses
    assert bomb.outcome == "failed" and "stacked Content-Encoding" in (bomb.error or "")
    assert ok.outcome == "ok" and ok.new_items == 2


def test_the_client_only_asks_for_codings_it_can_bound(server: HTTPServer, write_config) -> None:
    server.expect_request("/ok.xml").respond_with_data(FEED, content_type="text/xml")
    config = load_config(write_config([{"name": "OK", "url": server.url_for("/ok.xml")}]))
    pipeline.run(config, now=NOW)
    (request, _), *_ = server.log
    assert request.headers["Accept-Encoding"] == "gzip, deflate"


@pytest.mark.parametrize(
    ("url", "internal"),
    [
        ("http://127.0.0.1:8080/feed", True),
        ("http://localhost/feed", True),
        ("http://intranet.localhost/feed", True),
        ("http://localhost./feed", True),
        ("http://10.1.2.3/", True),
        ("http://192.168.0.10/", True),
        ("http://169.254.169.254/latest/meta-data/", True),  # cloud metadata
        ("http://[::1]/", True),
        ("http://[::ffff:127.0.0.1]/", True),
        ("http://2130706433/", True),  # 127.0.0.1 written as one number
        ("http://127.1/", True),
        ("http://0.0.0.0/", True),
        ("https://eprm.example.org/feed/", False),
        ("https://93.184.216.34/", False),
        ("https://[2606:4700::6810:85e5]/", False),
    ],
)
def test_internal_addresses_are_recognised(url: str, internal: bool) -> None:
    assert is_internal(url) is internal


def test_a_partner_cannot_redirect_us_to_an_internal_address(
    server: HTTPServer, write_config
) -> None:
    server.expect_request("/feed.xml").respond_with_data(
        "", status=302, headers={"Location": server.url_for("/admin/secret.xml")}
    )
    server.expect_request("/admin/secret.xml").respond_with_data(FEED, content_type="text/xml")
    config = load_config(write_config([{"name": "P", "url": "http://partner.example/feed.xml"}]))
    (status,) = pipeline.run(config, now=NOW, transport=through(server)).statuses
    assert status.outcome == "failed"
    assert "internal address" in (status.error or "")
    assert [request.path for request, _ in server.log] == ["/feed.xml"]


def test_a_page_cannot_lead_us_to_an_internal_feed(server: HTTPServer, write_config) -> None:
    page = f"""<html><head><title>News</title>
    <link rel="alternate" type="application/rss+xml" href="{server.url_for("/secret.xml")}">
    </head><body><p>Nothing here.</p></body></html>"""
    server.expect_request("/news").respond_with_data(page, content_type="text/html")
    server.expect_request("/secret.xml").respond_with_data(FEED, content_type="text/xml")
    config = load_config(
        write_config([{"name": "P", "url": "http://partner.example/news", "type": "page"}])
    )
    (status,) = pipeline.run(config, now=NOW, transport=through(server)).statuses
    assert status.outcome == "failed" and "internal address" in (status.error or "")
    assert [request.path for request, _ in server.log] == ["/news"]


def test_adding_a_page_never_follows_its_feed_link_to_an_internal_address(
    server: HTTPServer, write_config
) -> None:
    from aggregator.onboard import propose_source

    items = "".join(
        f'<li><a href="/calls/{n}">Call for proposals number {n} on cobalt</a></li>'
        for n in range(4)
    )
    page = f"""<html><head><title>Calls</title>
    <link rel="alternate" type="application/rss+xml" href="{server.url_for("/secret.xml")}">
    </head><body><main><ul>{items}</ul></main></body></html>"""
    server.expect_request("/calls").respond_with_data(page, content_type="text/html")
    server.expect_request("/secret.xml").respond_with_data(FEED, content_type="text/xml")
    config = load_config(write_config([]))
    proposal = propose_source(config, "http://partner.example/calls", transport=through(server))
    assert proposal.entry["url"] == "http://partner.example/calls"
    assert [request.path for request, _ in server.log] == ["/calls"]


@pytest.mark.parametrize(
    "resolver_says",
    ["[Errno -2] Name or service not known", "[Errno -3] Temporary failure in name resolution"],
)
def test_a_host_that_cannot_be_found_is_said_plainly(resolver_says: str) -> None:
    """(A test asking a real resolver would leave the machine; this one does not.)"""
    from aggregator.sources.fetch import _describe

    message = _describe(httpx.ConnectError(resolver_says))
    assert message == "cannot find the host (DNS): check the address, or the network"
