"""Subscribe by task: the feeds' stylesheet (applied by a real Chromium to a feed served
over HTTP), the calendar links, the digest sign-up, and each open call's own .ics."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
from selectolax.lexbor import LexborHTMLParser

from aggregator.call_calendars import write_call_calendars
from aggregator.config import load_config
from aggregator.errors import ConfigError
from aggregator.render import render_site
from aggregator.subscribe_links import google_calendar_url, stylesheet_href, webcal_url

from .test_outputs_checked import NOW, SITE_URL, make_config, make_item

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = 'Call <script>alert(1)</script> & "more" </title>'


# --- the links, pure -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ics", "webcal", "google"),
    [
        (
            "https://example.org/ch/deadlines.ics",
            "webcal://example.org/ch/deadlines.ics",
            "https://calendar.google.com/calendar/render?cid="
            "webcal%3A%2F%2Fexample.org%2Fch%2Fdeadlines.ics",
        ),
        (
            "http://127.0.0.1:8000/events.ics",
            "webcal://127.0.0.1:8000/events.ics",
            "https://calendar.google.com/calendar/render?cid="
            "webcal%3A%2F%2F127.0.0.1%3A8000%2Fevents.ics",
        ),
        ("ftp://example.org/x.ics", None, None),
        ("javascript:alert(1)", None, None),
    ],
)
def test_calendar_links(ics: str, webcal: str | None, google: str | None) -> None:
    assert webcal_url(ics) == webcal
    assert google_calendar_url(ics) == google


@pytest.mark.parametrize(
    ("feed", "href"),
    [("feed", "feed.xsl"), ("calls", "feed.xsl"), ("partners/ipis/feed", "../../feed.xsl")],
)
def test_the_stylesheet_is_found_from_a_feed_at_any_depth(feed: str, href: str) -> None:
    assert stylesheet_href(feed) == href


# --- the feeds carry the stylesheet and stay valid RSS ---------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    items = [
        make_item(
            "open",
            kind="call",
            title=HOSTILE,
            deadline=date(2027, 6, 30),
            summary="<p>Grants for <b>cooperatives</b> &amp; unions (5 &lt; 6).</p>",
        ),
        make_item("rolling", kind="call", title="Rolling call"),
        make_item("news", title="News of the week"),
    ]
    config = make_config(tmp_path / "site", signup="mailto:digest-join@minerals.example")
    render_site(items, config, now=NOW)
    write_call_calendars(items, config, now=NOW)
    return tmp_path / "site"


@pytest.mark.parametrize("name", ["feed.xml", "calls.xml", "forthcoming.xml"])
def test_each_feed_names_our_stylesheet_and_stays_valid(site: Path, name: str) -> None:
    text = (site / name).read_text()
    assert text.splitlines()[1] == '<?xml-stylesheet type="text/xsl" href="feed.xsl"?>'
    assert feedparser.parse(text).bozo == 0
    assert ET.fromstring(text).tag == "rss"


def test_the_stylesheet_is_well_formed_xslt_without_script(site: Path) -> None:
    root = ET.fromstring((site / "feed.xsl").read_bytes())
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    text = (site / "feed.xsl").read_text()
    assert "<script" not in text and "disable-output-escaping" not in text


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    """The site on a real HTTP server on 127.0.0.1 (Chromium applies XSLT to served XML)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_chromium_shows_a_feed_as_a_readable_page(served: str) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is required in CI")
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            elsewhere: list[str] = []
            page.on(
                "request",
                lambda r: None if r.url.startswith(served) else elsewhere.append(r.url),
            )
            page.goto(served + "calls.xml")
            assert page.locator("h1").inner_text() == "Clearinghouse — open calls"
            assert page.locator("html").get_attribute("lang") == "en"
            address = page.get_by_label("Address of this feed")
            assert address.input_value() == SITE_URL + "calls.xml"
            titles = page.locator("main li h3").all_inner_texts()
            assert titles == [HOSTILE, "Rolling call"]  # the hostile title is text
            assert page.locator("script").count() == 0
            summary = page.locator("main li .summary").first.inner_text()
            assert summary == "Deadline: 30 June 2027 — Grants for cooperatives & unions (5 < 6)."
            assert page.locator("main li .summary b").count() == 0  # text, never markup
            assert errors == [] and elsewhere == []
        finally:
            browser.close()


# --- the front page's "subscribe by task" block -------------------------------------------


def test_the_front_page_offers_each_way_to_follow(site: Path) -> None:
    page = LexborHTMLParser((site / "index.html").read_text())
    block = page.css_first("#subscribe")
    links = {a.text(): a.attributes["href"] for a in block.css("a")}
    assert links["the open calls feed"] == SITE_URL + "calls.xml"
    assert (
        links["Subscribe to the deadlines"]
        == "webcal://minerals.example/clearinghouse/deadlines.ics"
    )
    assert links["add them to Google Calendar"].startswith(
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fminerals.example"
    )
    assert links["Sign up for the digest"] == "mailto:digest-join@minerals.example"
    for field in block.css("input"):
        label = block.css_first(f"label[for='{field.attributes['id']}']")
        assert label is not None and "readonly" in field.attributes
    assert block.css_first("#address-calls").attributes["value"] == SITE_URL + "calls.xml"


def test_without_a_signup_address_the_digest_line_is_left_out(tmp_path: Path) -> None:
    render_site([make_item("n")], make_config(tmp_path), now=NOW)
    assert "Sign up for the digest" not in (tmp_path / "index.html").read_text()


@pytest.mark.parametrize(
    "value",
    ["mailto:digest-join@example.org", "https://example.org/join?list=digest"],
)
def test_signup_accepts_a_mailto_or_an_https_form(tmp_path: Path, value: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        f"title: T\nsite_url: https://example.org/\nsignup: {value!r}\n"
        "feeds:\n  - name: A\n    url: https://a.example/feed\n"
    )
    assert load_config(path).signup == value


@pytest.mark.parametrize(
    "value",
    [
        "http://example.org/join",
        "javascript:alert(1)",
        "mailto:",
        "digest@example.org",
        "mailto:a@b.org<script>",
    ],
)
def test_signup_refuses_anything_else_in_one_line(tmp_path: Path, value: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        f"title: T\nsite_url: https://example.org/\nsignup: {value!r}\n"
        "feeds:\n  - name: A\n    url: https://a.example/feed\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.message.startswith(f"{path}:3: top level: 'signup' must be")
    assert "\n" not in caught.value.message


# --- each open call's own calendar ----------------------------------------------------------


def test_each_open_call_with_a_deadline_has_its_own_calendar(site: Path) -> None:
    assert sorted(p.name for p in (site / "calls").iterdir()) == ["item-open.ics"]
    calendar = icalendar.Calendar.from_ical((site / "calls" / "item-open.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Deadline: {HOSTILE}"
    assert event["DTSTART"].dt == date(2027, 6, 30)
    # the same event as in deadlines.ics: a calendar holding both shows it once
    (subscribed,) = icalendar.Calendar.from_ical((site / "deadlines.ics").read_bytes()).walk(
        "VEVENT"
    )
    assert event["UID"] == subscribed["UID"]
    page = LexborHTMLParser((site / "index.html").read_text())
    # closing in four weeks: the row leaves it to deadlines.ics (a call closing this week
    # links its own file: tests/test_render.py)
    assert page.css("#item-open a[download]") == []
    assert page.css("#item-rolling a[download]") == []  # no deadline, no file


def test_the_calendar_text_is_escaped_by_icalendar(site: Path) -> None:
    raw = (site / "calls" / "item-open.ics").read_bytes().decode().replace("\r\n ", "")
    summary = next(line for line in raw.splitlines() if line.startswith("SUMMARY"))
    assert summary == 'SUMMARY:Deadline: Call <script>alert(1)</script> & "more" </title>'
    tricky = make_item("t", kind="call", title="A, b; c \\ d", deadline=date(2027, 7, 1))
    config = make_config(site)
    write_call_calendars([tricky], config, now=NOW)
    raw = (site / "calls" / "item-t.ics").read_bytes().decode()
    assert "SUMMARY:Deadline: A\\, b\\; c \\\\ d" in raw


def test_a_closed_calls_calendar_is_removed_and_nothing_else(site: Path) -> None:
    calls = site / "calls"
    (calls / "notes.txt").write_text("the secretariat's own file")
    (calls / "item-keep.txt").write_text("not a calendar")
    (site / "elsewhere.ics").write_text("BEGIN:VCALENDAR")
    (calls / "item-linked.ics").symlink_to(site / "elsewhere.ics")
    (calls / "item-folder.ics").mkdir()
    later = NOW + timedelta(days=40)  # the call closed on 30 June
    written, removed = write_call_calendars(
        [make_item("open", kind="call", deadline=date(2027, 6, 30))],
        make_config(site),
        now=later,
    )
    assert written == [] and removed == [calls / "item-open.ics"]
    assert sorted(p.name for p in calls.iterdir()) == [
        "item-folder.ics",
        "item-keep.txt",
        "item-linked.ics",
        "notes.txt",
    ]
    assert (site / "elsewhere.ics").exists()


def test_a_file_where_the_calls_folder_should_be_is_one_clear_error(tmp_path: Path) -> None:
    from aggregator.errors import StorageError

    site = tmp_path / "site"
    site.mkdir()
    (site / "calls").write_text("not a folder")
    call = make_item("open", kind="call", deadline=date(2027, 6, 30))
    with pytest.raises(StorageError, match=r"cannot write the calls' calendars in .*calls"):
        write_call_calendars([call], make_config(site), now=NOW)
