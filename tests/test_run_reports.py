"""What a run says of feeds that yield nothing, and what it publishes of hostile text:
real runs against a real local server, summaries as `aggregator run` prints them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from aggregator import pipeline
from aggregator.cli import format_summary
from aggregator.config import load_config
from aggregator.sources.polling import empty_feed_warning

from .conftest import NOW
from .test_render import without_json_ld

XML = "application/rss+xml; charset=utf-8"


def rss(items: str, title: str = "Partner") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://partner.example.org/</link>"
        f"{items}</channel></rss>"
    ).encode()


def run(config_path: Path, hours: int = 0) -> tuple[pipeline.RunSummary, str]:
    config = load_config(config_path)
    summary = pipeline.run(config, now=NOW + timedelta(hours=hours), send_digest=False)
    return summary, format_summary(summary, config)


def test_entries_with_only_content_are_published_and_empty_ones_reported(
    server: HTTPServer, write_config, tmp_path: Path
) -> None:
    content_only = rss(
        "<item><guid isPermaLink='false'>c1</guid><content:encoded><![CDATA["
        "<p>Grants of up to USD 80,000 for cooperatives in South Kivu that trace tin.</p>"
        "]]></content:encoded></item>"
    )
    nothing = rss(
        "<item><guid isPermaLink='false'>n1</guid></item>"
        "<item><guid isPermaLink='false'>n2</guid></item>"
    )
    server.expect_request("/content.xml").respond_with_data(content_only, content_type=XML)
    server.expect_request("/nothing.xml").respond_with_data(nothing, content_type=XML)
    path = write_config(
        [
            {"name": "Content only", "url": server.url_for("/content.xml")},
            {"name": "Nothing", "url": server.url_for("/nothing.xml")},
        ]
    )
    summary, printed = run(path)
    content, empty = summary.statuses
    assert (content.outcome, content.found, content.new_items, content.warning) == (
        "ok",
        1,
        1,
        None,
    )
    assert (empty.outcome, empty.found) == ("ok", 0)
    assert "none of its 2 entries has a title, a link or any text" in (empty.warning or "")
    assert "warning  Nothing: none of its 2 entries has a title, a link or any text" in printed
    titles = [
        i["title"] for i in json.loads((tmp_path / "site" / "feed.json").read_text())["items"]
    ]
    assert titles == ["Grants of up to USD 80,000 for cooperatives in South…"]


def test_a_feed_that_yields_nothing_where_it_yielded_items_says_so(
    server: HTTPServer, write_config
) -> None:
    bodies = [
        rss("<item><title>Call one</title><link>https://partner.example.org/1</link></item>"),
        rss(""),
    ]

    def answer(request: Request) -> Response:
        return Response(bodies[0] if len(bodies) == 2 else bodies[-1], content_type=XML)

    server.expect_request("/feed.xml").respond_with_handler(answer)
    path = write_config([{"name": "Emptied", "url": server.url_for("/feed.xml")}])
    first, _ = run(path)
    assert first.statuses[0].warning is None
    bodies.pop(0)
    second, printed = run(path, hours=1)
    (status,) = second.statuses
    assert (status.outcome, status.found) == ("ok", 0)
    assert status.warning == (
        "found no items where the last polls found 1: the feed may have moved or changed"
    )
    assert f"warning  Emptied: {status.warning}" in printed


def test_a_new_or_always_empty_feed_is_not_warned_about() -> None:
    assert empty_feed_warning([], 0) is None
    assert empty_feed_warning([0, 0], 0) is None
    assert empty_feed_warning([3, 4], 2) is None
    assert empty_feed_warning([3, 0], 0) is not None


def test_markup_in_titles_and_names_never_reaches_the_outputs(
    server: HTTPServer, write_config, tmp_path: Path
) -> None:
    hostile = rss(
        "<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Call for \u202eslasoporp\u202c"
        "</title><link>https://partner.example.org/call</link>"
        "<description>Deadline: 30 June 2027.</description></item>",
        title="&lt;b&gt;Partner&lt;/b&gt;",
    )
    server.expect_request("/feed.xml").respond_with_data(hostile, content_type=XML)
    path = write_config(
        [{"name": "<i>Partner</i> \u200bnetwork\u2066", "url": server.url_for("/feed.xml")}]
    )
    run(path)
    site = tmp_path / "site"
    (item,) = ET.parse(site / "feed.xml").getroot().iter("item")
    assert item.findtext("title") == "Call for slasoporp"
    assert item.findtext("source") == "Partner network"
    (entry,) = json.loads((site / "feed.json").read_text())["items"]
    assert entry["title"] == "Call for slasoporp"
    assert [author["name"] for author in entry["authors"]] == ["Partner network"]
    for name in ("feed.xml", "feed.json", "index.html", "calls.xml", "deadlines.ics"):
        text = (site / name).read_text()
        if name == "index.html":
            text = without_json_ld(text)  # its one data script, checked there
        assert "alert" not in text and "script&gt;" not in text and "<script" not in text, name
        assert "\u202e" not in text and "\u200b" not in text and "\u2066" not in text, name


def test_a_reposted_call_shows_the_publishers_clean_link_and_text(
    server: HTTPServer, write_config, tmp_path: Path
) -> None:
    # both feeds on one host (as in the demo): only the links tell the publisher
    call = "https://minerals.example/calls/dd-support"
    repost = rss(
        "<item><title>Call for proposals: due diligence support</title>"
        f"<link>{call}?utm_source=cobalt&amp;utm_medium=rss</link>"
        "<guid isPermaLink='false'>shared-1</guid>"
        "<description>Shared from our partners: grants for mine sites.</description></item>",
        title="Cobalt partnership",
    )
    own = rss(
        f"<item><title>Call for proposals: due diligence support</title><link>{call}</link>"
        "<description>Grants of EUR 100,000 for mine sites. Deadline: 30 June 2027.</description>"
        "</item>",
        title="Minerals partnership",
    )
    server.expect_request("/repost.xml").respond_with_data(repost, content_type=XML)
    server.expect_request("/own.xml").respond_with_data(own, content_type=XML)
    path = write_config(
        [
            {"name": "Cobalt partnership", "url": server.url_for("/repost.xml")},
            {"name": "Minerals partnership", "url": server.url_for("/own.xml")},
        ]
    )
    run(path)
    site = tmp_path / "site"
    (item,) = ET.parse(site / "feed.xml").getroot().iter("item")
    assert item.findtext("link") == call
    assert "Grants of EUR 100,000" in (item.findtext("description") or "")
    assert "Shared from" not in (item.findtext("description") or "")
    assert item.findtext("source") == "Minerals partnership"
    (entry,) = json.loads((site / "feed.json").read_text())["items"]
    assert entry["url"] == call
    assert [a["name"] for a in entry["authors"]] == ["Minerals partnership", "Cobalt partnership"]
    for name in ("feed.xml", "feed.json", "calls.xml", "calls.json", "deadlines.ics", "index.html"):
        assert "utm_" not in (site / name).read_text(), name
