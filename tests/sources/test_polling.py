"""When a source is polled again after failures: a table of cases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aggregator.errors import FetchError, GoneError
from aggregator.sources import polling
from aggregator.types import FeedState, FetchSettings

from ..conftest import NOW

SETTINGS = FetchSettings(backoff_after=3)


@pytest.mark.parametrize(
    ("failures", "error", "wait"),
    [
        (0, FetchError("u", "HTTP 500"), None),
        (1, FetchError("u", "HTTP 500"), None),
        (2, FetchError("u", "HTTP 500"), timedelta(hours=1)),
        (3, FetchError("u", "HTTP 500"), timedelta(hours=2)),
        (9, FetchError("u", "HTTP 500"), timedelta(days=1)),
        (0, FetchError("u", "429", status=429, retry_after=600), timedelta(minutes=10)),
        (0, FetchError("u", "503", status=503, retry_after=10**9), timedelta(days=1)),
    ],
)
def test_failures_back_off(failures: int, error: FetchError, wait: timedelta | None) -> None:
    state = polling.after_failure(FeedState(url="u", failures=failures), error, NOW, SETTINGS)
    assert state.failures == failures + 1
    assert state.next_fetch == (NOW + wait if wait else None)
    due = polling.skip_reason(state, NOW + timedelta(seconds=1))
    assert (due is None) == (wait is None)


def test_gone_is_never_polled_until_reset() -> None:
    state = polling.after_failure(FeedState(url="u"), GoneError("u"), NOW, SETTINGS)
    assert state.gone
    assert "gone (410)" in (polling.skip_reason(state, NOW + timedelta(days=365)) or "")


def test_success_resets_the_back_off() -> None:
    state = FeedState(url="u", failures=5, next_fetch=NOW)
    assert polling.after_success(state).failures == 0
    assert polling.skip_reason(polling.after_success(state), NOW) is None


def test_a_partner_down_for_months_still_backs_off_by_a_day() -> None:
    state = FeedState(url="u")
    for _ in range(2000):
        state = polling.after_failure(state, FetchError("u", "HTTP 500"), NOW, SETTINGS)
    assert state.next_fetch == NOW + timedelta(days=1)


def test_an_absurd_retry_after_is_capped_at_a_day() -> None:
    error = FetchError("u", "429", status=429, retry_after=float("inf"))
    state = polling.after_failure(FeedState(url="u"), error, NOW, SETTINGS)
    assert state.next_fetch == NOW + timedelta(days=1)


# --- page health ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recent", "found", "new", "verdict"),
    [
        ([], 0, 0, "ok"),  # first poll, nothing found: nothing to compare with
        ([], 40, 40, "ok"),  # first poll: everything is new, as it should be
        ([10, 10, 10], 10, 1, "ok"),
        ([10, 10, 10], 9, 0, "ok"),
        ([10, 10, 10], 4, 0, "ok"),  # fewer, but not far fewer
        ([10, 10, 10], 3, 0, "suspect"),  # under a third of the usual 10
        ([10, 10, 10], 0, 0, "suspect"),
        ([2, 2], 0, 0, "suspect"),  # went from some to none
        ([2, 2], 1, 0, "ok"),  # too few to call a drop
        ([0, 0], 0, 0, "ok"),  # never found anything: nothing changed
        ([10, 10, 10], 10, 10, "flood"),  # every link changed: a redesign
        ([4, 4], 8, 8, "flood"),
        ([4, 4], 8, 3, "ok"),
        ([10, 10], 12, 4, "ok"),  # a busy week
        ([3, 3], 25, 22, "flood"),  # far more than ever
        ([20, 20], 30, 12, "ok"),
        ([3], 4, 4, "ok"),  # too few new items to call it a flood
    ],
)
def test_judge_page_yield(recent: list[int], found: int, new: int, verdict: str) -> None:
    result = polling.judge_page_yield(recent, found, new)
    assert result.verdict == verdict
    assert result.reason


def test_a_suspect_page_is_never_read_as_items_removed() -> None:
    result = polling.judge_page_yield([12, 11, 12], 0, 0)
    assert result.verdict == "suspect"
    assert "selectors may be broken" in result.reason
    assert "removed" not in result.reason
