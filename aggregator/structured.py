"""schema.org JSON-LD for the pages: an `ItemList` of the open calls, an `Event` per
upcoming event. Pure: items in, a JSON-LD document (and its safe script text) out.

    front_page_graph(calls, events, link=…, page_url=…) -> {"@context": …, "@graph": […]}
    script_json(document)                                -> text safe inside <script>

`script_json` writes `<`, `>` and `&` as JSON escapes (`\\u003c` …), so no
partner text can close the script element (`</script>`) or open a comment,
and the document parses back to the same values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from .types import Item

SCHEMA_ORG = "https://schema.org"
ATTENDANCE = {
    True: "https://schema.org/OnlineEventAttendanceMode",
    False: "https://schema.org/OfflineEventAttendanceMode",
}


def front_page_graph(
    calls: Sequence[Item],
    events: Sequence[Item],
    *,
    link: Callable[[Item], str],
    page_url: str,
    name: str = "Open calls",
) -> dict[str, Any] | None:
    """The front page's JSON-LD: its open calls as an ItemList (`name`: the list's name
    in the page's language), its upcoming events as Events; None when it lists neither."""
    graph: list[dict[str, Any]] = []
    if calls:
        graph.append(call_list(calls, link=link, page_url=page_url, name=name))
    graph.extend(event_of(event, link=link) for event in events if event.event is not None)
    if not graph:
        return None
    return {"@context": SCHEMA_ORG, "@graph": graph}


#: ListItems the front page's ItemList names at most: the calls closing soonest; its
#: numberOfItems counts them all, as schema.org has it for a list given in part.
LISTED_CALLS = 50


def call_list(
    calls: Sequence[Item],
    *,
    link: Callable[[Item], str],
    page_url: str,
    name: str = "Open calls",
) -> dict:
    """The open calls, in the page's order, as a schema.org ItemList of ListItems, each
    its position and address (the names are on the page itself and in
    opportunities/index.json), the first `LISTED_CALLS` of them: every row's link is on
    the page already, and the front page has a weight budget."""
    return {
        "@type": "ItemList",
        "@id": f"{page_url}#open-calls",
        "name": name,
        "numberOfItems": len(calls),
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "url": link(call)}
            for n, call in enumerate(calls[:LISTED_CALLS], start=1)
        ],
    }


def event_of(item: Item, *, link: Callable[[Item], str]) -> dict[str, Any]:
    """An upcoming event as a schema.org Event: its name, days, link, how one attends
    (when the text says) and, online, its virtual location."""
    assert item.event is not None
    url = link(item)
    event: dict[str, Any] = {
        "@type": "Event",
        "name": _text(item.title),
        "startDate": item.event.start.isoformat(),
        "endDate": item.event.end.isoformat(),
        "url": url,
    }
    mode = ATTENDANCE.get(item.event.online) if item.event.online is not None else None
    if mode:
        event["eventAttendanceMode"] = mode
    if item.event.online:
        event["location"] = {"@type": "VirtualLocation", "url": url}
    if item.sources:
        event["organizer"] = [
            {"@type": "Organization", "name": _text(name)} for name in item.partner_names
        ]
    if item.language:
        event["inLanguage"] = item.language
    return event


def script_json(document: dict[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` escaped, so the
    text can never end the element; the same JSON once parsed."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _text(value: str) -> str:
    return " ".join(value.split())
