"""The digest from end to end: due? what is in it? store it, then send it.

    deliver_digest(db, config, items, now=now, mode="scheduled")  -> DigestReport
    items_wanted_since(db, config, now=now, mode="scheduled")    -> datetime | None

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
from datetime import date, datetime, timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import sqlite_utils

from ..atomic import write_atomic
from ..errors import ConfigError, DeliveryError
from ..select import is_open_call
from ..taxonomy import build_taxonomy
from ..types import (
    Config,
    DigestContent,
    DigestHistory,
    DigestReport,
    DigestSettings,
    Item,
    RenderedDigest,
    Schedule,
    StoredDigest,
    Subscriber,
)
from . import archive, outbox
from .channels import CHANNELS, DEFAULT_CHANNEL
from .content import group_by_partner, select_digest
from .mail import build_message, digest_subject, list_id, message_id
from .recipients import digest_subscribers
from .render import IssueLinks, render_digest, whatsapp_text
from .schedule import due_period, next_send_time, parse_schedule
from .subscribers import (
    WEEKLY_DAY,
    facet_path,
    formatted_address,
    merge_contents,
    personal_content,
    personal_link,
    plan_editions,
    read_suppressed,
    subject_template,
)

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
    if mode == "preview":
        history = outbox.digest_history(db)
        content = _select(items, history, config, settings, now.astimezone(zone))
        return _preview(config, settings, content, now=now, path=preview_path)

    built = _build(db, config, settings, items, now=now, mode=mode)
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
    now: datetime,
    mode: Literal["scheduled", "send"],
) -> DigestReport:
    """Build and store this run's digest if one is due; the report says which, or why not."""
    schedule = _schedule(settings)
    zone = ZoneInfo(schedule.timezone)
    period, skipped = _due(db, settings, now=now, mode=mode)
    if period is None or skipped:
        return DigestReport(mode, period=period, skipped=skipped)
    history = outbox.digest_history(db)  # read only when a digest is made

    local = now.astimezone(zone)
    content = _select(items, history, config, settings, local)
    if content.is_empty and not content.closing_soon and settings.skip_when_empty:
        if mode == "scheduled":
            outbox.record_skipped(db, period=period, created=now)
        return DigestReport(mode, period=period, skipped="nothing new")

    people = digest_subscribers(config)
    if not people:
        raise ConfigError(
            "the digest has no recipients",
            key="digest.subscribers",
            fix="list people in digest.subscribers, digest.to or digest.recipients_file",
        )
    day = local.date()
    weekly = None
    if schedule.frequency == "daily" and any(p.frequency == "weekly" for p in people):
        weekly = _week(db, items, content, now=now, day=day, config=config)
    editions = plan_editions(
        content,
        people,
        day=day,
        schedule_frequency=schedule.frequency,
        skip_when_empty=settings.skip_when_empty,
        weekly=weekly,
        personal="{email}" in (settings.preferences or ""),
        taxonomy=build_taxonomy(config.taxonomy),
    )
    digest_id = outbox.digest_id_for(period)
    stem = archive.issue_stem(period, day, local.strftime("%H%M"))
    site = config.site_url
    languages = sorted({edition.language for edition in editions} | {"en"})
    web = {lang: f"{site}{archive.FOLDER}/{archive.issue_file(stem, lang)}" for lang in languages}
    stored_editions: list[outbox.Edition] = []
    recipients: list[tuple[str, str, str | None]] = []
    for edition in editions:
        first = edition.recipients[0]
        subject = digest_subject(subject_template(settings, edition.language), edition.content)
        rendered = render_digest(
            edition.content,
            config=config,
            subject=subject,
            lang=edition.language,
            links=_links(config, settings, web[edition.language], edition.facet, first),
        )
        stored_editions.append(
            outbox.Edition(edition.key, edition.language, subject, rendered.html, rendered.text)
        )
        recipients += [
            (formatted_address(person), message_id(digest_id, person.email, settings.sender),
             edition.key)
            for person in edition.recipients
        ]  # fmt: skip
    copies = {
        lang: render_digest(
            content,
            config=config,
            subject=digest_subject(subject_template(settings, lang), content),
            lang=lang,
            links=_links(config, settings, web[lang], None, None),
        )
        for lang in languages
    }
    stored = outbox.store_digest(
        db,
        period=period,
        created=now,
        subject=digest_subject(settings.subject, content),
        html=copies["en"].html,
        text=copies["en"].text,
        sections=content.sections(),
        recipients=recipients,
        editions=stored_editions,
    )
    _publish(config, stem, copies, content, web)
    return DigestReport(
        mode,
        digest_id=stored.id,
        period=period,
        calls=len(content.calls),
        events=content.event_count,
        news=content.news_count,
    )


def _links(
    config: Config,
    settings: DigestSettings,
    web: str,
    facet: str | None,
    person: Subscriber | None,
) -> IssueLinks:
    """The links of one edition: its web copy, the archive, "more" and the footer's."""
    more = None
    if facet is not None and (config.site / facet / "index.html").is_file():
        more = config.site_url + facet
    preferences = settings.preferences
    if person is not None:
        preferences = personal_link(preferences, person)
    elif preferences is not None and "{email}" in preferences:
        preferences = None  # the web copy is nobody's: no address to fill in
    return IssueLinks(
        web=web,
        archive=f"{config.site_url}{archive.FOLDER}/",
        more=more,
        unsubscribe=settings.unsubscribe,
        preferences=preferences,
        subscribe=settings.subscribe,
    )


def _publish(
    config: Config,
    stem: str,
    copies: Mapping[str, RenderedDigest],
    content: DigestContent,
    web: Mapping[str, str],
) -> None:
    """The issue's web copies, its WhatsApp text and the archive index on the site; the
    English copy is also the latest digest.html."""
    whatsapp = {
        lang: whatsapp_text(
            content, title=config.title_in(lang), lang=lang, web=web[lang], site=config.site_url
        )
        for lang in copies
    }
    archive.write_issue(
        config.site, stem, {lang: copy.html for lang, copy in copies.items()}, whatsapp=whatsapp
    )
    archive.write_index(
        config.site,
        title=config.title,
        templates=config.template_folders,
        site_url=config.site_url,
    )
    _write_file(config.site / "digest.html", archive.web_copy(copies["en"].html, archive.ICON))


def _week(
    db: sqlite_utils.Database,
    items: Sequence[Item],
    content: DigestContent,
    *,
    now: datetime,
    day: date,
    config: Config,
) -> DigestContent | None:
    """The last six days' issues and this one merged, for weekly readers of a daily
    digest (on their day only): what is still open of the calls, and the rest."""
    if day.weekday() != WEEKLY_DAY:
        return None
    by_id = {item.id: item for item in items}
    earlier: dict[str, list[Item]] = {"call": [], "reminder": [], "event": [], "news": []}
    for item_id, section in outbox.items_since(db, now - timedelta(days=6, hours=23)):
        item = by_id.get(item_id)
        if item is not None:
            earlier.setdefault(section, []).append(item)
    still_open = [
        item
        for item in earlier["call"] + earlier["reminder"]
        if is_open_call(item, today=day, open_days=config.open_call_days)
    ]
    week = DigestContent(
        today=content.today,
        since=content.since,
        calls=tuple(item for item in still_open if item in earlier["call"]),
        closing_soon=tuple(item for item in still_open if item in earlier["reminder"]),
        events=group_by_partner(earlier["event"]),
        news=group_by_partner(earlier["news"]),
    )
    return merge_contents([week, content])


def _due(
    db: sqlite_utils.Database,
    settings: DigestSettings,
    *,
    now: datetime,
    mode: Literal["scheduled", "send"],
) -> tuple[str | None, str | None]:
    """The period a digest would be built for now, and why none is (None when one is)."""
    schedule = _schedule(settings)
    if mode == "scheduled":
        period = due_period(schedule, last_period=outbox.last_digest(db)[1], now=now)
        if period is None:
            upcoming = next_send_time(schedule, now=now).astimezone(ZoneInfo(schedule.timezone))
            return None, f"not due until {upcoming:%Y-%m-%d %H:%M %Z}"
    else:
        period = outbox.manual_period(now)
    if outbox.find_digest(db, period) is not None:
        return period, f"already built for {period}"
    return period, None


def items_wanted_since(
    db: sqlite_utils.Database,
    config: Config,
    *,
    now: datetime,
    mode: Literal["scheduled", "send", "preview"],
) -> datetime | None:
    """From when the digest would show items published or first seen, or None when
    this run builds no digest (not due, or already built): then `deliver_digest`
    needs no items at all, and the pipeline loads none for it.

    The period covers the digest's own (since the last digest, or
    `first_digest_days` for the first) and the week a weekly reader of a daily
    digest is sent; open calls and upcoming events are in the outputs' windows.
    """
    settings = config.digest
    if settings is None:
        return None
    if mode != "preview" and _due(db, settings, now=now, mode=mode)[1] is not None:
        return None
    last_at = outbox.last_digest(db)[0] or now
    return min(last_at, now - timedelta(days=7)) - timedelta(days=settings.first_digest_days + 1)


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
        included_at=history.included_at,
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
    gone = read_suppressed(settings.suppressed)  # left after the digest was stored
    channel = CHANNELS[DEFAULT_CHANNEL](config, env=env, ssl_context=ssl_context, now=now)
    try:
        channel.open()
        try:
            for digest, recipients in work:
                for recipient in recipients:
                    if parseaddr(recipient.address)[1].casefold() in gone:
                        outbox.mark_failed(
                            db, digest.id, recipient.address, "unsubscribed", permanent=True
                        )
                        refused += 1
                        continue
                    outcome = channel.send(outbox.message_for(db, digest, recipient), recipient)
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
    people = digest_subscribers(config)
    person = people[0] if people else None
    lang = person.language if person else "en"
    shown = personal_content(content, person) if person else content
    subject = digest_subject(subject_template(settings, lang), shown)
    web = f"{config.site_url}{archive.FOLDER}/"
    rendered = render_digest(
        shown,
        config=config,
        subject=subject,
        lang=lang,
        links=_links(
            config,
            settings,
            web,
            facet_path(person, build_taxonomy(config.taxonomy)) if person else None,
            person,
        ),
    )
    target = path or config.database.parent / PREVIEW_FILE
    # beside the .eml, never over the published site/digest.html that sent mails link to
    _write_file(target.with_suffix(".html"), rendered.html)
    recipient = formatted_address(person) if person else settings.sender
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
