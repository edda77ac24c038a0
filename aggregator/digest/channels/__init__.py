"""The ways a stored digest reaches its recipients, behind one small protocol.

    channel = CHANNELS["smtp"](config, env=os.environ, ssl_context=None, now=now)
    channel.open()                               DeliveryError if unreachable
    channel.send(digest, recipient) -> SendOutcome   (a refusal is an outcome)
    channel.close()

A channel sends one message to one recipient at a time; the outbox
(`digest.outbox`) records each outcome, so a channel keeps no state of its
own between runs. Adding a channel (Slack, a web hook) is one module here and
one row of `CHANNELS`.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Protocol

from ...types import Config, DigestRecipient, SendOutcome, StoredDigest
from .smtp import SmtpChannel


class Channel(Protocol):
    """One delivery session."""

    def open(self) -> None:
        """Connect (and log in); DeliveryError when that is not possible."""

    def send(self, digest: StoredDigest, recipient: DigestRecipient) -> SendOutcome:
        """Send `digest` to one recipient; DeliveryError when the session is lost."""
        ...

    def close(self) -> None:
        """End the session; never raises."""


#: Makes a channel for a configuration: (config, env=, ssl_context=, now=) -> Channel.
ChannelFactory = Callable[..., Channel]


def _smtp(
    config: Config,
    *,
    env: Mapping[str, str],
    ssl_context: ssl.SSLContext | None = None,
    now: datetime,
) -> Channel:
    assert config.digest is not None
    return SmtpChannel.for_config(config, env=env, ssl_context=ssl_context, now=now)


#: Every channel, by name; the digest is sent by `DEFAULT_CHANNEL`.
CHANNELS: dict[str, ChannelFactory] = {"smtp": _smtp}
DEFAULT_CHANNEL = "smtp"
