"""Reading one fetched body with its source's reader (`sources.READERS`), then
classifying its items.

Runs in the parsing processes (see `runtime.parser_pool`, which loads it
in each of them at start), in the main process when there is no pool, and
for `aggregator preview`. The main process of a run with a pool never
imports it, so a run in which nothing changed never loads the parsers
(feedparser, selectolax, the classification rules): about 40 ms of start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from .classifier_version import classifier_version
from .classify import classify
from .errors import ParseError, SourceError
from .sources import FEED, reader_of
from .types import (
    CallPage,
    Classification,
    ClassifiedItem,
    ParsedFeed,
    ParsedItem,
    Rules,
    Source,
    StoredEntry,
)

log = logging.getLogger("aggregator")

#: Entries read from one body; a feed or page listing more is cut there (a real
#: one lists tens: thousands are a mistake or a flood).
MAX_ITEMS = 500


def read_source(
    source: Source,
    body: bytes,
    url: str,
    headers: dict[str, str],
    rules: Rules,
    now: datetime,
    as_feed: bool = False,
) -> tuple[ParsedFeed, list[ClassifiedItem]]:
    """Read and classify one body; runs in a worker process.

    `as_feed`: the body is the feed a page advertises, read as a feed.
    """
    try:
        reader = FEED if as_feed else reader_of(source)
        parsed = reader.read(body, url, source, headers=headers, now=now)
        if len(parsed.items) > MAX_ITEMS:
            note = f"only the first {MAX_ITEMS} of its {len(parsed.items)} entries were read"
            parsed = replace(
                parsed,
                items=parsed.items[:MAX_ITEMS],
                warning="; ".join(filter(None, (parsed.warning, note))),
            )
        version = classifier_version(rules)
        items = [
            ClassifiedItem(
                item,
                replace(
                    classify(item, source, rules, reference=item.published or now),
                    classifier=version,
                ),
            )
            for item in parsed.items
        ]
    except SourceError:
        raise
    except Exception as exc:  # a hostile body must not take the run down
        log.debug("unexpected error reading %s", url, exc_info=True)
        raise ParseError(url, f"could not read the content ({type(exc).__name__}: {exc})") from None
    return replace(parsed, items=()), items


def read_call_page(
    page: CallPage, body: bytes | None, url: str, rules: Rules
) -> tuple[str, Classification]:
    """The text of a call's own page (`body`, or the text kept from the last reading
    when the page answered 304), and what it says of the call's dates and status."""
    from .sources.article import main_text

    text = main_text(body, url) if body is not None else page.text or ""
    item = ParsedItem(
        key=page.item_id,
        title=page.title,
        link=page.url,
        summary=page.summary,
        content=text,
        published=page.published,
        language=page.language,
    )
    return text, _page_facts(item, page.source_name, page.source_url, rules, page.published)


def _page_facts(
    item: ParsedItem, name: str, url: str, rules: Rules, reference: datetime
) -> Classification:
    # the feed already said it is a call: the page is read for its dates and status
    source = Source(name=name, url=url, kind="call")
    read = classify(item, source, rules, reference=reference)
    return replace(read, classifier=classifier_version(rules))


def reclassify(
    entries: Sequence[StoredEntry], sources: Mapping[str, Source], rules: Rules
) -> list[tuple[str, Classification]]:
    """Classify stored items again, as a run would classify their entries now; a call
    whose own page was read takes its deadline, status and dates from the page, as
    `store.record_call_page` does. `sources` is feeds.yaml's, by URL."""
    version = classifier_version(rules)
    decided = []
    for entry in entries:
        source = sources.get(entry.feed_url) or Source(name=entry.source_name, url=entry.feed_url)
        item = ParsedItem(
            key=entry.item_id,
            title=entry.title,
            link=entry.link,
            summary=entry.summary,
            published=entry.published,
            language=entry.language,
        )
        said = classify(item, source, rules, reference=entry.published)
        if said.kind == "call" and said.deadline is None and entry.page_text:
            page = _page_facts(
                replace(item, content=entry.page_text),
                source.name,
                source.url,
                rules,
                entry.published,
            )
            if page.deadline is not None or page.status != "rolling":
                said = replace(
                    said,
                    deadline=page.deadline,
                    deadline_phrase=page.deadline_phrase,
                    status=page.status,
                    status_reason=f"the call's page: {page.status_reason}",
                    opens=page.opens,
                    deadline_extended=page.deadline_extended,
                    key_dates=page.key_dates,
                )
        decided.append((entry.item_id, replace(said, classifier=version)))
    return decided
