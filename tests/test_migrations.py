"""The schema: a fresh database has exactly these tables and columns (like llm's
tests/test_migrate.py). A new migration changes this table, on purpose."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import sqlite_utils

from aggregator.migrations import MIGRATIONS, migrate
from aggregator.store import open_database

EXPECTED: dict[str, dict[str, type]] = {
    "_migrations": {"name": str, "applied": str},
    "feeds": {
        "url": str,
        "name": str,
        "type": str,
        "etag": str,
        "last_modified": str,
        "content_hash": str,
        "outcome": str,
        "error": str,
        "warning": str,
        "http_status": int,
        "last_fetched": str,
        "last_ok": str,
        "next_fetch": str,
        "failures": int,
        "gone": int,
        "moved_to": str,
        "held": int,
        "resolved_feed": str,
    },
    "items": {
        "id": str,
        "url": str,
        "link": str,
        "title": str,
        "summary": str,
        "published": str,
        "first_seen": str,
        "updated": str,
        "kind": str,
        "kind_reason": str,
        "deadline": str,
        "deadline_phrase": str,
        "language": str,
        "tags": str,
        "translations": str,
        "held": int,
        "status": str,
        "status_reason": str,
        "opens": str,
        "deadline_extended": int,
        "key_dates": str,
        "event_start": str,
        "event_end": str,
        "event_online": int,
        "confidence": float,
        "override": str,
        "classifier": str,
    },
    "item_sources": {
        "feed_url": str,
        "key": str,
        "item_id": str,
        "title": str,
        "link": str,
        "content_hash": str,
        "first_seen": str,
        "last_seen": str,
    },
    "fetches": {
        "id": int,
        "feed_url": str,
        "started": str,
        "duration": float,
        "outcome": str,
        "http_status": int,
        "bytes": int,
        "found": int,
        "new_items": int,
        "updated_items": int,
        "error": str,
    },
    "digests": {
        "id": str,
        "period": str,
        "created": str,
        "subject": str,
        "html": str,
        "text": str,
        "status": str,
    },
    "digest_items": {"digest_id": str, "item_id": str, "section": str},
    "call_pages": {
        "item_id": str,
        "url": str,
        "etag": str,
        "last_modified": str,
        "fetched": str,
        "outcome": str,
        "found_deadline": int,
        "text": str,
    },
    "digest_recipients": {
        "digest_id": str,
        "address": str,
        "message_id": str,
        "status": str,
        "sent_at": str,
        "last_error": str,
        "attempts": int,
        "edition": str,
    },
    "site_state": {"id": int, "fingerprint": str, "rendered": str},
    "digest_editions": {
        "digest_id": str,
        "edition": str,
        "language": str,
        "subject": str,
        "html": str,
        "text": str,
    },
    "notices": {
        "channel": str,
        "key": str,
        "item_id": str,
        "what": str,
        "title": str,
        "body": str,
        "status": str,
        "created": str,
        "sent_at": str,
        "attempts": int,
        "last_error": str,
    },
}


@pytest.fixture
def fresh() -> sqlite_utils.Database:
    db = sqlite_utils.Database(memory=True)
    migrate(db)
    return db


def test_a_fresh_database_has_every_table(fresh: sqlite_utils.Database) -> None:
    assert set(fresh.table_names()) == set(EXPECTED)


@pytest.mark.parametrize("table", EXPECTED)
def test_the_columns_of(fresh: sqlite_utils.Database, table: str) -> None:
    assert fresh[table].columns_dict == EXPECTED[table]


def test_every_migration_is_recorded_once_and_in_order(fresh: sqlite_utils.Database) -> None:
    assert [row["name"] for row in fresh["_migrations"].rows] == [name for name, _ in MIGRATIONS]
    assert migrate(fresh) == []  # nothing left to apply


def test_migrations_are_numbered_in_order() -> None:
    names = [name for name, _ in MIGRATIONS]
    numbers = [int(name[1:4]) for name in names]
    assert names == sorted(names) and all(name.startswith("m") for name in names)
    # strictly increasing; a number may wait for a migration still on its way to main
    assert numbers[0] == 1 and all(a < b for a, b in itertools.pairwise(numbers))


def test_opening_a_database_migrates_it(tmp_path: Path) -> None:
    db = open_database(tmp_path / "sub" / "aggregator.db")
    assert set(db.table_names()) == set(EXPECTED)


def test_a_database_from_before_a_migration_gets_its_columns(tmp_path: Path) -> None:
    """An older database (here: before resolved_feed) is brought up to date, its rows kept."""
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db.table("_migrations").create({"name": str, "applied": str}, pk="name")
    for name, fn in MIGRATIONS[:3]:
        fn(db)
        db["_migrations"].insert({"name": name, "applied": "2026-01-01T00:00:00+00:00"})
    db["feeds"].insert({"url": "https://partner.org/feed", "name": "Partner", "type": "feed"})
    db.close()
    reopened = open_database(path)
    assert reopened["feeds"].columns_dict == EXPECTED["feeds"]
    assert [row["name"] for row in reopened["feeds"].rows] == ["Partner"]
