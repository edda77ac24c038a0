"""Storing sources and deduplicated items in SQLite (through sqlite-utils).

What a poll changes is decided in `dedup` (identity, the publisher rule,
edits, re-posts and moves, as a pure plan); `store_items` loads what that
decision needs and applies the plan. Items are never deleted because they
left a feed. Each source's items are written in one transaction. The schema
lives in `migrations`.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from .dedup import (
    CALL_COLUMNS,
    EDITABLE,
    Edit,
    Move,
    Plan,
    Stored,
    StoredItem,
    StoredRow,
    call_columns,
    plan_items,
    wanted_ids,
)
from .errors import StorageError
from .migrations import migrate
from .overrides import correct, override_from_json, override_json
from .storage_faults import check_not_corrupt, storage_errors
from .types import (
    CallPage,
    Classification,
    ClassifiedItem,
    EventDates,
    FeedState,
    FeedStatus,
    Fetched,
    Item,
    KeyDate,
    Override,
    Source,
    SourceRecord,
    SourceRef,
    StoredEntry,
)
from .urls import publisher

#: How long a write waits for another program's lock on the database before giving up.
BUSY_TIMEOUT = 10.0


def open_database(
    path: Path, *, check: bool = False, max_mb: int | None = None
) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode, migrated to the latest schema.

    With `check`, `PRAGMA quick_check` runs first, before anything is written: a
    corrupt database is never written into. It reads the whole file, so it is
    skipped when the file is exactly as the last command left it (`mark_checked`):
    a run killed, or any other program writing the file, means a check.

    StorageError when `path` cannot be a database (a folder, another kind of
    file, corrupt, read-only, locked). `max_mb` caps the file's size
    (`database_max_mb`): a write beyond it fails as on a full disk.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"cannot create the folder of the database {path}: {exc.strerror or exc} "
            "(see 'database' in feeds.yaml)"
        ) from exc
    with storage_errors(path):
        db = sqlite_utils.Database(path)
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        if check and path.is_file() and path.stat().st_size and not _unchanged_since_checked(path):
            check_not_corrupt(db.conn, path)
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        if max_mb is not None:
            page = db.execute("PRAGMA page_size").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {max_mb * 1024 * 1024 // page}")
        migrate(db)
    return db


def _file_stamp(path: Path) -> str:
    """Size, times and inode of the database and its write-ahead log."""
    parts = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
        except FileNotFoundError:
            parts.append("-")
            continue
        parts.append(f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}")
    return " ".join(parts)


def _checked_file(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _unchanged_since_checked(path: Path) -> bool:
    try:
        return _checked_file(path).read_text().strip() == _file_stamp(path)
    except OSError:
        return False


def mark_checked(db: sqlite_utils.Database, path: Path) -> None:
    """At the end of a command that found the database sound: fold the write-ahead log
    into the file and remember how the file looks, so that the next command need not
    read it all again unless something else changed it."""
    with contextlib.suppress(sqlite3.Error, OSError):  # the next command checks, then
        if db.conn.in_transaction:
            return
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _checked_file(path).write_text(_file_stamp(path) + "\n")


# --- transactions ------------------------------------------------------------


class CommitBatch:
    """Commits the writes of several sources at once.

    `store_items` and `record_poll` write inside the current transaction
    (each source in a savepoint of its own, all or nothing); a commit costs
    about half a millisecond, so a run commits every `every` sources rather
    than twice per source. A source's items, its validators and its poll
    record are always in the same commit, so a run that dies loses at most
    the last batch, consistently: those sources are fetched again next time.
    """

    def __init__(self, db: sqlite_utils.Database, every: int = 50) -> None:
        self.db = db
        self.every = every
        self.pending = 0

    def begin(self) -> None:
        """Take the write lock now (waiting at most `BUSY_TIMEOUT` for another program),
        before the sources are polled, rather than in the middle of storing one."""
        if not self.db.conn.in_transaction:
            self.db.conn.execute("begin immediate")

    def source_done(self) -> None:
        self.pending += 1
        if self.pending >= self.every:
            self.commit()

    def commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.commit()
        self.pending = 0

    def rollback(self) -> None:
        """Drop the sources not yet committed (the database failed): they are polled
        again next time, as after a crash."""
        if self.db.conn.in_transaction:
            self.db.conn.rollback()
        self.pending = 0


@contextlib.contextmanager
def _source_savepoint(db: sqlite_utils.Database) -> Iterator[None]:
    """One source's writes, all or nothing, inside the batch's transaction."""
    conn = db.conn
    if not conn.in_transaction:
        conn.execute("begin immediate")
    conn.execute("savepoint source")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite rolls everything back itself on disk full, I/O errors
            conn.execute("rollback to source")
            conn.execute("release source")
        raise
    conn.execute("release source")


# --- sources ---------------------------------------------------------------


def feed_states(db: sqlite_utils.Database, sources: Iterable[Source]) -> dict[str, FeedState]:
    """What we remember of each source, for conditional GET and back-off."""
    rows = {row["url"]: row for row in db["feeds"].rows}
    states = {}
    for source in sources:
        row = rows.get(source.url)
        if row is None:
            states[source.url] = FeedState(url=source.url)
            continue
        states[source.url] = FeedState(
            url=source.url,
            etag=row["etag"],
            last_modified=row["last_modified"],
            content_hash=row["content_hash"],
            next_fetch=_datetime(row["next_fetch"]),
            failures=row["failures"] or 0,
            gone=bool(row["gone"]),
            resolved_feed=row["resolved_feed"],
        )
    return states


def recent_found(db: sqlite_utils.Database, feed_url: str, limit: int = 5) -> list[int]:
    """Item counts of a source's last successful polls, oldest first."""
    rows = db.execute(
        "select found from fetches where feed_url = ? and outcome in ('ok', 'held') "
        "order by id desc limit ?",
        [feed_url, limit],
    ).fetchall()
    return [row[0] for row in reversed(rows)]


def known_keys(db: sqlite_utils.Database, feed_url: str) -> set[str]:
    """The entry keys already stored for a source."""
    rows = db.execute("select key from item_sources where feed_url = ?", [feed_url])
    return {row[0] for row in rows}


def record_poll(
    db: sqlite_utils.Database,
    source: Source,
    status: FeedStatus,
    state: FeedState,
    *,
    now: datetime,
    fetched: Fetched | None = None,
) -> None:
    """Remember a poll's outcome: the source's new state and a row of fetch history."""
    stamp = now.isoformat()
    with _source_savepoint(db):
        _upsert_feed(db, source)
        values: dict[str, Any] = {
            "outcome": status.outcome,
            "error": status.error,
            "warning": status.warning,
            "http_status": status.http_status,
            "last_fetched": stamp,
            "failures": state.failures,
            "gone": int(state.gone),
            "next_fetch": state.next_fetch.isoformat() if state.next_fetch else None,
            "resolved_feed": state.resolved_feed,
        }
        if status.moved_to is not None:
            values["moved_to"] = status.moved_to
        if status.outcome in ("ok", "not_modified", "suspect", "held"):
            values["last_ok"] = stamp
        if fetched is not None and status.outcome in ("ok", "not_modified", "held"):
            values["etag"] = fetched.etag
            values["last_modified"] = fetched.last_modified
            values["content_hash"] = fetched.content_hash
        if status.outcome == "held":
            values["held"] = 1
        assignments = ", ".join(f"{column} = ?" for column in values)
        db.execute(f"update feeds set {assignments} where url = ?", [*values.values(), source.url])
        if status.outcome != "skipped":
            db.execute(
                "insert into fetches (feed_url, started, duration, outcome, http_status, bytes, "
                "found, new_items, updated_items, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    source.url,
                    stamp,
                    round(status.duration, 4),
                    status.outcome,
                    status.http_status,
                    status.bytes,
                    status.found,
                    status.new_items,
                    status.updated_items,
                    status.error,
                ],
            )


def _upsert_feed(db: sqlite_utils.Database, source: Source) -> None:
    db.execute(
        "insert into feeds (url, name, type) values (?, ?, ?) "
        "on conflict(url) do update set name = excluded.name, type = excluded.type",
        [source.url, source.name, source.type],
    )


def prune_fetches(db: sqlite_utils.Database, *, before: datetime) -> int:
    """Delete the fetch history older than `before` (`fetch_history_days`); the sources'
    state is in `feeds` and stays. Returns how many rows went."""
    with db.conn:
        cursor = db.execute("delete from fetches where started < ?", [before.isoformat()])
    return cursor.rowcount


def forget_failures(db: sqlite_utils.Database, url: str) -> None:
    """Forget a source's gone/back-off state so the next run polls it again."""
    with db.conn:
        db.execute(
            "update feeds set gone = 0, failures = 0, next_fetch = null, moved_to = null "
            "where url = ?",
            [url],
        )


def source_records(db: sqlite_utils.Database, *, since: datetime) -> dict[str, SourceRecord]:
    """What the store remembers of every source it polled, by its url: its `feeds` row,
    the first failure since it last worked, its last error, its held-back items and how
    many of its items were published since `since` (counted in SQL, not loaded)."""
    conn = db.conn
    failing = dict(
        conn.execute(
            "select f.url, min(x.started) from feeds f join fetches x on x.feed_url = f.url "
            "where x.outcome in ('failed', 'gone') and x.started > coalesce(f.last_ok, '') "
            "group by f.url"
        )
    )
    errors = dict(
        conn.execute(
            "select feed_url, error from fetches where id in (select max(id) from fetches "
            "where outcome in ('failed', 'gone') group by feed_url)"
        )
    )
    held = dict(
        conn.execute(
            # from the few items that match, by their index, then to their sources (m011):
            # "cross join" keeps SQLite from reading every source row first
            "select s.feed_url, count(distinct s.item_id) from items i "
            "cross join item_sources s on s.item_id = i.id where i.held = 1 group by s.feed_url"
        )
    )
    recent = dict(
        conn.execute(
            "select s.feed_url, count(distinct s.item_id) from items i "
            "cross join item_sources s on s.item_id = i.id where i.published >= ? "
            "group by s.feed_url",
            [since.isoformat()],
        )
    )
    records = {}
    for row in db["feeds"].rows:
        url = row["url"]
        records[url] = SourceRecord(
            url=url,
            last_fetched=_datetime(row["last_fetched"]),
            last_ok=_datetime(row["last_ok"]),
            outcome=row["outcome"],
            error=row["error"],
            warning=row["warning"],
            http_status=row["http_status"],
            failures=row["failures"] or 0,
            gone=bool(row["gone"]),
            moved_to=row["moved_to"],
            held=bool(row["held"]),
            next_fetch=_datetime(row["next_fetch"]),
            resolved_feed=row["resolved_feed"],
            failing_since=_datetime(failing.get(url)),
            last_error=errors.get(url),
            held_items=held.get(url, 0),
            recent_items=recent.get(url, 0),
        )
    return records


def release_held(db: sqlite_utils.Database, url: str) -> int:
    """Publish the held-back items of a source; return how many."""
    with db.conn:
        cursor = db.execute(
            "update items set held = 0 where held = 1 and id in "
            "(select item_id from item_sources where feed_url = ?)",
            [url],
        )
        db.execute("update feeds set held = 0 where url = ?", [url])
    return cursor.rowcount


# --- items -------------------------------------------------------------------


@dataclass(frozen=True)
class StoreResult:
    """How many items a source's poll added or changed."""

    new: int
    updated: int


def store_items(
    db: sqlite_utils.Database,
    source: Source,
    items: Sequence[ClassifiedItem],
    *,
    now: datetime,
    held: bool = False,
) -> StoreResult:
    """Insert new items and apply edits, in one transaction for the source.

    What changes is decided by `dedup.plan_items`; this loads what it needs
    and applies the plan.
    """
    with _source_savepoint(db):
        _upsert_feed(db, source)
        stored = stored_view(db, source.url, items)
        plan = plan_items(source.url, items, stored, now=now, held=held)
        apply_plan(db, source.url, plan, now=now, held=held)
    return StoreResult(new=plan.new, updated=plan.updated)


def stored_view(
    db: sqlite_utils.Database, feed_url: str, items: Sequence[ClassifiedItem]
) -> Stored:
    """What dedup needs to know of the database for one poll of `feed_url`."""
    conn = db.conn
    known = {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            "select key, item_id, content_hash from item_sources where feed_url = ?",
            [feed_url],
        )
    }
    pending = list(wanted_ids(feed_url, items, known))
    urls: dict[str, str | None] = {}
    rows: dict[str, list[StoredRow]] = {}
    for start in range(0, len(pending), 500):
        chunk = pending[start : start + 500]
        marks = ",".join("?" * len(chunk))
        urls.update(conn.execute(f"select id, url from items where id in ({marks})", chunk))
        for item_id, row_feed, key, first_seen, link in conn.execute(
            "select item_id, feed_url, key, first_seen, link from item_sources "
            f"where item_id in ({marks}) order by first_seen, rowid",
            chunk,
        ):
            rows.setdefault(item_id, []).append(
                StoredRow(feed_url=row_feed, key=key, first_seen=first_seen or "", link=link)
            )
    stored = {
        item_id: StoredItem(url=url, rows=tuple(rows.get(item_id, ())))
        for item_id, url in urls.items()
    }
    return Stored(known=known, items=stored)


def apply_plan(
    db: sqlite_utils.Database, feed_url: str, plan: Plan, *, now: datetime, held: bool = False
) -> None:
    """Write a dedup plan for `feed_url` (inside the caller's transaction)."""
    stamp = now.isoformat()
    conn = db.conn
    for step in plan.steps:
        if isinstance(step, Move):
            conn.execute(
                "delete from item_sources where feed_url = ? and key = ?", [feed_url, step.key]
            )
        else:
            _edit(conn, feed_url, step, stamp)
    conn.executemany(
        "update item_sources set last_seen = ? where feed_url = ? and key = ?",
        [(stamp, feed_url, key) for key in plan.seen_again],
    )
    call_columns = ", ".join(CALL_COLUMNS)
    call_marks = ", ".join("?" for _ in CALL_COLUMNS)
    conn.executemany(
        "insert into items (id, url, link, title, summary, published, first_seen, "
        "updated, kind, kind_reason, deadline, deadline_phrase, language, tags, "
        f"translations, held, {call_columns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        f"?, ?, ?, ?, {call_marks})",
        [
            (
                new.id,
                new.url,
                new.row["link"],
                new.row["title"],
                new.row["summary"],
                new.row["published"],
                stamp,
                stamp,
                new.kind,
                new.kind_reason,
                new.row["deadline"],
                new.deadline_phrase,
                new.language,
                new.row["tags"],
                new.row["translations"],
                int(held),
                *(new.row[column] for column in CALL_COLUMNS),
            )
            for new in plan.new_items
        ],
    )
    conn.executemany(
        "insert or replace into item_sources (feed_url, key, item_id, title, link, "
        "content_hash, first_seen, last_seen) values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (feed_url, link.key, link.item_id, link.title, link.link, link.digest, stamp, stamp)
            for link in plan.links
        ],
    )
    for edit in plan.takeovers:
        _edit(conn, feed_url, edit, stamp)


def _edit(conn: Any, feed_url: str, edit: Edit, stamp: str) -> None:
    """Record a changed entry of `feed_url`, and apply it to its item when it is the
    item's publisher."""
    if edit.to_item:
        fields = {k: edit.row[k] for k in EDITABLE}
        if not edit.dated:
            fields.pop("published")
        assignments = ", ".join(f"{k} = ?" for k in fields)
        conn.execute(
            f"update items set {assignments}, updated = ? where id = ?",
            [*fields.values(), stamp, edit.item_id],
        )
    conn.execute(
        "update item_sources set title = ?, link = ?, content_hash = ?, last_seen = ? "
        "where feed_url = ? and key = ?",
        [edit.title, edit.link, edit.digest, stamp, feed_url, edit.key],
    )


def record_overrides(db: sqlite_utils.Database, overrides: Mapping[str, Override]) -> int:
    """Set each item's correction from overrides.yaml and clear those no longer there;
    returns how many items carry one. `overrides` is keyed by canonical URL, which is
    what `items.url` holds (indexed): only the corrected items are read."""
    conn = db.conn
    wanted: dict[str, str] = {}
    urls = list(overrides)
    for start in range(0, len(urls), 500):  # SQLite's limit on bound parameters
        chunk = urls[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for item_id, url in conn.execute(
            f"select id, url from items where url in ({marks})", chunk
        ):
            wanted[item_id] = override_json(overrides[url])
    current = dict(conn.execute("select id, override from items where override is not null"))
    with db.conn:
        for item_id in current.keys() - wanted.keys():
            conn.execute("update items set override = null where id = ?", [item_id])
        for item_id, text in wanted.items():
            if current.get(item_id) != text:
                conn.execute("update items set override = ? where id = ?", [text, item_id])
    return len(wanted)


#: A call page read this long ago is read again (conditionally) when still without a deadline.
CALL_PAGE_RECHECK = timedelta(days=7)


def calls_to_read(
    db: sqlite_utils.Database, *, limit: int, now: datetime, open_days: int
) -> list[CallPage]:
    """Calls without a deadline whose own page should be read now, newest first: those
    never read, edited since, or read more than `CALL_PAGE_RECHECK` ago."""
    if limit <= 0:
        return []
    since = (now - timedelta(days=open_days)).isoformat()
    recheck = (now - CALL_PAGE_RECHECK).isoformat()
    rows = db.execute(
        "select i.id, i.link, i.title, i.summary, i.published, i.language, s.feed_url, "
        "f.name, p.etag, p.last_modified, p.text from items i "
        "join item_sources s on s.item_id = i.id "
        "join feeds f on f.url = s.feed_url "
        "left join call_pages p on p.item_id = i.id "
        "where i.kind = 'call' and i.deadline is null and i.held = 0 and i.link is not null "
        "and i.override is null and coalesce(i.status, '') != 'closed' and i.published >= ? "
        "and (p.item_id is null or p.fetched < ? or i.updated > p.fetched) "
        "order by i.published desc, s.first_seen",
        [since, recheck],
    ).fetchall()
    wanted: dict[str, CallPage] = {}
    for (
        item_id,
        link,
        title,
        summary,
        published,
        language,
        feed,
        name,
        etag,
        modified,
        text,
    ) in rows:
        if item_id in wanted or not str(link).startswith(("http://", "https://")):
            continue
        wanted[item_id] = CallPage(
            item_id=item_id,
            url=link,
            source_url=feed,
            source_name=name,
            title=title,
            summary=summary or "",
            published=_datetime(published) or now,
            language=language,
            etag=etag,
            last_modified=modified,
            text=text,
        )
        if len(wanted) == limit:
            break
    return list(wanted.values())


def record_call_page(
    db: sqlite_utils.Database,
    page: CallPage,
    *,
    now: datetime,
    outcome: str,
    etag: str | None = None,
    last_modified: str | None = None,
    text: str | None = None,
    read: Classification | None = None,
) -> bool:
    """Record the reading of a call's page; when it gave a deadline (or a status
    the feed did not), store those on the item. Returns whether the item changed."""
    stamp = now.isoformat()
    changed = read is not None and (read.deadline is not None or read.status != "rolling")
    with db.conn:
        db.conn.execute(
            "insert or replace into call_pages (item_id, url, etag, last_modified, fetched, "
            "outcome, found_deadline, text) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                page.item_id,
                page.url,
                etag if etag is not None else page.etag,
                last_modified if last_modified is not None else page.last_modified,
                stamp,
                outcome,
                int(read is not None and read.deadline is not None),
                text if text is not None else page.text,
            ],
        )
        if changed and read is not None:
            columns = {
                "deadline": read.deadline.isoformat() if read.deadline else None,
                "deadline_phrase": read.deadline_phrase,
                **{k: v for k, v in call_columns(read).items() if not k.startswith("event")},
            }
            columns["status_reason"] = f"the call's page: {read.status_reason}"
            assignments = ", ".join(f"{k} = ?" for k in columns)
            db.conn.execute(
                f"update items set {assignments}, updated = ? where id = ?",
                [*columns.values(), stamp, page.item_id],
            )
    return changed


def stale_items(db: sqlite_utils.Database, version: str, *, limit: int) -> list[StoredEntry]:
    """Up to `limit` stored items that a classifier other than `version` decided (or one
    from before m009), newest first, with their first source and their call page's text."""
    rows = db.execute(
        "select i.id, i.title, i.link, i.summary, i.published, i.language, s.feed_url, "
        "f.name, p.text from items i "
        "join item_sources s on s.item_id = i.id "
        "join feeds f on f.url = s.feed_url "
        "left join call_pages p on p.item_id = i.id "
        # "< or >" rather than "!=": read from the classifier index, not every row (m011)
        "where i.id in (select id from items where "
        "(classifier is null or classifier < ? or classifier > ?) "
        "and exists (select 1 from item_sources where item_id = items.id) "
        "order by published desc limit ?) "
        "order by i.published desc, i.id, s.first_seen, s.rowid",
        [version, version, limit],
    ).fetchall()
    entries: dict[str, StoredEntry] = {}
    for item_id, title, link, summary, published, language, feed, name, text in rows:
        if item_id not in entries:
            entries[item_id] = StoredEntry(
                item_id=item_id,
                feed_url=feed,
                source_name=name,
                title=title or "",
                link=link,
                summary=summary or "",
                published=_datetime(published) or _epoch(),
                language=language,
                page_text=text,
            )
    return list(entries.values())


#: The columns whose change makes a re-classified item count as updated (the site and
#: the digest show them).
_DECIDED = ("kind", "deadline", "tags", "status", "opens", "deadline_extended", "key_dates")


def record_reclassified(
    db: sqlite_utils.Database, decided: Sequence[tuple[str, Classification]], *, now: datetime
) -> int:
    """Store the new decisions about stored items (in one transaction); an item whose
    kind, dates, status or tags changed is marked updated. Returns how many changed."""
    stamp = now.isoformat()
    changed = 0
    conn = db.conn
    with conn:
        for item_id, read in decided:
            columns = {
                "kind": read.kind,
                "kind_reason": read.kind_reason,
                "deadline": read.deadline.isoformat() if read.deadline else None,
                "deadline_phrase": read.deadline_phrase,
                "language": read.language,
                "tags": json.dumps(list(read.tags)),
                **call_columns(read),
            }
            watched = [*_DECIDED, "event_start", "event_end", "event_online"]
            before = conn.execute(
                f"select {', '.join(watched)} from items where id = ?", [item_id]
            ).fetchone()
            if before is None:
                continue
            differs = tuple(before) != tuple(columns[k] for k in watched)
            changed += differs
            assignments = ", ".join(f"{k} = ?" for k in columns)
            conn.execute(
                f"update items set {assignments}"
                + (", updated = ?" if differs else "")
                + " where id = ?",
                [*columns.values(), *([stamp] if differs else []), item_id],
            )
    return changed


def load_items(db: sqlite_utils.Database, *, include_held: bool = False) -> list[Item]:
    """Every stored item with its sources (held-back items only when asked).

    Costs time and memory in proportion to the whole history: the outputs read
    `load_window` instead."""
    where = "" if include_held else " where held = 0"
    refs = _source_refs(db, None)
    return _items(db.query("select * from items" + where), refs)


#: The parts of `load_window`'s union: each is a window some output chooses from.
_WINDOW = (
    # the newest items (feed.xml, feed.json), and the newest that are not calls (the page)
    "select id from (select id from items where held = 0 "
    "order by published desc, first_seen desc limit :newest)",
    "select id from (select id from items where held = 0 and kind != 'call' "
    "order by published desc, first_seen desc limit :newest)",
    # calls that may be open or forthcoming today
    "select id from items where held = 0 and kind = 'call' and deadline >= :today",
    "select id from items where held = 0 and kind = 'call' and deadline is null "
    "and published >= :open_since",
    "select id from items where held = 0 and kind = 'call' and status = 'forthcoming'",
    # (a call said to be open, with no deadline, stays open whatever its age)
    "select id from items where held = 0 and kind = 'call' and status = 'open' "
    "and deadline is null",
    "select id from items where held = 0 and kind = 'call' and opens >= :today",
    # events not over
    "select id from items where held = 0 and kind = 'event' and event_end >= :today",
    "select id from items where held = 0 and kind = 'event' and event_end is null "
    "and event_start >= :today",
    # the archive of closed calls: the most recently closed, by deadline or by age
    "select id from (select id from items where held = 0 and kind = 'call' "
    "and deadline < :today order by deadline desc limit :newest)",
    "select id from (select id from items where held = 0 and kind = 'call' "
    "and deadline is null and published < :open_since order by published desc limit :newest)",
    # corrected items: a correction may change what a window would select
    "select id from items where held = 0 and override is not null",
)


def load_window(
    db: sqlite_utils.Database,
    *,
    today: date,
    newest: int,
    open_days: int,
    since: datetime | None = None,
) -> list[Item]:
    """The items the outputs can show on `today`, chosen in SQL: the `newest` items
    (and the newest that are not calls), the calls that may be open or forthcoming,
    the events not over, the `newest` most recently closed calls, every corrected
    item, and with `since` everything published or first seen since then (a digest's
    or the chat channels' period). The outputs then choose among these exactly as
    among every item (`select`), so a run costs what its windows hold, not what the
    history holds."""
    parts = list(_WINDOW)
    if since is not None:
        parts.append(
            "select id from items where held = 0 and (published >= :since or first_seen >= :since)"
        )
    # a correction can move an item out of a window (hidden, another kind): the windows
    # that stop at a count reach that much further
    corrected = db.execute("select count(*) from items where override is not null").fetchone()[0]
    values = {
        "newest": max(newest, 0) + corrected,
        "today": today.isoformat(),
        "open_since": (today - timedelta(days=open_days)).isoformat(),
        "since": since.astimezone(UTC).isoformat() if since is not None else None,
    }
    ids = [row[0] for row in db.execute(" union ".join(parts), values)]
    refs = _source_refs(db, ids)
    items: list[Item] = []
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        items += _items(db.query(f"select * from items where id in ({marks})", chunk), refs)
    return items


def _source_refs(
    db: sqlite_utils.Database, ids: Sequence[str] | None
) -> dict[str, list[SourceRef]]:
    """Each item's sources (of the items `ids`, or of every item), as first stored."""
    query = (
        "select s.item_id, f.name, s.link, s.feed_url from item_sources s "
        "join feeds f on f.url = s.feed_url{where} order by s.first_seen, f.name"
    )
    refs: dict[str, list[SourceRef]] = {}
    chunks: Iterable[Sequence[str] | None] = (
        [None] if ids is None else (ids[start : start + 500] for start in range(0, len(ids), 500))
    )
    for chunk in chunks:
        where, values = "", []
        if chunk is not None:
            where = f" where s.item_id in ({', '.join('?' for _ in chunk)})"
            values = list(chunk)
        for item_id, name, link, feed_url in db.execute(query.format(where=where), values):
            bucket = refs.setdefault(item_id, [])
            if all(ref.name != name for ref in bucket):
                bucket.append(SourceRef(name=name, link=link or feed_url, feed=feed_url))
    return refs


def _items(rows: Iterable[dict[str, Any]], refs: Mapping[str, list[SourceRef]]) -> list[Item]:
    items = []
    for row in rows:
        item = Item(
            id=row["id"],
            url=row["url"],
            link=row["link"],
            title=row["title"],
            summary=row["summary"] or "",
            published=_datetime(row["published"]) or _epoch(),
            first_seen=_datetime(row["first_seen"]) or _epoch(),
            updated=_datetime(row["updated"]) or _epoch(),
            kind=row["kind"],
            kind_reason=row["kind_reason"] or "",
            deadline=date.fromisoformat(row["deadline"]) if row["deadline"] else None,
            deadline_phrase=row["deadline_phrase"],
            language=row["language"],
            tags=tuple(json.loads(row["tags"] or "[]")),
            sources=publisher_first(row["url"], refs.get(row["id"], ())),
            translations=tuple(tuple(p) for p in json.loads(row["translations"] or "[]")),
            **_call_facts(row),
        )
        if row.get("override"):
            corrected = correct(item, override_from_json(row["override"]))
            if corrected is None:
                continue  # hidden by the secretariat
            item = corrected
        items.append(item)
    return items


def publisher_first(item_url: str | None, refs: Sequence[SourceRef]) -> tuple[SourceRef, ...]:
    """An item's sources, its publisher (`urls.publisher`) first, then the others in
    the order they stored it: the partner outputs name first is the one whose version
    they show."""
    if len(refs) <= 1:
        return tuple(refs)
    feed = publisher(item_url or "", [ref.feed for ref in refs], [ref.link for ref in refs])
    first = next((ref for ref in refs if ref.feed == feed), refs[0])
    return (first, *(ref for ref in refs if ref is not first))


def _call_facts(row: dict[str, Any]) -> dict[str, Any]:
    """The Item fields of a row's status, dates and confidence (None before m005 ran)."""
    start, end = _day(row.get("event_start")), _day(row.get("event_end"))
    online = row.get("event_online")
    confidence = row.get("confidence")
    return {
        "status": row.get("status"),
        "status_reason": row.get("status_reason"),
        "opens": _day(row.get("opens")),
        "deadline_extended": bool(row.get("deadline_extended")),
        "key_dates": tuple(
            KeyDate(what, day)
            for what, text in json.loads(row.get("key_dates") or "[]")
            if (day := _day(text)) is not None
        ),
        "event": EventDates(start, end or start, None if online is None else bool(online))
        if start is not None
        else None,
        "confidence": 1.0 if confidence is None else float(confidence),
    }


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def items_version(db: sqlite_utils.Database) -> str:
    """Changes whenever an item is added, edited, held, released or re-posted, or a
    partner renamed: everything the site shows from the database."""
    items = db.execute(  # each from an index, not a scan of every row (m011)
        "select count(*), max(updated), (select count(*) from items where held = 1), "
        "max(first_seen) from items"
    ).fetchone()
    # a partner re-posting a stored item adds only a source; renames change names
    sources = db.execute("select count(*), max(first_seen) from item_sources").fetchone()
    names = db.execute("select group_concat(url || '=' || name, '|') from feeds").fetchone()
    return "|".join(str(value) for value in (*items, *sources, *names))


def rendered_fingerprint(db: sqlite_utils.Database) -> str | None:
    """The fingerprint the site was last rendered from, if any."""
    row = db.execute("select fingerprint from site_state where id = 1").fetchone()
    return row[0] if row else None


def record_render(db: sqlite_utils.Database, fingerprint: str, *, now: datetime) -> None:
    with db.conn:
        db.execute(
            "insert or replace into site_state (id, fingerprint, rendered) values (1, ?, ?)",
            [fingerprint, now.isoformat()],
        )


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _epoch() -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC)
