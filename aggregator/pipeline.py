"""The run, wired end to end: the only module that knows every stage.

    config → fetch → parse/extract → classify → store → select → render / send

    feed_states | skip_reason | fetch_all | read.read_source (runtime.parser_pool)
        | [a page's advertised feed: fetch_advertised | read_source, recorded as resolved]
        | judge_page_yield | store_items (dedup.plan_items, applied) | record_poll
    publish_site (load_window | tag_items | render_site, write_facet_pages, write_exports,
                  when site_state's fingerprint changed)
        | deliver_digest

The run lock and the parsing processes are in `runtime`.

Fetching is asynchronous (one httpx client); parsing and classification
run in a small process pool as each body arrives, since feedparser is pure
Python; storing happens in the main process, one transaction per source.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import httpx
import sqlite_utils

from .call_calendars import write_call_calendars
from .classifier_version import classifier_version
from .errors import (
    AggregatorError,
    ConfigError,
    NotModified,
    SourceError,
    StorageError,
)
from .exports import write_exports
from .facet_pages import write_facet_pages
from .health import RECENT_DAYS, source_health
from .langmodel import share_beside as share_language_model
from .overrides import load_overrides, overrides_path, write_override
from .render import SITE_LANGUAGES, render_site
from .runtime import parser_pool, project_version, read_in_worker, run_lock
from .site_state import outputs_present, site_fingerprint
from .sources import polling, reader_of
from .sources.fetch import (
    fetch_advertised,
    fetch_all,
    fetch_one,
    make_client,
    resolved_url,
    user_agent,
)
from .status_page import write_status_files
from .storage_faults import storage_errors
from .store import (
    CommitBatch,
    calls_to_read,
    feed_states,
    forget_failures,
    items_version,
    known_keys,
    load_items,
    load_window,
    mark_checked,
    open_database,
    prune_fetches,
    recent_found,
    record_call_page,
    record_overrides,
    record_poll,
    record_reclassified,
    record_render,
    release_held,
    rendered_fingerprint,
    source_records,
    stale_items,
    store_items,
)
from .taxonomy import build_taxonomy, tag_items
from .types import (
    CallPage,
    ClassifiedItem,
    Config,
    DigestReport,
    FeedState,
    FeedStatus,
    Fetched,
    Item,
    ParsedFeed,
    RunSummary,
    Source,
    SourceHealth,
)

log = logging.getLogger("aggregator")

Progress = Callable[[FeedStatus], None]


def run(
    config: Config,
    *,
    now: datetime | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Progress | None = None,
    send_digest: bool = True,
    smtp_env: dict[str, str] | None = None,
    notify_env: Mapping[str, str] | None = None,
) -> RunSummary:
    """Poll every source, store what is new, render the site, post new calls to the chat
    channels, send the digest if due."""
    started = now or datetime.now(UTC)
    clock = time.monotonic()
    corrections = load_overrides(overrides_path(config.path))
    with run_lock(config.database) as lock, storage_errors(config.database):
        db = open_database(config.database, check=True, max_mb=config.database_max_mb)
        # before the pool forks: its processes map one copy of the language model
        share_language_model(config.database)
        with parser_pool(config, len(config.sources), inherited=(lock,)) as pool:
            statuses = asyncio.run(
                poll_sources(
                    config, db, now=started, transport=transport, progress=progress, pool=pool
                )
            )
        pages = asyncio.run(read_call_pages(config, db, now=started, transport=transport))
        reclassify_stored(config, db, now=started)
        record_overrides(db, corrections)
        prune_fetches(db, before=started - timedelta(days=config.fetch_history_days))
        publish_site(db, config, now=started)
        publish_status(db, config, now=started)
        items = _after_site_items(db, config, now=started, digest=send_digest)
        notify_line = None
        if config.notify:
            notify_line = _notify(db, config, items, started, notify_env)
        digest_line, misconfigured = None, False
        if send_digest and config.digest is not None:
            digest_line, misconfigured = _scheduled_digest(db, config, items, started, smtp_env)
        mark_checked(db, config.database)
    return RunSummary(
        statuses=tuple(statuses),
        started=started,
        finished=started + timedelta(seconds=time.monotonic() - clock),
        digest=digest_line,
        digest_misconfigured=misconfigured,
        notify=notify_line,
        call_pages=pages,
    )


def _after_site_items(
    db: sqlite_utils.Database, config: Config, *, now: datetime, digest: bool
) -> list[Item]:
    """What the chat channels and the digest choose from: the outputs' windows and
    their own periods; nothing when neither has anything to do this run."""
    wanted = []
    if config.notify:
        from .notify import NEW_WITHIN_DAYS  # loads the chat library: only when configured

        wanted.append(now - timedelta(days=NEW_WITHIN_DAYS + 1))
    if digest and config.digest is not None:
        from .digest.delivery import items_wanted_since

        since = items_wanted_since(db, config, now=now, mode="scheduled")
        if since is not None:
            wanted.append(since)
    if not wanted:
        return []
    return _window(db, config, now=now, since=min(wanted))


def _window(
    db: sqlite_utils.Database, config: Config, *, now: datetime, since: datetime | None = None
) -> list[Item]:
    """The items the outputs are made from (`store.load_window`), with the site's facets
    set (topics, regions, countries): derived now from the taxonomy, so a change to it
    applies at the next run, at a cost bounded by the window."""
    window = load_window(
        db,
        today=now.astimezone(UTC).date(),
        newest=config.feed_size,
        open_days=config.open_call_days,
        since=since,
    )
    return tag_items(window, build_taxonomy(config.taxonomy), config.sources)


def _notify(
    db: sqlite_utils.Database,
    config: Config,
    items: list[Item],
    now: datetime,
    env: Mapping[str, str] | None,
) -> str:
    """Post what is new to the chat channels; one line for the summary. A channel's failure
    is in that line and waits for the next run; nothing here stops the run or the digest."""
    from .notify import push_notices

    try:
        report = push_notices(
            db,
            config.notify,
            items,
            now=now,
            env=os.environ if env is None else env,
            open_days=config.open_call_days,
        )
    except sqlite3.Error:
        raise  # the database failed: the run ends with one line about it
    except Exception as error:  # a bug in a channel's library must not cost the digest
        log.error("notify: %s (posts left for the next run)", type(error).__name__)
        return f"not posted: {type(error).__name__}; retried at the next run"
    return report.summary


#: Stored items re-classified a run when the classifier changed, and how many at once
#: (one transaction each): a large database catches up over a few runs.
RECLASSIFY_PER_RUN = 5_000
RECLASSIFY_BATCH = 500


def reclassify_stored(
    config: Config, db: sqlite_utils.Database, *, now: datetime, limit: int = RECLASSIFY_PER_RUN
) -> tuple[int, int]:
    """Classify again the stored items an older classifier decided (other rules, dates,
    model weights or feeds.yaml phrases), newest first, in batches; corrections from
    overrides.yaml still apply over them when items are loaded. Returns (re-classified,
    changed)."""
    version = classifier_version(config.rules)
    sources = {source.url: source for source in config.sources}
    done = changed = 0
    while done < limit:
        entries = stale_items(db, version, limit=min(RECLASSIFY_BATCH, limit - done))
        if not entries:
            break
        from .read import reclassify  # the rules are loaded only when something is stale

        changed += record_reclassified(db, reclassify(entries, sources, config.rules), now=now)
        done += len(entries)
    if done:
        log.info("re-classified %d stored items (%d changed)", done, changed)
    return done, changed


async def read_call_pages(
    config: Config,
    db: sqlite_utils.Database,
    *,
    now: datetime,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[int, int]:
    """Read the own pages of calls the feeds gave no deadline for (at most
    `fetch.call_pages` a run, as politely as sources); returns (read, deadlines found)."""
    from .read import read_call_page  # the parsers and rules, loaded only when needed

    pages = calls_to_read(
        db, limit=config.fetch.call_pages, now=now, open_days=config.open_call_days
    )
    if not pages:
        return 0, 0
    agent = user_agent(project_version(), config.contact or config.site_url)
    at_once = asyncio.Semaphore(config.fetch.per_host)
    found = 0

    async def read_one(client: httpx.AsyncClient, page: CallPage) -> None:
        nonlocal found
        source = Source(name=page.source_name, url=page.source_url, type="page")
        state = FeedState(url=page.url, etag=page.etag, last_modified=page.last_modified)
        async with at_once:
            try:
                fetched = await fetch_one(client, source, state, config.fetch, url=page.url)
            except NotModified:
                fetched = None
                if page.text is None:
                    record_call_page(db, page, now=now, outcome="not modified")
                    return
            except SourceError as exc:
                log.info(
                    "%s: could not read the call's page %s: %s", page.source_name, page.url, exc
                )
                record_call_page(db, page, now=now, outcome=f"failed: {exc}")
                return
        body = fetched.body if fetched is not None else None
        text, read = read_call_page(page, body, fetched.url if fetched else page.url, config.rules)
        changed = record_call_page(
            db,
            page,
            now=now,
            outcome="read" if fetched is not None else "not modified",
            etag=fetched.etag if fetched else None,
            last_modified=fetched.last_modified if fetched else None,
            text=text,
            read=read,
        )
        found += changed and read.deadline is not None

    async with make_client(config.fetch, agent, transport=transport) as client:
        await asyncio.gather(*(read_one(client, page) for page in pages))
    return len(pages), found


def items_to_review(config: Config, *, below: float, limit: int | None) -> list[Item]:
    """Stored items whose decisions are less sure than `below`, newest first
    (items the secretariat corrected are not listed again)."""
    db = open_database(config.database)
    uncertain = [item for item in load_items(db) if item.confidence < below and not item.corrected]
    uncertain.sort(key=lambda item: item.published, reverse=True)
    return uncertain[:limit] if limit else uncertain


def correct_item(config: Config, url: str, changes: dict[str, object]) -> Path:
    """Write a correction for the item at `url` into overrides.yaml; returns the file."""
    path = overrides_path(config.path)
    write_override(path, url, changes)
    return path


def overrides_count(config: Config) -> int:
    """How many corrections overrides.yaml holds (ConfigError when it has a mistake)."""
    return len(load_overrides(overrides_path(config.path)))


def digest_recipients(config: Config) -> tuple[str, ...]:
    """Who the digest goes to, read as a send would (ConfigError if unusable)."""
    from .digest.recipients import digest_recipients

    return digest_recipients(config)


def publish_site(
    db: sqlite_utils.Database, config: Config, *, now: datetime, force: bool = False
) -> bool:
    """Render the site, unless nothing it shows has changed since the last render.

    What the site depends on is in `site_state`; when none of it changed and
    every output is there, the files are left as they are. Returns whether
    the site was written.
    """
    fingerprint = site_fingerprint(
        config, version=project_version(), items_version=items_version(db), now=now
    )
    if not force and outputs_present(config) and rendered_fingerprint(db) == fingerprint:
        return False
    items = _window(db, config, now=now)
    for lang in SITE_LANGUAGES:  # English at the root, then fr/ and es/
        render_site(items, config, now=now, lang=lang)
        write_facet_pages(items, config, now=now, lang=lang)
    write_exports(items, config, now=now)
    write_call_calendars(items, config, now=now)
    record_render(db, fingerprint, now=now)
    return True


def source_status(config: Config, *, now: datetime | None = None) -> list[SourceHealth]:
    """Every source of feeds.yaml with its state (`health.source_health`), in its order.

    Reads the database without creating it: before the first run every source is new.
    """
    now = now or datetime.now(UTC)
    if not config.database.exists():
        return [source_health(source, None, now=now) for source in config.sources]
    with storage_errors(config.database):
        return _source_status(open_database(config.database), config, now=now)


def _source_status(
    db: sqlite_utils.Database, config: Config, *, now: datetime
) -> list[SourceHealth]:
    records = source_records(db, since=now - timedelta(days=RECENT_DAYS))
    return [source_health(s, records.get(s.url), now=now) for s in config.sources]


def publish_status(db: sqlite_utils.Database, config: Config, *, now: datetime) -> list[Path]:
    """Write sources.html and sources.opml: after every run, since they say when each
    source last worked."""
    return write_status_files(_source_status(db, config, now=now), config, now=now)


def _scheduled_digest(
    db: sqlite_utils.Database,
    config: Config,
    items: list,
    now: datetime,
    smtp_env: dict[str, str] | None,
) -> tuple[str, bool]:
    """The digest's line for the run summary, and whether its settings are unusable."""
    from .digest.delivery import deliver_digest

    try:
        report = deliver_digest(
            db,
            config,
            items,
            now=now,
            mode="scheduled",
            smtp_env=smtp_env if smtp_env is not None else os.environ,
        )
    except ConfigError as exc:  # the run itself went on; the CLI exits 2 for this
        log.error("digest: %s", exc.message)
        return f"digest not sent: {exc.message}", True
    except AggregatorError as exc:  # SMTP down: the outbox keeps it for the next run
        log.warning("digest: %s", exc.message)
        return f"digest not sent: {exc.message}", False
    if report.error:  # recorded in the outbox; the next run retries
        log.warning("digest: %s", report.error)
    return report.summary, False


def run_digest(
    config: Config,
    *,
    mode: Literal["scheduled", "send", "preview"],
    now: datetime | None = None,
    smtp_env: Mapping[str, str] | None = None,
) -> DigestReport:
    """`aggregator digest`: preview the next digest, send one now, or do what a run's end does.

    SMTP failures are in `DigestReport.error` (the outbox retries them);
    configuration problems raise ConfigError.
    """
    from .digest.delivery import deliver_digest, items_wanted_since

    command = {"send": "digest --send", "preview": "digest --preview"}.get(mode, "digest")
    now = now or datetime.now(UTC)
    with run_lock(config.database, command), storage_errors(config.database):
        db = open_database(config.database, check=mode != "preview", max_mb=config.database_max_mb)
        since = items_wanted_since(db, config, now=now, mode=mode)
        return deliver_digest(
            db,
            config,
            _window(db, config, now=now, since=since) if since is not None else [],
            now=now,
            mode=mode,
            smtp_env=os.environ if smtp_env is None else smtp_env,
        )


async def poll_sources(
    config: Config,
    db: sqlite_utils.Database,
    *,
    now: datetime,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Progress | None = None,
    pool: Executor | None = None,
) -> list[FeedStatus]:
    """Fetch, parse, classify and store every source that is due; one status each.

    Parsing runs in `pool` when given (see `parser_pool`), else inline.
    """
    batch = CommitBatch(db)
    batch.begin()  # waits for another program's lock here, once, not once per source
    stored = feed_states(db, config.sources)
    states = {
        source.url: _resolution_checked(stored[source.url], source) for source in config.sources
    }
    statuses: list[FeedStatus] = []
    jobs: list[tuple[Source, FeedState]] = []
    for source in config.sources:
        state = states[source.url]
        reason = polling.skip_reason(state, now)
        if reason is None:
            jobs.append((source, state))
            continue
        status = FeedStatus(
            name=source.name,
            url=source.url,
            outcome="gone" if state.gone else "skipped",
            error=reason,
        )
        record_poll(db, source, status, state, now=now)
        _report(status, statuses, progress)
    agent = user_agent(project_version(), config.contact or config.site_url)
    try:
        async with make_client(config.fetch, agent, transport=transport) as client:
            step = _Step(config, db, client, pool, states, now, batch)

            async def finish(source: Source, outcome: Fetched | SourceError) -> None:
                # reported as each source ends, not after the slowest fetch
                _report(await step.finish(source, outcome), statuses, progress)

            await fetch_all(client, jobs, config.fetch, then=finish)
    except (sqlite3.Error, StorageError):
        batch.rollback()  # the database failed: nothing half-written is committed
        raise
    except BaseException:
        # Ctrl-C or a bug outside one source: every finished source is whole
        batch.commit()
        raise
    batch.commit()
    order = {source.url: index for index, source in enumerate(config.sources)}
    statuses.sort(key=lambda status: order.get(status.url, 0))
    return statuses


def _resolution_checked(state: FeedState, source: Source) -> FeedState:
    """A resolved feed is polled only for a page read automatically: once feeds.yaml
    gives the source selectors or another type, its own address is read again."""
    if state.resolved_feed and (not reader_of(source).is_page or source.selectors is not None):
        return replace(state, resolved_feed=None, etag=None, last_modified=None, content_hash=None)
    return state


def _report(status: FeedStatus, statuses: list[FeedStatus], progress: Progress | None) -> None:
    statuses.append(status)
    if status.outcome in ("failed", "gone", "suspect", "held"):
        log.warning("%s: %s", status.name, status.error or status.warning or status.outcome)
    elif status.warning:
        log.info("%s: %s", status.name, status.warning)
    if progress is not None:
        progress(status)


@dataclass
class _Step:
    """What happens to one source once its fetch has finished."""

    config: Config
    db: sqlite_utils.Database
    client: httpx.AsyncClient
    pool: Executor | None
    states: dict[str, FeedState]
    now: datetime
    batch: CommitBatch

    async def finish(self, source: Source, outcome: Fetched | SourceError) -> FeedStatus:
        """Read, store and record one source; even a bug here never stops the others."""
        try:
            status = await self._finish(source, outcome)
        except (sqlite3.Error, StorageError):
            raise  # the database itself failed: the run stops, with one line
        except Exception as exc:
            log.error(
                "%s: internal error: %s: %s",
                source.name,
                type(exc).__name__,
                exc,
                exc_info=log.isEnabledFor(logging.DEBUG),
            )
            error = SourceError(source.url, f"internal error ({type(exc).__name__}: {exc})")
            status = self._failed(source, self.states[source.url], error)
        self.batch.source_done()  # the source's writes are complete: no await since
        return status

    async def _finish(self, source: Source, outcome: Fetched | SourceError) -> FeedStatus:
        state = self.states[source.url]
        started = time.perf_counter()
        if isinstance(outcome, NotModified):
            return self._record(source, state, _status(source, "not_modified"))
        if state.resolved_feed and isinstance(outcome, SourceError):
            if not polling.feed_went_away(outcome):
                return self._failed(source, state, outcome)
            return await self._page_again(source, state, outcome, started)
        if isinstance(outcome, SourceError):
            return self._failed(source, state, outcome)
        fetched = outcome
        if fetched.content_hash == state.content_hash:
            return self._record(source, state, _status(source, "not_modified", fetched), fetched)
        try:
            if state.resolved_feed:
                parsed, items = await self._read(source, fetched, as_feed=True)
                parsed = _advertised(parsed, state.resolved_feed)
            else:
                parsed, items = await self._read(source, fetched)
                if parsed.alternate_feed:
                    return await self._follow(source, state, parsed.alternate_feed, started)
        except SourceError as exc:
            if state.resolved_feed and polling.feed_went_away(exc):
                return await self._page_again(source, state, exc, started)
            return self._failed(source, state, exc, fetched)
        return self._store(source, state, fetched, parsed, items, time.perf_counter() - started)

    async def _follow(
        self, source: Source, state: FeedState, feed_url: str, started: float
    ) -> FeedStatus:
        """Read the feed a page advertises, and poll it in the page's place from now on."""
        try:
            fetched = await fetch_advertised(self.client, source, feed_url, self.config.fetch)
        except SourceError as exc:
            return self._failed(source, state, exc)
        try:
            parsed, items = await self._read(source, fetched, as_feed=True)
        except SourceError as exc:
            return self._failed(source, state, exc, fetched)
        resolved = resolved_url(feed_url, fetched)
        state = replace(state, resolved_feed=resolved)
        parsed = _advertised(parsed, feed_url)
        return self._store(source, state, fetched, parsed, items, time.perf_counter() - started)

    async def _page_again(
        self, source: Source, state: FeedState, error: SourceError, started: float
    ) -> FeedStatus:
        """The resolved feed went away: read the page itself again, as the first time."""
        log.info(
            "%s: its feed %s: %s; reading the page", source.name, state.resolved_feed, error.message
        )
        state = replace(state, resolved_feed=None, etag=None, last_modified=None, content_hash=None)
        self.states[source.url] = state
        try:
            page = await fetch_one(self.client, source, state, self.config.fetch)
        except SourceError as exc:
            return self._failed(source, state, exc)
        return await self._finish(source, page)

    async def _read(
        self, source: Source, fetched: Fetched, *, as_feed: bool = False
    ) -> tuple[ParsedFeed, list[ClassifiedItem]]:
        args = (
            source,
            fetched.body,
            fetched.url,
            fetched.headers,
            self.config.rules,
            self.now,
            as_feed,
        )
        if self.pool is None:
            return read_in_worker(*args)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, read_in_worker, *args)

    def _store(
        self,
        source: Source,
        state: FeedState,
        fetched: Fetched,
        parsed: ParsedFeed,
        items: list[ClassifiedItem],
        duration: float,
    ) -> FeedStatus:
        outcome = "ok"
        warning = parsed.warning
        held = False
        if reader_of(source).is_page and not parsed.alternate_feed:
            known = known_keys(self.db, source.url)
            new = sum(1 for ci in items if ci.parsed.key not in known)
            verdict = polling.judge_page_yield(recent_found(self.db, source.url), len(items), new)
            if verdict.verdict == "suspect":
                outcome, warning = "suspect", verdict.reason
            elif verdict.verdict == "flood":
                outcome, warning, held = "held", verdict.reason, True
        elif not items:
            empty = polling.empty_feed_warning(recent_found(self.db, source.url), 0)
            warning = "; ".join(filter(None, (warning, empty))) or None
        result = store_items(self.db, source, items, now=self.now, held=held)
        status = replace(
            _status(source, outcome, fetched),
            found=len(items),
            new_items=0 if held else result.new,
            updated_items=result.updated,
            warning=warning,
            duration=fetched.duration + duration,
        )
        return self._record(source, polling.after_success(state, fetched), status, fetched)

    def _failed(
        self, source: Source, state: FeedState, error: SourceError, fetched: Fetched | None = None
    ) -> FeedStatus:
        new_state = polling.after_failure(state, error, self.now, self.config.fetch)
        status = FeedStatus(
            name=source.name,
            url=source.url,
            outcome="gone" if new_state.gone else "failed",
            error=error.message,
            http_status=getattr(error, "status", None) or (fetched.status if fetched else None),
            bytes=len(fetched.body) if fetched else 0,
            moved_to=fetched.moved_to if fetched else None,
        )
        return self._record(source, new_state, status)

    def _record(
        self, source: Source, state: FeedState, status: FeedStatus, fetched: Fetched | None = None
    ) -> FeedStatus:
        if status.outcome == "not_modified":
            state = polling.after_success(state, fetched)
        record_poll(self.db, source, status, state, now=self.now, fetched=fetched)
        return status


def _advertised(parsed: ParsedFeed, feed_url: str) -> ParsedFeed:
    """A page's advertised feed, read in its place: it still names the feed, so the
    page-health check (meant for selectors and page links) is not applied to a
    real feed, and the admin is told to list the feed itself."""
    return replace(
        parsed,
        alternate_feed=feed_url,
        warning=parsed.warning
        or f"the page advertises a feed: put {feed_url} as its url in feeds.yaml",
    )


def _status(source: Source, outcome: str, fetched: Fetched | None = None) -> FeedStatus:
    return FeedStatus(
        name=source.name,
        url=source.url,
        outcome=outcome,  # type: ignore[arg-type]
        http_status=fetched.status if fetched else None,
        duration=fetched.duration if fetched else 0.0,
        bytes=len(fetched.body) if fetched else 0,
        moved_to=fetched.moved_to if fetched else None,
    )


def reset_source(config: Config, url: str) -> None:
    """Clear a source's gone/back-off state (after the admin fixed it)."""
    with run_lock(config.database, "reset"), storage_errors(config.database):
        db = open_database(config.database, check=True, max_mb=config.database_max_mb)
        forget_failures(db, url)
        publish_status(db, config, now=datetime.now(UTC))


def release_source(config: Config, source: Source, *, now: datetime | None = None) -> int:
    """Publish a page's held-back items and write the site again; return how many."""
    with run_lock(config.database, "release"), storage_errors(config.database):
        db = open_database(config.database, check=True, max_mb=config.database_max_mb)
        released = release_held(db, source.url)
        if released:
            publish_site(db, config, now=now or datetime.now(UTC))
            publish_status(db, config, now=now or datetime.now(UTC))
    return released
