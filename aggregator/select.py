"""Choosing and ordering the items each published output shows.

    latest(items, 100)                              -> the newest 100, for feed.xml
    open_calls(items, today=d, open_days=60)         -> calls still open, closing soonest first
    closed_calls(items, today=d, open_days=60)       -> the archive: calls no longer open
    news(items)                                      -> events and news, newest first

A call is open while its deadline is today or later; a call with no
deadline stays open `open_days` days after publication. A past deadline is
never open. Everything here is pure: the caller passes `today`. The
versions of one item in several languages are grouped by
`dedup.group_translations`; links are made safe to publish by
`urls.safe_link`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from aggregator.types import CallStatus, Item


def newest_first_key(item: Item) -> tuple[float, float, str]:
    """Sort key putting the newest publication first (then the newest first seen, then id)."""
    return (-item.published.timestamp(), -item.first_seen.timestamp(), item.id)


def latest(items: Iterable[Item], n: int) -> list[Item]:
    """The `n` newest items by publication date, newest first."""
    if n <= 0:
        return []
    return sorted(items, key=newest_first_key)[:n]


def status_on_day(
    status: CallStatus | None, deadline: date | None, opens: date | None, day: date
) -> CallStatus | None:
    """What a call's status is on `day`, from what its text said when published.

    A forthcoming call whose opening day has come is open (rolling without a
    deadline); an open or rolling call whose deadline has passed is closed.
    """
    if status is None:
        return None
    if status == "forthcoming" and opens is not None and opens <= day:
        status = "open" if deadline is not None else "rolling"
    if status in ("open", "rolling") and deadline is not None and deadline < day:
        return "closed"
    return status


def status_on(item: Item, today: date) -> CallStatus | None:
    """A call's status on `today` (None for events and news); a call stored before
    statuses were read is open with a deadline, rolling without."""
    if item.kind != "call":
        return None
    said = item.status or ("open" if item.deadline is not None else "rolling")
    return status_on_day(said, item.deadline, item.opens, today)


def is_open_call(item: Item, *, today: date, open_days: int) -> bool:
    """Whether `item` is a call that can be answered on `today`: open until its
    deadline, or rolling and published in the last `open_days` days."""
    status = status_on(item, today)
    if status == "open":
        return True
    return status == "rolling" and item.published.date() >= today - timedelta(days=open_days)


def forthcoming_calls(items: Iterable[Item], *, today: date) -> list[Item]:
    """Calls announced but not open yet on `today`: opening soonest first, then newest."""
    found = [item for item in items if status_on(item, today) == "forthcoming"]
    return sorted(
        found,
        key=lambda item: (item.opens or date.max, *newest_first_key(item)),
    )


def upcoming_events(items: Iterable[Item], *, today: date) -> list[Item]:
    """Events whose dates have not all passed on `today`, soonest first."""
    found = [
        item
        for item in items
        if item.kind == "event" and item.event is not None and item.event.end >= today
    ]
    return sorted(
        found, key=lambda item: (item.event.start, item.id) if item.event else (today, "")
    )


def open_calls(items: Iterable[Item], *, today: date, open_days: int) -> list[Item]:
    """Open calls: those with a deadline closing soonest first, then the others newest first."""
    found = [item for item in items if is_open_call(item, today=today, open_days=open_days)]
    dated = sorted(
        (item for item in found if item.deadline is not None),
        key=lambda item: (item.deadline, *newest_first_key(item)),
    )
    undated = sorted((item for item in found if item.deadline is None), key=newest_first_key)
    return dated + undated


def closed_calls(items: Iterable[Item], *, today: date, open_days: int) -> list[Item]:
    """Calls no longer open (the archive): the most recently closed first.

    A call closes on its deadline, or `open_days` after publication when it
    has none; the date it closed orders the archive. A call announced but not
    open yet (forthcoming) is not closed.
    """
    closed = [
        item
        for item in items
        if item.kind == "call"
        and not is_open_call(item, today=today, open_days=open_days)
        and status_on(item, today) != "forthcoming"
    ]

    def closed_on(item: Item) -> date:
        if item.deadline is not None:
            return item.deadline
        return item.published.date() + timedelta(days=open_days)

    return sorted(closed, key=lambda item: (-closed_on(item).toordinal(), *newest_first_key(item)))


def news(items: Iterable[Item]) -> list[Item]:
    """Everything that is not a call (events and news), newest first."""
    return sorted((item for item in items if item.kind != "call"), key=newest_first_key)


def days_left(item: Item, today: date) -> int | None:
    """Days from `today` to the item's deadline (0 on the day, negative once past)."""
    if item.deadline is None:
        return None
    return (item.deadline - today).days


def item_topics(item: Item) -> frozenset[str]:
    """The item's topic and region slugs (its facets, from `taxonomy.tag_items`, and its tags)."""
    found = {*item.tags, *item.topics, *item.regions}
    return frozenset(tag.casefold() for tag in found)


def item_countries(item: Item) -> frozenset[str]:
    """The ISO codes of the countries the item is about (tags that are codes count)."""
    found = {code.upper() for code in item.countries}
    found.update(tag.upper() for tag in item.tags if len(tag) == 2 and tag.isalpha())
    return frozenset(found)
