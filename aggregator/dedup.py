"""Deduplication as a pure decision: what one poll of a source changes in storage.

    store.stored_view(db, feed_url, entries) -> Stored     (loads `wanted_ids`)
    plan_items(feed_url, entries, stored, now=now)   -> Plan       (pure)
    store.apply_plan(db, feed_url, plan, now=now)                 (writes it)

Identity rules:

- within a source, an entry is identified by its key (guid, else link, else
  a content hash): the same key seen again with a new title is an *edit*;
- across sources, an item is identified by the canonical URL of its link
  (`item_id`), so a call re-posted by three partners is one item with three
  sources;
- an item shows its publisher's version, and only the publisher's edits
  change it (`urls.publisher`: the source on the item's own host or site,
  else the one whose link for it is not tagged for tracking when another's
  is, else the first to store it); another source's changes stay in its own
  row, and a re-post whose link moves becomes a source of that other item.

Beside them, `group_translations`: which stored items are the versions of
one item in several languages, shown together (their publisher must be one).

`plan_items` has no I/O and no clock: storage loads what it needs
beforehand (`Stored`, for the ids `wanted_ids` names) and applies the
`Plan` afterwards, in the order the plan lists its steps.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .types import Classification, ClassifiedItem, Item, ParsedItem, SourceRef
from .urls import canonical_url, host_key, publisher, safe_link

#: The columns of what we read of a call's or event's dates (migration m005).
CALL_COLUMNS = (
    "status",
    "status_reason",
    "opens",
    "deadline_extended",
    "key_dates",
    "event_start",
    "event_end",
    "event_online",
    "confidence",
    "classifier",
)

#: The columns of an item that its publisher's edits replace.
EDITABLE = (
    "link",
    "title",
    "summary",
    "published",
    "kind",
    "kind_reason",
    "deadline",
    "deadline_phrase",
    "language",
    "tags",
    "translations",
    *CALL_COLUMNS,
)


def item_id(basis: str) -> str:
    """An item's id, from its canonical URL (else from its source and key)."""
    return hashlib.sha256(basis.encode()).hexdigest()[:24]


def content_hash(ci: ClassifiedItem) -> str:
    """What an entry said and what we decided about it: a change is an edit."""
    parsed, decided = ci.parsed, ci.classification
    basis = "\x1f".join(
        [
            parsed.title,
            parsed.link or "",
            parsed.summary,
            parsed.content,
            parsed.published.isoformat() if parsed.published else "",
            decided.kind,
            decided.deadline.isoformat() if decided.deadline else "",
            ",".join(decided.tags),
            decided.status or "",
            decided.opens.isoformat() if decided.opens else "",
            repr(decided.event),
        ]
    )
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def item_row(ci: ClassifiedItem, now: datetime) -> dict[str, Any]:
    """The item's columns as an entry gives them (a future date becomes `now`)."""
    parsed, decided = ci.parsed, ci.classification
    published = parsed.published or now
    if published > now:  # a future date would pin the item to the top
        published = now
    return {
        "link": parsed.link,
        "title": parsed.title,
        "summary": parsed.summary or parsed.content,
        "published": published.isoformat(),
        "kind": decided.kind,
        "kind_reason": decided.kind_reason,
        "deadline": decided.deadline.isoformat() if decided.deadline else None,
        "deadline_phrase": decided.deadline_phrase,
        "language": decided.language,
        "tags": json.dumps(list(decided.tags)),
        "translations": json.dumps([list(pair) for pair in parsed.translations]),
        **call_columns(decided),
    }


def call_columns(decided: Classification) -> dict[str, Any]:
    """A classification's status, dates and confidence, as stored."""
    event = decided.event
    return {
        "status": decided.status,
        "status_reason": decided.status_reason,
        "opens": decided.opens.isoformat() if decided.opens else None,
        "deadline_extended": int(decided.deadline_extended),
        "key_dates": json.dumps([[k.what, k.date.isoformat()] for k in decided.key_dates]),
        "event_start": event.start.isoformat() if event else None,
        "event_end": event.end.isoformat() if event else None,
        "event_online": None if event is None or event.online is None else int(event.online),
        "confidence": decided.confidence,
        "classifier": decided.classifier,
    }


# --- what storage holds, as plain data ---------------------------------------


@dataclass(frozen=True)
class StoredRow:
    """One source's entry for a stored item (a row of `item_sources`)."""

    feed_url: str
    key: str
    #: ISO timestamp; the publisher rule reads the sources first stored first.
    first_seen: str
    #: The source's link for the item, which the publisher rule also reads.
    link: str | None = None


@dataclass(frozen=True)
class StoredItem:
    """A stored item as dedup needs it: its canonical URL and its sources in order."""

    url: str | None
    #: Ordered by first_seen, then the order they were stored in.
    rows: tuple[StoredRow, ...] = ()


@dataclass(frozen=True)
class Stored:
    """What is already stored, for one source's poll."""

    #: The source's entries already stored: key -> (item id, content hash).
    known: Mapping[str, tuple[str, str]]
    #: The stored items among those `wanted_ids` named.
    items: Mapping[str, StoredItem] = field(default_factory=dict)


def candidate_ids(source_url: str, key: str, link: str | None) -> tuple[str | None, str]:
    """(canonical URL, item id) of a new entry's item."""
    url = canonical_url(link) if link else None
    return url, item_id(url or f"{source_url}\n{key}")


def linked_elsewhere(parsed: ParsedItem, current: str) -> tuple[str, str] | None:
    """(canonical URL, item id) of the item a re-posted entry now links to, when
    its link has changed to another item's; None otherwise."""
    if not parsed.link:
        return None
    url = canonical_url(parsed.link)
    moved = item_id(url)
    return None if moved == current else (url, moved)


def wanted_ids(
    source_url: str,
    entries: Sequence[ClassifiedItem],
    known: Mapping[str, tuple[str, str]],
) -> set[str]:
    """The item ids `plan_items` may ask about: load these into `Stored.items`."""
    wanted: set[str] = set()
    for ci in entries:
        parsed = ci.parsed
        if parsed.key not in known:
            wanted.add(candidate_ids(source_url, parsed.key, parsed.link)[1])
            continue
        current, old_hash = known[parsed.key]
        if old_hash != content_hash(ci):
            wanted.add(current)
            moved = linked_elsewhere(parsed, current)
            if moved is not None:
                wanted.add(moved[1])
    return wanted


# --- the plan ----------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """A changed entry: its source row is updated, its item too when `to_item`."""

    key: str
    item_id: str
    title: str
    link: str | None
    digest: str
    #: The item's new columns (only those in EDITABLE are applied).
    row: Mapping[str, Any]
    #: Whether this source is the item's publisher, so its edit changes the item.
    to_item: bool
    #: Whether the entry gave a date (else the item keeps its published date).
    dated: bool = True


@dataclass(frozen=True)
class Move:
    """A re-post whose link now leads to another item: its old row is dropped."""

    key: str
    from_item: str
    to_item: str


@dataclass(frozen=True)
class NewItem:
    """An item nobody stored before."""

    id: str
    url: str | None
    row: Mapping[str, Any]
    kind: str
    kind_reason: str
    deadline_phrase: str | None
    language: str | None


@dataclass(frozen=True)
class Link:
    """A new row of `item_sources`: this source's entry for an item."""

    key: str
    item_id: str
    title: str
    link: str | None
    digest: str


@dataclass(frozen=True)
class Plan:
    """What storing one poll of a source does, in order: `steps` (edits and moves,
    as they were decided), `seen_again`, `new_items`, `links`, then `takeovers`."""

    #: Edits and moves of entries already stored, in the order decided.
    steps: tuple[Edit | Move, ...] = ()
    #: Keys of entries seen again unchanged.
    seen_again: tuple[str, ...] = ()
    new_items: tuple[NewItem, ...] = ()
    links: tuple[Link, ...] = ()
    #: A re-poster stored these first; this source, their publisher, replaces its version.
    takeovers: tuple[Edit, ...] = ()

    @property
    def new(self) -> int:
        """How many items this poll adds."""
        return len(self.new_items)

    @property
    def updated(self) -> int:
        """How many items this poll changes."""
        edited = sum(1 for step in self.steps if isinstance(step, Edit) and step.to_item)
        return edited + len(self.takeovers)


def plan_items(
    source_url: str,
    entries: Sequence[ClassifiedItem],
    stored: Stored,
    *,
    now: datetime,
    held: bool = False,
) -> Plan:
    """Decide what one poll of `source_url` adds and changes; no I/O.

    `entries` have distinct keys (the readers drop repeated ones);
    `stored.items` must hold every stored item among `wanted_ids(...)`.
    Held-back polls add items (held) but never take over another's version.
    """
    stamp = now.isoformat()
    known = dict(stored.known)
    # the sources of each item as the plan changes them, for the publisher rule
    rows = {item: list(found.rows) for item, found in stored.items.items()}
    existing = set(stored.items)
    carried = {item for item, _ in known.values()}  # items this source already has
    steps: list[Edit | Move] = []
    seen_again: list[str] = []
    new_items: list[NewItem] = []
    links: list[Link] = []
    joined: dict[str, Edit] = {}

    def publisher_of(item: str) -> str | None:
        found = stored.items.get(item)
        item_rows = rows.get(item, ())
        feeds = [row.feed_url for row in item_rows]
        links = [row.link for row in item_rows]
        return publisher(found.url or "", feeds, links) if found and feeds else None

    for ci in entries:
        parsed, decided = ci.parsed, ci.classification
        digest = content_hash(ci)
        row = item_row(ci, now)

        if parsed.key in known:
            current, old_hash = known[parsed.key]
            if old_hash == digest:
                seen_again.append(parsed.key)
                continue
            # only the item's publisher edits it: a re-post can never retitle,
            # relink or reclassify another partner's call
            first = publisher_of(current) == source_url
            moved = None if first else linked_elsewhere(parsed, current)
            if moved is None:
                steps.append(_edit(parsed, digest, row, current, first))
                continue
            # A re-post whose link now leads elsewhere is no longer this item's
            # source: it is stored as a source of the item it now links to.
            steps.append(Move(key=parsed.key, from_item=current, to_item=moved[1]))
            rows[current] = [
                r for r in rows.get(current, ()) if (r.feed_url, r.key) != (source_url, parsed.key)
            ]
            url: str | None
            url, target = moved
        else:
            url, target = candidate_ids(source_url, parsed.key, parsed.link)
        if target not in existing:
            new_items.append(
                NewItem(
                    id=target,
                    url=url,
                    row=row,
                    kind=decided.kind,
                    kind_reason=decided.kind_reason,
                    deadline_phrase=decided.deadline_phrase,
                    language=decided.language,
                )
            )
            existing.add(target)
        elif target in stored.items and target not in carried and not held:
            # its first entry for it
            joined.setdefault(target, _edit(parsed, digest, row, target, True))
        link = Link(
            key=parsed.key, item_id=target, title=parsed.title, link=parsed.link, digest=digest
        )
        links.append(link)
        known[parsed.key] = (target, digest)

    # the new rows are stored last: the publisher rule then sees them after the others
    for link in links:
        bucket = rows.setdefault(link.item_id, [])
        bucket[:] = [r for r in bucket if (r.feed_url, r.key) != (source_url, link.key)]
        at = len(bucket)
        while at and bucket[at - 1].first_seen > stamp:
            at -= 1
        bucket.insert(
            at, StoredRow(feed_url=source_url, key=link.key, first_seen=stamp, link=link.link)
        )
    takeovers = tuple(edit for item, edit in joined.items() if publisher_of(item) == source_url)
    return Plan(
        steps=tuple(steps),
        seen_again=tuple(seen_again),
        new_items=tuple(new_items),
        links=tuple(links),
        takeovers=takeovers,
    )


def _edit(
    parsed: ParsedItem, digest: str, row: Mapping[str, Any], item: str, to_item: bool
) -> Edit:
    return Edit(
        key=parsed.key,
        item_id=item,
        title=parsed.title,
        link=parsed.link,
        digest=digest,
        row=row,
        to_item=to_item,
        dated=parsed.published is not None,
    )


# --- translations ------------------------------------------------------------


@dataclass(frozen=True)
class ItemGroup:
    """One item and the versions of it in other languages, shown together."""

    #: The version shown first (by default the English one, else the first in order).
    lead: Item
    #: Other items that are translations of `lead`, in the order they came.
    others: tuple[Item, ...] = ()
    #: Translations the lead names that are not among the items: ((lang, url), ...).
    links: tuple[tuple[str, str], ...] = ()

    @property
    def items(self) -> tuple[Item, ...]:
        return (self.lead, *self.others)


def _same_publisher(a: Item, b: Item) -> bool:
    """Both items have one publisher (`urls.publisher`): the same source, or sources
    on the very host both items are on (a partner with a feed per language).
    Re-posting another's item, or linking to its site, publishes nothing."""
    first, second = _publisher_of(a), _publisher_of(b)
    if first is None or second is None:
        return False
    if first.name == second.name:
        return True
    hosts = {
        host_key(first.feed),
        host_key(second.feed),
        host_key(a.url or ""),
        host_key(b.url or ""),
    }
    return len(hosts) == 1 and "" not in hosts


def _publisher_of(item: Item) -> SourceRef | None:
    feed = publisher(
        item.url or "",
        [source.feed for source in item.sources],
        [source.link for source in item.sources],
    )
    return next((source for source in item.sources if source.feed == feed), None)


def group_translations(
    items: Sequence[Item], *, prefer_language: str | None = "en"
) -> list[ItemGroup]:
    """Gather the versions of one item in several languages into one group.

    Two items belong together when one lists the other's `link` or canonical
    `url` among its translations (either way round, and transitively) and both
    have one publisher (`_same_publisher`): re-posting another partner's item
    or linking to its site does not fold that item under one's own.
    Groups keep the order of their first member in `items`; within a group
    the version in `prefer_language` leads, else the first in order.
    Translations that name no item in `items` stay on the lead as links.
    """
    index_by_url: dict[str, int] = {}
    for position, item in enumerate(items):
        for url in (item.url, item.link):
            key = _url_key(url)
            if key is not None:
                index_by_url.setdefault(key, position)

    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    unmatched: list[list[tuple[str, str]]] = [[] for _ in items]
    for position, item in enumerate(items):
        for lang, url in item.translations:
            key = _url_key(url)
            other = index_by_url.get(key) if key is not None else None
            if other is not None and not _same_publisher(item, items[other]):
                other = None
            if other is None:
                link = safe_link(url)
                if link is not None:
                    unmatched[position].append((lang, link))
            elif other != position:
                a, b = root(position), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)

    members: dict[int, list[int]] = {}
    for position in range(len(items)):
        members.setdefault(root(position), []).append(position)

    groups = []
    for positions in members.values():  # dict order: by first member's position
        lead = positions[0]
        if prefer_language is not None:
            lead = next((p for p in positions if items[p].language == prefer_language), lead)
        others = tuple(items[p] for p in positions if p != lead)
        present = {items[p].language for p in positions}
        links: list[tuple[str, str]] = []
        seen: set[str] = set()
        for p in [lead, *(p for p in positions if p != lead)]:
            for lang, link in unmatched[p]:
                if lang not in present and lang not in seen:
                    seen.add(lang)
                    links.append((lang, link))
        groups.append(ItemGroup(lead=items[lead], others=others, links=tuple(links)))
    return groups


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return canonical_url(url)
    except ValueError:  # e.g. a malformed port
        return None
