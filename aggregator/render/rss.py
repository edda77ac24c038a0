"""The RSS 2.0 feeds: feed.xml, calls.xml, forthcoming.xml and each facet's feed.

Each feed names feed.xsl as its stylesheet, so that a browser shows it as a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import jinja2

from aggregator.i18n import RFC822_MONTHS, date_shape
from aggregator.render.site import (
    FEED_TITLES,
    GENERATOR,
    Site,
    SummaryCache,
    guid,
    rfc822,
    uniform_language,
    unique,
    xml_text,
)
from aggregator.subscribe_links import FEED_STYLESHEET, stylesheet_href
from aggregator.taxonomy import country_label, is_country
from aggregator.types import Item
from aggregator.urls import safe_link


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
    facets = (*item.topics, *item.regions, *item.countries)
    named = {facet.casefold() for facet in facets}
    return FeedEntry(
        title=xml_text(item.title),
        link=site.item_link(item),
        guid=guid(item),
        pub_date=rfc822(item.published),
        description=summaries.with_deadline(item),
        categories=unique(
            (
                *partners,
                item.kind,
                *((f"status:{status}",) if (status := summaries.status(item)) else ()),
                # its facets as the site's pages name them in their addresses: topic and
                # region slugs, ISO country codes (what a feed reader filters on)
                *facets,
                # the source's own tags, but for those the facets already name ("3T")
                *(xml_text(tag) for tag in item.tags if tag.casefold() not in named),
            )
        ),
        source_name=source_name,
        source_url=source_url,
    )


_COUNTRY_TAG = re.compile(r"[A-Z]{2}")
_SLUG = re.compile(r"[A-Za-z0-9_-]+")


# --- feed.xsl: a feed in a browser ------------------------------------------------------


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
    country of the items, found or tagged ("CD" -> "République démocratique du Congo")."""
    taxonomy = site.facets()
    found = [("topic", slug, taxonomy.label(slug, site.lang)) for slug in taxonomy.entries]
    codes = {
        code
        for item in items
        for code in (*item.countries, *item.tags)
        if _COUNTRY_TAG.fullmatch(code)
    }
    found += [
        ("country", code, country_label(code, site.lang))
        for code in sorted(codes)
        if is_country(code)
    ]
    # each value is written into an XPath string: only the characters a slug may hold
    return [
        (kind, value, xml_text(label)) for kind, value, label in found if _SLUG.fullmatch(value)
    ]
