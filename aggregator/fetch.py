"""Fetching sources politely, with one `httpx.AsyncClient`.

- bounded concurrency overall and per host;
- connect/read timeouts and a total deadline per source;
- a cap on the body size, counted on the *decoded* bytes while streaming,
  so a gzip bomb stops at the cap instead of filling memory;
- conditional GET (If-None-Match / If-Modified-Since); 304 is `NotModified`;
- redirects followed (at most `max_redirects`); a permanent one is reported;
- 410 is `GoneError`; 429/503 carry the server's Retry-After.

`fetch_all` yields each source's outcome as soon as it is known, so parsing
can start while other sources are still downloading.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from .errors import FetchError, GoneError, NotModified, SourceError
from .types import FeedState, Fetched, FetchSettings, Source
from .urls import host_of

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
_PERMANENT = {301, 308}


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
        headers={"User-Agent": agent, "Accept": ACCEPT},
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.total_timeout,
        ),
        limits=httpx.Limits(
            max_connections=settings.concurrency,
            max_keepalive_connections=settings.concurrency,
        ),
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        transport=transport,
    )


async def fetch_all(
    client: httpx.AsyncClient,
    jobs: Sequence[tuple[Source, FeedState]],
    settings: FetchSettings,
) -> AsyncIterator[tuple[Source, Fetched | SourceError]]:
    """Fetch every source; yield (source, response or expected error) as each finishes."""
    overall = asyncio.Semaphore(settings.concurrency)
    per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
        lambda: asyncio.Semaphore(settings.per_host)
    )

    async def one(source: Source, state: FeedState) -> tuple[Source, Fetched | SourceError]:
        async with per_host[host_of(source.url)], overall:
            try:
                return source, await fetch_one(client, source, state, settings)
            except SourceError as exc:
                return source, exc

    tasks = [asyncio.ensure_future(one(source, state)) for source, state in jobs]
    try:
        for next_done in asyncio.as_completed(tasks):
            yield await next_done
    finally:
        for task in tasks:
            task.cancel()


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
    except httpx.TooManyRedirects:
        raise FetchError(url, f"more than {settings.max_redirects} redirects") from None
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out ({type(exc).__name__})") from None
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid address: {exc}") from None
    except (httpx.TransportError, httpx.DecodingError) as exc:
        raise FetchError(url, _describe(exc)) from None


async def _get(
    client: httpx.AsyncClient,
    source: Source,
    url: str,
    headers: dict[str, str],
    settings: FetchSettings,
    started: float,
) -> Fetched:
    async with client.stream("GET", url, headers=headers) as response:
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
        chunks = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > settings.max_bytes:
                raise FetchError(url, _too_big(settings.max_bytes), status=status)
            chunks.append(chunk)
        body = b"".join(chunks)
    moved_to = None
    if response.history and response.history[0].status_code in _PERMANENT:
        moved_to = str(response.url)
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


def _describe(exc: Exception) -> str:
    """A short reason for a network failure, without a traceback."""
    name = type(exc).__name__
    text = str(exc).strip()
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {text or name}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"server broke the connection: {text or name}"
    if isinstance(exc, httpx.DecodingError):
        return f"cannot decode the response: {text or name}"
    return f"{name}: {text}" if text else name
