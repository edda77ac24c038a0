"""When to poll a source, and how its state changes after a poll: pure decisions.

- a source that answered 410 Gone is not polled again until the admin acts
  (`aggregator reset NAME`, or a new URL in feeds.yaml);
- a Retry-After from the server (429/503) is honoured, capped at a day;
- after `backoff_after` consecutive failures, polls are spaced out
  exponentially (1 h, 2 h, 4 h … at most a day); a success resets it;
- a page's resolved feed that answers 404 or 410, or is no longer a feed,
  sends the run back to the page;
- a page source that suddenly yields far fewer items is "suspect", and one
  whose links all changed at once is a "flood", held back (docs/pages.md);
  a feed that yields nothing where it yielded items is reported with a warning.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from ..errors import FetchError, GoneError, ParseError, SourceError
from ..types import FeedState, Fetched, FetchSettings, PageYield

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


def feed_went_away(error: SourceError) -> bool:
    """Whether a page's resolved feed is no longer there (404, 410, not a feed), so
    the page is read again; a timeout or a server error is an ordinary failure."""
    if isinstance(error, GoneError | ParseError):
        return True
    return isinstance(error, FetchError) and error.status == 404


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


# --- is the page still read correctly? ---------------------------------------------------

#: A poll finding fewer than this share of the usual count is suspect.
SUSPECT_SHARE = 1 / 3
#: The usual count must be at least this for a drop to be meaningful.
SUSPECT_MIN_USUAL = 3
#: A flood needs at least this many new items.
FLOOD_MIN_NEW = 5
#: ... and either more new items than this times the largest count seen before,
FLOOD_FACTOR = 2
#: ... or this share of the items found being new.
FLOOD_SHARE = 0.8


def judge_page_yield(recent_found: Sequence[int], found: int, new: int) -> PageYield:
    """Whether a page source's poll looks right, given its last successful polls.

    `recent_found`: items found by the last few successful polls, newest last;
    `found`: items found now; `new`: how many of them we had never seen.
    "suspect" (far fewer items than usual) means the selectors probably broke:
    never read it as the partner removing everything. "flood" (far more new
    items than ever) means a redesign changed every link: hold the new items
    back until the admin releases them. A first poll is always "ok".
    """
    history = [count for count in recent_found if count >= 0]
    if not history:
        return PageYield("ok", "first poll")
    usual = statistics.median(history)
    largest = max(history)
    if found == 0 and largest > 0:
        return PageYield(
            "suspect",
            f"found no items where the last polls found {_counts(history)}: "
            "the page changed and the selectors may be broken",
        )
    if usual >= SUSPECT_MIN_USUAL and found < usual * SUSPECT_SHARE:
        return PageYield(
            "suspect",
            f"found {found} items where the last polls found {_counts(history)}: "
            "the selectors may be broken",
        )
    if new >= FLOOD_MIN_NEW and (
        new > max(FLOOD_MIN_NEW, FLOOD_FACTOR * largest) or new > FLOOD_SHARE * found
    ):
        return PageYield(
            "flood",
            f"{new} of {found} items are new (at most {largest} found before): "
            "the page was probably redesigned; new items are held back until released",
        )
    return PageYield("ok", f"{found} items, {new} new")


def empty_feed_warning(recent_found: Sequence[int], found: int) -> str | None:
    """What to say of a feed (not a page: see `judge_page_yield`) that yields no item
    where its last successful polls found some; None when there is nothing to say."""
    if found or not any(count > 0 for count in recent_found):
        return None
    return (
        f"found no items where the last polls found {_counts(recent_found)}: "
        "the feed may have moved or changed"
    )


def _counts(history: Sequence[int]) -> str:
    return ", ".join(str(count) for count in history[-5:])
