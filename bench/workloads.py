"""The comparison workloads, each run by bench/run.py in a fresh process.

    floor-single DIR          feedparser.parse over every feed file, one process
    floor-pool DIR WORKERS    the same in a ProcessPoolExecutor of WORKERS processes
    reader-cold DB URLS       reader: make_reader, add_feed for each URL, update_feeds
    reader-warm DB            reader: update_feeds(scheduled=False) on the same database

The floor reads the bytes from disk (not over HTTP): it is what parsing alone
costs. Each workload prints one JSON line describing what it did.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _feed_files(directory: Path) -> list[Path]:
    manifest = json.loads((directory / "manifest.json").read_text())
    return [directory / entry["file"] for entry in manifest["feeds"]]


def _parse_file(path: Path) -> int:
    import feedparser

    parsed = feedparser.parse(io.BytesIO(path.read_bytes()))
    return len(parsed.entries)


def floor_single(directory: Path) -> dict[str, object]:
    entries = sum(_parse_file(path) for path in _feed_files(directory))
    return {"entries": entries}


def floor_pool(directory: Path, workers: int) -> dict[str, object]:
    files = _feed_files(directory)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        entries = sum(pool.map(_parse_file, files, chunksize=8))
    return {"entries": entries, "workers": workers}


def reader_cold(db: Path, urls_file: Path, workers: int) -> dict[str, object]:
    from reader import make_reader

    reader = make_reader(str(db))
    for url in urls_file.read_text().split():
        reader.add_feed(url)
    reader.update_feeds(workers=workers)
    return _reader_summary(reader, workers)


def reader_warm(db: Path, workers: int) -> dict[str, object]:
    from reader import make_reader

    reader = make_reader(str(db))
    reader.update_feeds(scheduled=False, workers=workers)
    return _reader_summary(reader, workers)


def _reader_summary(reader: object, workers: int) -> dict[str, object]:
    counts = reader.get_entry_counts()  # type: ignore[attr-defined]
    broken = sum(1 for _ in reader.get_feeds(broken=True))  # type: ignore[attr-defined]
    reader.close()  # type: ignore[attr-defined]
    return {"entries": counts.total, "broken_feeds": broken, "workers": workers}


def main() -> None:
    parser = argparse.ArgumentParser(description="One benchmark workload.")
    commands = parser.add_subparsers(dest="command", required=True)
    single = commands.add_parser("floor-single")
    single.add_argument("dir", type=Path)
    pool = commands.add_parser("floor-pool")
    pool.add_argument("dir", type=Path)
    pool.add_argument("workers", type=int, nargs="?", default=os.cpu_count() or 1)
    cold = commands.add_parser("reader-cold")
    cold.add_argument("db", type=Path)
    cold.add_argument("urls", type=Path)
    cold.add_argument("--workers", type=int, default=16)
    warm = commands.add_parser("reader-warm")
    warm.add_argument("db", type=Path)
    warm.add_argument("--workers", type=int, default=16)
    args = parser.parse_args()
    start = time.perf_counter()
    if args.command == "floor-single":
        result = floor_single(args.dir)
    elif args.command == "floor-pool":
        result = floor_pool(args.dir, args.workers)
    elif args.command == "reader-cold":
        result = reader_cold(args.db, args.urls, args.workers)
    else:
        result = reader_warm(args.db, args.workers)
    result["inner_seconds"] = round(time.perf_counter() - start, 3)
    print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
