"""When a source is polled again after failures: a table of cases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aggregator import polling
from aggregator.errors import FetchError, GoneError
from aggregator.types import FeedState, FetchSettings

from .conftest import NOW

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
