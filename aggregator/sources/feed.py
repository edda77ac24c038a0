"""Parsing RSS and Atom feeds with feedparser (JSON Feed: jsonfeed.py).

The body is handed to feedparser as a file object (never a string, which
feedparser could take for a URL or a path), with the response headers, so
the encoding comes out right. Relative links are resolved against the final
URL here and in the nh3 pass; feedparser is given that URL only when the
feed sets an xml:base, which it must then resolve. Every piece of HTML is
sanitised with nh3; text a feed marks as plain is escaped.
Feeds that declare XML entities are refused outright (billion laughs,
external entities).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from feedparser.encodings import convert_to_utf8

from ..dates import midday, normalise_language
from ..errors import ParseError
from ..sanitize import clean_html, plain_text, scrub, text_to_html, title_from_text
from ..types import ParsedFeed, ParsedItem, Source
from ..urls import absolute_url
from .jsonfeed import empty_entries_warning, is_json_feed, parse_json_feed

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
#: An attribute that sets the base URI of an element: xml:base, or the `base`
#: feedparser also reads (it lowercases attribute names).
_SETS_BASE = re.compile(rb"\bbase\s*=", re.IGNORECASE)
_DECLARES_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
#: A time of day in a date as a feed writes it ("10:00", "T9:30").
_TIME_OF_DAY = re.compile(r"\d:\d\d")
#: A character reference to a lone surrogate (U+D800 to U+DFFF), which stops
#: feedparser's fallback parser with an error: read as U+FFFD instead.
_SURROGATE_REFERENCE = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}"
    rb"|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));"
)


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Items of an RSS 0.9x/1.0/2.0, Atom or JSON Feed body; ParseError if it is not a feed."""
    if is_json_feed(body):
        return parse_json_feed(body, url)
    content_type = (headers or {}).get("content-type") or "application/xml"
    response_headers = {"content-type": content_type}
    # The markup as feedparser will read it, decoded by its own rules from
    # whatever encoding the body declares (UTF-16, UTF-7, EBCDIC …), so that
    # the searches below see what it will see.
    markup = convert_to_utf8(response_headers, body, {})
    if _DECLARES_ENTITY.search(markup):
        raise ParseError(url, "the feed declares XML entities; refused for safety")
    if b"&#" in markup and _SURROGATE_REFERENCE.search(markup):
        # parse the UTF-8 copy, which now declares itself so, without the references
        body = _SURROGATE_REFERENCE.sub(b"&#xFFFD;", markup)
        response_headers["content-type"] = content_type.split(";")[0] + "; charset=utf-8"
    if _SETS_BASE.search(markup):
        # Only then does feedparser need the feed's address, to resolve a relative
        # xml:base against it. Told it otherwise, it joins every element's base with
        # that address, a sixth of the parse; we resolve links ourselves in _item.
        response_headers["content-location"] = url
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers=response_headers,
        # nh3 sanitises below and resolves relative links in the same pass,
        # several times faster than feedparser's own passes
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    if not parsed.get("version") and not entries:
        if content_type.startswith("text/html") or body.lstrip()[:200].lower().find(b"<html") >= 0:
            raise ParseError(url, "this is an HTML page, not a feed (use 'type: page' for it)")
        reason = parsed.get("bozo_exception")
        detail = f": {_first_line(reason)}" if reason else ""
        raise ParseError(url, f"not an RSS or Atom feed{detail}")
    base = feed.get("link") or url
    language = normalise_language(feed.get("language"))
    items = []
    seen: set[str] = set()
    empty = 0
    for entry in entries:
        item = _item(entry, url, base, language)
        if item is None:
            empty += 1
        elif item.key not in seen:
            seen.add(item.key)
            items.append(item)
    warnings = []
    if parsed.get("bozo"):
        warnings.append(f"parsed despite an error: {_first_line(parsed.get('bozo_exception'))}")
    if empty:
        warnings.append(empty_entries_warning(empty, len(entries)))
    warning = "; ".join(warnings) or None
    return ParsedFeed(
        title=plain_text(feed.get("title"), markup=True) or None,
        link=absolute_url(url, feed.get("link")),
        items=tuple(items),
        warning=warning,
        language=language,
    )


def _item(entry: Any, url: str, base: str, feed_language: str | None) -> ParsedItem | None:
    link = absolute_url(url, _main_link(entry))
    title = _text(entry.get("title_detail"), entry.get("title"))
    summary_detail = dict.get(entry, "summary_detail")
    summary = ""
    if summary_detail is not None or not entry.get("content"):
        # without summary_detail, feedparser copies the content here, losing its type
        summary = _html(summary_detail, dict.get(entry, "summary"), url)
    content = ""
    for part in entry.get("content") or ():
        content = _html(part, part.get("value"), url)
        if content:
            break
    if summary == content:
        content = ""
    if not title:
        # an entry whose only text is its content is an item all the same
        title = title_from_text(summary or content)
        if not title and not link:
            return None  # nothing to show: counted by parse_feed
        title = title or link or "(untitled)"
    key = _key(url, entry.get("id")) or link
    if not key:
        basis = title + "\n" + (summary or content)
        key = "sha256:" + hashlib.sha256(basis.encode()).hexdigest()
    translations = []
    for alternate in entry.get("links") or ():
        hreflang = alternate.get("hreflang")
        href = absolute_url(url, alternate.get("href"))
        code = normalise_language(hreflang)
        if code and href and alternate.get("rel", "alternate") == "alternate":
            translations.append((code, href))
    language = normalise_language((entry.get("title_detail") or {}).get("language"))
    language = language or feed_language
    return ParsedItem(
        key=str(key).strip(),
        title=title,
        link=link,
        summary=summary,
        content=content,
        published=_when(entry, "published") or _when(entry, "updated"),
        updated=_when(entry, "updated"),
        author=plain_text(entry.get("author")) or None,
        language=language,
        translations=tuple(translations),
        categories=tuple(
            term
            for term in (scrub(t.get("term") or "").strip() for t in entry.get("tags") or ())
            if term
        ),
    )


def _key(url: str, entry_id: str | None) -> str | None:
    """The entry's id (guid), joined to the feed's address when it is relative.

    feedparser joins a permalink guid itself, but only when it was given the
    address (see parse_feed); joining here keeps an entry's key the same
    whichever way its feed was read.
    """
    entry_id = (entry_id or "").strip()
    if not entry_id:
        return None
    try:
        return urljoin(url, entry_id)
    except ValueError:
        return entry_id


def _main_link(entry: Any) -> str | None:
    """The entry's own link: an alternate without hreflang beats a translation."""
    alternates = [
        link for link in entry.get("links") or () if link.get("rel", "alternate") == "alternate"
    ]
    for link in alternates:
        if not link.get("hreflang") and link.get("href"):
            return str(link["href"])
    return entry.get("link") or None


def _text(detail: Mapping[str, Any] | None, value: str | None) -> str:
    """A title as plain text, whatever markup the feed used (see `plain_text`)."""
    return plain_text(value, markup=bool(detail and detail.get("type") in _HTML_TYPES))


def _html(detail: Mapping[str, Any] | None, value: str | None, url: str) -> str:
    """A summary or content as safe HTML: sanitised with relative links resolved
    (against the element's xml:base, else the feed's address), or escaped when
    the feed marks it as plain text."""
    if not value:
        return ""
    if detail is not None and detail.get("type") == "text/plain":
        return text_to_html(value)
    base = absolute_url(url, (detail or {}).get("base")) or absolute_url(url, url)
    return clean_html(value, base=base)


def _when(entry: Any, field: str) -> datetime | None:
    """The entry's `field` date ("published", "updated") in UTC; a date the feed gave
    without a time of day is noon UTC (`dates.midday`), not midnight."""
    struct: time.struct_time | None = dict.get(entry, f"{field}_parsed")
    if not struct:
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
    written = dict.get(entry, field)
    if isinstance(written, str) and not _TIME_OF_DAY.search(written):
        return midday(moment.date())
    return moment


def _first_line(exc: object) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def recognises(body: bytes) -> bool:
    """Whether the body is for this reader: anything not JSON may be RSS or Atom."""
    return not is_json_feed(body)


def read(
    body: bytes,
    url: str,
    source: Source,
    *,
    headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """The `READERS` entry point: the items of an RSS or Atom body."""
    return parse_feed(body, url, headers)
