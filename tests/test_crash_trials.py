"""Crash safety, proven on the real command: runs killed at chosen and random moments,
and five runs started at once.

Each trial is `aggregator run` in a process of its own against partner feeds on a
local HTTP server and a real SMTP server (aiosmtpd), killed with SIGKILL while it
fetches, stores, renders or sends; then a normal run must find the database sound
(`PRAGMA integrity_check`), every item once, every published file whole, the lock
free, and each digest reader served once, except a message in flight at a kill.
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from aggregator import runtime

from .digest_support import Inbox, smtp_server

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-c", "from aggregator.cli import main; main()", "run", "-c"]
READERS = ("ana@example.org", "ben@example.org", "chloe@example.org", "dev@example.org")
PARTNERS = 6


class Partners:
    """Six partner feeds that grow by two items each trial; one answers slowly."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.size = 3
        self.requested: set[int] = set()
        self.slow_entered = threading.Event()
        self.published = format_datetime(datetime.now(UTC) - timedelta(hours=2))
        for n in range(PARTNERS):
            server.expect_request(f"/feed{n}.xml").respond_with_handler(self.handler(n))

    def handler(self, n: int) -> Any:
        def answer(request: Request) -> Response:
            if n == 0:
                self.slow_entered.set()
                time.sleep(0.6)
            self.requested.add(n)
            return Response(self.feed(n), content_type="application/rss+xml")

        return answer

    def feed(self, n: int) -> bytes:
        items = "".join(
            f"<item><title>Partner {n} call for proposals on cobalt due diligence {k}</title>"
            f"<link>https://p{n}.example.org/calls/{k}</link><guid>p{n}-{k}</guid>"
            f"<pubDate>{self.published}</pubDate>"
            f"<description>{'Artisanal mining and traceability. ' * 20}</description></item>"
            for k in range(self.size)
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<title>Partner {n}</title><link>https://p{n}.example.org/</link>{items}"
            "</channel></rss>"
        ).encode()

    def expected(self) -> set[str]:
        return {
            f"Partner {n} call for proposals on cobalt due diligence {k}"
            for n in range(PARTNERS)
            for k in range(self.size)
        }


class SlowInbox(Inbox):
    """Takes its time over each message (so that a kill can land while sending), and
    tells when the second message of a digest has arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.second = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == 2:
            self.second.set()
        await asyncio.sleep(0.4)
        return reply


def write_config(folder: Path, server: HTTPServer, smtp_port: int) -> Path:
    path = folder / "feeds.yaml"
    data = {
        "title": "Test Clearinghouse",
        "site_url": "https://clearinghouse.example.org/",
        "database": "test.db",
        "site": "site",
        "fetch": {"workers": 0, "read_timeout": 5, "total_timeout": 10},
        "digest": {
            "schedule": "daily 00:00 UTC",
            "from": "Clearinghouse <digest@example.org>",
            "to": list(READERS),
            "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none", "timeout": 10},
        },
        "feeds": [{"name": f"P{n}", "url": server.url_for(f"/feed{n}.xml")} for n in range(6)],
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def assert_whole(site: Path) -> None:
    """Every published file there is complete: it parses as what it is."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".xml":
            ElementTree.fromstring(data)
        elif path.suffix == ".json":
            json.loads(data)
        elif path.suffix == ".ics":
            icalendar.Calendar.from_ical(data)
        elif path.suffix == ".csv":
            list(csv.reader(data.decode().splitlines()))
        elif path.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), path


def assert_sound(database: Path) -> None:
    with sqlite3.connect(database) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        total, distinct = conn.execute("select count(*), count(distinct url) from items").fetchone()
        assert total == distinct  # no item twice


def titles(database: Path) -> set[str]:
    with sqlite3.connect(database) as conn:
        return {row[0] for row in conn.execute("select title from items")}


def test_runs_killed_at_any_moment_lose_nothing_and_duplicate_nothing(
    server: HTTPServer, tmp_path: Path
) -> None:
    partners = Partners(server)
    inbox = SlowInbox()
    chance = random.Random(14)
    with smtp_server(inbox=inbox) as (_, port):
        config = write_config(tmp_path, server, port)
        # moments: while fetching, after every fetch (storing, rendering), while
        # sending the digest, then at random
        moments: list[str | float] = ["fetch", "fetched", "sending"]
        moments += [round(chance.uniform(0.2, 3.0), 2) for _ in range(4)]
        kills_while_sending = 0
        for moment in moments:
            partners.size += 2
            partners.requested.clear()
            partners.slow_entered.clear()
            sent_before = len(inbox.messages)
            run = subprocess.Popen([*COMMAND, str(config)], cwd=ROOT, stdout=subprocess.DEVNULL)
            started = time.monotonic()
            while run.poll() is None and time.monotonic() - started < 30:
                if moment == "fetch" and partners.slow_entered.is_set():
                    break
                if moment == "fetched" and len(partners.requested) == PARTNERS:
                    time.sleep(chance.uniform(0, 0.3))
                    break
                if moment == "sending" and inbox.second.is_set():
                    break
                if isinstance(moment, float) and time.monotonic() - started >= moment:
                    break
                time.sleep(0.01)
            run.send_signal(signal.SIGKILL)
            run.wait(timeout=10)
            if run.returncode == -signal.SIGKILL and len(inbox.messages) > sent_before:
                kills_while_sending += 1
            if (tmp_path / "test.db").exists():
                assert_sound(tmp_path / "test.db")
            assert_whole(tmp_path / "site")
        assert kills_while_sending >= 1  # the "sending" kill did land while sending

        finished = subprocess.run(
            [*COMMAND, str(config)], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert finished.returncode == 0, finished.stderr
        assert "Traceback" not in finished.stderr
    database = tmp_path / "test.db"
    assert_sound(database)
    assert titles(database) == partners.expected()  # nothing lost, nothing twice
    assert_whole(tmp_path / "site")
    assert (tmp_path / "site" / "feed.xml").is_file()
    with runtime.run_lock(database):  # the lock is free
        pass
    served = Counter(rcpt for _, rcpts, _ in inbox.messages for rcpt in rcpts)
    assert set(served) == set(READERS)  # everyone got the digest
    assert sum(count - 1 for count in served.values()) <= kills_while_sending
    subjects = {message["Subject"] for _, _, message in inbox.messages}
    assert len(subjects) == 1  # one digest, resumed, not a second one


@pytest.mark.parametrize("runs", [5])
def test_five_runs_at_once_one_works_the_others_name_it_and_leave(
    server: HTTPServer, tmp_path: Path, runs: int
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(4)
        return Response(Partners.feed(partners, 0), content_type="application/rss+xml")

    partners = Partners.__new__(Partners)
    partners.size, partners.published = 3, format_datetime(datetime.now(UTC))
    server.expect_request("/feed.xml").respond_with_handler(slow)
    config = tmp_path / "feeds.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "title": "Test Clearinghouse",
                "site_url": "https://clearinghouse.example.org/",
                "database": "test.db",
                "fetch": {"workers": 0, "read_timeout": 10, "total_timeout": 20},
                "feeds": [{"name": "P", "url": server.url_for("/feed.xml")}],
            }
        )
    )
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [*COMMAND, str(config)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(runs)
    ]
    finished: dict[int, float] = {}
    while len(finished) < runs and time.monotonic() - started < 60:
        for process in processes:
            if process.pid not in finished and process.poll() is not None:
                finished[process.pid] = time.monotonic() - started
        time.sleep(0.02)
    ended: dict[int, tuple[int, str, float]] = {}
    for process in processes:
        _, errors = process.communicate(timeout=10)
        ended[process.pid] = (process.returncode, errors, finished[process.pid])
    winners = [pid for pid, (code, _, _) in ended.items() if code == 0]
    assert len(winners) == 1, ended
    (winner,) = winners
    for pid, (code, errors, _) in ended.items():
        if pid == winner:
            continue
        assert code == 1
        assert errors.splitlines() == [
            f"error: another 'aggregator run' (pid {winner}) is in progress "
            f"(lock: {tmp_path / 'test.db.lock'}); try again later"
        ]
    losers_done = max(took for pid, (_, _, took) in ended.items() if pid != winner)
    assert losers_done < ended[winner][2]  # they left at once, not after the winner
    assert os.path.exists(tmp_path / "test.db")
    assert len(titles(tmp_path / "test.db")) == 3
