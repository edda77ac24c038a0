"""The iCalendar files: deadlines.ics, events.ics and each call's own .ics.

- ``deadlines.ics``: one all-day event on the deadline of each open call.
- ``events.ics``: the upcoming events, each on its own days.
- ``calls/<anchor>.ics``: one call's deadline, to import once (`render_call_calendar`).

A deadline's event is the same in deadlines.ics and in the call's own file, so a
calendar holding both shows it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from aggregator.render.site import Site, anchor, xml_text
from aggregator.textfmt import readable_date
from aggregator.types import Item


def ical_text(value: str) -> Any:
    """An iCalendar TEXT value (an icalendar ``vText``): `,` `;` `\\` and line breaks
    escaped by icalendar itself, whatever the property (it does not know X-WR-*
    to be text, and would write them raw)."""
    import icalendar

    return icalendar.vText(xml_text(value))


def _calendar(site: Site, what: str, suffix: str, lead: str, *, subtitle: str) -> Any:
    """A subscribed calendar's head: its product id (`what`: deadlines or events), its
    name (the site's, `subtitle`'s and `suffix`), its description (`lead` and the
    site's) and how often to look again."""
    # Imported here: icalendar takes longer to load than an unchanged run takes to
    # find that the site needs no rewrite.
    import icalendar

    text = ical_text
    calendar = icalendar.Calendar()
    calendar.add("prodid", text(f"-//{site.title}//{what}//EN"))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    named = f"{site.title} — {subtitle}" if subtitle else site.title
    calendar.add("x-wr-calname", text(named + suffix))
    calendar.add("x-wr-caldesc", text(f"{lead} {site.description}".strip()))
    # Ask subscribed calendars to look again every few hours.
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    return calendar


def render_calendar(
    calls: Iterable[Item],
    site: Site,
    *,
    now: datetime,
    subtitle: str = "",
    cache: dict[str, bytes] | None = None,
) -> bytes:
    """An iCalendar of one all-day event on the deadline of each call that has one
    (`subtitle`: what the calls share, for a facet's calendar; `cache`: each event's
    text kept for the next calendar of the same build)."""
    calendar = _calendar(
        site,
        "deadlines",
        site.gettext(" — deadlines"),
        site.gettext("Deadlines of open calls."),
        subtitle=subtitle,
    )
    dated = sorted((c for c in calls if c.deadline is not None), key=lambda c: (c.deadline, c.id))
    blocks: list[bytes] = []
    for call in dated:
        assert call.deadline is not None
        key = f"deadline:{call.id}"
        if cache is None or key not in cache:
            block = _deadline_event(call, site, now=now).to_ical()
            if cache is None:
                blocks.append(block)
                continue
            cache[key] = block
        blocks.append(cache[key])
    return _with_events(calendar.to_ical(), blocks)


def _deadline_event(call: Item, site: Site, *, now: datetime) -> Any:
    """The all-day event on a call's deadline (the same in deadlines.ics and the call's
    own .ics, so a calendar holding both sees one event)."""
    import icalendar

    assert call.deadline is not None
    text = ical_text
    link = site.item_link(call)
    event = icalendar.Event()
    event.add("uid", f"{call.id}@{site.host}")
    event.add("dtstamp", now)
    event.add("last-modified", call.updated.astimezone(UTC))
    event.add("dtstart", call.deadline)
    event.add("dtend", call.deadline + timedelta(days=1))
    event.add("summary", text(f"Deadline: {' '.join(call.title.split())}"))
    event.add("url", link)
    event.add("description", text(_event_description(call, link)))
    event.add("transp", "TRANSPARENT")
    return event


def call_calendar_name(item: Item) -> str:
    """Where a call's own calendar is published in the site: calls/<anchor>.ics."""
    return f"calls/{anchor(item)}.ics"


def render_call_calendar(call: Item, site: Site, *, now: datetime) -> bytes:
    """A calendar holding one call's deadline, to add to one's own calendar (imported
    once, unlike deadlines.ics, which is subscribed to)."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", ical_text(f"-//{site.title}//call deadline//EN"))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_deadline_event(call, site, now=now))
    return calendar.to_ical()


def _with_events(calendar: bytes, events: Sequence[bytes]) -> bytes:
    """A calendar's text with its events' texts put in before its END line (what
    icalendar writes for the components added to it)."""
    end = b"END:VCALENDAR\r\n"
    assert calendar.endswith(end)
    return calendar[: -len(end)] + b"".join(events) + end


def render_events_calendar(
    events: Iterable[Item],
    site: Site,
    *,
    now: datetime,
    subtitle: str = "",
    cache: dict[str, bytes] | None = None,
) -> bytes:
    """An iCalendar of the upcoming events, each on its own days (all-day)."""
    import icalendar

    text = ical_text
    calendar = _calendar(
        site,
        "events",
        site.gettext(" — events"),
        site.gettext("Upcoming events."),
        subtitle=subtitle,
    )
    blocks: list[bytes] = []
    for item in events:
        if item.event is None:
            continue
        key = f"event:{item.id}"
        if cache is not None and key in cache:
            blocks.append(cache[key])
            continue
        link = site.item_link(item)
        event = icalendar.Event()
        event.add("uid", f"{item.id}-event@{site.host}")
        event.add("dtstamp", now)
        event.add("last-modified", item.updated.astimezone(UTC))
        event.add("dtstart", item.event.start)
        event.add("dtend", item.event.end + timedelta(days=1))
        event.add("summary", text(" ".join(item.title.split())))
        if link:
            event.add("url", link)
        where = {True: "Online", False: "On site", None: None}[item.event.online]
        lines = [f"Partner: {', '.join(item.partner_names)}" if item.sources else "", where or ""]
        lines += [
            f"Register by {readable_date(k.date)}"
            for k in item.key_dates
            if k.what == "registration"
        ]
        lines.append(link or "")
        event.add("description", text("\n".join(line for line in lines if line)))
        blocks.append(event.to_ical())
        if cache is not None:
            cache[key] = blocks[-1]
    return _with_events(calendar.to_ical(), blocks)


def _event_description(call: Item, link: str) -> str:
    lines = []
    if call.sources:
        label = "Partner" if len(call.sources) == 1 else "Partners"
        lines.append(f"{label}: {', '.join(call.partner_names)}")
    if call.deadline:
        extended = " (extended)" if call.deadline_extended else ""
        lines.append(f"Deadline: {readable_date(call.deadline)}{extended}")
    if call.deadline_phrase:
        lines.append(f"As published: {call.deadline_phrase}")
    lines.append(link)
    return xml_text("\n".join(line for line in lines if line))
