"""Time classifying 20,000 items (as a run does), against the budget.

    python bench/classify.py [--items 20000] [--workers 2]     # make bench-classify

The items are made from the calls corpus's train and dev items
(tests/data/calls/corpus-*.yaml; never the frozen split), each copy with its own
link and a reference number in its title and text, so that no cache sees the same
text twice. They are classified once in this process, then spread over `--workers`
processes as `aggregator run` spreads feeds over its parsing pool.

The budget: the benchmark's cold run (docs/benchmark.md) reads 1000 feeds of 20
items, 20,000 items, and must take at most 1.5 times the feedparser floor: 1.5 ×
6.82 s = 10.2 s wall on the reference machine, so about 20.5 s of CPU on its 2
cores. Of that, feedparser takes about 7.0 s and the main process (fetching,
storing, rendering) 4.6 s (docs/benchmark.md, "Where the time goes"), which
leaves about 8.9 s of CPU for classification and sanitising in the parsing
processes: BUDGET_CPU, 8 s for 20,000 items, keeps 0.9 s for the rest. The
corpus items are harder than the benchmark's (every one a call, event or news
with dates and phrases to read), so this is the worst case. CPU time is
measured, not wall time: other processes on a shared machine inflate the wall.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aggregator.classify import classify
from aggregator.corpus import Case, corpus_files, load_corpus
from aggregator.types import ParsedItem, Source

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "calls"
#: CPU seconds classification may take for 20,000 items within the cold run's budget.
BUDGET_CPU = 8.0
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def synthetic(count: int) -> list[tuple[ParsedItem, Source]]:
    """`count` items made from the corpus's train and dev items, each one distinct."""
    tuning, _frozen = corpus_files(CORPUS)
    cases: list[Case] = load_corpus(tuning)
    items = []
    for index in range(count):
        case = cases[index % len(cases)]
        item = replace(
            case.item,
            key=f"{case.id}-{index}",
            title=f"{case.item.title} ({index})",
            link=f"{case.item.link or 'https://partner.example/item'}?copy={index}",
            summary=f"{case.item.summary}<p>Ref. {index}</p>",
        )
        items.append((item, Source(name=case.id, url="https://partner.example/feed")))
    return items


def classify_all(items: list[tuple[ParsedItem, Source]]) -> float:
    """CPU seconds to classify `items` in this process."""
    started = time.process_time()
    for item, source in items:
        classify(item, source, reference=item.published or NOW)
    return time.process_time() - started


def _chunk(items: list[tuple[ParsedItem, Source]]) -> float:
    return classify_all(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    items = synthetic(args.items)
    classify_all(items[:200])  # warm: compiled phrase lists, the language model
    wall = time.perf_counter()
    cpu = classify_all(items)
    wall = time.perf_counter() - wall
    print(
        f"one process: {len(items)} items in {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"({cpu / len(items) * 1e6:.0f} µs per item)"
    )
    if args.workers > 1:
        size = -(-len(items) // (args.workers * 20))  # 20 chunks a worker, like many feeds
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        with ProcessPoolExecutor(args.workers) as pool:
            list(pool.map(_chunk, [items[:200]] * args.workers))  # warm every worker
            wall = time.perf_counter()
            pool_cpu = sum(pool.map(_chunk, chunks))
            wall = time.perf_counter() - wall
        print(
            f"{args.workers} processes: {len(items)} items in {wall:.2f} s wall, "
            f"{pool_cpu:.2f} s CPU in all"
        )
    verdict = "within" if cpu <= BUDGET_CPU * len(items) / 20_000 else "OVER"
    print(f"budget: {BUDGET_CPU:.1f} s CPU for 20,000 items: {verdict}")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main())
