"""A call whose feed gives no deadline: its own page is read, politely and once,
and the deadline found there reaches the outputs."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from aggregator import pipeline
from aggregator.config import load_config
from aggregator.types import RunSummary

from .conftest import NOW, through

CALL = "http://partner.example/calls/baseline-study"
OTHER = "http://partner.example/calls/second-study"

PAGE = """<!doctype html><html lang="en"><head><title>Baseline study</title></head><body>
<nav><a href="/">Home</a> | <a href="/calls">Calls</a></nav>
<article><h1>Terms of reference: baseline study of artisanal gold sites</h1>
<p>We seek a consultant for a baseline study in South Kivu.</p>
<table><tr><th>Published</th><td>1 March 2027</td></tr>
<tr><th>Deadline for applications</th><td>15 April 2027</td></tr></table>
<p>Send a technical and financial offer.</p></article>
<footer>© Partner · Contact</footer></body></html>"""


def feed(*links: str) -> str:
    items = "".join(
        f"<item><title>Call for consultants: study {n}</title><link>{link}</link>"
        f"<guid>{link}</guid><pubDate>Mon, 0{n} Mar 2027 09:00:00 GMT</pubDate>"
        "<description>A consultancy in South Kivu. See the terms of reference.</description>"
        "</item>"
        for n, link in enumerate(links, start=1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Partner</title><link>http://partner.example/</link><description>d</description>"
        f"<language>en</language>{items}</channel></rss>"
    )


class Partner:
    def __init__(self, server: HTTPServer, *links: str) -> None:
        self.requests: list[tuple[str, str | None]] = []
        self.body = PAGE
        server.expect_request("/feed.xml").respond_with_data(
            feed(*links), content_type="application/rss+xml"
        )
        for link in links:
            path = link.removeprefix("http://partner.example")
            server.expect_request(path).respond_with_handler(self.page)

    def page(self, request: Request) -> Response:
        self.requests.append((request.path, request.headers.get("If-None-Match")))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(
            self.body, content_type="text/html; charset=utf-8", headers={"ETag": '"v1"'}
        )


def run(config_path: Path, server: HTTPServer, *, days: int = 0) -> RunSummary:
    return pipeline.run(
        load_config(config_path),
        now=NOW + timedelta(days=days),
        transport=through(server),
        send_digest=False,
    )


def calls(config_path: Path) -> list[dict]:
    data = json.loads((config_path.parent / "site" / "calls.json").read_text(encoding="utf-8"))
    return data["items"]


def test_the_deadline_on_a_calls_own_page_is_read_once_and_published(
    server: HTTPServer, write_config
) -> None:
    partner = Partner(server, CALL)
    config_path = write_config([{"name": "Partner", "url": "http://partner.example/feed.xml"}])

    first = run(config_path, server)
    assert first.call_pages == (1, 1)
    assert partner.requests == [("/calls/baseline-study", None)]
    [call] = calls(config_path)
    assert call["_clearinghouse"]["deadline"] == "2027-04-15"

    for days in (1, 8):  # it has its deadline now: never fetched again
        assert run(config_path, server, days=days).call_pages == (0, 0)
    assert len(partner.requests) == 1
    [call] = calls(config_path)
    assert call["_clearinghouse"]["deadline"] == "2027-04-15"


def test_a_page_without_a_deadline_is_checked_again_a_week_later_conditionally(
    server: HTTPServer, write_config
) -> None:
    partner = Partner(server, CALL)
    partner.body = PAGE.replace("15 April 2027", "to be announced")
    config_path = write_config([{"name": "Partner", "url": "http://partner.example/feed.xml"}])
    assert run(config_path, server).call_pages == (1, 0)
    assert run(config_path, server, days=1).call_pages == (0, 0)
    assert run(config_path, server, days=8).call_pages == (1, 0)
    assert partner.requests == [
        ("/calls/baseline-study", None),
        ("/calls/baseline-study", '"v1"'),  # answered 304: the text kept is read again
    ]


def test_at_most_the_configured_number_of_pages_are_read_per_run(
    server: HTTPServer, write_config
) -> None:
    partner = Partner(server, CALL, OTHER)
    config_path = write_config(
        [{"name": "Partner", "url": "http://partner.example/feed.xml"}],
        fetch={"workers": 0, "read_timeout": 1, "total_timeout": 3, "call_pages": 1},
    )
    assert run(config_path, server).call_pages == (1, 1)
    assert len(partner.requests) == 1
    assert run(config_path, server, days=1).call_pages == (1, 1)
    assert {path for path, _ in partner.requests} == {
        "/calls/baseline-study",
        "/calls/second-study",
    }


def test_a_calls_page_at_an_internal_address_is_never_fetched(
    server: HTTPServer, write_config
) -> None:
    internal = f"http://127.0.0.1:{server.port}/admin"
    server.expect_request("/feed.xml").respond_with_data(
        feed(internal), content_type="application/rss+xml"
    )
    config_path = write_config([{"name": "Partner", "url": "http://partner.example/feed.xml"}])
    summary = run(config_path, server)
    assert summary.call_pages == (1, 0)
    assert not [entry for entry, _ in server.log if entry.path == "/admin"]
