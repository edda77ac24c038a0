"""The digest as email messages, and sending them over SMTP.

    read_recipients(settings, base=config_dir)        -> ("a@example.org", ...)
    digest_subject("{calls} new calls", content)      -> "3 new calls"
    build_message(digest, recipient=..., ...)         -> EmailMessage (text, then HTML)
    with SmtpConnection(settings.smtp, env=os.environ) as smtp:
        smtp.send(message)                            -> SendOutcome

Every recipient gets a message of their own, whose Message-ID is derived
from the digest id and the address: a re-send after a failure carries the
same Message-ID, so mail clients can recognise a duplicate.

Nothing a feed says can reach a header: the subject is built from the
configured template and counts only, and every header value has its CR/LF
and other control characters removed.

SMTP credentials come from the environment variables *named* in the
configuration; their values are never logged or put in an error message.
A failure to connect, secure or log in raises DeliveryError with one clear
line; a server refusing one recipient is a `SendOutcome`, not an exception,
so the other recipients are still sent.
"""

from __future__ import annotations

import hashlib
import re
import smtplib
import socket
import ssl
from collections.abc import Mapping
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, parseaddr
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

from aggregator.errors import ConfigError, DeliveryError
from aggregator.types import DigestContent, DigestSettings, SendOutcome, SmtpSettings, StoredDigest

#: Subject placeholders.
SUBJECT_FIELDS = ("calls", "news", "events", "total")

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_COMMENT = re.compile(r"(^|\s)#.*$")


def read_recipients(
    settings: DigestSettings, *, base: Path | None = None, config: Path | None = None
) -> tuple[str, ...]:
    """`to` then the lines of `recipients_file`, without duplicates (case-insensitive).

    The file holds one address per line; blank lines and `#` comments are
    ignored. A relative file name is read from `base` (the config's folder).
    `config` (feeds.yaml) is named in the error for a bad address in `to`.
    """
    found: list[tuple[str, str | None, int | None]] = [
        (address, str(config) if config else None, None) for address in settings.to
    ]
    if settings.recipients_file is not None:
        path = settings.recipients_file
        if not path.is_absolute() and base is not None:
            path = base / path
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ConfigError(
                f"cannot read the digest recipients file {path}: {error.strerror or error}",
                key="digest.recipients_file",
            ) from error
        for number, line in enumerate(lines, start=1):
            address = _COMMENT.sub("", line).strip()
            if address:
                found.append((address, str(path), number))
    recipients: dict[str, str] = {}
    for entry, path_name, line_number in found:
        for address in _each_address(entry):
            _add_recipient(recipients, address, path_name, line_number)
    return tuple(recipients.values())


def _each_address(entry: str) -> list[str]:
    """The addresses an entry lists: "a@x.org, b@y.org" (brackets forgotten in `to`,
    or a line of the file) is two; '"Doe, Jane" <j@x.org>' is one, as written."""
    pairs = getaddresses([entry])
    if len(pairs) > 1 and all("@" in mailbox for _, mailbox in pairs):
        return [str(Address(display_name=name, addr_spec=mailbox)) for name, mailbox in pairs]
    return [entry]


def _add_recipient(
    recipients: dict[str, str], address: str, path_name: str | None, line_number: int | None
) -> None:
    """Add `address` once (by its mailbox, ignoring case); ConfigError if it is not one."""
    mailbox = parseaddr(address)[1]
    if not _is_address(address, mailbox):
        raise ConfigError(
            f"not an email address: {address!r}",
            path=path_name,
            line=line_number,
            key="digest.recipients_file" if line_number else "digest.to",
            fix=None if line_number else "write each address in 'to:', e.g. [a@example.org]",
        )
    recipients.setdefault(mailbox.casefold(), address)


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


class SmtpConnection:
    """One SMTP session: connect, secure, log in, then send messages one by one.

    Use as a context manager. `ssl_context` is injectable (tests trust a
    local CA); by default the system's trusted certificates are used.
    """

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        env: Mapping[str, str],
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = settings
        self._env = env
        self._ssl_context = ssl_context
        self._client: smtplib.SMTP | None = None

    @property
    def server(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def __enter__(self) -> SmtpConnection:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> None:
        settings = self.settings
        username, password = self._credentials()
        context = self._ssl_context or ssl.create_default_context()
        try:
            if settings.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=settings.timeout, context=context
                )
            else:
                client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            self._client = client
            client.ehlo()
            if settings.security == "starttls":
                if not client.has_extn("starttls"):
                    raise DeliveryError(
                        f"SMTP server {self.server} does not offer STARTTLS "
                        "(set digest.smtp.security to 'ssl' or 'none' to match the server)"
                    )
                client.starttls(context=context)
                client.ehlo()
            if username is not None and password is not None:
                if not client.has_extn("auth"):
                    raise DeliveryError(
                        f"SMTP server {self.server} does not offer AUTH on this connection "
                        f"(security: {settings.security}); many servers offer it only over TLS"
                    )
                client.login(username, password)
        except DeliveryError:
            self.close()
            raise
        except smtplib.SMTPAuthenticationError as error:
            self.close()
            raise DeliveryError(
                f"SMTP server {self.server} refused the login of the user in "
                f"${settings.username_env}: {_reply(error.smtp_code, error.smtp_error)}"
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise DeliveryError(
                f"cannot reach SMTP server {self.server} ({settings.security}): {_describe(error)}"
            ) from None

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()

    def send(self, message: EmailMessage) -> SendOutcome:
        """Send to the message's single `To`; a refusal is an outcome, a lost link an error."""
        if self._client is None:
            raise DeliveryError(f"not connected to SMTP server {self.server}")
        sender = parseaddr(str(message["From"]))[1]
        recipient = parseaddr(str(message["To"]))[1]
        try:
            self._client.send_message(message, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = error.recipients.get(recipient, next(iter(error.recipients.values())))
            return SendOutcome(False, _reply(code, reply), permanent=code >= 500)
        except smtplib.SMTPSenderRefused as error:
            # The same for every recipient: a configuration problem, not theirs.
            raise DeliveryError(
                f"SMTP server {self.server} refused the sender {sender}: "
                f"{_reply(error.smtp_code, error.smtp_error)} (check digest.from)"
            ) from None
        except smtplib.SMTPDataError as error:
            return SendOutcome(
                False, _reply(error.smtp_code, error.smtp_error), permanent=error.smtp_code >= 500
            )
        except smtplib.SMTPNotSupportedError as error:
            # e.g. an internationalised address on a server without SMTPUTF8.
            return SendOutcome(False, header_safe(str(error)), permanent=True)
        except (smtplib.SMTPException, OSError) as error:
            self._client = None
            raise DeliveryError(
                f"lost the connection to SMTP server {self.server}: {_describe(error)}"
            ) from None
        return SendOutcome(True)

    def _credentials(self) -> tuple[str | None, str | None]:
        names = (self.settings.username_env, self.settings.password_env)
        if names == (None, None):
            return None, None
        values: list[str] = []
        for key, name in zip(("username_env", "password_env"), names, strict=True):
            if not name:
                raise DeliveryError(
                    f"digest.smtp.{key} is not set: give both username_env and password_env"
                )
            value = self._env.get(name)
            if not value:
                raise DeliveryError(f"environment variable {name} (digest.smtp.{key}) is not set")
            values.append(value)
        return values[0], values[1]


def _is_address(written: str, mailbox: str) -> bool:
    """Whether `written` is one address, whose mailbox is `mailbox` ("a@x.org; b@y.org",
    or a list with one bad address in it, is not)."""
    local, at, domain = mailbox.rpartition("@")
    return bool(
        at
        and local
        and "." in domain
        and not _CONTROL.search(written)
        and " " not in mailbox
        and len(getaddresses([written])) == 1
    )


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return header_safe(f"{code} {text}")


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return _reply(error.smtp_code, error.smtp_error)
    if isinstance(error, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(error, ssl.SSLError):
        return f"TLS error: {error.reason or error}"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused (nothing listening)"
    if isinstance(error, socket.gaierror):
        return f"unknown host ({error.strerror})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
