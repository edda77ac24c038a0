"""Who the digest goes to: read in one place, for building, previewing and `check`.

    digest_recipients(config)                    -> ("a@example.org", ...)
    digest_subscribers(config)                   -> (Subscriber, ...): the file, then `to`
    read_recipients(settings, base=config_dir)   -> the same, from the settings alone

`to` comes first, then the lines of `recipients_file`; an address that is
not one is a ConfigError naming the file and the line.
"""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.utils import getaddresses, parseaddr
from pathlib import Path

from ..errors import ConfigError
from ..types import Config, DigestSettings, Subscriber
from .subscribers import (
    from_addresses,
    known_topics,
    merge_subscribers,
    read_subscribers,
    read_suppressed,
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_COMMENT = re.compile(r"(^|\s)#.*$")


def digest_recipients(config: Config) -> tuple[str, ...]:
    """Who the digest goes to: `to` and `recipients_file` (ConfigError if unusable)."""
    if config.digest is None:
        return ()
    return read_recipients(config.digest, base=config.path.parent, config=config.path)


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


def digest_subscribers(config: Config) -> tuple[Subscriber, ...]:
    """Everyone the digest goes to, with their preferences: the subscribers file, then
    `to` and `recipients_file` (everything, in English), less the suppressed addresses.
    ConfigError for the first mistake in any of them."""
    settings = config.digest
    if settings is None:
        return ()
    people: tuple[Subscriber, ...] = ()
    if settings.subscribers is not None:
        people = read_subscribers(
            settings.subscribers,
            sources=[source.name for source in config.sources],
            topics=known_topics(config.taxonomy),
        )
    listed = from_addresses(digest_recipients(config))
    return merge_subscribers(people, listed, suppressed=read_suppressed(settings.suppressed))
