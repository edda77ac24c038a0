"""A light HTTP/1.1 server for the benchmark corpus, on 127.0.0.1.

Every response is built once at start-up (headers and body, plain and
gzip), so a request costs a dictionary look-up and a write. Each response is
delayed by a fixed latency (default 20 ms) to stand in for the network; the
delay is a timer, not a sleeping thread, so hundreds of requests can wait at
once. ETag and Last-Modified are sent, and If-None-Match / If-Modified-Since
are answered with 304. Connections are kept alive unless the client asks to
close.

Several processes can serve the same port (SO_REUSEPORT); the parent forks
them, prints "READY <port>" once they all listen, and stops them on SIGTERM.
Request counts per status are kept in shared memory and served as JSON at
/__stats (summed over the processes).

    python bench/feed_server.py --dir bench/out/feeds --port 8765 --processes 2
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import json
import mmap
import os
import signal
import socket
import struct
import sys
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from feed_corpus import BASE_DATE

#: Slots per process in the shared counters: 200, 304, 404, gzip-encoded 200.
COUNTERS = ("ok", "not_modified", "not_found", "gzip")
MAX_PROCESSES = 16


@dataclass(frozen=True)
class Resource:
    """One feed's pre-built responses."""

    etag: bytes
    last_modified: datetime
    plain: bytes
    plain_head: bytes
    gzipped: bytes
    gzipped_head: bytes
    not_modified: bytes


def build_resources(directory: Path, use_gzip: bool) -> dict[bytes, Resource]:
    manifest = json.loads((directory / "manifest.json").read_text())
    resources: dict[bytes, Resource] = {}
    for entry in manifest["feeds"]:
        body = (directory / entry["file"]).read_bytes()
        etag = b'"' + hashlib.sha1(body).hexdigest()[:20].encode() + b'"'
        last_modified = BASE_DATE
        common = (
            b"Content-Type: application/rss+xml; charset=UTF-8\r\n"
            b"ETag: " + etag + b"\r\n"
            b"Last-Modified: " + format_datetime(last_modified, usegmt=True).encode() + b"\r\n"
            b"Vary: Accept-Encoding\r\n"
        )
        gzipped = gzip.compress(body, compresslevel=6, mtime=0) if use_gzip else body
        resources[entry["path"].encode()] = Resource(
            etag=etag,
            last_modified=last_modified,
            plain=body,
            plain_head=b"HTTP/1.1 200 OK\r\n" + common + b"Content-Length: %d\r\n\r\n" % len(body),
            gzipped=gzipped,
            gzipped_head=b"HTTP/1.1 200 OK\r\n"
            + common
            + b"Content-Encoding: gzip\r\n"
            + b"Content-Length: %d\r\n\r\n" % len(gzipped),
            not_modified=b"HTTP/1.1 304 Not Modified\r\n" + common + b"\r\n",
        )
    return resources


NOT_FOUND = (
    b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"
)


class Counters:
    """Per-process request counters in an anonymous shared mapping."""

    def __init__(self) -> None:
        self.memory = mmap.mmap(-1, 8 * len(COUNTERS) * MAX_PROCESSES)
        self.slot = 0

    def add(self, counter: int) -> None:
        offset = 8 * (self.slot * len(COUNTERS) + counter)
        (value,) = struct.unpack_from("q", self.memory, offset)
        struct.pack_into("q", self.memory, offset, value + 1)

    def totals(self) -> dict[str, int]:
        values = struct.unpack_from(f"{len(COUNTERS) * MAX_PROCESSES}q", self.memory, 0)
        return {
            name: sum(values[p * len(COUNTERS) + i] for p in range(MAX_PROCESSES))
            for i, name in enumerate(COUNTERS)
        }


def is_not_modified(resource: Resource, headers: dict[bytes, bytes]) -> bool:
    if_none_match = headers.get(b"if-none-match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")]
        return resource.etag in tags or b"*" in tags
    if_modified_since = headers.get(b"if-modified-since")
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since.decode("latin-1"))
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and since >= resource.last_modified
    return False


class FeedProtocol(asyncio.Protocol):
    """One client connection: parse request heads, answer each after the latency."""

    def __init__(
        self, resources: dict[bytes, Resource], latency: float, counters: Counters
    ) -> None:
        self.resources = resources
        self.latency = latency
        self.counters = counters
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.loop = asyncio.get_running_loop()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > 65536 and self.transport is not None:
                    self.transport.close()
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            self.respond(head)

    def respond(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        try:
            method, target, version = lines[0].split(b" ", 2)
        except ValueError:
            method, target, version = b"GET", b"/", b"HTTP/1.0"
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        connection = headers.get(b"connection", b"").lower()
        close = connection == b"close" or (version == b"HTTP/1.0" and connection != b"keep-alive")
        path = target.split(b"?", 1)[0]
        parts: tuple[bytes, ...]
        resource = self.resources.get(path)
        if path == b"/__stats":
            body = json.dumps(self.counters.totals()).encode()
            parts = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body),
                body,
            )
            self.write(parts, close)
            return
        if resource is None:
            self.counters.add(2)
            parts = (NOT_FOUND,)
        elif is_not_modified(resource, headers):
            self.counters.add(1)
            parts = (resource.not_modified,)
        elif (
            b"gzip" in headers.get(b"accept-encoding", b"")
            and resource.gzipped is not resource.plain
        ):
            self.counters.add(0)
            self.counters.add(3)
            parts = (resource.gzipped_head, resource.gzipped)
        else:
            self.counters.add(0)
            parts = (resource.plain_head, resource.plain)
        if method == b"HEAD":
            parts = parts[:1]
        self.loop.call_later(self.latency, self.write, parts, close)

    def write(self, parts: tuple[bytes, ...], close: bool) -> None:
        transport = self.transport
        if transport is None or transport.is_closing():
            return
        transport.writelines(parts)
        if close:
            transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def serve(
    sock: socket.socket, resources: dict[bytes, Resource], latency: float, counters: Counters
) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: FeedProtocol(resources, latency, counters), sock=sock, backlog=1024
    )
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    async with server:
        await stop.wait()


def listening_socket(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the benchmark feeds on 127.0.0.1.")
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--no-gzip", action="store_true")
    args = parser.parse_args()
    processes = max(1, min(MAX_PROCESSES, args.processes))
    resources = build_resources(args.dir, use_gzip=not args.no_gzip)
    counters = Counters()
    first = listening_socket(args.port)
    port = first.getsockname()[1]
    ready_read, ready_write = os.pipe()
    children = []
    for slot in range(processes):
        pid = os.fork()
        if pid == 0:
            os.close(ready_read)
            counters.slot = slot
            sock = first if slot == 0 else listening_socket(port)
            os.write(ready_write, b"x")
            os.close(ready_write)
            try:
                asyncio.run(serve(sock, resources, args.latency_ms / 1000, counters))
            finally:
                os._exit(0)
        children.append(pid)
    os.close(ready_write)
    first.close()
    received = 0
    while received < processes:
        chunk = os.read(ready_read, processes)
        if not chunk:
            break
        received += len(chunk)
    print(f"READY {port}", flush=True)

    def stop(signum: int, frame: object) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for pid in children:
        while True:
            try:
                os.waitpid(pid, 0)
                break
            except ChildProcessError:
                break
            except InterruptedError:
                continue
    sys.exit(0)


if __name__ == "__main__":
    main()
