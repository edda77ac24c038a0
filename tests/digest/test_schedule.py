"""The digest schedule: parsing, and due / not due with a fixed clock across DST."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from aggregator.digest.schedule import (
    describe_schedule,
    due_period,
    latest_send_time,
    next_send_time,
    parse_schedule,
)
from aggregator.errors import ConfigError
from aggregator.types import Schedule


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("weekly monday 08:00 Europe/Paris", Schedule("weekly", 8, 0, "Europe/Paris", 0)),
        ("daily 07:00 UTC", Schedule("daily", 7, 0, "UTC")),
        ("daily 7:05", Schedule("daily", 7, 5, "UTC")),
        ("Weekly Fri 17:30 Africa/Kinshasa", Schedule("weekly", 17, 30, "Africa/Kinshasa", 4)),
        ("  weekly   sunday 23:59   UTC ", Schedule("weekly", 23, 59, "UTC", 6)),
    ],
)
def test_parse_schedule(text: str, expected: Schedule) -> None:
    assert parse_schedule(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("monthly 08:00 UTC", "'daily' or 'weekly'"),
        ("weekly 08:00 UTC", "day of the week"),
        ("weekly funday 08:00 UTC", "day of the week"),
        ("daily", "missing the time"),
        ("daily 25:00 UTC", "not a time of day"),
        ("daily 8h UTC", "not a time of day"),
        ("daily 08:00 Europe/Atlantis", "unknown time zone 'Europe/Atlantis'"),
        ("daily 08:00 UTC please", "unexpected 'please'"),
    ],
)
def test_bad_schedule_is_a_clear_config_error(text: str, says: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_schedule(text)
    assert says in raised.value.message
    assert raised.value.key == "digest.schedule"
    assert raised.value.fix  # says how to write it


PARIS_MONDAY = "weekly monday 08:00 Europe/Paris"


# 2027: summer time starts Sunday 28 March, ends Sunday 31 October.
@pytest.mark.parametrize(
    ("schedule", "last_period", "now", "expected"),
    [
        # Winter: 08:00 Paris is 07:00 UTC.
        (PARIS_MONDAY, "2027-03-15", "2027-03-22T06:59", None),
        (PARIS_MONDAY, "2027-03-15", "2027-03-22T07:00", "2027-03-22"),
        (PARIS_MONDAY, "2027-03-22", "2027-03-22T07:01", None),
        # The Monday after the spring change: 08:00 Paris is 06:00 UTC.
        (PARIS_MONDAY, "2027-03-22", "2027-03-29T05:59", None),
        (PARIS_MONDAY, "2027-03-22", "2027-03-29T06:00", "2027-03-29"),
        (PARIS_MONDAY, "2027-03-29", "2027-03-29T07:00", None),
        # The Monday after the autumn change: back to 07:00 UTC.
        (PARIS_MONDAY, "2027-10-25", "2027-11-01T06:30", None),
        (PARIS_MONDAY, "2027-10-25", "2027-11-01T07:00", "2027-11-01"),
        # A missed week is one digest, for the latest slot.
        (PARIS_MONDAY, "2027-03-08", "2027-03-24T12:00", "2027-03-22"),
        # Mid-week: the last slot was Monday.
        (PARIS_MONDAY, None, "2027-03-25T12:00", "2027-03-22"),
        # Daily in UTC.
        ("daily 07:00 UTC", "2027-03-28", "2027-03-29T06:59", None),
        ("daily 07:00 UTC", "2027-03-28", "2027-03-29T07:00", "2027-03-29"),
        # A daily slot on the spring-forward day itself: 02:30 does not exist in
        # Paris, it is read as 01:30 UTC (03:30 summer time).
        ("daily 02:30 Europe/Paris", "2027-03-27", "2027-03-28T01:29", None),
        ("daily 02:30 Europe/Paris", "2027-03-27", "2027-03-28T01:30", "2027-03-28"),
        # On the autumn day 02:30 happens twice: the first one (00:30 UTC) counts.
        ("daily 02:30 Europe/Paris", "2027-10-30", "2027-10-31T00:29", None),
        ("daily 02:30 Europe/Paris", "2027-10-30", "2027-10-31T00:30", "2027-10-31"),
        ("daily 02:30 Europe/Paris", "2027-10-31", "2027-10-31T01:30", None),
        # A day late in UTC but still Sunday evening in Los Angeles.
        ("weekly monday 08:00 America/Los_Angeles", "2027-03-08", "2027-03-15T14:59", None),
        ("weekly monday 08:00 America/Los_Angeles", "2027-03-08", "2027-03-15T15:00", "2027-03-15"),
    ],
)
def test_due_period(schedule: str, last_period: str | None, now: str, expected: str | None) -> None:
    assert due_period(parse_schedule(schedule), last_period=last_period, now=utc(now)) == expected


def test_send_times_follow_the_wall_clock_across_dst() -> None:
    schedule = parse_schedule(PARIS_MONDAY)
    winter = latest_send_time(schedule, now=utc("2027-03-28T12:00"))
    summer = next_send_time(schedule, now=utc("2027-03-28T12:00"))
    assert winter == utc("2027-03-22T07:00")
    assert summer == utc("2027-03-29T06:00")
    assert next_send_time(schedule, now=utc("2027-10-26T00:00")) == utc("2027-11-01T07:00")


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_period(parse_schedule("daily 07:00 UTC"), last_period=None, now=datetime(2027, 1, 1))


@pytest.mark.parametrize("text", [PARIS_MONDAY, "daily 07:00 UTC"])
def test_describe_round_trips(text: str) -> None:
    assert describe_schedule(parse_schedule(text)) == text
