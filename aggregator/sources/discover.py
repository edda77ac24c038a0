"""What a URL is, for `aggregator add`: a feed, a page advertising one, or a page to read.

    inspect_response(body, url, content_type)  -> Discovery
    propose_selectors(body, url)               -> Selectors | None

For a plain page the selectors are proposed from the repeated list of links
that page.py's automatic mode finds: an `item` selector that matches
exactly those items (such as ``div.views-row`` or ``article.call``), and
`link`, `date` and `summary` selectors relative to one item that hold for
most of them. The admin sees the items these selectors yield before they are
written to feeds.yaml. Pure: the body comes in, nothing is fetched.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

import feedparser
from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from ..dates import find_dates
from ..sanitize import plain_text
from ..types import Discovery, Selectors, Source
from .page import (
    ItemGroup,
    extract_page,
    find_feed_links,
    find_item_group,
    heading_near,
    is_substantial,
    node_text,
    page_base,
    page_title,
    parse_html,
    stable_classes,
    title_text,
)

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A relative selector must hold for at least this share of the items.
MAJORITY = 2 / 3


def inspect_response(
    body: bytes,
    url: str,
    content_type: str | None,
    *,
    now: datetime | None = None,
    follow_feed_links: bool = True,
) -> Discovery:
    """What the response at `url` is, and how to add it as a source.

    `now` resolves year-less dates in the preview (None leaves them undated);
    with `follow_feed_links` false a page's advertised feeds are ignored (used
    when the advertised feed turned out not to be readable).
    """
    title = feed_title(body, content_type)
    if title is not None:
        return Discovery(kind="feed", url=url, title=title or None, feed_url=url)
    tree = parse_html(body)
    title = page_title(tree)
    feeds = find_feed_links(body, url) if follow_feed_links else []
    if feeds:
        return Discovery(kind="page-with-feed", url=url, title=title, feed_url=feeds[0])
    selectors = propose_selectors(body, url)
    if selectors is None:
        return Discovery(kind="page", url=url, title=title)
    source = Source(name=title or url, url=url, type="page", selectors=selectors)
    preview = extract_page(body, url, source, now=now)
    return Discovery(kind="page", url=url, title=title, selectors=selectors, preview=preview.items)


def feed_title(body: bytes, content_type: str | None) -> str | None:
    """The feed's title ("" if it has none) when `body` is RSS, Atom or JSON Feed; else None."""
    if _looks_like_html(body, content_type):
        return None
    return _feed_title(body, content_type)


def _looks_like_html(body: bytes, content_type: str | None) -> bool:
    kind = (content_type or "").lower()
    if "html" in kind and "xhtml+xml" not in kind:
        return True
    return bool(_HTML_START.match(body[:2048]))


def _feed_title(body: bytes, content_type: str | None) -> str | None:
    """The feed's title ("" if it has none) when `body` is a feed; None when it is not."""
    if "json" in (content_type or "").lower() or body.lstrip()[:1] == b"{":
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if isinstance(data, dict) and str(data.get("version", "")).startswith(
            "https://jsonfeed.org/version/"
        ):
            return plain_text(str(data.get("title") or ""))
        return None
    parsed = feedparser.parse(io.BytesIO(body))
    title = parsed.feed.get("title") if parsed.get("feed") else None
    if parsed.entries or (title and parsed.get("version")):
        return plain_text(title or "", markup=True)
    return None


# --- proposing selectors ---------------------------------------------------------------


def propose_selectors(body: bytes, url: str) -> Selectors | None:
    """Selectors for the page's repeated list of items, or None if it has none."""
    tree = parse_html(body)
    group = find_item_group(tree, page_base(tree, url))
    if group is None:
        return None
    item = _item_selector(tree, group)
    if item is None:
        return None
    return Selectors(
        item=item,
        title=_title_selector(group),
        link=_link_selector(group),
        date=_date_selector(group),
        summary=_summary_selector(group),
    )


def _item_selector(tree: LexborHTMLParser, group: ItemGroup) -> str | None:
    """The simplest selector matching exactly the group's items (else the closest superset)."""
    wanted = {node.mem_id for node in group.items}
    superset: tuple[int, str] | None = None
    for candidate in _item_candidates(group.items):
        matched = _matches(tree, candidate)
        if matched is None or not wanted <= matched:
            continue
        extra = len(matched - wanted)
        if extra == 0:
            return candidate
        if extra <= len(wanted) and (superset is None or extra < superset[0]):
            superset = (extra, candidate)
    return superset[1] if superset else None


def _item_candidates(items: Sequence[LexborNode]) -> list[str]:
    tag = items[0].tag or "div"
    same_tag = all(node.tag == tag for node in items)
    common = _common_classes(items)
    candidates: list[str] = []
    if same_tag:
        candidates += [f"{tag}.{name}" for name in common]
        if len(common) > 1:
            candidates.append(tag + "".join(f".{name}" for name in common))
    else:
        candidates += [f".{name}" for name in common]
    parents = [node.parent for node in items]
    if same_tag and all(parent is not None for parent in parents):
        for parent in _parent_selectors([p for p in parents if p is not None]):
            candidates.append(f"{parent} > {tag}")
    if same_tag:
        candidates.append(tag)
    return candidates


def _parent_selectors(parents: Sequence[LexborNode]) -> list[str]:
    tag = parents[0].tag or "div"
    if not all(parent.tag == tag for parent in parents):
        return []
    ids = {parent.attributes.get("id") for parent in parents}
    selectors = [f"{tag}.{name}" for name in _common_classes(parents)]
    if len(ids) == 1 and (only := ids.pop()) and re.fullmatch(r"[A-Za-z][\w-]*", only):
        selectors.insert(0, f"#{only}")
    selectors.append(tag)
    return selectors


def _common_classes(nodes: Sequence[LexborNode]) -> list[str]:
    """Class names every node carries, in the first node's order, without per-item ones."""
    first = (nodes[0].attributes.get("class") or "").split()
    shared = set(stable_classes(nodes[0]))
    for node in nodes[1:]:
        shared &= set(stable_classes(node))
    return [name for name in dict.fromkeys(first) if name in shared and _is_css_name(name)]


def _is_css_name(name: str) -> bool:
    return bool(re.fullmatch(r"-?[A-Za-z_][\w-]*", name))


def _matches(root: LexborHTMLParser | LexborNode, selector: str) -> set[int] | None:
    try:
        return {node.mem_id for node in root.css(selector)}
    except SelectolaxError:
        return None


def _first(root: LexborNode, selector: str) -> LexborNode | None:
    try:
        return root.css_first(selector)
    except SelectolaxError:
        return None


def _title_selector(group: ItemGroup) -> str | None:
    """The heading's selector when the links are "Read more" rather than titles."""
    pairs = _pairs(group)
    if _share(is_substantial(title_text(link)) for _, link in pairs) >= MAJORITY:
        return None
    headings = [heading for _, link in pairs if (heading := heading_near(link)) is not None]
    for candidate in _element_candidates(headings):
        found = [_first(item, candidate) for item, _ in pairs]
        if _share(node is not None and is_substantial(title_text(node)) for node in found) >= (
            MAJORITY
        ):
            return candidate
    return None


def _link_selector(group: ItemGroup) -> str | None:
    """A selector for the item's link when the first <a> in the item is not it."""
    if all(_same(_first(item, "a[href]"), link) for item, link in _pairs(group)):
        return None
    for candidate in _link_candidates(group):
        if all(_same(_first(item, candidate), link) for item, link in _pairs(group)):
            return candidate
    return None


def _link_candidates(group: ItemGroup) -> list[str]:
    candidates = [f"a.{name}" for name in _common_classes(group.links)]
    parent = group.links[0].parent
    if parent is not None and parent.tag in _HEADINGS:
        classes = _common_classes([link.parent for link in group.links if link.parent is not None])
        candidates += [f"{parent.tag}.{name} a" for name in classes]
        candidates.append(f"{parent.tag} a")
    return candidates


def _date_selector(group: ItemGroup) -> str | None:
    """`time`, or the element (tag and class) whose text holds most items' date."""
    pairs = _pairs(group)
    if _share(_first(item, "time") is not None for item, _ in pairs) >= MAJORITY:
        return "time"
    holders: list[LexborNode] = []
    for item, link in pairs:
        holder = _date_holder(item, link)
        if holder is not None:
            holders.append(holder)
            if holder.parent is not None and holder.parent.mem_id != item.mem_id:
                holders.append(holder.parent)  # "Posted on <time>…</time>" reads as well
    for candidate in _element_candidates(holders):
        if _share(_holds_date(_first(item, candidate)) for item, _ in pairs) >= MAJORITY:
            return candidate
    return None


def _date_holder(item: LexborNode, link: LexborNode) -> LexborNode | None:
    """The first innermost element of `item`, outside the link, whose text is a date."""
    for node in item.traverse():
        if node.mem_id == item.mem_id or node.tag in ("a", "br"):
            continue
        if item.mem_id != link.mem_id and _inside(node, link):
            continue  # the date is not in the title (unless the link is the whole item)
        if _holds_date(node) and not any(_holds_date(child) for child in node.iter()):
            return node
    return None


def _holds_date(node: LexborNode | None) -> bool:
    if node is None:
        return False
    text = node_text(node)
    return bool(text) and len(text) <= 80 and bool(find_dates(text))


def _summary_selector(group: ItemGroup) -> str | None:
    """The element holding most items' teaser: a paragraph outside the link, not a date."""
    pairs = _pairs(group)
    teasers: list[LexborNode] = []
    for item, link in pairs:
        for paragraph in item.css("p"):
            if _is_teaser(paragraph, link):
                teasers.append(paragraph)
                break
    for candidate in _element_candidates(teasers):
        if _share(_is_teaser(_first(item, candidate), link) for item, link in pairs) >= MAJORITY:
            return candidate
    return None


def _is_teaser(node: LexborNode | None, link: LexborNode) -> bool:
    return (
        node is not None
        and not _inside(link, node)
        and len(node_text(node)) >= 20
        and not _holds_date(node)
    )


def _element_candidates(nodes: Sequence[LexborNode]) -> list[str]:
    """Selectors for these elements (tag.class, tag:nth-of-type(n), tag), best first.

    The most frequent come first; among equals, a class beats a position
    (table cells), which beats the bare tag.
    """
    counts: Counter[str] = Counter()
    for node in nodes:
        tag = node.tag or "span"
        names = [name for name in stable_classes(node) if _is_css_name(name)]
        candidates = [f"{tag}.{name}" for name in names]
        position = _position_of_type(node)
        if position:
            candidates.append(f"{tag}:nth-of-type({position})")
        counts.update([*candidates, tag])
    order = list(counts)

    def rank(candidate: str) -> tuple[int, int, int]:
        specific = 0 if "." in candidate else 1 if ":" in candidate else 2
        return (-counts[candidate], specific, order.index(candidate))

    return sorted(order, key=rank)


def _position_of_type(node: LexborNode) -> int | None:
    """n in ``tag:nth-of-type(n)`` when the node has siblings of its tag, else None."""
    parent = node.parent
    if parent is None:
        return None
    same = [child for child in parent.iter() if child.tag == node.tag]
    if len(same) < 2:
        return None
    for index, child in enumerate(same, 1):
        if child.mem_id == node.mem_id:
            return index
    return None


def _share(results: Iterable[bool]) -> float:
    values = list(results)
    return sum(values) / len(values) if values else 0.0


def _pairs(group: ItemGroup) -> list[tuple[LexborNode, LexborNode]]:
    return list(zip(group.items, group.links, strict=True))


def _same(a: LexborNode | None, b: LexborNode | None) -> bool:
    return a is not None and b is not None and a.mem_id == b.mem_id


def _inside(node: LexborNode, container: LexborNode) -> bool:
    """Whether `node` is `container` or inside it."""
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id == container.mem_id:
            return True
        current = current.parent
    return False
