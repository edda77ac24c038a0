"""The digest outbox in SQLite: a digest is stored whole, then sent recipient by recipient.

    store_digest(db, period=..., ...)       one transaction: the digest, its items, its recipients
    pending_recipients(db, digest_id)       who still has to receive it
    mark_sent(db, digest_id, address, at)   right after the SMTP server accepted the message
    mark_failed(db, digest_id, address, error, permanent=False)
    digest_history(db)                      what earlier digests covered

Tables (migration m002): ``digests`` (id, period, created, subject, html,
text, status), ``digest_items`` (digest_id, item_id, section),
``digest_recipients`` (digest_id, address, message_id, status, sent_at,
last_error, attempts, edition) and (migration m008) ``digest_editions``
(digest_id, edition, language, subject, html, text): the version of the
digest each recipient gets, stored with it before anything is sent. A
period is unique: a digest is never built twice for the same schedule slot.
Skipped periods (nothing new) are recorded with status "skipped" and no
recipients, so the slot is not reconsidered.

A recipient refused with a 4xx reply stays pending and is retried at the next
run, up to `MAX_ATTEMPTS` answered attempts; a 5xx reply is final. A server
that cannot be reached does not count as an attempt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from ..types import (
    DigestHistory,
    DigestRecipient,
    DigestSection,
    StoredDigest,
)

#: Answered attempts (4xx replies) after which a recipient is given up.
MAX_ATTEMPTS = 10

PENDING = "pending"
SENT = "sent"
REFUSED = "refused"
SKIPPED = "skipped"
#: Prefix of the period of a digest sent on demand, outside the schedule.
MANUAL = "manual"


def digest_id_for(period: str) -> str:
    """A readable id made from the period: "2027-03-29", "manual-2027-03-30T10-15-00Z"."""
    return re.sub(r"[^0-9A-Za-z]+", "-", period).strip("-")


def manual_period(now: datetime) -> str:
    """The period of a digest sent now, outside the schedule."""
    return f"{MANUAL} {now.strftime('%Y-%m-%dT%H:%M:%SZ')}"


def last_digest(db: sqlite_utils.Database) -> tuple[datetime | None, str | None]:
    """When the last digest was made (skipped ones aside), and the last scheduled period:
    two indexed lookups, for deciding whether one is due before reading any history."""
    last_at = db.execute(
        "select max(created) from digests where status != ?", [SKIPPED]
    ).fetchone()[0]
    last_period = db.execute(
        "select max(period) from digests where period not like ?", [MANUAL + "%"]
    ).fetchone()[0]
    return (datetime.fromisoformat(last_at) if last_at else None), last_period


def digest_history(db: sqlite_utils.Database) -> DigestHistory:
    """Items already sent or reminded, and the last digest's time and period."""
    included = frozenset(row[0] for row in db.execute("select item_id from digest_items"))
    reminded = frozenset(
        row[0] for row in db.execute("select item_id from digest_items where section = 'reminder'")
    )
    last_at = db.execute(
        "select max(created) from digests where status != ?", [SKIPPED]
    ).fetchone()[0]
    last_period = db.execute(
        "select max(period) from digests where period not like ?", [MANUAL + "%"]
    ).fetchone()[0]
    included_at = {
        row[0]: datetime.fromisoformat(row[1])
        for row in db.execute(
            "select i.item_id, min(d.created) from digest_items i"
            " join digests d on d.id = i.digest_id group by i.item_id"
        )
    }
    return DigestHistory(
        included_at=included_at,
        included=included,
        reminded=reminded,
        last_digest_at=datetime.fromisoformat(last_at) if last_at else None,
        last_period=last_period,
    )


def find_digest(db: sqlite_utils.Database, period: str) -> StoredDigest | None:
    rows = list(db.table("digests").rows_where("period = ?", [period]))
    return _digest(rows[0]) if rows else None


def store_digest(
    db: sqlite_utils.Database,
    *,
    period: str,
    created: datetime,
    subject: str,
    html: str,
    text: str,
    sections: Iterable[tuple[str, DigestSection]],
    recipients: Sequence[tuple[str, str] | tuple[str, str, str | None]],
    editions: Sequence[Edition] = (),
) -> StoredDigest:
    """Store a digest, its items, its editions and its recipients ((address, message_id),
    or (address, message_id, edition)) in one transaction: nothing is sent before."""
    digest_id = digest_id_for(period)
    row = {
        "id": digest_id,
        "period": period,
        "created": created.astimezone(UTC).isoformat(),
        "subject": subject,
        "html": html,
        "text": text,
        "status": PENDING if recipients else SENT,
    }
    with db.atomic():
        db.table("digests").insert(row)
        db.table("digest_items").insert_all(
            {"digest_id": digest_id, "item_id": item_id, "section": section}
            for item_id, section in sections
        )
        db.table("digest_editions").insert_all(
            {
                "digest_id": digest_id,
                "edition": edition.edition,
                "language": edition.language,
                "subject": edition.subject,
                "html": edition.html,
                "text": edition.text,
            }
            for edition in editions
        )
        db.table("digest_recipients").insert_all(
            {
                "digest_id": digest_id,
                "address": recipient[0],
                "message_id": recipient[1],
                "status": PENDING,
                "attempts": 0,
                "edition": recipient[2] if len(recipient) > 2 else None,
            }
            for recipient in recipients
        )
    return _digest(row)


def record_skipped(db: sqlite_utils.Database, *, period: str, created: datetime) -> None:
    """Remember that the slot `period` had nothing to send."""
    with db.atomic():
        db.table("digests").insert(
            {
                "id": digest_id_for(period),
                "period": period,
                "created": created.astimezone(UTC).isoformat(),
                "subject": "",
                "html": "",
                "text": "",
                "status": SKIPPED,
            }
        )


@dataclass(frozen=True)
class Edition:
    """One stored version of a digest: its subject and body in one language, with filters."""

    edition: str
    language: str
    subject: str
    html: str
    text: str


def message_for(
    db: sqlite_utils.Database, digest: StoredDigest, recipient: DigestRecipient
) -> StoredDigest:
    """The digest as this recipient gets it: their edition's subject and body."""
    if recipient.edition is None:
        return digest
    row = db.table("digest_editions").get((digest.id, recipient.edition))
    return replace(digest, subject=row["subject"], html=row["html"], text=row["text"])


def items_since(db: sqlite_utils.Database, since: datetime) -> list[tuple[str, str]]:
    """(item id, section) of every digest built at or after `since`, oldest first."""
    return [
        (row[0], row[1])
        for row in db.execute(
            "select i.item_id, i.section from digest_items i join digests d on d.id = i.digest_id"
            " where d.created >= ? and d.status != ? order by d.created, i.rowid",
            [since.astimezone(UTC).isoformat(), SKIPPED],
        )
    ]


def pending_digests(db: sqlite_utils.Database) -> list[StoredDigest]:
    """Digests some recipient has yet to receive, oldest first."""
    return [
        _digest(row)
        for row in db.table("digests").rows_where("status = ?", [PENDING], order_by="created, id")
    ]


def pending_recipients(db: sqlite_utils.Database, digest_id: str) -> list[DigestRecipient]:
    rows = db.table("digest_recipients").rows_where(
        "digest_id = ? and status = ?", [digest_id, PENDING], order_by="rowid"
    )
    return [_recipient(row) for row in rows]


def recipients_of(db: sqlite_utils.Database, digest_id: str) -> list[DigestRecipient]:
    """Every recipient of a digest, with how delivery went."""
    rows = db.table("digest_recipients").rows_where("digest_id = ?", [digest_id], order_by="rowid")
    return [_recipient(row) for row in rows]


def mark_sent(db: sqlite_utils.Database, digest_id: str, address: str, at: datetime) -> None:
    """Record that the server accepted `address`'s message (commits at once)."""
    with db.atomic():
        db.execute(
            "update digest_recipients set status = ?, sent_at = ?, last_error = null,"
            " attempts = attempts + 1 where digest_id = ? and address = ?",
            [SENT, at.astimezone(UTC).isoformat(), digest_id, address],
        )
        _settle(db, digest_id)


def mark_failed(
    db: sqlite_utils.Database,
    digest_id: str,
    address: str,
    error: str,
    *,
    permanent: bool = False,
) -> DigestRecipient:
    """Record a refusal; the recipient stays pending unless it is final or too many."""
    with db.atomic():
        db.execute(
            "update digest_recipients set last_error = ?, attempts = attempts + 1"
            " where digest_id = ? and address = ?",
            [error, digest_id, address],
        )
        db.execute(
            "update digest_recipients set status = ? where digest_id = ? and address = ?"
            " and (? or attempts >= ?)",
            [REFUSED, digest_id, address, permanent, MAX_ATTEMPTS],
        )
        _settle(db, digest_id)
    row = db.table("digest_recipients").get((digest_id, address))
    return _recipient(row)


def mark_unreachable(db: sqlite_utils.Database, digest_id: str, error: str) -> None:
    """The server could not be reached: note it on every pending recipient, not as an attempt."""
    with db.atomic():
        db.execute(
            "update digest_recipients set last_error = ? where digest_id = ? and status = ?",
            [error, digest_id, PENDING],
        )


def _settle(db: sqlite_utils.Database, digest_id: str) -> None:
    left = db.execute(
        "select count(*) from digest_recipients where digest_id = ? and status = ?",
        [digest_id, PENDING],
    ).fetchone()[0]
    if not left:
        db.execute("update digests set status = ? where id = ?", [SENT, digest_id])


def _digest(row: dict[str, Any]) -> StoredDigest:
    return StoredDigest(
        id=row["id"],
        period=row["period"],
        created=datetime.fromisoformat(row["created"]),
        subject=row["subject"],
        html=row["html"],
        text=row["text"],
        status=row["status"],
    )


def _recipient(row: dict[str, Any]) -> DigestRecipient:
    return DigestRecipient(
        digest_id=row["digest_id"],
        address=row["address"],
        message_id=row["message_id"],
        status=row["status"],
        sent_at=datetime.fromisoformat(row["sent_at"]) if row["sent_at"] else None,
        last_error=row["last_error"],
        attempts=row["attempts"],
        edition=row.get("edition"),
    )
