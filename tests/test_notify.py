"""Posting new calls to chat channels through Apprise, received by a real local HTTP server."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from aggregator.config import load_config
from aggregator.errors import ConfigError
from aggregator.migrations import migrate
from aggregator.notify import ledger, plan_notices, push_notices, record_intents, redact
from aggregator.types import EventDates, Item, NotifyChannel
from tests.digest_support import MONDAY, make_item

TODAY = MONDAY.date()  # 2027-03-29


def call(number: int, **fields: Any) -> Item:
    fields.setdefault("deadline", TODAY + timedelta(days=30))
    fields.setdefault("first_seen", MONDAY - timedelta(hours=number))
    return make_item(number, kind="call", **fields)


def channel(url: str = "json://127.0.0.1:1/hook", **fields: Any) -> NotifyChannel:
    return NotifyChannel(name=fields.pop("name", "hook"), key=fields.pop("key", "hook"), url=url,
                         **fields)  # fmt: skip


def keys(notices: list[Any]) -> list[str]:
    return [notice.key for notice in notices]


def test_new_open_calls_are_planned_with_partner_deadline_and_link() -> None:
    items = [
        call(1, title="Gold traceability fund", partners=("OECD",)),
        call(2, deadline=TODAY - timedelta(days=1)),  # closed
        call(3, first_seen=MONDAY - timedelta(days=30)),  # old news to this channel
        call(4, status="forthcoming"),
        make_item(5, title="A news item"),
    ]
    [notice] = plan_notices(items, channel(), today=TODAY, now=MONDAY)
    assert notice.key == "item-1:new"
    assert notice.title == "New call: Gold traceability fund"
    assert notice.body == (
        "OECD\nDeadline 28 April 2027 (closes in 30 days)\nhttps://partner.example.org/call/1"
    )


def test_extensions_and_reminders_once_each() -> None:
    known = MONDAY - timedelta(days=20)
    extended = call(1, first_seen=known, updated=MONDAY - timedelta(days=1),
                    deadline_extended=True)  # fmt: skip
    closing = call(2, first_seen=known, deadline=TODAY + timedelta(days=7))
    found_late = call(3, deadline=TODAY + timedelta(days=3))  # new: its post says so
    notices = plan_notices([extended, closing, found_late], channel(), today=TODAY, now=MONDAY)
    assert keys(notices) == [
        "item-1:extended:2027-04-28",
        "item-2:closing:2027-04-05",
        "item-3:new",
    ]
    assert notices[0].title.startswith("Deadline extended: ")
    assert notices[1].title.startswith("Closing soon: ")
    assert "(closes in 7 days)" in notices[1].body


def test_posts_speak_the_channel_language() -> None:
    [notice] = plan_notices([call(1, title="Appel")], channel(language="fr"), today=TODAY,
                            now=MONDAY)  # fmt: skip
    assert notice.title == "Nouvel appel\u202f: Appel"
    assert "Date limite\u202f: 28 avril 2027 (clôture dans 30 jours)" in notice.body


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["item-1:new", "item-2:new"]),
        ({"topics": ("gold",)}, ["item-1:new"]),
        ({"countries": ("PE",)}, ["item-2:new"]),
        ({"languages": ("es",)}, ["item-2:new"]),
        ({"kinds": ("call", "event")}, ["item-1:new", "item-2:new", "item-3:new"]),
    ],
)
def test_filters(filters: dict[str, Any], expected: list[str]) -> None:
    items = [
        call(1, tags=("gold", "cd")),
        call(2, tags=("cobalt", "pe"), language="es"),
        make_item(3, kind="event", first_seen=MONDAY - timedelta(hours=5),
                  event=EventDates(start=date(2027, 5, 3), end=date(2027, 5, 4))),
    ]  # fmt: skip
    planned = plan_notices(items, channel(**filters), today=TODAY, now=MONDAY)
    assert sorted(keys(planned)) == expected


def test_secrets_are_redacted() -> None:
    secret = "123456:AAbbCC"
    text = f"Failed to send to tgram://{secret}/-100200 and json://example.org/x: 500"
    cleaned = redact(text, [secret])
    assert secret not in cleaned and "-100200" not in cleaned and "example.org" not in cleaned


# --- against a real local HTTP server ----------------------------------------------


class Hook:
    """Records the JSON posts Apprise makes; answers with `status`."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.status = 200

    def __call__(self, request: Request) -> Response:
        if self.status != 200:
            return Response("down", status=self.status)
        self.posts.append(json.loads(request.get_data()))
        return Response("ok")

    def titles(self) -> list[str]:
        return [post["title"] for post in self.posts]


@pytest.fixture
def hook(server: HTTPServer) -> Hook:
    recorder = Hook()
    server.expect_request("/hook", method="POST").respond_with_handler(recorder)
    return recorder


def database(tmp_path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(tmp_path / "test.db")
    migrate(db)
    return db


def test_each_new_call_is_posted_once_across_three_runs(
    tmp_path: Path, server: HTTPServer, hook: Hook
) -> None:
    db = database(tmp_path)
    channels = [channel(f"json://127.0.0.1:{server.port}/hook")]
    first = [call(1, title="First call"), call(2, title="Second call")]
    report = push_notices(db, channels, first, now=MONDAY, env={})
    assert (report.posted, report.waiting, report.errors) == (2, 0, ())
    later = MONDAY + timedelta(hours=1)
    second = [*first, call(3, title="Third call", first_seen=later)]
    assert push_notices(db, channels, second, now=later, env={}).posted == 1
    assert push_notices(db, channels, second, now=later + timedelta(hours=1), env={}).posted == 0
    assert sorted(hook.titles()) == [
        "New call: First call",
        "New call: Second call",
        "New call: Third call",
    ]
    assert {row["status"] for row in ledger(db)} == {"sent"}


def test_a_failing_channel_is_retried_and_nothing_is_posted_twice(
    tmp_path: Path, server: HTTPServer, hook: Hook, caplog: pytest.LogCaptureFixture
) -> None:
    db = database(tmp_path)
    other = Hook()
    server.expect_request("/other", method="POST").respond_with_handler(other)
    channels = [
        channel(f"json://127.0.0.1:{server.port}/{{HOOK_PATH}}", name="down", key="down"),
        channel(f"json://127.0.0.1:{server.port}/other", name="up", key="up"),
    ]
    env = {"HOOK_PATH": "hook"}
    items = [call(1, title="First call"), call(2, title="Second call")]
    hook.status = 500
    with caplog.at_level(logging.DEBUG):
        report = push_notices(db, channels, items, now=MONDAY, env=env)
    assert report.posted == 2  # the other channel went on
    assert report.waiting == 2
    [error] = report.errors
    assert error.startswith("channel 'down' failed: ") and "retried at the next run" in error
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name != "werkzeug")
    assert "/hook" not in ours and f":{server.port}" not in ours
    assert hook.posts == []

    hook.status = 200
    later = MONDAY + timedelta(hours=1)
    report = push_notices(db, channels, items, now=later, env=env)
    assert (report.posted, report.errors) == (2, ())
    assert push_notices(db, channels, items, now=later + timedelta(hours=1), env=env).posted == 0
    assert sorted(hook.titles()) == ["New call: First call", "New call: Second call"]
    assert sorted(other.titles()) == ["New call: First call", "New call: Second call"]


def test_a_burst_is_spread_over_runs(tmp_path: Path, server: HTTPServer, hook: Hook) -> None:
    db = database(tmp_path)
    channels = [channel(f"json://127.0.0.1:{server.port}/hook", max_posts=2)]
    items = [call(n, title=f"Call {n}") for n in range(1, 6)]
    posted = [
        push_notices(db, channels, items, now=MONDAY + timedelta(hours=n), env={}).posted
        for n in range(4)
    ]
    assert posted == [2, 2, 1, 0]
    # oldest first: the order they were found in
    assert hook.titles() == [f"New call: Call {n}" for n in (5, 4, 3, 2, 1)]


def test_an_intent_recorded_before_a_crash_is_posted_at_the_next_run(
    tmp_path: Path, server: HTTPServer, hook: Hook
) -> None:
    db = database(tmp_path)
    [hook_channel] = channels = [channel(f"json://127.0.0.1:{server.port}/hook")]
    items = [call(1, title="Call")]
    # the run died right after recording what it was about to post
    record_intents(db, hook_channel, plan_notices(items, hook_channel, today=TODAY, now=MONDAY),
                   now=MONDAY)  # fmt: skip
    assert [row["status"] for row in ledger(db)] == ["pending"]
    assert push_notices(db, channels, items, now=MONDAY, env={}).posted == 1
    assert push_notices(db, channels, items, now=MONDAY, env={}).posted == 0
    assert hook.titles() == ["New call: Call"]


def test_a_missing_variable_waits_without_stopping_the_run(
    tmp_path: Path, server: HTTPServer, hook: Hook
) -> None:
    db = database(tmp_path)
    channels = [replace(channel(), url=None, url_env="SLACK_URL")]
    report = push_notices(db, channels, [call(1)], now=MONDAY, env={})
    assert report.posted == 0 and report.waiting == 1
    assert "environment variable SLACK_URL is not set" in report.errors[0]
    env = {"SLACK_URL": f"json://127.0.0.1:{server.port}/hook"}
    assert push_notices(db, channels, [call(1)], now=MONDAY, env=env).posted == 1


# --- feeds.yaml -----------------------------------------------------------------------


def test_notify_is_read_from_feeds_yaml(write_config: Any) -> None:
    path = write_config(
        [{"name": "OECD", "url": "https://oecd.example.org/feed"}],
        notify=[
            {"url": "tgram://{TELEGRAM_TOKEN}/{CHAT_ID}", "topics": ["gold"], "max_posts": 3},
            {"url_env": "SLACK_URL", "name": "slack", "languages": "fr, es", "kinds": "call"},
        ],
    )
    telegram, slack = load_config(path).notify
    assert (telegram.name, telegram.topics, telegram.max_posts) == ("tgram #1", ("gold",), 3)
    assert telegram.key.startswith("url-")
    assert (slack.key, slack.url_env, slack.languages) == ("slack", "SLACK_URL", ("fr", "es"))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "x"}, "notify #1: give 'url:' (an Apprise URL) or 'url_env:'"),
        ({"url": "hooks.slack.com/x"}, "is not an Apprise URL"),
        ({"url": "mailtos://me:hunter2@example.org"}, "the url has a password in it"),
        ({"url": "json://h/x", "languages": ["de"]}, "languages must be en, fr or es"),
        ({"url": "json://h/x", "kinds": ["calls"]}, "kinds must be among call, event, news"),
        ({"url": "json://h/x", "urll": 1}, "unknown key 'urll'"),
    ],
)
def test_notify_mistakes(write_config: Any, entry: dict[str, Any], message: str) -> None:
    path = write_config([{"name": "OECD", "url": "https://oecd.example.org/feed"}], notify=[entry])
    with pytest.raises(ConfigError, match=str(path).replace(".", r"\.") + r":\d+: ") as caught:
        load_config(path)
    assert message in caught.value.message


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Partner</title><link>https://partner.example.org/</link>
<description>Calls</description>
<item><title>Call for proposals: artisanal gold traceability</title>
<link>https://partner.example.org/calls/gold</link>
<guid>https://partner.example.org/calls/gold</guid>
<pubDate>Tue, 09 Mar 2027 10:00:00 GMT</pubDate>
<description>Apply for grants. Deadline: 30 June 2027.</description></item>
<item><title>Annual report published</title><link>https://partner.example.org/news/1</link>
<guid>https://partner.example.org/news/1</guid>
<pubDate>Tue, 09 Mar 2027 09:00:00 GMT</pubDate><description>Our year.</description></item>
</channel></rss>"""


def test_a_run_posts_each_new_call_once_after_writing_the_site(
    server: HTTPServer, hook: Hook, write_config: Any
) -> None:
    from aggregator import pipeline
    from tests.conftest import NOW

    server.expect_request("/feed.xml").respond_with_data(RSS, content_type="application/rss+xml")
    path = write_config(
        [{"name": "Gold Partner", "url": server.url_for("/feed.xml")}],
        notify=[{"url": f"json://127.0.0.1:{server.port}/{{HOOK}}", "name": "hook"}],
    )
    config = load_config(path)
    env = {"HOOK": "hook"}
    summaries = [
        pipeline.run(config, now=NOW + timedelta(hours=n), notify_env=env) for n in range(3)
    ]
    assert [summary.notify for summary in summaries] == ["1 posted", "0 posted", "0 posted"]
    [post] = hook.posts
    assert post["title"] == "New call: Call for proposals: artisanal gold traceability"
    assert "Gold Partner" in post["message"] and "30 June 2027" in post["message"]
    assert "https://partner.example.org/calls/gold" in post["message"]
    assert (config.site / "index.html").is_file()
