"""Sources: fetching them, deciding when to poll them, and reading each kind.

    fetch.py      one httpx client: conditional GET, limits, redirects
    polling.py    when to poll a source again, and whether a page's yield looks sane
    feed.py       RSS and Atom (feedparser)
    jsonfeed.py   JSON Feed 1 and 1.1
    page.py       HTML pages, with selectors or automatically
    discover.py   what a URL is, for `aggregator add`

Every kind of source a feeds.yaml `type` can name is one row of `READERS`;
config accepts exactly its keys. A row names the modules (formats) that read
its bodies, tried in order: each has `recognises(body)` and
`read(body, url, source, headers=, now=) -> ParsedFeed`. Adding a kind of
source is one module here and one row. The formats are imported only when a
body is read (in the parsing processes), so a run in which nothing changed
never loads feedparser or selectolax.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ..types import ParsedFeed, Source


@dataclass(frozen=True)
class Reader:
    """One kind of source: how its bodies are read and what a run checks of it."""

    #: Its name in feeds.yaml (`type: …`).
    type: str
    #: Modules of this package reading its bodies, tried in order; the last
    #: reads whatever the others did not recognise (and says why it cannot).
    formats: tuple[str, ...]
    #: Whether feeds.yaml may give it CSS selectors.
    takes_selectors: bool = False
    #: Whether a run checks how many entries it yields (broken selectors, floods)
    #: and whether it may advertise a feed to read instead.
    is_page: bool = False

    def read(
        self,
        body: bytes,
        url: str,
        source: Source,
        *,
        headers: Mapping[str, str] | None = None,
        now: datetime | None = None,
    ) -> ParsedFeed:
        """The entries of one body of this kind; ParseError when it cannot be read."""
        for name in self.formats:
            module = importlib.import_module(f"{__name__}.{name}")
            if name == self.formats[-1] or module.recognises(body):
                parsed: ParsedFeed = module.read(body, url, source, headers=headers, now=now)
                return parsed
        raise AssertionError("unreachable: the last format reads everything")


#: Every kind of source, by its feeds.yaml `type`.
READERS: dict[str, Reader] = {
    "feed": Reader(type="feed", formats=("jsonfeed", "feed")),
    "page": Reader(type="page", formats=("page",), takes_selectors=True, is_page=True),
}

#: The reader of a feed a page advertises.
FEED = READERS["feed"]


def reader_of(source: Source) -> Reader:
    """The reader of a source's kind (config has checked it is one)."""
    return READERS[source.type]
