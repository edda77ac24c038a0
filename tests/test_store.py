"""Storage: items stored by applying dedup's plan, against a real SQLite file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from aggregator.dedup import plan_items
from aggregator.store import (
    CommitBatch,
    apply_plan,
    feed_states,
    load_items,
    open_database,
    record_poll,
    store_items,
    stored_view,
)
from aggregator.types import (
    Classification,
    ClassifiedItem,
    FeedState,
    FeedStatus,
    Fetched,
    ParsedItem,
    Source,
)

from .conftest import NOW

PARTNER = Source(name="Partner", url="https://partner.org/feed.xml")
REPOSTER = Source(name="Network", url="https://network.net/feed.xml")
CALL = "https://partner.org/calls/1"
LATER = NOW + timedelta(hours=1)


def entry(key: str = "a", title: str = "Call for proposals", link: str | None = CALL):
    return ClassifiedItem(
        ParsedItem(key=key, title=title, link=link, summary="<p>Apply now.</p>"),
        Classification(kind="call", kind_reason="title: call for proposals"),
    )


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_database(tmp_path / "aggregator.db")


def titles(db: sqlite_utils.Database) -> list[str]:
    return sorted(item.title for item in load_items(db))


def test_new_entries_become_items_with_their_source(db: sqlite_utils.Database) -> None:
    result = store_items(
        db, PARTNER, [entry("a"), entry("b", "Event", "https://partner.org/e")], now=NOW
    )
    assert (result.new, result.updated) == (2, 0)
    (item, _) = sorted(load_items(db), key=lambda item: item.title)
    assert item.sources[0].name == "Partner"
    assert db["item_sources"].count == 2


def test_an_entry_seen_again_unchanged_changes_nothing_but_last_seen(
    db: sqlite_utils.Database,
) -> None:
    store_items(db, PARTNER, [entry()], now=NOW)
    result = store_items(db, PARTNER, [entry()], now=LATER)
    assert (result.new, result.updated) == (0, 0)
    (row,) = db["item_sources"].rows
    assert (row["first_seen"], row["last_seen"]) == (NOW.isoformat(), LATER.isoformat())


def test_the_publishers_edit_changes_the_item(db: sqlite_utils.Database) -> None:
    store_items(db, PARTNER, [entry()], now=NOW)
    result = store_items(db, PARTNER, [entry(title="Call for proposals (extended)")], now=LATER)
    assert result.updated == 1
    assert titles(db) == ["Call for proposals (extended)"]


def test_a_repost_is_one_item_with_two_sources_and_cannot_retitle_it(
    db: sqlite_utils.Database,
) -> None:
    store_items(db, PARTNER, [entry()], now=NOW)
    store_items(db, REPOSTER, [entry("x", "Fwd: call", CALL + "?utm_source=rss")], now=NOW)
    result = store_items(db, REPOSTER, [entry("x", "Retitled", CALL)], now=LATER)
    assert result.updated == 0
    (item,) = load_items(db)
    assert item.title == "Call for proposals"
    assert sorted(ref.name for ref in item.sources) == ["Network", "Partner"]


def test_the_publisher_replaces_the_version_a_reposter_stored_first(
    db: sqlite_utils.Database,
) -> None:
    store_items(db, REPOSTER, [entry("x", "Fwd: call")], now=NOW)
    result = store_items(db, PARTNER, [entry()], now=LATER)
    assert (result.new, result.updated) == (0, 1)
    assert titles(db) == ["Call for proposals"]


def test_held_items_are_stored_but_not_published(db: sqlite_utils.Database) -> None:
    store_items(db, PARTNER, [entry()], now=NOW, held=True)
    assert load_items(db) == []
    assert [item.title for item in load_items(db, include_held=True)] == ["Call for proposals"]


def test_applying_a_plan_writes_what_it_says(db: sqlite_utils.Database) -> None:
    entries = [entry()]
    plan = plan_items(PARTNER.url, entries, stored_view(db, PARTNER.url, entries), now=NOW)
    db.execute("insert into feeds (url, name, type) values (?, ?, ?)", [PARTNER.url, "P", "feed"])
    with db.conn:
        apply_plan(db, PARTNER.url, plan, now=NOW)
    (row,) = db["items"].rows
    assert (row["id"], row["url"], row["title"]) == (
        plan.new_items[0].id,
        CALL,
        entry().parsed.title,
    )
    # what is stored now is what the next plan sees
    again = plan_items(PARTNER.url, entries, stored_view(db, PARTNER.url, entries), now=LATER)
    assert (again.new, again.seen_again) == (0, ("a",))


def test_a_poll_record_keeps_the_validators_and_the_resolved_feed(
    db: sqlite_utils.Database,
) -> None:
    feed = "https://partner.org/news.rss"
    fetched = Fetched(
        source=PARTNER,
        url=feed,
        status=200,
        headers={},
        body=b"",
        etag='"v1"',
        last_modified=None,
        content_hash="abc",
    )
    state = FeedState(url=PARTNER.url, etag='"v1"', content_hash="abc", resolved_feed=feed)
    status = FeedStatus(name="Partner", url=PARTNER.url, outcome="ok")
    record_poll(db, PARTNER, status, state, now=NOW, fetched=fetched)
    CommitBatch(db).commit()
    (remembered,) = feed_states(db, [PARTNER]).values()
    assert (remembered.etag, remembered.resolved_feed, remembered.poll_url) == ('"v1"', feed, feed)
