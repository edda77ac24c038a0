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

from aggregator.types import Item


def newest_first_key(item: Item) -> tuple[float, float, str]:
    """Sort key putting the newest publication first (then the newest first seen, then id)."""
    return (-item.published.timestamp(), -item.first_seen.timestamp(), item.id)


def latest(items: Iterable[Item], n: int) -> list[Item]:
    """The `n` newest items by publication date, newest first."""
    if n <= 0:
        return []
    return sorted(items, key=newest_first_key)[:n]


def is_open_call(item: Item, *, today: date, open_days: int) -> bool:
    """Whether `item` is a call that can still be answered on `today`."""
    if item.kind != "call":
        return False
    if item.deadline is not None:
        return item.deadline >= today
    return item.published.date() >= today - timedelta(days=open_days)


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
    has none; the date it closed orders the archive.
    """
    closed = [
        item
        for item in items
        if item.kind == "call" and not is_open_call(item, today=today, open_days=open_days)
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
    """The item's topic and region slugs (its tags, and the site's facets when it has them)."""
    found = set(item.tags)
    for facet in ("topics", "regions"):
        found.update(getattr(item, facet, None) or ())
    return frozenset(tag.casefold() for tag in found)


def item_countries(item: Item) -> frozenset[str]:
    """The ISO codes of the countries the item is about (tags that are codes count)."""
    found = {code.upper() for code in getattr(item, "countries", None) or ()}
    found.update(tag.upper() for tag in item.tags if len(tag) == 2 and tag.isalpha())
    return frozenset(found)
