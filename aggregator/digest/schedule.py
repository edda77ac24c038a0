"""When the email digest is due.

    parse_schedule("weekly monday 08:00 Europe/Paris")   -> Schedule(weekly, Monday, 08:00, Paris)
    parse_schedule("daily 07:00 UTC")                    -> Schedule(daily, 07:00, UTC)
    due_period(schedule, last_period="2027-03-22", now=now)  -> "2027-03-29" or None

A period is named by the local date of its send time ("2027-03-29" for the
Monday slot). The send time is wall-clock time in the schedule's time zone,
so "08:00 Europe/Paris" stays 08:00 in Paris across daylight-saving changes
(07:00 UTC in winter, 06:00 UTC in summer). A time that does not exist on a
spring-forward day is read with the offset in force before the change (02:30
becomes 03:30 summer time); a time that occurs twice on an autumn day is sent
at its first occurrence.

Both functions are pure: `now` is always an argument.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ConfigError
from ..types import Schedule

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

_TIME = re.compile(r"(?P<hour>\d{1,2}):(?P<minute>\d{2})")
_EXAMPLE = 'write e.g. "weekly monday 08:00 Europe/Paris" or "daily 07:00 UTC"'


def parse_schedule(text: str) -> Schedule:
    """Read a schedule; raise ConfigError saying what is wrong and how to write it."""
    words = text.split()
    if not words:
        raise ConfigError("schedule is empty", key="digest.schedule", fix=_EXAMPLE)
    frequency = words[0].lower()
    weekday: int | None = None
    rest = words[1:]
    if frequency == "weekly":
        if not rest or rest[0].lower() not in WEEKDAYS:
            got = f'"{rest[0]}"' if rest else "nothing"
            raise ConfigError(
                f"schedule {text!r}: expected a day of the week after 'weekly', got {got}",
                key="digest.schedule",
                fix=_EXAMPLE,
            )
        weekday = WEEKDAYS[rest[0].lower()]
        rest = rest[1:]
    elif frequency != "daily":
        raise ConfigError(
            f"schedule {text!r}: must start with 'daily' or 'weekly'",
            key="digest.schedule",
            fix=_EXAMPLE,
        )
    if not rest:
        raise ConfigError(
            f"schedule {text!r}: missing the time (HH:MM)",
            key="digest.schedule",
            fix=_EXAMPLE,
        )
    match = _TIME.fullmatch(rest[0])
    hour, minute = (int(match["hour"]), int(match["minute"])) if match else (-1, -1)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ConfigError(
            f"schedule {text!r}: {rest[0]!r} is not a time of day (HH:MM, 00:00 to 23:59)",
            key="digest.schedule",
            fix=_EXAMPLE,
        )
    rest = rest[1:]
    if len(rest) > 1:
        raise ConfigError(
            f"schedule {text!r}: unexpected {' '.join(rest[1:])!r} after the time zone",
            key="digest.schedule",
            fix=_EXAMPLE,
        )
    timezone = rest[0] if rest else "UTC"
    _zone(timezone, text)
    return Schedule(
        frequency="weekly" if weekday is not None else "daily",
        hour=hour,
        minute=minute,
        timezone=timezone,
        weekday=weekday,
    )


def due_period(schedule: Schedule, *, last_period: str | None, now: datetime) -> str | None:
    """The latest period whose send time is at or before `now`, unless it is `last_period`.

    Periods are ISO dates, so a later period compares greater: a digest is due
    when the latest passed slot is after the last one built. Missed periods are
    not sent one by one: the next digest catches up on everything since the last.
    """
    slot = latest_send_time(schedule, now=now)
    period = slot.astimezone(_zone(schedule.timezone)).date().isoformat()
    if last_period is not None and period <= last_period:
        return None
    return period


def latest_send_time(schedule: Schedule, *, now: datetime) -> datetime:
    """The last send time at or before `now`, as a UTC datetime."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    zone = _zone(schedule.timezone)
    day = now.astimezone(zone).date()
    if schedule.weekday is not None:
        day -= timedelta(days=(day.weekday() - schedule.weekday) % 7)
    step = timedelta(days=7 if schedule.weekday is not None else 1)
    slot = _send_time(schedule, day, zone)
    while slot > now:
        day -= step
        slot = _send_time(schedule, day, zone)
    return slot


def next_send_time(schedule: Schedule, *, now: datetime) -> datetime:
    """The first send time strictly after `now`, as a UTC datetime."""
    zone = _zone(schedule.timezone)
    latest = latest_send_time(schedule, now=now).astimezone(zone).date()
    step = timedelta(days=7 if schedule.weekday is not None else 1)
    return _send_time(schedule, latest + step, zone)


def describe_schedule(schedule: Schedule) -> str:
    """The schedule written back in its canonical form."""
    at = f"{schedule.hour:02d}:{schedule.minute:02d}"
    if schedule.weekday is None:
        return f"daily {at} {schedule.timezone}"
    day = next(name for name, number in WEEKDAYS.items() if number == schedule.weekday)
    return f"weekly {day} {at} {schedule.timezone}"


def _send_time(schedule: Schedule, day: date, zone: ZoneInfo) -> datetime:
    local = datetime.combine(day, time(schedule.hour, schedule.minute), tzinfo=zone)
    return local.astimezone(UTC)


def _zone(name: str, text: str | None = None) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(
            f"schedule {text or name!r}: unknown time zone {name!r}",
            key="digest.schedule",
            fix='use an IANA name such as "Europe/Paris", "Africa/Kinshasa" or "UTC"',
        ) from error
