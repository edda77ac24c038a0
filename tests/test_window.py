"""Reading only the outputs' windows: the same site, digest and posts as from every item.

A real store holding three years of varied items (calls open, closed, rolling,
forthcoming, announced; events past and coming; news; held items; corrected
and hidden ones) is rendered twice, from `load_items` (everything) and from
`load_window` (what the windows need); every published file must be the same,
byte for byte, and so must the digest's and the chat channels' choices.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from aggregator.call_calendars import write_call_calendars
from aggregator.config import load_config
from aggregator.digest.content import select_digest
from aggregator.errors import ConfigError
from aggregator.exports import write_exports
from aggregator.notify import plan_notices
from aggregator.overrides import override_json
from aggregator.render import render_site
from aggregator.store import load_items, load_window, open_database, prune_fetches
from aggregator.types import Config, EventDates, NotifyChannel, Override, Source

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def fill(db: sqlite_utils.Database, count: int, seed: int = 10) -> None:
    """`count` items over three years, by direct SQL, of every kind and state."""
    chance = random.Random(seed)
    feeds = [f"https://p{n}.example.org/feed.xml" for n in range(7)]
    db.conn.executemany(
        "insert into feeds (url, name, type) values (?, ?, 'feed')",
        [(url, f"Partner {n}") for n, url in enumerate(feeds)],
    )
    rows, links, overrides = [], [], []
    for k in range(count):
        published = NOW - timedelta(hours=chance.randint(0, 3 * 365 * 24))
        first_seen = published + timedelta(hours=chance.randint(0, 48))
        kind = chance.choice(("call", "call", "news", "event"))
        deadline = opens = status = start = end = None
        if kind == "call":
            status = chance.choice(("open", "open", "rolling", "forthcoming", "closed", None))
            if chance.random() < 0.7:
                deadline = (published + timedelta(days=chance.randint(-5, 120))).date()
            if status == "forthcoming":
                opens = (published + timedelta(days=chance.randint(1, 90))).date()
        elif kind == "event":
            start = (published + timedelta(days=chance.randint(1, 120))).date()
            end = start + timedelta(days=chance.randint(0, 3)) if chance.random() < 0.5 else None
        item_id = f"item-{k:05d}"
        url = f"https://p{k % 7}.example.org/items/{k}"
        rows.append(
            (
                item_id,
                url,
                url,
                f"Item {k}: artisanal cobalt due diligence",
                f"<p>Summary of item {k}.</p>",
                published.isoformat(),
                first_seen.isoformat(),
                first_seen.isoformat(),
                kind,
                deadline.isoformat() if deadline else None,
                chance.choice(("en", "fr", "es")),
                json.dumps(chance.sample(["cobalt", "gold", "3t"], 1)),
                int(chance.random() < 0.03),
                status,
                opens.isoformat() if opens else None,
                start.isoformat() if start else None,
                end.isoformat() if end else None,
            )
        )
        links.append((feeds[k % 7], f"key-{k}", item_id, url, first_seen.isoformat()))
        if k % 97 == 0:  # old items corrected into a window: an open call, a coming event
            correction = chance.choice(
                (
                    Override(url=url, kind="call", status="open", deadline=TODAY + timedelta(9)),
                    Override(url=url, kind="event", event=EventDates(TODAY, TODAY, False)),
                    Override(url=url, hidden=True),
                )
            )
            overrides.append((override_json(correction), item_id))
    db.conn.executemany(
        "insert into items (id, url, link, title, summary, published, first_seen, updated, "
        "kind, deadline, language, tags, translations, held, status, opens, event_start, "
        "event_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)",
        rows,
    )
    db.conn.executemany(
        "insert into item_sources (feed_url, key, item_id, link, first_seen, last_seen) "
        "values (?, ?, ?, ?, ?, ?)",
        [(*link, link[-1]) for link in links],
    )
    db.conn.executemany("update items set override = ? where id = ?", overrides)
    db.conn.commit()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    db = open_database(tmp_path_factory.mktemp("window") / "aggregator.db")
    fill(db, 3000)
    return db


def make_config(site: Path, **changes: object) -> Config:
    config = Config(
        path=site.parent / "feeds.yaml",
        title="Responsible Minerals Clearinghouse",
        description="Calls and news on responsible minerals trade.",
        site_url="https://clearinghouse.example.org/",
        database=site.parent / "aggregator.db",
        site=site,
        templates=ROOT / "templates",
        sources=tuple(
            Source(name=f"Partner {n}", url=f"https://p{n}.example.org/feed.xml") for n in range(7)
        ),
        feed_size=25,
        open_call_days=45,
    )
    return replace(config, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("feed_size", [1, 25, 400])
def test_the_site_from_the_windows_is_the_site_from_every_item(
    store: sqlite_utils.Database, tmp_path: Path, feed_size: int
) -> None:
    everything = make_config(tmp_path / "all", feed_size=feed_size)
    windows = make_config(tmp_path / "window", feed_size=feed_size)
    items = load_items(store)
    window = load_window(store, today=TODAY, newest=feed_size, open_days=45)
    assert len(window) < len(items) / 2  # the point: far fewer items read
    for chosen, config in ((items, everything), (window, windows)):
        render_site(chosen, config, now=NOW)
        write_exports(chosen, config, now=NOW)
        write_call_calendars(chosen, config, now=NOW)
    files = sorted(path.relative_to(everything.site) for path in everything.site.rglob("*"))
    assert len(files) >= 9
    assert files == sorted(path.relative_to(windows.site) for path in windows.site.rglob("*"))
    for name in files:
        if (everything.site / name).is_file():
            assert (windows.site / name).read_bytes() == (everything.site / name).read_bytes(), name


def test_the_digest_and_the_chat_posts_choose_the_same_from_their_window(
    store: sqlite_utils.Database,
) -> None:
    items = load_items(store)
    last = NOW - timedelta(days=7)
    since = min(last, NOW - timedelta(days=7)) - timedelta(days=8)
    window = load_window(store, today=TODAY, newest=25, open_days=45, since=since)
    included = frozenset(item.id for item in items if item.first_seen < last)
    for chosen in (items, window):
        content = select_digest(
            chosen,
            included_before=included,
            reminded_before=frozenset(),
            last_digest_at=last,
            now=NOW,
            first_digest_days=7,
            open_days=45,
        )
        if chosen is items:
            expected = content
    assert content == expected
    assert content.total > 0
    channel = NotifyChannel(name="chat", key="chat", kinds=("call", "event", "news"))
    assert plan_notices(window, channel, today=TODAY, now=NOW, open_days=45) == plan_notices(
        items, channel, today=TODAY, now=NOW, open_days=45
    )


def test_held_items_are_in_no_window(store: sqlite_utils.Database) -> None:
    held = {row[0] for row in store.execute("select id from items where held = 1")}
    assert held
    window = load_window(
        store, today=TODAY, newest=10_000, open_days=45, since=NOW - timedelta(999)
    )
    assert not held & {item.id for item in window}


def test_fetch_history_is_pruned_to_its_period(tmp_path: Path) -> None:
    db = open_database(tmp_path / "aggregator.db")
    db.conn.executemany(
        "insert into fetches (feed_url, started, outcome) values ('https://p.org/', ?, 'ok')",
        [((NOW - timedelta(days=days)).isoformat(),) for days in range(200)],
    )
    db.conn.commit()
    assert prune_fetches(db, before=NOW - timedelta(days=90)) == 109
    ages = [row[0] for row in db.execute("select started from fetches")]
    assert len(ages) == 91 and min(ages) >= (NOW - timedelta(days=90)).isoformat()


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 90), (30, 30), (0, "must be at least 1"), ("soon", "must be a number")],
)
def test_fetch_history_days_is_read_and_checked(
    write_config, value: object, expected: object
) -> None:
    extra = {} if value is None else {"fetch_history_days": value}
    path = write_config([{"name": "P", "url": "https://p.example.org/feed.xml"}], **extra)
    if isinstance(expected, int):
        assert load_config(path).fetch_history_days == expected
        return
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "fetch_history_days" in caught.value.message and str(expected) in caught.value.message
