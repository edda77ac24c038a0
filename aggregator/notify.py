"""New calls pushed to chat and social channels through Apprise, each post once.

    plan_notices(items, channel, today=..., now=...)     -> [Notice]   pure: what should be posted
    push_notices(db, channels, items, now=now, env=os.environ, open_days=60) -> NotifyReport

A channel is an Apprise URL from feeds.yaml (`notify:`), e.g. a plain JSON
webhook `json://127.0.0.1:8123/hook`, `tgram://{TELEGRAM_TOKEN}/{CHAT_ID}` or
`url_env: SLACK_URL`. Secrets come from the environment only: `{NAME}` is
filled from the variable NAME when the channel is opened, and neither the
values nor the URL are ever logged or stored: errors are redacted.

What is posted, per channel, after its filters (kinds, topics, countries,
languages):

- **new**: a call still open (or rolling) first seen within `NEW_WITHIN_DAYS`
  (so adding a channel does not post the archive), with its partner,
  deadline and link; events and news too when the channel's `kinds` say so;
- **extended**: a call whose deadline was extended after it was first seen,
  once per new deadline;
- **closing**: a call closing within `REMINDER_DAYS` days that was known
  before that window began (a call found later was just posted as new).

The ledger (table ``notices``, migration m007) makes each post happen once
across runs and crashes: every planned post is recorded as *pending* first
(the intent), then sent, then marked *sent* in its own transaction. A channel
that fails (down, 500, a missing variable) keeps its posts pending; they are
retried at the next run and the run goes on. At most `max_posts` posts go to
one channel per run; the rest wait for the next run, oldest first. As with
email, the only duplicate possible is the post in flight when the process
died between the server's answer and the mark.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import apprise
import sqlite_utils

from .i18n import format_date, gettext_for, ngettext_for
from .select import days_left, is_open_call, item_countries, item_topics
from .types import Item, Notice, NotifyChannel
from .urls import safe_link

log = logging.getLogger(__name__)

#: A new item is posted if it was first seen this recently.
NEW_WITHIN_DAYS = 7
#: A known call is reminded this many days before its deadline.
REMINDER_DAYS = 7
#: Failed attempts after which a post is given up (a channel that always fails).
MAX_ATTEMPTS = 20

PENDING = "pending"
SENT = "sent"
EXPIRED = "expired"
FAILED = "failed"

#: `{NAME}` in a channel URL: an environment variable.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: Loggers whose records can carry a channel's URL.
_CHATTY = ("apprise", "urllib3", "requests", "requests_oauthlib", "oauthlib")
_LOG_PREFIX = re.compile(r"^.*? - (?:WARNING|ERROR|CRITICAL) - ")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


@dataclass(frozen=True)
class NotifyReport:
    """What one run posted, per channel."""

    posted: int = 0
    #: Posts left pending: over a channel's limit, or after its failure.
    waiting: int = 0
    #: One redacted line per channel that failed in this run.
    errors: tuple[str, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        parts = [f"{self.posted} posted"]
        if self.waiting:
            parts.append(f"{self.waiting} waiting for the next run")
        parts.extend(self.errors)
        return "; ".join(parts)


class ChannelUnavailable(Exception):
    """A channel cannot be used in this run (its message is safe to log)."""


# --- what to post (pure) -----------------------------------------------------------


def matches(channel: NotifyChannel, item: Item) -> bool:
    """Whether `item` passes the channel's filters (an empty filter lets all through)."""
    if channel.topics and not set(channel.topics) & item_topics(item):
        return False
    if channel.countries and not set(channel.countries) & item_countries(item):
        return False
    return not (channel.languages and (item.language or "") not in channel.languages)


def plan_notices(
    items: Iterable[Item],
    channel: NotifyChannel,
    *,
    today: date,
    now: datetime,
    open_days: int = 60,
) -> list[Notice]:
    """Every post the channel should have had by now (the ledger keeps those already made)."""
    recent = now - timedelta(days=NEW_WITHIN_DAYS)
    lang = channel.language
    notices: list[Notice] = []
    for item in sorted(items, key=lambda item: (item.first_seen, item.id)):
        if item.kind not in channel.kinds or not matches(channel, item):
            continue
        if item.kind != "call":
            if item.first_seen >= recent:
                notices.append(_notice(item, "new", item.id + ":new", lang, today))
            continue
        if item.status in ("closed", "forthcoming"):
            continue
        if not is_open_call(item, today=today, open_days=open_days):
            continue
        if item.first_seen >= recent:
            notices.append(_notice(item, "new", item.id + ":new", lang, today))
        if (
            item.deadline_extended
            and item.deadline is not None
            and item.updated > item.first_seen
            and item.updated >= recent
        ):
            key = f"{item.id}:extended:{item.deadline.isoformat()}"
            notices.append(_notice(item, "extended", key, lang, today))
        left = days_left(item, today)
        if (
            item.deadline is not None
            and left is not None
            and 0 <= left <= REMINDER_DAYS
            and item.first_seen.date() < item.deadline - timedelta(days=REMINDER_DAYS)
        ):
            key = f"{item.id}:closing:{item.deadline.isoformat()}"
            notices.append(_notice(item, "closing", key, lang, today))
    return notices


def _notice(item: Item, what: Any, key: str, lang: str, today: date) -> Notice:
    title = " ".join(item.title.split()) or gettext_for(lang, "(untitled)")
    label = {
        "new": gettext_for(lang, "New call") if item.kind == "call" else None,
        "extended": gettext_for(lang, "Deadline extended"),
        "closing": gettext_for(lang, "Closing soon"),
    }[what]
    heading = (
        title
        if label is None
        else gettext_for(lang, "%(what)s: %(title)s")
        % {
            "what": label,
            "title": title,
        }
    )
    lines = []
    partners = ", ".join(" ".join(ref.name.split()) for ref in item.sources)
    if partners:
        lines.append(partners)
    deadline = deadline_line(item, lang, today)
    if deadline:
        lines.append(deadline)
    link = safe_link(item.link)
    if link:
        lines.append(link)
    return Notice(key=key, item_id=item.id, what=what, title=heading, body="\n".join(lines))


def deadline_line(item: Item, lang: str, today: date) -> str | None:
    """ "Deadline 12 April 2027 (closes in 14 days)", in `lang`; the date of an event."""
    if item.kind == "event" and item.event is not None:
        return format_date(item.event.start, lang)
    if item.kind != "call":
        return None
    if item.deadline is None:
        if item.status == "rolling":
            return gettext_for(lang, "Rolling call: applications any time")
        return gettext_for(lang, "No deadline given")
    text = gettext_for(lang, "Deadline %(date)s") % {"date": format_date(item.deadline, lang)}
    text += f" ({closes_in(item.deadline, today, lang)})"
    if item.deadline_extended:
        text += " · " + gettext_for(lang, "Deadline extended")
    return text


def closes_in(deadline: date, today: date, lang: str) -> str:
    """ "closes today", "closes tomorrow", "closes in 5 days", in `lang`."""
    days = (deadline - today).days
    if days <= 0:
        return gettext_for(lang, "closes today")
    if days == 1:
        return gettext_for(lang, "closes tomorrow")
    return ngettext_for(lang, "closes in %(num)d day", "closes in %(num)d days", days) % {
        "num": days
    }


# --- secrets -----------------------------------------------------------------------


def channel_url(channel: NotifyChannel, env: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """The channel's Apprise URL with its variables filled in, and the secrets it holds."""
    if channel.url_env is not None:
        value = env.get(channel.url_env, "")
        if not value:
            raise ChannelUnavailable(f"environment variable {channel.url_env} is not set")
        return value, (value,)
    template = channel.url or ""
    secrets: list[str] = []

    def fill(match: re.Match[str]) -> str:
        value = env.get(match[1], "")
        if not value:
            raise ChannelUnavailable(f"environment variable {match[1]} is not set")
        secrets.append(value)
        return value

    url = PLACEHOLDER.sub(fill, template)
    return url, (url, *secrets)


def redact(text: str, secrets: Sequence[str]) -> str:
    """`text` with every secret and every URL in it replaced, on one line."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 3:
            text = text.replace(secret, "***")
    text = _URL.sub(lambda match: match[0].split("://", 1)[0] + "://***", text)
    return " ".join(text.split())


# --- the ledger and sending -----------------------------------------------------------


def push_notices(
    db: sqlite_utils.Database,
    channels: Sequence[NotifyChannel],
    items: Sequence[Item],
    *,
    now: datetime,
    today: date | None = None,
    env: Mapping[str, str] = os.environ,
    open_days: int = 60,
) -> NotifyReport:
    """Record, then post, what each channel should get; never raises for a channel's failure."""
    today = today or now.date()
    by_id = {item.id: item for item in items}
    posted = waiting = 0
    errors: list[str] = []
    for channel in channels:
        planned = plan_notices(items, channel, today=today, now=now, open_days=open_days)
        record_intents(db, channel, planned, now=now)
        done, left, error = _post_pending(
            db, channel, by_id, today=today, open_days=open_days, env=env
        )
        posted += done
        waiting += left
        if error:
            errors.append(f"channel '{channel.name}' failed: {error} (retried at the next run)")
            log.warning("notify: channel '%s' failed: %s", channel.name, error)
    return NotifyReport(posted=posted, waiting=waiting, errors=tuple(errors))


def record_intents(
    db: sqlite_utils.Database, channel: NotifyChannel, notices: Iterable[Notice], *, now: datetime
) -> int:
    """Store the planned posts not in the ledger yet, as pending (one transaction)."""
    rows = [
        {
            "channel": channel.key,
            "key": notice.key,
            "item_id": notice.item_id,
            "what": notice.what,
            "title": notice.title,
            "body": notice.body,
            "status": PENDING,
            "created": now.astimezone(UTC).isoformat(),
            "attempts": 0,
        }
        for notice in notices
    ]
    if not rows:
        return 0
    before = db.execute("select count(*) from notices where channel = ?", [channel.key]).fetchone()
    with db.atomic():
        db.table("notices").insert_all(rows, ignore=True)
    after = db.execute("select count(*) from notices where channel = ?", [channel.key]).fetchone()
    return int(after[0]) - int(before[0])


def ledger(db: sqlite_utils.Database, channel_key: str | None = None) -> list[dict[str, Any]]:
    """The ledger's rows (of one channel), oldest first."""
    where = "channel = ?" if channel_key else None
    return list(
        db.table("notices").rows_where(
            where, [channel_key] if channel_key else [], order_by="created, rowid"
        )
    )


def _post_pending(
    db: sqlite_utils.Database,
    channel: NotifyChannel,
    items: Mapping[str, Item],
    *,
    today: date,
    open_days: int,
    env: Mapping[str, str],
) -> tuple[int, int, str | None]:
    """Post the channel's pending notices, up to its limit: (posted, left, error)."""
    pending = list(
        db.table("notices").rows_where(
            "channel = ? and status = ?", [channel.key, PENDING], order_by="created, rowid"
        )
    )
    live = []
    for row in pending:
        item = items.get(row["item_id"])
        if (
            item is not None
            and item.kind == "call"
            and not is_open_call(item, today=today, open_days=open_days)
        ):
            _mark(db, channel, row["key"], EXPIRED)  # closed before its turn came
        else:
            live.append(row)
    if not live:
        return 0, 0, None
    try:
        url, secrets = channel_url(channel, env)
    except ChannelUnavailable as unavailable:
        _note_error(db, channel, live[0]["key"], str(unavailable))
        return 0, len(live), str(unavailable)
    with _hushed():
        return _post(db, channel, live, url, secrets)


def _post(
    db: sqlite_utils.Database,
    channel: NotifyChannel,
    live: list[dict[str, Any]],
    url: str,
    secrets: Sequence[str],
) -> tuple[int, int, str | None]:
    target = apprise.Apprise()
    if not target.add(url):
        unknown = "not an address Apprise can post to (check the scheme and its parts)"
        _note_error(db, channel, live[0]["key"], unknown)
        return 0, len(live), unknown
    posted = 0
    for row in live[: channel.max_posts]:
        with apprise.LogCapture(level=logging.WARNING) as captured:
            accepted = bool(target.notify(title=row["title"], body=row["body"]))
        if accepted:
            _mark(db, channel, row["key"], SENT, sent_at=datetime.now(UTC))
            posted += 1
            continue
        said = captured.getvalue().strip().splitlines()
        reason = redact(_LOG_PREFIX.sub("", said[-1]) if said else "no answer", secrets)
        given_up = _note_error(db, channel, row["key"], reason)
        return posted, len(live) - posted - (1 if given_up else 0), reason
    return posted, len(live) - posted, None


@contextmanager
def _hushed() -> Iterator[None]:
    """Keep Apprise's and the HTTP libraries' log records (which name the URL, secrets
    and all) from reaching the run's log while a channel is in use."""
    loggers = [logging.getLogger(name) for name in _CHATTY]
    before = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.propagate = False
    try:
        yield
    finally:
        for logger, propagate in zip(loggers, before, strict=True):
            logger.propagate = propagate


def _mark(
    db: sqlite_utils.Database,
    channel: NotifyChannel,
    key: str,
    status: str,
    *,
    sent_at: datetime | None = None,
) -> None:
    with db.atomic():
        db.execute(
            "update notices set status = ?, sent_at = ?, last_error = null,"
            " attempts = attempts + ? where channel = ? and key = ?",
            [
                status,
                sent_at.isoformat() if sent_at else None,
                1 if status == SENT else 0,
                channel.key,
                key,
            ],
        )


def _note_error(db: sqlite_utils.Database, channel: NotifyChannel, key: str, error: str) -> bool:
    """Record a failed attempt; whether the post is now given up."""
    with db.atomic():
        db.execute(
            "update notices set attempts = attempts + 1, last_error = ?"
            " where channel = ? and key = ?",
            [error, channel.key, key],
        )
        db.execute(
            "update notices set status = ? where channel = ? and key = ? and attempts >= ?",
            [FAILED, channel.key, key, MAX_ATTEMPTS],
        )
    row = db.table("notices").get((channel.key, key))
    return bool(row["status"] == FAILED)
