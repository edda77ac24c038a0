"""Which items each output shows, and in what order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from aggregator.dedup import ItemGroup, group_translations
from aggregator.select import (
    closed_calls,
    days_left,
    is_open_call,
    latest,
    news,
    open_calls,
)
from aggregator.types import Item, SourceRef
from aggregator.urls import safe_link

TODAY = date(2027, 6, 1)
NOON = datetime(2027, 6, 1, 12, tzinfo=UTC)


def make_item(id: str, **changes: Any) -> Item:
    base = Item(
        id=id,
        url=f"https://partner.example/{id}",
        link=f"https://partner.example/{id}",
        title=f"Item {id}",
        summary="",
        published=NOON - timedelta(days=1),
        first_seen=NOON - timedelta(days=1),
        updated=NOON - timedelta(days=1),
        kind="news",
        kind_reason="default",
        deadline=None,
        deadline_phrase=None,
        language="en",
        tags=(),
        sources=(SourceRef("Partner", "https://partner.example/"),),
    )
    return replace(base, **changes)


def days_ago(n: int) -> datetime:
    return NOON - timedelta(days=n)


def ids(items: list[Item]) -> list[str]:
    return [item.id for item in items]


# --- latest ---------------------------------------------------------------------


def test_latest_is_newest_first_ties_by_first_seen_then_id() -> None:
    items = [
        make_item("old", published=days_ago(10)),
        make_item("b", published=days_ago(1), first_seen=days_ago(1)),
        make_item("a", published=days_ago(1), first_seen=days_ago(1)),
        make_item("seen-later", published=days_ago(1), first_seen=days_ago(0)),
        make_item("new", published=days_ago(0)),
    ]
    assert ids(latest(items, 10)) == ["new", "seen-later", "a", "b", "old"]


@pytest.mark.parametrize(
    ("n", "expected"), [(0, []), (1, ["x3"]), (2, ["x3", "x2"]), (9, ["x3", "x2", "x1"])]
)
def test_latest_keeps_at_most_n(n: int, expected: list[str]) -> None:
    items = [make_item(f"x{i}", published=days_ago(10 - i)) for i in (1, 2, 3)]
    assert ids(latest(items, n)) == expected


# --- open calls -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "changes", "is_open"),
    [
        ("deadline in the future", {"deadline": TODAY + timedelta(days=30)}, True),
        ("deadline today", {"deadline": TODAY}, True),
        ("deadline yesterday", {"deadline": TODAY - timedelta(days=1)}, False),
        (
            "past deadline, however recent the call",
            {"deadline": TODAY - timedelta(days=1), "published": days_ago(0)},
            False,
        ),
        (
            "future deadline, however old the call",
            {"deadline": TODAY + timedelta(days=5), "published": days_ago(400)},
            True,
        ),
        ("no deadline, published today", {"published": days_ago(0)}, True),
        ("no deadline, published 60 days ago", {"published": days_ago(60)}, True),
        ("no deadline, published 61 days ago", {"published": days_ago(61)}, False),
        ("news is never a call", {"kind": "news", "deadline": TODAY}, False),
        ("an event is never a call", {"kind": "event", "deadline": TODAY}, False),
    ],
)
def test_which_calls_are_open(case: str, changes: dict[str, Any], is_open: bool) -> None:
    item = make_item("x", **{"kind": "call", **changes})
    assert is_open_call(item, today=TODAY, open_days=60) is is_open, case
    assert ids(open_calls([item], today=TODAY, open_days=60)) == (["x"] if is_open else [])
    if item.kind == "call":
        assert ids(closed_calls([item], today=TODAY, open_days=60)) == ([] if is_open else ["x"])


def test_open_calls_close_soonest_first_then_undated_newest_first() -> None:
    items = [
        make_item("undated-old", kind="call", published=days_ago(20)),
        make_item("in-30-days", kind="call", deadline=TODAY + timedelta(days=30)),
        make_item("news", kind="news"),
        make_item("today", kind="call", deadline=TODAY),
        make_item("undated-new", kind="call", published=days_ago(2)),
        make_item("expired", kind="call", deadline=TODAY - timedelta(days=3)),
        make_item("in-2-days", kind="call", deadline=TODAY + timedelta(days=2)),
    ]
    assert ids(open_calls(items, today=TODAY, open_days=60)) == [
        "today",
        "in-2-days",
        "in-30-days",
        "undated-new",
        "undated-old",
    ]


def test_same_deadline_is_ordered_newest_first() -> None:
    deadline = TODAY + timedelta(days=9)
    items = [
        make_item("older", kind="call", deadline=deadline, published=days_ago(5)),
        make_item("newer", kind="call", deadline=deadline, published=days_ago(1)),
    ]
    assert ids(open_calls(items, today=TODAY, open_days=60)) == ["newer", "older"]


def test_closed_calls_most_recently_closed_first() -> None:
    items = [
        make_item("closed-long-ago", kind="call", deadline=TODAY - timedelta(days=100)),
        make_item("open", kind="call", deadline=TODAY + timedelta(days=1)),
        # No deadline: closed 60 days after publication, i.e. 10 days ago.
        make_item("undated", kind="call", published=days_ago(70)),
        make_item("closed-yesterday", kind="call", deadline=TODAY - timedelta(days=1)),
        make_item("news", kind="news", published=days_ago(300)),
    ]
    assert ids(closed_calls(items, today=TODAY, open_days=60)) == [
        "closed-yesterday",
        "undated",
        "closed-long-ago",
    ]


def test_a_call_moves_from_open_to_archive_when_its_deadline_passes() -> None:
    call = make_item("c", kind="call", deadline=date(2027, 6, 23))
    for today, open_expected in [
        (date(2027, 6, 22), True),
        (date(2027, 6, 23), True),
        (date(2027, 6, 24), False),
    ]:
        assert bool(open_calls([call], today=today, open_days=60)) is open_expected
        assert bool(closed_calls([call], today=today, open_days=60)) is not open_expected


def test_news_is_every_non_call_newest_first() -> None:
    items = [
        make_item("n-old", kind="news", published=days_ago(9)),
        make_item("call", kind="call", published=days_ago(0)),
        make_item("event", kind="event", published=days_ago(3)),
        make_item("n-new", kind="news", published=days_ago(1)),
    ]
    assert ids(news(items)) == ["n-new", "event", "n-old"]


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (None, None),
        (TODAY, 0),
        (TODAY + timedelta(days=1), 1),
        (TODAY + timedelta(days=45), 45),
        (TODAY - timedelta(days=2), -2),
    ],
)
def test_days_left(deadline: date | None, expected: int | None) -> None:
    assert days_left(make_item("x", kind="call", deadline=deadline), TODAY) == expected


# --- links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org/", "http://example.org/"),
        ("  HTTPS://Example.org/x  ", "https://Example.org/x"),
        # The partner's address as written: http, www. and the trailing slash stay.
        ("http://www.partner.example/calls/", "http://www.partner.example/calls/"),
        # Characters a URL cannot carry are percent-encoded, not a reason to drop it.
        (
            "http://www.partner.example/docs/appel d'offres.pdf",
            "http://www.partner.example/docs/appel%20d'offres.pdf",
        ),
        ('https://example.org/"onmouseover="x', "https://example.org/%22onmouseover=%22x"),
        (
            'https://example.org/a"><script>alert(1)</script>',
            "https://example.org/a%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
        ),
        ("https://example.org/a`b\\c{d}\x01", "https://example.org/a%60b%5Cc%7Bd%7D%01"),
        ("https://example.org/a\tb\nc", "https://example.org/abc"),
        (
            "https://example.org/appel-à?q=é#dépôt",
            "https://example.org/appel-%C3%A0?q=%C3%A9#d%C3%A9p%C3%B4t",
        ),
        ("https://exémple.org:8080/x", "https://xn--exmple-cva.org:8080/x"),
        ("https://example.org/a%20b?x=1&y=2,3", "https://example.org/a%20b?x=1&y=2,3"),
        ("https://example.org/100% gold", "https://example.org/100%25%20gold"),
        ("https://[2001:db8::1]:8443/x", "https://[2001:db8::1]:8443/x"),
        # Never another scheme, a relative link, or an address without a usable host.
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("  javascript:alert('http://x')", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("mailto:someone@example.org", None),
        ("ftp://example.org/file", None),
        ("/relative/path", None),
        ("//example.org/protocol-relative", None),
        ("https:example.org", None),
        ("https:///no-host", None),
        ("https://example.org:99999/bad-port", None),
        ("https://[::1/unclosed", None),
        ('https://example.org"onmouseover="x/', None),
        ("", None),
        (None, None),
    ],
)
def test_only_absolute_http_links_are_published_percent_encoded(
    url: str | None, expected: str | None
) -> None:
    assert safe_link(url) == expected
    if expected is not None:
        assert safe_link(expected) == expected  # publishing twice changes nothing


# --- translations ---------------------------------------------------------------------


def test_translations_linked_by_link_are_grouped_english_first() -> None:
    fr = make_item(
        "fr",
        language="fr",
        link="https://partner.example/fr/appel",
        url="https://partner.example/fr/appel",
        translations=(
            ("en", "https://partner.example/en/call"),
            ("es", "https://partner.example/es/convocatoria"),
        ),
    )
    en = make_item(
        "en",
        language="en",
        link="https://partner.example/en/call",
        url="https://partner.example/en/call",
    )
    es = make_item(
        "es",
        language="es",
        link="https://partner.example/es/convocatoria",
        url="https://partner.example/es/convocatoria",
    )
    other = make_item("other")
    groups = group_translations([fr, other, en, es])
    assert groups == [ItemGroup(lead=en, others=(fr, es)), ItemGroup(lead=other)]
    assert [item.id for item in groups[0].items] == ["en", "fr", "es"]


def test_translations_match_the_canonical_url() -> None:
    en = make_item(
        "en",
        link="https://www.partner.example/call/?utm_source=feed",
        url="https://partner.example/call",
        translations=(("fr", "http://partner.example/appel/"),),
    )
    fr = make_item(
        "fr",
        language="fr",
        link="https://partner.example/appel?x=1",
        url="https://partner.example/appel",
    )
    assert group_translations([en, fr]) == [ItemGroup(lead=en, others=(fr,))]


def test_grouping_is_transitive_and_one_way_links_suffice() -> None:
    a = make_item("a", language="fr", translations=(("es", "https://partner.example/b"),))
    b = make_item("b", language="es", translations=(("en", "https://partner.example/c"),))
    c = make_item("c", language="en")
    assert group_translations([a, b, c]) == [ItemGroup(lead=c, others=(a, b))]


def test_a_partner_cannot_fold_another_partners_item_under_its_own() -> None:
    theirs = make_item(
        "call",
        link="https://eprm.example/calls/cobalt",
        url="https://eprm.example/calls/cobalt",
        sources=(SourceRef("EPRM", "https://eprm.example/calls/cobalt"),),
    )
    claim = make_item(
        "claim",
        language="fr",
        translations=(("en", "https://eprm.example/calls/cobalt"),),
        sources=(SourceRef("Other", "https://other.example/x"),),
    )
    groups = group_translations([claim, theirs])
    assert [group.lead for group in groups] == [claim, theirs]
    assert groups[0].links == (("en", "https://eprm.example/calls/cobalt"),)


def test_linking_to_another_partners_site_does_not_make_its_items_yours() -> None:
    theirs = make_item(
        "fr",
        language="fr",
        link="https://a.example/fr/appel",
        url="https://a.example/fr/appel",
        sources=(SourceRef("A", "https://a.example/fr/appel", feed="https://a.example/feed"),),
    )
    claim = make_item(
        "en",
        link="https://a.example/anything",  # a link on A's site, chosen by B
        url="https://a.example/anything",
        translations=(("fr", "https://a.example/fr/appel"),),
        sources=(SourceRef("B", "https://a.example/anything", feed="https://b.example/feed"),),
    )
    assert [group.lead for group in group_translations([claim, theirs])] == [claim, theirs]


def test_re_posting_a_partners_call_does_not_make_it_your_translation() -> None:
    call = "https://a.example/fr/appel"
    theirs = make_item(
        "fr",
        language="fr",
        link=call,
        url=call,
        sources=(
            SourceRef("A", call, feed="https://a.example/feed"),
            SourceRef("B", call, feed="https://b.example/feed"),  # B re-posts it
        ),
    )
    claim = make_item(
        "en",
        link="https://b.example/en/call",
        url="https://b.example/en/call",
        translations=(("fr", call),),
        sources=(SourceRef("B", "https://b.example/en/call", feed="https://b.example/feed"),),
    )
    assert [group.lead for group in group_translations([claim, theirs])] == [claim, theirs]


def test_two_partners_whose_feeds_share_a_feed_service_stay_apart() -> None:
    a = make_item(
        "a",
        link="https://a.example/call",
        url="https://a.example/call",
        translations=(("fr", "https://b.example/appel"),),
        sources=(SourceRef("A", "https://a.example/call", feed="https://feeds.example/a"),),
    )
    b = make_item(
        "b",
        language="fr",
        link="https://b.example/appel",
        url="https://b.example/appel",
        sources=(SourceRef("B", "https://b.example/appel", feed="https://feeds.example/b"),),
    )
    assert len(group_translations([a, b])) == 2


def test_a_partner_with_a_source_per_language_still_gets_one_entry() -> None:
    en = make_item(
        "en",
        link="https://www.responsiblemines.example/en/calls/asgm",
        url="https://responsiblemines.example/en/calls/asgm",
        translations=(("es", "https://www.responsiblemines.example/es/convocatorias/asgm"),),
        sources=(
            SourceRef(
                "ARM",
                "https://www.responsiblemines.example/en/calls/asgm",
                feed="https://www.responsiblemines.example/en/feed/",
            ),
        ),
    )
    es = make_item(
        "es",
        language="es",
        link="https://www.responsiblemines.example/es/convocatorias/asgm",
        url="https://responsiblemines.example/es/convocatorias/asgm",
        sources=(
            SourceRef(
                "ARM (ES)",
                "https://www.responsiblemines.example/es/c",
                feed="https://responsiblemines.example/es/feed/",
            ),
        ),
    )
    assert group_translations([es, en]) == [ItemGroup(lead=en, others=(es,))]


def test_without_preferred_language_the_first_leads() -> None:
    fr = make_item("fr", language="fr", translations=(("es", "https://partner.example/es"),))
    es = make_item("es", language="es")
    assert group_translations([fr, es]) == [ItemGroup(lead=fr, others=(es,))]
    assert group_translations([es, fr], prefer_language="fr") == [ItemGroup(lead=fr, others=(es,))]
    assert group_translations([es, fr], prefer_language=None) == [ItemGroup(lead=es, others=(fr,))]


def test_unmatched_translations_stay_as_links_and_unsafe_ones_are_dropped() -> None:
    item = make_item(
        "en",
        translations=(
            ("fr", "https://elsewhere.example/fr"),
            ("es", "javascript:alert(1)"),
            ("en", "https://partner.example/en"),  # itself
        ),
    )
    assert group_translations([item]) == [
        ItemGroup(lead=item, links=(("fr", "https://elsewhere.example/fr"),))
    ]


def test_a_link_to_a_language_already_in_the_group_is_not_repeated() -> None:
    en = make_item("en", translations=(("fr", "https://partner.example/fr"),))
    fr = make_item("fr", language="fr", translations=(("fr", "https://mirror.example/fr"),))
    assert group_translations([en, fr]) == [ItemGroup(lead=en, others=(fr,))]


def test_items_without_translations_stay_separate_in_order() -> None:
    items = [make_item(f"x{i}") for i in range(5)]
    assert [group.lead for group in group_translations(items)] == items
    assert group_translations([]) == []


def test_grouping_thousands_of_items_is_quick() -> None:
    import time

    items = [
        make_item(
            f"i{i}",
            link=f"https://partner.example/{i}",
            url=f"https://partner.example/{i}",
            translations=((("fr", f"https://partner.example/{i + 1}"),) if i % 2 == 0 else ()),
        )
        for i in range(5000)
    ]
    start = time.process_time()  # CPU time: other work on the machine must not fail the test
    groups = group_translations(items)
    assert time.process_time() - start < 1.0
    assert len(groups) == 2500
