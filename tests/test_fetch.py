"""Fetching: compressed bodies are decoded within the size cap, whatever the server sends."""

from __future__ import annotations

import gzip
import zlib

import pytest
from pytest_httpserver import HTTPServer

from aggregator import pipeline
from aggregator.config import load_config
from aggregator.errors import FetchError
from aggregator.fetch import BoundedDecoder

from .conftest import NOW, read

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
