"""Performance benchmark: `aggregator run` against plain feedparser and `reader`.

    python bench/run.py [--feeds 1000] [--latency-ms 20] [--only floor,reader,aggregator]

Generates N partner feeds (bench/feed_corpus.py), serves them on 127.0.0.1
with a fixed added latency (bench/feed_server.py), then times each workload in
its own fresh process: wall time from start to exit, and peak memory as the
largest sum of RSS over the process and all its children, sampled every 50 ms.

Rows (names accepted by --only):
    server             the feed server alone: 1000 requests, 16 in flight
    floor              feedparser.parse on every feed's bytes, one process
    floor-pool         the same in a pool of one process per core
    reader-cold        reader: add every feed, update_feeds(workers=16)
    reader-warm        reader: update_feeds(scheduled=False) again (all 304)
    aggregator-cold    `aggregator run --config bench/out/feeds.yaml`, empty database
    aggregator-warm    the same command again (all 304)

Results go to bench/out/results.json. With --only, rows not re-run are kept
from the previous results.json when it was made with the same N and latency.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
PYTHON = sys.executable
AGGREGATOR = Path(PYTHON).parent / "aggregator"

ROWS = (
    "server",
    "floor",
    "floor-pool",
    "reader-cold",
    "reader-warm",
    "aggregator-cold",
    "aggregator-warm",
)
#: Short names for --only that select several rows.
GROUPS = {
    "reader": ("reader-cold", "reader-warm"),
    "aggregator": ("aggregator-cold", "aggregator-warm"),
    "floors": ("floor", "floor-pool"),
}
MEMORY_LIMIT_MB = 300.0
SAMPLE_SECONDS = 0.05


@dataclass
class Row:
    """One measured workload."""

    name: str
    status: str = "ok"
    wall_s: float | None = None
    #: User + system CPU seconds of the process tree.
    cpu_s: float | None = None
    peak_mb: float | None = None
    #: Requests the feed server answered during the row, by status.
    requests: dict[str, int] = field(default_factory=dict)
    #: The JSON line the workload printed, if any.
    detail: dict[str, object] = field(default_factory=dict)
    note: str = ""
    measured_at: str = ""
    #: Every wall time measured for this row in the run (--repeat); wall_s is the least.
    walls: list[float] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += member.memory_info().rss
    return total


def measure(
    name: str, command: list[str], *, env: dict[str, str] | None = None, timeout: float = 1800.0
) -> Row:
    """Run `command` in a fresh process; wall time and peak RSS summed over its tree."""
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = logs / f"{name}.out", logs / f"{name}.err"
    row = Row(name=name, measured_at=datetime.now(UTC).isoformat(timespec="seconds"))
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        start = time.perf_counter()
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        process = psutil.Popen(
            command, stdout=stdout, stderr=stderr, cwd=ROOT, env={**os.environ, **(env or {})}
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process))
            if time.perf_counter() - start > timeout:
                process.kill()
                row.status = "timeout"
                break
            time.sleep(SAMPLE_SECONDS)
        process.wait()
        row.wall_s = round(time.perf_counter() - start, 2)
        # CPU of the process and every descendant it waited for: steadier than wall
        # time when other work shares the machine.
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        row.cpu_s = round(
            children.ru_utime
            + children.ru_stime
            - children_before.ru_utime
            - children_before.ru_stime,
            2,
        )
    row.peak_mb = round(peak / 1e6, 1)
    lines = stdout_path.read_text(errors="replace").strip().splitlines()
    if lines:
        try:
            detail = json.loads(lines[-1])
            if isinstance(detail, dict):
                row.detail = detail
        except json.JSONDecodeError:
            row.detail = {"output": lines[-3:]}
    if process.returncode != 0 and row.status == "ok":
        row.status = f"exit {process.returncode}"
        tail = stderr_path.read_text(errors="replace").strip().splitlines()[-3:]
        row.note = " | ".join(tail)[:300]
    return row


class FeedServer:
    """bench/feed_server.py in its own process group, for the whole run."""

    def __init__(self, feeds_dir: Path, latency_ms: float, processes: int) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                PYTHON,
                str(BENCH / "feed_server.py"),
                "--dir",
                str(feeds_dir),
                "--port",
                str(self.port),
                "--latency-ms",
                str(latency_ms),
                "--processes",
                str(processes),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=BENCH,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("READY"):
            self.process.kill()
            raise SystemExit(f"feed server did not start: {line!r}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stats(self) -> dict[str, int]:
        with urllib.request.urlopen(self.url("/__stats"), timeout=5) as response:
            return dict(json.load(response))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


async def _load_check(port: int, paths: list[str], in_flight: int) -> float:
    """A minimal keep-alive client, so the measure is the server's, not the client's."""

    async def connection(queue: list[str]) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while queue:
            path = queue.pop()
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n".encode()
            )
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
        writer.close()
        await writer.wait_closed()

    queue = list(paths)
    start = time.perf_counter()
    await asyncio.gather(*(connection(queue) for _ in range(in_flight)))
    return time.perf_counter() - start


def server_row(server: FeedServer, paths: list[str], latency_ms: float) -> Row:
    requests = [paths[i % len(paths)] for i in range(1000)]
    before = server.stats()
    wall = asyncio.run(_load_check(server.port, requests, 16))
    ideal = 1000 / 16 * latency_ms / 1000
    return Row(
        name="server",
        wall_s=round(wall, 2),
        requests=_difference(server.stats(), before),
        note=f"1000 requests, 16 in flight; latency alone needs {ideal:.2f} s",
        measured_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _difference(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {key: after.get(key, 0) - before.get(key, 0) for key in after}


def write_feeds_yaml(path: Path, urls: list[str], concurrency: int, workers: int | None) -> None:
    """The aggregator's feeds.yaml for the corpus; all feeds are on one host."""
    lines = [
        "# Generated by bench/run.py: every feed of the benchmark corpus, on one local host.",
        "title: Benchmark clearinghouse",
        "description: Benchmark corpus of generated partner feeds",
        "site_url: https://clearinghouse.example.org/",
        "database: aggregator.db",
        "site: site",
        "fetch:",
        f"  concurrency: {concurrency}",
        "  # All benchmark feeds share 127.0.0.1, so the per-host cap must equal the concurrency.",
        f"  per_host: {concurrency}",
    ]
    if workers is not None:
        lines.append(f"  workers: {workers}")
    lines.append("feeds:")
    for index, url in enumerate(urls):
        lines += [f"  - name: Partner {index:04d}", f"    url: {url}"]
    path.write_text("\n".join(lines) + "\n")


def aggregator_available() -> str | None:
    """None if `aggregator run` can be called, else why not."""
    if not AGGREGATOR.exists():
        return f"{AGGREGATOR} not installed"
    try:
        done = subprocess.run(
            [str(AGGREGATOR), "run", "--help"], capture_output=True, cwd=ROOT, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"aggregator run --help failed: {exc}"
    if done.returncode != 0:
        text = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
        return "aggregator run --help: " + (text[-1] if text else f"exit {done.returncode}")
    return None


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.unlink()


def aggregator_command(config: Path, profile: Path | None) -> list[str]:
    if profile is None:
        return [str(AGGREGATOR), "run", "--config", str(config)]
    # cProfile around the CLI entry point (the main process only, not pool workers).
    code = (
        "import sys, cProfile\n"
        "from aggregator.cli import main\n"
        f"sys.argv = ['aggregator', 'run', '--config', {str(config)!r}]\n"
        f"cProfile.run('main()', {str(profile)!r})\n"
    )
    return [PYTHON, "-c", code]


def run_rows(args: argparse.Namespace, selected: list[str]) -> dict[str, Row]:
    sys.path.insert(0, str(BENCH))
    from feed_corpus import write_corpus

    feeds_dir = OUT / "feeds"
    started = time.perf_counter()
    corpus = write_corpus(feeds_dir, args.feeds, args.seed)
    sizes = sorted(feed.size for feed in corpus)
    print(
        f"corpus: {len(corpus)} feeds, median {sizes[len(sizes) // 2] / 1000:.1f} KB, "
        f"max {sizes[-1] / 1000:.0f} KB, total {sum(sizes) / 1e6:.1f} MB "
        f"({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    server = FeedServer(feeds_dir, args.latency_ms, args.server_processes)
    urls = [server.url(feed.path) for feed in corpus]
    urls_file = OUT / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n")
    config = OUT / "feeds.yaml"
    write_feeds_yaml(config, urls, args.concurrency, args.workers)
    if args.serve:
        print(
            f"serving {len(urls)} feeds on port {server.port}; {config} lists them; Ctrl-C stops",
            flush=True,
        )
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            server.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
        raise SystemExit(0)
    rows: dict[str, Row] = {}
    cores = os.cpu_count() or 1
    workload = [PYTHON, str(BENCH / "workloads.py")]
    reader_db = OUT / "reader.sqlite"

    def record(row: Row) -> None:
        # With --repeat, keep the fastest run of each row and list every wall time.
        best = rows.get(row.name)
        walls = [*(best.walls if best else []), *([row.wall_s] if row.wall_s is not None else [])]
        if best is None or (
            row.status == "ok" and (best.status != "ok" or (row.wall_s or 0) < (best.wall_s or 0))
        ):
            rows[row.name] = row
        rows[row.name].walls = walls
        print(
            f"  {row.name:<16} {_fmt(row.wall_s, 's'):>9} {_fmt(row.cpu_s, 's'):>9} "
            f"{_fmt(row.peak_mb, 'MB'):>10}  "
            f"{row.status} {_requests(row)} {row.note}",
            flush=True,
        )

    def timed(name: str, command: list[str], note: str = "") -> None:
        before = server.stats()
        row = measure(name, command)
        row.requests = _difference(server.stats(), before)
        row.note = note + (f" | {row.note}" if note and row.note else row.note)
        record(row)

    missing = None
    if any(name.startswith("aggregator") for name in selected):
        missing = aggregator_available()
    aggregator_note = (
        f"concurrency {args.concurrency}, workers "
        f"{'default' if args.workers is None else args.workers}"
        + (", under cProfile" if args.profile else "")
    )
    try:
        for repetition in range(args.repeat):
            if args.repeat > 1:
                print(f"run {repetition + 1} of {args.repeat}", flush=True)
            if "server" in selected:
                record(server_row(server, [feed.path for feed in corpus], args.latency_ms))
            if "floor" in selected:
                timed("floor", [*workload, "floor-single", str(feeds_dir)])
            if "floor-pool" in selected:
                timed(
                    "floor-pool",
                    [*workload, "floor-pool", str(feeds_dir), str(cores)],
                    f"{cores} processes",
                )
            reader_workers = ["--workers", str(args.reader_workers)]
            if "reader-cold" in selected:
                remove_database(reader_db)
                timed(
                    "reader-cold",
                    [*workload, "reader-cold", str(reader_db), str(urls_file), *reader_workers],
                    f"{args.reader_workers} threads",
                )
            if "reader-warm" in selected:
                if reader_db.exists():
                    timed(
                        "reader-warm",
                        [*workload, "reader-warm", str(reader_db), *reader_workers],
                        f"{args.reader_workers} threads",
                    )
                else:
                    record(Row("reader-warm", status="skipped", note="needs reader-cold first"))
            for name in ("aggregator-cold", "aggregator-warm"):
                if name not in selected:
                    continue
                if missing is not None:
                    record(Row(name, status="not available", note=missing))
                    continue
                if name == "aggregator-cold":
                    remove_database(OUT / "aggregator.db")
                    shutil.rmtree(OUT / "site", ignore_errors=True)
                profile = OUT / f"{name}.prof" if args.profile else None
                timed(name, aggregator_command(config, profile), aggregator_note)
    finally:
        server.stop()
    return rows


def _fmt(value: float | None, unit: str) -> str:
    return (
        "-" if value is None else f"{value:.1f} {unit}" if unit == "MB" else f"{value:.2f} {unit}"
    )


def _requests(row: Row) -> str:
    if not row.requests:
        return ""
    return f"[200: {row.requests.get('ok', 0)}, 304: {row.requests.get('not_modified', 0)}]"


def ratios_and_targets(
    rows: dict[str, Row],
) -> tuple[dict[str, float | None], dict[str, bool | None]]:
    def wall(name: str) -> float | None:
        row = rows.get(name)
        return row.wall_s if row is not None and row.status == "ok" else None

    def ratio(a: str, b: str) -> float | None:
        x, y = wall(a), wall(b)
        return round(x / y, 2) if x is not None and y else None

    ratios = {
        "aggregator cold / pool floor": ratio("aggregator-cold", "floor-pool"),
        "aggregator cold / reader cold": ratio("aggregator-cold", "reader-cold"),
        "aggregator warm / reader warm": ratio("aggregator-warm", "reader-warm"),
        "reader cold / pool floor": ratio("reader-cold", "floor-pool"),
    }

    def at_most(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    memory = [
        rows[n].peak_mb
        for n in ("aggregator-cold", "aggregator-warm")
        if n in rows and rows[n].status == "ok" and rows[n].peak_mb is not None
    ]
    targets = {
        "cold <= 1.5 x pool floor": at_most(ratios["aggregator cold / pool floor"], 1.5),
        "cold <= 0.5 x reader cold": at_most(ratios["aggregator cold / reader cold"], 0.5),
        "warm <= 0.6 x reader warm": at_most(ratios["aggregator warm / reader warm"], 0.6),
        f"peak memory < {MEMORY_LIMIT_MB:.0f} MB": (
            None if len(memory) < 2 else all(m < MEMORY_LIMIT_MB for m in memory)
        ),
    }
    return ratios, targets


def print_report(results: dict[str, object], rows: dict[str, Row]) -> None:
    print()
    print(
        f"N = {results['feeds']} feeds, latency {results['latency_ms']} ms, "
        f"{results['machine']['cores']} cores"
    )  # type: ignore[index]
    print(f"{'row':<16} {'wall':>9} {'CPU':>9} {'peak mem':>10}  {'requests':<22} status / note")
    for name in ROWS:
        row = rows.get(name)
        if row is None:
            continue
        print(
            f"{name:<16} {_fmt(row.wall_s, 's'):>9} {_fmt(row.cpu_s, 's'):>9} "
            f"{_fmt(row.peak_mb, 'MB'):>10}  "
            f"{_requests(row):<22} {row.status}{' — ' + row.note if row.note else ''}"
            + (f" (runs: {', '.join(f'{w:.2f}' for w in row.walls)})" if len(row.walls) > 1 else "")
        )
    print()
    for label, value in results["ratios"].items():  # type: ignore[attr-defined]
        print(f"{label:<32} {'-' if value is None else f'{value:.2f}'}")
    print()
    for label, met in results["targets"].items():  # type: ignore[attr-defined]
        verdict = "not measured" if met is None else "met" if met else "NOT met"
        print(f"target {label:<30} {verdict}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark `aggregator run` against feedparser alone and reader.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__,
    )
    parser.add_argument("--feeds", type=int, default=1000, help="number of feeds (default 1000)")
    parser.add_argument(
        "--latency-ms", type=float, default=20.0, help="added latency per request (default 20)"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated rows or groups (floors, reader, aggregator)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--concurrency",
        type=int,
        default=64,
        help="aggregator fetch.concurrency and per_host (default 64, as feeds.yaml ships)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="aggregator fetch.workers (default: not set, the aggregator's own)",
    )
    parser.add_argument("--reader-workers", type=int, default=16)
    parser.add_argument(
        "--repeat", type=int, default=1, help="run the rows K times and keep each row's fastest"
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=None,
        help="where to write the JSON (default bench/out/results.json)",
    )
    parser.add_argument("--server-processes", type=int, default=1)
    parser.add_argument(
        "--serve",
        action="store_true",
        help="only generate, serve and write bench/out/feeds.yaml, until Ctrl-C",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run the aggregator rows under cProfile (bench/out/*.prof)",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    selected: list[str] = []
    for word in filter(None, (w.strip() for w in args.only.split(","))):
        if word in GROUPS:
            selected += GROUPS[word]
        elif word in ROWS:
            selected.append(word)
        else:
            raise SystemExit(f"--only: unknown row {word!r}; rows: {', '.join(ROWS)}")
    if not selected:
        selected = list(ROWS)
    OUT.mkdir(parents=True, exist_ok=True)
    # bench/out holds one run's server port, feeds.yaml and databases: one run at a time.
    lock = (OUT / "run.lock").open("a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit("another bench/run.py is using bench/out; wait for it to finish") from None
    # Profiled timings are not comparable: keep them out of the main results.
    results_path = args.results or OUT / (
        "results-profile.json" if args.profile else "results.json"
    )
    rows: dict[str, Row] = {}
    if results_path.exists() and args.only:
        previous = json.loads(results_path.read_text())
        if previous.get("feeds") == args.feeds and previous.get("latency_ms") == args.latency_ms:
            rows = {name: Row(**data) for name, data in previous.get("rows", {}).items()}
    rows.update(run_rows(args, selected))
    ratios, targets = ratios_and_targets(rows)
    results: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "feeds": args.feeds,
        "latency_ms": args.latency_ms,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30),
        },
        "rows": {name: asdict(row) for name, row in rows.items()},
        "ratios": ratios,
        "targets": targets,
    }
    results_path.write_text(json.dumps(results, indent=2) + "\n")
    print_report(results, rows)
    print(f"\nresults: {results_path}")


if __name__ == "__main__":
    main()
