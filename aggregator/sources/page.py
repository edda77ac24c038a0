"""Reading items out of a partner's HTML page (a source with no feed).

    extract_page(body, url, source, now=now)  -> ParsedFeed
    find_feed_links(body, url)                -> feeds the page advertises

With `source.selectors` each element matching `selectors.item` becomes one
item; the other selectors are relative to it. Without selectors (automatic
mode) a page that advertises a feed names it in `ParsedFeed.alternate_feed`
and the caller reads that feed instead; otherwise the items are found by the
heuristic below (also described in docs/pages.md):

1. scripts, styles, frames and templates are dropped; so are navigation
   regions: <nav>, <aside>, site-wide <header>/<footer> (those not inside
   <main>, <article> or <section> and at most three levels below <body>),
   ARIA roles navigation/banner/contentinfo/search/complementary, and
   elements whose class or id names nav, menu, breadcrumb, language or lang
   switcher, social, share, pagination, sidebar or cookie (header, footer,
   masthead, banner: only where a site-wide <header> would count);
2. the candidate links are the remaining <a href> (http/https only) whose
   text has at least 15 characters and 3 words and is not a language name,
   or a short one ("Read more") with such a heading beside it;
3. links with the same path of tags and leading class names from <body> form
   a group (class names with digits and odd/even/first/last are skipped, so
   ``views-row views-row-1`` and ``views-row views-row-2`` match); each link's
   item is its highest ancestor holding no other link of the group, at the
   height most of the group shares; a group needs at least 3 items;
4. the best group wins: more items, longer titles, dates found, and inside
   <main> (or role=main) or <article> elements count in its favour;
5. each item's title is the link's text (the heading inside a card link, the
   heading beside a "Read more"); its date its <time> (datetime attribute,
   else text), else the first date-looking text in the item; its summary the
   first <p> not holding the link and not just a date.

Everything here is pure: no network, no clock (`now` comes in), no files.
"""

from __future__ import annotations

import codecs
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from ..dates import find_dates, midday, normalise_language, parse_date, parse_datetime
from ..errors import ParseError
from ..sanitize import clean_html, plain_text, scrub
from ..types import ParsedFeed, ParsedItem, Selectors, Source
from ..urls import absolute_url, canonical_url

#: Feed types a page may advertise, in the order we prefer them.
FEED_TYPES: tuple[str, ...] = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
)
#: Elements whose content is never text a reader sees.
_DROPPED_TAGS = [
    "script", "style", "noscript", "template", "iframe", "frame", "frameset",
    "object", "embed", "noembed", "noframes", "xmp", "svg", "math", "canvas",
]  # fmt: skip
#: Tags that are navigation wherever they are.
_NOISE_TAGS = frozenset({"nav", "aside", "dialog", "select", "button"})
#: Tags that are site-wide banners unless inside a sectioning element.
_BANNER_TAGS = frozenset({"header", "footer"})
_SECTIONING_TAGS = frozenset({"main", "article", "section"})
_NOISE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"}
)
#: Class/id words that mark navigation anywhere.
_NOISE_WORDS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb",
        "breadcrumbs", "language", "languages", "lang", "langs", "switcher", "social",
        "share", "sharing", "pagination", "pager", "sidebar", "cookie", "cookies", "skip",
    }
)  # fmt: skip
#: Class/id words that mark banners outside <main>, <article> and <section>.
_BANNER_WORDS = frozenset({"header", "footer", "masthead", "banner"})
#: Link texts that only switch language.
LANGUAGE_LABELS = frozenset(
    {
        "en", "fr", "es", "pt", "de", "ar", "sw", "zh", "ru", "english", "anglais",
        "inglés", "ingles", "français", "francais", "french", "francés", "frances",
        "español", "espanol", "spanish", "espagnol", "português", "portugues",
        "portuguese", "deutsch", "german", "kiswahili", "swahili", "العربية", "中文",
        "русский",
    }
)  # fmt: skip
_UNSTABLE_CLASS = re.compile(r"\d|(?:^|[-_])(?:odd|even|first|last|active|current|new)$")
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: Labels WHATWG maps to windows-1252, which is what such pages really are.
_LATIN1_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"}
)

MIN_TITLE_CHARS = 15
MIN_TITLE_WORDS = 3
MIN_GROUP_ITEMS = 3
#: A <header>/<footer> (or class header/footer) this close to <body>, and not
#: inside <main>, <article> or <section>, is the site's banner; deeper ones
#: belong to the items.
BANNER_DEPTH = 3
#: How many items of a group are looked at to score it.
SCORE_SAMPLE = 50


# --- decoding and parsing --------------------------------------------------------


def decode_html(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """The page as text: BOM, then Content-Type charset, then <meta charset>, else UTF-8.

    Undecodable bytes become U+FFFD; this never raises.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    candidates: list[str] = []
    content_type = _header(headers, "content-type")
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        if found:
            candidates.append(found.group(1))
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", errors="replace"))
    for label in candidates:
        codec = _codec(label)
        if codec is not None:
            return body.decode(codec, errors="replace")
    return body.decode("utf-8", errors="replace")


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _LATIN1_LABELS:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # A page cannot really be UTF-16 if its <meta> is readable as ASCII.
    return "utf-8" if info.name.startswith("utf-16") else info.name


def parse_html(body: bytes, headers: Mapping[str, str] | None = None) -> LexborHTMLParser:
    """The page's tree with scripts, styles, frames and templates removed."""
    tree = LexborHTMLParser(decode_html(body, headers))
    tree.strip_tags(_DROPPED_TAGS, recursive=True)
    return tree


def page_base(tree: LexborHTMLParser, url: str) -> str:
    """The URL relative links resolve against: <base href> if usable, else the page URL."""
    base = tree.css_first("base[href]")
    if base is not None:
        resolved = absolute_url(url, base.attributes.get("href"))
        if resolved:
            return resolved
    return url


def page_title(tree: LexborHTMLParser) -> str | None:
    """The page's <title> as plain text (markup written inside it is dropped)."""
    node = tree.css_first("title")
    title = plain_text(node.text()) if node is not None else ""
    return title or None


def page_language(tree: LexborHTMLParser) -> str | None:
    """The page's <html lang> as a bare language code ("fr-FR" -> "fr")."""
    root = tree.root
    if root is None:
        return None
    return normalise_language(root.attributes.get("lang"))


def fold(text: str | None) -> str:
    """Whitespace folded to single spaces, trimmed."""
    return _SPACE.sub(" ", text or "").strip()


def _rest_of(node: LexborNode, link_node: LexborNode, title: str) -> str:
    """The text of an item besides its title (and its link's text)."""
    text = node_text(node)
    for known in (node_text(link_node), title):
        if known:
            text = text.replace(known, " ", 1)
    return " ".join(text.split())


def node_text(node: LexborNode) -> str:
    """The visible text of an element, whitespace folded."""
    return fold(scrub(node.text(separator=" ")))


_BLOCKS = "p, div, br, li, ul, ol, h1, h2, h3, h4, h5, h6, table, tr, td, section, article, header"


def title_text(node: LexborNode) -> str:
    """The text of a title: inline markup joined as written (``<b>C</b>obalt`` is "Cobalt")."""
    if node.tag not in ("html", "body") and node.css_first(_BLOCKS) is None:
        return fold(scrub(node.text(separator="")))
    return node_text(node)


# --- feeds a page advertises -----------------------------------------------------


def find_feed_links(body: bytes, url: str) -> list[str]:
    """Absolute URLs of the feeds a page advertises (<link rel="alternate">), RSS/Atom first."""
    return _feed_links(parse_html(body), url)


def _feed_links(tree: LexborHTMLParser, url: str) -> list[str]:
    base = page_base(tree, url)
    ranked: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for position, node in enumerate(tree.css("link[href]")):
        attributes = node.attributes
        rel = (attributes.get("rel") or "").lower().split()
        kind = (attributes.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        href = absolute_url(base, attributes.get("href"))
        if href is None or href in seen:
            continue
        seen.add(href)
        rank = min(FEED_TYPES.index(kind), 2)  # RSS and Atom alike, then JSON
        ranked.append((0 if rank < 2 else 1, position, href))
    return [href for _, _, href in sorted(ranked)]


# --- extraction --------------------------------------------------------------------


def extract_page(
    body: bytes,
    url: str,
    source: Source,
    *,
    now: datetime | None,
    headers: Mapping[str, str] | None = None,
) -> ParsedFeed:
    """The items of an HTML listing page, with `source.selectors` or automatically.

    `url` is the page's final URL (after redirects); `now` resolves year-less
    dates (the latest such day on or before it; None leaves them undated).
    Raises ParseError when a selector is not valid CSS.
    """
    tree = parse_html(body, headers)
    base = page_base(tree, url)
    language = normalise_language(source.language) or page_language(tree)
    title = page_title(tree)
    reading = _Reading(base=base, language=language, source=source, now=now)
    if source.selectors is not None:
        items, warning = _extract_with_selectors(tree, source.selectors, reading, url)
        return ParsedFeed(title=title, link=url, items=items, warning=warning, language=language)
    feeds = _feed_links(tree, url)
    if feeds:
        return ParsedFeed(
            title=title, link=url, items=(), language=language, alternate_feed=feeds[0]
        )
    group = find_item_group(tree, base)
    if group is None:
        return ParsedFeed(
            title=title,
            link=url,
            items=(),
            language=language,
            warning="no repeated list of links found on the page; set selectors in feeds.yaml",
        )
    items = _unique(
        reading.item(node, link) for node, link in zip(group.items, group.links, strict=True)
    )
    return ParsedFeed(title=title, link=url, items=items, language=language)


@dataclass(frozen=True)
class _Reading:
    """What every item of one page is read with."""

    base: str
    language: str | None
    source: Source
    now: datetime | None

    def item(
        self,
        node: LexborNode,
        link_node: LexborNode,
        title_node: LexborNode | None = None,
        date_node: LexborNode | None = None,
        summary_node: LexborNode | None = None,
        *,
        automatic: bool = True,
    ) -> ParsedItem | None:
        link = absolute_url(self.base, link_node.attributes.get("href"))
        if link is None:
            return None
        title = title_text(title_node) if title_node is not None else _title_of(link_node)
        if title_node is None and not is_substantial(title):
            # "Read more" or an image link: the item's heading says more.
            heading = node.css_first("h1, h2, h3, h4, h5, h6")
            title = (title_text(heading) if heading is not None else "") or title
        if not title:
            title = node_text(node)[:200]
        title = plain_text(title)  # text, and any markup written in it dropped
        if date_node is None and automatic:
            published = self.auto_date(node)
        else:
            published = self.date_of(date_node) if date_node is not None else None
        if summary_node is None and automatic:
            summary_node = _auto_summary(node, link_node)
        summary = self.summary_of(summary_node) if summary_node is not None else ""
        return ParsedItem(
            key=canonical_url(link),
            title=title,
            link=link,
            summary=summary,
            # all the listing says of the item: its deadline may be in a line
            # no summary holds ("Date limite : 10 janvier 2027.")
            context=_rest_of(node, link_node, title),
            published=published,
            language=self.language,
            translations=self.translations(node, link),
        )

    def date_of(self, node: LexborNode) -> datetime | None:
        stamp = node.attributes.get("datetime")
        if stamp:
            exact = parse_datetime(
                stamp,
                language=self.language,
                date_order=self.source.date_order,
                relative_to=self.now,
                prefer="past",
            )
            if exact is not None:
                return exact
        return self.date_in(node_text(node))

    def date_in(self, text: str) -> datetime | None:
        day = parse_date(
            text,
            language=self.language,
            date_order=self.source.date_order,
            relative_to=self.now,
            prefer="past",
        )
        return midday(day) if day is not None else None

    def auto_date(self, node: LexborNode) -> datetime | None:
        stamp = node.css_first("time")
        if stamp is not None:
            found = self.date_of(stamp)
            if found is not None:
                return found
        for match in find_dates(node_text(node)):
            found = self.date_in(match.text)
            if found is not None:
                return found
        return None

    def summary_of(self, node: LexborNode) -> str:
        fragment = LexborHTMLParser(node.html or "").body
        if fragment is None:
            return ""
        for anchor in fragment.css("a[href]"):
            href = absolute_url(self.base, anchor.attributes.get("href"))
            if href is None:
                del anchor.attrs["href"]
            else:
                anchor.attrs["href"] = href
        for image in fragment.css("img[src]"):
            src = absolute_url(self.base, image.attributes.get("src"))
            if src is None:
                del image.attrs["src"]
            else:
                image.attrs["src"] = src
        return clean_html(fragment.inner_html)

    def translations(self, node: LexborNode, link: str) -> tuple[tuple[str, str], ...]:
        found: list[tuple[str, str]] = []
        for anchor in node.css("a[hreflang][href]"):
            lang = normalise_language(anchor.attributes.get("hreflang"))
            href = absolute_url(self.base, anchor.attributes.get("href"))
            if lang and href and href != link and (lang, href) not in found:
                found.append((lang, href))
        return tuple(found)


def _extract_with_selectors(
    tree: LexborHTMLParser, selectors: Selectors, reading: _Reading, url: str
) -> tuple[tuple[ParsedItem, ...], str | None]:
    nodes = _select(tree, selectors.item, url, "item")
    items: list[ParsedItem | None] = []
    for node in nodes:
        link_node = _link_in(node, selectors.link, reading.base, url)
        if link_node is None:
            continue
        items.append(
            reading.item(
                node,
                link_node,
                title_node=_first(node, selectors.title, url, "title"),
                date_node=_first(node, selectors.date, url, "date"),
                summary_node=_first(node, selectors.summary, url, "summary"),
                automatic=False,
            )
        )
    found = _unique(items)
    warning = None
    if not nodes:
        warning = f"the item selector {selectors.item!r} matched nothing on the page"
    elif not found:
        warning = f"the item selector matched {len(nodes)} elements but none had a usable link"
    return found, warning


def _select(
    node: LexborHTMLParser | LexborNode, selector: str, url: str, key: str
) -> list[LexborNode]:
    try:
        return node.css(selector)
    except SelectolaxError as error:
        raise ParseError(
            url, f"selectors.{key} {selector!r} is not a valid CSS selector"
        ) from error


def _first(node: LexborNode, selector: str | None, url: str, key: str) -> LexborNode | None:
    if not selector:
        return None
    matches = _select(node, selector, url, key)
    return matches[0] if matches else None


def _link_in(node: LexborNode, selector: str | None, base: str, url: str) -> LexborNode | None:
    """The item's link: the first usable href among the `link` matches, else among its <a>."""
    candidates: Iterable[LexborNode] = (
        _select(node, selector, url, "link") if selector else node.css("a[href]")
    )
    for candidate in candidates:
        anchor = candidate if candidate.attributes.get("href") else candidate.css_first("a[href]")
        if anchor is not None and absolute_url(base, anchor.attributes.get("href")):
            return anchor
    return None


def _unique(items: Iterable[ParsedItem | None]) -> tuple[ParsedItem, ...]:
    """Items in page order, the first of each canonical link only."""
    seen: dict[str, ParsedItem] = {}
    for item in items:
        if item is not None and item.key not in seen:
            seen[item.key] = item
    return tuple(seen.values())


def _title_of(link: LexborNode) -> str:
    """An item's title from its link: the heading inside a card link, else the link's
    text, else (for "Read more") the heading beside it."""
    inner = link.css_first("h1, h2, h3, h4, h5, h6")
    if inner is not None:
        return title_text(inner)
    text = title_text(link)
    if is_substantial(text):
        return text
    heading = heading_near(link)
    return title_text(heading) if heading is not None else text


def _auto_summary(node: LexborNode, link_node: LexborNode) -> LexborNode | None:
    link_ancestors = {ancestor.mem_id for ancestor in _ancestors(link_node)}
    for paragraph in node.css("p"):
        if paragraph.mem_id in link_ancestors or paragraph.mem_id == link_node.mem_id:
            continue
        text = node_text(paragraph)
        dates = sum(len(match.text) for match in find_dates(text))
        if len(text) - dates >= 20:  # not just "Published on 2 May 2027"
            return paragraph
    return None


# --- the automatic heuristic ---------------------------------------------------------


@dataclass(frozen=True)
class ItemGroup:
    """The repeated items found on a page: each item element and its link."""

    items: tuple[LexborNode, ...]
    links: tuple[LexborNode, ...]
    score: float


def find_item_group(tree: LexborHTMLParser, base: str) -> ItemGroup | None:
    """The page's main repeated list of links, by the heuristic in the module docstring."""
    body = tree.body
    if body is None:
        return None
    page = canonical_url(base)
    groups: dict[int, list[tuple[LexborNode, str]]] = {}
    for link, path in _candidate_links(body):
        href = absolute_url(base, link.attributes.get("href"))
        key = canonical_url(href) if href is not None else page
        if key != page:
            groups.setdefault(path, []).append((link, key))
    best: ItemGroup | None = None
    for links in groups.values():
        if len(links) < MIN_GROUP_ITEMS:
            continue
        group = _group_of(_own_links(links))
        if group is not None and (best is None or group.score > best.score):
            best = group
    return best


#: Texts of links that only lead to the item they stand beside.
READ_MORE = frozenset(
    {
        "read more", "more", "read", "details", "learn more", "see more", "view",
        "full story", "continue reading", "en savoir plus", "lire la suite", "lire plus",
        "suite", "plus", "voir", "voir plus", "leer más", "leer mas", "ver más", "ver mas",
        "más", "mas", "seguir leyendo", "más información", "mas informacion",
    }
)  # fmt: skip


def _own_links(links: list[tuple[LexborNode, str]]) -> list[tuple[LexborNode, str]]:
    """The group's links that lead to an item of their own.

    A short link whose address recurs in the group is a tag or category
    ("gold", "News"), not an item; of the short links beside one heading only
    one is kept, a "Read more" if there is one.
    """
    recurring = Counter(key for _, key in links)
    kept: list[tuple[LexborNode, str]] = []
    claimed: dict[int, int] = {}  # heading -> index of its link in `kept`
    for link, key in links:
        text = node_text(link)
        if is_substantial(text):
            kept.append((link, key))
            continue
        heading = heading_near(link)
        if recurring[key] > 1 or heading is None:
            continue
        index = claimed.get(heading.mem_id)
        if index is None:
            claimed[heading.mem_id] = len(kept)
            kept.append((link, key))
        elif _reads_more(text) and not _reads_more(node_text(kept[index][0])):
            kept[index] = (link, key)
    return kept


def _reads_more(text: str) -> bool:
    return text.lower().strip(" .…»›→>+") in READ_MORE


def _candidate_links(body: LexborNode) -> Iterator[tuple[LexborNode, int]]:
    """Links outside navigation, in page order, each with the id of its tag+class path.

    One pass over the tree; equal paths from <body> get equal ids.
    """
    path_ids: dict[tuple[int, str, str], int] = {}
    stack: list[tuple[LexborNode, int, bool, int]] = [(body, 0, False, 0)]
    while stack:
        node, path, in_section, depth = stack.pop()
        if node.tag == "a":
            if _is_candidate_title(node):
                yield node, path
            continue  # links inside links are not valid HTML; do not descend
        for child in reversed(list(node.iter())):
            tag = child.tag or ""
            if _is_noise(child, tag, banner=not in_section and depth < BANNER_DEPTH):
                continue
            child_section = (
                in_section or tag in _SECTIONING_TAGS or child.attributes.get("role") == "main"
            )
            step = (path, tag, _leading_class(child))
            child_path = path_ids.setdefault(step, len(path_ids) + 1)
            stack.append((child, child_path, child_section, depth + 1))


def _is_noise(node: LexborNode, tag: str, *, banner: bool) -> bool:
    """Whether `node` is page furniture; `banner`: where a site header/footer can be."""
    if tag in _NOISE_TAGS or (tag in _BANNER_TAGS and banner):
        return True
    attributes = node.attributes
    role = (attributes.get("role") or "").lower()
    if role in _NOISE_ROLES:
        return True
    words = set(
        _WORD_SPLIT.split(f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower())
    )
    if words & _NOISE_WORDS:
        return True
    return banner and bool(words & _BANNER_WORDS)


def _leading_class(node: LexborNode) -> str:
    """The first stable class name: what an element's structural role usually is.

    Later names often vary per item (WordPress's ``category-news``, ``tag-gold``).
    """
    for name in (node.attributes.get("class") or "").split():
        if not _UNSTABLE_CLASS.search(name.lower()):
            return name
    return ""


def stable_classes(node: LexborNode) -> tuple[str, ...]:
    """The node's class names, sorted, without per-item ones (``views-row-3``, ``odd``)."""
    classes = (node.attributes.get("class") or "").split()
    return tuple(sorted({name for name in classes if not _UNSTABLE_CLASS.search(name.lower())}))


def _is_candidate_title(link: LexborNode) -> bool:
    """A link that can stand for an item: a real title, or "Read more" beside a heading."""
    if not link.attributes.get("href"):
        return False
    text = node_text(link)
    if text.lower() in LANGUAGE_LABELS:
        return False
    return is_substantial(text) or heading_near(link) is not None


def is_substantial(text: str) -> bool:
    """Long enough to be an item's title rather than "Read more" or "PDF"."""
    return len(text) >= MIN_TITLE_CHARS and len(text.split()) >= MIN_TITLE_WORDS


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: How many levels up, and how many siblings each way, a "Read more" link's heading is sought.
HEADING_LEVELS = 3
HEADING_SIBLINGS = 8


def heading_near(link: LexborNode) -> LexborNode | None:
    """The heading a short link ("Read more", "Lire la suite") stands beside, if any.

    Looks at the siblings of the link and of its two closest ancestors, for a
    heading or an element that starts with one; bounded work per link.
    """
    node: LexborNode | None = link
    for _ in range(HEADING_LEVELS):
        if node is None or node.tag in ("body", "html", "main"):
            return None
        for sibling in _siblings(node):
            heading = sibling if sibling.tag in _HEADING_TAGS else _first_element(sibling)
            if (
                heading is not None
                and heading.tag in _HEADING_TAGS
                and is_substantial(title_text(heading))
            ):
                return heading
        node = node.parent
    return None


def _siblings(node: LexborNode) -> Iterator[LexborNode]:
    """Element siblings of `node`, nearest first, earlier ones before later ones."""
    for step in ("prev", "next"):
        current = getattr(node, step)
        seen = 0
        while current is not None and seen < HEADING_SIBLINGS:
            if current.is_element_node:
                yield current
                seen += 1
            current = getattr(current, step)


def _first_element(node: LexborNode) -> LexborNode | None:
    for child in node.iter():
        return child
    return None


#: How far up from a link an item may be (bounds the work on deeply nested pages).
MAX_ITEM_DEPTH = 40


def _ancestors(node: LexborNode) -> Iterator[LexborNode]:
    """The elements enclosing `node`, innermost first, up to (not including) <body>."""
    parent = node.parent
    for _ in range(MAX_ITEM_DEPTH):
        if parent is None or parent.tag in ("body", "html", None):
            return
        yield parent
        parent = parent.parent


def _group_of(links: list[tuple[LexborNode, str]]) -> ItemGroup | None:
    """Each link's item: its highest ancestor holding no other link of the group.

    `links` are the group's links with their canonical URLs; a URL seen twice
    counts once.
    """
    holding: Counter[int] = Counter()
    for link, _ in links:
        for ancestor in _ancestors(link):
            holding[ancestor.mem_id] += 1
    kept: list[LexborNode] = []
    seen: set[str] = set()
    chains: list[list[LexborNode]] = []
    for link, key in links:
        if key in seen:
            continue
        seen.add(key)
        chain = [link]
        for ancestor in _ancestors(link):
            if holding[ancestor.mem_id] != 1 or ancestor.tag == "main":
                break
            chain.append(ancestor)
        chains.append(chain)
        kept.append(link)
    if len(chains) < MIN_GROUP_ITEMS:
        return None
    # Items are the same number of levels above their links: the most common
    # height wins, so a stray link alone in its own list does not make that
    # whole list an item.
    heights = Counter(len(chain) for chain in chains)
    height = max(heights, key=lambda h: (heights[h], -h))
    items = [chain[min(height, len(chain)) - 1] for chain in chains]
    sample = items[:SCORE_SAMPLE]
    titles = [min(len(_title_of(link)), 150) for link in kept[:SCORE_SAMPLE]]
    dated = sum(
        1 for item in sample if item.css_first("time") is not None or find_dates(node_text(item))
    )
    in_main = any(
        ancestor.tag == "main" or ancestor.attributes.get("role") == "main"
        for ancestor in _ancestors(kept[0])
    )
    articles = sum(1 for item in sample if item.tag == "article" or item.css_first("article"))
    score = len(items) * statistics.fmean(titles) * (1 + dated / len(sample))
    score *= 3 if in_main else 1
    score *= 1 + articles / len(sample)
    return ItemGroup(items=tuple(items), links=tuple(kept), score=score)


def recognises(body: bytes) -> bool:
    """Whether the body is for this reader: any body of a page source is read as HTML."""
    return True


def read(
    body: bytes,
    url: str,
    source: Source,
    *,
    headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """The `READERS` entry point: the items of a page (see `extract_page`)."""
    return extract_page(body, url, source, now=now, headers=headers)
