"""Presentation shared by the site and the email digest: dates, deadlines, excerpts,
and the Jinja2 environment over the templates folder.

Everything here is text in, text out (or an environment), with no clock:
"today" is always passed in.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import jinja2

from .sanitize import html_to_text

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: Longest plain-text summary in the site's JSON Feeds, in characters.
SUMMARY_CHARS = 300
#: Characters of an item's summary shown under its title in the digest.
EXCERPT_CHARS = 280


def readable_date(day: date) -> str:
    """'23 June 2027', the same whatever the locale (of the server or a mail client)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def call_status(left: int | None) -> str | None:
    """How a deadline reads from today: "closes in 5 days", "closes today", "closed"."""
    if left is None:
        return None
    if left < 0:
        return "closed"
    if left == 0:
        return "closes today"
    if left == 1:
        return "closes tomorrow"
    return f"closes in {left} days"


def closes_in(deadline: date, today: date) -> str:
    """ "closes in 14 days", "closes tomorrow"; a deadline already past reads "closes today"
    (the digest lists only calls still open)."""
    return call_status(max((deadline - today).days, 0)) or ""


def summary_text(summary_html: str, limit: int = SUMMARY_CHARS) -> str:
    """A summary as plain text of at most `limit` characters, for the site's JSON Feeds:
    cut at a space when one falls in the second half, and ended with "…"."""
    text = html_to_text(summary_html)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def excerpt(summary_html: str, limit: int = EXCERPT_CHARS) -> str:
    """A summary as plain text of at most `limit` characters, for the digest: cut
    at the last whole word and ended with "…"."""
    text = html_to_text(summary_html)
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return text


@lru_cache(maxsize=8)
@lru_cache(maxsize=8)
def template_environment(
    folders: tuple[Path, ...], autoescape: tuple[str, ...] = ("html", "xml")
) -> jinja2.Environment:
    """Jinja2 over the templates folders (the first that has a template wins: the
    configured folder, then the shipped one), autoescaping files ending in
    `autoescape` (the site: .html and .xml; the digest: .html, its .txt is plain)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=jinja2.select_autoescape(enabled_extensions=autoescape, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
