"""Accuracy of the classification rules: the regression set and the calls corpus.

    python bench/accuracy.py            # everything (what `make accuracy` runs)
    python bench/accuracy.py --tuning   # the regression set, train and dev only
    python bench/accuracy.py --figures-only   # the frozen split's figures, not its misses

A run classifies with the rules alone. The kind model (aggregator/kindmodel.py)
is measured against them here: fitted on train, it is scored on dev; fitted on
train and dev, on the frozen split. It would be used only if it beat the rules
there (docs/calls.md, "The kind model"); fitting it needs scikit-learn.

First the regression set (tests/data/labelled_items.yaml, which the rules were
written against): kind, exact deadline, invented deadlines, per language and
batch. Then the calls corpus (tests/data/calls/, docs/calls.md): train and dev
(tuned on) and the frozen test split (never tuned on), each per language, with
kind, exact call deadline, call status, invented deadlines and event start
dates, the kind confusion matrix and every miss. Last, the cost of `classify`.
"""

from __future__ import annotations

import sys
import time
import timeit
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aggregator.classify import classify
from aggregator.corpus import (
    Case,
    corpus_files,
    load_corpus,
    rules_only,
    score,
    split,
    train_model,
    with_model,
)
from aggregator.corpus import (
    report as corpus_table,
)
from aggregator.types import Classification, ParsedItem, Source
from tests.labelled import DEFAULT_PATH, Labelled, load


def report(labelled: list[Labelled]) -> int:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wrong: list[str] = []
    failures = 0
    for case in labelled:
        result = case.run()
        for group in ("all", case.language, case.batch):
            counts = totals[group]
            counts["items"] += 1
            counts["kind"] += result.kind == case.kind
            counts["deadline"] += result.deadline == case.deadline
            counts["invented"] += case.deadline is None and result.deadline is not None
            counts["tags_checked"] += case.tags is not None
            counts["tags"] += case.tags is not None and set(result.tags) == set(case.tags)
        problems = []
        if result.kind != case.kind:
            problems.append(f"kind {result.kind} ({result.kind_reason}), expected {case.kind}")
        if result.deadline != case.deadline:
            problems.append(
                f"deadline {result.deadline} ({result.deadline_phrase!r}), expected {case.deadline}"
            )
        if case.tags is not None and set(result.tags) != set(case.tags):
            problems.append(f"tags {list(result.tags)}, expected {list(case.tags)}")
        if problems:
            hard = " [hard]" if case.hard else ""
            wrong.append(f"  {case.id}{hard}: " + "; ".join(problems))
            failures += not case.hard

    print(f"{'':7} {'items':>5} {'kind':>8} {'deadline':>9} {'invented':>9} {'tags':>8}")
    for group in ("all", "en", "fr", "es", "batch 1", "batch 2", "batch 3"):
        c = totals[group]
        if not c["items"]:
            continue
        n = c["items"]
        tags = f"{100 * c['tags'] / c['tags_checked']:.1f}%" if c["tags_checked"] else "-"
        print(
            f"{group:7} {n:5} {100 * c['kind'] / n:7.1f}% {100 * c['deadline'] / n:8.1f}% "
            f"{c['invented']:9} {tags:>8}"
        )
    print()
    print("Misclassified:" if wrong else "Misclassified: none")
    print("\n".join(wrong))
    return failures


def best_of(run: Callable[[], object], number: int) -> float:
    """CPU seconds of `number` runs, the best of five (other processes add noise)."""
    return min(timeit.repeat(run, number=number, repeat=5, timer=time.process_time))


def plain_news(count: int = 200) -> list[ParsedItem]:
    """Ordinary news items, as most of a partner feed is: no phrase, no date."""
    return [
        ParsedItem(
            key=str(i),
            title=f"Artisanal miners in region {i} see prices rise as buyers return",
            link=f"https://example.org/news/{i}",
            summary=(
                "<p>Traders in the provincial capital said on Tuesday that demand from "
                "international buyers had picked up after months of uncertainty, and that "
                f"cooperatives were selling more of their output locally (story {i}).</p>"
            ),
            published=NEWS_PUBLISHED,
        )
        for i in range(count)
    ]


NEWS_PUBLISHED = datetime(2027, 3, 1, tzinfo=UTC)


def cost(labelled: list[Labelled]) -> None:
    """Microseconds per classify call, over the labelled set and over plain news items."""
    for case in labelled:
        case.run()  # warm the caches: compiled rules, language model, dateparser
    number = 10
    seconds = best_of(lambda: [case.run() for case in labelled], number)
    print(f"\nclassify: {seconds / (number * len(labelled)) * 1e6:.0f} µs per labelled item")

    news = plain_news()
    for language in ("en", None):
        source = Source(name="news", url="https://example.org/feed", language=language)
        seconds = best_of(
            lambda source=source: [  # type: ignore[misc]
                classify(item, source, reference=NEWS_PUBLISHED) for item in news
            ],
            number,
        )
        label = "language declared" if language else "language detected"
        per_item = seconds / (number * len(news)) * 1e6
        print(f"classify: {per_item:.0f} µs per plain news item ({label})")


CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "calls"


def corpus_report(*, frozen: bool, frozen_misses: bool = True) -> None:
    tuning_files, frozen_files = corpus_files(CORPUS)
    train, dev = split(load_corpus(tuning_files))
    frozen_cases = load_corpus(frozen_files) if frozen else []
    parts: list[tuple[str, list[Case], Callable[[Case], Classification]]] = [
        ("train, rules alone (tuned on)", train, rules_only),
        ("dev, rules alone (tuned on, less)", dev, rules_only),
    ]
    if frozen:
        parts.append(
            ("FROZEN TEST, rules alone, what a run uses (never tuned on)", frozen_cases, rules_only)
        )
    try:
        on_train = train_model(train)
    except ImportError:
        print("\n(the kind model is not measured: pip install scikit-learn)")
    else:
        parts.append(
            (
                "dev, rules + kind model fitted on train (not used by a run)",
                dev,
                with_model(on_train),
            )
        )
        if frozen:
            on_tuning = train_model([*train, *dev])
            parts.append(
                (
                    "FROZEN TEST, rules + kind model fitted on train and dev (not used by a run)",
                    frozen_cases,
                    with_model(on_tuning),
                )
            )
    for title, cases, predict in parts:
        print()
        misses = frozen_misses or not title.startswith("FROZEN")
        scores = score(cases, predict)
        print(corpus_table(scores, title=f"== {title}: {len(cases)} items", misses=misses))


def main() -> int:
    tuning = "--tuning" in sys.argv[1:]
    figures_only = "--figures-only" in sys.argv[1:]
    labelled = load(DEFAULT_PATH)
    print("== regression set (the rules were written against it)")
    failures = report(labelled)
    corpus_report(frozen=not tuning, frozen_misses=not figures_only)
    cost(labelled)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
