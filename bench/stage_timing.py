"""Where `aggregator run` spends its time, stage by stage, without a profiler.

Runs the real `aggregator run` command in this process, with a timer around
each stage function the pipeline calls (wall time and this process's CPU
time), and reports the CPU time of the parsing pool's processes at the end.
Profilers distort an asyncio program a lot (cProfile doubles the cold run);
these timers cost microseconds per call.

    python bench/stage_timing.py --config bench/out/feeds.yaml --cold
    python bench/stage_timing.py --config bench/out/feeds.yaml        # warm
    python bench/stage_timing.py --config bench/out/feeds.yaml --cold --try short-classify

--try patches this process only (and the parsing pool forked from it), to
size a suggested change before anyone makes it in the package.

Start the feed server first (bench/run.py does), or point at any feeds.yaml.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import resource
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

started_wall = time.perf_counter()
started_cpu = time.process_time()

import aggregator.cli as cli  # noqa: E402
import aggregator.pipeline as pipeline  # noqa: E402

IMPORT_WALL = time.perf_counter() - started_wall

# The run itself loads this only once a body needs reading; not part of start-up.
import aggregator.read as read  # noqa: E402

#: Totals per stage: [calls, wall seconds, CPU seconds of this process].
TOTALS: defaultdict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])


def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            total = TOTALS[label]
            total[0] += 1
            total[1] += time.perf_counter() - wall
            total[2] += time.process_time() - cpu

    return wrapper


def timed_async(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return await fn(*args, **kwargs)
        finally:
            total = TOTALS[label]
            total[0] += 1
            total[1] += time.perf_counter() - wall
            total[2] += time.process_time() - cpu

    return wrapper


def install_timers() -> None:
    cli.load_config = timed("load feeds.yaml", cli.load_config)
    pipeline.open_database = timed("open database", pipeline.open_database)
    pipeline.feed_states = timed("read feed states", pipeline.feed_states)
    pipeline.store_items = timed("store items", pipeline.store_items)
    pipeline.record_poll = timed("record poll", pipeline.record_poll)
    pipeline.known_keys = timed("store items", pipeline.known_keys)
    pipeline.load_items = timed("load items", pipeline.load_items)
    pipeline.render_site = timed("render site", pipeline.render_site)
    # Runs here only when fetch.workers is 0; otherwise in the pool (see pool CPU).
    read.read_source = timed("parse + classify (in process)", read.read_source)
    pipeline.poll_sources = timed_async("poll sources (fetch+parse+store)", pipeline.poll_sources)


#: Changes that can be tried without editing the package (--try), to size a suggestion.
TRIALS = {
    "skip-render": "no load_items/render_site, as a run where nothing changed could skip them",
    "short-classify": "classify on the first 3000 characters of each item's content",
}


def install_trials(names: list[str]) -> None:
    import dataclasses

    if "skip-render" in names:
        pipeline.render_site = lambda *args, **kwargs: []
        pipeline.load_items = lambda *args, **kwargs: []
    if "short-classify" in names:
        classify = read.classify

        def classify_start(item: Any, *args: Any, **kwargs: Any) -> Any:
            return classify(dataclasses.replace(item, content=item.content[:3000]), *args, **kwargs)

        read.classify = classify_start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--cold", action="store_true", help="remove the database and site first")
    parser.add_argument(
        "--try",
        dest="trials",
        default="",
        help="comma-separated changes to try: " + "; ".join(f"{k}: {v}" for k, v in TRIALS.items()),
    )
    args = parser.parse_args()
    trials = [name for name in args.trials.split(",") if name]
    for name in trials:
        if name not in TRIALS:
            raise SystemExit(f"--try: unknown change {name!r}; known: {', '.join(TRIALS)}")
    install_trials(trials)
    if args.cold:
        config = cli.load_config(args.config)
        for suffix in ("", "-wal", "-shm"):
            Path(str(config.database) + suffix).unlink(missing_ok=True)
        shutil.rmtree(config.site, ignore_errors=True)
    install_timers()
    run_started = time.perf_counter()
    with contextlib.suppress(SystemExit):
        cli.cli.main(["run", "--config", str(args.config), "--quiet"], standalone_mode=False)
    run_wall = time.perf_counter() - run_started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {
        "import_wall_s": round(IMPORT_WALL, 2),
        "run_wall_s": round(run_wall, 2),
        "main_cpu_s": round(time.process_time() - started_cpu, 2),
        "pool_cpu_s": round(children.ru_utime + children.ru_stime, 2),
        "stages": {
            label: {"calls": int(t[0]), "wall_s": round(t[1], 2), "cpu_s": round(t[2], 2)}
            for label, t in TOTALS.items()
        },
    }
    poll = TOTALS.get("poll sources (fetch+parse+store)")
    if poll is not None:
        inside = sum(
            TOTALS[label][2]
            for label in ("store items", "record poll", "parse + classify (in process)")
            if label in TOTALS
        )
        report["fetch_and_loop_cpu_s"] = round(poll[2] - inside, 2)
    print(
        f"imports {report['import_wall_s']} s, run {report['run_wall_s']} s, "
        f"main process CPU {report['main_cpu_s']} s, pool CPU {report['pool_cpu_s']} s",
        file=sys.stderr,
    )
    for label, t in sorted(TOTALS.items(), key=lambda kv: -kv[1][1]):
        print(
            f"  {label:<36} {int(t[0]):>5} calls {t[1]:7.2f} s wall {t[2]:7.2f} s CPU",
            file=sys.stderr,
        )
    if "fetch_and_loop_cpu_s" in report:
        print(
            f"  {'fetch (httpx) + event loop, CPU':<36} {'':>11} {'':>12} "
            f"{report['fetch_and_loop_cpu_s']:7.2f} s CPU",
            file=sys.stderr,
        )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
