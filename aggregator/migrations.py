"""The database schema, as numbered migrations recorded in the `_migrations` table.

Add a migration by appending a decorated function; never edit one that has
shipped. `migrate(db)` applies those not yet recorded, in order.

Tables (see README, "Database"):

- ``feeds``: one row per source URL: validators for conditional GET, last
  outcome, back-off and 410/redirect state, and the feed a page advertises
  (``resolved_feed``), polled in the page's place.
- ``items``: one row per deduplicated item (identity: canonical URL).
- ``item_sources``: where each item came from: (feed, key within the feed).
- ``fetches``: one row per poll of a source: the fetch history.
- ``digests``, ``digest_items``, ``digest_recipients``: the email outbox.
- ``site_state``: the fingerprint of what the site was last rendered from.
- ``notices``: the ledger of posts to chat channels (each once, see notify.py).
- ``digest_editions``: the versions of a digest (one per language and filters), and
  which one each recipient gets (``digest_recipients.edition``).

``items.classifier`` (m009) says which classifier decided an item (see
``classifier_version``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    """Register `fn` as the next migration, named after the function."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_feeds_items_sources_fetches(db: sqlite_utils.Database) -> None:
    db.table("feeds").create(
        {
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
        },
        pk="url",
        defaults={"failures": 0, "gone": 0, "held": 0},
        not_null={"failures", "gone", "held"},
    )
    db.table("items").create(
        {
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
        },
        pk="id",
        defaults={"held": 0},
        not_null={"held"},
    )
    db.table("items").create_index(["url"])
    db.table("items").create_index(["published"])
    db.table("items").create_index(["deadline"])
    db.table("items").create_index(["first_seen"])
    db.table("item_sources").create(
        {
            "feed_url": str,
            "key": str,
            "item_id": str,
            "title": str,
            "link": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
        },
        pk=("feed_url", "key"),
        foreign_keys=[("feed_url", "feeds", "url"), ("item_id", "items", "id")],
    )
    db.table("item_sources").create_index(["item_id"])
    db.table("fetches").create(
        {
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
        pk="id",
        foreign_keys=[("feed_url", "feeds", "url")],
    )
    db.table("fetches").create_index(["feed_url", "started"])


@migration
def m002_digest_outbox(db: sqlite_utils.Database) -> None:
    """The email outbox: a digest is stored whole before any message is sent."""
    db.table("digests").create(
        {
            "id": str,
            "period": str,
            "created": str,
            "subject": str,
            "html": str,
            "text": str,
            "status": str,
        },
        pk="id",
        not_null={"period", "created", "status"},
    )
    db.table("digests").create_index(["period"], unique=True)
    db.table("digest_items").create(
        {"digest_id": str, "item_id": str, "section": str},
        pk=("digest_id", "item_id"),
        foreign_keys=[("digest_id", "digests", "id")],
    )
    db.table("digest_items").create_index(["item_id"])
    db.table("digest_recipients").create(
        {
            "digest_id": str,
            "address": str,
            "message_id": str,
            "status": str,
            "sent_at": str,
            "last_error": str,
            "attempts": int,
        },
        pk=("digest_id", "address"),
        foreign_keys=[("digest_id", "digests", "id")],
        defaults={"status": "pending", "attempts": 0},
        not_null={"status", "attempts"},
    )


@migration
def m003_site_state(db: sqlite_utils.Database) -> None:
    """What the site in the output folder was last rendered from."""
    db.table("site_state").create({"id": int, "fingerprint": str, "rendered": str}, pk="id")


@migration
def m004_resolved_feed(db: sqlite_utils.Database) -> None:
    """The feed a page source advertises, polled directly from then on."""
    db.table("feeds").add_column("resolved_feed", str)


@migration
def m005_call_facts(db: sqlite_utils.Database) -> None:
    """A call's status, opening day, extension and key dates, an event's own dates,
    the confidence of the decisions, and the call pages read for them."""
    items = db.table("items")
    for column, kind in (
        ("status", str),
        ("status_reason", str),
        ("opens", str),
        ("deadline_extended", int),
        ("key_dates", str),
        ("event_start", str),
        ("event_end", str),
        ("event_online", int),
        ("confidence", float),
    ):
        items.add_column(column, kind)
    db.table("call_pages").create(
        {
            "item_id": str,
            "url": str,
            "etag": str,
            "last_modified": str,
            "fetched": str,
            "outcome": str,
            "found_deadline": int,
        },
        pk="item_id",
    )


@migration
def m006_item_overrides(db: sqlite_utils.Database) -> None:
    """The secretariat's correction of an item (JSON, from overrides.yaml), applied when
    the item is loaded; set or cleared at every run."""
    db.table("items").add_column("override", str)
    db.table("call_pages").add_column("text", str)


@migration
def m007_notices(db: sqlite_utils.Database) -> None:
    """The ledger of posts to chat and social channels: recorded pending, then sent."""
    db.table("notices").create(
        {
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
        pk=("channel", "key"),
        defaults={"status": "pending", "attempts": 0},
        not_null={"status", "attempts"},
    )
    db.table("notices").create_index(["channel", "status"])


@migration
def m008_digest_editions(db: sqlite_utils.Database) -> None:
    """A digest's versions for readers of one language and filters, stored before sending."""
    db.table("digest_editions").create(
        {
            "digest_id": str,
            "edition": str,
            "language": str,
            "subject": str,
            "html": str,
            "text": str,
        },
        pk=("digest_id", "edition"),
        foreign_keys=[("digest_id", "digests", "id")],
    )
    db.table("digest_recipients").add_column("edition", str)


@migration
def m009_classifier_version(db: sqlite_utils.Database) -> None:
    """Which classifier decided each item (null: one from before this column), so that a
    run re-classifies the items an older one decided."""
    db.table("items").add_column("classifier", str)
    db.table("items").create_index(["classifier"])


@migration
def m011_window_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for reading only the outputs' windows (`store.load_window`) and for
    pruning the fetch history by age, so that neither reads the whole history."""
    items = db.table("items")
    for columns in (["kind", "status"], ["opens"], ["event_end"], ["event_start"], ["updated"]):
        items.create_index(columns, if_not_exists=True)
    for name, condition in (("override", "override is not null"), ("held", "held = 1")):
        db.execute(f"create index if not exists idx_items_{name} on items (id) where {condition}")
    db.table("item_sources").create_index(["first_seen"], if_not_exists=True)
    db.table("fetches").create_index(["started"], if_not_exists=True)
    db.table("fetches").create_index(["outcome", "feed_url"], if_not_exists=True)


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations; return the names applied."""
    table = db["_migrations"]
    if not table.exists():
        db.table("_migrations").create({"name": str, "applied": str}, pk="name")
    done = {row["name"] for row in db["_migrations"].rows}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db.conn:
            fn(db)
            db.table("_migrations").insert({"name": name, "applied": datetime.now(UTC).isoformat()})
        applied.append(name)
    return applied
