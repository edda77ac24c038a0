"""The HTML pages: the front page (index.html) and about/clearinghouse.html.

`page_group` turns an item and its translations into the rows a page lists; the
facet pages (`aggregator.facet_pages`) list theirs with it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import jinja2
import markupsafe

from aggregator.dedup import ItemGroup, group_translations
from aggregator.facets import Chip, chips
from aggregator.i18n import N_
from aggregator.render.calendar import call_calendar_name
from aggregator.render.site import (
    ABOUT_NAME,
    GENERATOR,
    Site,
    SummaryCache,
    anchor,
    item_link,
    language_label,
    language_order,
    xml_text,
)
from aggregator.select import (
    closed_calls,
    days_left,
    forthcoming_calls,
    news,
    open_calls,
    upcoming_events,
)
from aggregator.structured import front_page_graph, script_json
from aggregator.subscribe_links import google_calendar_url, webcal_url
from aggregator.textfmt import summary_text
from aggregator.types import Item
from aggregator.urls import safe_link

KIND_LABELS = {"call": N_("Call"), "event": N_("Event"), "news": N_("News")}
#: Characters of a summary's plain-text excerpt on the pages: two lines on a wide screen,
#: three on a phone (where the stylesheet stops it); more would be bytes nobody sees.
EXCERPT_CHARS = 120


@dataclass(frozen=True)
class PageEntry:
    """One item as the index page shows it."""

    anchor: str
    title: str
    link: str | None
    kind: str
    kind_label: str
    partners: tuple[tuple[str, str | None], ...]
    published_iso: str
    published_text: str
    deadline_iso: str | None
    deadline_text: str | None
    #: "closes in 5 days", "closes today", "closed", or None.
    status: str | None
    language: str | None
    language_label: str
    tags: tuple[str, ...]
    #: The summary as a plain-text excerpt: a listing shows no partner images (they
    #: would tell partners' hosts who reads the page, and cost data on slow links).
    summary: str
    #: Links to the item's topic, region and country pages (paths below the site's root).
    chips: tuple[Chip, ...] = ()
    #: Each partner's name and the path of its page here (None: no page).
    partner_pages: tuple[tuple[str, str | None], ...] = ()
    #: The path of the item's language page, if it has one.
    language_page: str | None = None
    #: Days from the build's day to the deadline (None: no deadline).
    days_left: int | None = None
    deadline_extended: bool = False
    #: How soon a call closes, for its badge: "today", "week", "month", "later" or "none".
    urgency: str = "none"
    #: A forthcoming call's opening day, and an event's dates, ready to print.
    opens_iso: str | None = None
    opens_text: str | None = None
    event_iso: str | None = None
    event_text: str | None = None
    #: An event's last day, when it lasts several.
    event_end_iso: str | None = None
    event_end_text: str | None = None
    #: The call's own .ics (calls/<anchor>.ics), for an open call with a deadline.
    calendar: str | None = None


@dataclass(frozen=True)
class PageGroup:
    """An item and its versions in other languages."""

    lead: PageEntry
    others: tuple[PageEntry, ...]
    #: Versions elsewhere: (language label, url, language code).
    links: tuple[tuple[str, str, str], ...]


def render_index(
    items: Sequence[Item],
    site: Site,
    *,
    env: jinja2.Environment,
    summaries: SummaryCache,
    now: datetime,
    open_days: int,
    limit: int,
    digests: bool = False,
) -> str:
    """The front page: the open calls grouped by how soon they close, the calls coming
    soon, the upcoming events, the newest `limit` news, and the most recently closed
    calls; `digests` says whether the digest's archive is there to link to."""
    today = now.date()
    slugs = site.slugs_for(items)

    def groups(chosen: Sequence[Item]) -> list[PageGroup]:
        return [
            page_group(group, summaries, today, site, slugs, calendars=calendars)
            for group in group_translations(chosen)
        ]

    still_open = open_calls(items, today=today, open_days=open_days)
    # the calls whose own .ics is published (call_calendars): open, with a deadline
    calendars = call_calendar_links(still_open, site, below="")
    graph = front_page_graph(
        still_open,
        upcoming_events(items, today=today),
        link=site.item_link,
        page_url=site.base_url,
        name=site.gettext("Open calls"),
    )
    calls = groups(still_open)
    by_urgency = [
        (
            key,
            site.gettext(heading),
            [group for group in calls if urgency_group(group.lead.days_left) == key],
        )
        for key, heading in URGENCY_GROUPS
    ]
    lefts = [left for item in still_open if (left := days_left(item, today)) is not None]
    upcoming = upcoming_events(items, today=today)
    upcoming_ids = {item.id for item in upcoming}
    sections = {
        "forthcoming": groups(forthcoming_calls(items, today=today)),
        "events": groups(upcoming),
        # the newest `limit` events and news (what the window holds), less the upcoming events
        "news": groups(
            [item for item in news(items)[: max(limit, 0)] if item.id not in upcoming_ids]
        ),
        "archive": groups(closed_calls(items, today=today, open_days=open_days)[: max(limit, 0)]),
    }
    # the filter offers what the rows link to (news and closed calls show no chips)
    listed = [group.lead for group in (*calls, *sections["forthcoming"], *sections["events"])]
    archived = [group.lead for group in (*sections["news"], *sections["archive"])]
    choices = {
        # the topics and the regions, in one choice
        "topics": _choices(
            (chip.path.split("/")[1], chip.label)
            for entry in listed
            for chip in entry.chips
            if chip.kind in ("topics", "regions")
        ),
        "countries": _choices(
            (chip.path.split("/")[1], chip.label)
            for entry in listed
            for chip in entry.chips
            if chip.kind == "countries"
        ),
        "languages": sorted(
            {
                (path.split("/")[1], entry.language_label)
                for entry in (*listed, *archived)
                if (path := entry.language_page)
            },
            key=lambda pair: language_order(pair[0]),
        ),
        "partners": _choices(
            (path.split("/")[1], name)
            for entry in (*listed, *archived)
            for name, path in entry.partner_pages
            if path
        ),
    }
    return env.get_template("index.html").render(
        title=site.title,
        description=site.description,
        site_url=site.base_url,
        root="",
        feeds={
            "feed_xml": site.url("feed.xml"),
            "feed_json": site.url("feed.json"),
            "calls_xml": site.url("calls.xml"),
            "calls_json": site.url("calls.json"),
            "deadlines_ics": site.url("deadlines.ics"),
            "events_ics": site.url("events.ics"),
        },
        open_calls=calls,
        by_urgency=by_urgency,
        counts={
            "today": sum(1 for left in lefts if left == 0),
            "week": sum(1 for left in lefts if left <= 7),
            "open": len(still_open),
            "partners": len(site.partner_slugs or {}) or len(slugs),
        },
        **sections,
        choices=choices,
        digests=digests,
        open_days=open_days,
        limit=limit,
        subscribe=subscribe_links(site),
        generated_iso=now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        generated_text=site.moment(now),
        generator=GENERATOR,
        lang=site.lang,
        languages=site.switcher(),
        icon=site.icon(),
        # JSON-LD, its <, > and & escaped: no partner text can end the script
        structured_data=markupsafe.Markup(script_json(graph)) if graph else None,
    )


def _choices(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(value, label) pairs once each, by label."""
    return sorted(set(pairs), key=lambda pair: (pair[1].casefold(), pair[0]))


def render_about(site: Site, *, env: jinja2.Environment) -> str:
    """The page describing each field of `_clearinghouse` in the JSON Feeds, in the
    site's language, with its language switcher."""
    return env.get_template("about_clearinghouse.html").render(
        title=site.title,
        home=site.base_url,
        root=site.root_url or site.base_url,
        sources=site.url("sources.html"),
        lang=site.lang,
        languages=site.switcher(ABOUT_NAME),
        icon=site.icon("about/"),
    )


def subscribe_links(site: Site) -> dict[str, str | None]:
    """What the "subscribe by task" block links to (templates/subscribe.html)."""
    deadlines, events = site.url("deadlines.ics"), site.url("events.ics")
    return {
        "feed_xml": site.url("feed.xml"),
        "calls_xml": site.url("calls.xml"),
        "deadlines_ics": deadlines,
        "deadlines_webcal": webcal_url(deadlines),
        "deadlines_google": google_calendar_url(deadlines),
        "events_ics": events,
        "events_webcal": webcal_url(events),
        "events_google": google_calendar_url(events),
        "signup": site.signup,
        # each language has its own sources page and description of the JSON Feeds
        "sources_html": site.url("sources.html"),
        "about_html": site.url(ABOUT_NAME),
    }


def call_calendar_links(
    calls: Iterable[Item], site: Site, *, below: str | None = None
) -> dict[str, str]:
    """Item id -> the address of its own .ics (call_calendars writes one for each open
    call with a deadline): relative from a page in the folder `below` the language's
    root when given, else absolute."""
    return {
        c.id: site.shared_path(name, below) if below is not None else site.shared_url(name)
        for c in calls
        if c.deadline and (name := call_calendar_name(c))
    }


def page_group(
    group: ItemGroup,
    summaries: SummaryCache,
    today: date,
    site: Site,
    slugs: dict[str, str],
    *,
    calendars: dict[str, str] | None = None,
) -> PageGroup:
    others = sorted(group.others, key=lambda item: language_order(item.language))
    links = sorted(group.links, key=lambda pair: language_order(pair[0]))

    def entry(item: Item, link: str | None, calendar: str | None = None) -> PageEntry:
        return _page_entry(
            item, summaries, today, link=link, site=site, slugs=slugs, calendar=calendar
        )

    return PageGroup(
        lead=entry(group.lead, item_link(group.lead), (calendars or {}).get(group.lead.id)),
        # A version without a link of its own points at its place on the page,
        # not at the partner's home page.
        others=tuple(entry(other, safe_link(other.link)) for other in others),
        links=tuple((language_label(lang), url, lang) for lang, url in links),
    )


def _page_entry(
    item: Item,
    summaries: SummaryCache,
    today: date,
    *,
    link: str | None,
    site: Site,
    slugs: dict[str, str],
    calendar: str | None = None,
) -> PageEntry:
    published = item.published.astimezone(UTC)
    language = (item.language or "").lower()
    return PageEntry(
        anchor=anchor(item),
        title=xml_text(item.title),
        link=link,
        kind=item.kind,
        kind_label=site.gettext(KIND_LABELS[item.kind])
        if item.kind in KIND_LABELS
        else item.kind.title(),
        partners=tuple((xml_text(ref.name), safe_link(ref.link)) for ref in item.sources),
        published_iso=published.date().isoformat(),
        published_text=site.date(published.date()),
        deadline_iso=item.deadline.isoformat() if item.deadline else None,
        deadline_text=site.date(item.deadline) if item.deadline else None,
        status=site.closes(days_left(item, today)),
        language=item.language,
        language_label=language_label(item.language) if item.language else "",
        tags=tuple(xml_text(tag) for tag in item.tags),
        summary=summary_text(summaries.html(item), EXCERPT_CHARS),
        chips=chips(item, site.facets(), lang=site.lang),
        partner_pages=tuple(
            (xml_text(ref.name), f"partners/{slugs[ref.name]}/" if ref.name in slugs else None)
            for ref in item.sources
        ),
        language_page=f"languages/{language}/" if re.fullmatch(r"[a-z]{2,3}", language) else None,
        days_left=days_left(item, today),
        deadline_extended=item.deadline_extended,
        urgency=urgency(days_left(item, today)),
        opens_iso=item.opens.isoformat() if item.opens else None,
        opens_text=site.date(item.opens) if item.opens else None,
        event_iso=item.event.start.isoformat() if item.event else None,
        event_text=site.date(item.event.start) if item.event else None,
        event_end_iso=last_day.isoformat() if (last_day := _last_day(item)) else None,
        event_end_text=site.date(last_day) if last_day else None,
        calendar=calendar,
    )


def _last_day(item: Item) -> date | None:
    """An event's last day when it lasts more than one ("When: 12 May 2027 to 14 May 2027")."""
    if item.event is None or item.event.end == item.event.start:
        return None
    return item.event.end


#: The front page's groups of open calls, by how soon they close: (key, heading).
URGENCY_GROUPS = (
    ("week", N_("Closing this week")),
    ("month", N_("Closing within 30 days")),
    ("later", N_("Closing later")),
    ("none", N_("No deadline given")),
)


def urgency(left: int | None) -> str:
    """How soon a deadline `left` days away is: "today" (or tomorrow), "week" (within 7
    days), "month" (within 30), "later"; "none" without a deadline."""
    if left is None:
        return "none"
    if left <= 1:
        return "today"
    if left <= 7:
        return "week"
    return "month" if left <= 30 else "later"


def urgency_group(left: int | None) -> str:
    """The front page group of a call closing in `left` days (today counts as this week)."""
    found = urgency(left)
    return "week" if found == "today" else found
