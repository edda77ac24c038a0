"""The sources' page and list: `sources.html` in each language and `sources.opml`.

    write_status_files(healths, config, now=now)
        -> [site/sources.html, site/fr/sources.html, site/es/sources.html, site/sources.opml]

Written after every run (and after `reset` and `release`), whatever the
items did: the page says when each source last worked, which changes at
every poll. Each language's page has the interface, the states, the dates
and the numbers in that language, with the language switcher of the other
pages; the partners' names, addresses and error messages are shown as they
are. The list is published once, at the root. Every file is written
atomically and only when its bytes changed.
`sources.opml` (OPML 2.0) holds one outline per source: `type="rss"` with
`xmlUrl` for a feed (a page's advertised feed counts), a plain outline with
`htmlUrl` for a page read through selectors, which feed readers skip.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jinja2

from .atomic import write_atomic
from .errors import StorageError
from .health import ATTENTION, RECENT_DAYS, STATES, detail_text, iso, polled_url, site_of
from .i18n import N_, format_number
from .render import (
    SITE_FILE_MODE,
    SITE_LANGUAGES,
    Site,
    language_folder,
    site_environment,
    xml_text,
)
from .types import Config, SourceHealth
from .urls import safe_link

#: The page, in each language's folder ("sources.html", "fr/sources.html", …).
PAGE_NAME = "sources.html"
#: The list for feed readers, once at the root.
OPML_NAME = "sources.opml"
#: The files `write_status_files` writes, below the site's folder.
STATUS_NAMES = (
    *(f"{language_folder(lang)}{PAGE_NAME}" for lang in SITE_LANGUAGES),
    OPML_NAME,
)
#: How the page words each state (translated in the page's language).
STATE_LABELS = {
    "ok": N_("OK"),
    "new": N_("Not polled yet"),
    "failing": N_("Failing"),
    "moved": N_("Moved"),
    "gone": N_("Gone"),
    "suspect": N_("Suspect selectors"),
    "held": N_("Held back"),
}


@dataclass(frozen=True)
class SourceRow:
    """One source as the page shows it, every field ready to print."""

    name: str
    kind: str
    site: str | None
    address: str | None
    #: The feed actually read for a page that advertises one.
    feed: str | None
    state: str
    #: The state and the number of items, in the page's language.
    state_label: str
    since_iso: str | None
    since_text: str | None
    detail: str
    last_ok_iso: str | None
    last_ok_text: str
    recent_items: int
    recent_items_text: str
    #: Where a permanent redirect sends it.
    moved_to: str | None


def write_status_files(
    healths: Sequence[SourceHealth], config: Config, *, now: datetime
) -> list[Path]:
    """Write sources.html in each language and sources.opml into `config.site`; return
    their paths."""
    outputs: dict[str, str | bytes] = {}
    for lang in SITE_LANGUAGES:
        site = Site.from_config(config, lang)
        # rendered at once: the templates' environment speaks the last language installed
        env = site_environment(config.template_folders, lang)
        page = render_sources_page(healths, site, env=env, now=now)
        outputs[f"{language_folder(lang)}{PAGE_NAME}"] = page
    outputs[OPML_NAME] = render_opml(healths, Site.from_config(config))
    written = []
    try:
        for name in STATUS_NAMES:
            path = config.site / name
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, outputs[name], mode=SITE_FILE_MODE)
            written.append(path)
    except OSError as exc:  # a file where the folder should be, no space left, no permission
        raise StorageError(
            f"cannot write the sources page in {config.site}: {exc.strerror or exc} "
            "(see 'site' in feeds.yaml)"
        ) from exc
    return written


def source_row(health: SourceHealth, site: Site) -> SourceRow:
    """What the page shows of one source, in the site's language."""
    source = health.source
    feed = polled_url(health)
    kind = "page" if source.type == "page" else "feed"
    return SourceRow(
        name=xml_text(source.name),
        kind=kind,
        site=site_of(source.url),
        address=safe_link(source.url),
        feed=safe_link(feed) if feed != source.url else None,
        state=health.state,
        state_label=site.gettext(STATE_LABELS[health.state]),
        since_iso=iso(health.since),
        since_text=site.moment(health.since) if health.since else None,
        detail=xml_text(detail_text(health.detail_parts, site.lang, site.moment)),
        last_ok_iso=iso(health.record.last_ok),
        last_ok_text=(
            site.moment(health.record.last_ok) if health.record.last_ok else site.gettext("never")
        ),
        recent_items=health.record.recent_items,
        recent_items_text=format_number(health.record.recent_items, site.lang),
        moved_to=safe_link(health.record.moved_to) if health.record.moved_to else None,
    )


def render_sources_page(
    healths: Sequence[SourceHealth], site: Site, *, env: jinja2.Environment, now: datetime
) -> str:
    """The sources page: one table row per source, the ones needing attention first."""
    # attention first, each group in feeds.yaml's order
    rows = [source_row(h, site) for h in sorted(healths, key=lambda h: h.state not in ATTENTION)]
    counts = {state: sum(1 for row in rows if row.state == state) for state in STATES}
    return env.get_template(PAGE_NAME).render(
        title=site.title,
        home=site.base_url,
        about=site.url("about/clearinghouse.html"),
        opml=site.shared_url(OPML_NAME),
        rows=rows,
        counts=[
            (site.gettext(STATE_LABELS[state]), format_number(n, site.lang))
            for state, n in counts.items()
            if n
        ],
        recent_days=format_number(RECENT_DAYS, site.lang),
        generated_iso=iso(now),
        generated_text=site.moment(now),
        lang=site.lang,
        languages=site.switcher(PAGE_NAME),
        icon=site.icon(),
    )


def render_opml(healths: Sequence[SourceHealth], site: Site) -> bytes:
    """OPML 2.0 of the sources, one outline each, in feeds.yaml's order."""
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = f"{site.title} — sources"
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(opml, "body")
    for health in healths:
        name = xml_text(health.source.name)
        feed = safe_link(polled_url(health))
        page = safe_link(health.source.url)
        attributes = {"text": name, "title": name}
        if health.source.type != "page" or health.record.resolved_feed:
            if feed is None:
                continue
            attributes |= {"type": "rss", "xmlUrl": feed}
            home = page if health.source.type == "page" else site_of(health.source.url)
            if home:
                attributes["htmlUrl"] = home
        elif page is not None:
            attributes["htmlUrl"] = page
        else:
            continue
        ET.SubElement(body, "outline", attributes)
    ET.indent(opml)
    return ET.tostring(opml, encoding="utf-8", xml_declaration=True) + b"\n"
