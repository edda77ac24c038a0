"""dedup.plan_items: what one poll changes, as tables of cases; no database."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from aggregator.dedup import (
    Edit,
    Move,
    Plan,
    Stored,
    StoredItem,
    StoredRow,
    candidate_ids,
    content_hash,
    item_id,
    plan_items,
    wanted_ids,
)
from aggregator.types import Classification, ClassifiedItem, ParsedItem
from tests.conftest import NOW

OURS = "https://partner.org/feed.xml"  # the source being polled
OTHER = "https://other.net/feed.xml"  # another partner, re-posting
CALL = "https://partner.org/calls/1"  # a call on our site
THEIRS = "https://other.net/news/2"  # an item on the other partner's site
EARLIER = "2027-03-01T00:00:00+00:00"


def entry(key: str = "a", title: str = "Call for proposals", link: str | None = CALL):
    return ClassifiedItem(
        parsed=ParsedItem(key=key, title=title, link=link),
        classification=Classification(kind="call", kind_reason="test"),
    )


def of(url: str) -> str:
    return item_id(url)


@dataclass
class Case:
    """One poll of OURS: what it says, what was stored, what the plan is."""

    entries: list[ClassifiedItem]
    #: key -> (item id, the stored entry) of OURS's entries already stored
    known: dict[str, tuple[str, ClassifiedItem]] = field(default_factory=dict)
    #: item url -> feeds that stored it, first first
    items: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    held: bool = False
    #: expected: counts and the kinds of steps
    new: int = 0
    updated: int = 0
    seen_again: tuple[str, ...] = ()
    steps: tuple[type, ...] = ()
    to_item: tuple[bool, ...] = ()
    links: tuple[str, ...] = ()  # the item urls OURS's new rows point at
    takeovers: int = 0


CASES = {
    "a new entry is a new item": Case(entries=[entry()], new=1, links=(CALL,)),
    "an entry seen again unchanged only counts as seen": Case(
        entries=[entry()],
        known={"a": (of(CALL), entry())},
        items={CALL: [(OURS, "a")]},
        seen_again=("a",),
    ),
    "the publisher's edit changes the item": Case(
        entries=[entry(title="Call for proposals (extended)")],
        known={"a": (of(CALL), entry())},
        items={CALL: [(OURS, "a")]},
        updated=1,
        steps=(Edit,),
        to_item=(True,),
    ),
    "a re-poster's edit stays in its own row": Case(
        entries=[entry(title="Re-posted, retitled", link=THEIRS)],
        known={"a": (of(THEIRS), entry(link=THEIRS))},
        items={THEIRS: [(OTHER, "x"), (OURS, "a")]},
        steps=(Edit,),
        to_item=(False,),
    ),
    "a re-post whose link moves joins the item it now links to": Case(
        entries=[entry(link=CALL)],
        known={"a": (of(THEIRS), entry(link=THEIRS))},
        items={THEIRS: [(OTHER, "x"), (OURS, "a")], CALL: [(OTHER, "y")]},
        steps=(Move,),
        links=(CALL,),
        takeovers=1,
        updated=1,
    ),
    "a re-post whose link moves to a new address makes a new item": Case(
        entries=[entry(link="https://third.org/x")],
        known={"a": (of(THEIRS), entry(link=THEIRS))},
        items={THEIRS: [(OTHER, "x"), (OURS, "a")]},
        steps=(Move,),
        new=1,
        links=("https://third.org/x",),
    ),
    "the publisher takes over an item a re-poster stored first": Case(
        entries=[entry()],
        items={CALL: [(OTHER, "y")]},
        links=(CALL,),
        takeovers=1,
        updated=1,
    ),
    "a held poll never takes over": Case(
        entries=[entry()], items={CALL: [(OTHER, "y")]}, held=True, links=(CALL,)
    ),
    "a re-post of another's item only adds a source": Case(
        entries=[entry(link=THEIRS)], items={THEIRS: [(OTHER, "x")]}, links=(THEIRS,)
    ),
    "an entry without a link is its own item": Case(entries=[entry(link=None)], new=1),
    "two entries for one new address are one item": Case(
        entries=[entry("a"), entry("b", title="Same call, again")],
        new=1,
        links=(CALL, CALL),
    ),
}


def stored_for(case: Case) -> Stored:
    known = {key: (item, content_hash(ci)) for key, (item, ci) in case.known.items()}
    items = {
        of(url): StoredItem(
            url=url, rows=tuple(StoredRow(feed, key, EARLIER) for feed, key in rows)
        )
        for url, rows in case.items.items()
    }
    return Stored(known=known, items=items)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_plan(case: Case) -> None:
    stored = stored_for(case)
    plan = plan_items(OURS, case.entries, stored, now=NOW, held=case.held)
    assert (plan.new, plan.updated) == (case.new, case.updated)
    assert plan.seen_again == case.seen_again
    assert tuple(type(step) for step in plan.steps) == case.steps
    assert tuple(step.to_item for step in plan.steps if isinstance(step, Edit)) == case.to_item
    linked = [link.item_id for link in plan.links]
    expected = [of(url) for url in case.links]
    if not case.links:  # a link-less entry's row points at its own item
        expected = [new.id for new in plan.new_items] if plan.links else []
    assert linked == expected
    assert len(plan.takeovers) == case.takeovers


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_wanted_ids_cover_what_the_plan_reads(case: Case) -> None:
    """Storage loads only `wanted_ids`: the plan is the same as with everything loaded."""
    everything = stored_for(case)
    known = dict(everything.known)
    wanted = wanted_ids(OURS, case.entries, known)
    loaded = Stored(known=known, items={k: v for k, v in everything.items.items() if k in wanted})
    assert plan_items(OURS, case.entries, loaded, now=NOW) == plan_items(
        OURS, case.entries, everything, now=NOW
    )


@pytest.mark.parametrize(
    ("key", "link", "expected_url"),
    [
        ("a", "https://Partner.org/calls/1?utm_source=x", "https://partner.org/calls/1"),
        ("a", None, None),
    ],
)
def test_identity(key: str, link: str | None, expected_url: str | None) -> None:
    url, identity = candidate_ids(OURS, key, link)
    assert url == expected_url
    assert identity == item_id(url or f"{OURS}\n{key}")


def test_plan_is_plain_data() -> None:
    plan = plan_items(OURS, [entry()], Stored(known={}), now=NOW)
    assert isinstance(plan, Plan)
    assert plan.new_items[0].row["title"] == "Call for proposals"
    assert plan.new_items[0].row["published"] == NOW.isoformat()
