"""Every error the aggregator raises on purpose.

    AggregatorError                 base: the CLI turns any of these into one clear line
    ├── ConfigError                 feeds.yaml is wrong (file, line, key, fix)
    ├── LockedError                 another run holds the lock
    ├── StorageError                the database or the site folder cannot be used
    ├── SourceError(url)            one partner's feed or page failed; the others go on
    │   ├── FetchError              network, HTTP status, size cap, timeout
    │   │   └── GoneError           410 Gone: not polled again until the admin acts
    │   ├── NotModified             304, or a body identical to the last one
    │   └── ParseError              the body is not a feed / page we can read
    └── DeliveryError               the digest could not be sent (SMTP down, refused)

Expected errors become a source's recorded status and one log line;
anything else is a bug: it propagates, except around the work on one
source (fetching it, reading it, storing it), where it becomes that
source's failure, logged in one line, so that the other sources go on.
"""

from __future__ import annotations


class AggregatorError(Exception):
    """Base of every error the aggregator raises on purpose."""

    default_message = "aggregator error"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self.args[0])


class ConfigError(AggregatorError):
    """feeds.yaml cannot be used as written."""

    default_message = "invalid configuration"

    def __init__(
        self,
        message: str,
        *,
        path: object = None,
        line: int | None = None,
        key: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.fix = fix
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line else f"{path}: "
        text = where + message
        if fix:
            text += f" ({fix})"
        super().__init__(text)


class LockedError(AggregatorError):
    """Another `aggregator run` is still going."""

    default_message = "another aggregator run is in progress"


class StorageError(AggregatorError):
    """The database or the site folder cannot be opened or written."""

    default_message = "cannot write the database or the site"


class SourceError(AggregatorError):
    """Something went wrong with one source; the others carry on."""

    default_message = "source error"

    def __init__(self, url: str, message: str | None = None) -> None:
        self.url = url
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        # keep url and message across process boundaries (parsing runs in a pool)
        return (type(self), (self.url, self.message), self.__dict__)


class FetchError(SourceError):
    """The source could not be fetched."""

    default_message = "could not fetch"

    def __init__(
        self,
        url: str,
        message: str | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(url, message)


class GoneError(FetchError):
    """The server answered 410 Gone."""

    default_message = "410 Gone: the partner removed this feed; update or remove it in feeds.yaml"


class NotModified(SourceError):
    """Nothing changed since the last fetch (304, or the same bytes)."""

    default_message = "not modified"


class ParseError(SourceError):
    """The body could not be read as a feed or page."""

    default_message = "not a feed"


class DeliveryError(AggregatorError):
    """The digest could not be delivered."""

    default_message = "could not send the digest"
