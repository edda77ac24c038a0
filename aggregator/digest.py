"""What goes into the next email digest: a pure decision over items and history.

    select_digest(items, included_before=..., reminded_before=..., last_digest_at=...,
                  now=now, first_digest_days=7)  -> DigestContent

- **New** means first seen at or after the last digest was built and in no
  digest yet: not a fixed window, so a missed week is caught up in the next
  digest and nothing is sent twice.
- The **first** digest covers only items published in the last
  `first_digest_days` days, not the whole back catalogue. Later, an item
  published more than `first_digest_days` before the last digest is back
  catalogue too (a partner added to feeds.yaml brings its archive): it is
  on the site, but not news to mail out.
- **Calls**: new calls still open (deadline today or later, or none), closing
  soonest first, undated calls last.
- **Closing soon**: calls sent in an earlier digest whose deadline falls in the
  next `CLOSING_SOON_DAYS` days, each reminded once.
- **Events** and **news**: grouped by partner (the item's first source;
  `Item.sources` already merges a re-post by several partners into one item).

"Today" is the date of `now` in its own time zone: pass `now` in the digest's
time zone for deadlines to be counted from the readers' date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from aggregator.types import DigestContent, Item, PartnerGroup

#: A call already sent is reminded when its deadline is this close.
CLOSING_SOON_DAYS = 14

_NO_PARTNER = "Other sources"


def select_digest(
    items: Sequence[Item],
    *,
    included_before: set[str] | frozenset[str],
    reminded_before: set[str] | frozenset[str],
    last_digest_at: datetime | None,
    now: datetime,
    first_digest_days: int,
) -> DigestContent:
    """Choose the content of the next digest."""
    today = now.date()
    new = [
        item
        for item in items
        if item.id not in included_before
        and _is_new(
            item, last_digest_at=last_digest_at, now=now, first_digest_days=first_digest_days
        )
    ]
    calls = sorted(
        (item for item in new if item.kind == "call" and _is_open(item, today)),
        key=_closing_order,
    )
    new_ids = {item.id for item in new}
    horizon = today + timedelta(days=CLOSING_SOON_DAYS)
    closing_soon = sorted(
        (
            item
            for item in items
            if item.kind == "call"
            and item.id in included_before
            and item.id not in reminded_before
            and item.id not in new_ids
            and item.deadline is not None
            and today <= item.deadline <= horizon
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


def days_left(deadline: date, today: date) -> int:
    """Whole days from `today` to `deadline` (0 on the day itself)."""
    return (deadline - today).days


def _is_new(
    item: Item, *, last_digest_at: datetime | None, now: datetime, first_digest_days: int
) -> bool:
    back_catalogue = timedelta(days=first_digest_days)
    if last_digest_at is None:
        return item.published >= now - back_catalogue
    return item.first_seen >= last_digest_at and item.published >= last_digest_at - back_catalogue


def _is_open(item: Item, today: date) -> bool:
    return item.deadline is None or item.deadline >= today


def _closing_order(item: Item) -> tuple[bool, date, str]:
    return (item.deadline is None, item.deadline or date.max, item.title.casefold())


def _newest_first(item: Item) -> tuple[float, str]:
    return (-item.published.timestamp(), item.title.casefold())
