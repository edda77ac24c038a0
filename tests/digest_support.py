"""Test helpers for the digest: items, a Config, and a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from aggregator.types import Config, DigestSettings, Item, Kind, SmtpSettings, SourceRef

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: A Monday, 09:00 in Paris (summer time): the weekly slot of 08:00 has passed.
MONDAY = datetime(2027, 3, 29, 7, 0, tzinfo=UTC)


def make_item(
    number: int,
    *,
    kind: Kind = "news",
    title: str | None = None,
    partners: tuple[str, ...] = ("Partner A",),
    published: datetime = MONDAY - timedelta(days=1),
    first_seen: datetime | None = None,
    deadline: date | None = None,
    summary: str = "<p>Summary of the item.</p>",
    link: str | None = None,
    tags: tuple[str, ...] = (),
    language: str = "en",
    **fields: Any,
) -> Item:
    first_seen = first_seen or published
    return Item(
        id=f"item-{number}",
        url=f"https://partner.example.org/{kind}/{number}",
        link=link or f"https://partner.example.org/{kind}/{number}",
        title=title or f"{kind.title()} number {number}",
        summary=summary,
        published=published,
        first_seen=first_seen,
        updated=fields.pop("updated", first_seen),
        kind=kind,
        kind_reason="test",
        deadline=deadline,
        deadline_phrase=None,
        language=language,
        tags=tags,
        sources=tuple(
            SourceRef(name=name, link=f"https://{name.lower().replace(' ', '-')}.example.org/")
            for name in partners
        ),
        **fields,
    )


def make_config(
    tmp_path: Path,
    *,
    to: tuple[str, ...] = ("members@lists.example.org",),
    port: int = 25,
    schedule: str = "weekly monday 08:00 Europe/Paris",
    **digest: Any,
) -> Config:
    smtp = digest.pop("smtp", SmtpSettings(host="127.0.0.1", port=port, timeout=5.0))
    settings = DigestSettings(
        schedule=schedule,
        subject="Responsible minerals: {calls} new calls, {news} news",
        sender="Clearinghouse <digest@example.org>",
        to=to,
        unsubscribe=("mailto:digest-leave@example.org", "https://example.org/leave"),
        smtp=smtp,
        **digest,
    )
    return Config(
        path=tmp_path / "feeds.yaml",
        title="Responsible Minerals Clearinghouse",
        description="Calls and news on responsible minerals trade",
        site_url="https://clearinghouse.example.org/",
        database=tmp_path / "aggregator.db",
        site=tmp_path / "site",
        templates=TEMPLATES,
        sources=(),
        digest=settings,
    )


def with_smtp(config: Config, **changes: Any) -> Config:
    assert config.digest is not None
    smtp = replace(config.digest.smtp, **changes)
    return replace(config, digest=replace(config.digest, smtp=smtp))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Inbox:
    """What the SMTP server received, and the recipients it refuses (address -> reply)."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    logins: list[str] = field(default_factory=list)
    #: Reply to MAIL FROM, e.g. "553 sender not allowed"; None accepts.
    refuse_sender: str | None = None

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, mail_options: Any
    ) -> str:
        if self.refuse_sender:
            return self.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), cast(EmailMessage, message))
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for _, rcpts, message in self.messages if address in rcpts]


@contextmanager
def smtp_server(
    port: int | None = None,
    *,
    inbox: Inbox | None = None,
    tls_context: ssl.SSLContext | None = None,
    credentials: tuple[str, str] | None = None,
    implicit_tls: ssl.SSLContext | None = None,
) -> Iterator[tuple[Inbox, int]]:
    """A real aiosmtpd server on 127.0.0.1.

    With `tls_context`, STARTTLS is required; with `implicit_tls`, TLS from the
    first byte (port 465 style); with `credentials`, AUTH is required.
    """
    inbox = inbox or Inbox()
    port = port or free_port()
    kwargs: dict[str, Any] = {}
    if implicit_tls is not None:
        kwargs.update(ssl_context=implicit_tls)
    if tls_context is not None:
        kwargs.update(tls_context=tls_context, require_starttls=True, auth_require_tls=True)
    if credentials is not None:

        def authenticate(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            if isinstance(data, LoginPassword):
                login, password = data.login.decode(), data.password.decode()
                if (login, password) == credentials:
                    inbox.logins.append(login)
                    return AuthResult(success=True)
            return AuthResult(success=False, handled=False)

        kwargs.update(authenticator=authenticate, auth_required=True)
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
