"""The JSON Feed 1.1 feeds: feed.json, calls.json and forthcoming.json.

Each item carries the `_clearinghouse` extension (kind, status, deadline, event,
topics ...) that about/clearinghouse.html describes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from aggregator.render.site import (
    ABOUT_NAME,
    FEED_TITLES,
    Site,
    SummaryCache,
    guid,
    rfc3339,
    uniform_language,
    unique,
)
from aggregator.textfmt import summary_text
from aggregator.types import Item
from aggregator.urls import safe_link

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def render_json_feed(
    items: Sequence[Item], site: Site, *, summaries: SummaryCache, feed: str
) -> str:
    """A JSON Feed 1.1 document of `items` in the given order; `feed` is "feed" or "calls"."""
    suffix = FEED_TITLES[feed][0]
    title = site.title + (site.gettext(suffix) if suffix else "")
    document: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": site.base_url,
        "feed_url": site.url(f"{feed}.json"),
        "description": site.description,
    }
    language = uniform_language(items)
    if language:
        document["language"] = language
    document["items"] = [_json_item(item, site, summaries) for item in items]
    text = json.dumps(document, ensure_ascii=False)  # no indent: the C encoder
    # "<", ">" and "&" only occur inside strings: escaping them keeps the file inert
    # even if a browser is ever made to read it as HTML.
    return escape_json_markup(text) + "\n"


def _json_item(item: Item, site: Site, summaries: SummaryCache) -> dict[str, Any]:
    sources = [{"name": ref.name, "link": safe_link(ref.link)} for ref in item.sources]
    content = summaries.with_deadline(item)
    entry: dict[str, Any] = {
        "id": guid(item),
        "url": site.item_link(item),
        "title": item.title,
        # JSON Feed 1.1 requires content_html or content_text: the title when
        # the partner gave nothing else
        **({"content_html": content} if content else {"content_text": item.title or guid(item)}),
        "summary": summary_text(summaries.html(item)),
        "date_published": rfc3339(item.published),
        "date_modified": rfc3339(item.updated),
        "tags": list(unique((item.kind, *item.tags))),
        "authors": [
            {"name": ref["name"], "url": ref["link"]} if ref["link"] else {"name": ref["name"]}
            for ref in sources
        ],
    }
    if item.language:
        entry["language"] = item.language
    event = item.event
    entry["_clearinghouse"] = {
        "about": site.url(ABOUT_NAME),
        "kind": item.kind,
        "status": summaries.status(item),
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "deadline_phrase": item.deadline_phrase,
        "deadline_extended": item.deadline_extended,
        "opens": item.opens.isoformat() if item.opens else None,
        "key_dates": [{"what": k.what, "date": k.date.isoformat()} for k in item.key_dates],
        "event": {
            "start": event.start.isoformat(),
            "end": event.end.isoformat(),
            "online": event.online,
        }
        if event
        else None,
        "confidence": item.confidence,
        "corrected": list(item.corrected),
        "sources": sources,
        "language": item.language,
        "topics": list(item.topics),
        "regions": list(item.regions),
        "countries": list(item.countries),
    }
    return entry


def escape_json_markup(text: str) -> str:
    """JSON text with <, > and & written as \\u escapes (the same JSON once parsed)."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
