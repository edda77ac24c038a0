"""When to poll a source, and how its state changes after a poll: pure decisions.

- a source that answered 410 Gone is not polled again until the admin acts
  (`aggregator reset NAME`, or a new URL in feeds.yaml);
- a Retry-After from the server (429/503) is honoured, capped at a day;
- after `backoff_after` consecutive failures, polls are spaced out
  exponentially (1 h, 2 h, 4 h … at most a day); a success resets it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from .errors import FetchError, GoneError, SourceError
from .types import FeedState, Fetched, FetchSettings

MAX_DELAY = timedelta(days=1)


def skip_reason(state: FeedState, now: datetime) -> str | None:
    """Why this source is not polled now, or None to poll it."""
    if state.gone:
        return "gone (410): not polled until the address is fixed or 'aggregator reset' is run"
    if state.next_fetch is not None and state.next_fetch > now:
        return f"backing off until {state.next_fetch:%Y-%m-%d %H:%M} UTC"
    return None


def after_success(state: FeedState, fetched: Fetched | None = None) -> FeedState:
    """State after a poll that worked (new content or not modified)."""
    state = replace(state, failures=0, next_fetch=None, gone=False)
    if fetched is not None:
        state = replace(
            state,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            content_hash=fetched.content_hash,
        )
    return state


def after_failure(
    state: FeedState, error: SourceError, now: datetime, settings: FetchSettings
) -> FeedState:
    """State after a failed poll: count it, and decide when to try again."""
    failures = state.failures + 1
    if isinstance(error, GoneError):
        return replace(state, failures=failures, gone=True, next_fetch=None)
    delay: timedelta | None = None
    if isinstance(error, FetchError) and error.retry_after is not None:
        delay = timedelta(seconds=min(error.retry_after, MAX_DELAY.total_seconds()))
    if failures >= settings.backoff_after:
        # 2**5 hours is already past the one-day cap; never build a huge timedelta
        backoff = timedelta(hours=2 ** min(failures - settings.backoff_after, 5))
        delay = max(delay or backoff, backoff)
    next_fetch = now + min(delay, MAX_DELAY) if delay else None
    return replace(state, failures=failures, next_fetch=next_fetch)
