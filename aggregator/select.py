"""Choosing and ordering the items each published output shows.

    latest(items, 100)                              -> the newest 100, for feed.xml
    open_calls(items, today=d, open_days=60)         -> calls still open, closing soonest first
    closed_calls(items, today=d, open_days=60)       -> the archive: calls no longer open
    news(items)                                      -> events and news, newest first
    group_translations(ordered)                      -> the EN/FR/ES versions of one item together

A call is open while its deadline is today or later; a call with no
deadline stays open `open_days` days after publication. A past deadline is
never open. Everything here is pure: the caller passes `today`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote, urlsplit, urlunsplit

from aggregator.types import Item, SourceRef
from aggregator.urls import SAFE_SCHEMES, canonical_url, host_key, publisher

# Characters a published link keeps as they are in its path, query and fragment:
# the URI reserved (but "[" and "]") and unreserved characters, and the "%" of
# existing escapes. Everything else is percent-encoded.
_URL_KEEP = "!#$%&'()*+,/:;=?@~-._"
_USERINFO_KEEP = "!$%&'()*+,;=:~-._"
# A "%" that does not start an escape ("100% gold") stands for itself.
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What the host part of a URL may hold once in ASCII (user:password@host:port, [IPv6]).
_NETLOC = re.compile(r"[A-Za-z0-9!$%&'()*+,;=:@\[\]~._-]+")


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


def safe_link(url: str | None) -> str | None:
    """`url` as a link safe to publish, or None if it is not an absolute http(s) URL.

    Characters a URL may not carry (space, ``"``, ``<``, ``>``, backtick,
    control characters, non-ASCII letters) are percent-encoded in the path,
    query and fragment, and a non-ASCII host is written in punycode:

    >>> safe_link("http://www.partner.example/docs/appel d'offres.pdf")
    "http://www.partner.example/docs/appel%20d'offres.pdf"

    Everything else is kept as the partner wrote it (``http``, ``www.``, a
    trailing slash, existing %-escapes). Other schemes (``javascript:``,
    ``data:``, ``mailto:`` …), relative links and URLs without a usable host
    give None. Escaping for HTML or XML is left to the templates.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or not parts.hostname:
        return None
    netloc = _ascii_netloc(parts.netloc, parts.hostname, parts.port)
    if netloc is None:
        return None
    rest = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    rest = _LONE_PERCENT.sub("%25", rest)
    return f"{scheme}://{netloc}{quote(rest, safe=_URL_KEEP)}"


def _ascii_netloc(netloc: str, hostname: str, port: int | None) -> str | None:
    """`netloc` with a non-ASCII host in punycode; None if it cannot be a host."""
    if not netloc.isascii():
        userinfo, at, _ = netloc.rpartition("@")
        try:
            host = hostname.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        userinfo = quote(userinfo, safe=_USERINFO_KEEP)
        netloc = f"{userinfo}{at}{host}" + (f":{port}" if port is not None else "")
    return netloc if _NETLOC.fullmatch(netloc) else None


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
    feed = publisher(item.url or "", [source.feed for source in item.sources])
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
