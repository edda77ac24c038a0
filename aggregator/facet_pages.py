"""The site's facet pages: one page and its feeds per partner, topic, region, country
and language, and the topics index.

    write_facet_pages(items, config, now=now) -> [site/topics/gold/index.html, …/feed.xml,
                                                 …/calls.xml, …/deadlines.ics, …/events.ics,
                                                 …, site/topics/index.html]

Which pages there are and what each lists is `facets.facet_pages`, over the items
the site is rendered from (never the whole history); each page and feed is made by
`aggregator.render`'s renderers, so it passes the same checks as the site's own. A page is
written only for a value some item has. A facet folder an earlier build wrote whose
value has no item any more is removed: only the files a facet page is made of, and
the folder once it is empty, so nothing else anyone put in site/ is ever deleted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jinja2

from .atomic import write_atomic
from .dedup import group_translations
from .errors import StorageError
from .facets import FACET_KINDS, FacetPage, facet_pages
from .i18n import DEFAULT_LANGUAGE
from .render import (
    GENERATOR,
    SITE_FILE_MODE,
    PageGroup,
    Site,
    SummaryCache,
    call_calendar_links,
    language_folder,
    page_group,
    render_calendar,
    render_events_calendar,
    render_rss,
    site_environment,
)
from .select import forthcoming_calls, latest, news, open_calls, upcoming_events
from .types import Config, Item


def write_facet_pages(
    items: Sequence[Item], config: Config, *, now: datetime, lang: str = DEFAULT_LANGUAGE
) -> list[Path]:
    """Write every facet page and its feeds, and the topics index, into `config.site`
    (its `lang/` folder for French or Spanish); remove the facet folders whose value no
    item has any more. Files whose content did not change are left untouched."""
    now = now.astimezone(UTC)
    site = Site.from_config(config, lang)
    env = site_environment(config.template_folders, lang)
    site_folder = config.site / language_folder(lang)
    outputs = render_facets(
        items,
        site,
        env=env,
        summaries=SummaryCache(now.date(), lang),
        now=now,
        open_days=config.open_call_days,
        limit=config.feed_size,
    )
    written = []
    try:
        for name, content in outputs:
            path = site_folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, content, mode=SITE_FILE_MODE)
            written.append(path)
        remove_stale_facets(site_folder, (name for name, _ in outputs))
    except OSError as exc:
        raise StorageError(
            f"cannot write the facet pages in {config.site}: {exc.strerror or exc} "
            "(see 'site' in feeds.yaml)"
        ) from exc
    return written


# --- the pages ---------------------------------------------------------------------------

#: The order of the topics index.
INDEX_ORDER = ("topics", "regions", "countries", "partners", "languages")
#: The files of each facet page's folder.
FACET_FILES = ("index.html", "feed.xml", "calls.xml", "deadlines.ics", "events.ics")


def render_facets(
    items: Sequence[Item],
    site: Site,
    *,
    env: jinja2.Environment,
    summaries: SummaryCache,
    now: datetime,
    open_days: int,
    limit: int,
) -> list[tuple[str, str | bytes]]:
    """(path below the site, content) of every facet page and its feeds, and of the
    topics index: pages only for values some of `items` have (see `facets.facet_pages`)."""
    today = now.date()
    slugs = site.slugs_for(items)
    pages = facet_pages(items, site.facets(), slugs, site.lang)
    calendars: dict[str, bytes] = {}  # each event's text, written once for every calendar
    # each open call with a deadline has its own .ics (call_calendars)
    own_calendars = call_calendar_links(open_calls(items, today=today, open_days=open_days), site)
    outputs: list[tuple[str, str | bytes]] = []
    for page in pages:
        chosen = page.items
        still_open = open_calls(chosen, today=today, open_days=open_days)
        events = upcoming_events(chosen, today=today)
        folder = page.path

        def groups(listed: Sequence[Item]) -> list[PageGroup]:
            return [
                page_group(group, summaries, today, site, slugs, calendars=own_calendars)
                for group in group_translations(listed)
            ]

        html = env.get_template("facet.html").render(
            site_title=site.title,
            title=f"{page.label} — {site.title}",
            heading=page.label,
            heading_lang=page.lang,
            kind=page.kind,
            description=site.description,
            root="../../",
            feeds={
                "feed_xml": site.url(f"{folder}feed.xml"),
                "calls_xml": site.url(f"{folder}calls.xml"),
                "deadlines_ics": site.url(f"{folder}deadlines.ics"),
                "events_ics": site.url(f"{folder}events.ics"),
            },
            open_calls=groups(still_open),
            forthcoming=groups(forthcoming_calls(chosen, today=today)),
            events=groups(events),
            news=groups([item for item in news(chosen) if item.kind == "news"][: max(limit, 0)]),
            open_days=open_days,
            generated_iso=now.isoformat(timespec="seconds").replace("+00:00", "Z"),
            generated_text=site.moment(now),
            generator=GENERATOR,
            lang=site.lang,
            languages=site.switcher(folder),
            icon=site.icon(folder),
        )
        subtitle = page.label
        outputs += [
            (f"{folder}index.html", html),
            (
                f"{folder}feed.xml",
                render_rss(
                    latest(chosen, limit),
                    site,
                    env=env,
                    summaries=summaries,
                    now=now,
                    feed="feed",
                    folder=folder,
                    subtitle=subtitle,
                ),
            ),
            (
                f"{folder}calls.xml",
                render_rss(
                    still_open,
                    site,
                    env=env,
                    summaries=summaries,
                    now=now,
                    feed="calls",
                    folder=folder,
                    subtitle=subtitle,
                ),
            ),
            (
                f"{folder}deadlines.ics",
                render_calendar(still_open, site, now=now, subtitle=subtitle, cache=calendars),
            ),
            (
                f"{folder}events.ics",
                render_events_calendar(events, site, now=now, subtitle=subtitle, cache=calendars),
            ),
        ]
    outputs.append(
        (
            "topics/index.html",
            _topics_index(pages, site, env=env, now=now, today=today, open_days=open_days),
        )
    )
    return outputs


def _topics_index(
    pages: Sequence[FacetPage],
    site: Site,
    *,
    env: jinja2.Environment,
    now: datetime,
    today: date,
    open_days: int,
) -> str:
    """topics/index.html: every facet value with its counts of items and open calls,
    by kind; the built-in topics and regions no item has yet are listed with 0."""
    by_kind: dict[str, list[dict[str, Any]]] = {
        kind: [] for kind in ("topics", "regions", "countries", "partners", "languages")
    }
    for page in pages:
        by_kind[page.kind].append(
            {
                "label": page.label,
                "path": page.path,
                "lang": page.lang,
                "count": len(page.items),
                "calls": len(open_calls(page.items, today=today, open_days=open_days)),
            }
        )
    taxonomy = site.facets()
    listed = {(page.kind, page.value) for page in pages}
    for slug in taxonomy.entries:
        kind = "regions" if taxonomy.is_region(slug) else "topics"
        if (kind, slug) not in listed:
            by_kind[kind].append(
                {
                    "label": taxonomy.label(slug, site.lang),
                    "path": None,
                    "lang": None,
                    "count": 0,
                    "calls": 0,
                }
            )
    for rows in by_kind.values():
        rows.sort(key=lambda row: (-row["count"], row["label"].casefold()))
    return env.get_template("topics.html").render(
        site_title=site.title,
        title=f"{site.gettext('Topics, regions, countries and partners')} — {site.title}",
        description=site.description,
        root="../",
        groups=[(kind, rows) for kind, rows in by_kind.items() if rows],
        generated_iso=now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        generated_text=site.moment(now),
        generator=GENERATOR,
        lang=site.lang,
        languages=site.switcher("topics/"),
        icon=site.icon("topics/"),
    )


def remove_stale_facets(site_folder: Path, written: Iterable[str]) -> list[Path]:
    """Remove the facet folders an earlier build wrote that this one did not: only the
    files a facet page is made of, and the folder once empty (anything else someone put
    there stays, and keeps its folder). Returns the files removed."""
    kept = {Path(name).parent for name in written}
    removed: list[Path] = []
    for kind in FACET_KINDS:
        parent = site_folder / kind
        if not parent.is_dir():
            continue
        for folder in sorted(parent.iterdir()):
            if not folder.is_dir() or folder.is_symlink() or Path(kind, folder.name) in kept:
                continue
            for name in FACET_FILES:
                path = folder / name
                if path.is_file() and not path.is_symlink():
                    path.unlink()
                    removed.append(path)
            with contextlib.suppress(OSError):  # something of someone else's is in it
                folder.rmdir()
    return removed
