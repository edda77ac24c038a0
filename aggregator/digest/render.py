"""The digest as an email-safe HTML page and its plain-text twin.

    render_digest(content, config=config, subject=subject) -> RenderedDigest(html, text, preheader)

Templates are `digest.html` and `digest.txt` in `config.templates`, else the
shipped ones (jinja2, HTML autoescaped). The HTML is a single-column table
layout at most 600 px wide, with no external CSS, scripts or images; its CSS
is inlined with css_inline and the `<style>` block is kept too, for the
dark-mode rules (`prefers-color-scheme`) that cannot be inlined.

The HTML stays under `MAX_HTML_BYTES`: when the full digest would be larger,
every section is cut to the same number of items, the largest that fits, and
ends with an "N more on the site" link. The text part carries the same cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import css_inline
import jinja2

from ..errors import ConfigError
from ..textfmt import closes_in, excerpt, readable_date, template_environment
from ..types import Config, DigestContent, Item, PartnerGroup, RenderedDigest
from ..urls import safe_link

#: Most mail clients clip a message past ~100 KB (Gmail at 102 KB).
MAX_HTML_BYTES = 100_000


def render_digest(
    content: DigestContent,
    *,
    config: Config,
    subject: str,
    max_bytes: int = MAX_HTML_BYTES,
) -> RenderedDigest:
    """Render `content` to HTML (CSS inlined, under `max_bytes`) and plain text."""
    environment = template_environment(config.template_folders, ("html",))
    html_template = _template(environment, "digest.html", config.templates)
    text_template = _template(environment, "digest.txt", config.templates)
    inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)
    links = site_links(config.site_url)
    preheader = describe_counts(content)
    unsubscribe = config.digest.unsubscribe if config.digest else ()

    def render(limit: int | None) -> tuple[str, str]:
        context = {
            "title": config.title,
            "description": config.description,
            "subject": subject,
            "preheader": preheader,
            "date": readable_date(content.today),
            "since": readable_date(content.since.date()) if content.since else None,
            "links": links,
            "sections": _sections(content, limit, links["site"]),
            "empty": content.is_empty,
            "unsubscribe_https": [link for link in unsubscribe if link.startswith("https://")],
            "unsubscribe_mailto": [link for link in unsubscribe if link.startswith("mailto:")],
        }
        html = inliner.inline(html_template.render(context))
        return html, text_template.render(context)

    html, text = render(None)
    longest = max((len(items) for items in _section_items(content)), default=0)
    limit: int | None = None
    if len(html.encode()) > max_bytes:
        low, high = 0, longest
        best = render(0)
        while low < high:
            middle = (low + high + 1) // 2
            attempt = render(middle)
            if len(attempt[0].encode()) <= max_bytes:
                low, best = middle, attempt
            else:
                high = middle - 1
        limit = low
        html, text = best
    cut = 0
    if limit is not None:
        cut = sum(max(0, len(items) - limit) for items in _section_items(content))
    return RenderedDigest(html=html, text=text, preheader=preheader, cut=cut)


def site_links(site_url: str) -> dict[str, str]:
    """The site, its RSS feed, deadline calendar and the latest digest."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return {
        "site": base,
        "feed": base + "feed.xml",
        "calendar": base + "deadlines.ics",
        "digest": base + "digest.html",
    }


def describe_counts(content: DigestContent) -> str:
    """e.g. "3 new calls, 1 event, 12 news, 2 calls closing soon"."""
    parts = [
        _count(len(content.calls), "new call", "new calls"),
        _count(content.event_count, "event", "events"),
        _count(content.news_count, "news", "news"),
    ]
    if content.closing_soon:
        parts.append(_count(len(content.closing_soon), "call closing soon", "calls closing soon"))
    return ", ".join(parts)


@dataclass(frozen=True)
class _Section:
    key: str
    heading: str
    #: Entries shown, each a dict for the templates; or, grouped, (partner, entries).
    entries: tuple[dict[str, Any], ...]
    groups: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    more: int
    more_link: str


def _sections(content: DigestContent, limit: int | None, site: str) -> list[_Section]:
    today = content.today
    sections = [
        _flat("calls", "New calls", content.calls, limit, today, site),
        _flat("closing", "Closing soon", content.closing_soon, limit, today, site),
        _grouped("events", "Events", content.events, limit, today, site),
        _grouped("news", "News", content.news, limit, today, site),
    ]
    return [section for section in sections if section.entries or section.groups]


def _flat(
    key: str, heading: str, items: tuple[Item, ...], limit: int | None, today: date, site: str
) -> _Section:
    shown = items if limit is None else items[:limit]
    return _Section(
        key=key,
        heading=heading,
        entries=tuple(_entry(item, today, site) for item in shown),
        groups=(),
        more=len(items) - len(shown),
        more_link=site,
    )


def _grouped(
    key: str,
    heading: str,
    groups: tuple[PartnerGroup, ...],
    limit: int | None,
    today: date,
    site: str,
) -> _Section:
    left = limit
    shown: list[tuple[str, tuple[dict[str, Any], ...]]] = []
    total = 0
    for group in groups:
        total += len(group.items)
        items = group.items if left is None else group.items[: max(left, 0)]
        if left is not None:
            left -= len(items)
        if items:
            shown.append(
                (group.partner, tuple(_entry(item, today, site, group.partner) for item in items))
            )
    more = total - sum(len(entries) for _, entries in shown)
    return _Section(
        key=key, heading=heading, entries=(), groups=tuple(shown), more=more, more_link=site
    )


def _entry(item: Item, today: date, site: str, under: str | None = None) -> dict[str, Any]:
    summary = excerpt(item.summary)
    others = [ref for ref in item.sources if ref.name != under]
    partners = [{"name": _one_line(ref.name), "link": safe_link(ref.link)} for ref in others]
    names = ", ".join(_one_line(ref.name) for ref in others)
    if names and under is not None:
        names = f"Also posted by {names}"
    published = readable_date(item.published.date())
    return {
        "title": _one_line(item.title) or "(untitled)",
        "link": safe_link(item.link) or site,
        "kind": item.kind,
        "partners": partners,
        "also": under is not None and bool(partners),
        "published": published,
        "byline": f"{names} · {published}" if names else published,
        "deadline": _deadline_line(item, today),
        "excerpt": summary,
    }


def _deadline_line(item: Item, today: date) -> str | None:
    """ "Deadline 12 April 2027, closes in 14 days" for a call; events and news just the date."""
    if item.deadline is None:
        return "No deadline given" if item.kind == "call" else None
    if item.kind == "call":
        return f"Deadline {readable_date(item.deadline)}, {closes_in(item.deadline, today)}"
    was = " was" if item.deadline < today else ""
    return f"Deadline{was} {readable_date(item.deadline)}"


def _section_items(content: DigestContent) -> list[tuple[Item, ...]]:
    return [
        content.calls,
        content.closing_soon,
        tuple(item for group in content.events for item in group.items),
        tuple(item for group in content.news for item in group.items),
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _template(environment: jinja2.Environment, name: str, templates: Path) -> jinja2.Template:
    try:
        return environment.get_template(name)
    except jinja2.TemplateNotFound as error:
        raise ConfigError(
            f"digest template {name!r} not found in {templates}",
            key="templates",
            fix="point 'templates' at a directory holding digest.html and digest.txt",
        ) from error
