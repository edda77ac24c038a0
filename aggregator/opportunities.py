"""The open and forthcoming calls as CommonGrants opportunities: `opportunities/index.json`.

    opportunities_document(calls, site, today=today) -> {"status": 200, "items": [...], ...}

Each call is shaped like the CommonGrants protocol's `OpportunityBase`
(field names and shapes as the protocol writes them; docs/outputs.md lists
which we fill): `id` (a UUID derived from the item's guid, stable from run to
run), `title`, `status` (`forecasted`, `open` or `closed`, with its
description), `description` (plain text), `keyDates` (`postDate`,
`closeDate`, `otherDates`: each an `Event` of `eventType` `singleDate`),
`source` (the partner's page), `customFields` (what the clearinghouse knows
that the protocol has no field for) and `createdAt` / `lastModifiedAt`.
`funding` is left out: partners' texts rarely state amounts in a form we can
read, and the protocol makes it optional. The document is wrapped like the
protocol's paginated list response, one page holding every call.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from .render import Site, escape_json_markup, guid, rfc3339, xml_text
from .sanitize import clean_html
from .select import status_on
from .textfmt import summary_text
from .types import Item

#: Where the opportunities are published, under the site folder.
OPPORTUNITIES_NAME = "opportunities/index.json"
#: The longest plain-text description, in characters.
DESCRIPTION_CHARS = 2000
#: Our call statuses, as CommonGrants' `OppStatus` values (rolling: open, no deadline).
STATUS_VALUES = {
    "open": "open",
    "rolling": "open",
    "forthcoming": "forecasted",
    "closed": "closed",
}
STATUS_DESCRIPTIONS = {
    "forecasted": "Opportunity is anticipated, but not yet accepting applications",
    "open": "Opportunity is actively accepting applications",
    "closed": "Opportunity is no longer accepting applications",
}
#: Our names of a call's milestones, and how `otherDates` names them.
KEY_DATE_NAMES = {
    "concept-note": "Concept note deadline",
    "full-proposal": "Full proposal deadline",
    "information-session": "Information session",
    "questions": "Deadline for questions",
    "results": "Results announced",
    "start": "Start of the project",
    "event": "Event",
    "registration": "Registration deadline",
}


def opportunities_document(calls: Sequence[Item], site: Site, *, today: date) -> dict[str, Any]:
    """The calls (in the given order) as one page of CommonGrants opportunities."""
    items = [opportunity(call, site, today=today) for call in calls]
    return {
        "status": 200,
        "message": "Success",
        "items": items,
        "paginationInfo": {
            "page": 1,
            "pageSize": len(items),
            "totalItems": len(items),
            "totalPages": 1,
        },
    }


def opportunities_json(calls: Sequence[Item], site: Site, *, today: date) -> str:
    """`opportunities_document` as JSON text, `<`, `>` and `&` written as \\u escapes."""
    text = json.dumps(opportunities_document(calls, site, today=today), ensure_ascii=False)
    return escape_json_markup(text) + "\n"


def opportunity_id(item: Item) -> str:
    """A UUID that never changes for an item (derived from its guid)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, guid(item)))


def opportunity(call: Item, site: Site, *, today: date) -> dict[str, Any]:
    """One call as a CommonGrants `OpportunityBase`."""
    ours = status_on(call, today) or "open"
    value = STATUS_VALUES.get(ours, "open")
    document: dict[str, Any] = {
        "id": opportunity_id(call),
        "title": xml_text(call.title),
        "status": {"value": value, "description": STATUS_DESCRIPTIONS[value]},
        "description": summary_text(xml_text(clean_html(call.summary)), DESCRIPTION_CHARS),
        "keyDates": key_dates(call),
        "source": site.item_link(call),
        "customFields": custom_fields(call, ours),
        "createdAt": rfc3339(call.first_seen),
        "lastModifiedAt": rfc3339(max(call.updated, call.first_seen)),
    }
    return document


def _event(name: str, day: date, description: str | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"name": name, "eventType": "singleDate", "date": day.isoformat()}
    if description:
        event["description"] = xml_text(description)
    return event


def key_dates(call: Item) -> dict[str, Any]:
    """`postDate` (published), `closeDate` (the deadline, when one was read) and
    `otherDates` (the opening day of a forthcoming call, the call's other milestones)."""
    dates: dict[str, Any] = {"postDate": _event("Published", call.published.date())}
    if call.deadline is not None:
        phrase = call.deadline_phrase
        if call.deadline_extended:
            phrase = f"Extended. {phrase}" if phrase else "Extended"
        dates["closeDate"] = _event("Application deadline", call.deadline, phrase)
    others: dict[str, Any] = {}
    if call.opens is not None:
        others["appOpens"] = _event("Applications open", call.opens)
    for milestone in call.key_dates:
        key = _camel(milestone.what)
        name, n = key, 2
        while name in others:  # two information sessions: informationSession2
            name, n = f"{key}{n}", n + 1
        label = KEY_DATE_NAMES.get(milestone.what, milestone.what)
        others[name] = _event(label, milestone.date)
    if others:
        dates["otherDates"] = others
    return dates


def custom_fields(call: Item, status: str) -> dict[str, Any]:
    """What the clearinghouse knows of a call beyond the protocol's fields."""

    def field(name: str, kind: str, value: Any, description: str) -> dict[str, Any]:
        return {"name": name, "fieldType": kind, "value": value, "description": description}

    fields = {
        "partners": field(
            "partners",
            "array",
            [xml_text(name) for name in call.partner_names],
            "The partners that published the call, its publisher first",
        ),
        "clearinghouseStatus": field(
            "clearinghouseStatus",
            "string",
            status,
            "open, rolling (open, no deadline given), forthcoming or closed",
        ),
        "deadlineExtended": field(
            "deadlineExtended", "boolean", call.deadline_extended, "The deadline was extended"
        ),
        "feedItemId": field(
            "feedItemId", "string", guid(call), "The call's id in the clearinghouse's feeds"
        ),
    }
    if call.language:
        fields["language"] = field(
            "language", "string", call.language, "The language of the call's text"
        )
    if call.tags:
        fields["tags"] = field(
            "tags", "array", [xml_text(tag) for tag in call.tags], "Topics and tags"
        )
    return fields


def _camel(slug: str) -> str:
    """'full-proposal' -> 'fullProposal'."""
    head, *rest = re.split(r"[-_ ]+", slug) or [slug]
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
