"""Adding and previewing sources: `aggregator add` and `aggregator preview` (docs/pages.md).

    propose_source(config, url)   fetch_url | inspect_response (feed, page with a feed,
                                  or page) | check_new_source  -> NewSource
    add_source(config, proposal)  append_source (feeds.yaml, comments kept)
    preview_source(config, name)  fetch_url | read_source      -> Preview

A preview reads a source exactly as a run would (`read.read_source`)
but stores nothing. Kept apart from the run so that an hourly
`aggregator run` never loads the discovery code.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from .errors import AggregatorError, SourceError
from .feeds_file import append_source, check_new_source
from .read import read_source
from .runtime import project_version
from .sources import reader_of
from .sources.discover import feed_title, inspect_response
from .sources.fetch import fetch_advertised, fetch_one, make_client, resolved_url, user_agent
from .types import Config, Discovery, FeedState, Fetched, NewSource, Preview, Source

log = logging.getLogger("aggregator")


def fetch_url(
    config: Config,
    url: str,
    *,
    found_on: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Fetched:
    """One GET of `url` with the project's fetcher: its User-Agent, timeouts and size cap.

    `found_on`: the page that advertised `url` as its feed; it is then
    followed as a run follows it (`fetch_advertised`): an internal address is
    refused unless that page's own address is internal.
    """

    async def fetch() -> Fetched:
        agent = user_agent(project_version(), config.contact or config.site_url)
        async with make_client(config.fetch, agent, transport=transport) as client:
            if found_on is not None:
                page = Source(name=found_on, url=found_on)
                return await fetch_advertised(client, page, url, config.fetch)
            source = Source(name=url, url=url)
            return await fetch_one(client, source, FeedState(url=url), config.fetch, url=url)

    try:
        return asyncio.run(fetch())
    except SourceError as exc:
        raise SourceError(url, f"could not fetch {url}: {exc.message}") from exc


def propose_source(
    config: Config,
    url: str,
    *,
    name: str | None = None,
    now: datetime | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> NewSource:
    """What `url` is and the feeds.yaml entry to add for it; nothing is written.

    A feed is added as a feed; a page advertising a readable feed adds that
    feed; any other page gets proposed selectors and a preview of its items.
    Raises ConfigError when the file already lists the URL or the name, and
    AggregatorError when the page holds no list of items to read.
    """
    now = now or datetime.now(UTC)
    check_new_source(config.path, name=name, url=url)  # before fetching anything
    fetched = fetch_url(config, url, transport=transport)
    content_type = _content_type(fetched)
    discovery = inspect_response(fetched.body, fetched.url, content_type, now=now)
    if discovery.kind == "page-with-feed" and discovery.feed_url:
        discovery = _advertised_feed(config, discovery, fetched, now, transport)
    elif discovery.kind == "feed":
        # Poll where a permanent redirect leads, not where a temporary one went.
        discovery = replace(discovery, feed_url=fetched.moved_to or url)
    if discovery.kind == "page" and discovery.selectors is None:
        raise AggregatorError(
            f"{url}: no feed and no repeated list of items found on the page; "
            "write its selectors in feeds.yaml by hand (see docs/pages.md)"
        )
    entry: dict[str, object] = {
        "name": (name or discovery.title or urlsplit(url).netloc).strip(),
        "url": discovery.feed_url if discovery.kind != "page" else fetched.moved_to or url,
    }
    if discovery.kind == "page" and discovery.selectors is not None:
        entry["type"] = "page"
        languages = {item.language for item in discovery.preview}
        if len(languages) == 1 and (language := languages.pop()) in ("en", "fr", "es"):
            entry["language"] = language
        entry["selectors"] = {
            key: value for key, value in asdict(discovery.selectors).items() if value
        }
    check_new_source(config.path, name=str(entry["name"]), url=str(entry["url"]))
    return NewSource(discovery=discovery, entry=entry)


def _advertised_feed(
    config: Config,
    page: Discovery,
    fetched: Fetched,
    now: datetime,
    transport: httpx.AsyncBaseTransport | None,
) -> Discovery:
    """The page's advertised feed if it reads as one; else the page itself, with selectors."""
    assert page.feed_url is not None
    try:
        feed = fetch_url(config, page.feed_url, found_on=page.url, transport=transport)
    except SourceError as exc:
        log.warning("%s: advertised feed unreadable (%s); reading the page", page.url, exc.message)
    else:
        title = feed_title(feed.body, _content_type(feed))
        if title is not None:
            feed_url = resolved_url(page.feed_url, feed)
            return replace(page, title=title or page.title, feed_url=feed_url)
        log.warning("%s: advertised feed %s is not a feed; reading the page", page.url, feed.url)
    return inspect_response(
        fetched.body, fetched.url, _content_type(fetched), now=now, follow_feed_links=False
    )


def add_source(config: Config, proposal: NewSource) -> None:
    """Append the proposed entry to feeds.yaml, keeping its comments and layout."""
    append_source(config.path, proposal.entry)


def preview_source(
    config: Config,
    name_or_url: str,
    *,
    now: datetime | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Preview:
    """The items a source (by name or URL) yields right now, classified; nothing is stored.

    A URL not in feeds.yaml is read as a feed if it is one, else as a page in
    automatic mode.
    """
    now = now or datetime.now(UTC)
    source = config.source(name_or_url)
    if source is None:
        if urlsplit(name_or_url).scheme not in ("http", "https"):
            raise AggregatorError(f"no source named {name_or_url!r} in {config.path}")
        source = Source(name=name_or_url, url=name_or_url, type="page")
    fetched = fetch_url(config, source.url, transport=transport)
    as_feed = (
        not reader_of(source).is_page
        or feed_title(fetched.body, _content_type(fetched)) is not None
    )
    parsed, items = read_source(
        source, fetched.body, fetched.url, fetched.headers, config.rules, now, as_feed
    )
    feed_url = None
    if parsed.alternate_feed:
        feed_url = parsed.alternate_feed
        fetched = fetch_url(config, feed_url, found_on=source.url, transport=transport)
        parsed, items = read_source(
            source, fetched.body, fetched.url, fetched.headers, config.rules, now, True
        )
    return Preview(
        source=source,
        title=parsed.title,
        items=tuple(items),
        feed_url=feed_url,
        warning=parsed.warning,
    )


def _content_type(fetched: Fetched) -> str | None:
    for key, value in fetched.headers.items():
        if key.lower() == "content-type":
            return value
    return None
