"""The sources' page and list: `site/sources.html` and `site/sources.opml`.

    write_status_files(healths, config, now=now) -> [site/sources.html, site/sources.opml]

Written after every run (and after `reset` and `release`), whatever the
items did: the page says when each source last worked, which changes at
every poll. Both are written atomically and only when their bytes changed.
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
from .health import ATTENTION, RECENT_DAYS, STATES, iso, polled_url, site_of, stamp
from .render import SITE_FILE_MODE, Site, xml_text
from .textfmt import template_environment
from .types import Config, SourceHealth
from .urls import safe_link

#: The files `write_status_files` writes.
STATUS_NAMES = ("sources.html", "sources.opml")
#: How the page words each state.
STATE_LABELS = {
    "ok": "OK",
    "new": "Not polled yet",
    "failing": "Failing",
    "moved": "Moved",
    "gone": "Gone",
    "suspect": "Suspect selectors",
    "held": "Held back",
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
    state_label: str
    since_iso: str | None
    since_text: str | None
    detail: str
    last_ok_iso: str | None
    last_ok_text: str
    recent_items: int
    #: Where a permanent redirect sends it.
    moved_to: str | None


def write_status_files(
    healths: Sequence[SourceHealth], config: Config, *, now: datetime
) -> list[Path]:
    """Write sources.html and sources.opml into `config.site`; return their paths."""
    site = Site.from_config(config)
    env = template_environment(config.template_folders)
    outputs: dict[str, str | bytes] = {
        "sources.html": render_sources_page(healths, site, env=env, now=now),
        "sources.opml": render_opml(healths, site),
    }
    written = []
    try:
        config.site.mkdir(parents=True, exist_ok=True)
        for name in STATUS_NAMES:
            path = config.site / name
            write_atomic(path, outputs[name], mode=SITE_FILE_MODE)
            written.append(path)
    except OSError as exc:  # a file where the folder should be, no space left, no permission
        raise StorageError(
            f"cannot write the sources page in {config.site}: {exc.strerror or exc} "
            "(see 'site' in feeds.yaml)"
        ) from exc
    return written


def source_row(health: SourceHealth) -> SourceRow:
    """What the page shows of one source."""
    source = health.source
    feed = polled_url(health)
    return SourceRow(
        name=xml_text(source.name),
        kind="page" if source.type == "page" else "feed",
        site=site_of(source.url),
        address=safe_link(source.url),
        feed=safe_link(feed) if feed != source.url else None,
        state=health.state,
        state_label=STATE_LABELS[health.state],
        since_iso=iso(health.since),
        since_text=stamp(health.since) if health.since else None,
        detail=xml_text(health.detail),
        last_ok_iso=iso(health.record.last_ok),
        last_ok_text=stamp(health.record.last_ok) if health.record.last_ok else "never",
        recent_items=health.record.recent_items,
        moved_to=safe_link(health.record.moved_to) if health.record.moved_to else None,
    )


def render_sources_page(
    healths: Sequence[SourceHealth], site: Site, *, env: jinja2.Environment, now: datetime
) -> str:
    """The sources page: one table row per source, the ones needing attention first."""
    # attention first, each group in feeds.yaml's order
    rows = [source_row(h) for h in sorted(healths, key=lambda h: h.state not in ATTENTION)]
    counts = {state: sum(1 for row in rows if row.state == state) for state in STATES}
    return env.get_template("sources.html").render(
        title=site.title,
        home=site.base_url,
        opml=site.url("sources.opml"),
        rows=rows,
        counts=[(STATE_LABELS[state], n) for state, n in counts.items() if n],
        recent_days=RECENT_DAYS,
        generated_iso=iso(now),
        generated_text=stamp(now),
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
