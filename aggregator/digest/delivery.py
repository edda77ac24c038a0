"""The digest from end to end: due? what is in it? store it, then send it.

    deliver_digest(db, config, items, now=now, mode="scheduled")  -> DigestReport

    mode="scheduled"  finish any pending digest, then build and send one if the
                      schedule says a period is due (the end of `aggregator run`)
    mode="send"       finish any pending digest, then build and send one now,
                      outside the schedule, of what has not been sent yet
    mode="preview"    write digest-preview.eml and .html of what "send" would
                      send, without sending or recording anything

The outbox makes delivery survive failures: a digest is stored (content,
items, recipients) before the first message is sent, and each recipient is
marked right after the SMTP server accepts its message. A later run finishes
a pending digest for the recipients not yet marked and no one else.

This module wires the digest's parts (schedule, content, render, mail,
recipients, outbox, and a channel from `channels.CHANNELS`, SMTP by
default); each of them stays ignorant of the others. The database comes
migrated from `store.open_database`; the schedule comes parsed from config.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import sqlite_utils

from ..atomic import write_atomic
from ..errors import ConfigError, DeliveryError
from ..types import (
    Config,
    DigestContent,
    DigestHistory,
    DigestReport,
    DigestSettings,
    Item,
    Schedule,
    StoredDigest,
)
from . import outbox
from .channels import CHANNELS, DEFAULT_CHANNEL
from .content import select_digest
from .mail import build_message, digest_subject, list_id, message_id
from .recipients import digest_recipients
from .render import render_digest
from .schedule import due_period, next_send_time, parse_schedule

#: Where a preview's message goes, next to the database (not on the public site).
PREVIEW_FILE = "digest-preview.eml"


def deliver_digest(
    db: sqlite_utils.Database,
    config: Config,
    items: Sequence[Item],
    *,
    now: datetime,
    mode: Literal["scheduled", "send", "preview"],
    smtp_env: Mapping[str, str] = os.environ,
    ssl_context: ssl.SSLContext | None = None,
    preview_path: Path | None = None,
) -> DigestReport:
    """Run the digest in `mode`; see the module docstring.

    `items` are the published items the pipeline loaded from the store: at
    least those first seen since the last digest and the calls whose
    deadline is ahead. SMTP failures do not raise: they are recorded in the
    outbox and in `DigestReport.error`, and retried at the next run.
    """
    settings = config.digest
    if settings is None:
        raise ConfigError("feeds.yaml has no 'digest' section", key="digest")
    zone = ZoneInfo(_schedule(settings).timezone)
    if db.conn.in_transaction:
        # Each "sent" mark must be on disk the moment it is written, so the
        # outbox's transactions cannot nest inside one the caller left open.
        db.conn.commit()
    history = outbox.digest_history(db)
    if mode == "preview":
        content = _select(items, history, config, settings, now.astimezone(zone))
        return _preview(config, settings, content, now=now, path=preview_path)

    built = _build(db, config, settings, items, history=history, now=now, mode=mode)
    sent, retry, refused, error = _send_pending(
        db, config, settings, now=now, env=smtp_env, ssl_context=ssl_context
    )
    return replace(built, sent=sent, retry=retry, refused=refused, error=error)


def _build(
    db: sqlite_utils.Database,
    config: Config,
    settings: DigestSettings,
    items: Sequence[Item],
    *,
    history: DigestHistory,
    now: datetime,
    mode: Literal["scheduled", "send"],
) -> DigestReport:
    """Build and store this run's digest if one is due; the report says which, or why not."""
    schedule = _schedule(settings)
    zone = ZoneInfo(schedule.timezone)
    if mode == "scheduled":
        period = due_period(schedule, last_period=history.last_period, now=now)
        if period is None:
            upcoming = next_send_time(schedule, now=now).astimezone(zone)
            return DigestReport(mode, skipped=f"not due until {upcoming:%Y-%m-%d %H:%M %Z}")
    else:
        period = outbox.manual_period(now)
    if outbox.find_digest(db, period) is not None:
        return DigestReport(mode, period=period, skipped=f"already built for {period}")

    content = _select(items, history, config, settings, now.astimezone(zone))
    if content.is_empty and settings.skip_when_empty:
        if mode == "scheduled":
            outbox.record_skipped(db, period=period, created=now)
        return DigestReport(mode, period=period, skipped="nothing new")

    recipients = digest_recipients(config)
    if not recipients:
        raise ConfigError(
            "the digest has no recipients",
            key="digest.to",
            fix="list addresses under digest.to or in digest.recipients_file",
        )
    subject = digest_subject(settings.subject, content)
    rendered = render_digest(content, config=config, subject=subject)
    digest_id = outbox.digest_id_for(period)
    stored = outbox.store_digest(
        db,
        period=period,
        created=now,
        subject=subject,
        html=rendered.html,
        text=rendered.text,
        sections=content.sections(),
        recipients=[
            (address, message_id(digest_id, address, settings.sender)) for address in recipients
        ],
    )
    _write_file(config.site / "digest.html", rendered.html)
    return DigestReport(
        mode,
        digest_id=stored.id,
        period=period,
        calls=len(content.calls),
        events=content.event_count,
        news=content.news_count,
    )


def _schedule(settings: DigestSettings) -> Schedule:
    """The schedule config read, or (settings built by hand) read now."""
    return settings.timetable or parse_schedule(settings.schedule)


def _write_file(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, readable by all, creating its folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text, mode=0o644)


def _select(
    items: Sequence[Item],
    history: DigestHistory,
    config: Config,
    settings: DigestSettings,
    now: datetime,
) -> DigestContent:
    return select_digest(
        items,
        included_before=history.included,
        reminded_before=history.reminded,
        last_digest_at=history.last_digest_at,
        now=now,
        first_digest_days=settings.first_digest_days,
        open_days=config.open_call_days,
    )


def _send_pending(
    db: sqlite_utils.Database,
    config: Config,
    settings: DigestSettings,
    *,
    now: datetime,
    env: Mapping[str, str],
    ssl_context: ssl.SSLContext | None,
) -> tuple[int, int, int, str | None]:
    """Send every pending digest to its pending recipients: (sent, retry, refused, error)."""
    work = [
        (digest, recipients)
        for digest in outbox.pending_digests(db)
        if (recipients := outbox.pending_recipients(db, digest.id))
    ]
    if not work:
        return 0, 0, 0, None
    sent = retry = refused = 0
    channel = CHANNELS[DEFAULT_CHANNEL](config, env=env, ssl_context=ssl_context, now=now)
    try:
        channel.open()
        try:
            for digest, recipients in work:
                for recipient in recipients:
                    outcome = channel.send(digest, recipient)
                    if outcome.accepted:
                        outbox.mark_sent(db, digest.id, recipient.address, now)
                        sent += 1
                        continue
                    after = outbox.mark_failed(
                        db,
                        digest.id,
                        recipient.address,
                        outcome.error or "refused",
                        permanent=outcome.permanent,
                    )
                    if after.status == outbox.REFUSED:
                        refused += 1
                    else:
                        retry += 1
        finally:
            channel.close()
    except DeliveryError as error:
        left = 0
        for digest, _ in work:
            outbox.mark_unreachable(db, digest.id, error.message)
            left += len(outbox.pending_recipients(db, digest.id))
        return sent, left, refused, error.message
    return sent, retry, refused, None


def _preview(
    config: Config,
    settings: DigestSettings,
    content: DigestContent,
    *,
    now: datetime,
    path: Path | None,
) -> DigestReport:
    subject = digest_subject(settings.subject, content)
    rendered = render_digest(content, config=config, subject=subject)
    target = path or config.database.parent / PREVIEW_FILE
    # beside the .eml, never over the published site/digest.html that sent mails link to
    _write_file(target.with_suffix(".html"), rendered.html)
    recipients = digest_recipients(config)
    recipient = recipients[0] if recipients else settings.sender
    digest = StoredDigest(
        id="preview",
        period="preview",
        created=now,
        subject=subject,
        html=rendered.html,
        text=rendered.text,
        status="preview",
    )
    message = build_message(
        digest,
        recipient=recipient,
        message_id=message_id(digest.id, recipient, settings.sender),
        settings=settings,
        list_id=list_id(config.title, config.site_url),
        date=now,
    )
    _write_file(target, message.as_string())
    return DigestReport(
        mode="preview",
        calls=len(content.calls),
        events=content.event_count,
        news=content.news_count,
        skipped="nothing new" if content.is_empty else None,
        preview_path=target,
    )
