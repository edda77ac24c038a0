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

The package, one module per kind of output:

- `site`: `Site`, `SummaryCache` and the pieces every output shares;
- `rss`: the RSS 2.0 feeds (`render_rss`);
- `jsonfeed`: the JSON Feed 1.1 feeds (`render_json_feed`);
- `calendar`: the iCalendar files (`render_calendar`, `render_events_calendar`,
  `render_call_calendar`);
- `pages`: the HTML pages (`render_index`, `render_about`, `page_group`);
- here: `render_site`, which writes them all, and the names the rest of the
  project imports from ``aggregator.render``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from aggregator.atomic import write_atomic
from aggregator.errors import ConfigError, StorageError
from aggregator.i18n import DEFAULT_LANGUAGE
from aggregator.render.calendar import (
    call_calendar_name,
    ical_text,
    render_calendar,
    render_call_calendar,
    render_events_calendar,
)
from aggregator.render.jsonfeed import JSON_FEED_VERSION, escape_json_markup, render_json_feed
from aggregator.render.pages import (
    EXCERPT_CHARS,
    KIND_LABELS,
    URGENCY_GROUPS,
    PageEntry,
    PageGroup,
    call_calendar_links,
    page_group,
    render_about,
    render_index,
    subscribe_links,
    urgency,
    urgency_group,
)
from aggregator.render.rss import FeedEntry, render_feed_stylesheet, render_rss
from aggregator.render.site import (
    ABOUT_NAME,
    FEED_TITLES,
    GENERATOR,
    ICON_NAME,
    LANGUAGE_NAMES,
    ROOT_NAMES,
    SITE_FILE_MODE,
    SITE_LANGUAGES,
    Site,
    SummaryCache,
    anchor,
    call_status_in,
    guid,
    item_link,
    language_folder,
    language_label,
    language_order,
    rfc822,
    rfc3339,
    site_environment,
    uniform_language,
    xml_text,
)
from aggregator.select import forthcoming_calls, latest, open_calls, upcoming_events
from aggregator.subscribe_links import FEED_STYLESHEET
from aggregator.types import Config, Item

__all__ = [
    "ABOUT_NAME",
    "EXCERPT_CHARS",
    "FEED_TITLES",
    "GENERATOR",
    "ICON_NAME",
    "JSON_FEED_VERSION",
    "KIND_LABELS",
    "LANGUAGE_NAMES",
    "OUTPUT_NAMES",
    "ROOT_NAMES",
    "SITE_FILE_MODE",
    "SITE_LANGUAGES",
    "URGENCY_GROUPS",
    "FeedEntry",
    "PageEntry",
    "PageGroup",
    "Site",
    "SummaryCache",
    "anchor",
    "call_calendar_links",
    "call_calendar_name",
    "call_status_in",
    "escape_json_markup",
    "guid",
    "ical_text",
    "item_link",
    "language_folder",
    "language_label",
    "language_order",
    "page_group",
    "render_about",
    "render_calendar",
    "render_call_calendar",
    "render_events_calendar",
    "render_index",
    "render_json_feed",
    "render_rss",
    "render_site",
    "rfc822",
    "rfc3339",
    "site_environment",
    "subscribe_links",
    "uniform_language",
    "urgency",
    "urgency_group",
    "xml_text",
]

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


def _shipped_script(env: jinja2.Environment, name: str) -> str:
    """A file of the templates folder, published as it is (the front page's filter, the
    site's icon)."""
    source, _, _ = env.loader.get_source(env, name) if env.loader else ("", None, None)
    return source
