"""The domain types, in one place.

What a source *said* (`Fetched`, `ParsedFeed`, `ParsedItem`) is kept apart
from what we *decided* (`Classification`) and what we *stored* and publish
(`Item`, `FeedStatus`). All datetimes are timezone-aware UTC; dates without
a time (deadlines) are `datetime.date`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

#: A key of `sources.READERS` (checked by config).
SourceType = str
Kind = Literal["call", "event", "news"]
KINDS: tuple[Kind, ...] = ("call", "event", "news")
#: Where a call stands: taking applications (with a deadline, or on a rolling
#: basis), announced but not open yet, or closed.
CallStatus = Literal["open", "rolling", "forthcoming", "closed"]
CALL_STATUSES: tuple[CallStatus, ...] = ("open", "rolling", "forthcoming", "closed")
#: What a dated milestone of a call (or an event's registration) is.
KeyDateKind = Literal[
    "concept-note",
    "full-proposal",
    "information-session",
    "questions",
    "results",
    "start",
    "event",
    "registration",
    "other",
]


# --- configuration ---------------------------------------------------------


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for a page source; all but `item` are relative to one item."""

    #: Matches each item on the page.
    item: str
    #: The title element (default: the link's text, else the item's first heading).
    title: str | None = None
    #: Element whose href is the item's link (default: the first link in the item).
    link: str | None = None
    #: Element holding the date: its `datetime` attribute if present, else its text.
    date: str | None = None
    #: Element holding the summary (sanitised HTML).
    summary: str | None = None


@dataclass(frozen=True)
class Source:
    """One partner feed or page, as listed in feeds.yaml."""

    #: The partner's name as shown to readers.
    name: str
    #: The URL polled.
    url: str
    #: `feed` (RSS/Atom) or `page` (an HTML listing).
    type: SourceType = "feed"
    #: Tags every item of this source carries.
    tags: tuple[str, ...] = ()
    #: Language of the source (en, fr, es); None means detect per item.
    language: str | None = None
    #: Force every item of this source to one kind.
    kind: Kind | None = None
    #: Selectors for a page; None on a page means automatic mode.
    selectors: Selectors | None = None
    #: How to read numeric dates such as 12/07/2027: "DMY" or "MDY" (default by language).
    date_order: str | None = None
    #: Countries (ISO 3166-1 alpha-2) every item of this source is about.
    countries: tuple[str, ...] = ()
    #: Topic and region slugs every item of this source is about.
    topics: tuple[str, ...] = ()
    #: Line of the entry in feeds.yaml, for messages (known when the file had a mistake).
    line: int | None = None


FacetKind = Literal["mineral", "theme", "region"]


@dataclass(frozen=True)
class FacetTerms:
    """A topic or region of the site's taxonomy (or words added to one in feeds.yaml)."""

    #: Its slug in URLs and filters: "gold", "3t", "great-lakes".
    slug: str
    kind: FacetKind
    #: Its name per language: (("en", "Gold"), ("fr", "Or"), ("es", "Oro")).
    labels: tuple[tuple[str, str], ...] = ()
    #: The words that put an item in it, in any of the three languages.
    terms: tuple[str, ...] = ()
    #: For a region: the countries whose items are in it.
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaxonomySettings:
    """What feeds.yaml's `taxonomy:` adds to the built-in vocabulary."""

    #: New topics and regions, or more words for built-in ones.
    facets: tuple[FacetTerms, ...] = ()
    #: More words for countries: (("CD", ("Kasaï",)), …).
    country_terms: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how hard we fetch."""

    concurrency: int = 64
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    #: Process pool size for parsing; 0 parses in the main process.
    workers: int | None = None
    #: Consecutive failures before a source is backed off.
    backoff_after: int = 3
    #: Calls without a deadline whose own page is read per run (0: never).
    call_pages: int = 20


@dataclass(frozen=True)
class Rules:
    """Classification rules added by feeds.yaml on top of the built-in ones."""

    #: Extra phrases per kind, e.g. {"call": ("convocatoria abierta",)}.
    kind_phrases: tuple[tuple[Kind, tuple[str, ...]], ...] = ()
    #: Extra topic tags and the phrases that set them.
    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send mail; secrets are named, never written."""

    host: str = "localhost"
    port: int = 25
    security: Literal["starttls", "ssl", "none"] = "none"
    username_env: str | None = None
    password_env: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class DigestSettings:
    """The periodic email digest."""

    #: e.g. "weekly monday 08:00 Europe/Paris" or "daily 07:00 UTC".
    schedule: str
    subject: str
    sender: str
    to: tuple[str, ...] = ()
    recipients_file: Path | None = None
    unsubscribe: tuple[str, ...] = ()
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    skip_when_empty: bool = True
    first_digest_days: int = 7
    #: `schedule` as config parsed it (None in settings built by hand, which
    #: the digest then parses itself).
    timetable: Schedule | None = None
    #: Subjects by language (from `subject: {en: …, fr: …}`); `subject` is the English one.
    subjects: tuple[tuple[str, str], ...] = ()
    #: The subscribers file (CSV or YAML), each person with their preferences.
    subscribers: Path | None = None
    #: Addresses that left, one a line: never sent to again.
    suppressed: Path | None = None
    #: Where a subscriber changes their preferences (https URL or mailto:; `{email}` filled in).
    preferences: str | None = None
    #: Where someone who was forwarded a digest subscribes (https URL or mailto:).
    subscribe: str | None = None


SubscriberKinds = Literal["calls", "all"]
Frequency = Literal["daily", "weekly"]


@dataclass(frozen=True)
class Subscriber:
    """One person on the digest's list and what they want from it."""

    #: The mailbox, e.g. "ana@example.org".
    email: str
    name: str = ""
    #: The language of the digest's labels and dates: en, fr or es.
    language: str = "en"
    #: Topic or region slugs as on the site ("gold", "great-lakes"); empty means all.
    topics: tuple[str, ...] = ()
    #: ISO 3166-1 alpha-2 codes ("CD"); empty means all.
    countries: tuple[str, ...] = ()
    #: Source names as in feeds.yaml; empty means all.
    partners: tuple[str, ...] = ()
    #: "calls": calls only; "all": calls, events and news.
    kinds: SubscriberKinds = "all"
    #: "daily" or "weekly"; None follows the digest's schedule.
    frequency: Frequency | None = None
    #: Line in the subscribers file (None for `to:` and `recipients_file`).
    line: int | None = None

    @property
    def wants_everything(self) -> bool:
        return not (self.topics or self.countries or self.partners) and self.kinds == "all"


@dataclass(frozen=True)
class NotifyChannel:
    """A chat or social channel new calls are posted to, through Apprise."""

    #: How the channel is named in logs and messages: never a secret.
    name: str
    #: Its identity in the ledger: its `name:` in feeds.yaml, else a hash of its URL template.
    key: str
    #: The Apprise URL with `{NAME}` placeholders filled from the environment...
    url: str | None = None
    #: ...or the name of an environment variable holding the whole URL.
    url_env: str | None = None
    #: Kinds of items posted when new (reminders and extensions are for calls).
    kinds: tuple[Kind, ...] = ("call",)
    #: Filters, empty means all: topic slugs, ISO country codes, item languages.
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    #: The language of the posts' labels.
    language: str = "en"
    #: Posts per run at most; the rest wait for the next run.
    max_posts: int = 5
    line: int | None = None


@dataclass(frozen=True)
class Config:
    """feeds.yaml, validated."""

    path: Path
    #: The English site's title, and that of each language without its own in `titles`.
    title: str
    description: str
    site_url: str
    database: Path
    site: Path
    #: The folder templates are read from (`templates:`, else the shipped ones).
    templates: Path
    sources: tuple[Source, ...]
    feed_size: int = 100
    #: Calls with no deadline stay "open" this many days after publication.
    open_call_days: int = 60
    #: A cap on the database file's size (None: as large as the disk allows).
    database_max_mb: int | None = None
    #: Rows of fetch history older than this many days are deleted at each run.
    fetch_history_days: int = 90
    fetch: FetchSettings = field(default_factory=FetchSettings)
    rules: Rules = field(default_factory=Rules)
    digest: DigestSettings | None = None
    #: Topics, regions and country words feeds.yaml adds to the site's taxonomy.
    taxonomy: TaxonomySettings = field(default_factory=TaxonomySettings)
    #: Chat and social channels new calls are posted to (Apprise URLs).
    notify: tuple[NotifyChannel, ...] = ()
    #: Contact URL for the User-Agent (defaults to site_url).
    contact: str | None = None
    #: Where people sign up for the email digest: a mailto: or https:// address (`signup:`).
    signup: str | None = None
    #: Where a template missing from `templates` is read from (the shipped ones), if anywhere.
    templates_fallback: Path | None = None
    #: (language, title) of each language with a title of its own (`title: {fr: …}`).
    titles: tuple[tuple[str, str], ...] = ()
    #: (language, description) of each language with a description of its own.
    descriptions: tuple[tuple[str, str], ...] = ()

    def title_in(self, lang: str) -> str:
        """The site's title in `lang`: its own if feeds.yaml gives one, else `title`."""
        return dict(self.titles).get(lang) or self.title

    def description_in(self, lang: str) -> str:
        """The site's description in `lang`: its own if feeds.yaml gives one, else `description`."""
        return dict(self.descriptions).get(lang) or self.description

    @property
    def template_folders(self) -> tuple[Path, ...]:
        """The folders a template is looked up in, first match wins."""
        if self.templates_fallback is None or self.templates_fallback == self.templates:
            return (self.templates,)
        return (self.templates, self.templates_fallback)

    def source(self, name_or_url: str) -> Source | None:
        for source in self.sources:
            if name_or_url in (source.name, source.url):
                return source
        return None


# --- what a source said ----------------------------------------------------


@dataclass(frozen=True)
class FeedState:
    """What we remember of a source between runs, to fetch it politely."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    #: Not before this time (Retry-After, back-off).
    next_fetch: datetime | None = None
    failures: int = 0
    gone: bool = False
    #: The feed a page source advertises, polled in the page's place; the
    #: validators above are then the feed's.
    resolved_feed: str | None = None

    @property
    def poll_url(self) -> str:
        """The address a run fetches: the resolved feed, else the source's own."""
        return self.resolved_feed or self.url


@dataclass(frozen=True)
class Fetched:
    """A successful HTTP response for one source."""

    source: Source
    #: URL after redirects, used to resolve relative links.
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    etag: str | None
    last_modified: str | None
    content_hash: str
    #: Set when the source answered a permanent redirect (301/308).
    moved_to: str | None = None
    duration: float = 0.0


@dataclass(frozen=True)
class ParsedItem:
    """One entry as a feed or page gave it (HTML already sanitised)."""

    #: Identity within its source: guid, else link, else a content hash.
    key: str
    title: str
    link: str | None
    summary: str = ""
    content: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    language: str | None = None
    #: Links to the same item in other languages: ((lang, url), ...).
    translations: tuple[tuple[str, str], ...] = ()
    categories: tuple[str, ...] = ()
    #: Plain text around the item that is read for its kind and deadline but
    #: neither shown nor stored: on a page, what the listing says besides the
    #: title ("Date limite : 10 avril 2027 · 3 comments").
    context: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    """A source's whole content, as parsed."""

    title: str | None
    link: str | None
    items: tuple[ParsedItem, ...]
    #: A problem the parser tolerated (e.g. malformed XML), recorded on the source.
    warning: str | None = None
    language: str | None = None
    #: A page that advertises its own feed (<link rel="alternate">) names it here.
    alternate_feed: str | None = None


# --- what we decided ---------------------------------------------------------


@dataclass(frozen=True)
class KeyDate:
    """A dated milestone of a call other than its deadline ("full proposals by 30 June")."""

    what: KeyDateKind
    date: date


@dataclass(frozen=True)
class EventDates:
    """When an event takes place, and whether one attends it online."""

    start: date
    #: The last day (the start for a one-day event).
    end: date
    #: True online, False in a place, None both or not said.
    online: bool | None = None


@dataclass(frozen=True)
class Classification:
    """Kind, deadline, tags and language of one item, and why."""

    kind: Kind
    #: The rule that decided the kind, e.g. 'title: "call for proposals"'.
    kind_reason: str
    deadline: date | None = None
    #: The text the deadline was read from.
    deadline_phrase: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None
    #: A call's status as its text gives it on the day it was published (None
    #: for events and news); `select.status_on_day` says what it is on a given day.
    status: CallStatus | None = None
    #: Why that status, e.g. 'summary: "will be launched"' or "deadline given".
    status_reason: str | None = None
    #: The day a forthcoming call opens, when the text says.
    opens: date | None = None
    #: The deadline replaces an earlier one ("extended to 30 June").
    deadline_extended: bool = False
    #: The call's other dated milestones, in date order.
    key_dates: tuple[KeyDate, ...] = ()
    #: An event's own dates (never its registration deadline).
    event: EventDates | None = None
    #: How sure the decisions are, from 0 to 1; below `REVIEW_BELOW` a person should look.
    confidence: float = 1.0
    #: The classifier that decided (`classifier_version`); stored, so that a run
    #: re-classifies what an older one decided.
    classifier: str | None = None


@dataclass(frozen=True)
class ClassifiedItem:
    """A parsed item with our decisions about it."""

    parsed: ParsedItem
    classification: Classification


# --- what we stored and publish -------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    """A partner that carries an item."""

    name: str
    link: str
    #: The source's own address in feeds.yaml (its feed or page).
    feed: str = ""


@dataclass(frozen=True)
class Item:
    """One deduplicated item, as published."""

    id: str
    #: Canonical URL (the cross-feed identity), or None for items without a link.
    url: str | None
    link: str | None
    title: str
    summary: str
    #: Publication date given by the source, else when we first saw it.
    published: datetime
    first_seen: datetime
    updated: datetime
    kind: Kind
    kind_reason: str
    deadline: date | None
    deadline_phrase: str | None
    language: str | None
    tags: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    translations: tuple[tuple[str, str], ...] = ()
    #: A call's status as its text gave it (`select.status_on_day` for a given day).
    status: CallStatus | None = None
    status_reason: str | None = None
    opens: date | None = None
    deadline_extended: bool = False
    key_dates: tuple[KeyDate, ...] = ()
    event: EventDates | None = None
    confidence: float = 1.0
    #: What the secretariat corrected in overrides.yaml (field names), if anything.
    corrected: tuple[str, ...] = ()
    #: The site's facets (`taxonomy.tag_items`), set on the items about to be published:
    #: topic slugs ("gold", "3t"), region slugs ("great-lakes"), ISO codes ("CD").
    topics: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    @property
    def partner_names(self) -> tuple[str, ...]:
        return tuple(ref.name for ref in self.sources)


@dataclass(frozen=True)
class CallPage:
    """A call without a deadline whose own page is to be read, and what we know of it."""

    item_id: str
    #: The page: the item's link.
    url: str
    #: The partner's address in feeds.yaml (the internal-address rule follows it).
    source_url: str
    source_name: str
    title: str
    summary: str
    published: datetime
    language: str | None
    etag: str | None = None
    last_modified: str | None = None
    #: The text kept from the last reading (used again when the page answers 304).
    text: str | None = None


@dataclass(frozen=True)
class StoredEntry:
    """A stored item decided by an older classifier, as it is classified again."""

    item_id: str
    #: The feed that published it (its first source), and that feed's name.
    feed_url: str
    source_name: str
    title: str
    link: str | None
    summary: str
    published: datetime
    language: str | None
    #: The text of the call's own page, when one was read.
    page_text: str | None = None


@dataclass(frozen=True)
class Override:
    """The secretariat's correction of one item, from overrides.yaml (keyed by its URL)."""

    url: str
    kind: Kind | None = None
    status: CallStatus | None = None
    deadline: date | None = None
    #: True when the entry sets `deadline: null` (the item has none).
    no_deadline: bool = False
    opens: date | None = None
    event: EventDates | None = None
    hidden: bool = False
    note: str | None = None
    #: The entry's line in overrides.yaml, for messages.
    line: int | None = None


FetchOutcome = Literal["ok", "not_modified", "failed", "gone", "skipped", "suspect", "held"]


@dataclass(frozen=True)
class FeedStatus:
    """The outcome of polling one source in one run."""

    name: str
    url: str
    outcome: FetchOutcome
    error: str | None = None
    http_status: int | None = None
    duration: float = 0.0
    bytes: int = 0
    found: int = 0
    new_items: int = 0
    updated_items: int = 0
    moved_to: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class RunSummary:
    """What `aggregator run` did."""

    statuses: tuple[FeedStatus, ...]
    started: datetime
    finished: datetime
    digest: str | None = None
    #: The digest could not be built as configured (recipients, templates …).
    digest_misconfigured: bool = False
    #: What was posted to chat channels, as one line.
    notify: str | None = None
    #: Calls' own pages read this run, and how many of them gave a deadline.
    call_pages: tuple[int, int] = (0, 0)

    def count(self, outcome: FetchOutcome) -> int:
        return sum(1 for s in self.statuses if s.outcome == outcome)

    @property
    def new_items(self) -> int:
        return sum(s.new_items for s in self.statuses)

    @property
    def updated_items(self) -> int:
        return sum(s.updated_items for s in self.statuses)


# --- digest ------------------------------------------------------------------

DigestMode = Literal["scheduled", "send", "preview"]
DigestSection = Literal["call", "reminder", "event", "news"]


@dataclass(frozen=True)
class Schedule:
    """When the digest goes out, read from e.g. "weekly monday 08:00 Europe/Paris"."""

    frequency: Literal["daily", "weekly"]
    #: Hour and minute of the send time, local to `timezone`.
    hour: int
    minute: int
    #: IANA time zone name, e.g. "Europe/Paris" or "UTC".
    timezone: str
    #: Day of the week for weekly digests: 0 is Monday, 6 is Sunday.
    weekday: int | None = None


@dataclass(frozen=True)
class PartnerGroup:
    """The items of one section that one partner published (its first source)."""

    partner: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class DigestContent:
    """What goes into one digest, decided from the items and the digest history."""

    #: The date "today" in the digest's time zone: deadlines are counted from it.
    today: date
    #: The last digest's build time, or None for the very first digest.
    since: datetime | None
    #: New open calls, closing soonest first (no deadline last).
    calls: tuple[Item, ...]
    #: Calls sent in an earlier digest whose deadline is within two weeks.
    closing_soon: tuple[Item, ...]
    events: tuple[PartnerGroup, ...]
    news: tuple[PartnerGroup, ...]

    @property
    def event_count(self) -> int:
        return sum(len(group.items) for group in self.events)

    @property
    def news_count(self) -> int:
        return sum(len(group.items) for group in self.news)

    @property
    def total(self) -> int:
        """New items (reminders are not new)."""
        return len(self.calls) + self.event_count + self.news_count

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    def sections(self) -> tuple[tuple[str, DigestSection], ...]:
        """(item id, section) for every item in the digest, reminders included."""
        rows: list[tuple[str, DigestSection]] = [(item.id, "call") for item in self.calls]
        rows += [(item.id, "reminder") for item in self.closing_soon]
        rows += [(item.id, "event") for group in self.events for item in group.items]
        rows += [(item.id, "news") for group in self.news for item in group.items]
        return tuple(rows)


NoticeKind = Literal["new", "extended", "closing"]


@dataclass(frozen=True)
class Notice:
    """One post for a chat channel: a new call, a deadline extension or a reminder."""

    #: Unique per item and event ("item-1:new", "item-1:closing:2027-04-12").
    key: str
    item_id: str
    what: NoticeKind
    title: str
    body: str


@dataclass(frozen=True)
class RenderedDigest:
    """A digest as HTML (CSS inlined) and plain text."""

    html: str
    text: str
    #: The hidden first line mail clients show next to the subject.
    preheader: str
    #: Items left out to keep the HTML under the size limit (shown as "N more").
    cut: int = 0


@dataclass(frozen=True)
class StoredDigest:
    """A digest in the outbox."""

    id: str
    #: The schedule slot it was built for ("2027-03-29"), or "manual <time>" for a send now.
    period: str
    created: datetime
    subject: str
    html: str
    text: str
    #: "pending" until every recipient is sent or refused for good, then "sent".
    status: str


@dataclass(frozen=True)
class DigestRecipient:
    """One recipient of one stored digest, and how delivery went."""

    digest_id: str
    address: str
    message_id: str
    #: "pending", "sent" or "refused" (rejected for good, or too many attempts).
    status: str
    sent_at: datetime | None = None
    last_error: str | None = None
    attempts: int = 0
    #: The version of the digest this recipient gets (None: the digest's own text).
    edition: str | None = None


@dataclass(frozen=True)
class SendOutcome:
    """How the SMTP server answered one message for one recipient."""

    accepted: bool
    #: The server's reply when not accepted, e.g. "450 mailbox busy".
    error: str | None = None
    #: A 5xx rejection: retrying will not help.
    permanent: bool = False


@dataclass(frozen=True)
class DigestHistory:
    """What earlier digests already covered, for choosing the next one's content."""

    #: Ids of items that were in any earlier digest.
    included: frozenset[str]
    #: Ids of calls already sent as a "closing soon" reminder.
    reminded: frozenset[str]
    #: When the last digest was built, None before the first.
    last_digest_at: datetime | None
    #: The last schedule period a digest was built (or skipped) for.
    last_period: str | None
    #: When each included item was first put in a digest.
    included_at: Mapping[str, datetime] = field(default_factory=dict)


@dataclass(frozen=True)
class DigestReport:
    """What one digest run did, for the run log."""

    mode: DigestMode
    #: The digest built in this run, if any.
    digest_id: str | None = None
    period: str | None = None
    #: Messages accepted by the SMTP server in this run (all digests).
    sent: int = 0
    #: Recipients that failed in this run and will be retried.
    retry: int = 0
    #: Recipients refused for good in this run.
    refused: int = 0
    calls: int = 0
    events: int = 0
    news: int = 0
    #: Why no digest was built ("not due", "nothing new"), if none was.
    skipped: str | None = None
    #: The .eml written by a preview.
    preview_path: Path | None = None
    #: The first delivery error of the run, as one line.
    error: str | None = None

    @property
    def summary(self) -> str:
        """One line for the run log."""
        calls = f"{self.calls} call{'' if self.calls == 1 else 's'}"
        events = f"{self.events} event{'' if self.events == 1 else 's'}"
        counts = f"{calls}, {events}, {self.news} news"
        parts: list[str] = []
        if self.mode == "preview":
            parts.append(f"digest preview ({counts}) written to {self.preview_path}")
        elif self.digest_id:
            parts.append(f"digest {self.period}: {counts}")
        elif self.skipped:
            parts.append(f"no digest ({self.skipped})")
        if self.mode != "preview":
            parts.append(f"{self.sent} sent")
            if self.retry:
                parts.append(f"{self.retry} to retry")
            if self.refused:
                parts.append(f"{self.refused} refused")
        if self.error:
            parts.append(f"error: {self.error}")
        return "; ".join(parts)


# --- page sources --------------------------------------------------------------


@dataclass(frozen=True)
class PageYield:
    """Whether one poll of a page source looks right, and why."""

    #: "ok"; "suspect": far fewer items than usual (selectors probably broken);
    #: "flood": far more new items than ever (a redesign changed every link).
    verdict: Literal["ok", "suspect", "flood"]
    reason: str


DiscoveryKind = Literal["feed", "page-with-feed", "page"]


@dataclass(frozen=True)
class Discovery:
    """What a URL given to `aggregator add` turned out to be."""

    #: "feed" (RSS/Atom/JSON Feed), "page-with-feed" (a page advertising one), or "page".
    kind: DiscoveryKind
    #: The URL inspected.
    url: str
    #: A name to propose: the feed's title, else the page's <title>.
    title: str | None = None
    #: The feed to poll for "feed" (the URL itself) and "page-with-feed".
    feed_url: str | None = None
    #: Proposed selectors for a "page" (None when no repeated list was found).
    selectors: Selectors | None = None
    #: The items the page would yield with those selectors.
    preview: tuple[ParsedItem, ...] = ()


@dataclass(frozen=True)
class NewSource:
    """What `aggregator add URL` found and the feeds.yaml entry it proposes."""

    discovery: Discovery
    #: The entry to append to feeds.yaml: name, url, and for a page type and selectors.
    entry: dict[str, object]


@dataclass(frozen=True)
class Preview:
    """What a source yields right now, read and classified but not stored."""

    source: Source
    #: The page or feed title.
    title: str | None
    items: tuple[ClassifiedItem, ...]
    #: The feed read instead, when the page advertises one.
    feed_url: str | None = None
    warning: str | None = None


# --- the sources' health (sources.html, `aggregator status`) --------------------------

#: What a source's state is, as the sources page and `aggregator status` name it.
SourceStateName = Literal["ok", "new", "failing", "moved", "gone", "suspect", "held"]


@dataclass(frozen=True)
class SourceRecord:
    """What the store remembers of one source's polls (a `feeds` row and its history)."""

    url: str
    #: When it was last polled (None: never).
    last_fetched: datetime | None = None
    #: When a poll last worked (new content, not modified, suspect or held).
    last_ok: datetime | None = None
    #: The last poll's outcome (`FetchOutcome`), as recorded.
    outcome: str | None = None
    error: str | None = None
    warning: str | None = None
    http_status: int | None = None
    failures: int = 0
    gone: bool = False
    #: Where a permanent redirect sent it, until its url is changed or it is reset.
    moved_to: str | None = None
    held: bool = False
    next_fetch: datetime | None = None
    #: The feed a page advertises, polled in its place.
    resolved_feed: str | None = None
    #: The first failed poll since the last one that worked.
    failing_since: datetime | None = None
    #: The error of the last failed poll (a back-off keeps it: it records no fetch).
    last_error: str | None = None
    #: Its items waiting for `aggregator release`.
    held_items: int = 0
    #: Its items published in the last `RECENT_DAYS` days (see `store.source_records`).
    recent_items: int = 0


@dataclass(frozen=True)
class DetailPart:
    """A piece of a source's detail line: an English message with its `%(name)s`
    values, translated where it is shown, or a text shown as it is."""

    message: str
    #: The values of its placeholders; a datetime is written as the page writes times.
    values: tuple[tuple[str, str | int | datetime], ...] = ()
    #: Its plural form, chosen by the value `num`.
    plural: str | None = None
    #: What a partner's server or a reader said (an error, a warning): never translated.
    verbatim: bool = False


@dataclass(frozen=True)
class SourceHealth:
    """A source's state, decided from its record (`health.source_health`)."""

    source: Source
    record: SourceRecord
    state: SourceStateName
    #: Since when it is in that state, when known (failing, gone).
    since: datetime | None
    #: One line: what the state means for this source and what to do.
    detail: str
    #: The same line as messages to translate (`health.detail_text`).
    detail_parts: tuple[DetailPart, ...] = ()
