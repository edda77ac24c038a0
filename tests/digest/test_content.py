"""What goes into a digest: new since the last one, open calls first, reminders once, by partner."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from aggregator.digest.content import select_digest
from aggregator.types import DigestContent, Item, Kind
from tests.digest_support import make_item

NOW = datetime(2027, 3, 29, 6, 0, tzinfo=UTC)
TODAY = NOW.date()
LAST = NOW - timedelta(days=7)


def select(
    items: list[Item],
    *,
    included: set[str] | None = None,
    reminded: set[str] | None = None,
    last: datetime | None = LAST,
    first_days: int = 7,
) -> DigestContent:
    return select_digest(
        items,
        included_before=included or set(),
        reminded_before=reminded or set(),
        last_digest_at=last,
        now=NOW,
        first_digest_days=first_days,
    )


def ids(items: tuple[Item, ...]) -> list[str]:
    return [item.id for item in items]


def news_ids(content: DigestContent) -> list[str]:
    return [item.id for group in content.news for item in group.items]


@pytest.mark.parametrize(
    ("first_seen", "published", "included", "expected"),
    [
        # Seen after the last digest: in.
        (LAST + timedelta(hours=1), LAST, set(), True),
        # Seen before the last digest: it was a candidate then.
        (LAST - timedelta(hours=1), LAST - timedelta(hours=2), set(), False),
        # Already in a digest (e.g. a pending one): never twice.
        (LAST + timedelta(hours=1), LAST, {"item-1"}, False),
        # A missed week: seen three weeks ago, the last digest a month ago: in.
        (NOW - timedelta(days=21), NOW - timedelta(days=22), set(), True),
        # Back catalogue of a partner just added: published long before the last digest.
        (NOW - timedelta(hours=1), LAST - timedelta(days=30), set(), False),
    ],
)
def test_new_means_first_seen_since_the_last_digest(
    first_seen: datetime, published: datetime, included: set[str], expected: bool
) -> None:
    last = NOW - timedelta(days=28) if first_seen < NOW - timedelta(days=8) else LAST
    item = make_item(1, first_seen=first_seen, published=published)
    assert (news_ids(select([item], included=included, last=last)) == ["item-1"]) is expected


@pytest.mark.parametrize(
    ("published_days_ago", "expected"),
    [(1, True), (6.9, True), (7.1, False), (400, False)],
)
def test_the_first_digest_covers_only_the_last_days(
    published_days_ago: float, expected: bool
) -> None:
    published = NOW - timedelta(days=published_days_ago)
    item = make_item(1, published=published, first_seen=NOW - timedelta(hours=1))
    assert bool(news_ids(select([item], last=None, first_days=7))) is expected


def test_open_calls_closing_soonest_first_undated_last_expired_dropped() -> None:
    items = [
        make_item(1, kind="call", deadline=TODAY + timedelta(days=30)),
        make_item(2, kind="call", deadline=None),
        make_item(3, kind="call", deadline=TODAY),
        make_item(4, kind="call", deadline=TODAY - timedelta(days=1)),
        make_item(5, kind="call", deadline=TODAY + timedelta(days=3)),
    ]
    content = select(items)
    assert ids(content.calls) == ["item-3", "item-5", "item-1", "item-2"]
    assert content.total == 4


def test_an_open_call_found_late_is_not_dropped() -> None:
    """Published 9 days ago, found 2 hours ago, last digest yesterday: it goes in."""
    yesterday = NOW - timedelta(days=1)
    call = make_item(
        1,
        kind="call",
        deadline=TODAY + timedelta(days=30),
        published=NOW - timedelta(days=9),
        first_seen=NOW - timedelta(hours=2),
    )
    content = select([call], last=yesterday, first_days=7)
    assert ids(content.calls) == ["item-1"]
    assert content.sections() == (("item-1", "call"),)
    # Once in that digest it is not new again, and is reminded when it closes soon.
    later = select_digest(
        [call],
        included_before={"item-1"},
        reminded_before=set(),
        last_digest_at=NOW,
        now=NOW + timedelta(days=20),
        first_digest_days=7,
    )
    assert (ids(later.calls), ids(later.closing_soon)) == ([], ["item-1"])


JUST_ADDED = NOW - timedelta(hours=1)  # a partner added to feeds.yaml an hour ago
TWO_YEARS_AGO = NOW - timedelta(days=730)


@pytest.mark.parametrize(
    ("kind", "published", "deadline", "open_days", "expected"),
    [
        ("news", TWO_YEARS_AGO, None, 60, False),  # back catalogue: on the site only
        ("event", TWO_YEARS_AGO, None, 60, False),
        ("news", NOW - timedelta(days=3), None, 60, True),  # its recent news is news
        ("call", TWO_YEARS_AGO, TODAY - timedelta(days=400), 60, False),  # expired
        ("call", NOW - timedelta(days=3), TODAY - timedelta(days=1), 60, False),  # closed
        ("call", TWO_YEARS_AGO, TODAY + timedelta(days=20), 60, True),  # still open
        ("call", TWO_YEARS_AGO, TODAY, 60, True),  # closes today
        ("call", TWO_YEARS_AGO, None, 60, False),  # no deadline, long past open_days
        ("call", NOW - timedelta(days=30), None, 60, True),  # no deadline, still open
        ("call", NOW - timedelta(days=30), None, 14, False),  # ... unless open_days is short
    ],
)
def test_a_new_partners_archive_brings_its_open_calls_only(
    kind: Kind, published: datetime, deadline: date | None, open_days: int, expected: bool
) -> None:
    item = make_item(
        1,
        kind=kind,
        published=published,
        first_seen=JUST_ADDED,
        deadline=deadline,
    )
    for last in (LAST, None):  # a later digest and the very first one
        content = select_digest(
            [item],
            included_before=set(),
            reminded_before=set(),
            last_digest_at=last,
            now=NOW,
            first_digest_days=7,
            open_days=open_days,
        )
        assert ([id for id, _ in content.sections()] == ["item-1"]) is expected, last


@pytest.mark.parametrize(
    ("deadline_in", "included", "reminded", "expected"),
    [
        (10, True, False, True),
        (0, True, False, True),
        (14, True, False, True),
        (15, True, False, False),  # not yet
        (-1, True, False, False),  # closed
        (10, True, True, False),  # reminded once already
        (10, False, False, False),  # never sent: it is a new call, not a reminder
    ],
)
def test_closing_soon_reminds_sent_calls_once(
    deadline_in: int, included: bool, reminded: bool, expected: bool
) -> None:
    call = make_item(
        1,
        kind="call",
        deadline=TODAY + timedelta(days=deadline_in),
        first_seen=LAST - timedelta(days=20),
        published=LAST - timedelta(days=20),
    )
    content = select(
        [call],
        included={"item-1"} if included else set(),
        reminded={"item-1"} if reminded else set(),
    )
    assert (ids(content.closing_soon) == ["item-1"]) is expected
    assert content.total == 0  # a reminder is not new


def test_news_and_events_grouped_by_partner_reposts_once() -> None:
    items = [
        make_item(1, partners=("Zeta Initiative",), published=NOW - timedelta(days=2)),
        make_item(2, partners=("alpha network", "Zeta Initiative")),
        make_item(3, partners=("Zeta Initiative",), published=NOW - timedelta(hours=3)),
        make_item(4, kind="event", partners=("Beta",)),
        make_item(5, kind="call", partners=("Beta", "alpha network"), deadline=date(2027, 5, 1)),
    ]
    content = select(items, last=NOW - timedelta(days=30))
    assert [(g.partner, ids(g.items)) for g in content.news] == [
        ("alpha network", ["item-2"]),
        ("Zeta Initiative", ["item-3", "item-1"]),  # newest first
    ]
    assert [(g.partner, ids(g.items)) for g in content.events] == [("Beta", ["item-4"])]
    assert content.calls[0].partner_names == ("Beta", "alpha network")
    assert (len(content.calls), content.news_count, content.event_count) == (1, 3, 1)
    assert sorted(content.sections()) == [
        ("item-1", "news"),
        ("item-2", "news"),
        ("item-3", "news"),
        ("item-4", "event"),
        ("item-5", "call"),
    ]


def test_nothing_new_is_empty() -> None:
    old = make_item(1, first_seen=LAST - timedelta(days=1), published=LAST - timedelta(days=1))
    content = select([old])
    assert content.is_empty
    assert content.today == TODAY
