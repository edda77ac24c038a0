"""Growth benchmark: what a run costs as the history grows.

    python bench/growth.py [--items 1000,10000,100000] [--sources 200] [--repeat 3]

For each size, makes a real store (`store.open_database`, every migration)
holding that many items from 200 sources, filled by direct SQL inserts (a
100,000-item database takes a few seconds), with 120 days of fetch history,
a digest configured but not due, and the language model written beside the
database (`aggregator.db.langid`, as the store's first run that parsed would
have left it). Items come at the same pace at every size (10 a day: a fifth
calls, a fifth events), so a larger database is a longer history while the
outputs' windows stay alike. The partners are served on 127.0.0.1 with ETags.
Then times, each in its own process, the real `aggregator run`:

    unchanged   every partner answers 304; the digest is not due
    50 new      50 partners each publish one new item (the site is written again)

Wall and CPU time (of the process and its children) from start to exit, and
peak memory as the largest sum of the proportional set sizes (PSS) of the
process and all its children, sampled every 20 ms (pages the forked parsing
processes share are counted once); the best of `--repeat`. Results go to
bench/out/growth.json, and a table is printed.
Targets (issue 10): at 100,000 items an unchanged run within 1.5 × the
1,000-item figure, a 50-new-item run within 2 ×, and under 200 MB in all.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(ROOT))

from aggregator.classifier_version import classifier_version  # noqa: E402
from aggregator.config import load_config  # noqa: E402
from aggregator.digest.outbox import record_skipped  # noqa: E402
from aggregator.digest.schedule import due_period, parse_schedule  # noqa: E402
from aggregator.langmodel import shared_path, write_shared  # noqa: E402
from aggregator.rules import LANGUAGES  # noqa: E402
from aggregator.store import open_database  # noqa: E402

SCHEDULE = "weekly monday 08:00 UTC"
SAMPLE_SECONDS = 0.02
#: Items the 200 partners publish a day, together: 1,000 items are 100 days of them.
PER_DAY = 10
WORDS = (
    "cobalt gold tin tantalum tungsten artisanal mining due diligence traceability "
    "Great Lakes OECD guidance smelter refiner audit cooperative women miners "
    "formalisation export certification supply chain responsible sourcing"
).split()


class Partners(ThreadingHTTPServer):
    """200 partner feeds; each answers 304 to its current ETag. `publish(n)` gives
    n partners one new item each (a new ETag and body)."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, sources: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.version = dict.fromkeys(range(sources), 1)
        self.extra: dict[int, bytes] = {}
        self.count = 0

    def url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed/{n}.xml"

    def etag(self, n: int) -> str:
        return f'"v{self.version[n]}"'

    def publish(self, partners: int, now: datetime) -> None:
        self.count += 1
        for n in range(partners):
            self.version[n] += 1
            title = f"Partner {n} new call for proposals {self.count}: artisanal cobalt"
            self.extra[n] = (
                '<?xml version="1.0"?><rss version="2.0"><channel>'
                f"<title>Partner {n}</title><link>https://p{n}.example.org/</link>"
                f"<item><title>{title}</title>"
                f"<link>https://p{n}.example.org/new/{self.count}</link>"
                f"<guid>p{n}-new-{self.count}</guid><pubDate>{format_datetime(now)}</pubDate>"
                "<description>Applications close on 30 June 2027. Budget USD 50,000."
                "</description></item></channel></rss>"
            ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: Partners

    def do_GET(self) -> None:
        n = int(self.path.rsplit("/", 1)[1].split(".")[0])
        etag = self.server.etag(n)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = self.server.extra.get(n, b'<?xml version="1.0"?><rss version="2.0"></rss>')
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def make_store(folder: Path, items: int, partners: Partners, now: datetime) -> Path:
    """feeds.yaml and a database of `items` items from the partners, by direct SQL."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sources = len(partners.version)
    config = folder / "feeds.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "title": "Responsible Minerals Clearinghouse",
                "site_url": "https://clearinghouse.example.org/",
                "database": "aggregator.db",
                "site": "site",
                "fetch": {"concurrency": 32, "per_host": 32},
                "digest": {
                    "schedule": SCHEDULE,
                    "from": "Clearinghouse <digest@example.org>",
                    "to": ["members@lists.example.org"],
                    "smtp": {"host": "127.0.0.1", "port": 9, "security": "none"},
                },
                "feeds": [{"name": f"Partner {n}", "url": partners.url(n)} for n in range(sources)],
            },
            sort_keys=False,
        )
    )
    db = open_database(folder / "aggregator.db")
    chance = random.Random(items)
    stamp = now.isoformat()
    db.conn.executemany(
        "insert into feeds (url, name, type, etag, outcome, last_fetched, last_ok, failures, "
        "gone, held) values (?, ?, 'feed', ?, 'not_modified', ?, ?, 0, 0, 0)",
        [(partners.url(n), f"Partner {n}", partners.etag(n), stamp, stamp) for n in range(sources)],
    )
    rows, links = [], []
    # the same flow of items at every size (PER_DAY a day): a larger database is a
    # longer history, and the outputs' windows (the newest, the open calls) stay alike
    for k in range(items):
        n = k % sources
        published = now - timedelta(days=k / PER_DAY, seconds=chance.random() * 3600)
        kind = ("call", "news", "news", "event", "news")[k % 5]
        deadline = (published + timedelta(days=chance.randint(10, 90))).date().isoformat()
        words = " ".join(chance.choice(WORDS) for _ in range(90))
        item_id = hashlib.sha256(f"item {k}".encode()).hexdigest()[:32]
        url = f"https://p{n}.example.org/items/{k}"
        start = (published + timedelta(days=30)).date().isoformat()
        rows.append(
            (
                item_id,
                url,
                url,
                f"Partner {n}: {' '.join(chance.choice(WORDS) for _ in range(8))} {k}",
                f"<p>{words}</p><p>Budget: USD {chance.randint(1, 500) * 1000:,}</p>",
                published.isoformat(),
                published.isoformat(),
                published.isoformat(),
                kind,
                "bench",
                deadline if kind == "call" else None,
                "en",
                "[]",
                "[]",
                "open" if kind == "call" else None,
                start if kind == "event" else None,
                start if kind == "event" else None,
                0.9,
            )
        )
        links.append((partners.url(n), f"key-{k}", item_id, url, published.isoformat()))
    db.conn.executemany(
        "insert into items (id, url, link, title, summary, published, first_seen, updated, "
        "kind, kind_reason, deadline, language, tags, translations, held, status, "
        "event_start, event_end, confidence) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
        rows,
    )
    db.conn.executemany(
        "insert into item_sources (feed_url, key, item_id, link, first_seen, last_seen) "
        "values (?, ?, ?, ?, ?, ?)",
        [(*link, link[-1]) for link in links],
    )
    # 120 days of fetch history, six polls a day: a third of it older than 90 days
    db.conn.executemany(
        "insert into fetches (feed_url, started, duration, outcome, http_status, bytes, found, "
        "new_items, updated_items) values (?, ?, 0.05, 'not_modified', 304, 0, 0, 0, 0)",
        (
            (partners.url(n), (now - timedelta(hours=4 * poll)).isoformat())
            for poll in range(6 * 120)
            for n in range(sources)
        ),
    )
    # decided by the classifier as it is now: nothing is re-classified
    version = classifier_version(load_config(config).rules)
    db.conn.execute("update items set classifier = ?", [version])
    db.conn.commit()
    period = due_period(parse_schedule(SCHEDULE), last_period=None, now=now)
    if period is not None:  # this period's digest is done: the runs find it not due
        record_skipped(db, period=period, created=now)
    db.conn.execute("vacuum")
    db.conn.close()
    # the language model beside the database, as a store's first run that parsed left it
    write_shared(shared_path(folder / "aggregator.db"), LANGUAGES)
    return config


PROFILE: list[str] = []


def tree_memory(process: psutil.Process) -> int:
    """Bytes the process and its children use together: the sum of their proportional
    set sizes (a page shared by forked workers counted once in all, not once each)."""
    total = 0
    with contextlib.suppress(psutil.NoSuchProcess):
        for member in [process, *process.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                info = member.memory_full_info()
                total += getattr(info, "pss", info.rss)
    return total


def measure(config: Path, code: Path = ROOT) -> tuple[float, float, str, float]:
    """One `aggregator run`: wall seconds, peak MB over its process tree, its summary's
    items line, and the CPU seconds of the process and its children (steadier than the
    wall time on a shared machine)."""
    command = [sys.executable, "-c", "from aggregator.cli import main; main()", "run", "-c"]
    if PROFILE:  # the installed command, under cProfile
        command = [sys.executable, *PROFILE, str(Path(sys.executable).parent / "aggregator")]
        command += ["run", "-c"]
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = psutil.Popen(
        [*command, str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=code
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process))
        time.sleep(SAMPLE_SECONDS)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
    if process.returncode not in (0,):
        raise SystemExit(f"aggregator run failed ({process.returncode}):\n{output}")
    items_line = next((line for line in output.splitlines() if "Items:" in line), "")
    return round(wall, 2), round(peak / 1e6, 1), items_line.strip(), round(cpu, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", default="1000,10000,100000")
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--new", type=int, default=50)
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="run the aggregator package found in this folder (e.g. an older version)",
    )
    parser.add_argument("--out", default="growth.json", help="file name in bench/out/")
    parser.add_argument("--profile", type=Path, help="cProfile each run into this file")
    args = parser.parse_args()
    if args.profile:
        PROFILE.extend(["-m", "cProfile", "-o", str(args.profile)])
    sizes = [int(size) for size in args.items.split(",")]
    results: dict[str, dict[str, object]] = {}
    for size in sizes:
        partners = Partners(args.sources)
        threading.Thread(target=partners.serve_forever, daemon=True).start()
        now = datetime.now(UTC)
        made = time.perf_counter()
        config = make_store(OUT / f"growth-{size}", size, partners, now)
        made = time.perf_counter() - made
        measure(config, args.code)  # the first run writes the site and prunes the old fetch history
        unchanged, new = [], []
        for _ in range(args.repeat):
            unchanged.append(measure(config, args.code))
            partners.publish(args.new, datetime.now(UTC))
            new.append(measure(config, args.code))
        partners.shutdown()
        database = config.parent / "aggregator.db"
        results[str(size)] = {
            "made_s": round(made, 2),
            "database_mb": round(database.stat().st_size / 1e6, 1),
            "unchanged_s": min(run[0] for run in unchanged),
            "unchanged_cpu_s": min(run[3] for run in unchanged),
            "unchanged_mb": max(run[1] for run in unchanged),
            "new_s": min(run[0] for run in new),
            "new_cpu_s": min(run[3] for run in new),
            "new_mb": max(run[1] for run in new),
            "new_line": new[-1][2],
        }
        print(size, results[str(size)], flush=True)
    base = results.get(str(min(sizes)))
    OUT.mkdir(exist_ok=True)
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "sources": args.sources,
        "code": str(args.code),
        "results": results,
    }
    (OUT / args.out).write_text(json.dumps(report, indent=2) + "\n")
    print("\n| stored items | unchanged: wall, CPU | 50 new: wall, CPU | peak memory | db |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size, row in results.items():
        ratio = ""
        if base is not None and size != str(min(sizes)):
            ratio = (
                f" (CPU {row['unchanged_cpu_s'] / base['unchanged_cpu_s']:.2f} × /"  # type: ignore[operator]
                f" {row['new_cpu_s'] / base['new_cpu_s']:.2f} ×)"  # type: ignore[operator]
            )
        print(
            f"| {int(size):,} | {row['unchanged_s']} s, {row['unchanged_cpu_s']} s | "
            f"{row['new_s']} s, {row['new_cpu_s']} s{ratio} | "
            f"{max(row['unchanged_mb'], row['new_mb'])} MB | {row['database_mb']} MB |"  # type: ignore[type-var]
        )


if __name__ == "__main__":
    main()
