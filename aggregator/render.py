"""Writing the published site: feeds, calendar and index page.

    render_site(items, config, now=now) -> [site/feed.xml, site/feed.json, site/calls.xml,
                                            site/calls.json, site/deadlines.ics, site/index.html]

- ``feed.xml`` / ``feed.json``: the newest `config.feed_size` items (RSS 2.0, JSON Feed 1.1).
- ``calls.xml`` / ``calls.json``: the open calls, closing soonest first.
- ``deadlines.ics``: one all-day event per open call with a deadline.
- ``index.html``: open calls, then news and events, then the archive of closed calls.
  Its <head> carries schema.org JSON-LD (`structured`); it ends with the "subscribe by
  task" block (templates/subscribe.html) and links each open call's own .ics
  (`call_calendar_name`, written by `call_calendars`).
- ``feed.xsl``: the stylesheet every RSS feed names, showing it in a browser as a page.
- ``about/clearinghouse.html``: what each field of ``_clearinghouse`` means.
- ``favicon.svg`` (at the root only): the site's icon, which every page links.

Every file is written atomically (a temporary file in the same folder, then
``os.replace``) and only when its bytes changed, so an unchanged feed keeps
its modification time and readers' conditional requests stay cheap.

What reaches an output is safe by construction: titles and names are text
(escaped by the templates, never marked safe), summaries are sanitised HTML
(sanitised again here before use), links are kept only when they are
absolute http(s) URLs (written in ASCII, unsafe characters percent-encoded),
and characters XML forbids are dropped. The canonical `Item.url` identifies
an item and is never published as its link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markupsafe

from aggregator.atomic import write_atomic
from aggregator.dedup import ItemGroup, group_translations
from aggregator.errors import ConfigError, StorageError
from aggregator.facets import Chip, chips, partner_slugs
from aggregator.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    RFC822_MONTHS,
    date_shape,
    format_date,
    gettext_for,
    install,
    ngettext_for,
)
from aggregator.sanitize import clean_html
from aggregator.select import (
    closed_calls,
    days_left,
    forthcoming_calls,
    latest,
    news,
    open_calls,
    status_on,
    upcoming_events,
)
from aggregator.structured import front_page_graph, script_json
from aggregator.subscribe_links import (
    FEED_STYLESHEET,
    google_calendar_url,
    stylesheet_href,
    webcal_url,
)
from aggregator.taxonomy import Taxonomy, build_taxonomy, country_label, is_country
from aggregator.textfmt import call_status, readable_date, summary_text, template_environment
from aggregator.types import Config, Item
from aggregator.urls import safe_link

GENERATOR = "Responsible Minerals Clearinghouse aggregator"
#: The files `render_site` writes, in order.
OUTPUT_NAMES = (
    "feed.xml",
    "feed.json",
    "calls.xml",
    "calls.json",
    "forthcoming.xml",
    "forthcoming.json",
    "deadlines.ics",
    "events.ics",
    "index.html",
    "filter.js",
    "about/clearinghouse.html",
    "feed.xsl",
)
#: The files published once, at the English site's root, which every language's pages link
#: to: the site's icon (so that browsers stop asking for a /favicon.ico there is none of).
ROOT_NAMES = ("favicon.svg",)
#: The site's icon, linked from every page.
ICON_NAME = "favicon.svg"
#: The page describing `_clearinghouse`, which its `about` key points to.
ABOUT_NAME = "about/clearinghouse.html"
#: Each feed's title after the site's, and its description.
FEED_TITLES = {
    "feed": ("", ""),
    "calls": (N_(" — open calls"), N_("Open calls, closing soonest first.")),
    "forthcoming": (
        N_(" — coming soon"),
        N_("Calls announced but not open yet, opening soonest first."),
    ),
}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}
KIND_LABELS = {"call": N_("Call"), "event": N_("Event"), "news": N_("News")}
#: The languages the site is published in: English at the root, the others in LANG/.
SITE_LANGUAGES = ("en", "fr", "es")
#: Characters of a summary's plain-text excerpt on the pages (two or three lines).
EXCERPT_CHARS = 180
#: Published files are readable by all: a web server must read them.
SITE_FILE_MODE = 0o644

# Characters that may not appear in XML 1.0 (and that no reader wants anyway).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_COUNTRY_TAG = re.compile(r"[A-Z]{2}")
_SLUG = re.compile(r"[A-Za-z0-9_-]+")
# A language tag a feed validator accepts (en, fr, es-419, pt-BR).
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def render_site(
    items: Sequence[Item], config: Config, *, now: datetime, lang: str = DEFAULT_LANGUAGE
) -> list[Path]:
    """Write the six published files into `config.site`; return their paths.

    `now` (aware) dates the build: it decides which calls are still open
    (its UTC date is "today") and stamps the calendar and the page.
    Files whose content did not change are left untouched. Templates come
    from `config.templates`, then its fallback (the shipped templates); if
    one is in neither, ConfigError is raised before any file is written.
    """
    try:
        return _render_site(items, config, now=now, lang=lang)
    except jinja2.TemplateNotFound as missing:
        raise ConfigError(
            f"the templates folder {config.templates} has no {missing.name}"
            + (" (nor have the shipped templates)" if config.templates_fallback else ""),
            path=config.path,
            key="templates",
            fix="copy it from the project's templates/ folder",
        ) from missing
    except OSError as exc:  # a file where the folder should be, no space left, no permission
        raise StorageError(
            f"cannot write the site in {config.site}: {exc.strerror or exc} "
            "(see 'site' in feeds.yaml)"
        ) from exc


def _render_site(items: Sequence[Item], config: Config, *, now: datetime, lang: str) -> list[Path]:
    now = now.astimezone(UTC)
    today = now.date()
    site = Site.from_config(config, lang)
    env = site_environment(config.template_folders, lang)
    folder = config.site / language_folder(lang)

    newest = latest(items, config.feed_size)
    still_open = open_calls(items, today=today, open_days=config.open_call_days)
    coming = forthcoming_calls(items, today=today)
    events = upcoming_events(items, today=today)
    summaries = SummaryCache(today, lang)

    outputs: list[tuple[str, str | bytes]] = [
        (
            "feed.xml",
            render_rss(newest, site, env=env, summaries=summaries, now=now, feed="feed"),
        ),
        ("feed.json", render_json_feed(newest, site, summaries=summaries, feed="feed")),
        (
            "calls.xml",
            render_rss(still_open, site, env=env, summaries=summaries, now=now, feed="calls"),
        ),
        ("calls.json", render_json_feed(still_open, site, summaries=summaries, feed="calls")),
        (
            "forthcoming.xml",
            render_rss(coming, site, env=env, summaries=summaries, now=now, feed="forthcoming"),
        ),
        (
            "forthcoming.json",
            render_json_feed(coming, site, summaries=summaries, feed="forthcoming"),
        ),
        ("deadlines.ics", render_calendar(still_open, site, now=now)),
        ("events.ics", render_events_calendar(events, site, now=now)),
        (
            "index.html",
            render_index(
                items,
                site,
                env=env,
                summaries=summaries,
                now=now,
                open_days=config.open_call_days,
                limit=config.feed_size,
                # the archive is published once, at the root
                digests=lang == DEFAULT_LANGUAGE
                and (config.site / "digests" / "index.html").is_file(),
            ),
        ),
        ("filter.js", _shipped_script(env, "filter.js")),
        (ABOUT_NAME, render_about(site, env=env)),
        # shows the RSS feeds as a readable page in a browser (their xml-stylesheet)
        (FEED_STYLESHEET, render_feed_stylesheet(site, env=env, items=items)),
    ]
    if lang == DEFAULT_LANGUAGE:  # published once, at the root
        outputs.append((ICON_NAME, _shipped_script(env, ICON_NAME)))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in outputs:
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, content, mode=SITE_FILE_MODE)
        written.append(path)
    return written


# --- what every output needs to know about the site --------------------------------


@dataclass(frozen=True)
class Site:
    """The published site's identity, as the outputs name it."""

    title: str
    description: str
    #: site_url, ending in "/".
    base_url: str
    #: Host for calendar UIDs.
    host: str
    #: Partner name -> the URL of its feed or page, for RSS <source url>.
    partner_feeds: dict[str, str]
    #: The topics, regions and countries the facet pages are named by.
    taxonomy: Taxonomy | None = None
    #: Partner name -> the slug of its page (partners/<slug>/).
    partner_slugs: dict[str, str] | None = None
    #: Where people sign up for the digest (`signup:`, else the digest's `subscribe:`).
    signup: str | None = None
    #: The language of the interface ("en" at the root, "fr" in fr/, "es" in es/).
    lang: str = DEFAULT_LANGUAGE
    #: The English site's address (site_url), where the files published once live;
    #: "" means `base_url`.
    root_url: str = ""

    @classmethod
    def from_config(cls, config: Config, lang: str = DEFAULT_LANGUAGE) -> Site:
        root = config.site_url.strip()
        if not root.endswith("/"):
            root += "/"
        base = root + language_folder(lang)
        partner_feeds: dict[str, str] = {}
        for source in config.sources:
            url = safe_link(source.url)
            if url is not None:
                partner_feeds.setdefault(source.name, url)
        return cls(
            title=xml_text(config.title_in(lang)),
            description=xml_text(config.description_in(lang)),
            base_url=base,
            host=urlsplit(base).hostname or "clearinghouse.invalid",
            partner_feeds=partner_feeds,
            taxonomy=build_taxonomy(config.taxonomy),
            partner_slugs=partner_slugs(source.name for source in config.sources),
            signup=config.signup or (config.digest.subscribe if config.digest else None),
            lang=lang,
            root_url=root,
        )

    def facets(self) -> Taxonomy:
        return self.taxonomy if self.taxonomy is not None else build_taxonomy()

    def slugs_for(self, items: Iterable[Item]) -> dict[str, str]:
        """Partner slugs for feeds.yaml's partners, then any other partner the items name."""
        known = self.partner_slugs or {}
        others = sorted({n for item in items for n in item.partner_names if n not in known})
        return partner_slugs([*known, *others])

    def url(self, name: str) -> str:
        return self.base_url + name

    def shared_url(self, name: str) -> str:
        """A file published once, at the English site's root (favicon.svg, calls/*.ics)."""
        return (self.root_url or self.base_url) + name

    def icon(self, below: str = "") -> str:
        """The site's icon (favicon.svg, published once at the root) from a page in the
        folder `below` this language's root ("", "about/", "topics/gold/"): a relative
        address, so that the page shows it wherever the site is served from."""
        folder = language_folder(self.lang) + below
        return "../" * folder.count("/") + ICON_NAME

    def gettext(self, message: str) -> str:
        return gettext_for(self.lang, message)

    def date(self, day: date) -> str:
        """A date as the site's language writes it: "27 December 2026", "27 décembre 2026"."""
        return readable_date(day) if self.lang == DEFAULT_LANGUAGE else format_date(day, self.lang)

    def moment(self, now: datetime) -> str:
        """The build's time: "27 December 2026, 10:00 UTC"."""
        return f"{self.date(now.date())}, {now:%H:%M} UTC"

    def closes(self, left: int | None) -> str | None:
        """How a deadline reads from today, in the site's language."""
        return call_status_in(left, self.lang)

    def switcher(self, page: str = "") -> list[dict[str, str | bool]]:
        """The page `page` (a path below a language's root: "", "topics/gold/") in each
        language of the site: its code, name, address and whether it is this one."""
        root = self.root_url or self.base_url
        return [
            {
                "lang": code,
                "name": LANGUAGE_NAMES[code],
                "url": root + language_folder(code) + page,
                "current": code == self.lang,
            }
            for code in SITE_LANGUAGES
        ]

    def item_link(self, item: Item) -> str:
        """Where an item points: its link, else its first partner's link, else its place here."""
        return item_link(item) or self.url(f"#{anchor(item)}")


def item_link(item: Item) -> str | None:
    """The item's own link, else the link its first partner gave for it, else None.

    Never the canonical `Item.url`: that identity has https forced and
    ``www.`` and the trailing slash removed, which can break the address.
    """
    own = safe_link(item.link)
    if own is not None or not item.sources:
        return own
    return safe_link(item.sources[0].link)


class SummaryCache:
    """Each item's summary sanitised once per build, however many outputs show it."""

    def __init__(self, today: date | None = None, lang: str = DEFAULT_LANGUAGE) -> None:
        self._cleaned: dict[str, str] = {}
        #: The day the build is for: a call's status is the status of that day.
        self.today = today
        #: The language of the deadline's lead ("Deadline: …", "Date limite : …").
        self.lang = lang

    def html(self, item: Item) -> str:
        cleaned = self._cleaned.get(item.id)
        if cleaned is None:
            cleaned = xml_text(clean_html(item.summary))
            self._cleaned[item.id] = cleaned
        return cleaned

    def status(self, item: Item) -> str | None:
        """A call's status on the build's day (None for events, news, or no day)."""
        return status_on(item, self.today) if self.today is not None else item.status

    def with_deadline(self, item: Item) -> str:
        """The summary, led for a call by its deadline ("Deadline: 23 June 2027 — ...")
        or its opening day, and for an event by its dates."""
        summary = self.html(item)
        lead = ""
        lang = self.lang

        def day(when: date) -> str:
            return readable_date(when) if lang == DEFAULT_LANGUAGE else format_date(when, lang)

        if item.kind == "call" and item.deadline is not None:
            extended = gettext_for(lang, " (extended)") if item.deadline_extended else ""
            lead = gettext_for(lang, "Deadline: %(date)s") % {"date": day(item.deadline)}
            lead += extended
        elif item.kind == "call" and self.status(item) == "forthcoming" and item.opens:
            lead = gettext_for(lang, "Opens: %(date)s") % {"date": day(item.opens)}
        elif item.kind == "event" and item.event is not None:
            if item.event.end != item.event.start:
                lead = gettext_for(lang, "When: %(start)s to %(end)s") % {
                    "start": day(item.event.start),
                    "end": day(item.event.end),
                }
            else:
                lead = gettext_for(lang, "When: %(date)s") % {"date": day(item.event.start)}
        if not lead:
            return summary
        return f"{lead} — {summary}" if summary else lead


# --- RSS 2.0 --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One <item> of an RSS feed, every field ready to print."""

    title: str
    link: str
    guid: str
    pub_date: str
    description: str
    categories: tuple[str, ...]
    source_name: str | None
    source_url: str | None


def render_rss(
    items: Sequence[Item],
    site: Site,
    *,
    env: jinja2.Environment,
    summaries: SummaryCache,
    now: datetime,
    feed: str,
    folder: str = "",
    subtitle: str = "",
) -> str:
    """An RSS 2.0 document of `items` in the given order; `feed` is "feed" or "calls";
    `folder` is where it is published below the site ("topics/gold/") and `subtitle`
    what its items share ("Gold")."""
    entries = [_feed_entry(item, site, summaries) for item in items]
    suffix, lead = (site.gettext(part) if part else part for part in FEED_TITLES[feed])
    title = site.title + (f" — {xml_text(subtitle)}" if subtitle else "") + suffix
    description = f"{lead} {site.description}".strip() if lead else site.description
    changed = max((max(item.updated, item.first_seen) for item in items), default=now)
    return env.get_template("feed.xml").render(
        title=title,
        link=site.url(folder),
        description=description,
        self_url=site.url(f"{folder}{feed}.xml"),
        language=uniform_language(items),
        last_build_date=rfc822(changed),
        generator=GENERATOR,
        entries=entries,
        stylesheet=stylesheet_href(f"{folder}{feed}"),
    )


def _feed_entry(item: Item, site: Site, summaries: SummaryCache) -> FeedEntry:
    partners = tuple(xml_text(name) for name in item.partner_names)
    source_name = source_url = None
    if item.sources:
        first = item.sources[0]
        source_url = site.partner_feeds.get(first.name) or safe_link(first.link)
        source_name = xml_text(first.name) if source_url else None
    return FeedEntry(
        title=xml_text(item.title),
        link=site.item_link(item),
        guid=guid(item),
        pub_date=rfc822(item.published),
        description=summaries.with_deadline(item),
        categories=_unique(
            (
                *partners,
                item.kind,
                *((f"status:{status}",) if (status := summaries.status(item)) else ()),
                *(xml_text(tag) for tag in item.tags),
            )
        ),
        source_name=source_name,
        source_url=source_url,
    )


def render_feed_stylesheet(
    site: Site, *, env: jinja2.Environment, items: Iterable[Item] = ()
) -> str:
    """feed.xsl in the site's language: what a browser shows of an RSS feed, its dates
    written as the site writes them and its categories named as the site names them
    (`items`: those the feeds of this build are made of)."""
    shape = date_shape(site.lang)
    return env.get_template(FEED_STYLESHEET).render(
        lang=site.lang,
        dates=shape,
        months=tuple(zip(RFC822_MONTHS, shape.months, strict=True)),
        example=site.date(date(2026, 12, 1)),
        categories=category_labels(site, items),
        # from this stylesheet: a feed's page adds the way from the feed to it
        icon=site.icon(),
        stylesheet=FEED_STYLESHEET,
    )


def category_labels(site: Site, items: Iterable[Item]) -> list[tuple[str, str, str]]:
    """(kind, value, label) for each category the feed view names in the site's language:
    every topic and region of the taxonomy ("great-lakes" -> "Grands Lacs"), and each
    country code the items are tagged with ("CD" -> "République démocratique du Congo")."""
    taxonomy = site.facets()
    found = [("topic", slug, taxonomy.label(slug, site.lang)) for slug in taxonomy.entries]
    codes = {tag for item in items for tag in item.tags if _COUNTRY_TAG.fullmatch(tag)}
    found += [
        ("country", code, country_label(code, site.lang))
        for code in sorted(codes)
        if is_country(code)
    ]
    # each value is written into an XPath string: only the characters a slug may hold
    return [
        (kind, value, xml_text(label)) for kind, value, label in found if _SLUG.fullmatch(value)
    ]


# --- JSON Feed 1.1 ----------------------------------------------------------------------


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
        "tags": list(_unique((item.kind, *item.tags))),
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


# --- iCalendar ---------------------------------------------------------------------------


def ical_text(value: str) -> Any:
    """An iCalendar TEXT value (an icalendar ``vText``): `,` `;` `\\` and line breaks
    escaped by icalendar itself, whatever the property (it does not know X-WR-*
    to be text, and would write them raw)."""
    import icalendar

    return icalendar.vText(xml_text(value))


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
    # Imported here: icalendar takes longer to load than an unchanged run takes to
    # find that the site needs no rewrite.
    import icalendar

    text = ical_text
    calendar = icalendar.Calendar()
    calendar.add("prodid", text(f"-//{site.title}//deadlines//EN"))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    named = f"{site.title} — {subtitle}" if subtitle else site.title
    calendar.add("x-wr-calname", text(named + site.gettext(" — deadlines")))
    lead = site.gettext("Deadlines of open calls.")
    calendar.add("x-wr-caldesc", text(f"{lead} {site.description}".strip()))
    # Ask subscribed calendars to look again every few hours.
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
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

    calendar = icalendar.Calendar()
    text = ical_text
    calendar.add("prodid", text(f"-//{site.title}//events//EN"))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    named = f"{site.title} — {subtitle}" if subtitle else site.title
    calendar.add("x-wr-calname", text(named + site.gettext(" — events")))
    lead = site.gettext("Upcoming events.")
    calendar.add("x-wr-caldesc", text(f"{lead} {site.description}".strip()))
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
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


# --- index.html ---------------------------------------------------------------------------


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
    calendars = call_calendar_links(still_open, site)
    graph = front_page_graph(
        still_open, upcoming_events(items, today=today), link=site.item_link, page_url=site.base_url
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


def site_environment(folders: tuple[Path, ...], lang: str) -> jinja2.Environment:
    """The site's templates speaking `lang` through Jinja's i18n extension (`_()`,
    `{% trans %}`): English is the messages themselves."""
    env = template_environment(folders)
    env.add_extension("jinja2.ext.i18n")
    install(env, lang)
    return env


def language_folder(lang: str) -> str:
    """Where a language's site is below the English one: "" for English, "fr/" for French."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def call_status_in(left: int | None, lang: str) -> str | None:
    """`call_status` in `lang`: "closes in 5 days", "clôture dans 5 jours"."""
    if lang == DEFAULT_LANGUAGE or left is None:
        return call_status(left)
    if left < 0:
        return gettext_for(lang, "closed")
    if left == 0:
        return gettext_for(lang, "closes today")
    if left == 1:
        return gettext_for(lang, "closes tomorrow")
    return ngettext_for(lang, "closes in %(num)d day", "closes in %(num)d days", left) % {
        "num": left
    }


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


def call_calendar_links(calls: Iterable[Item], site: Site) -> dict[str, str]:
    """Item id -> the address of its own .ics (call_calendars writes one for each open
    call with a deadline)."""
    return {c.id: site.shared_url(call_calendar_name(c)) for c in calls if c.deadline}


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
        event_text=_event_dates(item, site),
        calendar=calendar,
    )


def _event_dates(item: Item, site: Site) -> str | None:
    """ "12 May 2027", or "12 May 2027 to 14 May 2027" for an event on several days."""
    if item.event is None:
        return None
    start, end = item.event.start, item.event.end
    if end == start:
        return site.date(start)
    return site.gettext("%(start)s to %(end)s") % {
        "start": site.date(start),
        "end": site.date(end),
    }


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


def _shipped_script(env: jinja2.Environment, name: str) -> str:
    """A file of the templates folder, published as it is (the front page's filter, the
    site's icon)."""
    source, _, _ = env.loader.get_source(env, name) if env.loader else ("", None, None)
    return source


# --- small formatting pieces --------------------------------------------------------------


def guid(item: Item) -> str:
    """The item's stable, globally unique identifier in every feed."""
    return f"urn:clearinghouse:{item.id}"


def anchor(item: Item) -> str:
    """The id of the item's place on the index page."""
    return "item-" + _ANCHOR_UNSAFE.sub("-", item.id)


def rfc822(moment: datetime) -> str:
    """'Wed, 23 Jun 2027 10:00:00 +0000', as RSS wants it."""
    return format_datetime(moment.astimezone(UTC))


def rfc3339(moment: datetime) -> str:
    """'2027-06-23T10:00:00Z', as JSON Feed wants it."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def language_label(code: str) -> str:
    """'fr' -> 'Français'; an unknown code is shown as it is."""
    return LANGUAGE_NAMES.get(code.lower(), code)


def language_order(code: str | None) -> tuple[int, str]:
    """Sort key listing English, French, Spanish first, then other languages by code."""
    known = tuple(LANGUAGE_NAMES)
    code = (code or "").lower()
    return (known.index(code) if code in known else len(known), code)


def uniform_language(items: Iterable[Item]) -> str | None:
    """The language every item shares, or None if they differ, lack one, or there are none."""
    languages = {item.language for item in items}
    if len(languages) == 1:
        (only,) = languages
        if only and _LANGUAGE_TAG.match(only):
            return only
    return None


def xml_text(text: str) -> str:
    """`text` without the control characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))
