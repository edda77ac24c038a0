"""The digest as email messages: subject, headers, one message per recipient.

    digest_subject("{calls} new calls", content)      -> "3 new calls"
    build_message(digest, recipient=..., ...)         -> EmailMessage (text, then HTML)

Every recipient gets a message of their own, whose Message-ID is derived
from the digest id and the address: a re-send after a failure carries the
same Message-ID, so mail clients can recognise a duplicate.

Nothing a feed says can reach a header: the subject is built from the
configured template and counts only, and every header value has its CR/LF
and other control characters removed. Sending is a channel's job
(`channels.smtp`); who receives it, `recipients`.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..types import DigestContent, DigestSettings, StoredDigest

#: Subject placeholders.
SUBJECT_FIELDS = ("calls", "news", "events", "total")

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def digest_subject(template: str, content: DigestContent) -> str:
    """The configured subject with {calls} {news} {events} {total} filled in, on one line."""
    counts = {
        "calls": len(content.calls),
        "news": content.news_count,
        "events": content.event_count,
        "total": content.total,
    }
    try:
        subject = template.format_map(counts)
    except (KeyError, IndexError, ValueError, AttributeError) as error:
        raise ConfigError(
            f"digest subject {template!r} cannot be filled in ({error})",
            key="digest.subject",
            fix="use only the placeholders {calls}, {news}, {events} and {total}",
        ) from error
    return header_safe(subject)


def header_safe(text: str) -> str:
    """`text` with CR, LF and other control characters replaced by a space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def message_id(digest_id: str, recipient: str, sender: str) -> str:
    """The same Message-ID every time this digest goes to this recipient."""
    mailbox = parseaddr(recipient)[1].casefold()
    token = hashlib.sha256(f"{digest_id}\n{mailbox}".encode()).hexdigest()[:24]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<digest.{header_safe(digest_id)}.{token}@{header_safe(domain)}>"


def list_id(title: str, site_url: str) -> str:
    """e.g. 'Responsible Minerals Clearinghouse <digest.example.org>' (RFC 2919)."""
    host = urlsplit(site_url).hostname or "localhost"
    return formataddr((header_safe(title), f"digest.{host}"))


def build_message(
    digest: StoredDigest,
    *,
    recipient: str,
    message_id: str,
    settings: DigestSettings,
    list_id: str,
    date: datetime,
) -> EmailMessage:
    """One recipient's multipart/alternative message: plain text, then HTML."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = header_safe(settings.sender)
    message["To"] = header_safe(recipient)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Subject"] = header_safe(digest.subject)
    message["List-Id"] = header_safe(list_id)
    unsubscribe = [link for link in map(header_safe, settings.unsubscribe) if link]
    if unsubscribe:
        message["List-Unsubscribe"] = ", ".join(f"<{link}>" for link in unsubscribe)
        if any(link.startswith("https://") for link in unsubscribe):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message["Precedence"] = "list"
    message.set_content(digest.text, subtype="plain")
    message.add_alternative(digest.html, subtype="html")
    return message
