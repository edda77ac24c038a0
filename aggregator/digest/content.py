"""What goes into the next email digest: a pure decision over items and history.

    select_digest(items, included_before=..., reminded_before=..., last_digest_at=...,
                  now=now, first_digest_days=7, open_days=60)  -> DigestContent

- **New** means first seen at or after the last digest was built and in no
  digest yet: not a fixed window, so a missed week is caught up in the next
  digest and nothing is sent twice.
- A new **open call** is always included, however long ago it was published:
  a call found late can still be answered, and once this digest is past it
  would never be new again. Open is `select.is_open_call`, as on the site:
  a deadline today or later, or no deadline and published within `open_days`.
- Anything else new is included only if it was published recently: within
  `first_digest_days` before now for the **first** digest, before the last
  digest later on. Older items are back catalogue (a partner added to
  feeds.yaml brings its archive): on the site, but not news to mail out.
  A call already closed is never included.
- **Calls**: the new open calls, closing soonest first, undated calls last.
- **Closing soon**: calls sent in an earlier digest whose deadline falls in the
  next `CLOSING_SOON_DAYS` days, each reminded once, but not within
  `REMIND_AFTER_DAYS` of a digest that already showed it closing.
- **Events** and **news**: grouped by partner (the item's first source;
  `Item.sources` already merges a re-post by several partners into one item).

"Today" is the date of `now` in its own time zone: pass `now` in the digest's
time zone for deadlines to be counted from the readers' date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from ..select import days_left, is_open_call, status_on
from ..types import DigestContent, Item, PartnerGroup

#: A call already sent is reminded when its deadline is this close.
CLOSING_SOON_DAYS = 14
#: ...unless the digest that carried it, less than this many days ago, showed it closing.
REMIND_AFTER_DAYS = 7
#: How long a call without a deadline stays open unless the caller says otherwise.
DEFAULT_OPEN_DAYS = 60

_NO_PARTNER = "Other sources"


def select_digest(
    items: Sequence[Item],
    *,
    included_before: set[str] | frozenset[str],
    reminded_before: set[str] | frozenset[str],
    included_at: Mapping[str, datetime] | None = None,
    last_digest_at: datetime | None,
    now: datetime,
    first_digest_days: int,
    open_days: int = DEFAULT_OPEN_DAYS,
) -> DigestContent:
    """Choose the content of the next digest (see the module docstring for the rules).

    `open_days` is how long a call without a deadline stays open
    (`Config.open_call_days`), so the digest and the site agree on it.
    """
    today = now.date()
    recent_since = (last_digest_at or now) - timedelta(days=first_digest_days)
    new = []
    for item in items:
        if item.id in included_before:
            continue
        if last_digest_at is not None and item.first_seen < last_digest_at:
            continue  # a candidate for an earlier digest already
        if item.kind == "call":
            open_now = is_open_call(item, today=today, open_days=open_days)
            if open_now or status_on(item, today) == "forthcoming":  # announced: listed too
                new.append(item)
        elif item.published >= recent_since:
            new.append(item)
    calls = sorted((item for item in new if item.kind == "call"), key=_closing_order)
    new_ids = {item.id for item in new}
    closing_soon = sorted(
        (
            item
            for item in items
            if item.kind == "call"
            and item.id in included_before
            and item.id not in reminded_before
            and not _shown_closing(item, (included_at or {}).get(item.id), today)
            and item.id not in new_ids
            and _closes_within(item, today, CLOSING_SOON_DAYS)
        ),
        key=_closing_order,
    )
    return DigestContent(
        today=today,
        since=last_digest_at,
        calls=tuple(calls),
        closing_soon=tuple(closing_soon),
        events=group_by_partner(item for item in new if item.kind == "event"),
        news=group_by_partner(item for item in new if item.kind == "news"),
    )


def group_by_partner(items: Iterable[Item]) -> tuple[PartnerGroup, ...]:
    """Items grouped under their first partner, partners A-Z, newest item first."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        partner = item.sources[0].name if item.sources else _NO_PARTNER
        groups.setdefault(partner, []).append(item)
    return tuple(
        PartnerGroup(partner, tuple(sorted(members, key=_newest_first)))
        for partner, members in sorted(groups.items(), key=lambda pair: pair[0].casefold())
    )


def _shown_closing(item: Item, included: datetime | None, today: date) -> bool:
    """Whether the digest that carried the call showed it closing within
    `CLOSING_SOON_DAYS` less than `REMIND_AFTER_DAYS` ago: too soon to remind it."""
    if included is None or item.deadline is None:
        return False
    shown_closing = (item.deadline - included.date()).days <= CLOSING_SOON_DAYS
    return shown_closing and (today - included.date()).days < REMIND_AFTER_DAYS


def _closes_within(item: Item, today: date, days: int) -> bool:
    left = days_left(item, today)
    return left is not None and 0 <= left <= days


def _closing_order(item: Item) -> tuple[bool, date, str]:
    return (item.deadline is None, item.deadline or date.max, item.title.casefold())


def _newest_first(item: Item) -> tuple[float, str]:
    return (-item.published.timestamp(), item.title.casefold())
