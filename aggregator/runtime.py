"""What a run needs from the machine: the run lock and the parsing processes.

    run_lock(database, command)           one run at a time, beside the database
    parser_pool(config, jobs, inherited)  worker processes, forked before any thread
    read_in_worker(...)                   `read.read_source`, where it runs

Kept apart from `pipeline` (the wiring) so that the process and lock
handling, which must be right about fork, signals and descriptors, is in
one place.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .errors import LockedError, StorageError
from .types import ClassifiedItem, Config, ParsedFeed


def project_version() -> str:
    try:
        return version("aggregator")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


@contextlib.contextmanager
def run_lock(database: Path, command: str = "run") -> Iterator[int]:
    """Hold an exclusive lock beside the database for the whole run.

    The lock file names the holder (`command` and its pid), so that a second
    command is told what it waits for. Yields the lock file's descriptor: a
    forked process must close it, or the lock outlives a killed run (see
    parser_pool).
    """
    path = database.with_name(database.name + ".lock")
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o644), "r+")
    except OSError as exc:
        raise StorageError(
            f"cannot create the lock file {path}: {exc.strerror or exc} "
            "(see 'database' in feeds.yaml)"
        ) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(
                f"another {lock_holder(handle)} is in progress (lock: {path}); try again later"
            ) from None
        with contextlib.suppress(OSError):  # naming the holder is a courtesy
            # one write of a fixed length, so that a reader never sees half of it
            handle.seek(0)
            handle.write(f"{command} {os.getpid()}".ljust(_HOLDER_WIDTH) + "\n")
            handle.truncate()
            handle.flush()
        try:
            yield handle.fileno()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_HOLDER_WIDTH = 79


def lock_holder(handle: Any) -> str:
    """What the lock file says holds it: "'aggregator digest --send' (pid 4242)"."""
    try:
        handle.seek(0)
        command, _, pid = handle.read(200).strip().rpartition(" ")
    except (OSError, ValueError):
        command, pid = "", ""
    if not command or not pid.isdigit():
        return "'aggregator run'"  # a lock file from an older version names nothing
    return f"'aggregator {command}' (pid {pid})"


@contextlib.contextmanager
def parser_pool(
    config: Config, jobs: int, *, inherited: tuple[int, ...] = ()
) -> Iterator[Executor | None]:
    """Worker processes for parsing, started before any thread or event loop exists.

    With the fork start method every worker is forked on the first submit,
    so one warm-up call here means no fork ever happens once the event loop
    (and its resolver threads) are running. Each worker then closes the
    `inherited` descriptors (the run lock, which would otherwise outlive a
    killed run), leaves Ctrl-C to the main process, exits if the main process
    dies, and loads the parsers (`read.py`) while the main process starts
    polling, which never loads them itself. None for small runs or
    `workers: 0`, which parse in the main process.
    """
    workers = config.fetch.workers
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    if workers <= 0 or jobs < 4:
        yield None
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        max_workers=min(workers, jobs),
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(), inherited),
    ) as pool:
        # forks every worker now, without waiting for them, and with Ctrl-C already
        # ignored: a Ctrl-C before a worker's initializer runs must not reach it
        main = threading.current_thread() is threading.main_thread()
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            pool.submit(os.getpid)
        finally:
            if main:
                signal.signal(signal.SIGINT, interrupt)
        yield pool


def _start_worker(parent: int, inherited: tuple[int, ...]) -> None:
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the pool

    def exit_with_parent() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)  # the main process was killed: nothing is waiting for our work

    threading.Thread(target=exit_with_parent, daemon=True).start()
    from . import read  # noqa: F401


def read_in_worker(*args: Any) -> tuple[ParsedFeed, list[ClassifiedItem]]:
    """`read.read_source`, imported where it runs: a parsing process, or the
    main process when there is no pool. A run in which nothing changed never
    loads the parsers."""
    from .read import read_source

    return read_source(*args)
