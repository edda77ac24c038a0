"""The outbox tables: schema, one digest per period, retries and giving up."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from aggregator.digest import outbox
from aggregator.migrations import migrate
from tests.digest_support import MONDAY


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    database = sqlite_utils.Database(tmp_path / "outbox.db")
    migrate(database)
    return database


def store(db: sqlite_utils.Database, period: str = "2027-03-29", recipients: int = 2) -> str:
    stored = outbox.store_digest(
        db,
        period=period,
        created=MONDAY,
        subject="Digest",
        html="<p>hi</p>",
        text="hi",
        sections=[("item-1", "call"), ("item-2", "news"), ("item-3", "reminder")],
        recipients=[(f"r{n}@example.org", f"<m{n}@example.org>") for n in range(recipients)],
    )
    return stored.id


def test_fresh_database_has_the_outbox_columns(db: sqlite_utils.Database) -> None:
    assert set(db.table("digests").columns_dict) == {
        "id", "period", "created", "subject", "html", "text", "status",
    }  # fmt: skip
    assert set(db.table("digest_items").columns_dict) == {"digest_id", "item_id", "section"}
    assert set(db.table("digest_recipients").columns_dict) == {
        "digest_id", "address", "message_id", "status", "sent_at", "last_error", "attempts",
        "edition",
    }  # fmt: skip
    assert set(db.table("digest_editions").columns_dict) == {
        "digest_id", "edition", "language", "subject", "html", "text",
    }  # fmt: skip


def test_a_period_is_stored_once(db: sqlite_utils.Database) -> None:
    store(db)
    with pytest.raises(sqlite3.IntegrityError):
        store(db)
    assert db.table("digest_items").count == 3  # the failed second store left nothing


def test_history_counts_items_and_reminders(db: sqlite_utils.Database) -> None:
    store(db)
    outbox.store_digest(
        db, period=outbox.manual_period(MONDAY + timedelta(days=1)),
        created=MONDAY + timedelta(days=1), subject="", html="", text="",
        sections=[], recipients=[],
    )  # fmt: skip
    history = outbox.digest_history(db)
    assert history.included == {"item-1", "item-2", "item-3"}
    assert history.reminded == {"item-3"}
    assert history.last_digest_at == MONDAY + timedelta(days=1)
    assert history.last_period == "2027-03-29"  # a manual send does not move the schedule


def test_temporary_failures_give_up_after_max_attempts(db: sqlite_utils.Database) -> None:
    digest_id = store(db, recipients=1)
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        after = outbox.mark_failed(db, digest_id, "r0@example.org", "451 later")
        assert after.attempts == attempt
        assert after.status == ("refused" if attempt == outbox.MAX_ATTEMPTS else "pending")
    assert outbox.pending_digests(db) == []


def test_digest_is_done_when_every_recipient_is_settled(db: sqlite_utils.Database) -> None:
    digest_id = store(db, recipients=2)
    outbox.mark_sent(db, digest_id, "r0@example.org", MONDAY)
    assert [d.id for d in outbox.pending_digests(db)] == [digest_id]
    outbox.mark_failed(db, digest_id, "r1@example.org", "550 no such user", permanent=True)
    assert outbox.pending_digests(db) == []
    statuses = {r.address: r.status for r in outbox.recipients_of(db, digest_id)}
    assert statuses == {"r0@example.org": "sent", "r1@example.org": "refused"}


def test_unreachable_server_is_not_an_attempt(db: sqlite_utils.Database) -> None:
    digest_id = store(db, recipients=1)
    outbox.mark_unreachable(db, digest_id, "cannot reach SMTP server")
    [recipient] = outbox.pending_recipients(db, digest_id)
    assert (recipient.attempts, recipient.last_error) == (0, "cannot reach SMTP server")
