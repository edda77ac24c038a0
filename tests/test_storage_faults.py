"""The database failing under a run: read-only, corrupt, full, locked, feeds.yaml gone.

Each trial runs the real `aggregator run` in a process of its own against a real
SQLite file and a local HTTP server, and expects one clear line on stderr, no
traceback, and nothing lost or half-written.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from aggregator.storage_faults import NEARLY_FULL, storage_message
from aggregator.store import BUSY_TIMEOUT

ROOT = Path(__file__).resolve().parents[1]
DB = Path("/srv/x/aggregator.db")


def rss(prefix: str, count: int, *, size: int = 200) -> bytes:
    """An RSS feed of `count` items with `size` characters of text each."""
    items = "".join(
        f"<item><title>{prefix} cobalt traceability note {n}</title>"
        f"<link>https://{prefix.lower()}.example.org/news/{n}</link>"
        f"<guid>{prefix}-{n}</guid><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>"
        f"<description>{'Due diligence in artisanal mining. ' * (size // 36 + 1)}</description>"
        "</item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>'
        f"<link>https://p.example.org/</link>{items}</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("error", "free", "expected"),
    [
        (sqlite3.OperationalError("attempt to write a readonly database"), 10**9, "is read-only"),
        (sqlite3.DatabaseError("database disk image is malformed"), 10**9, "is corrupt"),
        (sqlite3.DatabaseError("file is not a database"), 10**9, "not an SQLite database"),
        (sqlite3.OperationalError("database or disk is full"), 10**9, "is full"),
        (sqlite3.OperationalError("disk I/O error"), NEARLY_FULL - 1, "is full (7 MB free)"),
        (sqlite3.OperationalError("disk I/O error"), 10**9, "the disk failed"),
        (sqlite3.OperationalError("disk I/O error"), None, "the disk failed"),
        (sqlite3.OperationalError("database is locked"), 10**9, "locked by another program"),
        (sqlite3.OperationalError("unable to open database file"), 10**9, "cannot use"),
        (sqlite3.IntegrityError("UNIQUE constraint failed: items.id"), 10**9, "cannot use"),
    ],
)
def test_each_storage_error_is_worded_for_what_to_do(
    error: Exception, free: int | None, expected: str
) -> None:
    message = storage_message(error, DB, free_bytes=free)
    assert expected in message
    assert str(DB) in message and "\n" not in message


# --- the trials ------------------------------------------------------------------


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder anyone can enter (a run may be made as another user)."""
    folder = Path(tempfile.mkdtemp(prefix="aggregator-faults-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["chattr", "-R", "-i", str(folder)], capture_output=True, check=False)
    for path in (folder, *folder.rglob("*")):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def write_config(folder: Path, server: HTTPServer, sources: int = 3, **extra: Any) -> Path:
    data = {
        "title": "Test Clearinghouse",
        "description": "Calls and news for tests",
        "site_url": "https://clearinghouse.example.org/",
        "database": "data/test.db",
        "site": "site",
        "fetch": {"workers": 0, "read_timeout": 10, "total_timeout": 20},
        **extra,
        "feeds": [
            {"name": f"P{n}", "url": server.url_for(f"/feed{n}.xml")} for n in range(sources)
        ],
    }
    path = folder / "feeds.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def run_cli(config: Path, *, timeout: float = 60) -> tuple[int, str]:
    """`aggregator run` in a process of its own; (exit code, stderr)."""
    done = subprocess.run(
        [sys.executable, "-c", "from aggregator.cli import main; main()", "run", "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "HOME": str(config.parent)},
    )
    return done.returncode, done.stderr


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


def titles(database: Path) -> list[str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return sorted(row[0] for row in conn.execute("select title from items"))


def serve(server: HTTPServer, sources: int, count: int, prefix: str = "A") -> None:
    server.clear()
    for n in range(sources):
        server.expect_request(f"/feed{n}.xml").respond_with_data(
            rss(f"{prefix}{n}", count), content_type="application/rss+xml"
        )


def read_only(path: Path, on: bool = True) -> None:
    """Make `path` (a file or folder) read-only, or writable again. chmod does not
    bind root, so as root (the CI) it is made immutable (`chattr +i`) instead."""
    if os.geteuid() != 0:
        path.chmod((0o555 if path.is_dir() else 0o444) if on else 0o755)
        return
    done = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    if done.returncode:
        pytest.skip(f"chattr cannot make files immutable here: {done.stderr.strip()}")


def test_a_read_only_database_is_one_line_and_loses_nothing(
    server: HTTPServer, place: Path
) -> None:
    serve(server, 3, 4)
    config = write_config(place, server)
    code, stderr = run_cli(config)
    assert code == 0, stderr
    database = place / "data" / "test.db"
    before = titles(database)
    assert len(before) == 12

    serve(server, 3, 5, prefix="A")  # one more item each, which cannot be written
    read_only(database)
    try:
        code, stderr = run_cli(config)
    finally:
        read_only(database, on=False)
    assert code == 1
    line = one_line(stderr)
    assert "is read-only" in line and str(database) in line
    assert titles(database) == before

    last = sqlite3.connect(database)
    assert last.execute("pragma wal_checkpoint(truncate)").fetchone()[0] == 0
    last.close()
    for name in ("test.db-wal", "test.db-shm"):  # all in the database file now
        database.with_name(name).unlink(missing_ok=True)
    read_only(place / "data")  # the folder, where the write-ahead log must be made
    try:
        code, stderr = run_cli(config)
    finally:
        read_only(place / "data", on=False)
    assert code == 1
    line = one_line(stderr)
    assert str(database) in line and ("read-only" in line or "cannot use" in line), line
    assert titles(database) == before


def test_a_corrupt_database_is_detected_before_anything_is_written(
    server: HTTPServer, place: Path
) -> None:
    serve(server, 3, 40)
    config = write_config(place, server)
    assert run_cli(config)[0] == 0
    database = place / "data" / "test.db"
    with sqlite3.connect(database) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
        page = conn.execute("pragma page_size").fetchone()[0]
    pages = database.stat().st_size // page
    assert pages > 8
    with database.open("r+b") as handle:  # pages in the middle overwritten
        for number in range(pages // 2 - 2, pages // 2 + 2):
            handle.seek(number * page)
            handle.write(bytes((number * 7 + i) % 256 for i in range(page)))
    damaged = database.read_bytes()

    serve(server, 3, 41)
    code, stderr = run_cli(config)
    assert code == 1
    line = one_line(stderr)
    assert "is corrupt" in line and "restore it from a backup" in line
    assert database.read_bytes() == damaged  # never written into
    wal = database.with_name("test.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_full_disk_rolls_back_and_says_so(server: HTTPServer, place: Path) -> None:
    serve(server, 2, 3)
    config = write_config(place, server, sources=2)
    assert run_cli(config)[0] == 0
    database = place / "data" / "test.db"
    before = titles(database)
    size = max(1, -(-database.stat().st_size // (1024 * 1024)))
    # a real SQLITE_FULL: the file may not grow beyond its size now
    config = write_config(place, server, sources=2, database_max_mb=size)
    server.clear()
    server.expect_request("/feed0.xml").respond_with_data(
        rss("B", 600, size=3000), content_type="application/rss+xml"
    )
    server.expect_request("/feed1.xml").respond_with_data(
        rss("A1", 3), content_type="application/rss+xml"
    )
    code, stderr = run_cli(config)
    assert code == 1
    line = one_line(stderr)
    assert "is full" in line and str(database) in line
    assert titles(database) == before  # nothing half-written
    with sqlite3.connect(database) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_lock_held_elsewhere_ends_the_run_after_one_wait(server: HTTPServer, place: Path) -> None:
    serve(server, 6, 2)
    config = write_config(place, server, sources=6)
    assert run_cli(config)[0] == 0
    database = place / "data" / "test.db"
    before = titles(database)
    serve(server, 6, 3)
    held, release = threading.Event(), threading.Event()

    def admin_shell() -> None:  # an sqlite3 shell left in BEGIN IMMEDIATE
        conn = sqlite3.connect(database, isolation_level=None)
        conn.execute("begin immediate")
        held.set()
        release.wait(120)
        conn.execute("rollback")
        conn.close()

    shell = threading.Thread(target=admin_shell)
    shell.start()
    try:
        assert held.wait(10)
        started = time.monotonic()
        code, stderr = run_cli(config)
        took = time.monotonic() - started
    finally:
        release.set()
        shell.join()
    assert code == 1
    assert "locked by another program" in one_line(stderr)
    assert took < BUSY_TIMEOUT + 8  # one wait, not one (or two) per source
    assert titles(database) == before


def test_feeds_yaml_deleted_while_the_run_goes_on(server: HTTPServer, place: Path) -> None:
    config = write_config(place, server, sources=2)

    def deleting(request: Request) -> Response:
        config.unlink(missing_ok=True)  # the admin removes it while the run polls
        return Response(rss("D", 3), content_type="application/rss+xml")

    server.expect_request("/feed0.xml").respond_with_handler(deleting)
    server.expect_request("/feed1.xml").respond_with_data(
        rss("E", 3), content_type="application/rss+xml"
    )
    code, stderr = run_cli(config)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert len(titles(place / "data" / "test.db")) == 6
    assert (place / "site" / "index.html").is_file()
