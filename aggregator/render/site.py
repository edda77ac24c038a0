"""What every output needs to know about the site, and the pieces they share.

`Site` is the published site's identity as the outputs name it (its title, its
address in each language, its partners); `SummaryCache` sanitises each item's
summary once per build, however many outputs show it; `site_environment` is the
templates speaking the site's language. The small formatting pieces (`guid`,
`anchor`, `rfc822`, `rfc3339`, `xml_text` ...) are what the feeds, calendars and
pages agree on, so that one item is named the same way in all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from aggregator.facets import partner_slugs
from aggregator.i18n import DEFAULT_LANGUAGE, N_, format_date, gettext_for, install, ngettext_for
from aggregator.sanitize import clean_html
from aggregator.select import status_on
from aggregator.taxonomy import Taxonomy, build_taxonomy
from aggregator.textfmt import call_status, readable_date, template_environment
from aggregator.types import Config, Item
from aggregator.urls import safe_link

GENERATOR = "Responsible Minerals Clearinghouse aggregator"
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
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}
#: The languages the site is published in: English at the root, the others in LANG/.
SITE_LANGUAGES = ("en", "fr", "es")
#: Published files are readable by all: a web server must read them.
SITE_FILE_MODE = 0o644

# Characters that may not appear in XML 1.0 (and that no reader wants anyway).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
# A language tag a feed validator accepts (en, fr, es-419, pt-BR).
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


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

    def shared_path(self, name: str, below: str = "") -> str:
        """A file published once at the English site's root, as a relative address from a
        page in the folder `below` this language's root: "calls/x.ics" from the front page,
        "../calls/x.ics" from fr/ (a page names each call's own calendar: a short address
        keeps the front page within its weight)."""
        folder = language_folder(self.lang) + below
        return "../" * folder.count("/") + name

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


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """The non-empty `values` once each, in their first order (a feed's categories, tags)."""
    return tuple(dict.fromkeys(value for value in values if value))
