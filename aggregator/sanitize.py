"""Making untrusted HTML and text safe to store and show.

Everything from a feed or page goes through here before it is stored. The
sanitiser is nh3 (Ammonia): a whitelist of tags and attributes, only
http/https/mailto links, and ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

import html
import html.entities
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
#: Characters no reader should get: control characters (a terminal escape, NUL)
#: but tab and line breaks, and lone surrogates, which the sanitiser refuses.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


#: Characters of one piece of HTML that are sanitised; the rest is cut. Deeply nested
#: markup costs the sanitiser time growing with the square of its depth, and no
#: summary needs more (classification reads its first 8,000 characters).
MAX_FRAGMENT = 64 * 1024


def _cut(fragment: str) -> str:
    """`fragment` within MAX_FRAGMENT characters, never ending inside an entity."""
    if len(fragment) <= MAX_FRAGMENT:
        return fragment
    cut = fragment[:MAX_FRAGMENT]
    entity = cut.rfind("&", MAX_FRAGMENT - 40)
    if entity != -1 and ";" not in cut[entity:]:
        cut = cut[:entity]
    return cut + " …"


def scrub(text: str) -> str:
    """`text` without control characters or lone surrogates."""
    return _UNWANTED.sub("", text)


def clean_html(fragment: str | None, *, base: str | None = None) -> str:
    """Sanitised HTML: safe tags only, no scripts, handlers, styles or unsafe links.

    With `base` (an absolute http(s) URL), relative links and image sources
    are resolved against it in the same pass.
    """
    if not fragment:
        return ""
    fragment = scrub(_cut(fragment))
    if base:
        try:
            return _clean(fragment, ("rewrite_with_base", base))
        except ValueError:  # a base nh3's URL parser refuses (e.g. a malformed xml:base)
            return _clean(fragment, "deny")  # never leave links relative to our own site
    return _clean(fragment, None)


def _clean(
    fragment: str, relative: tuple[Literal["rewrite_with_base"], str] | Literal["deny"] | None
) -> str:
    cleaned = nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        url_relative=relative,
    )
    return scrub(cleaned).strip()  # "&#27;" comes out of the parser as the character


def text_to_html(text: str | None) -> str:
    """Plain text made into safe HTML: escaped, never interpreted."""
    if not text:
        return ""
    return html.escape(scrub(text).strip())


def html_to_text(fragment: str | None) -> str:
    """The visible text of an HTML fragment, whitespace folded (for titles, matching).

    Quick on the plain markup feeds carry: markup made only of tags that keep their
    text in place (no tables, no raw text such as <script> or <pre>, no
    comments) and entities that decode the same everywhere has its tags cut out
    directly; anything else goes through nh3.
    """
    if not fragment:
        return ""
    if "\x00" not in fragment and not fragment.startswith("\ufeff"):  # parsers drop both
        text = _SIMPLE_TAG.sub("", fragment)
        if "<" not in text and ("&" not in text or _plain_entities(text)):
            try:
                fragment.encode()  # nh3 refuses lone surrogates: so must this
            except UnicodeEncodeError:
                pass
            else:
                return " ".join(html.unescape(text).split())
    text = nh3.clean(scrub(_cut(fragment)), tags=set(), strip_comments=True)
    return " ".join(html.unescape(text).split())


#: Tags whose text an HTML parser keeps in place and as written.
_TEXT_KEEPING_TAGS = (
    "a abbr b blockquote br cite code dd del div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 "
    "hr i img ins li mark ol p q s small span strong sub sup time u ul"
).split()
_HTML_SPACE = "[\t\n\f\r ]"
#: One such tag, its attributes' values in double quotes (as sanitised HTML writes them).
_SIMPLE_TAG = re.compile(
    rf"</?(?:{'|'.join(sorted(_TEXT_KEEPING_TAGS, key=len, reverse=True))})"
    rf"(?:{_HTML_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    rf'(?:{_HTML_SPACE}*={_HTML_SPACE}*"[^"]*")?)*{_HTML_SPACE}*/?>'
)
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{0,31}));")


def _plain_entities(text: str) -> bool:
    """Every "&" starts an entity that html.unescape and an HTML parser read alike."""
    count = 0
    for match in _ENTITY.finditer(text):
        count += 1
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name + ";" not in html.entities.html5:
                return False
            continue
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        # not control characters, surrogates or non-characters, which they treat apart
        if not (
            0x20 <= code < 0x7F
            or 0xA0 <= code < 0xD800
            or 0xE000 <= code < 0xFDD0
            or 0xFDF0 <= code < 0xFFFE
        ):
            return False
    return count == text.count("&")
