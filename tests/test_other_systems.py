"""Outputs for other systems: the calls as CommonGrants opportunities, schema.org JSON-LD
on the front page, and the `about` page of the `_clearinghouse` extension."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from aggregator.exports import write_exports
from aggregator.opportunities import key_dates, opportunity_id
from aggregator.render import render_site
from aggregator.structured import script_json
from aggregator.types import EventDates, KeyDate

from .test_outputs_checked import NOW, SITE_URL, make_config, make_item

HOSTILE = 'Call </script><script>alert(1)</script> & "quotes" <!-- x'


@pytest.fixture
def items() -> list:
    return [
        make_item(
            "open",
            kind="call",
            title="Grants for cooperatives",
            summary="<p>Up to <b>USD 50,000</b>.</p><script>x()</script>",
            deadline=date(2027, 6, 30),
            deadline_phrase="Apply by 30 June 2027",
            deadline_extended=True,
            key_dates=(
                KeyDate("information-session", date(2027, 6, 10)),
                KeyDate("information-session", date(2027, 6, 17)),
                KeyDate("full-proposal", date(2027, 9, 1)),
            ),
            tags=("gold",),
        ),
        make_item("rolling", kind="call", title="Rolling call", deadline=None),
        make_item(
            "soon",
            kind="call",
            status="forthcoming",
            title="Call coming soon",
            opens=date(2027, 7, 1),
            deadline=date(2027, 8, 1),
        ),
        make_item("closed", kind="call", title="Closed call", deadline=date(2027, 5, 1)),
        make_item("news", title="Some news"),
        make_item(
            "forum",
            kind="event",
            title=HOSTILE,
            language="fr",
            event=EventDates(date(2027, 6, 20), date(2027, 6, 22), online=True),
        ),
        make_item(
            "site-visit",
            kind="event",
            title="Site visit",
            event=EventDates(date(2027, 7, 5), date(2027, 7, 5), online=None),
        ),
    ]


# --- opportunities/index.json ----------------------------------------------------------------


def test_opportunities_hold_the_open_and_forthcoming_calls_as_commongrants(
    tmp_path: Path, items: list
) -> None:
    write_exports(items, make_config(tmp_path), now=NOW)
    document = json.loads((tmp_path / "opportunities" / "index.json").read_text())
    assert document["status"] == 200
    found = {o["title"]: o for o in document["items"]}
    assert sorted(found) == ["Call coming soon", "Grants for cooperatives", "Rolling call"]
    assert document["paginationInfo"] == {
        "page": 1,
        "pageSize": 3,
        "totalItems": 3,
        "totalPages": 1,
    }
    call = found["Grants for cooperatives"]
    assert set(call) == {
        "id",
        "title",
        "status",
        "description",
        "keyDates",
        "source",
        "customFields",
        "createdAt",
        "lastModifiedAt",
    }
    assert uuid.UUID(call["id"]).version == 5
    assert call["status"] == {
        "value": "open",
        "description": "Opportunity is actively accepting applications",
    }
    assert call["description"] == "Up to USD 50,000."  # plain text, no script
    assert call["source"] == "https://partner.example/open"
    assert call["keyDates"]["postDate"] == {
        "name": "Published",
        "eventType": "singleDate",
        "date": "2027-05-30",
    }
    assert call["keyDates"]["closeDate"] == {
        "name": "Application deadline",
        "eventType": "singleDate",
        "date": "2027-06-30",
        "description": "Extended. Apply by 30 June 2027",
    }
    assert list(call["keyDates"]["otherDates"]) == [
        "informationSession",
        "informationSession2",
        "fullProposal",
    ]
    assert call["customFields"]["partners"] == {
        "name": "partners",
        "fieldType": "array",
        "value": ["Partner"],
        "description": "The partners that published the call, its publisher first",
    }
    assert call["customFields"]["clearinghouseStatus"]["value"] == "open"
    assert call["createdAt"] == "2027-05-30T12:00:00Z"
    soon = found["Call coming soon"]
    assert soon["status"]["value"] == "forecasted"
    assert soon["keyDates"]["otherDates"]["appOpens"]["date"] == "2027-07-01"
    rolling = found["Rolling call"]
    assert rolling["status"]["value"] == "open"
    assert "closeDate" not in rolling["keyDates"]  # no deadline read: none invented
    assert rolling["customFields"]["clearinghouseStatus"]["value"] == "rolling"


def test_an_opportunity_keeps_its_id_from_run_to_run(items: list) -> None:
    assert opportunity_id(items[0]) == opportunity_id(replace(items[0], title="Edited"))
    assert opportunity_id(items[0]) != opportunity_id(items[1])


@pytest.mark.parametrize(
    ("what", "key"),
    [
        ("concept-note", "conceptNote"),
        ("full-proposal", "fullProposal"),
        ("questions", "questions"),
        ("registration", "registration"),
    ],
)
def test_milestones_are_named_as_the_protocol_names_keys(what: str, key: str) -> None:
    call = make_item("c", kind="call", key_dates=(KeyDate(what, date(2027, 7, 1)),))  # type: ignore[arg-type]
    assert list(key_dates(call)["otherDates"]) == [key]


def test_the_opportunities_file_cannot_carry_markup(tmp_path: Path) -> None:
    call = make_item("x", kind="call", title=HOSTILE, deadline=date(2027, 7, 1))
    write_exports([call], make_config(tmp_path), now=NOW)
    raw = (tmp_path / "opportunities" / "index.json").read_text()
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["items"][0]["title"] == HOSTILE


# --- schema.org JSON-LD on the front page --------------------------------------------------------


def json_ld(page: str) -> dict:
    (script,) = LexborHTMLParser(page).css('script[type="application/ld+json"]')
    return json.loads(script.text())


def test_the_front_page_describes_its_calls_and_events_in_json_ld(
    tmp_path: Path, items: list
) -> None:
    render_site(items, make_config(tmp_path), now=NOW)
    page = (tmp_path / "index.html").read_text()
    document = json_ld(page)
    assert document["@context"] == "https://schema.org"
    calls, *events = document["@graph"]
    assert calls["@type"] == "ItemList"
    assert calls["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "url": "https://partner.example/open"},
        {"@type": "ListItem", "position": 2, "url": "https://partner.example/rolling"},
    ]
    assert calls["numberOfItems"] == 2
    forum, visit = events
    assert forum == {
        "@type": "Event",
        "name": HOSTILE,
        "startDate": "2027-06-20",
        "endDate": "2027-06-22",
        "url": "https://partner.example/forum",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": "https://partner.example/forum"},
        "organizer": [{"@type": "Organization", "name": "Partner"}],
        "inLanguage": "fr",
    }
    assert "eventAttendanceMode" not in visit and "location" not in visit  # not said: not guessed


def test_partner_text_cannot_close_the_json_ld_script(tmp_path: Path, items: list) -> None:
    render_site(items, make_config(tmp_path), now=NOW)
    page = (tmp_path / "index.html").read_text()
    head = page[page.index('<script type="application/ld+json">') :]
    body = head[: head.index("</script>")]
    assert "</" not in body and "<!--" not in body and "<script" not in body[8:]
    assert LexborHTMLParser(page).css("script")[0].attributes["type"] == "application/ld+json"
    assert len(LexborHTMLParser(page).css("script")) == 1  # the hostile title made none


@pytest.mark.parametrize("text", ["</script>", "<!--", "a & b", "\u2028", "\u2029"])
def test_script_json_round_trips_what_it_escapes(text: str) -> None:
    written = script_json({"name": text})
    assert "<" not in written and "\u2028" not in written and "\u2029" not in written
    assert json.loads(written) == {"name": text}


def test_a_page_with_no_call_or_event_has_no_json_ld(tmp_path: Path) -> None:
    render_site([make_item("news")], make_config(tmp_path), now=NOW)
    assert "application/ld+json" not in (tmp_path / "index.html").read_text()


# --- the about page of _clearinghouse ----------------------------------------------------------


def test_clearinghouse_carries_an_about_url_to_a_published_page(
    tmp_path: Path, items: list
) -> None:
    render_site(items, make_config(tmp_path), now=NOW)
    feed = json.loads((tmp_path / "feed.json").read_text())
    about = f"{SITE_URL}about/clearinghouse.html"
    assert {entry["_clearinghouse"]["about"] for entry in feed["items"]} == {about}
    page = LexborHTMLParser((tmp_path / "about" / "clearinghouse.html").read_text())
    assert page.css_first("html").attributes["lang"] == "en"
    described = {node.text() for node in page.css("dt code")}
    fields = set(feed["items"][0]["_clearinghouse"])
    assert fields <= described, fields - described


def test_every_new_output_is_in_the_readme_and_the_outputs_doc() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text()
    outputs = (root / "docs" / "outputs.md").read_text()
    for name in (
        "opportunities/index.json",
        "about/clearinghouse.html",
        "sources.html",
        "sources.opml",
        "feed.xsl",
        "calls/item-<id>.ics",
    ):
        assert name in outputs, name
        assert name in readme, name
