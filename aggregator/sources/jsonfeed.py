"""Reading a JSON Feed (https://jsonfeed.org, versions 1 and 1.1) into items.

    is_json_feed(body)                -> whether to read it here, not with feedparser
    parse_json_feed(body, url)        -> ParsedFeed

feedparser 6.0 reads RSS and Atom only. A JSON Feed is plain JSON, so this
is a mapping of its fields onto ParsedItem, with the same rules as feed.py:
links made absolute against the feed's address (only http/https kept), HTML
sanitised by nh3, text escaped, control characters removed. Any field of the
wrong type is treated as missing; an item with neither title, link nor text
is skipped (and counted in the feed's warning), one with no title is titled
by the first words of its text (`sanitize.title_from_text`, as feed.py does).
A date without a time is noon UTC (`dates.midday`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..dates import midday, normalise_language
from ..errors import ParseError
from ..sanitize import clean_html, plain_text, scrub, text_to_html, title_from_text
from ..types import ParsedFeed, ParsedItem, Source
from ..urls import absolute_url

_VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(body: bytes) -> bool:
    """Whether the body is JSON rather than XML: it starts with "{" (whatever the
    server calls it; RSS and Atom never do)."""
    return body.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{"


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    """Items of a JSON Feed body; ParseError if it is not one."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly nested arrays
        raise ParseError(url, f"not a JSON Feed: {type(exc).__name__}: {exc}") from None
    if not isinstance(data, dict) or not _text(data.get("version")).startswith(_VERSION_PREFIX):
        raise ParseError(url, "not a JSON Feed (no https://jsonfeed.org/version/ in 'version')")
    home = absolute_url(url, _text(data.get("home_page_url")) or None)
    language = normalise_language(_text(data.get("language")) or None)
    items: list[ParsedItem] = []
    seen: set[str] = set()
    entries = _list(data.get("items"))
    empty = 0
    for entry in entries:
        item = _item(entry, url, language) if isinstance(entry, dict) else None
        if item is None:
            empty += 1
        elif item.key not in seen:
            seen.add(item.key)
            items.append(item)
    return ParsedFeed(
        title=plain_text(_text(data.get("title"))) or None,
        link=home,
        items=tuple(items),
        language=language,
        warning=empty_entries_warning(empty, len(entries)) if empty else None,
    )


def empty_entries_warning(empty: int, entries: int) -> str:
    """What a run says of a feed some of whose entries had nothing to show (feed.py too)."""
    if empty == entries:
        return f"none of its {entries} entries has a title, a link or any text: nothing was read"
    return f"{empty} of its {entries} entries had no title, link or text and were skipped"


def _item(entry: dict[str, Any], url: str, feed_language: str | None) -> ParsedItem | None:
    link = absolute_url(url, _text(entry.get("url")) or _text(entry.get("external_url")) or None)
    title = plain_text(_text(entry.get("title")))
    content_html = _text(entry.get("content_html"))
    content = (
        clean_html(content_html, base=url)
        if content_html
        else text_to_html(_text(entry.get("content_text")))
    )
    summary = text_to_html(_text(entry.get("summary")))  # plain text in the spec
    if not title:
        # made as feed.py makes it, from the text the item shows
        title = title_from_text(summary or content)
        if not title and not link:
            return None
        title = title or link or "(untitled)"
    key = _text(entry.get("id")) or link
    if not key:
        key = "sha256:" + hashlib.sha256((title + "\n" + content).encode()).hexdigest()
    authors = [entry.get("author"), *_list(entry.get("authors"))]  # "author": version 1
    names = [plain_text(_text(a.get("name"))) for a in authors if isinstance(a, dict)]
    return ParsedItem(
        key=key,
        title=title,
        link=link,
        summary=summary,
        content="" if content == summary else content,
        published=_when(entry.get("date_published")) or _when(entry.get("date_modified")),
        updated=_when(entry.get("date_modified")),
        author=", ".join(name for name in names if name) or None,
        language=normalise_language(_text(entry.get("language")) or None) or feed_language,
        categories=tuple(tag for tag in (_text(t) for t in _list(entry.get("tags"))) if tag),
    )


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: object) -> str:
    """A string field, stripped and scrubbed; anything else is missing."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # an id written as a number
    return scrub(value).strip() if isinstance(value, str) else ""


def _when(value: object) -> datetime | None:
    """An RFC 3339 date (as JSON Feed requires), in UTC."""
    text = _text(value)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if len(text) <= 10:  # "2026-12-02": a day, not its first second
        return midday(moment.date())
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def recognises(body: bytes) -> bool:
    """Whether the body is for this reader (see `is_json_feed`)."""
    return is_json_feed(body)


def read(
    body: bytes,
    url: str,
    source: Source,
    *,
    headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """The `READERS` entry point: the items of a JSON Feed body."""
    return parse_json_feed(body, url)
