"""The digest as one reader sees it: email-safe HTML and plain text, in their language.

    issue_sections(content, lang=...)            -> [Section, ...]   pure: the order readers see
    render_digest(content, config=..., subject=..., lang="fr", links=IssueLinks(...))
        -> RenderedDigest(html, text, preheader)
    whatsapp_text(content, title=..., lang=..., web=...)  -> "*…*" lines for a WhatsApp group

The sections, in order:

1. **Closing within 14 days**: new calls and reminders whose deadline is
   within `CLOSING_SOON_DAYS`, soonest first;
2. **New calls**: the other new open (or rolling) calls, closing soonest
   first, at most `MAX_NEW_CALLS`, then "N more on the site" (a facet page
   when the reader follows one topic or country, else the front page);
3. **Forthcoming calls**: announced, not open yet;
4. **Upcoming events**, by the date they take place (undated last);
5. **News**, grouped by partner.

Labels and dates are in the reader's language (`aggregator.i18n`); an item
in another language than the issue's carries its own `lang`. The HTML is
a 600 px card (max-width, and a fixed-width table for Outlook on Windows
inside MSO conditional comments) with inlined CSS, kept under
`MAX_HTML_BYTES` by cutting every section to the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import css_inline
import jinja2

from .. import i18n
from ..errors import ConfigError
from ..textfmt import excerpt as plain_excerpt
from ..types import Config, DigestContent, Item, PartnerGroup, RenderedDigest
from ..urls import safe_link

#: Most mail clients clip a message past ~100 KB (Gmail at 102 KB).
MAX_HTML_BYTES = 100_000
#: Characters of an item's summary shown under its title.
EXCERPT_CHARS = 280
#: Calls closing within this many days come first.
CLOSING_SOON_DAYS = 14
#: New calls listed before "N more on the site".
MAX_NEW_CALLS = 20
#: Calls listed in the WhatsApp text before "more on the site".
WHATSAPP_CALLS = 15

#: The templates, in `Config.templates`.
HTML_TEMPLATE = "digest.html"
TEXT_TEMPLATE = "digest.txt"

_WHATSAPP_MARKS = re.compile(r"[*_~`]")


@dataclass(frozen=True)
class IssueLinks:
    """Where the footer and the "more" links of one reader's issue point."""

    #: The web copy of this issue (in the reader's language).
    web: str | None = None
    #: The archive of issues on the site.
    archive: str | None = None
    #: "N more on the site": a facet page matching the reader's filter, or the front page.
    more: str | None = None
    unsubscribe: tuple[str, ...] = ()
    preferences: str | None = None
    subscribe: str | None = None


@dataclass(frozen=True)
class Section:
    """One heading of an issue and what is under it."""

    key: str
    heading: str
    items: tuple[Item, ...] = ()
    #: For news: (partner, items) in partner order.
    groups: tuple[PartnerGroup, ...] = ()
    #: At most this many items shown (None: all) before "N more on the site".
    cap: int | None = None

    @property
    def count(self) -> int:
        return len(self.items) + sum(len(group.items) for group in self.groups)


@dataclass(frozen=True)
class _Shown:
    key: str
    heading: str
    entries: tuple[dict[str, Any], ...]
    groups: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    more: int
    more_label: str
    more_link: str
    extra: dict[str, Any] = field(default_factory=dict)


# --- the order of things (pure) -------------------------------------------------------


def status_on(item: Item, today: date) -> str | None:
    """A call's status on `today`: a forthcoming call whose day came is open, an
    open one past its deadline closed (as `select.status_on_day` decides it)."""
    status = item.status
    if status == "forthcoming" and item.opens is not None and item.opens <= today:
        status = "open" if item.deadline is not None else "rolling"
    if status in ("open", "rolling") and item.deadline is not None and item.deadline < today:
        return "closed"
    return status


def issue_sections(content: DigestContent, *, lang: str = "en") -> list[Section]:
    """The issue's sections in reading order, empty ones left out."""
    today = content.today
    _ = i18n.translations(lang).gettext

    def closing(item: Item) -> bool:
        return item.deadline is not None and 0 <= (item.deadline - today).days <= CLOSING_SOON_DAYS

    calls = [item for item in content.calls if status_on(item, today) != "forthcoming"]
    soon = sorted(
        [item for item in calls if closing(item)]
        + [item for item in content.closing_soon if closing(item)],
        key=_closing_order,
    )
    soon_ids = {item.id for item in soon}
    events = [item for group in content.events for item in group.items]
    sections = [
        Section("closing", _("Closing within 14 days"), tuple(soon)),
        Section(
            "calls",
            _("New calls"),
            tuple(item for item in calls if item.id not in soon_ids),
            cap=MAX_NEW_CALLS,
        ),
        Section(
            "forthcoming",
            _("Forthcoming calls"),
            tuple(item for item in content.calls if status_on(item, today) == "forthcoming"),
        ),
        Section("events", _("Upcoming events"), tuple(sorted(events, key=_event_order))),
        Section("news", _("News"), groups=content.news),
    ]
    return [section for section in sections if section.count]


def describe_counts(content: DigestContent, lang: str = "en") -> str:
    """The preview line, reminders included: "3 new calls, 2 calls closing soon, 1 event"."""
    today = content.today
    n = i18n.translations(lang).ngettext
    new_calls = sum(1 for item in content.calls if status_on(item, today) != "forthcoming")
    forthcoming = len(content.calls) - new_calls
    reminders = sum(
        1
        for item in content.closing_soon
        if item.deadline is not None and 0 <= (item.deadline - today).days <= CLOSING_SOON_DAYS
    )
    parts = []
    for number, one, many in (
        (new_calls, "%(num)d new call", "%(num)d new calls"),
        (reminders, "%(num)d call closing soon", "%(num)d calls closing soon"),
        (forthcoming, "%(num)d forthcoming call", "%(num)d forthcoming calls"),
        (content.event_count, "%(num)d event", "%(num)d events"),
        (content.news_count, "%(num)d news item", "%(num)d news items"),
    ):
        if number:
            parts.append(n(one, many, number) % {"num": number})
    return ", ".join(parts)


def _closing_order(item: Item) -> tuple[bool, date, str]:
    return (item.deadline is None, item.deadline or date.max, item.title.casefold())


def _event_order(item: Item) -> tuple[bool, date, str]:
    start = item.event.start if item.event is not None else None
    return (start is None, start or date.max, item.title.casefold())


# --- HTML and text ------------------------------------------------------------------


def render_digest(
    content: DigestContent,
    *,
    config: Config,
    subject: str,
    lang: str = "en",
    links: IssueLinks | None = None,
    max_bytes: int = MAX_HTML_BYTES,
) -> RenderedDigest:
    """The issue as HTML (CSS inlined, under `max_bytes`) and plain text, in `lang`."""
    lang = i18n.language_of(lang)
    if links is None:
        settings = config.digest
        links = IssueLinks(
            unsubscribe=settings.unsubscribe if settings else (),
            preferences=settings.preferences if settings else None,
            subscribe=settings.subscribe if settings else None,
        )
    environment = i18n.environment(config.template_folders, lang)
    html_template = _template(environment, HTML_TEMPLATE, config.templates)
    text_template = _template(environment, TEXT_TEMPLATE, config.templates)
    inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)
    site = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    sections = issue_sections(content, lang=lang)
    preheader = describe_counts(content, lang)
    _ = i18n.translations(lang).gettext
    context_links = {
        "site": site,
        "feed": site + "feed.xml",
        "calendar": site + "deadlines.ics",
        "web": links.web or site + "digest.html",
        "archive": links.archive,
    }
    unsubscribe = links.unsubscribe

    hidden = [0]

    def render(limit: int | None) -> tuple[str, str]:
        shown = [_shown(section, limit, content.today, lang, links.more or site)
                 for section in sections]  # fmt: skip
        hidden[0] = sum(section.more for section in shown)
        context = {
            "lang": lang,
            "title": config.title_in(lang),
            "description": config.description_in(lang),
            "subject": subject,
            "preheader": preheader,
            "date": i18n.format_date(content.today, lang),
            "since": i18n.format_date(content.since.date(), lang) if content.since else None,
            "links": context_links,
            "sections": shown,
            "empty": not sections,
            "only_reminders": content.is_empty and bool(sections),
            "unsubscribe_https": [link for link in unsubscribe if link.startswith("https://")],
            "unsubscribe_mailto": [link for link in unsubscribe if link.startswith("mailto:")],
            "preferences": links.preferences,
            "subscribe": links.subscribe,
            "subscribe_label": _mail_label(links.subscribe),
        }
        return inliner.inline(html_template.render(context)), text_template.render(context)

    html, text = render(None)
    cut = hidden[0]
    if len(html.encode()) > max_bytes:
        longest = max((section.count for section in sections), default=0)
        low, high = 0, longest
        while low < high:
            middle = (low + high + 1) // 2
            attempt = render(middle)
            if len(attempt[0].encode()) <= max_bytes:
                low = middle
            else:
                high = middle - 1
        html, text = render(low)
        cut = hidden[0]
    return RenderedDigest(html=html, text=text, preheader=preheader, cut=cut)


def _shown(section: Section, limit: int | None, today: date, lang: str, more_link: str) -> _Shown:
    caps = [cap for cap in (section.cap, limit) if cap is not None]
    cap = min(caps) if caps else None
    entries: tuple[dict[str, Any], ...] = ()
    groups: list[tuple[str, tuple[dict[str, Any], ...]]] = []
    if section.items:
        shown = section.items if cap is None else section.items[:cap]
        entries = tuple(entry(item, today, lang) for item in shown)
    left = cap
    for group in section.groups:
        members = group.items if left is None else group.items[: max(left, 0)]
        if left is not None:
            left -= len(members)
        if members:
            groups.append(
                (group.partner, tuple(entry(item, today, lang, group.partner) for item in members))
            )
    more = section.count - len(entries) - sum(len(members) for _, members in groups)
    label = i18n.ngettext_for(lang, "%(num)d more on the site", "%(num)d more on the site", more)
    return _Shown(
        key=section.key,
        heading=section.heading,
        entries=entries,
        groups=tuple(groups),
        more=more,
        more_label=label % {"num": more},
        more_link=more_link,
    )


def entry(item: Item, today: date, lang: str, under: str | None = None) -> dict[str, Any]:
    """What the templates show of one item, in `lang`."""
    _ = i18n.translations(lang).gettext
    excerpt = plain_excerpt(item.summary, EXCERPT_CHARS)
    others = [ref for ref in item.sources if ref.name != under]
    partners = [{"name": _one_line(ref.name), "link": safe_link(ref.link)} for ref in others]
    names = ", ".join(_one_line(ref.name) for ref in others)
    if names and under is not None:
        names = _("Also posted by %(names)s") % {"names": names}
    published = i18n.format_date(item.published.date(), lang)
    language = i18n.language_of(item.language) if item.language else None
    return {
        "title": _one_line(item.title) or _("(untitled)"),
        "link": safe_link(item.link) or "",
        "kind": item.kind,
        "lang": language if language and language != lang else None,
        "partners": partners,
        "also": under is not None and bool(partners),
        "also_label": _("Also posted by %(names)s") % {"names": ""},
        "published": published,
        "byline": f"{names} · {published}" if names else published,
        "deadline": when_line(item, today, lang),
        "extended": item.kind == "call" and item.deadline_extended,
        "excerpt": excerpt,
    }


def when_line(item: Item, today: date, lang: str) -> str | None:
    """A call's deadline ("Deadline 12 April 2027, closes in 14 days"), opening day or
    rolling basis; an event's dates; nothing for news."""
    _ = i18n.translations(lang).gettext
    if item.kind == "event":
        if item.event is not None:
            return _event_dates(item, lang)
        if item.deadline is not None:
            said = _("Deadline was %(date)s") if item.deadline < today else _("Deadline %(date)s")
            return said % {"date": i18n.format_date(item.deadline, lang)}
        return None
    if item.kind != "call":
        return None
    status = status_on(item, today)
    if status == "forthcoming":
        if item.opens is not None:
            return _("Opens %(date)s") % {"date": i18n.format_date(item.opens, lang)}
        return _("Opening date not announced yet")
    if item.deadline is None:
        if status == "rolling":
            return _("Rolling call: applications any time")
        return _("No deadline given")
    days = (item.deadline - today).days
    if days <= 0:
        closes = _("closes today")
    elif days == 1:
        closes = _("closes tomorrow")
    else:
        closes = i18n.ngettext_for(
            lang, "closes in %(num)d day", "closes in %(num)d days", days
        ) % {"num": days}
    return _("Deadline %(date)s") % {"date": i18n.format_date(item.deadline, lang)} + f", {closes}"


def _event_dates(item: Item, lang: str) -> str:
    assert item.event is not None
    _ = i18n.translations(lang).gettext
    start, end = item.event.start, item.event.end
    if end <= start:
        text = i18n.format_date(start, lang)
    else:
        first = (
            i18n.format_day_month(start, lang)
            if start.year == end.year
            else i18n.format_date(start, lang)
        )
        text = _("%(start)s to %(end)s") % {"start": first, "end": i18n.format_date(end, lang)}
    if item.event.online:
        text += f" · {_('online')}"
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _mail_label(link: str | None) -> str | None:
    return link[7:] if link and link.startswith("mailto:") else link


# --- WhatsApp ------------------------------------------------------------------------


def whatsapp_text(
    content: DigestContent, *, title: str, lang: str = "en", web: str, site: str
) -> str:
    """The issue as a short message for WhatsApp groups: *bold* headings and titles,
    one line per call with its partner, deadline and link, and where to read the rest."""
    _ = i18n.translations(lang).gettext
    heading = _("Digest of %(date)s") % {"date": i18n.format_date(content.today, lang)}
    lines = [f"*{_plain(title)}*", heading, ""]
    listed = 0
    for section in issue_sections(content, lang=lang):
        if section.key == "news":
            continue
        items = section.items
        lines.append(f"*{_plain(section.heading)}*")
        for item in items:
            if listed >= WHATSAPP_CALLS:
                break
            listed += 1
            parts = [f"*{_plain(item.title)}*"]
            partner = ", ".join(_one_line(ref.name) for ref in item.sources[:2])
            if partner:
                parts.append(_plain(partner))
            when = when_line(item, content.today, lang)
            if when:
                if item.kind == "call" and item.deadline_extended:
                    when += f" ({_('Deadline extended')})"
                parts.append(_plain(when))
            link = safe_link(item.link)
            line = "• " + " — ".join(parts)
            lines.append(line + (f" {link}" if link else ""))
        lines.append("")
    if content.news_count:
        count = i18n.ngettext_for(lang, "%(num)d news item", "%(num)d news items",
                                  content.news_count)  # fmt: skip
        lines += [f"*{_('News')}*: {count % {'num': content.news_count}}", ""]
    lines.append(f"{_('Read this digest on the web')}: {web}")
    lines.append(site)
    return "\n".join(lines).strip() + "\n"


def whatsapp_share_link(text: str) -> str:
    """A link that opens WhatsApp with `text` ready to send: https://wa.me/?text=…"""
    return "https://wa.me/?text=" + quote(text, safe="")


def _plain(text: str) -> str:
    """One line without WhatsApp's formatting marks, which would break the bold."""
    return _one_line(_WHATSAPP_MARKS.sub("", text))


# --- templates -------------------------------------------------------------------------


def _template(environment: jinja2.Environment, name: str, templates: Path) -> jinja2.Template:
    try:
        return environment.get_template(name)
    except jinja2.TemplateNotFound as error:
        raise ConfigError(
            f"digest template {name!r} not found in {templates}",
            key="templates",
            fix=f"point 'templates' at a directory holding {HTML_TEMPLATE} and {TEXT_TEMPLATE}",
        ) from error
