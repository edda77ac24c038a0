"""Fetching sources politely, with one `httpx.AsyncClient`.

- bounded concurrency overall and per host;
- connect/read timeouts and a total deadline per source;
- a cap on the body size, counted on the *decoded* bytes while streaming,
  so a gzip bomb stops at the cap instead of filling memory;
- conditional GET (If-None-Match / If-Modified-Since); 304 is `NotModified`;
- redirects followed (at most `max_redirects`); a permanent one is reported;
  none may lead to an internal address unless feeds.yaml names one itself;
- 410 is `GoneError`; 429/503 carry the server's Retry-After;
- a page whose advertised feed was resolved is polled at that feed
  (`FeedState.poll_url`); `fetch_advertised` is the one way to follow a
  page's feed, for `add`, `preview` and the run.

`fetch_all` hands each source's outcome on as soon as it is known, so parsing
can start while other sources are still downloading.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import logging
import socket
import time
import zlib
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError, GoneError, NotModified, SourceError
from ..types import FeedState, Fetched, FetchSettings, Source
from ..urls import host_of

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
_PERMANENT = {301, 308}
log = logging.getLogger("aggregator")

#: Idle connections kept open for reuse (see make_client).
KEEPALIVE = 4


def user_agent(version: str, contact: str) -> str:
    """The User-Agent we send: the project, its version and where to reach us."""
    return f"ResponsibleMineralsClearinghouse/{version} (+{contact})"


def make_client(
    settings: FetchSettings,
    agent: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """One client for the whole run: pooled keep-alive connections, explicit timeouts."""
    return httpx.AsyncClient(
        # only codings we can decode with a size bound (see BoundedDecoder)
        headers={"User-Agent": agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.total_timeout,
        ),
        limits=httpx.Limits(
            max_connections=settings.concurrency,
            # httpcore checks every pooled connection each time a request starts
            # or ends: many idle keep-alive connections cost more CPU than
            # reconnecting, and a run rarely polls more than a few sources per host
            max_keepalive_connections=KEEPALIVE,
        ),
        follow_redirects=False,  # followed in _get, each hop checked
        transport=transport,
    )


async def fetch_all(
    client: httpx.AsyncClient,
    jobs: Sequence[tuple[Source, FeedState]],
    settings: FetchSettings,
    then: Callable[[Source, Fetched | SourceError], Awaitable[None]],
) -> None:
    """Fetch every source; hand each outcome (a response or an expected error) to
    `then` as soon as it is known, once the source's share of the limits is free."""
    overall = asyncio.Semaphore(settings.concurrency)
    per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
        lambda: asyncio.Semaphore(settings.per_host)
    )

    async def one(source: Source, state: FeedState) -> None:
        outcome: Fetched | SourceError
        async with per_host[host_of(source.url)], overall:
            try:
                outcome = await fetch_one(client, source, state, settings, url=state.poll_url)
            except SourceError as exc:
                outcome = exc
            except Exception as exc:  # a bug must cost one source, never the run
                log.error(
                    "%s: internal error while fetching: %s: %s",
                    source.name,
                    type(exc).__name__,
                    exc,
                    exc_info=log.isEnabledFor(logging.DEBUG),
                )
                outcome = FetchError(source.url, f"internal error ({type(exc).__name__})")
        await then(source, outcome)

    await asyncio.gather(*(one(source, state) for source, state in jobs))


async def fetch_one(
    client: httpx.AsyncClient,
    source: Source,
    state: FeedState,
    settings: FetchSettings,
    *,
    url: str | None = None,
) -> Fetched:
    """Fetch one source; raise NotModified, GoneError or FetchError when there is no body."""
    url = url or source.url
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    started = time.perf_counter()
    try:
        async with asyncio.timeout(settings.total_timeout):
            return await _get(client, source, url, headers, settings, started)
    except TimeoutError:
        raise FetchError(url, f"timed out after {settings.total_timeout:g} s") from None
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out ({type(exc).__name__})") from None
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid address: {exc}") from None
    except (httpx.TransportError, httpx.DecodingError) as exc:
        raise FetchError(url, _describe(exc)) from None


async def fetch_advertised(
    client: httpx.AsyncClient,
    page: Source,
    feed_url: str,
    settings: FetchSettings,
    state: FeedState | None = None,
) -> Fetched:
    """Fetch the feed `page` advertises, as the page's source: an internal address
    is refused unless the page's own is. `state`: the feed's validators, if any."""
    state = state or FeedState(url=page.url)
    return await fetch_one(client, page, state, settings, url=feed_url)


def resolved_url(feed_url: str, fetched: Fetched) -> str:
    """Where to poll an advertised feed from now on: where a permanent redirect
    led, else the address the page gave."""
    return fetched.moved_to or feed_url


async def _get(
    client: httpx.AsyncClient,
    source: Source,
    url: str,
    headers: dict[str, str],
    settings: FetchSettings,
    started: float,
) -> Fetched:
    request = client.build_request("GET", url, headers=headers)
    trusted = is_internal(source.url)  # feeds.yaml may name an intranet host; a feed may not
    redirects: list[int] = []
    while True:
        if not trusted and is_internal(str(request.url)):
            raise FetchError(url, f"refused to fetch {request.url}: an internal address")
        response = await client.send(request, stream=True)
        if response.next_request is None:
            break
        await response.aclose()
        if len(redirects) == settings.max_redirects:
            raise FetchError(url, f"more than {settings.max_redirects} redirects")
        redirects.append(response.status_code)
        request = response.next_request
    async with contextlib.aclosing(response):
        status = response.status_code
        if status == 304:
            raise NotModified(url)
        if status == 410:
            raise GoneError(url, status=410)
        if status >= 400:
            retry_after = _retry_after(response.headers.get("Retry-After"))
            reason = response.reason_phrase or "error"
            message = f"HTTP {status} {reason}"
            if retry_after is not None:
                message += f" (retry after {retry_after:.0f} s)"
            raise FetchError(url, message, status=status, retry_after=retry_after)
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > settings.max_bytes:
            raise FetchError(url, _too_big(settings.max_bytes), status=status)
        decoder = BoundedDecoder(url, response.headers.get("Content-Encoding"), settings.max_bytes)
        chunks = []
        async for raw in response.aiter_raw():
            chunks.append(decoder.decode(raw))
        chunks.append(decoder.flush())
        body = b"".join(chunks)
    moved_to = str(response.url) if redirects and redirects[0] in _PERMANENT else None
    return Fetched(
        source=source,
        url=str(response.url),
        status=status,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=body,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        content_hash=hashlib.sha256(body).hexdigest(),
        moved_to=moved_to,
        duration=time.perf_counter() - started,
    )


class BoundedDecoder:
    """Undo gzip/deflate without ever producing more than `limit` bytes.

    httpx decodes a whole network chunk at once, so a small compressed chunk
    (or stacked encodings) can expand to hundreds of megabytes before any
    size check runs; zlib's `max_length` lets us stop at the cap instead.
    """

    def __init__(self, url: str, encoding: str | None, limit: int) -> None:
        self.url = url
        self.limit = limit
        self.size = 0
        codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise FetchError(url, f"stacked Content-Encoding {encoding!r} refused")
        self.coding = codings[0] if codings else None
        #: None until known: a deflate body waits for its first two bytes.
        self.inflater: Any = None
        if self.coding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.coding not in ("deflate", None):
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
        self.head = b""
        self.started = False

    def decode(self, data: bytes) -> bytes:
        if self.coding is None:
            return self._count(data)
        if self.inflater is None:
            # "deflate" is zlib-wrapped (RFC 1950) or, from some servers, raw
            # (RFC 1951); the first two bytes tell which, whatever the chunking
            self.head += data
            if len(self.head) < 2:
                return b""
            data, self.head = self.head, b""
            wrapped = (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        self.started = self.started or bool(data)
        out = []
        while True:
            try:
                piece = self.inflater.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                raise FetchError(self.url, "cannot decode the compressed response") from None
            out.append(self._count(piece))  # at most limit + 1 bytes: raises past the cap
            data = self.inflater.unused_data
            if not (self.inflater.eof and self.coding != "deflate" and data[:2] == b"\x1f\x8b"):
                return b"".join(out)
            # a gzip stream may hold several members, one after the other
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)

    def flush(self) -> bytes:
        if self.coding is None or not (self.started or self.head):
            return b""  # no body at all
        if self.inflater is None:
            raise FetchError(self.url, "the compressed response ended early (truncated)")
        tail = self._count(self.inflater.flush())
        if not self.inflater.eof:
            raise FetchError(self.url, "the compressed response ended early (truncated)")
        return tail

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(self.url, _too_big(self.limit))
        return data


def is_internal(url: str) -> bool:
    """Whether `url` names this machine or a private network by its address
    (loopback, private, link-local, reserved; also `localhost`).

    A host name is not resolved here: one that resolves to such an address
    is not caught (docs/configuration.md).
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")  # "localhost." is localhost
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:  # 127.1, 2130706433, 0x7f.0.0.1: forms the resolver reads as IPv4
            address = ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global


def _too_big(limit: int) -> str:
    return f"response larger than {limit / 1_000_000:g} MB (fetch.max_bytes); not read further"


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


#: What the resolver says when a host name cannot be looked up (glibc, musl, macOS).
_UNKNOWN_HOST = (
    "Name or service not known",
    "Temporary failure in name resolution",
    "No address associated with hostname",
    "nodename nor servname",
)


def _describe(exc: Exception) -> str:
    """A short reason for a network failure, without a traceback."""
    name = type(exc).__name__
    text = str(exc).strip()
    if isinstance(exc, httpx.ConnectError):
        if any(sign in text for sign in _UNKNOWN_HOST):
            return "cannot find the host (DNS): check the address, or the network"
        return f"cannot connect: {text or name}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"server broke the connection: {text or name}"
    if isinstance(exc, httpx.DecodingError):
        return f"cannot decode the response: {text or name}"
    return f"{name}: {text}" if text else name
