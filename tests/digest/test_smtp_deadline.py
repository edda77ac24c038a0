"""`smtp.timeout` is a deadline for each whole exchange, against a real server that trickles.

The server here is a socket of our own on 127.0.0.1 that speaks just enough
SMTP, and sends one chosen reply a byte at a time: the greeting, a command's
reply, or the reply to the message.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from aggregator.digest.channels.smtp import SmtpChannel
from aggregator.errors import DeliveryError
from aggregator.types import SmtpSettings

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def trickling_server(slow: str, every: float) -> Iterator[int]:
    """A server on 127.0.0.1 whose `slow` reply ('greeting', 'EHLO', 'MAIL', 'message')
    comes one byte every `every` seconds; the others come at once. Yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def answer(conn: socket.socket, step: str, text: str) -> None:
        data = f"{text}\r\n".encode()
        if step != slow:
            conn.sendall(data)
            return
        for byte in data:
            if stop.wait(every):
                return
            conn.sendall(bytes([byte]))

    def serve(conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as lines:
            try:
                answer(conn, "greeting", "220 slow.example.org ESMTP")
                while line := lines.readline():
                    verb = line.split(b" ", 1)[0].strip().upper().decode()
                    if verb == "DATA":
                        answer(conn, "DATA", "354 go ahead")
                        while lines.readline() not in (b".\r\n", b""):
                            pass
                        answer(conn, "message", "250 queued")
                    elif verb == "QUIT":
                        answer(conn, "QUIT", "221 bye")
                        return
                    else:
                        answer(conn, verb, "250 slow.example.org")
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()


def message() -> object:
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = "digest@example.org"
    mail["To"] = "ana@example.org"
    mail["Subject"] = "Responsible minerals: 2 new calls"
    mail.set_content("Two new calls.\n" * 50)
    return mail


@pytest.mark.parametrize("slow", ["greeting", "EHLO", "MAIL", "message"])
def test_a_trickling_server_fails_after_the_timeout_not_per_byte(slow: str) -> None:
    # a byte every 0.5 s never trips a 1.5 s wait per read; the deadline trips
    with trickling_server(slow, every=0.5) as port:
        settings = SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=1.5)
        started = time.monotonic()
        with pytest.raises(DeliveryError) as caught:
            channel = SmtpChannel(settings, env={})
            channel.open()
            try:
                outcome = channel.send_message(message())  # type: ignore[arg-type]
                raise DeliveryError(f"not bounded: {outcome}")
            finally:
                channel.close()
        took = time.monotonic() - started
    assert "timed out" in caught.value.message and "1.5 s" in caught.value.message
    assert f"127.0.0.1:{port}" in caught.value.message
    assert 1.4 < took < 4, took


def test_a_server_that_answers_in_time_is_not_cut_short() -> None:
    with trickling_server("none", every=0) as port:
        settings = SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=1.5)
        with SmtpChannel(settings, env={}) as channel:
            assert channel.send_message(message()).accepted  # type: ignore[arg-type]


def test_digest_send_holds_the_lock_no_longer_than_the_timeout_and_names_itself(
    tmp_path: Path,
) -> None:
    with trickling_server("greeting", every=2) as port:  # 52 s for the whole greeting
        config = tmp_path / "feeds.yaml"
        config.write_text(
            yaml.safe_dump(
                {
                    "title": "Test Clearinghouse",
                    "site_url": "https://clearinghouse.example.org/",
                    "digest": {
                        "schedule": "weekly monday 08:00 UTC",
                        "from": "Clearinghouse <digest@example.org>",
                        "to": ["members@lists.example.org"],
                        "skip_when_empty": False,
                        "smtp": {
                            "host": "127.0.0.1",
                            "port": port,
                            "security": "none",
                            "timeout": 8,
                        },
                    },
                    "feeds": [{"name": "P", "url": "http://127.0.0.1:9/feed.xml"}],
                }
            )
        )
        command = [sys.executable, "-c", "from aggregator.cli import main; main()"]
        digest = subprocess.Popen(
            [*command, "digest", "--send", "-c", str(config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        lock = tmp_path / "aggregator.db.lock"
        while not (lock.is_file() and lock.read_text().strip()) and digest.poll() is None:
            time.sleep(0.05)
        started = time.monotonic()  # the lock is held from here
        second = subprocess.run(
            [*command, "run", "-c", str(config)], capture_output=True, text=True, cwd=ROOT
        )
        out, errors = digest.communicate(timeout=30)
        took = time.monotonic() - started
    assert second.returncode == 1
    assert f"another 'aggregator digest --send' (pid {digest.pid}) is in progress" in (
        second.stderr
    )
    assert "Traceback" not in second.stderr and len(second.stderr.splitlines()) == 1
    assert digest.returncode == 1, (out, errors)
    assert "timed out" in out + errors
    assert took < 8 + 3, took  # the greeting alone would take 52 s
    assert "Traceback" not in errors
    assert os.path.getsize(lock) > 0  # the next command can still read who held it
