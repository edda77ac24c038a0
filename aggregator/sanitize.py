"""Making untrusted HTML and text safe to store and show.

Everything from a feed or page goes through here before it is stored. The
sanitiser is nh3 (Ammonia): a whitelist of tags and attributes, only
http/https/mailto links, and ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Iterable
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


#: Characters that change how text reads without being seen: bidirectional
#: embeddings, overrides and isolates (U+202E shows a title backwards), zero-width
#: spaces, joiners and marks, the word joiner and invisible operators, the byte
#: order mark, the soft hyphen, fillers that pass for a blank, and the invisible
#: "tag" letters text can be smuggled in.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\U000e0000-\U000e007f]"
)
#: Something an HTML parser would read as a tag, a comment or a declaration.
_MARKUP = re.compile(r"<[a-zA-Z/!?]")


def plain_text(value: str | None, *, markup: bool = False) -> str:
    """A title or a name as one line of plain text: markup removed, not only escaped
    (tags dropped, a script's text too, whether the partner wrote it as markup or
    escaped it once more), invisible characters and control characters removed,
    whitespace folded.

    `markup`: the value is HTML (its entities are decoded); otherwise it is read
    as HTML only when it holds something that looks like a tag.
    """
    if not value:
        return ""
    text = _INVISIBLE.sub("", scrub(value))
    if markup:
        text = html_to_text(text)
    for _ in range(3):  # "&lt;script&gt;" in HTML is a "<script>" in the text: again
        if not _MARKUP.search(text):
            break
        text = _INVISIBLE.sub("", html_to_text(text))
    return " ".join(_INVISIBLE.sub("", text).split())


#: Words of its text that make an item's title when its partner gave none.
TITLE_WORDS = 10
#: ... in at most this many characters.
TITLE_CHARS = 120


def title_from_text(fragment: str | None) -> str:
    """A title for an item that has none, from its text (HTML): its first
    `TITLE_WORDS` words within `TITLE_CHARS` characters, cut at a word and ended
    with "…" when the text goes on. Every reader makes it so."""
    text = plain_text(fragment, markup=True)
    words = text.split()
    title = " ".join(words[:TITLE_WORDS])
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rsplit(" ", 1)[0]
    if title == text:
        return text
    return title.rstrip(" ,;:.·—–-") + "…"


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
    # "&#27;" comes out of the parser as the character
    return _with_alt(scrub(cleaned).strip())


#: An <img> as nh3 writes it: each attribute's value in double quotes (a `"` in it
#: escaped), so the tag ends at the first ">" after them.
_IMG = re.compile(r'<img((?:\s+[a-z][a-z-]*="[^"]*")*)\s*/?>')


def _with_alt(cleaned: str) -> str:
    """Every image with an `alt` (empty when the partner gave none, so that screen
    readers skip it instead of reading its address). nh3 can only set a value for
    every image, replacing the partner's own."""
    if "<img" not in cleaned:
        return cleaned

    def add_alt(match: re.Match[str]) -> str:
        attributes = match.group(1)
        if re.search(r'\salt="', attributes):
            return match.group(0)
        return f'<img{attributes} alt="">'

    return _IMG.sub(add_alt, cleaned)


def text_to_html(text: str | None) -> str:
    """Plain text made into safe HTML: escaped, never interpreted."""
    if not text:
        return ""
    return html.escape(scrub(text).strip())


def html_to_text(fragment: str | None, *, blocks: bool = True) -> str:
    """The visible text of an HTML fragment on one line, whitespace folded, its blocks
    kept apart: paragraphs, headings, list items and line breaks end a piece of text,
    table cells and rows are separated, and a header row names each cell after it.

    >>> html_to_text("<p>Closes 2 December 2026.</p><table><tr><th>Budget</th>"
    ...     "<th>Duration</th></tr><tr><td>USD 100,000</td><td>24 months</td></tr></table>")
    'Closes 2 December 2026. Budget: USD 100,000 · Duration: 24 months'

    Pieces are joined by a space after a full stop (or another mark that ends a
    phrase), else by " · ". With `blocks=False` tags are only cut out, for a caller
    that marks the blocks it needs itself (classification).

    Quick on the plain markup feeds carry: markup made only of tags that keep
    their text in place (no tables, no raw text such as <script> or <pre>, no
    comments) and entities that decode the same everywhere has its tags cut out
    directly; anything else goes through nh3 first.
    """
    if not fragment:
        return ""
    if "\x00" not in fragment and not fragment.startswith("\ufeff"):  # parsers drop both
        marker = "\x00" if blocks else ""
        text = _SIMPLE_INLINE_TAG.sub("", _SIMPLE_BLOCK_TAG.sub(marker, fragment))
        if "<" not in text and ("&" not in text or _plain_entities(text)):
            try:
                fragment.encode()  # nh3 refuses lone surrogates: so must this
            except UnicodeEncodeError:
                pass
            else:
                return join_pieces(html.unescape(piece) for piece in text.split("\x00"))
    kept = _STRUCTURE_TAGS if blocks else set()
    cleaned = nh3.clean(scrub(_cut(fragment)), tags=kept, attributes={}, strip_comments=True)
    return _flatten(cleaned) if blocks else " ".join(html.unescape(cleaned).split())


#: What ends a phrase: the next piece of text follows it after a plain space.
_ENDS_PHRASE = frozenset(".!?…:;·")
#: Between pieces of text (blocks, cells) that do not end a phrase.
PIECE_SEPARATOR = " · "


def join_pieces(pieces: Iterable[str]) -> str:
    """Pieces of text on one line, each folded, joined by a space after a mark that
    ends a phrase and by " · " otherwise; empty pieces are left out."""
    out = ""
    for piece in pieces:
        piece = " ".join(piece.split())
        if not piece:
            continue
        if not out:
            out = piece
        elif out[-1] in _ENDS_PHRASE:
            out += " " + piece
        else:
            out += PIECE_SEPARATOR + piece
    return out


#: Tags that keep their text in place inside a line.
_INLINE_TAGS = (
    "a abbr b cite code del em i img ins mark q s small span strong sub sup time u"
).split()
#: Tags whose text is a piece of its own (a block, or a line break).
_BLOCK_TAGS = (
    "blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li ol p ul"
).split()
#: Tags nh3 keeps when flattening the rest: blocks and tables.
_STRUCTURE_TAGS = {
    *_BLOCK_TAGS,
    *"address article aside caption footer header main nav pre section".split(),
    *"table thead tbody tfoot tr td th".split(),
}
_HTML_SPACE = "[\t\n\f\r ]"


def _simple_tag(names: Iterable[str]) -> re.Pattern[str]:
    """One of these tags, its attributes' values in double quotes (as sanitised HTML
    writes them)."""
    return re.compile(
        rf"</?(?:{'|'.join(sorted(names, key=len, reverse=True))})"
        rf"(?:{_HTML_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
        rf'(?:{_HTML_SPACE}*={_HTML_SPACE}*"[^"]*")?)*{_HTML_SPACE}*/?>'
    )


_SIMPLE_INLINE_TAG = _simple_tag(_INLINE_TAGS)
_SIMPLE_BLOCK_TAG = _simple_tag(_BLOCK_TAGS)
#: A tag as nh3 writes it with no attributes kept: <p>, </td>, <br>.
_BARE_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\s*/?>")


class _Table:
    """The cells of one table as it is read: rows of (is a header cell, text)."""

    def __init__(self) -> None:
        self.rows: list[list[tuple[bool, str]]] = []
        self.row: list[tuple[bool, str]] = []
        self.cell: list[str] | None = None
        self.header = False

    def end_cell(self) -> None:
        if self.cell is not None:
            self.row.append((self.header, join_pieces("".join(self.cell).split("\x00"))))
            self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if any(text for _, text in self.row):
            self.rows.append(self.row)
        self.row = []

    def text(self) -> str:
        """The table on one line: a header row names the cells under it
        ("Budget: USD 100,000 · Duration: 24 months"), a header cell the cells after
        it in its row; other cells and the rows are separated."""
        self.end_row()
        rows = self.rows
        if not rows:
            return ""
        names: list[str] | None = None
        if len(rows) > 1 and all(header for header, _ in rows[0]):
            names = [text for _, text in rows[0]]
            rows = rows[1:]
        lines = []
        for row in rows:
            if names is not None and len(row) == len(names):
                pairs = [
                    _labelled(name, text)
                    for name, (_, text) in zip(names, row, strict=True)
                    if text
                ]
                lines.append(PIECE_SEPARATOR.join(pairs))
            elif len(row) > 1 and row[0][0] and not row[1][0]:
                rest = PIECE_SEPARATOR.join(text for _, text in row[1:] if text)
                lines.append(_labelled(row[0][1], rest))
            else:
                lines.append(PIECE_SEPARATOR.join(text for _, text in row if text))
        return PIECE_SEPARATOR.join(line for line in lines if line)


def _labelled(name: str, text: str) -> str:
    if not name:
        return text
    if not text:
        return name
    return f"{name} {text}" if name[-1] in ":：" else f"{name}: {text}"


def _flatten(cleaned: str) -> str:
    """The text of HTML as nh3 writes it with only `_STRUCTURE_TAGS` kept."""
    pieces: list[str] = []  # the finished pieces outside any table
    current: list[str] = []  # the text of the piece being read
    tables: list[_Table] = []
    position = 0

    def text_of(value: str) -> None:
        if tables and tables[-1].cell is not None:
            tables[-1].cell.append(value)
        elif not tables:
            current.append(value)  # text between cells is none of theirs: dropped

    def boundary() -> None:
        if tables and tables[-1].cell is not None:
            tables[-1].cell.append("\x00")
        elif not tables:
            pieces.append("".join(current))
            current.clear()

    for match in _BARE_TAG.finditer(cleaned):
        if match.start() > position:
            text_of(html.unescape(cleaned[position : match.start()]))
        position = match.end()
        closing, name = match.groups()
        if name == "table":
            if not closing:
                boundary()
                tables.append(_Table())
            elif tables:
                table = tables.pop()
                text_of(table.text())
                boundary()
        elif tables and name in ("td", "th"):
            table = tables[-1]
            table.end_cell()
            if not closing:
                table.cell, table.header = [], name == "th"
        elif tables and name == "tr":
            tables[-1].end_row()
        elif name in _STRUCTURE_TAGS:
            boundary()
    if position < len(cleaned):
        text_of(html.unescape(cleaned[position:]))
    while tables:  # nh3 closes every table: only for safety
        text_of(tables.pop().text())
    pieces.append("".join(current))
    return join_pieces(piece for chunk in pieces for piece in chunk.split("\x00"))


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
