"""Cost of `classify` per item on benchmark-corpus items, and where it goes.

    python bench/classify_timing.py [--feeds 20] [--profile]

Generates a few feeds with bench/feed_corpus.py (in memory), parses them with
`aggregator.sources.feed.parse_feed`, then times `classify` over every item: cold
(first call per item, as in a fresh `aggregator run` worker) and warm (repeat
calls, caches filled). --profile prints the top functions of a cProfile run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed_corpus import _Writer, feed_sizes

from aggregator.classify import classify
from aggregator.sources.feed import parse_feed
from aggregator.types import ParsedItem, Rules, Source

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def corpus_items(count: int, seed: int = 2026) -> list[tuple[ParsedItem, Source]]:
    """Parsed items of the first `count` feeds of the benchmark corpus."""
    items = []
    for index, target in enumerate(feed_sizes(max(count, 20), seed)[:count]):
        writer = _Writer(random.Random(seed * 1_000_003 + index), index)
        url = f"http://127.0.0.1/feeds/{index:04d}.xml"
        parsed = parse_feed(writer.feed(target).encode("utf-8"), url)
        source = Source(name=f"Partner {index:04d}", url=url)
        items += [(item, source) for item in parsed.items]
    return items


def run_all(items: list[tuple[ParsedItem, Source]], rules: Rules) -> None:
    for item, source in items:
        classify(item, source, rules, reference=item.published or NOW)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    items = corpus_items(args.feeds)
    rules = Rules()
    classify(*items[0], rules, reference=NOW)  # import-time work out of the way
    cold_items = corpus_items(args.feeds, seed=7)  # items never seen by any cache
    start = time.perf_counter()
    run_all(cold_items, rules)
    cold = (time.perf_counter() - start) / len(cold_items)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        run_all(items, rules)
        best = min(best, (time.perf_counter() - start) / len(items))
    chars = sum(len(i.summary) + len(i.content) for i, _ in items) / len(items)
    print(f"{len(items)} items, {chars:.0f} characters of summary+content each")
    print(f"classify: {cold * 1e6:.0f} µs per item (first sight), {best * 1e6:.0f} µs (repeat)")
    if args.profile:
        fresh = corpus_items(args.feeds, seed=11)
        profile = cProfile.Profile()
        profile.enable()
        run_all(fresh, rules)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
