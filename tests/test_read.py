"""Reading one body: limits that keep a hostile or broken feed from costing the run."""

from __future__ import annotations

import time

from aggregator.read import MAX_ITEMS, read_source
from aggregator.types import Rules, Source

from .conftest import NOW

SOURCE = Source(name="Partner", url="https://partner.example.org/feed.xml")


def _feed(items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Partner</title><link>https://partner.example.org/</link>{items}</channel></rss>"
    ).encode()


def test_a_feed_of_thousands_of_entries_is_read_up_to_the_limit_and_says_so() -> None:
    entries = "".join(
        f"<item><title>Call {n}</title><link>https://partner.example.org/{n}</link></item>"
        for n in range(MAX_ITEMS + 100)
    )
    parsed, items = read_source(SOURCE, _feed(entries), SOURCE.url, {}, Rules(), NOW)
    assert len(items) == MAX_ITEMS
    assert items[0].parsed.title == "Call 0"
    read = f"only the first {MAX_ITEMS} of its {MAX_ITEMS + 100} entries were read"
    assert parsed.warning == read


def test_deeply_nested_markup_costs_a_fraction_of_a_second() -> None:
    nested = "&lt;div&gt;" * 100_000 + "Deadline: 30 June 2027."
    body = _feed(
        "<item><title>Call for proposals</title><link>https://partner.example.org/c</link>"
        f"<description>Apply now. {nested}</description></item>"
    )
    # CPU time, not wall time: other work on the machine must not fail the test
    started = time.process_time()
    _, (item,) = read_source(SOURCE, body, SOURCE.url, {}, Rules(), NOW)
    assert time.process_time() - started < 5  # it took minutes before the cap
    assert item.parsed.summary.startswith("Apply now.")
