"""Making untrusted HTML and text safe to store and show.

Everything from a feed or page goes through here before it is stored. The
sanitiser is nh3 (Ammonia): a whitelist of tags and attributes, only
http/https/mailto links, and ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

import html
import re
from typing import Literal

import nh3

_TAGS = set(
    "a abbr b blockquote br code dd del div dl dt em h1 h2 h3 h4 h5 h6 hr i img li ol p pre q "
    "s small span strong sub sup table tbody td th thead time tr u ul".split()
)
_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "time": {"datetime"},
    "abbr": {"title"},
}
_SCHEMES = {"http", "https", "mailto"}
_SPACE = re.compile(r"\s+")


def clean_html(fragment: str | None, *, base: str | None = None) -> str:
    """Sanitised HTML: safe tags only, no scripts, handlers, styles or unsafe links.

    With `base` (an absolute http(s) URL), relative links and image sources
    are resolved against it in the same pass.
    """
    if not fragment:
        return ""
    relative: tuple[Literal["rewrite_with_base"], str] | None = (
        ("rewrite_with_base", base) if base else None
    )
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        url_relative=relative,
    ).strip()


def text_to_html(text: str | None) -> str:
    """Plain text made into safe HTML: escaped, never interpreted."""
    if not text:
        return ""
    return html.escape(text.strip())


def html_to_text(fragment: str | None) -> str:
    """The visible text of an HTML fragment, whitespace folded (for titles, matching)."""
    if not fragment:
        return ""
    stripped = nh3.clean(fragment, tags=set(), strip_comments=True)
    return _SPACE.sub(" ", html.unescape(stripped)).strip()
