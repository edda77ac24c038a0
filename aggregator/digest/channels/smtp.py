"""Sending the digest over SMTP: one session, one message per recipient.

SMTP credentials come from the environment variables *named* in the
configuration; their values are never logged or put in an error message.
A failure to connect, secure or log in raises DeliveryError with one clear
line; a server refusing one recipient is a `SendOutcome`, not an exception,
so the other recipients are still sent.

`smtp.timeout` is a deadline for each whole exchange (connecting with the
greeting, each command with its reply, the message with its reply), not for
each read: a server trickling a byte at a time cannot hold a run longer.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr
from types import TracebackType
from typing import Any

from ...errors import DeliveryError
from ...types import Config, DigestRecipient, SendOutcome, SmtpSettings, StoredDigest
from ..mail import build_message, header_safe, list_id


class _Deadlines:
    """An `smtplib.SMTP` whose `timeout` bounds each exchange as a whole.

    Each command (and the connection with its greeting) starts a deadline;
    every read and write of that exchange may use only what is left of it.
    """

    timeout: float
    sock: socket.socket | None
    file: Any
    _deadline = 0.0

    def _start(self) -> None:
        self._deadline = time.monotonic() + self.timeout

    def _left(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise self._expired()
        return left

    def _expired(self) -> TimeoutError:
        return TimeoutError(f"no complete exchange within {self.timeout:g} s")

    def connect(self, host: str = "localhost", port: int = 0, source_address: Any = None) -> Any:
        self._start()
        return super().connect(host, port, source_address)  # type: ignore[misc]

    def putcmd(self, cmd: str, args: str = "") -> None:
        self._start()
        super().putcmd(cmd, args)  # type: ignore[misc]

    def send(self, s: Any) -> None:
        if self.sock is not None:
            self.sock.settimeout(self._left())  # sendall: one bound for all of it
        try:
            super().send(s)  # type: ignore[misc]
        except smtplib.SMTPServerDisconnected as error:
            if isinstance(error.__context__, TimeoutError):
                raise smtplib.SMTPServerDisconnected(str(self._expired())) from self._expired()
            raise

    def getreply(self) -> tuple[int, bytes]:
        if self.sock is not None and not isinstance(self.file, _DeadlineReader):
            self.file = _DeadlineReader(self.sock, self._left, self._expired)
        return super().getreply()  # type: ignore[misc]


class _DeadlineReader:
    """Reads reply lines from the socket, each read bounded by what is left."""

    def __init__(
        self,
        sock: socket.socket,
        left: Callable[[], float],
        expired: Callable[[], TimeoutError],
    ) -> None:
        self.sock = sock
        self.left = left
        self.expired = expired
        self.buffer = b""

    def readline(self, limit: int = -1) -> bytes:
        while b"\n" not in self.buffer and (limit < 0 or len(self.buffer) < limit):
            self.sock.settimeout(self.left())
            try:
                chunk = self.sock.recv(4096)
            except TimeoutError:
                raise self.expired() from None
            if not chunk:
                break
            self.buffer += chunk
        end = self.buffer.find(b"\n") + 1 or len(self.buffer)
        if limit >= 0:
            end = min(end, limit)
        line, self.buffer = self.buffer[:end], self.buffer[end:]
        return line

    def close(self) -> None:
        self.buffer = b""


class _SMTP(_Deadlines, smtplib.SMTP):
    pass


class _SMTP_SSL(_Deadlines, smtplib.SMTP_SSL):
    pass


class SmtpChannel:
    """One SMTP session: connect, secure, log in, then send messages one by one.

    A `channels.Channel`; also a context manager. `ssl_context` is injectable
    (tests trust a local CA); by default the system's trusted certificates
    are used. `message` builds each recipient's message (see `for_config`).
    """

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        env: Mapping[str, str],
        ssl_context: ssl.SSLContext | None = None,
        message: Callable[[StoredDigest, DigestRecipient], EmailMessage] | None = None,
    ) -> None:
        self.settings = settings
        self._env = env
        self._ssl_context = ssl_context
        self._message = message
        self._client: smtplib.SMTP | None = None

    @classmethod
    def for_config(
        cls,
        config: Config,
        *,
        env: Mapping[str, str],
        ssl_context: ssl.SSLContext | None = None,
        now: datetime,
    ) -> SmtpChannel:
        """The channel of `config.digest`, whose messages are dated `now`."""
        settings = config.digest
        assert settings is not None
        identity = list_id(config.title, config.site_url)

        def message(digest: StoredDigest, recipient: DigestRecipient) -> EmailMessage:
            return build_message(
                digest,
                recipient=recipient.address,
                message_id=recipient.message_id,
                settings=settings,
                list_id=identity,
                date=now,
            )

        return cls(settings.smtp, env=env, ssl_context=ssl_context, message=message)

    @property
    def server(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def __enter__(self) -> SmtpChannel:
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
                client: smtplib.SMTP = _SMTP_SSL(
                    settings.host, settings.port, timeout=settings.timeout, context=context
                )
            else:
                client = _SMTP(settings.host, settings.port, timeout=settings.timeout)
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

    def send(self, digest: StoredDigest, recipient: DigestRecipient) -> SendOutcome:
        """Send `digest` to `recipient`; a refusal is an outcome, a lost link an error."""
        assert self._message is not None, "made without a message builder: use send_message"
        return self.send_message(self._message(digest, recipient))

    def send_message(self, message: EmailMessage) -> SendOutcome:
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


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return header_safe(f"{code} {text}")


def _describe(error: BaseException) -> str:
    if isinstance(error.__context__, TimeoutError) and str(error.__context__):
        return f"timed out: {error.__context__}"  # a whole exchange took too long
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
